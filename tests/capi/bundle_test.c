/* Rule-set bundles through the C API: mhpbr_rules_load_bundle_text/_file,
 * mhpbr_rules_count, mhpbr_classify_on and mhpbr_classify_batch_on, and
 * the errors of a bundle whose dates overlap or of a date no rule set
 * covers. argv[1] is the frozen test rule set; the bundle is two copies of
 * it, the second with every weight doubled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mhpbr.h"

static char* ReadFile(const char* path) {
  FILE* f = fopen(path, "rb");
  char* buf;
  long n;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = (char*)malloc((size_t)n + 1);
  if (buf != NULL) {
    buf[fread(buf, 1, (size_t)n, f)] = '\0';
  }
  fclose(f);
  return buf;
}

/* `text` with its one `from` replaced by `to`, appended to `out`. */
static void AppendReplaced(char* out, const char* text, const char* from,
                           const char* to) {
  const char* at = strstr(text, from);
  CHECK(at != NULL);
  if (at == NULL) return;
  strncat(out, text, (size_t)(at - text));
  strcat(out, to);
  strcat(out, at + strlen(from));
}

static const char kFrom[] = "effective_from: \"2013-04-01\"";
static const char kWeights[] =
    "weights { must: 3 expected: 2 likely: 1 unlikely: -2 }";

/* 2016-04-01 to `y1_end`, then from 2017-04-01 (open) with doubled
 * weights. Caller frees. */
static char* Bundle(const char* frozen, const char* y1_end) {
  const size_t n = strlen(frozen);
  char* y2_dates = (char*)calloc(n + 256, 1);
  char* out = (char*)calloc(3 * n + 1024, 1);
  char y1_dates[128];
  sprintf(y1_dates, "effective_from: \"2016-04-01\" effective_to: \"%s\"",
          y1_end);
  strcat(out, "name: \"two years\"\nrule_sets {\n");
  AppendReplaced(out, frozen, kFrom, y1_dates);
  strcat(out, "\n}\nrule_sets {\n");
  AppendReplaced(y2_dates, frozen, kFrom, "effective_from: \"2017-04-01\"");
  AppendReplaced(out, y2_dates, kWeights,
                 "weights { must: 6 expected: 4 likely: 2 unlikely: -4 }");
  strcat(out, "\n}\n");
  free(y2_dates);
  return out;
}

/* The spec's example for cluster 1: fit 37 in clusters 1, 2 and 3 under
 * the frozen weights (17 E rows at 2, one M row at 3); doubled, 74. */
static void ClusterOneExample(mhpbr_assessment* a) {
  static const uint8_t r[MHPBR_ITEM_COUNT] = {0, 0, 0, 0, 1, 1, 2, 2, 1,
                                              0, 0, 1, 0, 0, 0, 0, 0, 0};
  MHPBR_ASSESSMENT_INIT_SIZED(a);
  memcpy(a->ratings, r, sizeof r);
}

