/* The library's version, its errors as R values, rule sets, and the rich
 * calls in protobuf's JSON mapping. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include "mhpbr_r.h"

SEXP mhpbr_r_failure(mhpbr_code code, char* error) {
  const char* name = mhpbr_code_name(code);
  SEXP out = PROTECT(allocVector(VECSXP, 3));
  SEXP names = PROTECT(allocVector(STRSXP, 3));
  SET_STRING_ELT(names, 0, mkChar("code"));
  SET_STRING_ELT(names, 1, mkChar("code_name"));
  SET_STRING_ELT(names, 2, mkChar("message"));
  SET_VECTOR_ELT(out, 0, ScalarInteger(code));
  SET_VECTOR_ELT(out, 1, mkString(name ? name : "UNKNOWN"));
  SET_VECTOR_ELT(out, 2, ScalarString(mkCharCE(error ? error : "", CE_UTF8)));
  mhpbr_free(error);
  setAttrib(out, R_NamesSymbol, names);
  setAttrib(out, R_ClassSymbol, mkString("mhpbr_c_error"));
  UNPROTECT(2);
  return out;
}

static mhpbr_rules* default_rules = NULL;

mhpbr_code mhpbr_r_rules(SEXP path, mhpbr_rules** out, char** error) {
  if (isNull(path)) {
    if (default_rules == NULL) {
      mhpbr_code code = mhpbr_rules_load_default(&default_rules, error);
      if (code != MHPBR_OK) return code;
    }
    *out = default_rules;
    return MHPBR_OK;
  }
  return mhpbr_rules_load_bundle_file(translateCharUTF8(STRING_ELT(path, 0)),
                                      out, error);
}

void mhpbr_r_rules_release(mhpbr_rules* rules) {
  if (rules != default_rules) mhpbr_rules_destroy(rules);
}

SEXP mhpbr_r_version(void) { return mkString(mhpbr_version()); }

typedef mhpbr_code (*json_call)(const mhpbr_rules*, const char*, size_t, char**,
                                size_t*, char**);

/* By name from the libmhpbr this package is linked to, so that a call
 * newer than the header it was built with (mhpbr_spc_json) is used when
 * the library has it. R loads packages RTLD_LOCAL, so the library is
 * found through one of its own symbols rather than RTLD_DEFAULT. */
static json_call find_json_call(const char* name) {
  Dl_info info;
  /* Copied, not cast: ISO C has no function-to-object pointer conversion. */
  const char* (*version)(void) = &mhpbr_version;
  void* inside = NULL;
  memcpy(&inside, &version, sizeof inside);
  if (!dladdr(inside, &info) || info.dli_fname == NULL) {
    return NULL;
  }
  void* lib = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (lib == NULL) return NULL;
  char symbol[128];
  if (strlen(name) > sizeof symbol - 16) {
    dlclose(lib);
    return NULL;
  }
  strcpy(symbol, "mhpbr_");
  strcat(symbol, name);
  strcat(symbol, "_json");
  json_call fn;
  *(void**)(&fn) = dlsym(lib, symbol);
  dlclose(lib); /* RTLD_NOLOAD took a reference; the package's own stays */
  return fn;
}

SEXP mhpbr_r_has_call(SEXP name) {
  return ScalarLogical(find_json_call(CHAR(STRING_ELT(name, 0))) != NULL);
}

SEXP mhpbr_r_call_json(SEXP name, SEXP rules_path, SEXP request) {
  const char* call = CHAR(STRING_ELT(name, 0));
  json_call fn = find_json_call(call);
  if (fn == NULL) {
    const char* prefix = "this libmhpbr has no mhpbr_";
    char* message = (char*)R_alloc(strlen(prefix) + strlen(call) + 8, 1);
    strcpy(message, prefix);
    strcat(message, call);
    strcat(message, "_json");
    /* mhpbr_r_failure frees its message with mhpbr_free: give it NULL and
     * set the text here instead. */
    SEXP out = PROTECT(mhpbr_r_failure(MHPBR_UNIMPLEMENTED, NULL));
    SET_VECTOR_ELT(out, 2, mkString(message));
    UNPROTECT(1);
    return out;
  }
  const char* text = translateCharUTF8(STRING_ELT(request, 0));
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_code code = mhpbr_r_rules(rules_path, &rules, &error);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  char* response = NULL;
  size_t size = 0;
  code = fn(rules, text, strlen(text), &response, &size, &error);
  mhpbr_r_rules_release(rules);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  SEXP out = PROTECT(allocVector(STRSXP, 1));
  SET_STRING_ELT(out, 0, mkCharLenCE(response, (int)size, CE_UTF8));
  mhpbr_free(response);
  UNPROTECT(1);
  return out;
}
