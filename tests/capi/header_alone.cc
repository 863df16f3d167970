// mhpbr.h on its own in a C++ translation unit. Linked against libmhpbr
// and run: if the extern "C" guards were missing, the calls below would
// look for C++-mangled names and the link would fail.
#include "mhpbr.h"

int main() {
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_allocation_check chk = MHPBR_ALLOCATION_CHECK_INIT;
  mhpbr_rules* rules = nullptr;
  mhpbr_classifier* classifier = nullptr;
  if (mhpbr_version_number() != MHPBR_VERSION_NUMBER) return 1;
  if (mhpbr_rules_load_default(&rules, nullptr) != MHPBR_OK) return 1;
  if (mhpbr_classifier_create(rules, &classifier, nullptr) != MHPBR_OK) {
    return 1;
  }
  // A live call links too, and its init macro is valid C++.
  mhpbr_review review = MHPBR_REVIEW_INIT;
  if (mhpbr_rules_review_due(rules, 1, 20230401, 20230701, &review, nullptr) !=
          MHPBR_OK ||
      review.review_due != 20230624) {
    return 1;
  }
  mhpbr_rules_destroy(rules);
  // The sized inits link too (C++ passes the same sizeof).
  MHPBR_ASSESSMENT_INIT_SIZED(&a);
  MHPBR_RESULT_INIT_SIZED(&r);
  MHPBR_ALLOCATION_CHECK_INIT_SIZED(&chk);
  // Too few known items: cluster 0, but a successful call.
  const mhpbr_code code = mhpbr_classify(classifier, &a, &r, nullptr);
  const mhpbr_code check =
      mhpbr_check_allocation(classifier, &a, 0, &chk, nullptr);
  mhpbr_classifier_destroy(classifier);
  mhpbr_free(nullptr);
  return code == MHPBR_OK && check == MHPBR_OK && r.suggested_cluster == 0 &&
                 r.reason == MHPBR_REASON_TOO_FEW_KNOWN
             ? 0
             : 1;
}
