/* Classifies one assessment through the C API and prints why.
 * Build: cc classify_example.c $(pkg-config --cflags --libs mhpbr) */
#include <mhpbr/mhpbr.h>
#include <stdio.h>

/* A fit score in thousandths as a decimal with three places: 37000 gives
 * "37.000", -2500 "-2.500" and -500 "-0.500" (the sign goes first: the
 * integer part of -500 is 0, and C's % keeps the dividend's sign). */
static void format_fit(int32_t milli, char* out, size_t size) {
  const long long m = milli; /* wide enough to negate INT32_MIN */
  const long long magnitude = m < 0 ? -m : m;
  snprintf(out, size, "%s%lld.%03lld", m < 0 ? "-" : "", magnitude / 1000,
           magnitude % 1000);
}

int main(void) {
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* classifier = NULL;
  char* error = NULL;
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  /* Cluster 4's typical ratings: items 1-13 then A-E. */
  const uint8_t ratings[MHPBR_ITEM_COUNT] = {0, 0, 0, 0, 1, 1, 4, 4, 3,
                                             1, 0, 3, 0, 0, 0, 0, 0, 1};
  char fit[32];
  char runner_up_fit[32];
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
    format_fit(r.suggested_fit_milli, fit, sizeof fit);
    format_fit(r.runner_up_fit_milli, runner_up_fit, sizeof runner_up_fit);
    printf("suggested cluster %d (fit %s), runner-up %d (fit %s)\n",
           r.suggested_cluster, fit, r.runner_up_cluster, runner_up_fit);
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
