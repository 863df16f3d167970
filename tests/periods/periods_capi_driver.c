/* Calls mhpbr_periods_build as a C program sees it, through libmhpbr.so,
 * for capi_test.cc. A separate process: the shared library holds its own
 * copy of the generated protobuf code, and a test that linked both would
 * register the descriptors twice.
 *
 *   periods_capi_driver build REQUEST_FILE RESPONSE_FILE [RULES_FILE]
 *     prints "code=N" and "error=MESSAGE" (or "error=(null)"); on MHPBR_OK
 *     writes the response bytes to RESPONSE_FILE.
 *   periods_capi_driver nulls
 *     checks that NULL arguments give MHPBR_INVALID_ARGUMENT with a
 *     message; prints one line per case; exits 1 on any surprise.
 *
 * Everything handed out is freed, so that a leak shows under the leak
 * sanitizer as a non-zero exit. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mhpbr.h"

static int ReadAll(const char* path, char** data, size_t* size) {
  FILE* f = fopen(path, "rb");
  size_t cap = 4096, n = 0;
  char* buf;
  if (f == NULL) return 0;
  buf = malloc(cap);
  for (;;) {
    size_t got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *data = buf;
  *size = n;
  return 1;
}

static int Build(int argc, char** argv) {
  mhpbr_rules* rules = NULL;
  char* error = NULL;
  char* request = NULL;
  size_t request_size = 0;
  void* response = NULL;
  size_t response_size = 0;
  mhpbr_code code;
  if (argc < 4) return 3;
  if (!ReadAll(argv[2], &request, &request_size)) return 3;
  code = argc > 4 ? mhpbr_rules_load_file(argv[4], &rules, &error)
                  : mhpbr_rules_load_default(&rules, &error);
  if (code != MHPBR_OK) {
    fprintf(stderr, "rules: %s\n", error != NULL ? error : "?");
    mhpbr_free(error);
    free(request);
    return 3;
  }
  code = mhpbr_periods_build(rules, request, request_size, &response,
                             &response_size, &error);
  printf("code=%d\nerror=%s\n", (int)code, error != NULL ? error : "(null)");
  if (code == MHPBR_OK) {
    FILE* out = fopen(argv[3], "wb");
    if (out == NULL) return 3;
    if (response_size > 0 &&
        fwrite(response, 1, response_size, out) != response_size) {
      return 3;
    }
    fclose(out);
  } else if (response != NULL || response_size != 0) {
    printf("response set on failure\n");
  }
  mhpbr_free(response);
  mhpbr_free(error);
  mhpbr_rules_destroy(rules);
  free(request);
  return 0;
}

/* One NULL-argument case: the call must fail with INVALID_ARGUMENT, a
 * message, and no response. */
static int Expect(const char* name, mhpbr_code code, char* error,
                  void* response, size_t response_size) {
  const int ok = code == MHPBR_INVALID_ARGUMENT && error != NULL &&
                 error[0] != '\0' && response == NULL && response_size == 0;
  printf("%s: code=%d error=%s%s\n", name, (int)code,
         error != NULL ? error : "(null)", ok ? "" : " UNEXPECTED");
  mhpbr_free(error);
  return ok;
}

static int Nulls(void) {
  mhpbr_rules* rules = NULL;
  char* error = NULL;
  void* response = (void*)1;
  size_t response_size = 1;
  int ok = 1;
  /* field 1 (as_of) = "2023-12-31" */
  static const char kRequest[] =
      "\x0a\x0a"
      "2023-12-31";
  const size_t kRequestSize = sizeof kRequest - 1;
  mhpbr_code code;
  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK) return 3;

  code = mhpbr_periods_build(NULL, kRequest, kRequestSize, &response,
                             &response_size, &error);
  ok &= Expect("null rules", code, error, response, response_size);

  error = NULL;
  response = (void*)1;
  response_size = 1;
  code =
      mhpbr_periods_build(rules, NULL, 10, &response, &response_size, &error);
  ok &= Expect("null request", code, error, response, response_size);

  error = NULL;
  response_size = 1;
  code = mhpbr_periods_build(rules, kRequest, kRequestSize, NULL,
                             &response_size, &error);
  ok &= Expect("null response", code, error, NULL, 0);

  error = NULL;
  response = (void*)1;
  code = mhpbr_periods_build(rules, kRequest, kRequestSize, &response, NULL,
                             &error);
  ok &= Expect("null response_size", code, error, response, 0);

  /* A NULL error pointer is allowed: the code alone comes back. */
  response = (void*)1;
  response_size = 1;
  code = mhpbr_periods_build(NULL, kRequest, kRequestSize, &response,
                             &response_size, NULL);
  printf("null error: code=%d\n", (int)code);
  ok &= code == MHPBR_INVALID_ARGUMENT && response == NULL;

  /* An empty request (NULL, 0) parses, but has no as_of date. */
  error = NULL;
  response = (void*)1;
  response_size = 1;
  code = mhpbr_periods_build(rules, NULL, 0, &response, &response_size, &error);
  ok &= Expect("empty request", code, error, response, response_size);

  /* The well-formed request works, and on success *error is NULL. */
  error = (char*)1;
  response = NULL;
  response_size = 0;
  code = mhpbr_periods_build(rules, kRequest, kRequestSize, &response,
                             &response_size, &error);
  printf("good: code=%d\n", (int)code);
  ok &= code == MHPBR_OK && error == NULL && response != NULL;
  mhpbr_free(response);

  mhpbr_rules_destroy(rules);
  return ok ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "build") == 0) return Build(argc, argv);
  if (argc >= 2 && strcmp(argv[1], "nulls") == 0) return Nulls();
  fprintf(stderr, "usage: periods_capi_driver build|nulls ...\n");
  return 2;
}
