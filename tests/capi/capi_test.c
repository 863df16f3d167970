/* The C API from a C99 program that includes only mhpbr.h (STYLE.md, "The
 * C ABI", 9): the contract in the header's opening comment, checked call by
 * call.
 *
 * Usage: capi_test [FROZEN_RULES.textproto]
 * With the frozen test rule set (tests/data/test_rules.textproto) it also
 * checks exact fit scores and runner-ups, and mhpbr_rules_load_file/_text on
 * a real rule set. Prints "N passed, N failed" and exits non-zero on any
 * failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mhpbr.h"

/* A non-NULL value to preload `error` with, to see it reset to NULL. */
static char g_sentinel_storage[] = "sentinel";
#define SENTINEL (g_sentinel_storage)

/* ---- Fixtures --------------------------------------------------------------
 */

/* examples.csv: each cluster's typical ratings (items 1-13, A-E), with the
 * superclass, fit and runner-up the frozen test rule set gives them (hand
 * computed from the profile: M +3, E +2, L +1, U -2; ties to the lower
 * cluster). */
typedef struct Example {
  int32_t cluster;
  uint8_t ratings[MHPBR_ITEM_COUNT];
  int32_t superclass;
  int32_t fit;
  int32_t runner_up;
  int32_t runner_up_fit;
} Example;

#define NP MHPBR_SUPERCLASS_NON_PSYCHOTIC
#define PS MHPBR_SUPERCLASS_PSYCHOTIC
#define OR MHPBR_SUPERCLASS_ORGANIC

