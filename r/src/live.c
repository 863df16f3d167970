/* The live calls, vectorised over their arguments (the R side recycles
 * them to one length first). A failure names the element it stopped at in
 * the "index" attribute (1-based). */
#include <string.h>

#include "mhpbr_r.h"

static SEXP failure_at(mhpbr_code code, char* error, R_xlen_t i) {
  SEXP out = PROTECT(mhpbr_r_failure(code, error));
  setAttrib(out, install("index"), ScalarReal((double)i + 1));
  UNPROTECT(1);
  return out;
}

static SEXP named_list(int n, const char** names) {
  SEXP out = PROTECT(allocVector(VECSXP, n));
  SEXP nm = PROTECT(allocVector(STRSXP, n));
  for (int i = 0; i < n; ++i) SET_STRING_ELT(nm, i, mkChar(names[i]));
  setAttrib(out, R_NamesSymbol, nm);
  UNPROTECT(2);
  return out;
}

static SEXP utf8_or_na(const char* s) {
  return s ? mkCharCE(s, CE_UTF8) : NA_STRING;
}

SEXP mhpbr_r_cluster_info(SEXP rules_path, SEXP clusters) {
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_code code = mhpbr_r_rules(rules_path, &rules, &error);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  const R_xlen_t n = XLENGTH(clusters);
  static const char* names[] = {"cluster",     "superclass",  "review_count",
                                "review_unit", "review_days", "name",
                                "subgroup"};
  SEXP out = PROTECT(named_list(7, names));
  SET_VECTOR_ELT(out, 0, clusters);
  for (int k = 1; k < 5; ++k) SET_VECTOR_ELT(out, k, allocVector(INTSXP, n));
  for (int k = 5; k < 7; ++k) SET_VECTOR_ELT(out, k, allocVector(STRSXP, n));
  for (R_xlen_t i = 0; i < n; ++i) {
    mhpbr_cluster_info info = MHPBR_CLUSTER_INFO_INIT;
    code = mhpbr_rules_cluster(rules, INTEGER(clusters)[i], &info, &error);
    if (code != MHPBR_OK) {
      mhpbr_r_rules_release(rules);
      UNPROTECT(1);
      return failure_at(code, error, i);
    }
    INTEGER(VECTOR_ELT(out, 1))[i] = info.superclass;
    INTEGER(VECTOR_ELT(out, 2))[i] = info.review_count;
    INTEGER(VECTOR_ELT(out, 3))[i] = info.review_unit;
    INTEGER(VECTOR_ELT(out, 4))[i] = info.review_days;
    SET_STRING_ELT(VECTOR_ELT(out, 5), i, utf8_or_na(info.name));
    SET_STRING_ELT(VECTOR_ELT(out, 6), i, utf8_or_na(info.subgroup));
  }
  mhpbr_r_rules_release(rules);
  UNPROTECT(1);
  return out;
}

SEXP mhpbr_r_review_due(SEXP rules_path, SEXP cluster, SEXP since, SEXP as_of) {
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_code code = mhpbr_r_rules(rules_path, &rules, &error);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  const R_xlen_t n = XLENGTH(cluster);
  static const char* names[] = {"review_due", "overdue_days"};
  SEXP out = PROTECT(named_list(2, names));
  SEXP due = PROTECT(allocVector(INTSXP, n));
  SEXP overdue = PROTECT(allocVector(INTSXP, n));
  for (R_xlen_t i = 0; i < n; ++i) {
    mhpbr_review review = MHPBR_REVIEW_INIT;
    code = mhpbr_rules_review_due(rules, INTEGER(cluster)[i], INTEGER(since)[i],
                                  INTEGER(as_of)[i], &review, &error);
    if (code != MHPBR_OK) {
      mhpbr_r_rules_release(rules);
      UNPROTECT(3);
      return failure_at(code, error, i);
    }
    INTEGER(due)[i] = review.review_due;
    INTEGER(overdue)[i] = review.overdue_days;
  }
  mhpbr_r_rules_release(rules);
  SET_VECTOR_ELT(out, 0, due);
  SET_VECTOR_ELT(out, 1, overdue);
  UNPROTECT(3);
  return out;
}

