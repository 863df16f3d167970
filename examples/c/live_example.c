/* What an EPR asks while a record is open, through the C API's live calls:
 * classify the assessment, look up the suggested cluster, say when its
 * review falls due, check the move against the transition protocol, show
 * the cluster's care package and price the current period.
 *
 * Build: cc live_example.c $(pkg-config --cflags --libs mhpbr)
 * Run:   ./live_example [DATA_DIR]   (default examples/data: the contract
 *        and tariff to price with) */
#include <mhpbr/mhpbr.h>
#include <stdio.h>
#include <stdlib.h>

/* Builds DIR/NAME into `out`. */
static const char* data_path(const char* dir, const char* name, char* out,
                             size_t size) {
  snprintf(out, size, "%s/%s", dir, name);
  return out;
}

/* 20240106 as "2024-01-06". */
static const char* iso_date(int32_t yyyymmdd, char* out, size_t size) {
  snprintf(out, size, "%04d-%02d-%02d", (int)(yyyymmdd / 10000),
           (int)(yyyymmdd / 100 % 100), (int)(yyyymmdd % 100));
  return out;
}

/* Prints the error, frees it, and says the call failed. */
static int failed(mhpbr_code code, char* error) {
  if (code == MHPBR_OK) return 0;
  fprintf(stderr, "mhpbr: %s: %s\n", mhpbr_code_name(code), error ? error : "");
  mhpbr_free(error);
  return 1;
}

static const char* tier_name(int32_t tier) {
  return tier == MHPBR_TIER_CORE        ? "core"
         : tier == MHPBR_TIER_ESSENTIAL ? "essential"
                                        : "variance";
}

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : "examples/data";
  /* The record: ratings (items 1-13, then A-E), the period in the previous
   * cluster, today. */
  const uint8_t ratings[MHPBR_ITEM_COUNT] = {0, 0, 0, 0, 1, 1, 4, 4, 3,
                                             1, 0, 3, 0, 0, 0, 0, 0, 1};
  const int32_t previous_cluster = 3;
  const int32_t period_start = 20230706;
  const int32_t today = 20240331;

  mhpbr_rules* rules = NULL;
  mhpbr_classifier* classifier = NULL;
  mhpbr_catalogue* catalogue = NULL;
  mhpbr_tariff* tariff = NULL;
  char* error = NULL;
  char contract_path[1024], tariff_path[1024], start[16], due[16];
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_cluster_info info = MHPBR_CLUSTER_INFO_INIT;
  mhpbr_review review = MHPBR_REVIEW_INIT;
  mhpbr_period period = MHPBR_PERIOD_INIT;
  mhpbr_payment payment = MHPBR_PAYMENT_INIT;
  mhpbr_template_cost cost = MHPBR_TEMPLATE_COST_INIT;
  int32_t allowed = 0;
  size_t count = 0, i;
  int status = 1;

  /* Built once, shared by every record (and thread). */
  if (failed(mhpbr_rules_load_default(&rules, &error), error) ||
      failed(mhpbr_classifier_create(rules, &classifier, &error), error) ||
      failed(mhpbr_catalogue_create(NULL, 0, NULL, 0, &catalogue, &error),
             error) ||
      failed(mhpbr_tariff_create_files(
                 rules,
                 data_path(dir, "contract.textproto", contract_path,
                           sizeof contract_path),
                 data_path(dir, "tariff.csv", tariff_path, sizeof tariff_path),
                 &tariff, &error),
             error)) {
    goto done;
  }

  /* 1. Classify the assessment. */
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = ratings[i];
  a.psychosis = MHPBR_ANSWER_NO;
  if (failed(mhpbr_classify(classifier, &a, &r, &error), error)) goto done;

  /* 2. What the suggested cluster is. */
  if (failed(mhpbr_rules_cluster(rules, r.suggested_cluster, &info, &error),
             error)) {
    goto done;
  }
  printf("suggested cluster %d: %s (reviewed every %d %s, %d days)\n",
         (int)info.cluster, info.name, (int)info.review_count,
         info.review_unit == MHPBR_REVIEW_WEEKS ? "weeks" : "months",
         (int)info.review_days);

  /* 3. When the current period's review falls due. */
  if (failed(mhpbr_rules_review_due(rules, previous_cluster, period_start,
                                    today, &review, &error),
             error)) {
    goto done;
  }
  printf("cluster %d period from %s: review due %s, %d days overdue\n",
         (int)previous_cluster, iso_date(period_start, start, sizeof start),
         iso_date(review.review_due, due, sizeof due),
         (int)review.overdue_days);

  /* 4. Is the move in the transition protocol? */
  if (failed(
          mhpbr_rules_transition_allowed(rules, previous_cluster,
                                         r.suggested_cluster, &allowed, &error),
          error)) {
    goto done;
  }
  printf("move from cluster %d to %d: %s\n", (int)previous_cluster,
         (int)r.suggested_cluster,
         allowed ? "allowed" : "outside the protocol");

  /* 5. The cluster's care package (it informs, never overrides, the
   * clinician's judgement and the person's choices). */
  if (failed(mhpbr_catalogue_element_count(catalogue, r.suggested_cluster,
                                           &count, &error),
             error) ||
      failed(mhpbr_catalogue_template_cost(catalogue, r.suggested_cluster,
                                           &cost, &error),
             error)) {
    goto done;
  }
  printf("care package for cluster %d, %lu elements:\n",
         (int)r.suggested_cluster, (unsigned long)count);
  for (i = 0; i < count; ++i) {
    mhpbr_package_element e = MHPBR_PACKAGE_ELEMENT_INIT;
    if (failed(mhpbr_catalogue_element(catalogue, r.suggested_cluster, i, &e,
                                       &error),
               error)) {
      goto done;
    }
    printf("  %-9s %s (%s), for %ld%% of people, %lld.%02lld per period\n",
           tier_name(e.tier), e.name, e.guidance, (long)(e.share_ppm / 10000),
           (long long)(e.cost_pence / 100), (long long)(e.cost_pence % 100));
  }
  printf("expected cost per review period: %lld.%02lld\n",
         (long long)(cost.total_pence / 100),
         (long long)(cost.total_pence % 100));

  /* 6. What the current period earns this contract year (open: priced to
   * the year's end). */
  period.cluster = previous_cluster;
  period.start = period_start;
  period.end = MHPBR_NO_DATE;
  if (failed(mhpbr_tariff_price_period(tariff, &period, &payment, &error),
             error)) {
    goto done;
  }
  printf("cluster %d period this contract year: %lld.%02lld (%s, %d days)\n",
         (int)previous_cluster, (long long)(payment.amount_pence / 100),
         (long long)(payment.amount_pence % 100),
         payment.status == MHPBR_PAYMENT_PRICED     ? "priced"
         : payment.status == MHPBR_PAYMENT_UNPRICED ? "unpriced"
                                                    : "outside the year",
         (int)payment.days_in_year);
  status = 0;

done:
  mhpbr_tariff_destroy(tariff);
  mhpbr_catalogue_destroy(catalogue);
  mhpbr_classifier_destroy(classifier);
  mhpbr_rules_destroy(rules);
  return status;
}
