/* mhpbr_classify over a data frame's column vectors: each row checked as
 * `mhpbr classify` checks a CSV row (the same reasons, so a reject reads
 * the same either way), the good ones classified in one
 * mhpbr_classify_batch call, the results written straight into R vectors.
 * Everything per row is plain C: a million rows take well under a second. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mhpbr_r.h"

enum {
  COL_ID,
  COL_PATIENT,
  COL_DATE,
  COL_RATINGS,
  COL_TYPES,
  COL_ORGANIC,
  COL_PSYCHOSIS,
  COL_ALLOCATED
};

/* The item columns in profile row order (capi/mhpbr.h, "Items"). */
static const char* kItemColumns[MHPBR_ITEM_COUNT] = {
    "r1",  "r2",  "r3",  "r4",  "r5", "r6", "r7", "r8", "r9",
    "r10", "r11", "r12", "r13", "ra", "rb", "rc", "rd", "re"};
static const char* kTypeColumns[MHPBR_ITEM8_TYPE_COUNT] = {
    "r8a", "r8b", "r8c", "r8d", "r8e", "r8f", "r8g", "r8h", "r8i", "r8j"};

/* A row's reasons, joined with "; " as the tool joins them. */
typedef struct {
  char text[1024];
  size_t used;
} reasons;

static void fail(reasons* r, const char* column, const char* what) {
  if (r->used >= sizeof r->text - 1) return;
  int n = snprintf(r->text + r->used, sizeof r->text - r->used, "%s%s: %s",
                   r->used ? "; " : "", column, what);
  if (n > 0) r->used += (size_t)n;
  if (r->used >= sizeof r->text) r->used = sizeof r->text - 1;
}

/* A column read without a function call per cell: the R accessors are
 * not inlined outside R itself, and a million rows of 30 columns would
 * spend most of their time in them. */
typedef struct {
  SEXPTYPE type;   /* NILSXP when the column is absent */
  const int* ints; /* INTSXP, LGLSXP */
  const double* reals;
  const SEXP* strings;
} column;

static column view(SEXP x) {
  column c;
  c.type = TYPEOF(x);
  c.ints = NULL;
  c.reals = NULL;
  c.strings = NULL;
  if (c.type == INTSXP) c.ints = INTEGER_RO(x);
  if (c.type == LGLSXP) c.ints = LOGICAL_RO(x);
  if (c.type == REALSXP) c.reals = REAL_RO(x);
  if (c.type == STRSXP) c.strings = STRING_PTR_RO(x);
  return c;
}

/* The columns of src/../R/classify.R's assessment_columns(). */
typedef struct {
  column id, patient, date, organic, psychosis, allocated;
  column ratings[MHPBR_ITEM_COUNT];
  column types[MHPBR_ITEM8_TYPE_COUNT];
  int has_types;
} columns_view;

static void view_columns(SEXP columns, columns_view* v) {
  v->id = view(VECTOR_ELT(columns, COL_ID));
  v->patient = view(VECTOR_ELT(columns, COL_PATIENT));
  v->date = view(VECTOR_ELT(columns, COL_DATE));
  v->organic = view(VECTOR_ELT(columns, COL_ORGANIC));
  v->psychosis = view(VECTOR_ELT(columns, COL_PSYCHOSIS));
  v->allocated = view(VECTOR_ELT(columns, COL_ALLOCATED));
  SEXP ratings = VECTOR_ELT(columns, COL_RATINGS);
  for (int k = 0; k < MHPBR_ITEM_COUNT; ++k) {
    v->ratings[k] = view(VECTOR_ELT(ratings, k));
  }
  SEXP types = VECTOR_ELT(columns, COL_TYPES);
  v->has_types = !isNull(types);
  for (int t = 0; t < MHPBR_ITEM8_TYPE_COUNT; ++t) {
    v->types[t] = view(v->has_types ? VECTOR_ELT(types, t) : R_NilValue);
  }
}

