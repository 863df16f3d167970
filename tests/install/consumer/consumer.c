/* Classifies cluster 10's typical ratings through the installed C API,
 * included as <mhpbr/mhpbr.h>, or with MHPBR_CONSUMER_FORMER_INCLUDE
 * defined as the former <mhpbr.h> (which must still work on its own). */
#include <stdio.h>
#include <string.h>

#ifdef MHPBR_CONSUMER_FORMER_INCLUDE
#include <mhpbr.h>
#else
#include <mhpbr/mhpbr.h>
#endif

int main(void) {
  const uint8_t typical[MHPBR_ITEM_COUNT] = {0, 0, 0, 0, 1, 3, 0, 0, 2,
                                             2, 0, 2, 0, 0, 0, 0, 0, 0};
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* classifier = NULL;
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  char* error = NULL;
  int ok;
  if (mhpbr_version_number() != MHPBR_VERSION_NUMBER) {
    fprintf(stderr, "header %d, library %d\n", MHPBR_VERSION_NUMBER,
            (int)mhpbr_version_number());
    return 1;
  }
  memcpy(a.ratings, typical, sizeof typical);
  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK ||
      mhpbr_classifier_create(rules, &classifier, &error) != MHPBR_OK ||
      mhpbr_classify(classifier, &a, &r, &error) != MHPBR_OK) {
    fprintf(stderr, "%s\n", error ? error : "?");
    mhpbr_free(error);
    return 1;
  }
  ok = r.suggested_cluster == 10;
  printf("mhpbr %s: cluster %d\n", mhpbr_version(), (int)r.suggested_cluster);
  mhpbr_classifier_destroy(classifier);
  mhpbr_rules_destroy(rules);
  return ok ? 0 : 1;
}
