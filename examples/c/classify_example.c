/* Classifies one assessment through the C API and prints why.
 * Build: cc classify_example.c -lmhpbr */
#include <stdio.h>

#include "mhpbr.h"

int main(void) {
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* classifier = NULL;
  char* error = NULL;
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  /* Cluster 4's typical ratings: items 1-13 then A-E. */
  const uint8_t ratings[MHPBR_ITEM_COUNT] = {0, 0, 0, 0, 1, 1, 4, 4, 3,
                                             1, 0, 3, 0, 0, 0, 0, 0, 1};
  int i;

  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK ||
      mhpbr_classifier_create(rules, &classifier, &error) != MHPBR_OK) {
    fprintf(stderr, "mhpbr: %s\n", error);
    mhpbr_free(error);
    mhpbr_rules_destroy(rules);
    return 1;
  }
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = ratings[i];
  a.psychosis = MHPBR_ANSWER_NO;
  a.allocated_cluster = 6;

  if (mhpbr_classify(classifier, &a, &r, &error) != MHPBR_OK) {
    fprintf(stderr, "mhpbr: %s\n", error);
    mhpbr_free(error);
  } else {
    printf("mhpbr %s, rules: %s (%s)\n", mhpbr_version(),
           mhpbr_rules_version(rules), mhpbr_rules_financial_year(rules));
    printf("suggested cluster %d (fit %d.%03d), runner-up %d\n",
           r.suggested_cluster, r.suggested_fit_milli / 1000,
           r.suggested_fit_milli % 1000, r.runner_up_cluster);
    printf("allocated cluster %d is %s", r.allocated_cluster,
           r.allocation_red ? "red on items" : "not red");
    for (i = 0; i < MHPBR_ITEM_COUNT; ++i) {
      if (r.red_items & (1u << i)) printf(" %s", mhpbr_item_code(i));
    }
    printf("\n");
  }
  mhpbr_classifier_destroy(classifier);
  mhpbr_rules_destroy(rules);
  return 0;
}
