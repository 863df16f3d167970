/* mhpbr: mental health Payment by Results - the stable C API.
 *
 * Include it as `#include <mhpbr/mhpbr.h>`, with the include flags of the
 * installed CMake package (target mhpbr::c) or pkg-config file (mhpbr.pc).
 * The former `#include <mhpbr.h>` keeps working: that installed header
 * only includes this one.
 *
 * The contract, in full:
 *
 * Handles. `mhpbr_rules` (a validated rule set) and `mhpbr_classifier` are
 * opaque. Each `_load_*`/`_create` call hands out a new handle that the
 * caller owns and releases with the matching `_destroy` (which accepts
 * NULL). A classifier keeps its own reference to the rules it was built
 * from, so the rules may be destroyed first. Both are immutable once made:
 * any number of threads may use one handle at the same time.
 *
 * Errors. Every call that can fail returns an `mhpbr_code`: MHPBR_OK (0) or
 * one of the codes below, numbered like absl::StatusCode. Branch on codes,
 * never on text. When `error` is not NULL and the call fails, `*error`
 * receives a NUL-terminated message naming the record and field at fault,
 * which the caller frees with mhpbr_free(); on success `*error` is set to
 * NULL. Passing NULL for `error` is allowed. No call throws, aborts or
 * prints.
 *
 * Memory. Free what the library hands out with the library's own functions
 * (mhpbr_free for strings, `_destroy` for handles); never with the
 * caller's free(). Strings returned as `const char*` from an accessor are
 * borrowed: they live as long as the handle they came from.
 *
 * Structs. Every struct passed in or out starts with `struct_size`, which
 * the caller sets to sizeof the struct it was compiled with. Structs only
 * ever grow at the end, so a program built against an older header keeps
 * working with a newer library. Fields are fixed-width integers; there are
 * no bool or enum types in the ABI. Initialise a struct either with its
 * `MHPBR_*_INIT` initializer (a constant, compiled into the caller) or with
 * its `MHPBR_*_INIT_SIZED(ptr)` macro, which calls `mhpbr_*_init_sized(ptr,
 * sizeof *ptr)`: only the caller knows how big its struct is, so the
 * library is always told. A sized init writes at most `size` bytes: the
 * first `size` bytes of the library's defaults, zero past the end of the
 * struct the library knows, and `struct_size = size`; given NULL, or a
 * size too small to hold `struct_size` or above UINT32_MAX, it writes
 * nothing. A field added later has zero as its default, so that a library
 * older than the caller's header initialises it right. The unsized
 * mhpbr_assessment_init and mhpbr_result_init write the library's own
 * sizeof, past the end of a struct from an older, smaller header: they
 * stay for existing callers, but new code uses the sized forms.
 *
 * NULL. A NULL handle, struct or array pointer where one is required gives
 * MHPBR_INVALID_ARGUMENT, never a crash.
 *
 * Items. Ratings are given in profile row order: items 1-13 at indices 0-12,
 * then historical items A-E at 13-17 (MHPBR_ITEM_* below). Item 8 comes
 * either as one rating at index 7 or as ten type ratings 8A-8J.
 *
 * Rich calls. Inputs and outputs with structure (a period request, its
 * periods) travel as serialized protobuf bytes of the messages in
 * proto/mhpbr/v1/; the response buffer is the caller's to mhpbr_free. The
 * schemas only grow compatibly, so the ABI stays frozen.
 *
 * Live calls. Plain-struct calls on handles built once (a tariff, a
 * coster, a catalogue, a transition table) for the questions asked while a
 * record is open; see "Live calls" below. The `_create_files`/`_file`
 * forms read the trust's data files (contract, tariff, unit costs,
 * catalogue, transitions), as the tool does.
 *
 * Not supported: anything that needs a clock (the caller always passes
 * dates).
 */
#ifndef MHPBR_H_
#define MHPBR_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one source of truth for the version; CMake reads these lines. */
#define MHPBR_VERSION_MAJOR 0
#define MHPBR_VERSION_MINOR 1
#define MHPBR_VERSION_PATCH 0
#define MHPBR_VERSION_NUMBER                                 \
  (MHPBR_VERSION_MAJOR * 10000 + MHPBR_VERSION_MINOR * 100 + \
   MHPBR_VERSION_PATCH)

#if defined(_WIN32)
#if defined(MHPBR_BUILDING_LIBRARY)
#define MHPBR_EXPORT __declspec(dllexport)
#else
#define MHPBR_EXPORT
#endif
#else
#define MHPBR_EXPORT __attribute__((visibility("default")))
#endif

/* ---- Status codes (numbered like absl::StatusCode) ---------------------- */
typedef int32_t mhpbr_code;
#define MHPBR_OK 0
#define MHPBR_CANCELLED 1
#define MHPBR_UNKNOWN 2
#define MHPBR_INVALID_ARGUMENT 3
#define MHPBR_NOT_FOUND 5
#define MHPBR_RESOURCE_EXHAUSTED 8
#define MHPBR_FAILED_PRECONDITION 9
#define MHPBR_OUT_OF_RANGE 11
#define MHPBR_UNIMPLEMENTED 12
#define MHPBR_INTERNAL 13
#define MHPBR_DATA_LOSS 15

/* ---- Version ------------------------------------------------------------ */
/* "MAJOR.MINOR.PATCH" of the library actually loaded. Borrowed, static. */
MHPBR_EXPORT const char* mhpbr_version(void);
/* MHPBR_VERSION_NUMBER of the library actually loaded. */
MHPBR_EXPORT int32_t mhpbr_version_number(void);

/* ---- Memory ------------------------------------------------------------- */
/* Frees a string or buffer the library handed out. Accepts NULL. */
MHPBR_EXPORT void mhpbr_free(void* p);

/* A short, static name for a code ("OK", "INVALID_ARGUMENT", ...). */
MHPBR_EXPORT const char* mhpbr_code_name(mhpbr_code code);

/* ---- Items --------------------------------------------------------------- */
#define MHPBR_ITEM_COUNT 18
#define MHPBR_ITEM8_TYPE_COUNT 10
#define MHPBR_ITEM_8 7 /* index of item 8 in ratings[] */
#define MHPBR_ITEM_A 13
#define MHPBR_ITEM_B 14
#define MHPBR_ITEM_C 15
#define MHPBR_ITEM_D 16
#define MHPBR_ITEM_E 17
#define MHPBR_NOT_KNOWN 9

/* "1".."13", "A".."E" for index 0-17; NULL otherwise. Borrowed, static. */
MHPBR_EXPORT const char* mhpbr_item_code(int32_t index);

/* ---- Rule sets ----------------------------------------------------------- */
typedef struct mhpbr_rules mhpbr_rules;