SEXP mhpbr_r_transition_allowed(SEXP rules_path, SEXP transitions, SEXP from,
                                SEXP to) {
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_transitions* table = NULL;
  mhpbr_code code;
  if (isNull(transitions)) {
    code = mhpbr_r_rules(rules_path, &rules, &error);
  } else {
    const char* text = translateCharUTF8(STRING_ELT(transitions, 0));
    code = mhpbr_transitions_load_text(text, strlen(text), &table, &error);
  }
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  const R_xlen_t n = XLENGTH(from);
  SEXP out = PROTECT(allocVector(LGLSXP, n));
  for (R_xlen_t i = 0; i < n; ++i) {
    int32_t allowed = 0;
    code = table
               ? mhpbr_transitions_allowed(table, INTEGER(from)[i],
                                           INTEGER(to)[i], &allowed, &error)
               : mhpbr_rules_transition_allowed(
                     rules, INTEGER(from)[i], INTEGER(to)[i], &allowed, &error);
    if (code != MHPBR_OK) {
      if (rules) mhpbr_r_rules_release(rules);
      mhpbr_transitions_destroy(table);
      UNPROTECT(1);
      return failure_at(code, error, i);
    }
    LOGICAL(out)[i] = allowed != 0;
  }
  if (rules) mhpbr_r_rules_release(rules);
  mhpbr_transitions_destroy(table);
  UNPROTECT(1);
  return out;
}

SEXP mhpbr_r_price_period(SEXP rules_path, SEXP contract, SEXP tariff,
                          SEXP cluster, SEXP start, SEXP end) {
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_code code = mhpbr_r_rules(rules_path, &rules, &error);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  const char* contract_text = translateCharUTF8(STRING_ELT(contract, 0));
  const char* tariff_text = translateCharUTF8(STRING_ELT(tariff, 0));
  mhpbr_tariff* priced = NULL;
  code = mhpbr_tariff_create(rules, contract_text, strlen(contract_text),
                             tariff_text, strlen(tariff_text), &priced, &error);
  mhpbr_r_rules_release(rules);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  const R_xlen_t n = XLENGTH(cluster);
  static const char* names[] = {"status",  "basis",        "days_in_year",
                                "units",   "price_pence",  "social_care_ppm",
                                "mff_ppm", "amount_pence", "social_care_pence"};
  SEXP out = PROTECT(named_list(9, names));
  for (int k = 0; k < 3; ++k) SET_VECTOR_ELT(out, k, allocVector(INTSXP, n));
  /* Pence as doubles: exact to 2^53, and R has no 64-bit integer. */
  for (int k = 3; k < 9; ++k) SET_VECTOR_ELT(out, k, allocVector(REALSXP, n));
  for (R_xlen_t i = 0; i < n; ++i) {
    mhpbr_period period = MHPBR_PERIOD_INIT;
    period.cluster = INTEGER(cluster)[i];
    period.start = INTEGER(start)[i];
    period.end = INTEGER(end)[i];
    mhpbr_payment p = MHPBR_PAYMENT_INIT;
    code = mhpbr_tariff_price_period(priced, &period, &p, &error);
    if (code != MHPBR_OK) {
      mhpbr_tariff_destroy(priced);
      UNPROTECT(1);
      return failure_at(code, error, i);
    }
    INTEGER(VECTOR_ELT(out, 0))[i] = p.status;
    INTEGER(VECTOR_ELT(out, 1))[i] = p.basis;
    INTEGER(VECTOR_ELT(out, 2))[i] = p.days_in_year;
    REAL(VECTOR_ELT(out, 3))[i] = (double)p.units;
    REAL(VECTOR_ELT(out, 4))[i] = (double)p.price_pence;
    REAL(VECTOR_ELT(out, 5))[i] = (double)p.social_care_ppm;
    REAL(VECTOR_ELT(out, 6))[i] = (double)p.mff_ppm;
    REAL(VECTOR_ELT(out, 7))[i] = (double)p.amount_pence;
    REAL(VECTOR_ELT(out, 8))[i] = (double)p.social_care_pence;
  }
  mhpbr_tariff_destroy(priced);
  UNPROTECT(1);
  return out;
}