/* A cell quoted as the tool quotes it: at most 40 bytes, then "...". */
static void shown(char* out, size_t size, const char* cell, size_t len) {
  size_t n = len;
  const char* more = "";
  if (n > 40) {
    n = 40;
    while (n > 0 && ((unsigned char)cell[n] & 0xC0) == 0x80) --n;
    more = "...";
  }
  snprintf(out, size, "'%.*s%s'", (int)n, cell, more);
}

static void number_text(char* out, size_t size, double v) {
  snprintf(out, size, "%.15g", v);
}

/* A rating cell: 0-4 or 9 (NA is an empty cell: not known); -1 when it is
 * no rating, with the cell as written in `text`. */
static int rating(const column* col, R_xlen_t i, char* text, size_t size) {
  if (col->reals) {
    double v = col->reals[i];
    if (ISNAN(v)) return MHPBR_NOT_KNOWN;
    if (v == floor(v) && ((v >= 0 && v <= 4) || v == 9)) return (int)v;
    number_text(text, size, v);
    return -1;
  }
  int v = col->ints[i];
  if (v == NA_INTEGER) return MHPBR_NOT_KNOWN;
  if ((v >= 0 && v <= 4) || v == 9) return v;
  snprintf(text, size, "%d", v);
  return -1;
}

static void bad_rating(reasons* r, const char* column, const char* text) {
  char what[128];
  snprintf(what, sizeof what, "'%s' is not a rating (0-4, 9 or empty)", text);
  fail(r, column, what);
}

static int days_in_month(int y, int m) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

/* A date cell as YYYYMMDD, or 0 with the tool's reason in `r`. */
static int32_t parse_date(const char* s, size_t len, reasons* r) {
  while (len > 0 && isspace((unsigned char)*s)) ++s, --len;
  while (len > 0 && isspace((unsigned char)s[len - 1])) --len;
  char what[160], cell[64];
  int digits = len == 10 && s[4] == '-' && s[7] == '-';
  for (size_t k = 0; digits && k < 10; ++k) {
    if (k != 4 && k != 7 && !isdigit((unsigned char)s[k])) digits = 0;
  }
  if (!digits) {
    shown(cell, sizeof cell, s, len);
    snprintf(what, sizeof what, "%s is not a date (YYYY-MM-DD)", cell);
    fail(r, "date", what);
    return 0;
  }
  int y = atoi(s), m = (s[5] - '0') * 10 + s[6] - '0',
      d = (s[8] - '0') * 10 + s[9] - '0';
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    snprintf(what, sizeof what, "'%.10s' is not a real calendar date", s);
    fail(r, "date", what);
    return 0;
  }
  return y * 10000 + m * 100 + d;
}

/* Days since 1970-01-01 (an R Date) as YYYYMMDD (Hinnant's civil_from_days). */
static int32_t date_from_days(double days) {
  long z = (long)floor(days) + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return (int32_t)(y * 10000 + m * 100 + d);
}

static int32_t date_cell(const column* col, R_xlen_t i, reasons* r) {
  if (col->strings) {
    SEXP s = col->strings[i];
    if (s == NA_STRING) return parse_date("", 0, r);
    return parse_date(CHAR(s), strlen(CHAR(s)), r);
  }
  double v = col->reals                   ? col->reals[i]
             : col->ints[i] == NA_INTEGER ? NA_REAL
                                          : col->ints[i];
  if (ISNAN(v)) return parse_date("", 0, r);
  int32_t ymd = date_from_days(v);
  if (ymd < 18000101 || ymd > 99991231) {
    fail(r, "date", "outside the years 1800-9999");
    return 0;
  }
  return ymd;
}