/* The default rule set compiled into the library. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_load_default(mhpbr_rules** out,
                                                 char** error);
/* A rule set in protobuf text format (mhpbr.v1.RuleSet). `text` need not
 * be NUL-terminated. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_load_text(const char* text, size_t length,
                                              mhpbr_rules** out, char** error);
/* A rule set file in protobuf text format. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_load_file(const char* path,
                                              mhpbr_rules** out, char** error);
MHPBR_EXPORT void mhpbr_rules_destroy(mhpbr_rules* rules);

/* Provenance, borrowed for the life of the handle; "" when not set or when
 * `rules` is NULL. */
MHPBR_EXPORT const char* mhpbr_rules_source(const mhpbr_rules* rules);
MHPBR_EXPORT const char* mhpbr_rules_financial_year(const mhpbr_rules* rules);
MHPBR_EXPORT const char* mhpbr_rules_version(const mhpbr_rules* rules);

/* A bundle of rule sets by date in protobuf text format
 * (mhpbr.v1.RuleSetBundle: a top-level `rule_sets` field), or a single
 * rule set (mhpbr.v1.RuleSet), which is then used for every date. The
 * bundle's effective dates must follow on from each other: two rule sets
 * in force on one day, a gap, or an open-ended rule set that is not the
 * last gives MHPBR_INVALID_ARGUMENT naming both. The handle is an
 * mhpbr_rules: calls that take no date (cluster facts, reviews, periods,
 * pricing, ...) and the provenance accessors use its newest rule set;
 * mhpbr_classify_on and mhpbr_classify_batch_on choose by date. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_load_bundle_text(const char* text,
                                                     size_t length,
                                                     mhpbr_rules** out,
                                                     char** error);
MHPBR_EXPORT mhpbr_code mhpbr_rules_load_bundle_file(const char* path,
                                                     mhpbr_rules** out,
                                                     char** error);
/* How many rule sets the handle holds: 1 for a single rule set; 0 when
 * `rules` is NULL. */
MHPBR_EXPORT int32_t mhpbr_rules_count(const mhpbr_rules* rules);

/* ---- Classification ------------------------------------------------------ */
typedef struct mhpbr_classifier mhpbr_classifier;

MHPBR_EXPORT mhpbr_code mhpbr_classifier_create(const mhpbr_rules* rules,
                                                mhpbr_classifier** out,
                                                char** error);
MHPBR_EXPORT void mhpbr_classifier_destroy(mhpbr_classifier* classifier);

/* Answers to the decision tree's first questions. */
#define MHPBR_ANSWER_UNKNOWN 0
#define MHPBR_ANSWER_NO 1
#define MHPBR_ANSWER_YES 2

/* How item 8 is given. */
#define MHPBR_ITEM8_SINGLE 0 /* one rating in ratings[MHPBR_ITEM_8] */
#define MHPBR_ITEM8_TYPES 1  /* ten ratings in item8_types[], 8A-8J */

#define MHPBR_NO_CLUSTER (-1)

typedef struct mhpbr_assessment {
  uint32_t struct_size; /* sizeof(mhpbr_assessment) */
  /* Profile row order; 0-4 or MHPBR_NOT_KNOWN (9). With
   * MHPBR_ITEM8_TYPES, ratings[MHPBR_ITEM_8] must be MHPBR_NOT_KNOWN. */
  uint8_t ratings[MHPBR_ITEM_COUNT];
  /* 8A-8J; read only with MHPBR_ITEM8_TYPES. */
  uint8_t item8_types[MHPBR_ITEM8_TYPE_COUNT];
  int32_t item8_form; /* MHPBR_ITEM8_* */
  int32_t organic;    /* MHPBR_ANSWER_* */
  int32_t psychosis;  /* MHPBR_ANSWER_* */
  /* The clinician's cluster, 0-8 or 10-21, or MHPBR_NO_CLUSTER. */
  int32_t allocated_cluster;
} mhpbr_assessment;