static void TestTwoYears(const char* frozen) {
  char* text = Bundle(frozen, "2017-03-31");
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* c = NULL;
  mhpbr_assessment a[3];
  mhpbr_result r[3];
  int32_t dates[3] = {20170331, 20170401, 20160331};
  char* error = NULL;
  int i;

  if (!CHECK_INT(
          mhpbr_rules_load_bundle_text(text, strlen(text), &rules, &error),
          MHPBR_OK)) {
    fprintf(stderr, "%s\n", error);
    mhpbr_free(error);
    free(text);
    return;
  }
  CHECK_INT(mhpbr_rules_count(rules), 2);
  CHECK_INT(mhpbr_rules_count(NULL), 0);
  /* The newest rule set's provenance (both copies keep the frozen one's
   * version). */
  CHECK_STR(mhpbr_rules_version(rules), "mhpbr-reference-1");
  CHECK_INT(mhpbr_classifier_create(rules, &c, NULL), MHPBR_OK);
  for (i = 0; i < 3; ++i) {
    ClusterOneExample(&a[i]);
    MHPBR_RESULT_INIT_SIZED(&r[i]);
  }

  CHECK_INT(mhpbr_classify_on(c, 20170331, &a[0], &r[0], NULL), MHPBR_OK);
  CHECK_INT(r[0].suggested_cluster, 1);
  CHECK_INT(r[0].suggested_fit_milli, 37000);
  CHECK_INT(r[0].runner_up_cluster, 2);
  CHECK_INT(mhpbr_classify_on(c, 20170401, &a[1], &r[1], NULL), MHPBR_OK);
  CHECK_INT(r[1].suggested_fit_milli, 74000);
  CHECK_INT(r[1].runner_up_fit_milli, 74000);
  /* No date: the newest rule set. */
  CHECK_INT(mhpbr_classify(c, &a[0], &r[0], NULL), MHPBR_OK);
  CHECK_INT(r[0].suggested_fit_milli, 74000);

  CHECK_INT(mhpbr_classify_on(c, 20160331, &a[2], &r[2], &error),
            MHPBR_NOT_FOUND);
  CHECK_HAS(error, "no rule set in force on 2016-03-31");
  CHECK_INT(r[2].status, MHPBR_NOT_FOUND);
  mhpbr_free(error);
  CHECK_INT(mhpbr_classify_on(c, 20170230, &a[2], &r[2], &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "date");
  mhpbr_free(error);

  /* The batch goes on past the record no rule set covers. */
  CHECK_INT(mhpbr_classify_batch_on(c, a, dates, 3, r, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error,
            "1 of 3 records not classified; first: assessments[2]: "
            "no rule set in force on 2016-03-31");
  mhpbr_free(error);
  CHECK_INT(r[0].status, MHPBR_OK);
  CHECK_INT(r[0].suggested_fit_milli, 37000);
  CHECK_INT(r[1].status, MHPBR_OK);
  CHECK_INT(r[1].suggested_fit_milli, 74000);
  CHECK_INT(r[2].status, MHPBR_NOT_FOUND);
  CHECK_INT(mhpbr_classify_batch_on(c, a, NULL, 3, r, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_classify_batch_on(c, a, NULL, 0, r, NULL), MHPBR_OK);

  mhpbr_classifier_destroy(c);
  mhpbr_rules_destroy(rules);
  free(text);
}

static void TestErrors(const char* frozen, const char* frozen_path) {
  char* overlap = Bundle(frozen, "2017-04-01");
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* c = NULL;
  mhpbr_assessment a;
  mhpbr_result r;
  char* error = NULL;

  CHECK_INT(
      mhpbr_rules_load_bundle_text(overlap, strlen(overlap), &rules, &error),
      MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK_HAS(error, "rule_sets[0]");
  CHECK_HAS(error, "rule_sets[1]");
  CHECK_HAS(error, "are both in force on 2017-04-01");
  mhpbr_free(error);
  free(overlap);

  CHECK_INT(mhpbr_rules_load_bundle_file("/no/such/bundle", &rules, &error),
            MHPBR_NOT_FOUND);
  CHECK_HAS(error, "/no/such/bundle");
  mhpbr_free(error);
  CHECK_INT(mhpbr_rules_load_bundle_file(NULL, &rules, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_rules_load_bundle_text(NULL, 3, &rules, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_rules_load_bundle_text("x", 1, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);

  /* A single rule set file: a bundle of one, used for every date. */
  if (CHECK_INT(mhpbr_rules_load_bundle_file(frozen_path, &rules, NULL),
                MHPBR_OK)) {
    CHECK_INT(mhpbr_rules_count(rules), 1);
    CHECK_INT(mhpbr_classifier_create(rules, &c, NULL), MHPBR_OK);
    ClusterOneExample(&a);
    MHPBR_RESULT_INIT_SIZED(&r);
    CHECK_INT(mhpbr_classify_on(c, 19000101, &a, &r, NULL), MHPBR_OK);
    CHECK_INT(r.suggested_fit_milli, 37000);
    mhpbr_classifier_destroy(c);
    mhpbr_rules_destroy(rules);
  }
  CHECK_INT(mhpbr_classify_on(NULL, 20170401, &a, &r, NULL),
            MHPBR_INVALID_ARGUMENT);
}

int main(int argc, char** argv) {
  char* frozen;
  if (argc < 2 || (frozen = ReadFile(argv[1])) == NULL) {
    fprintf(stderr, "usage: capi_bundle_test TEST_RULES.textproto\n");
    return 2;
  }
  TestTwoYears(frozen);
  TestErrors(frozen, argv[1]);
  free(frozen);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
