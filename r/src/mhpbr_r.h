/* Shared by the package's C files: the C API header, R's, and the way a
 * failed library call is handed back to R. */
#ifndef MHPBR_R_H_
#define MHPBR_R_H_

#include <R.h>
#include <Rinternals.h>

#include "mhpbr.h"

/* A failed call comes back to R as list(code, code_name, message) of class
 * "mhpbr_c_error", which the R side turns into an mhpbr_error condition:
 * raising an R error from C would jump over the frees that follow. Takes
 * and frees `error`. */
SEXP mhpbr_r_failure(mhpbr_code code, char* error);

/* The rule set at `path` (a rule set or a bundle, in text format), or the
 * built-in one when `path` is NULL. The built-in one is loaded once and
 * kept; mhpbr_r_rules_release frees only a loaded file's. */
mhpbr_code mhpbr_r_rules(SEXP path, mhpbr_rules** out, char** error);
void mhpbr_r_rules_release(mhpbr_rules* rules);

/* Entry points registered in init.c. */
SEXP mhpbr_r_version(void);
SEXP mhpbr_r_call_json(SEXP name, SEXP rules, SEXP request);
SEXP mhpbr_r_has_call(SEXP name);
SEXP mhpbr_r_classify(SEXP columns, SEXP rules);
SEXP mhpbr_r_check_assessments(SEXP columns);
SEXP mhpbr_r_cluster_info(SEXP rules, SEXP clusters);
SEXP mhpbr_r_review_due(SEXP rules, SEXP cluster, SEXP since, SEXP as_of);
SEXP mhpbr_r_transition_allowed(SEXP rules, SEXP transitions, SEXP from,
                                SEXP to);
SEXP mhpbr_r_price_period(SEXP rules, SEXP contract, SEXP tariff, SEXP cluster,
                          SEXP start, SEXP end);

#endif /* MHPBR_R_H_ */
