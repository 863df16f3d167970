/* A tiny check framework for the C API's C99 test programs: each CHECK
 * counts a pass or prints the failure; the program ends with
 * "N passed, N failed". One copy, included by each test's single
 * translation unit (the counters are static). */
#ifndef MHPBR_TESTS_CAPI_CHECK_H_
#define MHPBR_TESTS_CAPI_CHECK_H_

#include <stdio.h>
#include <string.h>

static int g_passed = 0;
static int g_failed = 0;

static int CheckImpl(int ok, const char* expr, const char* file, int line) {
  if (ok) {
    ++g_passed;
  } else {
    ++g_failed;
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expr);
  }
  return ok;
}

static int CheckIntImpl(long long actual, long long expected, const char* a,
                        const char* e, const char* file, int line) {
  if (actual == expected) {
    ++g_passed;
    return 1;
  }
  ++g_failed;
  fprintf(stderr, "%s:%d: CHECK_INT failed: %s == %lld, expected %s == %lld\n",
          file, line, a, actual, e, expected);
  return 0;
}

static int CheckStrImpl(const char* actual, const char* expected, const char* a,
                        const char* file, int line) {
  if (actual != NULL && strcmp(actual, expected) == 0) {
    ++g_passed;
    return 1;
  }
  ++g_failed;
  fprintf(stderr, "%s:%d: CHECK_STR failed: %s is \"%s\", expected \"%s\"\n",
          file, line, a, actual == NULL ? "(null)" : actual, expected);
  return 0;
}

/* `message` is not NULL and contains `part`. */
static int CheckHasImpl(const char* message, const char* part, const char* m,
                        const char* file, int line) {
  if (message != NULL && strstr(message, part) != NULL) {
    ++g_passed;
    return 1;
  }
  ++g_failed;
  fprintf(stderr,
          "%s:%d: CHECK_HAS failed: %s is \"%s\", should contain \"%s\"\n",
          file, line, m, message == NULL ? "(null)" : message, part);
  return 0;
}

#define CHECK(cond) CheckImpl((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_INT(actual, expected)                                            \
  CheckIntImpl((long long)(actual), (long long)(expected), #actual, #expected, \
               __FILE__, __LINE__)
#define CHECK_STR(actual, expected) \
  CheckStrImpl((actual), (expected), #actual, __FILE__, __LINE__)
#define CHECK_HAS(message, part) \
  CheckHasImpl((message), (part), #message, __FILE__, __LINE__)

#endif /* MHPBR_TESTS_CAPI_CHECK_H_ */
