/* Registers the package's .Call entry points (and only those). */
#include <R_ext/Rdynload.h>

#include "mhpbr_r.h"

static const R_CallMethodDef kCalls[] = {
    {"mhpbr_r_version", (DL_FUNC)&mhpbr_r_version, 0},
    {"mhpbr_r_call_json", (DL_FUNC)&mhpbr_r_call_json, 3},
    {"mhpbr_r_has_call", (DL_FUNC)&mhpbr_r_has_call, 1},
    {"mhpbr_r_classify", (DL_FUNC)&mhpbr_r_classify, 2},
    {"mhpbr_r_check_assessments", (DL_FUNC)&mhpbr_r_check_assessments, 1},
    {"mhpbr_r_cluster_info", (DL_FUNC)&mhpbr_r_cluster_info, 2},
    {"mhpbr_r_review_due", (DL_FUNC)&mhpbr_r_review_due, 4},
    {"mhpbr_r_transition_allowed", (DL_FUNC)&mhpbr_r_transition_allowed, 4},
    {"mhpbr_r_price_period", (DL_FUNC)&mhpbr_r_price_period, 6},
    {NULL, NULL, 0}};

void R_init_mhpbr(DllInfo* dll) {
  R_registerRoutines(dll, NULL, kCalls, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
}
