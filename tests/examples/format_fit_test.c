/* format_fit of examples/c/classify_example.c: the example's own code,
 * included with its main renamed, so that what is tested is what users
 * read. Prints "N passed, N failed" and exits non-zero on any failure. */
#include <stdio.h>
#include <string.h>

#define main classify_example_main
#include "examples/c/classify_example.c"
#undef main

static int g_failed = 0;

static void Expect(int32_t milli, const char* want) {
  char got[32];
  format_fit(milli, got, sizeof got);
  if (strcmp(got, want) != 0) {
    fprintf(stderr, "format_fit(%ld) is \"%s\", expected \"%s\"\n", (long)milli,
            got, want);
    ++g_failed;
  }
}

int main(void) {
  static const struct {
    int32_t milli;
    const char* text;
  } kCases[] = {
      {0, "0.000"},
      {1, "0.001"},
      {500, "0.500"},
      {2500, "2.500"},
      {37000, "37.000"},
      {-1, "-0.001"},
      {-500, "-0.500"},
      {-999, "-0.999"},
      {-1000, "-1.000"},
      {-2500, "-2.500"},
      {-12345, "-12.345"},
      {INT32_MAX, "2147483.647"},
      {INT32_MIN, "-2147483.648"},
  };
  const int count = (int)(sizeof kCases / sizeof kCases[0]);
  int i;
  for (i = 0; i < count; ++i) Expect(kCases[i].milli, kCases[i].text);
  printf("%d passed, %d failed\n", count - g_failed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
