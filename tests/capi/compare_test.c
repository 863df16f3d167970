/* mhpbr_compare_json and mhpbr_price_json with as_of from C99, with no
 * protobuf runtime: the JSON requests are written by hand and the figures
 * read back out of the JSON responses, each worked by hand below. Bad
 * requests give a status code and a message naming the field.
 *
 * The comparison: contract year 2023/24, MFF 1, day prices.
 *
 *   period              cluster  days in year  tariff A  tariff B
 *   a 2023-04-01..04-10    1         10          100/day   150/day
 *   b 2023-05-01..05-20    2         20          200/day   120/day
 *   c 2024-03-22..04-15    1         10 (cut at 31 March)
 *
 *   "cluster" (A, no bands): activity 20 * 100 + 20 * 200 = 6000 = payment.
 *   "blended" (B, baseline 5000, cap and collar): activity 20 * 150 +
 *     20 * 120 = 5400, +8%: 5000 + 250 * 1 + (5400 - 5250) * 0.5 = 5325;
 *     difference -675.
 *   cluster 1: 2000 and 3000 (+1000); cluster 2: 4000 and 2400 (-1600). */

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mhpbr.h"

#define PERIODS                                                         \
  "\"periods\": ["                                                      \
  "{\"patient_id\": \"a\", \"cluster\": 1, \"start\": \"2023-04-01\", " \
  "\"end\": \"2023-04-10\"},"                                           \
  "{\"patient_id\": \"b\", \"cluster\": 2, \"start\": \"2023-05-01\", " \
  "\"end\": \"2023-05-20\"},"                                           \
  "{\"patient_id\": \"c\", \"cluster\": 1, \"start\": \"2024-03-22\", " \
  "\"end\": \"2024-04-15\"}]"
#define CONTRACT_2023                                      \
  "\"year_start\": \"2023-04-01\", \"mff_ppm\": 1000000, " \
  "\"partial_period\": \"PRO_RATA\", \"social_care\": \"POOLED\""
#define CLUSTER_SCENARIO(name)                                        \
  "{\"name\": \"" name "\", \"contract\": {" CONTRACT_2023            \
  "}, "                                                               \
  "\"tariff\": {\"entries\": ["                                       \
  "{\"cluster\": 1, \"basis\": \"BASIS_DAY\", \"price_pence\": 100}," \
  "{\"cluster\": 2, \"basis\": \"BASIS_DAY\", \"price_pence\": 200}]}}"
#define BLENDED_SCENARIO(name)                                        \
  "{\"name\": \"" name "\", \"contract\": {" CONTRACT_2023            \
  ", \"baseline_pence\": 5000, \"risk_bands\": ["                     \
  "{\"to_pct\": -5, \"rate_ppm\": 0},"                                \
  "{\"from_pct\": -5, \"to_pct\": 5, \"rate_ppm\": 1000000},"         \
  "{\"from_pct\": 5, \"rate_ppm\": 500000}]}, "                       \
  "\"tariff\": {\"entries\": ["                                       \
  "{\"cluster\": 1, \"basis\": \"BASIS_DAY\", \"price_pence\": 150}," \
  "{\"cluster\": 2, \"basis\": \"BASIS_DAY\", \"price_pence\": 120}]}}"

/* The integer after `key` that follows each of `anchors` in turn (a
 * NULL-terminated list), in JSON printed by the library (64-bit integers
 * are quoted strings); -999999 when not found. */
static long long After(const char* json, const char* const* anchors,
                       const char* key) {
  const char* at = json;
  if (at == NULL) return -999999;
  for (; *anchors != NULL; ++anchors) {
    at = strstr(at, *anchors);
    if (at == NULL) return -999999;
    at += strlen(*anchors);
  }
  at = strstr(at, key);
  if (at == NULL) return -999999;
  at += strlen(key);
  if (*at == '"') ++at;
  return strtoll(at, NULL, 10);
}

/* Calls `call` with `request`; returns its code and leaves the response
 * or message in `*response` / `*error` for the caller to free. */
typedef mhpbr_code (*JsonCall)(const mhpbr_rules*, const char*, size_t, char**,
                               size_t*, char**);
static mhpbr_code Call(JsonCall call, const mhpbr_rules* rules,
                       const char* request, char** response, char** error) {
  size_t size = 0;
  mhpbr_code code;
  *response = NULL;
  *error = NULL;
  code = call(rules, request, strlen(request), response, &size, error);
  if (code == MHPBR_OK) {
    CHECK(*error == NULL);
    CHECK(*response != NULL && strlen(*response) == size);
  } else {
    CHECK(*response == NULL);
    CHECK_INT(size, 0);
  }
  return code;
}