/* Every rating not known, no answers, no allocation. */
#define MHPBR_ASSESSMENT_INIT                                        \
  {                                                                  \
    sizeof(mhpbr_assessment),                                        \
        {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9},      \
        {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, MHPBR_ITEM8_SINGLE,          \
        MHPBR_ANSWER_UNKNOWN, MHPBR_ANSWER_UNKNOWN, MHPBR_NO_CLUSTER \
  }
/* MHPBR_ASSESSMENT_INIT for the caller's struct of `size` bytes at `a`
 * (see "Structs." above); call it as MHPBR_ASSESSMENT_INIT_SIZED(&a). */
MHPBR_EXPORT void mhpbr_assessment_init_sized(mhpbr_assessment* a, size_t size);
#define MHPBR_ASSESSMENT_INIT_SIZED(a) \
  mhpbr_assessment_init_sized((a), sizeof *(a))
/* Writes sizeof the library's mhpbr_assessment: use the sized form. */
MHPBR_EXPORT void mhpbr_assessment_init(mhpbr_assessment* a);

/* Why the suggestion is cluster 0. */
#define MHPBR_REASON_NONE 0
#define MHPBR_REASON_NO_FIT 1
#define MHPBR_REASON_TOO_FEW_KNOWN 2

#define MHPBR_SUPERCLASS_VARIANCE 0
#define MHPBR_SUPERCLASS_NON_PSYCHOTIC 1
#define MHPBR_SUPERCLASS_PSYCHOTIC 2
#define MHPBR_SUPERCLASS_ORGANIC 3

typedef struct mhpbr_result {
  uint32_t struct_size; /* sizeof(mhpbr_result), set by the caller */
  /* MHPBR_OK, or why this record was not classified (batch calls). */
  mhpbr_code status;
  int32_t suggested_cluster;
  /* Fit scores in thousandths (12000 = 12); 0 when there is none. */
  int32_t has_suggested_fit;
  int32_t suggested_fit_milli;
  int32_t runner_up_cluster; /* MHPBR_NO_CLUSTER when none */
  int32_t runner_up_fit_milli;
  int32_t reason;     /* MHPBR_REASON_* */
  int32_t superclass; /* MHPBR_SUPERCLASS_* of the suggested cluster */
  int32_t known_items;
  int32_t allocated_cluster; /* MHPBR_NO_CLUSTER when none */
  int32_t allocation_red;    /* 1 red, 0 not, -1 no allocation */
  /* Bit i set = profile row i (see mhpbr_item_code). */
  uint32_t red_items;        /* rows breaking the allocated cluster's rule */
  uint32_t fitting_items;    /* suggested cluster's M/E rows */
  uint32_t misfitting_items; /* suggested cluster's U rows */
} mhpbr_result;

#define MHPBR_RESULT_INIT \
  { sizeof(mhpbr_result), 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, -1, 0, 0, 0 }
/* MHPBR_RESULT_INIT for the caller's struct of `size` bytes at `r` (see
 * "Structs." above); call it as MHPBR_RESULT_INIT_SIZED(&r). */
MHPBR_EXPORT void mhpbr_result_init_sized(mhpbr_result* r, size_t size);
#define MHPBR_RESULT_INIT_SIZED(r) mhpbr_result_init_sized((r), sizeof *(r))
/* Writes sizeof the library's mhpbr_result: use the sized form. */
MHPBR_EXPORT void mhpbr_result_init(mhpbr_result* r);

/* Classifies one assessment. */
MHPBR_EXPORT mhpbr_code mhpbr_classify(const mhpbr_classifier* classifier,
                                       const mhpbr_assessment* assessment,
                                       mhpbr_result* result, char** error);

/* Classifies `count` assessments into `results`. Elements are
 * `assessments[0].struct_size` and `results[0].struct_size` bytes apart
 * (a size that is not a multiple of 4 gives MHPBR_INVALID_ARGUMENT).
 * A bad record does not stop the batch: its result's `status` says what is
 * wrong and every other record is classified. Returns MHPBR_OK when every
 * record was good, else MHPBR_INVALID_ARGUMENT with a message naming the
 * first bad record and how many there were. */
MHPBR_EXPORT mhpbr_code mhpbr_classify_batch(
    const mhpbr_classifier* classifier, const mhpbr_assessment* assessments,
    size_t count, mhpbr_result* results, char** error);

typedef struct mhpbr_allocation_check {
  uint32_t struct_size; /* sizeof(mhpbr_allocation_check) */
  int32_t cluster;
  int32_t red;        /* 1 red, 0 not; cluster 0 is never red */
  uint32_t red_items; /* bit i = profile row i */
} mhpbr_allocation_check;

#define MHPBR_ALLOCATION_CHECK_INIT \
  { sizeof(mhpbr_allocation_check), 0, 0, 0 }
/* MHPBR_ALLOCATION_CHECK_INIT for the caller's struct of `size` bytes at
 * `check` (see "Structs." above); call it as
 * MHPBR_ALLOCATION_CHECK_INIT_SIZED(&check). */
MHPBR_EXPORT void mhpbr_allocation_check_init_sized(
    mhpbr_allocation_check* check, size_t size);
#define MHPBR_ALLOCATION_CHECK_INIT_SIZED(check) \
  mhpbr_allocation_check_init_sized((check), sizeof *(check))

/* Checks an allocation to `cluster` against its red rules (the
 * assessment's own allocated_cluster is ignored). */
MHPBR_EXPORT mhpbr_code mhpbr_check_allocation(
    const mhpbr_classifier* classifier, const mhpbr_assessment* assessment,
    int32_t cluster, mhpbr_allocation_check* check, char** error);

/* As mhpbr_classify, by the rule set in force on `date` (YYYYMMDD) in the
 * bundle the classifier was created from; a classifier of a single rule
 * set uses it whatever the date. A date no rule set covers gives
 * MHPBR_NOT_FOUND with a message naming it; a malformed date gives
 * MHPBR_INVALID_ARGUMENT. Either way `result->status` says so. (Without a
 * date, mhpbr_classify uses the bundle's newest rule set.) */
MHPBR_EXPORT mhpbr_code mhpbr_classify_on(const mhpbr_classifier* classifier,
                                          int32_t date,
                                          const mhpbr_assessment* assessment,
                                          mhpbr_result* result, char** error);
/* As mhpbr_classify_batch, each record by the rule set in force on
 * dates[i]. A record whose date is malformed or not covered is one bad
 * record: its result's `status` says which, and the batch goes on. */
MHPBR_EXPORT mhpbr_code mhpbr_classify_batch_on(
    const mhpbr_classifier* classifier, const mhpbr_assessment* assessments,
    const int32_t* dates, size_t count, mhpbr_result* results, char** error);
/* As mhpbr_classify_batch_on (or, with `dates` NULL, mhpbr_classify_batch)
 * on up to `threads` threads, each classifying a contiguous part of the
 * batch: the same results, return code and message as one thread. 0 means
 * the machine's cores; a negative count gives MHPBR_INVALID_ARGUMENT. */
MHPBR_EXPORT mhpbr_code mhpbr_classify_batch_threads(
    const mhpbr_classifier* classifier, const mhpbr_assessment* assessments,
    const int32_t* dates, size_t count, mhpbr_result* results, int32_t threads,
    char** error);

/* ---- Cluster periods ----------------------------------------------------- */
/* Builds cluster periods, review dates, overdue days and transition flags
 * from a serialized mhpbr.v1.PeriodRequest (proto/mhpbr/v1/periods.proto)
 * using the rule set's review periods, day count and transition table (or
 * the request's own table). On MHPBR_OK, `*response` holds a serialized
 * mhpbr.v1.PeriodResponse of `*response_size` bytes that the caller frees
 * with mhpbr_free. Malformed events do not fail the call: they are listed
 * in the response's `errors` with their line and reason, and the other
 * events are used. A request that does not parse, or has a bad as_of date
 * or transition table, gives MHPBR_INVALID_ARGUMENT. */
MHPBR_EXPORT mhpbr_code mhpbr_periods_build(
    const mhpbr_rules* rules, const void* request, size_t request_size,
    void** response, size_t* response_size, char** error);

/* ---- Contract pricing ---------------------------------------------------- */
/* Prices a contract year: a serialized mhpbr.v1.PriceRequest (contract,
 * tariff schedule, periods, one-offs; proto/mhpbr/v1/pricing.proto) in, a
 * serialized mhpbr.v1.Statement out, exact to the penny. The rule set gives
 * review-period lengths and the day count. On MHPBR_OK the caller frees
 * `*response` with mhpbr_free. Any invalid field (a contract whose bands
 * overlap, weights not summing to 1000000, a negative price, a period that
 * ends before it starts) fails the whole call with MHPBR_INVALID_ARGUMENT
 * naming the field; an amount that would overflow 64-bit pence gives
 * MHPBR_OUT_OF_RANGE. Nothing is priced silently wrong.
 *
 * In-year statements (as `mhpbr price --as-of`): a request with `as_of`
 * (YYYY-MM-DD, within the contract year) gives the same Statement, which
 * is then the forecast outturn (open periods run on to 31 March), with its
 * `in_year` set: as_of, the months April to as_of's month (month
 * "YYYY-MM", periods, days, amount_pence, cumulative_pence),
 * earned_to_date_pence, forecast_activity_pence, forecast_payment_pence
 * and the forecast's assumptions (key, value). An as_of that is not a date
 * or lies outside the contract year gives MHPBR_INVALID_ARGUMENT naming
 * as_of. A libmhpbr from before in-year statements ignores a binary
 * request's as_of (no `in_year` comes back) and refuses the JSON form's.
 *
 * Statements by commissioner (as `mhpbr price` with several --contract):
 * a request with `contracts` (one per commissioner, each naming it) instead
 * of `contract` prices each period and one-off under the contract of its
 * `commissioner`. The Statement is then the provider's total (every
 * commissioner's lines, then those naming no commissioner with status
 * NO_COMMISSIONER and amount 0; clusters and totals summed) with each
 * commissioner's own statement in `commissioners`, and the counts
 * periods_without_commissioner, one_offs_without_commissioner. With as_of,
 * `in_year` is the provider's (months summed) and each commissioner's
 * statement has its own. MHPBR_INVALID_ARGUMENT names the field for a
 * record whose commissioner has no contract ("periods[4].commissioner"),
 * two contracts for one commissioner, a contract naming none among
 * several, contracts of different years or providers, or both `contract`
 * and `contracts`. */
MHPBR_EXPORT mhpbr_code mhpbr_price(const mhpbr_rules* rules,
                                    const void* request, size_t request_size,
                                    void** response, size_t* response_size,
                                    char** error);

/* What-if contracts (as `mhpbr compare`): the same periods priced under two
 * or more scenarios, each a name, a contract, a tariff schedule, and its
 * own one-offs and measured indicators. A serialized mhpbr.v1.CompareRequest
 * (proto/mhpbr/v1/compare.proto) in, a serialized mhpbr.v1.CompareResponse
 * out: per scenario its lines, totals and payment difference from the
 * first scenario (the baseline); per cluster each scenario's periods, days,
 * amount and difference. Each scenario is priced as mhpbr_price prices it.
 * Fewer than two scenarios, an empty or repeated name, contracts of
 * different years, or any field mhpbr_price would refuse give
 * MHPBR_INVALID_ARGUMENT naming the scenario and field
 * ("scenarios[1].name: 'block' is given twice (also scenarios[0])",
 * "scenarios[1].tariff.entries[0]: ..."). On MHPBR_OK the caller frees
 * `*response` with mhpbr_free. */
MHPBR_EXPORT mhpbr_code mhpbr_compare(const mhpbr_rules* rules,
                                      const void* request, size_t request_size,
                                      void** response, size_t* response_size,
                                      char** error);

/* ---- Activity costing and tariff setting --------------------------------- */
/* Costs activity against cluster periods: a serialized mhpbr.v1.CostRequest
 * (unit costs, as_of, periods, activity; proto/mhpbr/v1/costing.proto) in, a
 * serialized mhpbr.v1.CostResponse out (per-period and per-cluster costs,
 * the unclustered bucket, and each rejected record with its reason). */
MHPBR_EXPORT mhpbr_code mhpbr_cost(const mhpbr_rules* rules,
                                   const void* request, size_t request_size,
                                   void** response, size_t* response_size,
                                   char** error);

/* Sets tariffs from costed periods: a serialized mhpbr.v1.TariffRequest in,
 * a serialized mhpbr.v1.TariffResponse (schedule and per-cluster evidence)
 * out. */
MHPBR_EXPORT mhpbr_code mhpbr_set_tariffs(const mhpbr_rules* rules,
                                          const void* request,
                                          size_t request_size, void** response,
                                          size_t* response_size, char** error);

/* ---- Care packages ------------------------------------------------------- */
/* Expected cost of each template for one review period, by tier: a
 * serialized mhpbr.v1.PackageCostRequest (catalogue and unit costs; either
 * left empty means the built-in example; proto/mhpbr/v1/care_package.proto)
 * in, a serialized mhpbr.v1.PackageCostResponse out. An invalid catalogue
 * gives MHPBR_INVALID_ARGUMENT naming the cluster, element and field. */
MHPBR_EXPORT mhpbr_code mhpbr_package_cost(const mhpbr_rules* rules,
                                           const void* request,
                                           size_t request_size, void** response,
                                           size_t* response_size, char** error);

/* A personal care plan with its notional budget and, when the request has
 * activity, delivered care against the plan: a serialized
 * mhpbr.v1.PlanRequest in, a serialized mhpbr.v1.PlanResponse out. */
MHPBR_EXPORT mhpbr_code mhpbr_package_plan(const mhpbr_rules* rules,
                                           const void* request,
                                           size_t request_size, void** response,
                                           size_t* response_size, char** error);

/* ---- Analysis report ----------------------------------------------------- */
/* Are clusters a fair basis for payment? A serialized
 * mhpbr.v1.ReportRequest (periods, activity, unit costs, as-of date, and
 * optionally assessments, events and a transition table;
 * proto/mhpbr/v1/report.proto) in, a serialized mhpbr.v1.ReportResponse
 * out: the figures `mhpbr report --csv-dir` writes, as tables, and the
 * self-contained HTML page. Rows that cannot be used come back in its
 * `errors`; a bad as-of date, unit cost table or period fails the call. */
MHPBR_EXPORT mhpbr_code mhpbr_report_build(const mhpbr_rules* rules,
                                           const void* request,
                                           size_t request_size, void** response,
                                           size_t* response_size, char** error);

/* ---- Outcomes ------------------------------------------------------------ */
/* HoNOS change over cluster periods and the indicators pricing pays on
 * (as `mhpbr outcomes`): a serialized mhpbr.v1.OutcomesRequest (as-of
 * date, events, assessments, activity; proto/mhpbr/v1/outcomes.proto) in,
 * a serialized mhpbr.v1.OutcomesResponse out. Rows that cannot be used
 * come back in its `errors`; a bad as-of date fails the call. Its
 * `indicators` go straight into a PriceRequest's. */
MHPBR_EXPORT mhpbr_code mhpbr_outcomes_measure(
    const mhpbr_rules* rules, const void* request, size_t request_size,
    void** response, size_t* response_size, char** error);

/* ---- Statistical process control ----------------------------------------- */
/* Making Data Count SPC charts of monthly series (as `mhpbr spc`): a
 * serialized mhpbr.v1.SpcRequest (series of months and decimal values,
 * direction, target, fix_after, no_screen; proto/mhpbr/v1/spc.proto) in, a
 * serialized mhpbr.v1.SpcResponse out: each series' points with their
 * mean, limits, rule flags and type, and its variation and assurance
 * icons, figures as decimal text. A month, value or option that cannot be
 * read fails the call, naming the series. */
MHPBR_EXPORT mhpbr_code mhpbr_spc(const mhpbr_rules* rules, const void* request,
                                  size_t request_size, void** response,
                                  size_t* response_size, char** error);

/* ---- The rich calls in JSON ---------------------------------------------- */
/* Each rich call above also takes and gives protobuf's JSON mapping of
 * the same messages, for a client with no protobuf runtime: `request` is
 * UTF-8 JSON text of `request_size` bytes (no NUL needed; unknown fields
 * are an error naming them); `*response` is a NUL-terminated JSON string
 * ( `*response_size` bytes without the NUL) that the caller frees with
 * mhpbr_free. Field names are as in the .proto files (snake_case); 64-bit
 * integers are JSON strings, as the mapping says; every field is printed,
 * zero values included. */
MHPBR_EXPORT mhpbr_code mhpbr_periods_build_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_price_json(const mhpbr_rules* rules,
                                         const char* request,
                                         size_t request_size, char** response,
                                         size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_cost_json(const mhpbr_rules* rules,
                                        const char* request,
                                        size_t request_size, char** response,
                                        size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_set_tariffs_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_package_cost_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_package_plan_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_report_build_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_outcomes_measure_json(
    const mhpbr_rules* rules, const char* request, size_t request_size,
    char** response, size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_compare_json(const mhpbr_rules* rules,
                                           const char* request,
                                           size_t request_size, char** response,
                                           size_t* response_size, char** error);
MHPBR_EXPORT mhpbr_code mhpbr_spc_json(const mhpbr_rules* rules,
                                       const char* request, size_t request_size,
                                       char** response, size_t* response_size,
                                       char** error);

/* ---- Live calls ---------------------------------------------------------- */
/* Plain-struct calls on handles built once from a rule set and the trust's
 * data, for the questions an EPR asks while a record is open: a cluster's
 * facts, when its review falls due, whether a move is in the transition
 * protocol, the price of a period, the cost of a contact, a cluster's care
 * package. Each answer equals the one the matching `mhpbr` command gives
 * for the same data (they run the same C++ code).
 *
 * Dates are int32_t YYYYMMDD (20230401 for 1 April 2023), years 1800-9999;
 * an impossible date (20230229, 20231301, 17991231) gives
 * MHPBR_INVALID_ARGUMENT naming the field. MHPBR_NO_DATE (0) means "none":
 * an open period's end. Clusters are 0-8 and 10-21; 9 or anything else
 * gives MHPBR_INVALID_ARGUMENT. An index past the end gives
 * MHPBR_OUT_OF_RANGE. Strings passed in are NUL-terminated; NULL is the
 * empty string. Strings handed out (`const char*` fields of out structs)
 * are borrowed from the handle and live as long as it does.
 *
 * Every handle here is immutable once made, and safe to share across
 * threads, except that a coster's running totals change as records are
 * added: it guards them itself, so it too may be shared, and its reads see
 * every add that returned before them. A handle keeps its own reference to
 * the rules it was built from. */

#define MHPBR_NO_DATE 0

/* -- Cluster facts and reviews (on an mhpbr_rules) -- */

#define MHPBR_REVIEW_WEEKS 0
#define MHPBR_REVIEW_MONTHS 1

typedef struct mhpbr_cluster_info {
  uint32_t struct_size; /* sizeof(mhpbr_cluster_info) */
  int32_t cluster;
  int32_t superclass;   /* MHPBR_SUPERCLASS_* */
  int32_t review_count; /* the maximum review period: count ... */
  int32_t review_unit;  /* ... of MHPBR_REVIEW_WEEKS or _MONTHS */
  /* The review period in whole days as pricing and tariff setting count
   * it: weeks * 7, or months * 365 / 12 rounded half away from zero. */
  int32_t review_days;
  const char* name;     /* borrowed from the rules handle */
  const char* subgroup; /* borrowed; "" when none */
} mhpbr_cluster_info;

#define MHPBR_CLUSTER_INFO_INIT \
  { sizeof(mhpbr_cluster_info), 0, 0, 0, 0, 0, NULL, NULL }
MHPBR_EXPORT void mhpbr_cluster_info_init_sized(mhpbr_cluster_info* info,
                                                size_t size);
#define MHPBR_CLUSTER_INFO_INIT_SIZED(info) \
  mhpbr_cluster_info_init_sized((info), sizeof *(info))

/* The rule set's facts about `cluster`. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_cluster(const mhpbr_rules* rules,
                                            int32_t cluster,
                                            mhpbr_cluster_info* info,
                                            char** error);

typedef struct mhpbr_review {
  uint32_t struct_size; /* sizeof(mhpbr_review) */
  int32_t review_due;   /* YYYYMMDD */
  /* Days from review_due to as_of when as_of is later, else 0. */
  int32_t overdue_days;
} mhpbr_review;

#define MHPBR_REVIEW_INIT \
  { sizeof(mhpbr_review), MHPBR_NO_DATE, 0 }
MHPBR_EXPORT void mhpbr_review_init_sized(mhpbr_review* review, size_t size);
#define MHPBR_REVIEW_INIT_SIZED(review) \
  mhpbr_review_init_sized((review), sizeof *(review))

/* When the review of a period in `cluster` that started (or was last
 * reviewed) on `since` falls due, and how overdue it is on `as_of` (the
 * period's last day: today while it is open, else its end), exactly as
 * `mhpbr periods` computes review_due and overdue_days: weeks add 7-day
 * blocks, months add calendar months clamped to the month's end. `as_of`
 * before `since` gives MHPBR_INVALID_ARGUMENT. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_review_due(const mhpbr_rules* rules,
                                               int32_t cluster, int32_t since,
                                               int32_t as_of,
                                               mhpbr_review* review,
                                               char** error);

/* Whether a move from cluster `from` to `to` at review is in the rule
 * set's transition protocol: `*allowed` = 1 or 0. Staying, and moves to or
 * from cluster 0, are always allowed. */
MHPBR_EXPORT mhpbr_code mhpbr_rules_transition_allowed(const mhpbr_rules* rules,
                                                       int32_t from, int32_t to,
                                                       int32_t* allowed,
                                                       char** error);

/* A trust's own transition protocol, in the text format of
 * mhpbr.v1.TransitionTable (`rows { from: 1 to: [1, 2, 3, 4] }`; a cluster
 * without a row may only stay or move to cluster 0; `allow_all: true`
 * allows everything), as `mhpbr periods --transitions` reads it. */
typedef struct mhpbr_transitions mhpbr_transitions;

/* `text` need not be NUL-terminated. */
MHPBR_EXPORT mhpbr_code mhpbr_transitions_load_text(const char* text,
                                                    size_t length,
                                                    mhpbr_transitions** out,
                                                    char** error);
MHPBR_EXPORT mhpbr_code mhpbr_transitions_load_file(const char* path,
                                                    mhpbr_transitions** out,
                                                    char** error);
MHPBR_EXPORT void mhpbr_transitions_destroy(mhpbr_transitions* t);
/* As mhpbr_rules_transition_allowed, with the trust's table. */
MHPBR_EXPORT mhpbr_code mhpbr_transitions_allowed(const mhpbr_transitions* t,
                                                  int32_t from, int32_t to,
                                                  int32_t* allowed,
                                                  char** error);

/* -- Pricing a period (an mhpbr_tariff) -- */

/* A cluster period. `patient_id` is read only by mhpbr_coster_create
 * (NUL-terminated, not empty); mhpbr_tariff_price_period ignores it. */
typedef struct mhpbr_period {
  uint32_t struct_size; /* sizeof(mhpbr_period) */
  int32_t cluster;
  int32_t start; /* YYYYMMDD */
  int32_t end;   /* YYYYMMDD, or MHPBR_NO_DATE while open */
  const char* patient_id;
} mhpbr_period;

#define MHPBR_PERIOD_INIT \
  { sizeof(mhpbr_period), 0, MHPBR_NO_DATE, MHPBR_NO_DATE, NULL }
MHPBR_EXPORT void mhpbr_period_init_sized(mhpbr_period* period, size_t size);
#define MHPBR_PERIOD_INIT_SIZED(period) \
  mhpbr_period_init_sized((period), sizeof *(period))

#define MHPBR_BASIS_NONE (-1) /* unpriced, or outside the contract year */
#define MHPBR_BASIS_DAY 0     /* per cluster day */
#define MHPBR_BASIS_PERIOD 1  /* per review period */
#define MHPBR_BASIS_YEAR 2    /* per year of care */

#define MHPBR_PAYMENT_PRICED 0
#define MHPBR_PAYMENT_UNPRICED 1 /* the tariff does not price the cluster */
/* The period does not overlap the contract year: `mhpbr price` writes no
 * line for it. Basis MHPBR_BASIS_NONE; days, units, prices and amounts 0
 * (mff_ppm is still the contract's). */
#define MHPBR_PAYMENT_OUTSIDE_YEAR 2

/* One period's line of the payment statement, to the penny the line
 * `mhpbr price` writes for the same period. */
typedef struct mhpbr_payment {
  uint32_t struct_size; /* sizeof(mhpbr_payment) */
  int32_t status;       /* MHPBR_PAYMENT_* */
  int32_t basis;        /* MHPBR_BASIS_* */
  /* Days of the period in the contract year (as the rule set's day count
   * says). */
  int32_t days_in_year;
  /* Days (day, year) or review periods starting in the year (period). */
  int64_t units;
  /* The tariff's price per day, period or year, and its social-care
   * share (0 when unpriced). */
  int64_t price_pence;
  int64_t social_care_ppm;
  int64_t mff_ppm; /* the contract's market forces factor */
  int64_t amount_pence;
  /* The social-care part of the amount when the contract decouples social
   * care, else 0. */
  int64_t social_care_pence;
} mhpbr_payment;

#define MHPBR_PAYMENT_INIT                                                     \
  {                                                                            \
    sizeof(mhpbr_payment), MHPBR_PAYMENT_OUTSIDE_YEAR, MHPBR_BASIS_NONE, 0, 0, \
        0, 0, 0, 0, 0                                                          \
  }
MHPBR_EXPORT void mhpbr_payment_init_sized(mhpbr_payment* payment, size_t size);
#define MHPBR_PAYMENT_INIT_SIZED(payment) \
  mhpbr_payment_init_sized((payment), sizeof *(payment))

/* A contract and its tariff schedule, ready to price periods. */
typedef struct mhpbr_tariff mhpbr_tariff;

/* `contract_text`: the contract in protobuf text format (mhpbr.v1.Contract,
 * as `mhpbr price --contract` reads it); `tariff_csv`: the tariff CSV
 * `cluster,basis,price_pence[,social_care_ppm]` (as `mhpbr price --tariff`
 * reads it). Neither need be NUL-terminated. The rule set gives review
 * lengths and the day count. A bad contract or tariff row gives
 * MHPBR_INVALID_ARGUMENT naming the field or line. */
MHPBR_EXPORT mhpbr_code mhpbr_tariff_create(const mhpbr_rules* rules,
                                            const char* contract_text,
                                            size_t contract_length,
                                            const char* tariff_csv,
                                            size_t tariff_length,
                                            mhpbr_tariff** out, char** error);
/* The same from files. */
MHPBR_EXPORT mhpbr_code mhpbr_tariff_create_files(const mhpbr_rules* rules,
                                                  const char* contract_path,
                                                  const char* tariff_path,
                                                  mhpbr_tariff** out,
                                                  char** error);
MHPBR_EXPORT void mhpbr_tariff_destroy(mhpbr_tariff* tariff);

/* Prices one period (its patient_id is not read). An end before the start
 * gives MHPBR_INVALID_ARGUMENT; an amount beyond 64-bit pence
 * MHPBR_OUT_OF_RANGE. */
MHPBR_EXPORT mhpbr_code mhpbr_tariff_price_period(const mhpbr_tariff* tariff,
                                                  const mhpbr_period* period,
                                                  mhpbr_payment* payment,
                                                  char** error);

/* -- Costing activity (an mhpbr_coster) -- */

#define MHPBR_ACTIVITY_CONTACT 0 /* staff_group, minutes */
#define MHPBR_ACTIVITY_GROUP 1   /* staff_group, minutes, attendees */
#define MHPBR_ACTIVITY_BED_DAY 2 /* ward, count */
#define MHPBR_ACTIVITY_OTHER 3   /* cost_pence */

/* One activity record, as a row of `mhpbr cost --activity`. Each kind
 * reads only its own fields (above); the others are ignored. Strings are
 * NUL-terminated; NULL is empty. */
typedef struct mhpbr_activity {
  uint32_t struct_size;    /* sizeof(mhpbr_activity) */
  int32_t kind;            /* MHPBR_ACTIVITY_* */
  int32_t date;            /* YYYYMMDD */
  int32_t attendees;       /* group: at least 1 */
  const char* activity_id; /* optional: named in messages */
  const char* patient_id;  /* required */
  const char* staff_group; /* a staff code of the unit costs */
  const char* ward;        /* a ward code of the unit costs */
  int64_t minutes;         /* >= 0 */
  int64_t count;           /* bed days, >= 0 */
  int64_t cost_pence;      /* >= 0 */
} mhpbr_activity;

#define MHPBR_ACTIVITY_INIT                                                 \
  {                                                                         \
    sizeof(mhpbr_activity), MHPBR_ACTIVITY_CONTACT, MHPBR_NO_DATE, 1, NULL, \
        NULL, NULL, NULL, 0, 0, 0                                           \
  }
MHPBR_EXPORT void mhpbr_activity_init_sized(mhpbr_activity* activity,
                                            size_t size);
#define MHPBR_ACTIVITY_INIT_SIZED(activity) \
  mhpbr_activity_init_sized((activity), sizeof *(activity))

/* mhpbr_attribution.period when no period covers the record's date (the
 * record is costed into the unclustered bucket). */
#define MHPBR_PERIOD_UNCLUSTERED (-1)
/* ... when the patient has no period at all (also unclustered). */
#define MHPBR_PERIOD_UNKNOWN_PATIENT (-2)
/* ... when the record was rejected. */
#define MHPBR_PERIOD_REJECTED (-3)

/* Where one record went. */
typedef struct mhpbr_attribution {
  uint32_t struct_size; /* sizeof(mhpbr_attribution) */
  /* MHPBR_OK, or why the record was rejected (batch calls). */
  mhpbr_code status;
  /* The index of the period in the caller's array given to
   * mhpbr_coster_create, or MHPBR_PERIOD_*. */
  int64_t period;
  int64_t cost_pence; /* the record's full cost; 0 when rejected */
} mhpbr_attribution;

#define MHPBR_ATTRIBUTION_INIT \
  { sizeof(mhpbr_attribution), MHPBR_OK, MHPBR_PERIOD_REJECTED, 0 }
MHPBR_EXPORT void mhpbr_attribution_init_sized(mhpbr_attribution* attribution,
                                               size_t size);
#define MHPBR_ATTRIBUTION_INIT_SIZED(attribution) \
  mhpbr_attribution_init_sized((attribution), sizeof *(attribution))

/* What one period has cost so far. */
typedef struct mhpbr_period_cost {
  uint32_t struct_size; /* sizeof(mhpbr_period_cost) */
  int32_t cluster;
  /* Both ends counted (or as the rule set's day count says); an open
   * period counts to the as-of date. */
  int64_t days;
  int64_t records;
  int64_t cost_pence;
} mhpbr_period_cost;

#define MHPBR_PERIOD_COST_INIT \
  { sizeof(mhpbr_period_cost), 0, 0, 0, 0 }
MHPBR_EXPORT void mhpbr_period_cost_init_sized(mhpbr_period_cost* cost,
                                               size_t size);
#define MHPBR_PERIOD_COST_INIT_SIZED(cost) \
  mhpbr_period_cost_init_sized((cost), sizeof *(cost))

/* What one cluster's periods have cost so far (a row of `mhpbr cost
 * --by-cluster`; all 0 for a cluster without periods). */
typedef struct mhpbr_cluster_cost {
  uint32_t struct_size; /* sizeof(mhpbr_cluster_cost) */
  int32_t cluster;
  int64_t periods;
  int64_t days;
  int64_t records;
  int64_t cost_pence;
} mhpbr_cluster_cost;

#define MHPBR_CLUSTER_COST_INIT \
  { sizeof(mhpbr_cluster_cost), 0, 0, 0, 0, 0 }
MHPBR_EXPORT void mhpbr_cluster_cost_init_sized(mhpbr_cluster_cost* cost,
                                                size_t size);
#define MHPBR_CLUSTER_COST_INIT_SIZED(cost) \
  mhpbr_cluster_cost_init_sized((cost), sizeof *(cost))

/* The running totals (the `mhpbr cost --summary` figures). */
typedef struct mhpbr_cost_totals {
  uint32_t struct_size; /* sizeof(mhpbr_cost_totals) */
  int32_t reserved;     /* 0 */
  int64_t records_read; /* every record added, good or rejected */
  int64_t records_rejected;
  int64_t clustered_records;
  int64_t clustered_pence;
  /* Records no period covers, those of unknown patients included. */
  int64_t unclustered_records;
  int64_t unclustered_pence;
  int64_t unknown_patient_records;
  int64_t total_pence; /* clustered + unclustered */
  int64_t periods;
} mhpbr_cost_totals;

#define MHPBR_COST_TOTALS_INIT \
  { sizeof(mhpbr_cost_totals), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
MHPBR_EXPORT void mhpbr_cost_totals_init_sized(mhpbr_cost_totals* totals,
                                               size_t size);
#define MHPBR_COST_TOTALS_INIT_SIZED(totals) \
  mhpbr_cost_totals_init_sized((totals), sizeof *(totals))

/* Unit costs and a trust's cluster periods, with running costs. */
typedef struct mhpbr_coster mhpbr_coster;

/* `unit_costs_text`: unit costs in protobuf text format
 * (mhpbr.v1.UnitCosts, as `mhpbr cost --unit-costs` reads it; need not be
 * NUL-terminated). `periods`: `period_count` periods, each with its
 * patient_id, elements `periods[0].struct_size` bytes apart (all the same
 * size); the library copies them. `as_of`: open periods run to it. The
 * rule set gives the day count. A bad unit-cost file, or a period with an
 * impossible date, an end before its start, a start after `as_of`, a bad
 * cluster or no patient_id, gives MHPBR_INVALID_ARGUMENT naming it
 * ("periods[3].end"). */
MHPBR_EXPORT mhpbr_code mhpbr_coster_create(const mhpbr_rules* rules,
                                            const char* unit_costs_text,
                                            size_t unit_costs_length,
                                            const mhpbr_period* periods,
                                            size_t period_count, int32_t as_of,
                                            mhpbr_coster** out, char** error);
/* The same with the unit costs read from the file at `path`. */
MHPBR_EXPORT mhpbr_code mhpbr_coster_create_file(
    const mhpbr_rules* rules, const char* path, const mhpbr_period* periods,
    size_t period_count, int32_t as_of, mhpbr_coster** out, char** error);
MHPBR_EXPORT void mhpbr_coster_destroy(mhpbr_coster* coster);

/* Costs one record and attributes it to the period covering its date for
 * its patient (an open period covers dates through as_of), or to the
 * unclustered bucket. A record with a bad field (an unknown staff group or
 * ward, a negative number, an impossible date, an unknown kind, no
 * patient_id) gives MHPBR_INVALID_ARGUMENT naming it and is counted as
 * read and rejected, as `mhpbr cost` counts a rejected row; `attribution`
 * then says MHPBR_PERIOD_REJECTED. A cost that would take a total past
 * 64-bit pence is rejected too, with MHPBR_OUT_OF_RANGE. A NULL pointer or
 * too small a struct_size is not a record and is not counted. */
MHPBR_EXPORT mhpbr_code mhpbr_coster_add(mhpbr_coster* coster,
                                         const mhpbr_activity* activity,
                                         mhpbr_attribution* attribution,
                                         char** error);
/* Adds `count` records, in order, exactly as that many mhpbr_coster_add
 * calls would; faster over many records (64 or more a call suit). Elements
 * are `records[0].struct_size` and `attributions[0].struct_size` bytes
 * apart. A bad record does not stop the batch: its attribution's `status`
 * says what is wrong. Returns MHPBR_OK when every record was good, else
 * MHPBR_INVALID_ARGUMENT naming the first bad record and how many there
 * were. */
MHPBR_EXPORT mhpbr_code mhpbr_coster_add_batch(mhpbr_coster* coster,
                                               const mhpbr_activity* records,
                                               size_t count,
                                               mhpbr_attribution* attributions,
                                               char** error);

/* The period at `index` in the array given to mhpbr_coster_create. */
MHPBR_EXPORT mhpbr_code mhpbr_coster_period(const mhpbr_coster* coster,
                                            size_t index,
                                            mhpbr_period_cost* cost,
                                            char** error);
MHPBR_EXPORT mhpbr_code mhpbr_coster_cluster(const mhpbr_coster* coster,
                                             int32_t cluster,
                                             mhpbr_cluster_cost* cost,
                                             char** error);
MHPBR_EXPORT mhpbr_code mhpbr_coster_totals(const mhpbr_coster* coster,
                                            mhpbr_cost_totals* totals,
                                            char** error);

/* -- Care-package templates (an mhpbr_catalogue) -- */

#define MHPBR_TIER_CORE 0      /* everyone in the cluster receives it */
#define MHPBR_TIER_ESSENTIAL 1 /* some do */
#define MHPBR_TIER_VARIANCE 2  /* occasionally needed */

#define MHPBR_SETTING_UNSPECIFIED 0
#define MHPBR_SETTING_COMMUNITY 1
#define MHPBR_SETTING_INPATIENT 2
#define MHPBR_SETTING_HOME 3

/* One element of a cluster's care-package template. Strings are borrowed
 * from the catalogue handle ("" when not given). */
typedef struct mhpbr_package_element {
  uint32_t struct_size; /* sizeof(mhpbr_package_element) */
  int32_t cluster;
  int32_t tier;    /* MHPBR_TIER_* */
  int32_t setting; /* MHPBR_SETTING_* */
  const char* id;
  const char* name;
  const char* intervention;
  const char* guidance; /* e.g. "NICE CG178" */
  const char* staff_group;
  const char* ward;
  /* The expected share of people receiving it; 1000000 for a core
   * element. */
  int64_t share_ppm;
  /* Expected units per review period. */
  int64_t contacts;
  int64_t minutes_per_contact;
  int64_t bed_days;
  /* Cost of one review period of it for someone receiving it in full ... */
  int64_t cost_pence;
  /* ... and at its share (what the template's tier totals add up, before
   * they are rounded once per tier). */
  int64_t expected_cost_pence;
} mhpbr_package_element;

#define MHPBR_PACKAGE_ELEMENT_INIT                                        \
  {                                                                       \
    sizeof(mhpbr_package_element), 0, 0, 0, NULL, NULL, NULL, NULL, NULL, \
        NULL, 0, 0, 0, 0, 0, 0                                            \
  }
MHPBR_EXPORT void mhpbr_package_element_init_sized(
    mhpbr_package_element* element, size_t size);
#define MHPBR_PACKAGE_ELEMENT_INIT_SIZED(element) \
  mhpbr_package_element_init_sized((element), sizeof *(element))

/* A template's expected cost for one review period (a row of `mhpbr
 * package cost`): each tier summed exactly and rounded once; total = the
 * three tiers. */
typedef struct mhpbr_template_cost {
  uint32_t struct_size; /* sizeof(mhpbr_template_cost) */
  int32_t cluster;
  int64_t core_pence;
  int64_t essential_pence;
  int64_t variance_pence;
  int64_t total_pence;
} mhpbr_template_cost;

#define MHPBR_TEMPLATE_COST_INIT \
  { sizeof(mhpbr_template_cost), 0, 0, 0, 0, 0 }
MHPBR_EXPORT void mhpbr_template_cost_init_sized(mhpbr_template_cost* cost,
                                                 size_t size);
#define MHPBR_TEMPLATE_COST_INIT_SIZED(cost) \
  mhpbr_template_cost_init_sized((cost), sizeof *(cost))

/* A care-package catalogue costed with unit costs. */
typedef struct mhpbr_catalogue mhpbr_catalogue;

/* `catalogue_text`: text format of mhpbr.v1.PackageCatalogue, or NULL for
 * the built-in example catalogue (an example a trust replaces with its
 * own); `unit_costs_text`: text format of mhpbr.v1.UnitCosts, or NULL for
 * the built-in illustrative costs. Neither need be NUL-terminated. An
 * invalid catalogue, or one whose staff groups or wards the unit costs do
 * not know, gives MHPBR_INVALID_ARGUMENT naming the cluster, element and
 * field. */
MHPBR_EXPORT mhpbr_code mhpbr_catalogue_create(const char* catalogue_text,
                                               size_t catalogue_length,
                                               const char* unit_costs_text,
                                               size_t unit_costs_length,
                                               mhpbr_catalogue** out,
                                               char** error);
/* The same from files; NULL paths mean the built-in ones. */
MHPBR_EXPORT mhpbr_code mhpbr_catalogue_create_files(
    const char* catalogue_path, const char* unit_costs_path,
    mhpbr_catalogue** out, char** error);
MHPBR_EXPORT void mhpbr_catalogue_destroy(mhpbr_catalogue* catalogue);

/* How many elements the template of `cluster` has (core first, then
 * essential, then variance, each in catalogue order). A cluster without a
 * template gives MHPBR_NOT_FOUND and `*count` = 0. */
MHPBR_EXPORT mhpbr_code mhpbr_catalogue_element_count(
    const mhpbr_catalogue* cat, int32_t cluster, size_t* count, char** error);
/* Element `index` (0 <= index < count) of the template of `cluster`. */
MHPBR_EXPORT mhpbr_code mhpbr_catalogue_element(
    const mhpbr_catalogue* catalogue, int32_t cluster, size_t index,
    mhpbr_package_element* element, char** error);
/* The template's expected cost per review period, by tier. */
MHPBR_EXPORT mhpbr_code mhpbr_catalogue_template_cost(const mhpbr_catalogue* c,
                                                      int32_t cluster,
                                                      mhpbr_template_cost* cost,
                                                      char** error);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MHPBR_H_ */