static int32_t answer(const column* col, R_xlen_t i, const char* name,
                      reasons* r) {
  if (col->type == NILSXP) return MHPBR_ANSWER_UNKNOWN;
  if (col->ints) {
    int v = col->ints[i];
    return v == NA_LOGICAL ? MHPBR_ANSWER_UNKNOWN
           : v             ? MHPBR_ANSWER_YES
                           : MHPBR_ANSWER_NO;
  }
  SEXP s = col->strings[i];
  if (s == NA_STRING) return MHPBR_ANSWER_UNKNOWN;
  const char* p = CHAR(s);
  if (p[0] == 'n' && p[1] == '\0')
    return MHPBR_ANSWER_NO; /* the common cells */
  if (p[0] == 'y' && p[1] == '\0') return MHPBR_ANSWER_YES;
  if (p[0] == '\0') return MHPBR_ANSWER_UNKNOWN;
  size_t len = strlen(p);
  const char* raw = p;
  size_t raw_len = len;
  while (len > 0 && isspace((unsigned char)*p)) ++p, --len;
  while (len > 0 && isspace((unsigned char)p[len - 1])) --len;
  if (len == 0) return MHPBR_ANSWER_UNKNOWN;
  if ((len == 1 && tolower((unsigned char)*p) == 'y') ||
      (len == 3 && strncasecmp(p, "yes", 3) == 0)) {
    return MHPBR_ANSWER_YES;
  }
  if ((len == 1 && tolower((unsigned char)*p) == 'n') ||
      (len == 2 && strncasecmp(p, "no", 2) == 0)) {
    return MHPBR_ANSWER_NO;
  }
  char cell[64], what[128];
  shown(cell, sizeof cell, raw, raw_len);
  snprintf(what, sizeof what, "%s is not y, n or empty", cell);
  fail(r, name, what);
  return MHPBR_ANSWER_UNKNOWN;
}

static int32_t allocated(const column* col, R_xlen_t i, reasons* r) {
  if (col->type == NILSXP) return MHPBR_NO_CLUSTER;
  double v;
  if (col->reals) {
    v = col->reals[i];
    if (ISNAN(v)) return MHPBR_NO_CLUSTER;
  } else {
    int iv = col->ints[i];
    if (iv == NA_INTEGER) return MHPBR_NO_CLUSTER;
    v = iv;
  }
  char what[128], text[40];
  if (v != floor(v) || v < 0 || v > 99) {
    number_text(text, sizeof text, v);
    snprintf(what, sizeof what, "cluster '%s' is not a number 0-21", text);
    fail(r, "allocated_cluster", what);
    return MHPBR_NO_CLUSTER;
  }
  int c = (int)v;
  if (c == 9 || c > 21) {
    snprintf(what, sizeof what, "cluster %d does not exist (valid: 0-8, 10-21)",
             c);
    fail(r, "allocated_cluster", what);
    return MHPBR_NO_CLUSTER;
  }
  return c;
}

/* Reads row i into `a`; false with the reasons in `r` when it is bad. */
static int read_row(const columns_view* v, R_xlen_t i, mhpbr_assessment* a,
                    int32_t* date, reasons* r) {
  SEXP id = v->id.strings[i];
  if (id == NA_STRING || CHAR(id)[0] == '\0') fail(r, "assessment_id", "empty");
  *date = date_cell(&v->date, i, r);
  char text[40];
  for (int k = 0; k < MHPBR_ITEM_COUNT; ++k) {
    const column* col = &v->ratings[k];
    a->ratings[k] = MHPBR_NOT_KNOWN;
    if (col->type == NILSXP) continue;
    int x = rating(col, i, text, sizeof text);
    if (x < 0) {
      bad_rating(r, kItemColumns[k], text);
    } else {
      a->ratings[k] = (uint8_t)x;
    }
  }
  a->item8_form = MHPBR_ITEM8_SINGLE;
  if (v->has_types) {
    int any = 0, clash = 0;
    for (int t = 0; t < MHPBR_ITEM8_TYPE_COUNT; ++t) {
      const column* col = &v->types[t];
      a->item8_types[t] = MHPBR_NOT_KNOWN;
      if (col->type == NILSXP) continue;
      int x = rating(col, i, text, sizeof text);
      if (x < 0) {
        bad_rating(r, kTypeColumns[t], text);
      } else if (x != MHPBR_NOT_KNOWN) {
        if (a->ratings[MHPBR_ITEM_8] != MHPBR_NOT_KNOWN) clash = 1;
        a->item8_types[t] = (uint8_t)x;
        any = 1;
      }
    }
    if (clash) {
      fail(r, "r8", "given both as one rating and as types r8a..r8j");
    } else if (any) {
      a->item8_form = MHPBR_ITEM8_TYPES;
    }
  }
  a->organic = answer(&v->organic, i, "organic", r);
  a->psychosis = answer(&v->psychosis, i, "psychosis", r);
  a->allocated_cluster = allocated(&v->allocated, i, r);
  return r->used == 0;
}