static void TestCompare(const mhpbr_rules* rules) {
  static const char* const kCluster[] = {"\"name\":\"cluster\"", NULL};
  static const char* const kBlended[] = {"\"name\":\"blended\"", NULL};
  static const char* const kOneBlended[] = {"\"cluster\":1,",
                                            "\"scenario\":\"blended\"", NULL};
  static const char* const kOneCluster[] = {"\"cluster\":1,",
                                            "\"scenario\":\"cluster\"", NULL};
  static const char* const kTwoBlended[] = {"\"cluster\":2,",
                                            "\"scenario\":\"blended\"", NULL};
  char* response = NULL;
  char* error = NULL;
  if (!CHECK_INT(Call(mhpbr_compare_json, rules,
                      "{" PERIODS ", \"scenarios\": [" CLUSTER_SCENARIO(
                          "cluster") "," BLENDED_SCENARIO("blended") "]}",
                      &response, &error),
                 MHPBR_OK)) {
    fprintf(stderr, "%s\n", error ? error : "(no message)");
    mhpbr_free(error);
    return;
  }
  CHECK_INT(After(response, kCluster, "\"lines\":"), 3);
  CHECK_INT(After(response, kCluster, "\"activity_pence\":"), 6000);
  CHECK_INT(After(response, kCluster, "\"payment_pence\":"), 6000);
  CHECK_INT(After(response, kCluster, "\"difference_pence\":"), 0);
  CHECK_INT(After(response, kBlended, "\"activity_pence\":"), 5400);
  CHECK_INT(After(response, kBlended, "\"risk_shared_pence\":"), 5325);
  CHECK_INT(After(response, kBlended, "\"payment_pence\":"), 5325);
  CHECK_INT(After(response, kBlended, "\"baseline_pence\":"), 5000);
  CHECK_INT(After(response, kBlended, "\"difference_pence\":"), -675);
  CHECK_INT(After(response, kOneCluster, "\"periods\":"), 2);
  CHECK_INT(After(response, kOneCluster, "\"days\":"), 20);
  CHECK_INT(After(response, kOneCluster, "\"amount_pence\":"), 2000);
  CHECK_INT(After(response, kOneBlended, "\"amount_pence\":"), 3000);
  CHECK_INT(After(response, kOneBlended, "\"difference_pence\":"), 1000);
  CHECK_INT(After(response, kTwoBlended, "\"amount_pence\":"), 2400);
  CHECK_INT(After(response, kTwoBlended, "\"difference_pence\":"), -1600);
  mhpbr_free(response);
}

static void ExpectInvalid(JsonCall call, const mhpbr_rules* rules,
                          const char* request, const char* part) {
  char* response = NULL;
  char* error = NULL;
  const mhpbr_code code = Call(call, rules, request, &response, &error);
  CHECK_STR(mhpbr_code_name(code), "INVALID_ARGUMENT");
  CHECK_HAS(error, part);
  mhpbr_free(error);
  mhpbr_free(response);
}

static void TestBadComparisons(const mhpbr_rules* rules) {
  ExpectInvalid(mhpbr_compare_json, rules, "{" PERIODS "}",
                "scenarios: a comparison needs at least two, got 0");
  ExpectInvalid(mhpbr_compare_json, rules,
                "{" PERIODS ", \"scenarios\": [" CLUSTER_SCENARIO("x") "]}",
                "scenarios: a comparison needs at least two, got 1");
  ExpectInvalid(mhpbr_compare_json, rules,
                "{" PERIODS ", \"scenarios\": [" CLUSTER_SCENARIO(
                    "x") "," BLENDED_SCENARIO("x") "]}",
                "scenarios[1].name: 'x' is given twice (also scenarios[0])");
  ExpectInvalid(mhpbr_compare_json, rules,
                "{" PERIODS ", \"scenarios\": [" CLUSTER_SCENARIO(
                    "x") "," BLENDED_SCENARIO("") "]}",
                "scenarios[1].name: empty");
  /* Malformed JSON: cut short, and a field the message does not have. */
  ExpectInvalid(mhpbr_compare_json, rules, "{" PERIODS ", \"scenarios\": [",
                "not the JSON of mhpbr.v1.CompareRequest");
  ExpectInvalid(mhpbr_compare_json, rules, "{\"scenario\": []}", "scenario");
  {
    size_t size = 0;
    char* response = NULL;
    CHECK_INT(mhpbr_compare_json(NULL, "{}", 2, &response, &size, NULL),
              MHPBR_INVALID_ARGUMENT);
    CHECK_INT(mhpbr_compare(NULL, NULL, 0, NULL, NULL, NULL),
              MHPBR_INVALID_ARGUMENT);
  }
}

