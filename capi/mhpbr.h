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
 * Not supported: reading files other than rule sets; anything that needs a
 * clock (the caller always passes dates).
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
 * MHPBR_OUT_OF_RANGE. Nothing is priced silently wrong. */
MHPBR_EXPORT mhpbr_code mhpbr_price(const mhpbr_rules* rules,
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

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MHPBR_H_ */