static SEXP date_text(const column* col, R_xlen_t i, int32_t ymd) {
  if (col->strings) {
    SEXP s = col->strings[i];
    if (LENGTH(s) == 10) return s; /* valid, so written as the tool would */
  }
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
           ymd % 100);
  return mkChar(buf);
}

static SEXP item_codes(uint32_t mask) {
  char buf[64];
  size_t used = 0;
  for (int k = 0; k < MHPBR_ITEM_COUNT; ++k) {
    if (!((mask >> k) & 1u)) continue;
    const char* code = mhpbr_item_code(k);
    if (used) buf[used++] = ';';
    size_t len = strlen(code);
    memcpy(buf + used, code, len);
    used += len;
  }
  return mkCharLen(buf, (int)used);
}

static const char* kOutColumns[] = {
    "assessment_id",     "patient_id",    "date",
    "suggested_cluster", "suggested_fit", "runner_up_cluster",
    "runner_up_fit",     "superclass",    "allocated_cluster",
    "allocation_red",    "red_items",     "reason"};

SEXP mhpbr_r_classify(SEXP columns, SEXP rules_path) {
  const R_xlen_t n = XLENGTH(VECTOR_ELT(columns, COL_ID));
  char* error = NULL;
  mhpbr_rules* rules = NULL;
  mhpbr_code code = mhpbr_r_rules(rules_path, &rules, &error);
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);
  mhpbr_classifier* classifier = NULL;
  code = mhpbr_classifier_create(rules, &classifier, &error);
  const int by_date = mhpbr_rules_count(rules) > 1;
  mhpbr_r_rules_release(rules); /* the classifier keeps its own reference */
  if (code != MHPBR_OK) return mhpbr_r_failure(code, error);

  /* R_alloc'd: freed when the call returns, even through an R error. */
  mhpbr_assessment* in =
      (mhpbr_assessment*)R_alloc((size_t)n + 1, sizeof(mhpbr_assessment));
  mhpbr_result* res =
      (mhpbr_result*)R_alloc((size_t)n + 1, sizeof(mhpbr_result));
  int32_t* dates = (int32_t*)R_alloc((size_t)n + 1, sizeof(int32_t));
  R_xlen_t* rows = (R_xlen_t*)R_alloc((size_t)n + 1, sizeof(R_xlen_t));
  const char** why = (const char**)R_alloc((size_t)n + 1, sizeof(char*));
  columns_view v;
  view_columns(columns, &v);
  R_xlen_t m = 0, rejected = 0;
  for (R_xlen_t i = 0; i < n; ++i) {
    mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
    reasons r;
    r.used = 0;
    r.text[0] = '\0';
    why[i] = NULL;
    if (!read_row(&v, i, &a, &dates[m], &r)) {
      char* kept = R_alloc(r.used + 1, 1);
      memcpy(kept, r.text, r.used + 1);
      why[i] = kept;
      ++rejected;
      continue;
    }
    in[m] = a;
    mhpbr_result init = MHPBR_RESULT_INIT;
    res[m] = init;
    rows[m++] = i;
  }
  if (m > 0) {
    code = by_date
               ? mhpbr_classify_batch_on(classifier, in, dates, (size_t)m, res,
                                         &error)
               : mhpbr_classify_batch(classifier, in, (size_t)m, res, &error);
    mhpbr_free(error);
    error = NULL;
  }
  /* A record the library refused: asked again alone for its own message. */
  R_xlen_t ok = 0;
  for (R_xlen_t j = 0; j < m; ++j) {
    if (res[j].status == MHPBR_OK) {
      ++ok;
      continue;
    }
    mhpbr_result again = MHPBR_RESULT_INIT;
    char* message = NULL;
    if (by_date) {
      mhpbr_classify_on(classifier, dates[j], &in[j], &again, &message);
    } else {
      mhpbr_classify(classifier, &in[j], &again, &message);
    }
    const char* text = message ? message : mhpbr_code_name(res[j].status);
    char* kept = R_alloc(strlen(text) + 1, 1);
    strcpy(kept, text);
    mhpbr_free(message);
    why[rows[j]] = kept;
    ++rejected;
  }
  mhpbr_classifier_destroy(classifier);

  SEXP out = PROTECT(allocVector(VECSXP, 3));
  SEXP cols = PROTECT(allocVector(VECSXP, 12));
  SEXP names = PROTECT(allocVector(STRSXP, 12));
  for (int k = 0; k < 12; ++k) SET_STRING_ELT(names, k, mkChar(kOutColumns[k]));
  setAttrib(cols, R_NamesSymbol, names);
  static const SEXPTYPE kTypes[12] = {STRSXP,  STRSXP, STRSXP,  INTSXP,
                                      REALSXP, INTSXP, REALSXP, STRSXP,
                                      INTSXP,  LGLSXP, STRSXP,  STRSXP};
  /* With every row kept, the id and patient columns are the input's own
   * vectors, as are the dates when each was already YYYY-MM-DD text. */
  const int all_kept = ok == n;
  int same_dates = all_kept && v.date.strings != NULL;
  for (R_xlen_t i = 0; same_dates && i < n; ++i) {
    same_dates = LENGTH(v.date.strings[i]) == 10;
  }
  for (int k = 0; k < 12; ++k) {
    SEXP reused = k == 0 && all_kept     ? VECTOR_ELT(columns, COL_ID)
                  : k == 1 && all_kept   ? VECTOR_ELT(columns, COL_PATIENT)
                  : k == 2 && same_dates ? VECTOR_ELT(columns, COL_DATE)
                                         : R_NilValue;
    SET_VECTOR_ELT(cols, k,
                   reused != R_NilValue ? reused : allocVector(kTypes[k], ok));
  }
  SEXP kept_rows = PROTECT(allocVector(INTSXP, ok));
  SEXP superclass[4] = {mkChar("variance"), mkChar("non-psychotic"),
                        mkChar("psychotic"), mkChar("organic")};
  for (int k = 0; k < 4; ++k) PROTECT(superclass[k]);
  SEXP reason[3] = {NA_STRING, mkChar("no_fit"), mkChar("too_few_known")};
  PROTECT(reason[1]);
  PROTECT(reason[2]);
  const int copy_ids = !all_kept,
            copy_patients = !all_kept && v.patient.strings;
  if (all_kept && !v.patient.strings) {
    SEXP none = allocVector(STRSXP, n);
    SET_VECTOR_ELT(cols, 1, none);
    for (R_xlen_t i = 0; i < n; ++i) SET_STRING_ELT(none, i, NA_STRING);
  }
  SEXP c_id = VECTOR_ELT(cols, 0), c_patient = VECTOR_ELT(cols, 1),
       c_date = VECTOR_ELT(cols, 2), c_superclass = VECTOR_ELT(cols, 7),
       c_red_items = VECTOR_ELT(cols, 10), c_reason = VECTOR_ELT(cols, 11);
  int* suggested = INTEGER(VECTOR_ELT(cols, 3));
  double* fit = REAL(VECTOR_ELT(cols, 4));
  int* runner = INTEGER(VECTOR_ELT(cols, 5));
  double* runner_fit = REAL(VECTOR_ELT(cols, 6));
  int* alloc = INTEGER(VECTOR_ELT(cols, 8));
  int* red = LOGICAL(VECTOR_ELT(cols, 9));
  R_xlen_t o = 0;
  for (R_xlen_t j = 0; j < m; ++j) {
    const mhpbr_result* x = &res[j];
    if (x->status != MHPBR_OK) continue;
    const R_xlen_t i = rows[j];
    INTEGER(kept_rows)[o] = (int)(i + 1);
    if (copy_ids) SET_STRING_ELT(c_id, o, v.id.strings[i]);
    if (copy_patients) SET_STRING_ELT(c_patient, o, v.patient.strings[i]);
    if (!all_kept && !v.patient.strings)
      SET_STRING_ELT(c_patient, o, NA_STRING);
    if (!same_dates) SET_STRING_ELT(c_date, o, date_text(&v.date, i, dates[j]));
    suggested[o] = x->suggested_cluster;
    fit[o] = x->has_suggested_fit ? x->suggested_fit_milli / 1000.0 : NA_REAL;
    const int has_runner = x->runner_up_cluster != MHPBR_NO_CLUSTER;
    runner[o] = has_runner ? x->runner_up_cluster : NA_INTEGER;
    runner_fit[o] = has_runner ? x->runner_up_fit_milli / 1000.0 : NA_REAL;
    SET_STRING_ELT(
        c_superclass, o,
        superclass[x->superclass >= 0 && x->superclass < 4 ? x->superclass
                                                           : 0]);
    const int has_alloc = x->allocation_red >= 0;
    alloc[o] = has_alloc ? x->allocated_cluster : NA_INTEGER;
    red[o] = has_alloc ? x->allocation_red : NA_LOGICAL;
    SET_STRING_ELT(c_red_items, o,
                   !has_alloc          ? NA_STRING
                   : x->red_items == 0 ? R_BlankString
                                       : item_codes(x->red_items));
    SET_STRING_ELT(c_reason, o,
                   reason[x->reason >= 0 && x->reason < 3 ? x->reason : 0]);
    ++o;
  }
  SEXP reject_rows = PROTECT(allocVector(INTSXP, rejected));
  SEXP reject_why = PROTECT(allocVector(STRSXP, rejected));
  R_xlen_t q = 0;
  for (R_xlen_t i = 0; i < n && q < rejected; ++i) {
    if (why[i] == NULL) continue;
    INTEGER(reject_rows)[q] = (int)(i + 1);
    SET_STRING_ELT(reject_why, q++, mkCharCE(why[i], CE_UTF8));
  }
  SEXP rejects = PROTECT(allocVector(VECSXP, 2));
  SET_VECTOR_ELT(rejects, 0, reject_rows);
  SET_VECTOR_ELT(rejects, 1, reject_why);
  SET_VECTOR_ELT(out, 0, cols);
  SET_VECTOR_ELT(out, 1, kept_rows);
  SET_VECTOR_ELT(out, 2, rejects);
  UNPROTECT(13);
  return out;
}

/* Each row's reasons as `mhpbr classify` gives them (NA for a good row),
 * for the calls that send assessments in a JSON request (outcomes,
 * report): one check for every way in. */
SEXP mhpbr_r_check_assessments(SEXP columns) {
  const R_xlen_t n = XLENGTH(VECTOR_ELT(columns, COL_ID));
  columns_view v;
  view_columns(columns, &v);
  SEXP out = PROTECT(allocVector(STRSXP, n));
  for (R_xlen_t i = 0; i < n; ++i) {
    mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
    int32_t date = 0;
    reasons r;
    r.used = 0;
    r.text[0] = '\0';
    SET_STRING_ELT(
        out, i,
        read_row(&v, i, &a, &date, &r) ? NA_STRING : mkCharCE(r.text, CE_UTF8));
  }
  UNPROTECT(1);
  return out;
}