/* Cluster 4 at 1000 p a day, MFF 1.08543, 2024/25: period A 20 Apr - 30
 * Jun, as of 15 June 2024; each figure through a day rounds once:
 *   through 30 Apr: 11 days * 1085.43 = 11939.73 -> 11940
 *   through 31 May: 42 days = 45588.06 -> 45588 (May 33648)
 *   through 15 Jun: 57 days = 61869.51 -> 61870 (June 16282)
 * Forecast: 72 days = 78150.96 -> 78151. */
#define IN_YEAR(as_of)                                                     \
  "{\"contract\": {\"year_start\": \"2024-04-01\", \"mff_ppm\": 1085430, " \
  "\"partial_period\": \"PRO_RATA\", \"social_care\": \"POOLED\"}, "       \
  "\"tariff\": {\"entries\": [{\"cluster\": 4, \"basis\": \"BASIS_DAY\", " \
  "\"price_pence\": 1000}]}, "                                             \
  "\"periods\": [{\"patient_id\": \"A\", \"cluster\": 4, "                 \
  "\"start\": \"2024-04-20\", \"end\": \"2024-06-30\"}]" as_of "}"

static void TestInYear(const mhpbr_rules* rules) {
  static const char* const kInYear[] = {"\"in_year\":", NULL};
  static const char* const kApril[] = {"\"month\":\"2024-04\"", NULL};
  static const char* const kMay[] = {"\"month\":\"2024-05\"", NULL};
  static const char* const kJune[] = {"\"month\":\"2024-06\"", NULL};
  static const char* const kTotals[] = {"\"totals\":", NULL};
  char* response = NULL;
  char* error = NULL;
  if (!CHECK_INT(
          Call(mhpbr_price_json, rules, IN_YEAR(", \"as_of\": \"2024-06-15\""),
               &response, &error),
          MHPBR_OK)) {
    fprintf(stderr, "%s\n", error ? error : "(no message)");
    mhpbr_free(error);
    return;
  }
  CHECK_HAS(response, "\"as_of\":\"2024-06-15\"");
  CHECK_INT(After(response, kApril, "\"days\":"), 11);
  CHECK_INT(After(response, kApril, "\"amount_pence\":"), 11940);
  CHECK_INT(After(response, kMay, "\"amount_pence\":"), 33648);
  CHECK_INT(After(response, kMay, "\"cumulative_pence\":"), 45588);
  CHECK_INT(After(response, kJune, "\"periods\":"), 1);
  CHECK_INT(After(response, kJune, "\"days\":"), 15);
  CHECK_INT(After(response, kJune, "\"amount_pence\":"), 16282);
  CHECK_INT(After(response, kJune, "\"cumulative_pence\":"), 61870);
  CHECK(strstr(response, "\"month\":\"2024-07\"") == NULL);
  CHECK_INT(After(response, kInYear, "\"earned_to_date_pence\":"), 61870);
  CHECK_INT(After(response, kInYear, "\"forecast_activity_pence\":"), 78151);
  CHECK_INT(After(response, kInYear, "\"forecast_payment_pence\":"), 78151);
  CHECK_INT(After(response, kTotals, "\"activity_pence\":"), 78151);
  CHECK_HAS(response, "\"key\":\"forecast_assumption:open_periods_count\"");
  mhpbr_free(response);

  /* Without as_of the annual statement has no in-year part. */
  CHECK_INT(Call(mhpbr_price_json, rules, IN_YEAR(""), &response, &error),
            MHPBR_OK);
  CHECK(response != NULL && strstr(response, "\"in_year\"") == NULL);
  CHECK_INT(After(response, kTotals, "\"activity_pence\":"), 78151);
  mhpbr_free(response);
  mhpbr_free(error);

  ExpectInvalid(mhpbr_price_json, rules, IN_YEAR(", \"as_of\": \"2025-04-01\""),
                "as_of 2025-04-01 is outside the contract year");
  ExpectInvalid(mhpbr_price_json, rules, IN_YEAR(", \"as_of\": \"15/06/2024\""),
                "as_of: ");
  ExpectInvalid(mhpbr_price_json, rules, IN_YEAR(", \"as_of\": "),
                "not the JSON of mhpbr.v1.PriceRequest");
}

int main(void) {
  mhpbr_rules* rules = NULL;
  char* error = NULL;
  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK) {
    fprintf(stderr, "cannot load the default rules: %s\n",
            error ? error : "(no message)");
    mhpbr_free(error);
    printf("%d passed, %d failed\n", g_passed, g_failed + 1);
    return 1;
  }
  TestCompare(rules);
  TestBadComparisons(rules);
  TestInYear(rules);
  mhpbr_rules_destroy(rules);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