static const Example kExamples[] = {
    {1, {0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, NP, 37, 2, 37},
    {2, {0, 0, 0, 0, 1, 1, 3, 3, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, NP, 37, 3, 37},
    {3, {0, 0, 0, 0, 1, 1, 3, 3, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0}, NP, 37, 2, 35},
    {4, {0, 0, 0, 0, 1, 1, 4, 4, 3, 1, 0, 3, 0, 0, 0, 0, 0, 1}, NP, 37, 5, 32},
    {5, {2, 3, 0, 0, 1, 1, 3, 4, 3, 3, 2, 3, 0, 0, 3, 0, 0, 3}, NP, 36, 4, 31},
    {6, {0, 0, 0, 0, 1, 1, 3, 3, 3, 3, 0, 3, 3, 0, 0, 0, 0, 3}, NP, 38, 5, 33},
    {7, {0, 0, 0, 0, 1, 1, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 3}, NP, 38, 4, 34},
    {8, {3, 3, 3, 0, 1, 1, 2, 2, 3, 0, 3, 3, 0, 0, 3, 0, 3, 3}, NP, 38, 5, 29},
    {10,
     {0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0},
     PS,
     37,
     13,
     31},
    {11, {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0}, PS, 37, 1, 36},
    {12, {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 2, 0}, PS, 38, 7, 36},
    {13,
     {2, 0, 0, 0, 1, 3, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 2, 3},
     PS,
     36,
     14,
     24},
    {14,
     {3, 0, 0, 0, 1, 3, 2, 2, 3, 3, 0, 1, 0, 3, 0, 0, 0, 3},
     PS,
     37,
     13,
     32},
    {15,
     {0, 2, 0, 0, 1, 3, 4, 2, 1, 3, 0, 3, 0, 0, 0, 0, 0, 3},
     PS,
     37,
     13,
     25},
    {16,
     {2, 0, 3, 0, 1, 3, 2, 2, 3, 0, 3, 1, 0, 0, 0, 0, 3, 3},
     PS,
     37,
     17,
     28},
    {17,
     {3, 0, 0, 0, 1, 3, 2, 2, 3, 0, 0, 1, 0, 3, 0, 0, 3, 3},
     PS,
     37,
     14,
     32},
    {18,
     {0, 0, 0, 2, 1, 0, 2, 2, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0},
     OR,
     37,
     19,
     34},
    {19,
     {0, 0, 0, 3, 1, 0, 2, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 3},
     OR,
     35,
     21,
     33},
    {20,
     {3, 0, 0, 3, 1, 2, 2, 3, 3, 3, 3, 1, 0, 0, 0, 0, 0, 3},
     OR,
     35,
     19,
     27},
    {21, {0, 0, 0, 3, 3, 0, 2, 2, 1, 4, 0, 1, 0, 0, 0, 0, 2, 3}, OR, 36, 7, 26},
};
#define EXAMPLE_COUNT ((int)(sizeof(kExamples) / sizeof(kExamples[0])))

/* Bit of profile row `index` in red_items and friends. */
#define ROW_BIT(index) (1u << (index))
#define ITEM_INDEX(n) ((n)-1) /* items 1-13 */

static const Example* FindExample(int32_t cluster) {
  int i;
  for (i = 0; i < EXAMPLE_COUNT; ++i) {
    if (kExamples[i].cluster == cluster) return &kExamples[i];
  }
  return NULL;
}

/* An assessment with a cluster's typical ratings, item 8 as one rating, no
 * answers and no allocation. */
static mhpbr_assessment ExampleAssessment(int32_t cluster) {
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  const Example* ex = FindExample(cluster);
  int i;
  if (ex == NULL) {
    fprintf(stderr, "no example for cluster %d\n", (int)cluster);
    abort();
  }
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = ex->ratings[i];
  return a;
}

/* Every field of two results. */
static int SameResult(const mhpbr_result* x, const mhpbr_result* y) {
  return x->status == y->status &&
         x->suggested_cluster == y->suggested_cluster &&
         x->has_suggested_fit == y->has_suggested_fit &&
         x->suggested_fit_milli == y->suggested_fit_milli &&
         x->runner_up_cluster == y->runner_up_cluster &&
         x->runner_up_fit_milli == y->runner_up_fit_milli &&
         x->reason == y->reason && x->superclass == y->superclass &&
         x->known_items == y->known_items &&
         x->allocated_cluster == y->allocated_cluster &&
         x->allocation_red == y->allocation_red &&
         x->red_items == y->red_items && x->fitting_items == y->fitting_items &&
         x->misfitting_items == y->misfitting_items;
}

/* Reads a whole file into a malloc'd buffer; NULL on failure. */
static char* ReadFile(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL) return NULL;
  for (;;) {
    size_t got;
    if (n == cap) {
      char* bigger;
      cap = cap == 0 ? 65536 : cap * 2;
      bigger = (char*)realloc(buf, cap + 1);
      if (bigger == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = bigger;
    }
    got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  fclose(f);
  *size = n;
  return buf;
}

/* ---- Version, codes, items -------------------------------------------- */

#define STR2(x) #x
#define STR(x) STR2(x)

static void TestVersion(void) {
  const char* expected = STR(MHPBR_VERSION_MAJOR) "." STR(
      MHPBR_VERSION_MINOR) "." STR(MHPBR_VERSION_PATCH);
  CHECK_STR(mhpbr_version(), expected);
  CHECK_INT(mhpbr_version_number(), MHPBR_VERSION_NUMBER);
  CHECK_INT(MHPBR_VERSION_NUMBER, MHPBR_VERSION_MAJOR * 10000 +
                                      MHPBR_VERSION_MINOR * 100 +
                                      MHPBR_VERSION_PATCH);
}

static void TestCodeNames(void) {
  CHECK_STR(mhpbr_code_name(MHPBR_OK), "OK");
  CHECK_STR(mhpbr_code_name(MHPBR_CANCELLED), "CANCELLED");
  CHECK_STR(mhpbr_code_name(MHPBR_UNKNOWN), "UNKNOWN");
  CHECK_STR(mhpbr_code_name(MHPBR_INVALID_ARGUMENT), "INVALID_ARGUMENT");
  CHECK_STR(mhpbr_code_name(MHPBR_NOT_FOUND), "NOT_FOUND");
  CHECK_STR(mhpbr_code_name(MHPBR_RESOURCE_EXHAUSTED), "RESOURCE_EXHAUSTED");
  CHECK_STR(mhpbr_code_name(MHPBR_FAILED_PRECONDITION), "FAILED_PRECONDITION");
  CHECK_STR(mhpbr_code_name(MHPBR_OUT_OF_RANGE), "OUT_OF_RANGE");
  CHECK_STR(mhpbr_code_name(MHPBR_UNIMPLEMENTED), "UNIMPLEMENTED");
  CHECK_STR(mhpbr_code_name(MHPBR_INTERNAL), "INTERNAL");
  CHECK_STR(mhpbr_code_name(MHPBR_DATA_LOSS), "DATA_LOSS");
  /* Codes the API never returns still get a name, never NULL. */
  CHECK_STR(mhpbr_code_name(999), "UNKNOWN");
  CHECK_STR(mhpbr_code_name(-1), "UNKNOWN");
  /* Numbered like absl::StatusCode. */
  CHECK_INT(MHPBR_INVALID_ARGUMENT, 3);
  CHECK_INT(MHPBR_NOT_FOUND, 5);
  CHECK_INT(MHPBR_RESOURCE_EXHAUSTED, 8);
  CHECK_INT(MHPBR_INTERNAL, 13);
}

static void TestItemCodes(void) {
  static const char* const kCodes[MHPBR_ITEM_COUNT] = {
      "1",  "2",  "3",  "4",  "5", "6", "7", "8", "9",
      "10", "11", "12", "13", "A", "B", "C", "D", "E"};
  int i;
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) {
    CHECK_STR(mhpbr_item_code(i), kCodes[i]);
  }
  CHECK_STR(mhpbr_item_code(0), "1");
  CHECK_STR(mhpbr_item_code(MHPBR_ITEM_8), "8");
  CHECK_STR(mhpbr_item_code(MHPBR_ITEM_A), "A");
  CHECK_STR(mhpbr_item_code(MHPBR_ITEM_E), "E");
  CHECK_STR(mhpbr_item_code(17), "E");
  CHECK(mhpbr_item_code(18) == NULL);
  CHECK(mhpbr_item_code(MHPBR_ITEM_COUNT) == NULL);
  CHECK(mhpbr_item_code(-1) == NULL);
  CHECK(mhpbr_item_code(1000000) == NULL);
}

static void TestInitFunctions(void) {
  mhpbr_assessment a;
  mhpbr_result r;
  const mhpbr_assessment ai = MHPBR_ASSESSMENT_INIT;
  const mhpbr_result ri = MHPBR_RESULT_INIT;
  int i;
  memset(&a, 0xAB, sizeof a);
  mhpbr_assessment_init(&a);
  CHECK_INT(a.struct_size, sizeof(mhpbr_assessment));
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) CHECK_INT(a.ratings[i], 9);
  for (i = 0; i < MHPBR_ITEM8_TYPE_COUNT; ++i) CHECK_INT(a.item8_types[i], 9);
  CHECK_INT(a.item8_form, MHPBR_ITEM8_SINGLE);
  CHECK_INT(a.organic, MHPBR_ANSWER_UNKNOWN);
  CHECK_INT(a.psychosis, MHPBR_ANSWER_UNKNOWN);
  CHECK_INT(a.allocated_cluster, MHPBR_NO_CLUSTER);
  CHECK(memcmp(&a, &ai, sizeof a) == 0);

  memset(&r, 0xAB, sizeof r);
  mhpbr_result_init(&r);
  CHECK_INT(r.struct_size, sizeof(mhpbr_result));
  CHECK_INT(r.runner_up_cluster, MHPBR_NO_CLUSTER);
  CHECK_INT(r.allocated_cluster, MHPBR_NO_CLUSTER);
  CHECK_INT(r.allocation_red, -1);
  CHECK(SameResult(&r, &ri));
  CHECK_INT(ri.struct_size, sizeof(mhpbr_result));

  /* NULL is ignored, not a crash. */
  mhpbr_assessment_init(NULL);
  mhpbr_result_init(NULL);
  CHECK(1);
}

/* ---- Sized init ---------------------------------------------------------- */

/* Room for any of the structs and 16 bytes past the largest, correctly
 * aligned for each; `bytes` is how the tests look at it. */
#define GUARD_BYTES 128
#define CANARY 0xA5
typedef union GuardBuffer {
  mhpbr_assessment a;
  mhpbr_result r;
  mhpbr_allocation_check chk;
  unsigned char bytes[GUARD_BYTES];
} GuardBuffer;

static void InitAssessmentSized(GuardBuffer* b, size_t size) {
  mhpbr_assessment_init_sized(b ? &b->a : NULL, size);
}
static void InitResultSized(GuardBuffer* b, size_t size) {
  mhpbr_result_init_sized(b ? &b->r : NULL, size);
}
static void InitAllocationCheckSized(GuardBuffer* b, size_t size) {
  mhpbr_allocation_check_init_sized(b ? &b->chk : NULL, size);
}

/* The first byte of `b` that differs from what a sized init of `size`
 * bytes must leave (see below), or -1 when every byte is right. */
static long FirstWrongByte(const GuardBuffer* b, size_t size,
                           const void* defaults, size_t struct_size) {
  uint32_t struct_size_field;
  size_t i;
  if (size >= sizeof(uint32_t)) {
    memcpy(&struct_size_field, b->bytes, sizeof struct_size_field);
    if (struct_size_field != size) return 0;
  }
  for (i = 0; i < GUARD_BYTES; ++i) {
    int want;
    if (size < sizeof(uint32_t) || i >= size) {
      want = CANARY; /* nothing written */
    } else if (i < sizeof(uint32_t)) {
      continue; /* struct_size, checked above */
    } else if (i < struct_size) {
      want = ((const unsigned char*)defaults)[i];
    } else {
      want = 0; /* past the library's struct */
    }
    if (b->bytes[i] != want) return (long)i;
  }
  return -1;
}

/* mhpbr_*_init_sized into a buffer of canary bytes, for every size from 0
 * to 16 bytes past the struct: nothing written at or past `size`, nothing
 * at all for a size too small to hold struct_size, else struct_size = size,
 * the INIT initializer's bytes up to the library's struct's end and zero
 * past it. NULL writes nothing and does not crash. */
static void CheckSizedInit(const char* name, void (*init)(GuardBuffer*, size_t),
                           const void* defaults, size_t struct_size) {
  GuardBuffer b;
  size_t size;
  int ok = 1;
  for (size = 0; size <= struct_size + 16 && size <= GUARD_BYTES; ++size) {
    long wrong;
    memset(b.bytes, CANARY, sizeof b.bytes);
    init(&b, size);
    wrong = FirstWrongByte(&b, size, defaults, struct_size);
    if (wrong >= 0) {
      fprintf(stderr, "%s(buffer, %lu): byte %ld is 0x%02X\n", name,
              (unsigned long)size, wrong, (unsigned)b.bytes[wrong]);
      ok = 0;
    }
  }
#if SIZE_MAX > UINT32_MAX
  /* A size struct_size cannot hold is no struct: nothing written. */
  memset(b.bytes, CANARY, sizeof b.bytes);
  init(&b, (size_t)UINT32_MAX + 1);
  if (FirstWrongByte(&b, 0, defaults, struct_size) >= 0) {
    fprintf(stderr, "%s(buffer, 2^32) wrote to the buffer\n", name);
    ok = 0;
  }
#endif
  init(NULL, struct_size);
  CheckImpl(ok, name, __FILE__, __LINE__);
}

static void TestSizedInit(void) {
  const mhpbr_assessment ai = MHPBR_ASSESSMENT_INIT;
  const mhpbr_result ri = MHPBR_RESULT_INIT;
  const mhpbr_allocation_check ci = MHPBR_ALLOCATION_CHECK_INIT;
  mhpbr_assessment a;
  mhpbr_result r;
  mhpbr_allocation_check chk;

  CheckSizedInit("mhpbr_assessment_init_sized", InitAssessmentSized, &ai,
                 sizeof ai);
  CheckSizedInit("mhpbr_result_init_sized", InitResultSized, &ri, sizeof ri);
  CheckSizedInit("mhpbr_allocation_check_init_sized", InitAllocationCheckSized,
                 &ci, sizeof ci);

  /* The macros pass the caller's sizeof: the same as the initializers. */
  memset(&a, 0xAB, sizeof a);
  MHPBR_ASSESSMENT_INIT_SIZED(&a);
  CHECK(memcmp(&a, &ai, sizeof a) == 0);
  memset(&r, 0xAB, sizeof r);
  MHPBR_RESULT_INIT_SIZED(&r);
  CHECK_INT(r.struct_size, sizeof(mhpbr_result));
  CHECK(SameResult(&r, &ri));
  memset(&chk, 0xAB, sizeof chk);
  MHPBR_ALLOCATION_CHECK_INIT_SIZED(&chk);
  CHECK(memcmp(&chk, &ci, sizeof chk) == 0);
}

/* Structs from the sized inits work with the calls: at the caller's exact
 * size; larger (a caller built against a newer header), where the library
 * writes only what it knows; and smaller than any header ever had, which
 * is refused without a write past struct_size. */
static void TestSizedInitClassifies(const mhpbr_classifier* c) {
  const mhpbr_assessment typical = ExampleAssessment(4);
  const size_t bigger_result = sizeof(mhpbr_result) + 8;
  mhpbr_assessment a;
  mhpbr_result r;
  mhpbr_allocation_check chk;
  GuardBuffer ab;
  GuardBuffer rb;
  char* error = NULL;
  size_t i;
  int tail_ok = 1;

  MHPBR_ASSESSMENT_INIT_SIZED(&a);
  memcpy(a.ratings, typical.ratings, sizeof a.ratings);
  a.allocated_cluster = 4;
  MHPBR_RESULT_INIT_SIZED(&r);
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 4);
  CHECK_INT(r.allocation_red, 0);
  MHPBR_ALLOCATION_CHECK_INIT_SIZED(&chk);
  CHECK_INT(mhpbr_check_allocation(c, &a, 4, &chk, NULL), MHPBR_OK);
  CHECK_INT(chk.cluster, 4);
  CHECK_INT(chk.red, 0);

  /* Larger than this library's structs. */
  memset(ab.bytes, CANARY, sizeof ab.bytes);
  mhpbr_assessment_init_sized(&ab.a, sizeof(mhpbr_assessment) + 8);
  memcpy(ab.a.ratings, typical.ratings, sizeof ab.a.ratings);
  memset(rb.bytes, CANARY, sizeof rb.bytes);
  mhpbr_result_init_sized(&rb.r, bigger_result);
  CHECK_INT(mhpbr_classify(c, &ab.a, &rb.r, NULL), MHPBR_OK);
  CHECK_INT(rb.r.suggested_cluster, 4);
  CHECK_INT(rb.r.struct_size, bigger_result);
  for (i = sizeof(mhpbr_result); i < GUARD_BYTES; ++i) {
    if (rb.bytes[i] != (i < bigger_result ? 0 : CANARY)) tail_ok = 0;
  }
  CHECK(tail_ok);

  /* Smaller than any mhpbr_result: refused, nothing written past it. */
  memset(rb.bytes, CANARY, sizeof rb.bytes);
  mhpbr_result_init_sized(&rb.r, sizeof(mhpbr_result) - 4);
  CHECK_INT(mhpbr_classify(c, &a, &rb.r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  mhpbr_free(error);
  error = NULL;
  tail_ok = 1;
  for (i = sizeof(mhpbr_result) - 4; i < GUARD_BYTES; ++i) {
    if (rb.bytes[i] != CANARY) tail_ok = 0;
  }
  CHECK(tail_ok);
  /* And a too-small assessment: refused, the result says so. */
  mhpbr_assessment_init_sized(&ab.a, sizeof(mhpbr_assessment) - 4);
  CHECK_INT(mhpbr_classify(c, &ab.a, &r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  CHECK_INT(r.status, MHPBR_INVALID_ARGUMENT);
  mhpbr_free(error);
}

/* ---- Rule sets ----------------------------------------------------------- */

static void TestDefaultRules(void) {
  mhpbr_rules* rules = NULL;
  char* error = SENTINEL;
  CHECK_INT(mhpbr_rules_load_default(&rules, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK(rules != NULL);
  CHECK_HAS(mhpbr_rules_source(rules), "not the official booklet grid");
  CHECK_STR(mhpbr_rules_financial_year(rules), "2016/17");
  CHECK(strlen(mhpbr_rules_version(rules)) > 0);
  /* Borrowed strings stay put for the life of the handle. */
  CHECK(mhpbr_rules_source(rules) == mhpbr_rules_source(rules));
  mhpbr_rules_destroy(rules);

  /* error may be NULL. */
  rules = NULL;
  CHECK_INT(mhpbr_rules_load_default(&rules, NULL), MHPBR_OK);
  CHECK(rules != NULL);
  mhpbr_rules_destroy(rules);

  /* NULL handles give "". */
  CHECK_STR(mhpbr_rules_source(NULL), "");
  CHECK_STR(mhpbr_rules_financial_year(NULL), "");
  CHECK_STR(mhpbr_rules_version(NULL), "");
}

static void TestLoadErrors(void) {
  mhpbr_rules* rules = NULL;
  char* error = NULL;
  static const char kBroken[] =
      "provenance {\n"
      "  source: \"broken\"\n"
      "  no_such_field: 1\n"
      "}\n";
  static const char kGarbage[] = "clusters { code: 1 \n  name: \"x\" \n";

  /* A syntax error names the line and column. */
  CHECK_INT(mhpbr_rules_load_text(kBroken, sizeof kBroken - 1, &rules, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK_HAS(error, "rule set text:3:"); /* line 3; protobuf picks the column */
  CHECK_HAS(error, "no_such_field");
  mhpbr_free(error);
  error = NULL;

  CHECK_INT(
      mhpbr_rules_load_text(kGarbage, sizeof kGarbage - 1, &rules, &error),
      MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK_HAS(error, ":3:");
  mhpbr_free(error);
  error = NULL;

  /* The same call with error == NULL. */
  CHECK_INT(mhpbr_rules_load_text(kBroken, sizeof kBroken - 1, &rules, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);

  /* NULL text of length 0 is the empty rule set: invalid, not a crash. */
  rules = (mhpbr_rules*)(void*)g_sentinel_storage;
  CHECK_INT(mhpbr_rules_load_text(NULL, 0, &rules, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK(error != NULL);
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_rules_load_text("", 0, &rules, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK(error != NULL);
  mhpbr_free(error);
  error = NULL;

  /* NULL text with a length. */
  CHECK_INT(mhpbr_rules_load_text(NULL, 10, &rules, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "text");
  mhpbr_free(error);
  error = NULL;

  /* Missing file. */
  rules = (mhpbr_rules*)(void*)g_sentinel_storage;
  CHECK_INT(mhpbr_rules_load_file("/nonexistent/mhpbr/rules.textproto", &rules,
                                  &error),
            MHPBR_NOT_FOUND);
  CHECK(rules == NULL);
  CHECK_HAS(error, "/nonexistent/mhpbr/rules.textproto");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(
      mhpbr_rules_load_file("/nonexistent/mhpbr/rules.textproto", &rules, NULL),
      MHPBR_NOT_FOUND);

  /* A directory is named as one, not read as an empty rule set whose
     fields then fail validation. */
  CHECK_INT(mhpbr_rules_load_file("/", &rules, &error), MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK_HAS(error, "/: is a directory");
  CHECK(error == NULL || strstr(error, "effective_from") == NULL);
  mhpbr_free(error);
  error = NULL;

  /* NULL out and path. */
  CHECK_INT(mhpbr_rules_load_default(NULL, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "out");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_rules_load_default(NULL, NULL), MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_rules_load_text(kBroken, sizeof kBroken - 1, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_rules_load_file("x", NULL, NULL), MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_rules_load_file(NULL, &rules, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  CHECK_HAS(error, "path");
  mhpbr_free(error);
}

/* A real rule set file: load it from the path and from memory. */
static void TestRulesFromFile(const char* path) {
  mhpbr_rules* rules = NULL;
  char* error = SENTINEL;
  size_t size = 0;
  char* text;
  char* padded;
  char* broken;
  char* cell;

  CHECK_INT(mhpbr_rules_load_file(path, &rules, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK_HAS(mhpbr_rules_source(rules), "not the official booklet grid");
  mhpbr_rules_destroy(rules);
  rules = NULL;

  text = ReadFile(path, &size);
  if (!CHECK(text != NULL)) return;

  /* `text` need not be NUL-terminated: follow it with junk. */
  padded = (char*)malloc(size + 16);
  if (!CHECK(padded != NULL)) {
    free(text);
    return;
  }
  memcpy(padded, text, size);
  memcpy(padded + size, "}}} not text {{{", 16);
  error = SENTINEL;
  CHECK_INT(mhpbr_rules_load_text(padded, size, &rules, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK(rules != NULL);
  mhpbr_rules_destroy(rules);
  rules = NULL;
  /* ... and the junk really is invalid when it is included. */
  CHECK_INT(mhpbr_rules_load_text(padded, size + 16, &rules, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK(rules == NULL);
  free(padded);

  /* A validation error names the cluster and the item at fault: break
   * cluster 1's item 6 row ("MMUUU", the first such row). */
  broken = (char*)malloc(size + 1);
  if (!CHECK(broken != NULL)) {
    free(text);
    return;
  }
  memcpy(broken, text, size);
  broken[size] = '\0';
  cell = strstr(broken, "\"MMUUU\"");
  if (CHECK(cell != NULL)) {
    cell[5] = 'X'; /* "MMUUX" */
    CHECK_INT(mhpbr_rules_load_text(broken, size, &rules, &error),
              MHPBR_INVALID_ARGUMENT);
    CHECK(rules == NULL);
    CHECK_HAS(error, "cluster 1 item 6");
    mhpbr_free(error);
    error = NULL;
  }
  free(broken);
  free(text);
}

/* ---- Classification ------------------------------------------------------ */

static void TestClassifierCreate(const mhpbr_rules* rules) {
  mhpbr_classifier* c = NULL;
  char* error = SENTINEL;
  CHECK_INT(mhpbr_classifier_create(rules, &c, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK(c != NULL);
  mhpbr_classifier_destroy(c);

  c = (mhpbr_classifier*)(void*)g_sentinel_storage;
  CHECK_INT(mhpbr_classifier_create(NULL, &c, &error), MHPBR_INVALID_ARGUMENT);
  CHECK(c == NULL);
  CHECK_HAS(error, "rules");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classifier_create(NULL, &c, NULL), MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_classifier_create(rules, NULL, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK(error != NULL);
  mhpbr_free(error);
}

/* Each cluster's typical ratings, with no clinician answers, are suggested
 * as that cluster. With `exact`, the fits and runner-ups are checked too. */
static void TestExamples(const mhpbr_classifier* c, int exact) {
  int i;
  for (i = 0; i < EXAMPLE_COUNT; ++i) {
    const Example* ex = &kExamples[i];
    mhpbr_assessment a = ExampleAssessment(ex->cluster);
    mhpbr_result r = MHPBR_RESULT_INIT;
    char* error = SENTINEL;
    if (!CHECK_INT(mhpbr_classify(c, &a, &r, &error), MHPBR_OK)) {
      fprintf(stderr, "  cluster %d: %s\n", (int)ex->cluster,
              error ? error : "");
      mhpbr_free(error);
      continue;
    }
    CHECK(error == NULL);
    CHECK_INT(r.struct_size, sizeof(mhpbr_result));
    CHECK_INT(r.status, MHPBR_OK);
    if (!CHECK_INT(r.suggested_cluster, ex->cluster)) {
      fprintf(stderr, "  (example for cluster %d)\n", (int)ex->cluster);
    }
    CHECK_INT(r.superclass, ex->superclass);
    CHECK_INT(r.has_suggested_fit, 1);
    CHECK_INT(r.reason, MHPBR_REASON_NONE);
    CHECK_INT(r.known_items, MHPBR_ITEM_COUNT);
    CHECK(r.runner_up_cluster != MHPBR_NO_CLUSTER);
    CHECK(r.runner_up_cluster != r.suggested_cluster);
    CHECK(r.runner_up_fit_milli <= r.suggested_fit_milli);
    CHECK_INT(r.allocated_cluster, MHPBR_NO_CLUSTER);
    CHECK_INT(r.allocation_red, -1);
    CHECK_INT(r.red_items, 0);
    CHECK(r.fitting_items != 0);
    CHECK_INT(r.fitting_items & r.misfitting_items, 0);
    CHECK_INT((r.fitting_items | r.misfitting_items) >> MHPBR_ITEM_COUNT, 0);
    if (exact) {
      CHECK_INT(r.suggested_fit_milli, ex->fit * 1000);
      CHECK_INT(r.runner_up_cluster, ex->runner_up);
      CHECK_INT(r.runner_up_fit_milli, ex->runner_up_fit * 1000);
    }
  }
}

/* Exact rows of one known case: cluster 1's ratings in cluster 1. Its
 * profile: E rows 1-4, 10, 13, A, B, D, E at 0; item 5 (EELLU) at 1 = E;
 * item 6 (MMUUU) at 1 = M; 7, 8 (LEEUU) at 2 = E; 9 (EELUU) at 1 = E;
 * 11 (ELLUU) at 0 = E; 12 (EELUU) at 1 = E; C (ELLUU) at 0 = E. No U rows. */
static void TestFittingItems(const mhpbr_classifier* c) {
  mhpbr_assessment a = ExampleAssessment(1);
  mhpbr_result r = MHPBR_RESULT_INIT;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 1);
  CHECK_INT(r.fitting_items, (1u << MHPBR_ITEM_COUNT) - 1);
  CHECK_INT(r.misfitting_items, 0);

  /* Cluster 4's ratings with item 1 at 2 (ELLLU: L, neither) and D at 2
   * (ELUUU: U): still cluster 4; every other row fits; D does not. */
  a = ExampleAssessment(4);
  a.ratings[ITEM_INDEX(1)] = 2;
  a.ratings[MHPBR_ITEM_D] = 2;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 4);
  CHECK_INT(r.fitting_items,
            ((1u << MHPBR_ITEM_COUNT) - 1) &
                ~(ROW_BIT(ITEM_INDEX(1)) | ROW_BIT(MHPBR_ITEM_D)));
  CHECK_INT(r.misfitting_items, ROW_BIT(MHPBR_ITEM_D));
}

static void TestItem8Types(const mhpbr_classifier* c) {
  mhpbr_assessment single = ExampleAssessment(3); /* item 8 rated 3 */
  mhpbr_assessment types = ExampleAssessment(3);
  mhpbr_result rs = MHPBR_RESULT_INIT;
  mhpbr_result rt = MHPBR_RESULT_INIT;
  char* error = SENTINEL;

  /* Highest known type rating is item 8's rating. */
  types.item8_form = MHPBR_ITEM8_TYPES;
  types.ratings[MHPBR_ITEM_8] = MHPBR_NOT_KNOWN;
  types.item8_types[0] = 1; /* 8A */
  types.item8_types[1] = 3; /* 8B */
  types.item8_types[7] = 2; /* 8H */
  CHECK_INT(mhpbr_classify(c, &single, &rs, NULL), MHPBR_OK);
  CHECK_INT(mhpbr_classify(c, &types, &rt, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK_INT(rt.suggested_cluster, 3);
  CHECK(SameResult(&rs, &rt));

  /* All types unknown: item 8 is unknown. */
  memset(types.item8_types, MHPBR_NOT_KNOWN, sizeof types.item8_types);
  CHECK_INT(mhpbr_classify(c, &types, &rt, NULL), MHPBR_OK);
  CHECK_INT(rt.known_items, MHPBR_ITEM_COUNT - 1);

  /* With the single form, item8_types is not read at all. */
  single.item8_types[0] = 77;
  single.item8_types[9] = 255;
  CHECK_INT(mhpbr_classify(c, &single, &rt, NULL), MHPBR_OK);
  CHECK(SameResult(&rs, &rt));

  /* Both forms at once is an error naming ratings[7]. */
  types.item8_types[1] = 3;
  types.ratings[MHPBR_ITEM_8] = 3;
  error = NULL;
  CHECK_INT(mhpbr_classify(c, &types, &rt, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "ratings[7]");
  CHECK(rt.status != MHPBR_OK);
  mhpbr_free(error);
  error = NULL;
  types.ratings[MHPBR_ITEM_8] = 0;
  CHECK_INT(mhpbr_classify(c, &types, &rt, NULL), MHPBR_INVALID_ARGUMENT);
}

static void TestAllocation(const mhpbr_classifier* c) {
  mhpbr_assessment a = ExampleAssessment(10);
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_allocation_check chk = MHPBR_ALLOCATION_CHECK_INIT;
  char* error = SENTINEL;

  /* Cluster 10's ratings (item 6 at 3) allocated to cluster 1, whose item 6
   * must score 0 or 1: red on item 6 alone. */
  a.allocated_cluster = 1;
  CHECK_INT(mhpbr_classify(c, &a, &r, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK_INT(r.suggested_cluster, 10);
  CHECK_INT(r.allocated_cluster, 1);
  CHECK_INT(r.allocation_red, 1);
  CHECK_INT(r.red_items, ROW_BIT(ITEM_INDEX(6)));
  CHECK_INT(r.red_items, 1u << 5);

  error = SENTINEL;
  CHECK_INT(mhpbr_check_allocation(c, &a, 1, &chk, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK_INT(chk.struct_size, sizeof(mhpbr_allocation_check));
  CHECK_INT(chk.cluster, 1);
  CHECK_INT(chk.red, 1);
  CHECK_INT(chk.red_items, 1u << 5);

  /* The assessment's own allocated_cluster is ignored by the check. */
  CHECK_INT(mhpbr_check_allocation(c, &a, 10, &chk, NULL), MHPBR_OK);
  CHECK_INT(chk.cluster, 10);
  CHECK_INT(chk.red, 0);
  CHECK_INT(chk.red_items, 0);

  /* Allocated to its own cluster: not red. */
  a.allocated_cluster = 10;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.allocated_cluster, 10);
  CHECK_INT(r.allocation_red, 0);
  CHECK_INT(r.red_items, 0);

  /* Two rows at once, reported as bits in row order: cluster 6 needs item
   * 6 at 0-1 and item 13 at 2-4; item 6 at 3 and item 13 at 0 break both. */
  a.ratings[ITEM_INDEX(13)] = 0;
  a.allocated_cluster = 6;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.allocation_red, 1);
  CHECK_INT(r.red_items, ROW_BIT(ITEM_INDEX(6)) | ROW_BIT(ITEM_INDEX(13)));
  /* Cluster 17 needs item 6 at 1-4 and D at 2-4: cluster 1's ratings (item
   * 6 at 1, D at 0) break D alone; with item 6 at 0, both. */
  a = ExampleAssessment(1);
  a.allocated_cluster = 17;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.red_items, ROW_BIT(MHPBR_ITEM_D));
  a.ratings[ITEM_INDEX(6)] = 0;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.red_items, ROW_BIT(ITEM_INDEX(6)) | ROW_BIT(MHPBR_ITEM_D));
  CHECK_INT(mhpbr_check_allocation(c, &a, 17, &chk, NULL), MHPBR_OK);
  CHECK_INT(chk.red_items, ROW_BIT(ITEM_INDEX(6)) | ROW_BIT(MHPBR_ITEM_D));
  /* An unknown rating breaks no rule. */
  a.ratings[ITEM_INDEX(6)] = MHPBR_NOT_KNOWN;
  a.ratings[MHPBR_ITEM_D] = MHPBR_NOT_KNOWN;
  CHECK_INT(mhpbr_check_allocation(c, &a, 17, &chk, NULL), MHPBR_OK);
  CHECK_INT(chk.red, 0);
  CHECK_INT(chk.red_items, 0);

  /* Allocation to cluster 0 is never red, whatever the ratings. */
  a = ExampleAssessment(10);
  a.allocated_cluster = 0;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.allocated_cluster, 0);
  CHECK_INT(r.allocation_red, 0);
  CHECK_INT(r.red_items, 0);
  CHECK_INT(r.suggested_cluster, 10);
  chk.red = 7;
  chk.red_items = 0xFFFFu;
  CHECK_INT(mhpbr_check_allocation(c, &a, 0, &chk, NULL), MHPBR_OK);
  CHECK_INT(chk.cluster, 0);
  CHECK_INT(chk.red, 0);
  CHECK_INT(chk.red_items, 0);

  /* Bad clusters and a bad check struct. */
  error = NULL;
  CHECK_INT(mhpbr_check_allocation(c, &a, 9, &chk, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "cluster 9");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_check_allocation(c, &a, 22, &chk, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_check_allocation(c, &a, -1, &chk, NULL),
            MHPBR_INVALID_ARGUMENT);
  chk.struct_size = 0;
  CHECK_INT(mhpbr_check_allocation(c, &a, 1, &chk, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  mhpbr_free(error);
  error = NULL;
  chk.struct_size = sizeof chk;
  a.ratings[0] = 5;
  CHECK_INT(mhpbr_check_allocation(c, &a, 1, &chk, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "ratings[0]");
  mhpbr_free(error);
}

static void TestVariance(const mhpbr_classifier* c) {
  mhpbr_assessment a = ExampleAssessment(1);
  mhpbr_result r = MHPBR_RESULT_INIT;
  int i;

  /* 11 known items: fewer than the default minimum of 12. */
  for (i = 11; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = MHPBR_NOT_KNOWN;
  a.allocated_cluster = 1;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.status, MHPBR_OK);
  CHECK_INT(r.known_items, 11);
  CHECK_INT(r.suggested_cluster, 0);
  CHECK_INT(r.reason, MHPBR_REASON_TOO_FEW_KNOWN);
  CHECK_INT(r.has_suggested_fit, 0);
  CHECK_INT(r.suggested_fit_milli, 0);
  CHECK_INT(r.runner_up_cluster, MHPBR_NO_CLUSTER);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_VARIANCE);
  CHECK_INT(r.fitting_items, 0);
  CHECK_INT(r.misfitting_items, 0);
  /* The allocation is still checked. */
  CHECK_INT(r.allocated_cluster, 1);
  CHECK_INT(r.allocation_red, 0);

  /* 12 known: enough. */
  a.ratings[11] = 1;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.known_items, 12);
  CHECK_INT(r.reason, MHPBR_REASON_NONE);
  CHECK_INT(r.has_suggested_fit, 1);
  CHECK(r.suggested_cluster != 0);

  /* Nothing known at all. */
  mhpbr_assessment_init(&a);
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.known_items, 0);
  CHECK_INT(r.suggested_cluster, 0);
  CHECK_INT(r.reason, MHPBR_REASON_TOO_FEW_KNOWN);

  /* Organic: only clusters 18-21, and each needs item 4 at 1 or more;
   * cluster 1's ratings have item 4 at 0, so nothing fits. */
  a = ExampleAssessment(1);
  a.organic = MHPBR_ANSWER_YES;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 0);
  CHECK_INT(r.reason, MHPBR_REASON_NO_FIT);
  CHECK_INT(r.has_suggested_fit, 0);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_VARIANCE);
  CHECK_INT(r.runner_up_cluster, MHPBR_NO_CLUSTER);

  /* Psychosis yes (organic unknown): only the psychotic clusters. */
  a = ExampleAssessment(1);
  a.psychosis = MHPBR_ANSWER_YES;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_PSYCHOTIC);
  CHECK(r.suggested_cluster >= 10 && r.suggested_cluster <= 17);
  CHECK(r.runner_up_cluster >= 10 && r.runner_up_cluster <= 17);

  /* Both no: only the non-psychotic clusters (cluster 11's ratings would
   * otherwise be 11). */
  a = ExampleAssessment(11);
  a.organic = MHPBR_ANSWER_NO;
  a.psychosis = MHPBR_ANSWER_NO;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_NON_PSYCHOTIC);
  CHECK(r.suggested_cluster >= 1 && r.suggested_cluster <= 8);

  /* Organic yes wins over psychosis yes. */
  a = ExampleAssessment(18);
  a.organic = MHPBR_ANSWER_YES;
  a.psychosis = MHPBR_ANSWER_YES;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 18);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_ORGANIC);
}

/* One invalid field: INVALID_ARGUMENT, a message naming the field, the
 * result marked as not classified; the same with error == NULL. */
static void ExpectInvalid(const mhpbr_classifier* c, const mhpbr_assessment* a,
                          const char* field, int line) {
  mhpbr_result r = MHPBR_RESULT_INIT;
  char* error = NULL;
  const mhpbr_code code = mhpbr_classify(c, a, &r, &error);
  if (!CheckIntImpl(code, MHPBR_INVALID_ARGUMENT, "mhpbr_classify(...)",
                    "MHPBR_INVALID_ARGUMENT", __FILE__, line)) {
    mhpbr_free(error);
    return;
  }
  CheckHasImpl(error, field, "error", __FILE__, line);
  CheckImpl(r.status != MHPBR_OK, "r.status != MHPBR_OK", __FILE__, line);
  mhpbr_free(error);
  CheckIntImpl(mhpbr_classify(c, a, &r, NULL), MHPBR_INVALID_ARGUMENT,
               "mhpbr_classify(..., NULL)", "MHPBR_INVALID_ARGUMENT", __FILE__,
               line);
}

static void TestInvalidAssessments(const mhpbr_classifier* c) {
  mhpbr_assessment a;
  mhpbr_result r;
  char* error = NULL;

  a = ExampleAssessment(1);
  a.ratings[6] = 7; /* item 7 rated 7 */
  ExpectInvalid(c, &a, "ratings[6]", __LINE__);
  a = ExampleAssessment(1);
  a.ratings[0] = 5;
  ExpectInvalid(c, &a, "ratings[0]", __LINE__);
  a = ExampleAssessment(1);
  a.ratings[MHPBR_ITEM_E] = 255;
  ExpectInvalid(c, &a, "ratings[17]", __LINE__);
  a = ExampleAssessment(1);
  a.ratings[MHPBR_ITEM_8] = 8;
  ExpectInvalid(c, &a, "ratings[7]", __LINE__);

  a = ExampleAssessment(1);
  a.item8_form = MHPBR_ITEM8_TYPES;
  a.ratings[MHPBR_ITEM_8] = MHPBR_NOT_KNOWN;
  a.item8_types[3] = 5;
  ExpectInvalid(c, &a, "item8_types[3]", __LINE__);

  a = ExampleAssessment(1);
  a.organic = 3;
  ExpectInvalid(c, &a, "organic", __LINE__);
  a.organic = -1;
  ExpectInvalid(c, &a, "organic", __LINE__);
  a = ExampleAssessment(1);
  a.psychosis = 3;
  ExpectInvalid(c, &a, "psychosis", __LINE__);

  a = ExampleAssessment(1);
  a.allocated_cluster = 9;
  ExpectInvalid(c, &a, "allocated_cluster", __LINE__);
  a.allocated_cluster = 22;
  ExpectInvalid(c, &a, "allocated_cluster", __LINE__);
  a.allocated_cluster = -2;
  ExpectInvalid(c, &a, "allocated_cluster", __LINE__);

  a = ExampleAssessment(1);
  a.item8_form = 2;
  ExpectInvalid(c, &a, "item8_form", __LINE__);
  a.item8_form = -1;
  ExpectInvalid(c, &a, "item8_form", __LINE__);

  a = ExampleAssessment(1);
  a.struct_size = 0;
  ExpectInvalid(c, &a, "struct_size", __LINE__);
  a.struct_size = (uint32_t)sizeof(mhpbr_assessment) - 4;
  ExpectInvalid(c, &a, "struct_size", __LINE__);

  /* A newer caller's larger struct is fine (structs only grow). */
  {
    struct {
      mhpbr_assessment a;
      uint32_t added_later[4];
    } bigger;
    memset(&bigger, 0, sizeof bigger);
    bigger.a = ExampleAssessment(2);
    bigger.a.struct_size = (uint32_t)sizeof bigger;
    r = (mhpbr_result)MHPBR_RESULT_INIT;
    CHECK_INT(mhpbr_classify(c, &bigger.a, &r, NULL), MHPBR_OK);
    CHECK_INT(r.suggested_cluster, 2);
  }

  /* A result too small for this library. */
  a = ExampleAssessment(1);
  r = (mhpbr_result)MHPBR_RESULT_INIT;
  r.struct_size = 0;
  CHECK_INT(mhpbr_classify(c, &a, &r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "result.struct_size");
  mhpbr_free(error);
  error = NULL;
  r.struct_size = (uint32_t)sizeof(mhpbr_result) - 4;
  CHECK_INT(mhpbr_classify(c, &a, &r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify(c, &a, &r, NULL), MHPBR_INVALID_ARGUMENT);
  /* A result with room to spare keeps its extra bytes. */
  {
    struct {
      mhpbr_result r;
      uint32_t added_later[3];
    } bigger;
    memset(&bigger, 0x5A, sizeof bigger);
    bigger.r.struct_size = (uint32_t)sizeof bigger;
    CHECK_INT(mhpbr_classify(c, &a, &bigger.r, NULL), MHPBR_OK);
    CHECK_INT(bigger.r.struct_size, sizeof bigger);
    CHECK_INT(bigger.r.suggested_cluster, 1);
    CHECK_INT(bigger.added_later[0], 0x5A5A5A5Au);
    CHECK_INT(bigger.added_later[2], 0x5A5A5A5Au);
  }
}

/* Every byte value in every rating and type slot, and every answer and
 * cluster value near the valid range: accepted exactly when valid. */
static void TestValueSweep(const mhpbr_classifier* c) {
  int i, v, bad = 0;
  for (i = 0; i < MHPBR_ITEM_COUNT; ++i) {
    for (v = 0; v < 256; ++v) {
      mhpbr_assessment a = ExampleAssessment(5);
      mhpbr_result r = MHPBR_RESULT_INIT;
      const int valid = v <= 4 || v == MHPBR_NOT_KNOWN;
      mhpbr_code code;
      a.ratings[i] = (uint8_t)v;
      code = mhpbr_classify(c, &a, &r, NULL);
      if (code != (valid ? MHPBR_OK : MHPBR_INVALID_ARGUMENT) ||
          (valid && r.known_items != (v == MHPBR_NOT_KNOWN ? 17 : 18))) {
        if (bad++ < 5) {
          fprintf(stderr, "  ratings[%d] = %d: code %d, known %d\n", i, v,
                  (int)code, (int)r.known_items);
        }
      }
    }
  }
  for (i = 0; i < MHPBR_ITEM8_TYPE_COUNT; ++i) {
    for (v = 0; v < 256; ++v) {
      mhpbr_assessment a = ExampleAssessment(5);
      mhpbr_result r = MHPBR_RESULT_INIT;
      const int valid = v <= 4 || v == MHPBR_NOT_KNOWN;
      mhpbr_code code;
      int expected_known;
      /* Types form: item 8 is the highest known type. */
      a.item8_form = MHPBR_ITEM8_TYPES;
      a.ratings[MHPBR_ITEM_8] = MHPBR_NOT_KNOWN;
      a.item8_types[i] = (uint8_t)v;
      code = mhpbr_classify(c, &a, &r, NULL);
      expected_known = v == MHPBR_NOT_KNOWN ? 17 : 18;
      if (code != (valid ? MHPBR_OK : MHPBR_INVALID_ARGUMENT) ||
          (valid && r.known_items != expected_known)) {
        if (bad++ < 5) {
          fprintf(stderr, "  item8_types[%d] = %d: code %d, known %d\n", i, v,
                  (int)code, (int)r.known_items);
        }
      }
      /* Single form: the types are not read at all. */
      a = ExampleAssessment(5);
      a.item8_types[i] = (uint8_t)v;
      if (mhpbr_classify(c, &a, &r, NULL) != MHPBR_OK || r.known_items != 18) {
        if (bad++ < 5) {
          fprintf(stderr, "  single form, item8_types[%d] = %d rejected\n", i,
                  v);
        }
      }
    }
  }
  CHECK_INT(bad, 0);

  for (v = -3; v <= 4; ++v) {
    mhpbr_assessment a = ExampleAssessment(5);
    mhpbr_result r = MHPBR_RESULT_INIT;
    const int valid = v >= MHPBR_ANSWER_UNKNOWN && v <= MHPBR_ANSWER_YES;
    a.organic = v;
    CHECK_INT(mhpbr_classify(c, &a, &r, NULL),
              valid ? MHPBR_OK : MHPBR_INVALID_ARGUMENT);
    a.organic = MHPBR_ANSWER_UNKNOWN;
    a.psychosis = v;
    CHECK_INT(mhpbr_classify(c, &a, &r, NULL),
              valid ? MHPBR_OK : MHPBR_INVALID_ARGUMENT);
    a.psychosis = MHPBR_ANSWER_UNKNOWN;
    a.item8_form = v;
    CHECK_INT(mhpbr_classify(c, &a, &r, NULL),
              v == MHPBR_ITEM8_SINGLE ? MHPBR_OK : MHPBR_INVALID_ARGUMENT);
  }
  for (v = -3; v <= 25; ++v) {
    mhpbr_assessment a = ExampleAssessment(5);
    mhpbr_result r = MHPBR_RESULT_INIT;
    const int valid = v == MHPBR_NO_CLUSTER || (v >= 0 && v <= 21 && v != 9);
    a.allocated_cluster = v;
    if (CHECK_INT(mhpbr_classify(c, &a, &r, NULL),
                  valid ? MHPBR_OK : MHPBR_INVALID_ARGUMENT) &&
        valid) {
      CHECK_INT(r.allocated_cluster, v);
    }
  }
}

static void TestNulls(const mhpbr_rules* rules, const mhpbr_classifier* c) {
  mhpbr_assessment a = ExampleAssessment(1);
  mhpbr_assessment many[2];
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_result results[2];
  mhpbr_allocation_check chk = MHPBR_ALLOCATION_CHECK_INIT;
  char* error = NULL;
  void* response = SENTINEL;
  size_t response_size = 99;

  many[0] = a;
  many[1] = a;
  results[0] = r;
  results[1] = r;

  CHECK_INT(mhpbr_classify(NULL, &a, &r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "classifier");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify(c, NULL, &r, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "assessment");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify(c, &a, NULL, &error), MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "result");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify(NULL, NULL, NULL, NULL), MHPBR_INVALID_ARGUMENT);

  CHECK_INT(mhpbr_classify_batch(NULL, many, 2, results, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_classify_batch(c, NULL, 2, results, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "assessments");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify_batch(c, many, 2, NULL, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "results");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_classify_batch(NULL, NULL, 0, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);

  CHECK_INT(mhpbr_check_allocation(NULL, &a, 1, &chk, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_check_allocation(c, NULL, 1, &chk, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_check_allocation(c, &a, 1, NULL, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "check");
  mhpbr_free(error);
  error = NULL;

  /* The rich calls. */
  CHECK_INT(
      mhpbr_periods_build(NULL, NULL, 0, &response, &response_size, &error),
      MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "rules");
  CHECK(response == NULL);
  CHECK_INT(response_size, 0);
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_periods_build(rules, NULL, 0, NULL, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_periods_build(rules, NULL, 0, &response, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(
      mhpbr_periods_build(rules, NULL, 16, &response, &response_size, &error),
      MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "request");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(mhpbr_price(NULL, NULL, 0, &response, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_price(rules, NULL, 0, NULL, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_cost(NULL, NULL, 0, &response, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_cost(rules, NULL, 0, NULL, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_set_tariffs(NULL, NULL, 0, &response, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_set_tariffs(rules, NULL, 0, NULL, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_package_cost(NULL, NULL, 0, &response, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_package_cost(rules, NULL, 0, NULL, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_package_plan(NULL, NULL, 0, &response, &response_size, NULL),
            MHPBR_INVALID_ARGUMENT);
  CHECK_INT(mhpbr_package_plan(rules, NULL, 0, NULL, NULL, NULL),
            MHPBR_INVALID_ARGUMENT);

  /* Bytes that are not a serialized message. */
  {
    static const unsigned char kJunk[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    CHECK_INT(mhpbr_periods_build(rules, kJunk, sizeof kJunk, &response,
                                  &response_size, &error),
              MHPBR_INVALID_ARGUMENT);
    CHECK_HAS(error, "PeriodRequest");
    CHECK(response == NULL);
    mhpbr_free(error);
    error = NULL;
  }

  /* An empty package request means the built-in example catalogue and unit
   * costs: a real response the caller frees. */
  response = NULL;
  response_size = 0;
  error = SENTINEL;
  CHECK_INT(
      mhpbr_package_cost(rules, NULL, 0, &response, &response_size, &error),
      MHPBR_OK);
  CHECK(error == NULL);
  CHECK(response != NULL);
  CHECK(response_size > 0);
  mhpbr_free(response);

  /* Destroy and free accept NULL. */
  mhpbr_rules_destroy(NULL);
  mhpbr_classifier_destroy(NULL);
  mhpbr_free(NULL);
  CHECK(1);
}

static void TestBatch(const mhpbr_classifier* c) {
  enum { kCount = 5 };
  mhpbr_assessment in[kCount];
  mhpbr_result out[kCount];
  mhpbr_result single;
  char* error = NULL;
  size_t i;

  in[0] = ExampleAssessment(1);
  in[1] = ExampleAssessment(2);
  in[1].ratings[4] = 7; /* bad */
  in[2] = ExampleAssessment(10);
  in[2].allocated_cluster = 1;
  in[3] = ExampleAssessment(4);
  in[3].organic = 5; /* bad */
  in[4] = ExampleAssessment(18);
  in[4].item8_form = MHPBR_ITEM8_TYPES;
  in[4].ratings[MHPBR_ITEM_8] = MHPBR_NOT_KNOWN;
  in[4].item8_types[5] = 2;

  /* Only results[0].struct_size need be set. */
  memset(out, 0xAB, sizeof out);
  out[0].struct_size = (uint32_t)sizeof(mhpbr_result);
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "assessments[1]");
  CHECK_HAS(error, "2 of 5");
  CHECK_HAS(error, "ratings[4]");
  mhpbr_free(error);
  error = NULL;
  CHECK_INT(out[1].status, MHPBR_INVALID_ARGUMENT);
  CHECK_INT(out[3].status, MHPBR_INVALID_ARGUMENT);
  for (i = 0; i < kCount; ++i) {
    CHECK_INT(out[i].struct_size, sizeof(mhpbr_result));
    if (i == 1 || i == 3) continue;
    single = (mhpbr_result)MHPBR_RESULT_INIT;
    CHECK_INT(mhpbr_classify(c, &in[i], &single, NULL), MHPBR_OK);
    CHECK_INT(out[i].status, MHPBR_OK);
    if (!CHECK(SameResult(&out[i], &single))) {
      fprintf(stderr, "  batch record %d differs from a single call\n", (int)i);
    }
  }
  CHECK_INT(out[0].suggested_cluster, 1);
  CHECK_INT(out[2].suggested_cluster, 10);
  CHECK_INT(out[2].allocation_red, 1);
  CHECK_INT(out[2].red_items, 1u << 5);
  CHECK_INT(out[4].suggested_cluster, 18);

  /* The same again with error == NULL. */
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, NULL),
            MHPBR_INVALID_ARGUMENT);

  /* All good: OK and *error reset. */
  in[1].ratings[4] = 1;
  in[3].organic = MHPBR_ANSWER_UNKNOWN;
  error = SENTINEL;
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, &error), MHPBR_OK);
  CHECK(error == NULL);
  for (i = 0; i < kCount; ++i) CHECK_INT(out[i].status, MHPBR_OK);
  CHECK_INT(out[1].suggested_cluster, 2);
  CHECK_INT(out[3].suggested_cluster, 4);

  /* Count 0 is OK, even with no arrays. */
  error = SENTINEL;
  CHECK_INT(mhpbr_classify_batch(c, NULL, 0, NULL, &error), MHPBR_OK);
  CHECK(error == NULL);
  CHECK_INT(mhpbr_classify_batch(c, in, 0, out, NULL), MHPBR_OK);

  /* Bad sizes in the first elements stop the batch. */
  in[0].struct_size = 3;
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  mhpbr_free(error);
  error = NULL;
  in[0].struct_size = (uint32_t)sizeof(mhpbr_assessment);
  out[0].struct_size = 0;
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "struct_size");
  mhpbr_free(error);
  error = NULL;

  /* A later element whose struct_size differs is a bad record. */
  out[0].struct_size = (uint32_t)sizeof(mhpbr_result);
  in[2].struct_size = (uint32_t)sizeof(mhpbr_assessment) + 4;
  CHECK_INT(mhpbr_classify_batch(c, in, kCount, out, &error),
            MHPBR_INVALID_ARGUMENT);
  CHECK_HAS(error, "assessments[2]");
  CHECK_HAS(error, "1 of 5");
  mhpbr_free(error);
  error = NULL;
  CHECK(out[2].status != MHPBR_OK);
  CHECK_INT(out[3].status, MHPBR_OK);
}

/* Elements are struct_size bytes apart: a newer caller's larger structs. */
static void TestBatchStride(const mhpbr_classifier* c) {
  typedef struct {
    mhpbr_assessment a;
    uint32_t added_later[3];
  } BigAssessment;
  typedef struct {
    mhpbr_result r;
    uint32_t added_later[5];
  } BigResult;
  BigAssessment in[3];
  BigResult out[3];
  int i;
  static const int32_t kClusters[3] = {5, 12, 20};
  memset(in, 0, sizeof in);
  memset(out, 0x5A, sizeof out);
  for (i = 0; i < 3; ++i) {
    in[i].a = ExampleAssessment(kClusters[i]);
    in[i].a.struct_size = (uint32_t)sizeof(BigAssessment);
  }
  out[0].r.struct_size = (uint32_t)sizeof(BigResult);
  CHECK_INT(mhpbr_classify_batch(c, &in[0].a, 3, &out[0].r, NULL), MHPBR_OK);
  for (i = 0; i < 3; ++i) {
    CHECK_INT(out[i].r.status, MHPBR_OK);
    CHECK_INT(out[i].r.struct_size, sizeof(BigResult));
    CHECK_INT(out[i].r.suggested_cluster, kClusters[i]);
    CHECK_INT(out[i].added_later[0], 0x5A5A5A5Au);
    CHECK_INT(out[i].added_later[4], 0x5A5A5A5Au);
  }
}

/* On success *error is set to NULL, whatever it held. */
static void TestErrorResetOnSuccess(const mhpbr_rules* rules,
                                    const mhpbr_classifier* c) {
  mhpbr_assessment a = ExampleAssessment(7);
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_allocation_check chk = MHPBR_ALLOCATION_CHECK_INIT;
  mhpbr_classifier* c2 = NULL;
  mhpbr_rules* r2 = NULL;
  char* error;

  error = SENTINEL;
  CHECK_INT(mhpbr_classify(c, &a, &r, &error), MHPBR_OK);
  CHECK(error == NULL);
  error = SENTINEL;
  CHECK_INT(mhpbr_check_allocation(c, &a, 7, &chk, &error), MHPBR_OK);
  CHECK(error == NULL);
  error = SENTINEL;
  CHECK_INT(mhpbr_classify_batch(c, &a, 1, &r, &error), MHPBR_OK);
  CHECK(error == NULL);
  error = SENTINEL;
  CHECK_INT(mhpbr_classifier_create(rules, &c2, &error), MHPBR_OK);
  CHECK(error == NULL);
  error = SENTINEL;
  CHECK_INT(mhpbr_rules_load_default(&r2, &error), MHPBR_OK);
  CHECK(error == NULL);
  mhpbr_classifier_destroy(c2);
  mhpbr_rules_destroy(r2);
}

/* A classifier keeps its own reference to the rules. */
static void TestClassifierOutlivesRules(void) {
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* c1 = NULL;
  mhpbr_classifier* c2 = NULL;
  mhpbr_assessment a = ExampleAssessment(16);
  mhpbr_result r = MHPBR_RESULT_INIT;
  if (!CHECK_INT(mhpbr_rules_load_default(&rules, NULL), MHPBR_OK)) return;
  CHECK_INT(mhpbr_classifier_create(rules, &c1, NULL), MHPBR_OK);
  CHECK_INT(mhpbr_classifier_create(rules, &c2, NULL), MHPBR_OK);
  mhpbr_rules_destroy(rules);
  CHECK_INT(mhpbr_classify(c1, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 16);
  CHECK_INT(r.superclass, MHPBR_SUPERCLASS_PSYCHOTIC);
  mhpbr_classifier_destroy(c1);
  r = (mhpbr_result)MHPBR_RESULT_INIT;
  CHECK_INT(mhpbr_classify(c2, &a, &r, NULL), MHPBR_OK);
  CHECK_INT(r.suggested_cluster, 16);
  mhpbr_classifier_destroy(c2);
}

int main(int argc, char** argv) {
  mhpbr_rules* rules = NULL;
  mhpbr_classifier* c = NULL;
  char* error = NULL;

  TestVersion();
  TestCodeNames();
  TestItemCodes();
  TestInitFunctions();
  TestSizedInit();
  TestDefaultRules();
  TestLoadErrors();
  TestClassifierOutlivesRules();

  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK ||
      mhpbr_classifier_create(rules, &c, &error) != MHPBR_OK) {
    fprintf(stderr, "cannot load the default rules: %s\n",
            error ? error : "(no message)");
    mhpbr_free(error);
    mhpbr_rules_destroy(rules);
    printf("%d passed, %d failed\n", g_passed, g_failed + 1);
    return 1;
  }
  TestClassifierCreate(rules);
  TestExamples(c, 0);
  TestFittingItems(c);
  TestItem8Types(c);
  TestAllocation(c);
  TestVariance(c);
  TestSizedInitClassifies(c);
  TestInvalidAssessments(c);
  TestValueSweep(c);
  TestNulls(rules, c);
  TestBatch(c);
  TestBatchStride(c);
  TestErrorResetOnSuccess(rules, c);
  mhpbr_classifier_destroy(c);
  mhpbr_rules_destroy(rules);

  /* The frozen test rule set: exact fits and runner-ups. */
  if (argc > 1) {
    mhpbr_rules* frozen = NULL;
    mhpbr_classifier* fc = NULL;
    TestRulesFromFile(argv[1]);
    if (CHECK_INT(mhpbr_rules_load_file(argv[1], &frozen, NULL), MHPBR_OK) &&
        CHECK_INT(mhpbr_classifier_create(frozen, &fc, NULL), MHPBR_OK)) {
      TestExamples(fc, 1);
    }
    mhpbr_classifier_destroy(fc);
    mhpbr_rules_destroy(frozen);
  }

  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
