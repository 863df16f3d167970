/* The C API's live calls from a C99 program that includes only mhpbr.h:
 * every call, every kind of bad argument, and each answer checked against
 * the `mhpbr` tool on the same data (the tool is the reference: it runs the
 * stages end to end from files).
 *
 * Usage: live_test TOOL DATA_DIR UNIT_COSTS SCRATCH_DIR
 *   TOOL        the built `mhpbr` tool
 *   DATA_DIR    examples/data (periods.csv, activity.csv, tariff.csv,
 *               contract.textproto)
 *   UNIT_COSTS  a unit-costs file (lib/rules/example_unit_costs.textproto)
 *   SCRATCH_DIR a directory for generated inputs and the tool's outputs
 *
 * Cross-checks:
 *   - cluster facts against `mhpbr rules show`;
 *   - review due and overdue days against `mhpbr periods` on generated
 *     events, and transition flags against `mhpbr periods --transitions`;
 *   - mhpbr_tariff_price_period against every line of `mhpbr price`, for
 *     the example data and for 3000 generated periods under two contracts
 *     and two day counts;
 *   - the coster (single adds and batches) against `mhpbr cost` (per
 *     period, per cluster, summary) for the example data and for generated
 *     periods and activity with bad rows;
 *   - template costs against `mhpbr package cost`, and element costs
 *     against the coster's cost of the same care as activity.
 * Prints "N passed, N failed" and exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mhpbr.h"

/* Runs a call that must fail with `code` and a message containing `part`,
 * then frees the message. */
#define EXPECT_FAIL(call, code, part) \
  do {                                \
    char* err_ = NULL;                \
    mhpbr_code got_ = (call);         \
    CHECK_INT(got_, (code));          \
    CHECK_HAS(err_, (part));          \
    mhpbr_free(err_);                 \
  } while (0)
/* The same call must also work with error == NULL. */
#define ERR (&err_)

#define EXPECT_OK(call)                                                     \
  do {                                                                      \
    char* err_ = (char*)"sentinel";                                         \
    mhpbr_code got_ = (call);                                               \
    if (!CHECK_INT(got_, MHPBR_OK)) fprintf(stderr, "  error: %s\n", err_); \
    if (got_ == MHPBR_OK) CHECK(err_ == NULL);                              \
    if (got_ != MHPBR_OK) mhpbr_free(err_);                                 \
  } while (0)

/* ---- Arguments, files, the tool ----------------------------------------- */

static const char* g_tool;
static const char* g_data;
static const char* g_unit_costs;
static const char* g_scratch;

static char* Path(const char* dir, const char* name) {
  const size_t n = strlen(dir) + strlen(name) + 2;
  char* p = (char*)malloc(n);
  if (p == NULL) abort();
  snprintf(p, n, "%s/%s", dir, name);
  return p;
}

/* Runs the tool with `args` (already quoted); 1 when it exits 0. */
static int RunTool(const char* args) {
  char cmd[8192];
  int status;
  snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", g_tool, args);
  status = system(cmd);
  if (status != 0) fprintf(stderr, "command failed (%d): %s\n", status, cmd);
  return status == 0;
}

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static char* ReadFile(const char* path, size_t* length) {
  FILE* f = fopen(path, "rb");
  char* buf;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = (char*)malloc((size_t)size + 1);
  if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
    free(buf);
    fclose(f);
    return NULL;
  }
  buf[size] = '\0';
  fclose(f);
  if (length != NULL) *length = (size_t)size;
  return buf;
}

static void WriteFile(const char* path, const char* text) {
  FILE* f = fopen(path, "wb");
  if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
    fprintf(stderr, "cannot write %s\n", path);
    abort();
  }
}

/* A CSV without quotes, read whole: cells split in place. */
typedef struct Table {
  char* text;
  size_t rows; /* not counting the header */
  size_t cols;
  char** cells; /* (rows + 1) * cols, the header first */
} Table;

static int LoadTable(const char* path, Table* t) {
  size_t cap = 64, n = 0, cols = 0;
  char* p;
  memset(t, 0, sizeof *t);
  t->text = ReadFile(path, NULL);
  if (t->text == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    return 0;
  }
  t->cells = (char**)malloc(cap * sizeof(char*));
  p = t->text;
  while (*p != '\0') {
    char* end = strchr(p, '\n');
    size_t k = 0;
    if (end != NULL) *end = '\0';
    if (end != NULL && end > p && end[-1] == '\r') end[-1] = '\0';
    if (*p != '\0') {
      for (;;) {
        char* comma = strchr(p, ',');
        if (n == cap) {
          cap *= 2;
          t->cells = (char**)realloc(t->cells, cap * sizeof(char*));
        }
        t->cells[n++] = p;
        ++k;
        if (comma == NULL) break;
        *comma = '\0';
        p = comma + 1;
      }
      if (cols == 0) cols = k;
      if (k != cols) {
        fprintf(stderr, "%s: ragged row\n", path);
        return 0;
      }
    }
    if (end == NULL) break;
    p = end + 1;
  }
  t->cols = cols;
  t->rows = cols == 0 ? 0 : n / cols - 1;
  return cols > 0;
}

static int Col(const Table* t, const char* name) {
  size_t c;
  for (c = 0; c < t->cols; ++c) {
    if (strcmp(t->cells[c], name) == 0) return (int)c;
  }
  fprintf(stderr, "no column %s\n", name);
  abort();
}

static const char* Cell(const Table* t, size_t row, int col) {
  return t->cells[(row + 1) * t->cols + (size_t)col];
}

static long long Int(const Table* t, size_t row, int col) {
  return strtoll(Cell(t, row, col), NULL, 10);
}

static void FreeTable(Table* t) {
  free(t->cells);
  free(t->text);
}

/* "2023-04-01" -> 20230401; "" -> MHPBR_NO_DATE. */
static int32_t Date(const char* iso) {
  int y, m, d;
  if (iso[0] == '\0') return MHPBR_NO_DATE;
  if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3) return -1;
  return (int32_t)(y * 10000 + m * 100 + d);
}

/* Days since 1970-01-01 <-> YYYYMMDD (proleptic Gregorian). */
static long DaysFromCivil(int y, int m, int d) {
  const int yy = y - (m <= 2);
  const long era = (yy >= 0 ? yy : yy - 399) / 400;
  const long yoe = yy - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static long ToDays(int32_t ymd) {
  return DaysFromCivil(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static int32_t FromDays(long z) {
  long era, doe, yoe, y, doy, mp, d, m;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  return (int32_t)(y * 10000 + m * 100 + d);
}

static void IsoDate(int32_t ymd, char* out, size_t size) {
  if (ymd == MHPBR_NO_DATE) {
    out[0] = '\0';
  } else {
    snprintf(out, size, "%04d-%02d-%02d", (int)(ymd / 10000),
             (int)(ymd / 100 % 100), (int)(ymd % 100));
  }
}

/* A fixed-seed generator (the data are the same on every run). */
static unsigned long long g_rng = 88172645463325252ULL;
static unsigned Rand(unsigned n) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return (unsigned)(g_rng % n);
}

static int32_t RandomCluster(void) {
  const int c = (int)Rand(21);
  return c < 9 ? c : c + 1;
}

static const int32_t kBadClusters[] = {9, -1, 22, 100, -2147483647 - 1};
#define BAD_CLUSTER_COUNT ((int)(sizeof kBadClusters / sizeof kBadClusters[0]))
static const int32_t kBadDates[] = {20230229,  20231301, 20230000,
                                    20230431,  17991231, 100000101,
                                    -20230401, 1,        20230132};
#define BAD_DATE_COUNT ((int)(sizeof kBadDates / sizeof kBadDates[0]))

/* ---- Cluster facts ------------------------------------------------------ */

static void TestClusterFacts(const mhpbr_rules* rules) {
  char* out = Path(g_scratch, "rules_show.txt");
  char args[1024];
  char* text;
  char* line;
  int seen = 0, i;
  mhpbr_cluster_info info = MHPBR_CLUSTER_INFO_INIT;

  snprintf(args, sizeof args, "rules show --out '%s'", out);
  CHECK(RunTool(args));
  text = ReadFile(out, NULL);
  CHECK(text != NULL);
  /* "code<TAB>superclass<TAB>N weeks|months<TAB>name" per cluster. */
  for (line = text ? strtok(text, "\n") : NULL; line != NULL;
       line = strtok(NULL, "\n")) {
    int code, count;
    char superclass[32], unit[16];
    int name_at = 0;
    int32_t want_superclass, want_unit, want_days;
    if (sscanf(line, "%d\t%31[^\t]\t%d %15[^\t]\t%n", &code, superclass, &count,
               unit, &name_at) != 4 ||
        name_at == 0) {
      continue;
    }
    ++seen;
    EXPECT_OK(mhpbr_rules_cluster(rules, code, &info, ERR));
    CHECK_INT(info.cluster, code);
    CHECK_STR(info.name, line + name_at);
    CHECK(info.subgroup != NULL);
    want_superclass =
        strcmp(superclass, "non-psychotic") == 0
            ? MHPBR_SUPERCLASS_NON_PSYCHOTIC
        : strcmp(superclass, "psychotic") == 0 ? MHPBR_SUPERCLASS_PSYCHOTIC
        : strcmp(superclass, "organic") == 0   ? MHPBR_SUPERCLASS_ORGANIC
                                               : MHPBR_SUPERCLASS_VARIANCE;
    CHECK_INT(info.superclass, want_superclass);
    CHECK_INT(info.review_count, count);
    want_unit =
        strcmp(unit, "weeks") == 0 ? MHPBR_REVIEW_WEEKS : MHPBR_REVIEW_MONTHS;
    CHECK_INT(info.review_unit, want_unit);
    /* README, `mhpbr tariff`: weeks * 7, or months * 365 / 12 rounded half
     * away from zero. */
    want_days = want_unit == MHPBR_REVIEW_WEEKS ? 7 * count
                                                : (count * 365 * 2 + 12) / 24;
    CHECK_INT(info.review_days, want_days);
  }
  CHECK_INT(seen, 21);
  free(text);
  free(out);

  /* Bad arguments. */
  for (i = 0; i < BAD_CLUSTER_COUNT; ++i) {
    EXPECT_FAIL(mhpbr_rules_cluster(rules, kBadClusters[i], &info, ERR),
                MHPBR_INVALID_ARGUMENT, "cluster");
  }
  EXPECT_FAIL(mhpbr_rules_cluster(NULL, 1, &info, ERR), MHPBR_INVALID_ARGUMENT,
              "rules is NULL");
  EXPECT_FAIL(mhpbr_rules_cluster(rules, 1, NULL, ERR), MHPBR_INVALID_ARGUMENT,
              "info is NULL");
  CHECK_INT(mhpbr_rules_cluster(rules, 1, NULL, NULL), MHPBR_INVALID_ARGUMENT);
  info.struct_size = sizeof info - 1;
  EXPECT_FAIL(mhpbr_rules_cluster(rules, 1, &info, ERR), MHPBR_INVALID_ARGUMENT,
              "info.struct_size");
  info.struct_size = 0;
  EXPECT_FAIL(mhpbr_rules_cluster(rules, 1, &info, ERR), MHPBR_INVALID_ARGUMENT,
              "MHPBR_CLUSTER_INFO_INIT");
}

/* ---- Reviews and transitions -------------------------------------------- */

/* Generated events for `mhpbr periods`: each allocation moves to another
 * cluster (so a period's last review is its start), and a discharge is
 * followed by a gap of at least a week (so a period directly follows the
 * one before only when the allocation closed it). */
static void WriteEvents(const char* path, int patients) {
  FILE* f = fopen(path, "wb");
  int p;
  if (f == NULL) abort();
  fprintf(f, "patient_id,date,event,cluster\n");
  for (p = 0; p < patients; ++p) {
    long day = DaysFromCivil(2021, 1, 1) + (long)Rand(900);
    int32_t cluster = -1;
    const int events = 1 + (int)Rand(6);
    int e;
    for (e = 0; e < events; ++e) {
      char iso[16];
      IsoDate(FromDays(day), iso, sizeof iso);
      if (e > 0 && Rand(6) == 0) {
        fprintf(f, "R%04d,%s,discharge,\n", p, iso);
        cluster = -1;
        day += 7 + (long)Rand(60);
        continue;
      }
      {
        int32_t next;
        do {
          next = RandomCluster();
        } while (next == cluster);
        cluster = next;
      }
      fprintf(f, "R%04d,%s,allocate,%d\n", p, iso, (int)cluster);
      day += 1 + (long)Rand(400);
    }
  }
  fclose(f);
}

static const char kTrustTransitions[] =
    "# a trust's own protocol\n"
    "rows { from: 1 to: [1, 2, 3, 4] }\n"
    "rows { from: 2 to: [1, 3, 4] }\n"
    "rows { from: 3 to: [2, 4, 5, 7] }\n"
    "rows { from: 4 to: [3, 5, 6, 7, 8] }\n"
    "rows { from: 10 to: [11, 12, 14] }\n"
    "rows { from: 14 to: [10, 11, 12, 13, 15] }\n";

static void TestReviews(const mhpbr_rules* rules) {
  char* events = Path(g_scratch, "events.csv");
  char* periods = Path(g_scratch, "periods_out.csv");
  char* flagged = Path(g_scratch, "periods_flagged.csv");
  char* table_path = Path(g_scratch, "transitions.textproto");
  const int32_t as_of = 20240331;
  char args[2048];
  Table t, tf;
  size_t r;
  int i;
  mhpbr_review review = MHPBR_REVIEW_INIT;
  mhpbr_transitions* trust = NULL;
  mhpbr_transitions* from_file = NULL;
  int32_t allowed = -1;

  WriteEvents(events, 600);
  WriteFile(table_path, kTrustTransitions);
  snprintf(args, sizeof args, "periods --in '%s' --as-of 2024-03-31 --out '%s'",
           events, periods);
  CHECK(RunTool(args));
  snprintf(args, sizeof args,
           "periods --in '%s' --as-of 2024-03-31 --transitions '%s' --out '%s'",
           events, table_path, flagged);
  CHECK(RunTool(args));

  if (CHECK(LoadTable(periods, &t))) {
    const int c_cluster = Col(&t, "cluster"), c_start = Col(&t, "start"),
              c_end = Col(&t, "end"), c_due = Col(&t, "review_due"),
              c_over = Col(&t, "overdue_days"), c_ok = Col(&t, "transition_ok");
    CHECK(t.rows > 1000);
    for (r = 0; r < t.rows; ++r) {
      const int32_t end = Date(Cell(&t, r, c_end));
      mhpbr_review got = MHPBR_REVIEW_INIT;
      EXPECT_OK(mhpbr_rules_review_due(
          rules, (int32_t)Int(&t, r, c_cluster), Date(Cell(&t, r, c_start)),
          end == MHPBR_NO_DATE ? as_of : end, &got, ERR));
      CHECK_INT(got.review_due, Date(Cell(&t, r, c_due)));
      CHECK_INT(got.overdue_days, Int(&t, r, c_over));
      /* The default rule set allows every move. */
      CHECK_STR(Cell(&t, r, c_ok), "y");
    }
    FreeTable(&t);
  }

  /* The rule set's table (allow all) and the trust's. */
  for (i = 0; i < 22 * 22; ++i) {
    const int32_t from = i / 22, to = i % 22;
    if (from == 9 || to == 9) continue;
    allowed = -1;
    EXPECT_OK(mhpbr_rules_transition_allowed(rules, from, to, &allowed, ERR));
    CHECK_INT(allowed, 1);
  }
  EXPECT_OK(mhpbr_transitions_load_text(
      kTrustTransitions, strlen(kTrustTransitions), &trust, ERR));
  EXPECT_OK(mhpbr_transitions_load_file(table_path, &from_file, ERR));
  CHECK(trust != NULL && from_file != NULL);
  if (trust != NULL && from_file != NULL) {
    int32_t a = -1, b = -1;
    /* Listed, unlisted, always allowed (stay, to and from 0). */
    EXPECT_OK(mhpbr_transitions_allowed(trust, 1, 4, &a, ERR));
    CHECK_INT(a, 1);
    EXPECT_OK(mhpbr_transitions_allowed(trust, 1, 5, &a, ERR));
    CHECK_INT(a, 0);
    EXPECT_OK(mhpbr_transitions_allowed(trust, 6, 6, &a, ERR));
    CHECK_INT(a, 1);
    EXPECT_OK(mhpbr_transitions_allowed(trust, 6, 0, &a, ERR));
    CHECK_INT(a, 1);
    EXPECT_OK(mhpbr_transitions_allowed(trust, 0, 21, &a, ERR));
    CHECK_INT(a, 1);
    EXPECT_OK(mhpbr_transitions_allowed(trust, 21, 20, &a, ERR));
    CHECK_INT(a, 0);
    for (i = 0; i < 22 * 22; ++i) {
      const int32_t from = i / 22, to = i % 22;
      if (from == 9 || to == 9) continue;
      EXPECT_OK(mhpbr_transitions_allowed(trust, from, to, &a, ERR));
      EXPECT_OK(mhpbr_transitions_allowed(from_file, from, to, &b, ERR));
      CHECK_INT(a, b);
    }
    /* Against the flags `mhpbr periods --transitions` writes: a period
     * that starts the day after the one before it ends followed it by an
     * allocation (discharges leave a gap). */
    if (CHECK(LoadTable(flagged, &tf))) {
      const int c_patient = Col(&tf, "patient_id"),
                c_cluster = Col(&tf, "cluster"), c_start = Col(&tf, "start"),
                c_end = Col(&tf, "end"), c_ok = Col(&tf, "transition_ok");
      int refused = 0;
      for (r = 0; r < tf.rows; ++r) {
        int32_t want = 1;
        if (r > 0 &&
            strcmp(Cell(&tf, r, c_patient), Cell(&tf, r - 1, c_patient)) == 0 &&
            Date(Cell(&tf, r - 1, c_end)) != MHPBR_NO_DATE &&
            ToDays(Date(Cell(&tf, r - 1, c_end))) + 1 ==
                ToDays(Date(Cell(&tf, r, c_start)))) {
          EXPECT_OK(mhpbr_transitions_allowed(
              trust, (int32_t)Int(&tf, r - 1, c_cluster),
              (int32_t)Int(&tf, r, c_cluster), &want, ERR));
        }
        refused += !want;
        CHECK_STR(Cell(&tf, r, c_ok), want ? "y" : "n");
      }
      CHECK(refused > 10);
      FreeTable(&tf);
    }
  }

  /* Month ends clamp, weeks add 7-day blocks, as_of on the due day is not
   * overdue. Cluster 3 reviews at 6 months, 1 at 12 weeks. */
  EXPECT_OK(mhpbr_rules_review_due(rules, 3, 20230831, 20240301, &review, ERR));
  CHECK_INT(review.review_due, 20240229);
  CHECK_INT(review.overdue_days, 1);
  EXPECT_OK(mhpbr_rules_review_due(rules, 1, 20230401, 20230624, &review, ERR));
  CHECK_INT(review.review_due, 20230624);
  CHECK_INT(review.overdue_days, 0);
  EXPECT_OK(mhpbr_rules_review_due(rules, 1, 20230401, 20230401, &review, ERR));
  CHECK_INT(review.overdue_days, 0);

  /* Bad arguments: each names its field. */
  for (i = 0; i < BAD_CLUSTER_COUNT; ++i) {
    EXPECT_FAIL(mhpbr_rules_review_due(rules, kBadClusters[i], 20230401,
                                       20230501, &review, ERR),
                MHPBR_INVALID_ARGUMENT, "cluster");
    EXPECT_FAIL(mhpbr_rules_transition_allowed(rules, kBadClusters[i], 1,
                                               &allowed, ERR),
                MHPBR_INVALID_ARGUMENT, "from");
    EXPECT_FAIL(mhpbr_rules_transition_allowed(rules, 1, kBadClusters[i],
                                               &allowed, ERR),
                MHPBR_INVALID_ARGUMENT, "to");
    if (trust != NULL) {
      EXPECT_FAIL(
          mhpbr_transitions_allowed(trust, kBadClusters[i], 1, &allowed, ERR),
          MHPBR_INVALID_ARGUMENT, "from");
      EXPECT_FAIL(
          mhpbr_transitions_allowed(trust, 2, kBadClusters[i], &allowed, ERR),
          MHPBR_INVALID_ARGUMENT, "to");
    }
  }
  for (i = 0; i < BAD_DATE_COUNT; ++i) {
    EXPECT_FAIL(
        mhpbr_rules_review_due(rules, 3, kBadDates[i], 20240101, &review, ERR),
        MHPBR_INVALID_ARGUMENT, "since");
    EXPECT_FAIL(
        mhpbr_rules_review_due(rules, 3, 20230101, kBadDates[i], &review, ERR),
        MHPBR_INVALID_ARGUMENT, "as_of");
  }
  EXPECT_FAIL(
      mhpbr_rules_review_due(rules, 3, MHPBR_NO_DATE, 20240101, &review, ERR),
      MHPBR_INVALID_ARGUMENT, "since is MHPBR_NO_DATE");
  EXPECT_FAIL(
      mhpbr_rules_review_due(rules, 3, 20240102, 20240101, &review, ERR),
      MHPBR_INVALID_ARGUMENT, "as_of 20240101 is before since 20240102");
  EXPECT_FAIL(mhpbr_rules_review_due(NULL, 3, 20230101, 20240101, &review, ERR),
              MHPBR_INVALID_ARGUMENT, "rules is NULL");
  EXPECT_FAIL(mhpbr_rules_review_due(rules, 3, 20230101, 20240101, NULL, ERR),
              MHPBR_INVALID_ARGUMENT, "review is NULL");
  review.struct_size = 4;
  EXPECT_FAIL(
      mhpbr_rules_review_due(rules, 3, 20230101, 20240101, &review, ERR),
      MHPBR_INVALID_ARGUMENT, "review.struct_size");
  EXPECT_FAIL(mhpbr_rules_transition_allowed(NULL, 1, 2, &allowed, ERR),
              MHPBR_INVALID_ARGUMENT, "rules is NULL");
  EXPECT_FAIL(mhpbr_rules_transition_allowed(rules, 1, 2, NULL, ERR),
              MHPBR_INVALID_ARGUMENT, "allowed is NULL");
  EXPECT_FAIL(mhpbr_transitions_allowed(NULL, 1, 2, &allowed, ERR),
              MHPBR_INVALID_ARGUMENT, "transitions is NULL");
  EXPECT_FAIL(mhpbr_transitions_allowed(trust, 1, 2, NULL, ERR),
              MHPBR_INVALID_ARGUMENT, "allowed is NULL");
  {
    mhpbr_transitions* bad = (mhpbr_transitions*)&allowed;
    const char kUnknownCluster[] = "rows { from: 9 to: [1] }";
    const char kTwice[] = "rows { from: 1 to: [2] } rows { from: 1 to: [3] }";
    const char kSyntax[] = "rows { from: 1 to: [2 }";
    EXPECT_FAIL(mhpbr_transitions_load_text(kUnknownCluster,
                                            strlen(kUnknownCluster), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "9");
    CHECK(bad == NULL);
    EXPECT_FAIL(mhpbr_transitions_load_text(kTwice, strlen(kTwice), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "1");
    EXPECT_FAIL(
        mhpbr_transitions_load_text(kSyntax, strlen(kSyntax), &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "transitions text");
    EXPECT_FAIL(mhpbr_transitions_load_text(NULL, 3, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "text is NULL");
    EXPECT_FAIL(mhpbr_transitions_load_text(kTwice, 3, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "out is NULL");
    EXPECT_FAIL(mhpbr_transitions_load_file(NULL, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "path is NULL");
    EXPECT_FAIL(mhpbr_transitions_load_file(table_path, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "out is NULL");
    CHECK(mhpbr_transitions_load_file("/nonexistent/t.textproto", &bad, NULL) !=
          MHPBR_OK);
    CHECK(bad == NULL);
  }
  mhpbr_transitions_destroy(trust);
  mhpbr_transitions_destroy(from_file);
  mhpbr_transitions_destroy(NULL);
  free(events);
  free(periods);
  free(flagged);
  free(table_path);
}

/* ---- Pricing ------------------------------------------------------------ */

/* A generated tariff: every basis, some clusters unpriced (6, 11, 19), and
 * social-care shares. */
static void WriteTariff(const char* path) {
  FILE* f = fopen(path, "wb");
  int c;
  static const char* const kBases[] = {"day", "period", "year"};
  if (f == NULL) abort();
  fprintf(f, "cluster,basis,price_pence,social_care_ppm\n");
  for (c = 0; c <= 21; ++c) {
    if (c == 9 || c == 6 || c == 11 || c == 19) continue;
    fprintf(f, "%d,%s,%u,%u\n", c, kBases[c % 3], 100 + Rand(90000),
            c % 4 == 0 ? 0 : Rand(400001));
  }
  fclose(f);
}

/* 3000 periods, each its own patient, from 2021 to 2025, a fifth open. */
#define GENERATED_PERIODS 3000
static mhpbr_period g_periods[GENERATED_PERIODS];
static char g_period_ids[GENERATED_PERIODS][16];

static void WritePeriods(const char* path) {
  FILE* f = fopen(path, "wb");
  int i;
  if (f == NULL) abort();
  fprintf(f, "patient_id,cluster,start,end\n");
  for (i = 0; i < GENERATED_PERIODS; ++i) {
    mhpbr_period p = MHPBR_PERIOD_INIT;
    const long start = DaysFromCivil(2021, 1, 1) + (long)Rand(5 * 365);
    char s[16], e[16];
    p.cluster = RandomCluster();
    p.start = FromDays(start);
    /* Short periods too, so that a review period is cut short. */
    p.end = Rand(5) == 0 ? MHPBR_NO_DATE
                         : FromDays(start + (long)Rand(Rand(2) ? 40 : 600));
    snprintf(g_period_ids[i], sizeof g_period_ids[i], "G%05d", i);
    p.patient_id = g_period_ids[i];
    g_periods[i] = p;
    IsoDate(p.start, s, sizeof s);
    IsoDate(p.end, e, sizeof e);
    fprintf(f, "%s,%d,%s,%s\n", g_period_ids[i], (int)p.cluster, s, e);
  }
  fclose(f);
}

static int32_t BasisCode(const char* name) {
  if (strcmp(name, "day") == 0) return MHPBR_BASIS_DAY;
  if (strcmp(name, "period") == 0) return MHPBR_BASIS_PERIOD;
  if (strcmp(name, "year") == 0) return MHPBR_BASIS_YEAR;
  return MHPBR_BASIS_NONE;
}

/* Every line of the statement `mhpbr price` writes for `periods_csv`
 * equals mhpbr_tariff_price_period of its period; periods with no line
 * are outside the contract year. `periods` (count n) are the same periods
 * in the file's order, each with a distinct patient id. */
static void CrossCheckPrice(const mhpbr_tariff* tariff, const char* rules_arg,
                            const char* contract, const char* tariff_csv,
                            const char* periods_csv,
                            const mhpbr_period* periods, size_t n,
                            int64_t mff_ppm) {
  char* out = Path(g_scratch, "statement.csv");
  char args[4096];
  Table st, tt;
  size_t i, r;
  int priced = 0, unpriced = 0, outside = 0, lines = 0;
  snprintf(args, sizeof args,
           "price %s --periods '%s' --tariff '%s' --contract '%s' --out '%s'",
           rules_arg, periods_csv, tariff_csv, contract, out);
  if (!CHECK(RunTool(args)) || !CHECK(LoadTable(out, &st))) {
    free(out);
    return;
  }
  if (!CHECK(LoadTable(tariff_csv, &tt))) {
    FreeTable(&st);
    free(out);
    return;
  }
  {
    const int c_patient = Col(&st, "patient_id"),
              c_days = Col(&st, "days_in_year"), c_basis = Col(&st, "basis"),
              c_units = Col(&st, "units"), c_amount = Col(&st, "amount_pence"),
              c_social = Col(&st, "social_care_pence"),
              c_status = Col(&st, "status"), c_start = Col(&st, "start"),
              t_cluster = Col(&tt, "cluster"),
              t_price = Col(&tt, "price_pence");
    for (i = 0; i < n; ++i) {
      mhpbr_payment pay = MHPBR_PAYMENT_INIT;
      const mhpbr_period* p = &periods[i];
      size_t line = st.rows;
      EXPECT_OK(mhpbr_tariff_price_period(tariff, p, &pay, ERR));
      CHECK_INT(pay.mff_ppm, mff_ppm);
      for (r = 0; r < st.rows; ++r) {
        if (strcmp(Cell(&st, r, c_patient), p->patient_id) == 0 &&
            Date(Cell(&st, r, c_start)) == p->start) {
          line = r;
          break;
        }
      }
      if (line == st.rows) {
        ++outside;
        CHECK_INT(pay.status, MHPBR_PAYMENT_OUTSIDE_YEAR);
        CHECK_INT(pay.basis, MHPBR_BASIS_NONE);
        CHECK_INT(pay.amount_pence, 0);
        CHECK_INT(pay.days_in_year, 0);
        continue;
      }
      ++lines;
      CHECK_INT(pay.days_in_year, Int(&st, line, c_days));
      CHECK_INT(pay.basis, BasisCode(Cell(&st, line, c_basis)));
      CHECK_INT(pay.units, Int(&st, line, c_units));
      CHECK_INT(pay.amount_pence, Int(&st, line, c_amount));
      CHECK_INT(pay.social_care_pence, Int(&st, line, c_social));
      if (strcmp(Cell(&st, line, c_status), "priced") == 0) {
        ++priced;
        CHECK_INT(pay.status, MHPBR_PAYMENT_PRICED);
        for (r = 0; r < tt.rows; ++r) {
          if (Int(&tt, r, t_cluster) == p->cluster) {
            CHECK_INT(pay.price_pence, Int(&tt, r, t_price));
          }
        }
      } else {
        ++unpriced;
        CHECK_STR(Cell(&st, line, c_status), "unpriced");
        CHECK_INT(pay.status, MHPBR_PAYMENT_UNPRICED);
        CHECK_INT(pay.price_pence, 0);
      }
    }
    /* Every line was matched to a period. */
    CHECK_INT(lines, (int)st.rows);
    if (n > 100) CHECK(priced > 100 && unpriced > 10 && outside > 100);
  }
  FreeTable(&tt);
  FreeTable(&st);
  free(out);
}

/* The periods of a `patient_id,cluster,start,end` file (ids copied into
 * `ids`, at most 64 periods). */
static size_t ReadPeriodsCsv(const char* path, mhpbr_period* out,
                             char ids[][16], size_t max) {
  Table t;
  size_t r, n = 0;
  if (!CHECK(LoadTable(path, &t))) return 0;
  {
    const int c_patient = Col(&t, "patient_id"), c_cluster = Col(&t, "cluster"),
              c_start = Col(&t, "start"), c_end = Col(&t, "end");
    for (r = 0; r < t.rows && n < max; ++r, ++n) {
      mhpbr_period p = MHPBR_PERIOD_INIT;
      snprintf(ids[n], 16, "%s", Cell(&t, r, c_patient));
      p.patient_id = ids[n];
      p.cluster = (int32_t)Int(&t, r, c_cluster);
      p.start = Date(Cell(&t, r, c_start));
      p.end = Date(Cell(&t, r, c_end));
      out[n] = p;
    }
  }
  FreeTable(&t);
  return n;
}

static const char kContractFull[] =
    "year_start: \"2022-04-01\"\n"
    "mff_ppm: 1000000\n"
    "partial_period: FULL\n"
    "social_care: POOLED\n";

static void TestPricing(const mhpbr_rules* rules,
                        const mhpbr_rules* mhsds_rules) {
  char* contract = Path(g_data, "contract.textproto");
  char* tariff_csv = Path(g_data, "tariff.csv");
  char* periods_csv = Path(g_data, "periods.csv");
  char* gen_tariff = Path(g_scratch, "tariff_generated.csv");
  char* gen_periods = Path(g_scratch, "periods_generated.csv");
  char* contract_full = Path(g_scratch, "contract_full.textproto");
  char* mhsds_path = Path(g_scratch, "rules_mhsds.textproto");
  char mhsds_arg[1024];
  mhpbr_period example[64];
  char example_ids[64][16];
  size_t n_example;
  mhpbr_tariff* from_files = NULL;
  mhpbr_tariff* from_text = NULL;
  char* contract_text;
  char* tariff_text;
  size_t contract_len = 0, tariff_len = 0;
  int k, i;

  snprintf(mhsds_arg, sizeof mhsds_arg, "--rules '%s'", mhsds_path);
  WriteTariff(gen_tariff);
  WritePeriods(gen_periods);
  WriteFile(contract_full, kContractFull);

  /* The example data, handles from files and from text. */
  n_example = ReadPeriodsCsv(periods_csv, example, example_ids, 64);
  CHECK(n_example >= 18);
  contract_text = ReadFile(contract, &contract_len);
  tariff_text = ReadFile(tariff_csv, &tariff_len);
  CHECK(contract_text != NULL && tariff_text != NULL);
  EXPECT_OK(
      mhpbr_tariff_create_files(rules, contract, tariff_csv, &from_files, ERR));
  /* Not NUL-terminated: only `length` bytes are read. */
  if (contract_text != NULL && tariff_text != NULL) {
    char* c2 = (char*)malloc(contract_len + 8);
    char* t2 = (char*)malloc(tariff_len + 8);
    memcpy(c2, contract_text, contract_len);
    memcpy(t2, tariff_text, tariff_len);
    memcpy(c2 + contract_len, "garbage", 8);
    memcpy(t2 + tariff_len, "garbage", 8);
    EXPECT_OK(mhpbr_tariff_create(rules, c2, contract_len, t2, tariff_len,
                                  &from_text, ERR));
    free(c2);
    free(t2);
  }
  if (from_files != NULL && from_text != NULL) {
    CrossCheckPrice(from_files, "", contract, tariff_csv, periods_csv, example,
                    n_example, 1085430);
    CrossCheckPrice(from_text, "", contract, tariff_csv, periods_csv, example,
                    n_example, 1085430);
  }

  /* Generated periods under both contracts and both day counts. */
  for (k = 0; k < 4; ++k) {
    const mhpbr_rules* r = k % 2 == 0 ? rules : mhsds_rules;
    const char* c = k < 2 ? contract : contract_full;
    mhpbr_tariff* t = NULL;
    EXPECT_OK(mhpbr_tariff_create_files(r, c, gen_tariff, &t, ERR));
    if (t != NULL) {
      CrossCheckPrice(t, k % 2 == 0 ? "" : mhsds_arg, c, gen_tariff,
                      gen_periods, g_periods, GENERATED_PERIODS,
                      k < 2 ? 1085430 : 1000000);
    }
    mhpbr_tariff_destroy(t);
  }

  /* Bad arguments. */
  if (from_files != NULL) {
    mhpbr_payment pay = MHPBR_PAYMENT_INIT;
    mhpbr_period p = MHPBR_PERIOD_INIT;
    p.cluster = 3;
    p.start = 20230501;
    p.end = 20230601;
    EXPECT_OK(mhpbr_tariff_price_period(from_files, &p, &pay, ERR));
    CHECK_INT(mhpbr_tariff_price_period(from_files, &p, &pay, NULL), MHPBR_OK);
    for (i = 0; i < BAD_CLUSTER_COUNT; ++i) {
      p.cluster = kBadClusters[i];
      EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                  MHPBR_INVALID_ARGUMENT, "period.cluster");
    }
    p.cluster = 3;
    for (i = 0; i < BAD_DATE_COUNT; ++i) {
      p.start = kBadDates[i];
      EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                  MHPBR_INVALID_ARGUMENT, "period.start");
      p.start = 20230501;
      p.end = kBadDates[i];
      EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                  MHPBR_INVALID_ARGUMENT, "period.end");
      p.end = 20230601;
    }
    p.start = MHPBR_NO_DATE;
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "period.start is MHPBR_NO_DATE");
    p.start = 20230501;
    p.end = 20230430;
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "period.end 20230430 is before");
    p.end = 20230501; /* one day: fine */
    EXPECT_OK(mhpbr_tariff_price_period(from_files, &p, &pay, ERR));
    CHECK_INT(pay.days_in_year, 1);
    EXPECT_FAIL(mhpbr_tariff_price_period(NULL, &p, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "tariff is NULL");
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, NULL, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "period is NULL");
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "payment is NULL");
    p.struct_size = 8;
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "period.struct_size");
    p.struct_size = sizeof p;
    pay.struct_size = sizeof pay - 8;
    EXPECT_FAIL(mhpbr_tariff_price_period(from_files, &p, &pay, ERR),
                MHPBR_INVALID_ARGUMENT, "payment.struct_size");
  }
  {
    mhpbr_tariff* bad = (mhpbr_tariff*)&k;
    const char kBadContract[] =
        "year_start: \"2023-05-01\" partial_period: FULL social_care: POOLED";
    const char kBadMff[] =
        "year_start: \"2023-04-01\" mff_ppm: -1 partial_period: FULL "
        "social_care: POOLED";
    const char kTariff[] = "cluster,basis,price_pence\n3,day,252\n";
    const char kBadBasis[] = "cluster,basis,price_pence\n3,week,252\n";
    const char kTwice[] = "cluster,basis,price_pence\n3,day,252\n3,day,1\n";
    const char kCluster9[] = "cluster,basis,price_pence\n9,day,252\n";
    const char kNegative[] = "cluster,basis,price_pence\n3,day,-2\n";
    const char kOk[] =
        "year_start: \"2023-04-01\" mff_ppm: 1000000 partial_period: FULL "
        "social_care: POOLED";
    EXPECT_FAIL(mhpbr_tariff_create(rules, kBadContract, strlen(kBadContract),
                                    kTariff, strlen(kTariff), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "year_start");
    CHECK(bad == NULL);
    EXPECT_FAIL(mhpbr_tariff_create(rules, kBadMff, strlen(kBadMff), kTariff,
                                    strlen(kTariff), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "mff_ppm");
    EXPECT_FAIL(mhpbr_tariff_create(rules, kOk, strlen(kOk), kBadBasis,
                                    strlen(kBadBasis), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "basis");
    EXPECT_FAIL(mhpbr_tariff_create(rules, kOk, strlen(kOk), kTwice,
                                    strlen(kTwice), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "line 3");
    EXPECT_FAIL(mhpbr_tariff_create(rules, kOk, strlen(kOk), kCluster9,
                                    strlen(kCluster9), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "cluster");
    EXPECT_FAIL(mhpbr_tariff_create(rules, kOk, strlen(kOk), kNegative,
                                    strlen(kNegative), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "price_pence");
    EXPECT_FAIL(
        mhpbr_tariff_create(rules, kOk, strlen(kOk), kTariff, 0, &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "tariff_csv is empty");
    EXPECT_FAIL(mhpbr_tariff_create(NULL, kOk, strlen(kOk), kTariff,
                                    strlen(kTariff), &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "rules is NULL");
    EXPECT_FAIL(mhpbr_tariff_create(rules, NULL, 0, kTariff, strlen(kTariff),
                                    &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "contract_text is NULL");
    EXPECT_FAIL(
        mhpbr_tariff_create(rules, kOk, strlen(kOk), NULL, 0, &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "tariff_csv is NULL");
    EXPECT_FAIL(mhpbr_tariff_create(rules, kOk, strlen(kOk), kTariff,
                                    strlen(kTariff), NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "out is NULL");
    EXPECT_FAIL(mhpbr_tariff_create_files(rules, NULL, tariff_csv, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "contract_path is NULL");
    EXPECT_FAIL(mhpbr_tariff_create_files(rules, contract, NULL, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "tariff_path is NULL");
    EXPECT_FAIL(
        mhpbr_tariff_create_files(NULL, contract, tariff_csv, &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "rules is NULL");
    EXPECT_FAIL(
        mhpbr_tariff_create_files(rules, contract, tariff_csv, NULL, ERR),
        MHPBR_INVALID_ARGUMENT, "out is NULL");
    EXPECT_FAIL(mhpbr_tariff_create_files(rules, contract, "/nonexistent.csv",
                                          &bad, ERR),
                MHPBR_NOT_FOUND, "/nonexistent.csv");
    EXPECT_FAIL(
        mhpbr_tariff_create_files(rules, contract, g_scratch, &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "directory");
    CHECK(mhpbr_tariff_create_files(rules, "/nonexistent.textproto", tariff_csv,
                                    &bad, NULL) != MHPBR_OK);
    CHECK(bad == NULL);
  }
  mhpbr_tariff_destroy(from_files);
  mhpbr_tariff_destroy(from_text);
  mhpbr_tariff_destroy(NULL);
  free(contract_text);
  free(tariff_text);
  free(contract);
  free(tariff_csv);
  free(periods_csv);
  free(gen_tariff);
  free(gen_periods);
  free(contract_full);
  free(mhsds_path);
}

/* ---- Costing ------------------------------------------------------------ */

#define MAX_RECORDS 6000
static mhpbr_activity g_records[MAX_RECORDS];
static char g_record_text[MAX_RECORDS][4][24]; /* id, patient, staff, ward */

/* Reads `mhpbr cost --activity` rows into g_records (bad cells kept as the
 * C struct would carry them). */
static size_t ReadActivity(const char* path) {
  Table t;
  size_t r, n = 0;
  if (!CHECK(LoadTable(path, &t))) return 0;
  {
    const int c_id = Col(&t, "activity_id"), c_patient = Col(&t, "patient_id"),
              c_date = Col(&t, "date"), c_kind = Col(&t, "kind"),
              c_staff = Col(&t, "staff_group"), c_min = Col(&t, "minutes"),
              c_ward = Col(&t, "ward"), c_count = Col(&t, "count"),
              c_att = Col(&t, "attendees"), c_cost = Col(&t, "cost_pence");
    for (r = 0; r < t.rows && n < MAX_RECORDS; ++r, ++n) {
      mhpbr_activity a = MHPBR_ACTIVITY_INIT;
      const char* kind = Cell(&t, r, c_kind);
      snprintf(g_record_text[n][0], 24, "%s", Cell(&t, r, c_id));
      snprintf(g_record_text[n][1], 24, "%s", Cell(&t, r, c_patient));
      snprintf(g_record_text[n][2], 24, "%s", Cell(&t, r, c_staff));
      snprintf(g_record_text[n][3], 24, "%s", Cell(&t, r, c_ward));
      a.activity_id = g_record_text[n][0];
      a.patient_id = g_record_text[n][1];
      a.staff_group = g_record_text[n][2];
      a.ward = g_record_text[n][3];
      a.date = Date(Cell(&t, r, c_date));
      a.kind = strcmp(kind, "contact") == 0   ? MHPBR_ACTIVITY_CONTACT
               : strcmp(kind, "group") == 0   ? MHPBR_ACTIVITY_GROUP
               : strcmp(kind, "bed_day") == 0 ? MHPBR_ACTIVITY_BED_DAY
               : strcmp(kind, "other") == 0   ? MHPBR_ACTIVITY_OTHER
                                              : 17;
      a.minutes = Int(&t, r, c_min);
      a.count = Int(&t, r, c_count);
      a.cost_pence = Int(&t, r, c_cost);
      a.attendees =
          Cell(&t, r, c_att)[0] == '\0' ? 1 : (int32_t)Int(&t, r, c_att);
      g_records[n] = a;
    }
  }
  FreeTable(&t);
  return n;
}

static const char* const kStaff[] = {
    "pwp", "nurse_b6", "psychologist", "psychiatrist", "ot", "support_worker"};
static const char* const kWards[] = {"acute_adult", "picu", "older_adult"};

/* Generated periods for the coster (several per patient, consecutive, some
 * open) in shuffled order, and activity against them with bad rows of
 * every kind the tool rejects. */
#define COST_PATIENTS 400
static mhpbr_period g_cost_periods[4 * COST_PATIENTS];
static char g_cost_ids[COST_PATIENTS][16];

static size_t WriteCostData(const char* periods_path,
                            const char* activity_path) {
  FILE* f = fopen(periods_path, "wb");
  size_t n = 0, i;
  int p;
  if (f == NULL) abort();
  fprintf(f, "patient_id,cluster,start,end\n");
  for (p = 0; p < COST_PATIENTS; ++p) {
    long day = DaysFromCivil(2022, 4, 1) + (long)Rand(500);
    const int count = 1 + (int)Rand(4);
    int k;
    snprintf(g_cost_ids[p], 16, "Q%04d", p);
    for (k = 0; k < count; ++k) {
      mhpbr_period x = MHPBR_PERIOD_INIT;
      const long len = (long)Rand(200);
      x.patient_id = g_cost_ids[p];
      x.cluster = RandomCluster();
      x.start = FromDays(day);
      x.end =
          k + 1 == count && Rand(3) == 0 ? MHPBR_NO_DATE : FromDays(day + len);
      if (x.start > 20240331) break;
      if (x.end != MHPBR_NO_DATE && x.end > 20240331) x.end = MHPBR_NO_DATE;
      g_cost_periods[n++] = x;
      if (x.end == MHPBR_NO_DATE) break;
      day += len + 1 + (Rand(4) == 0 ? (long)Rand(30) : 0);
    }
  }
  /* Shuffle: the caller's order is not the coster's. */
  for (i = n; i > 1; --i) {
    const size_t j = Rand((unsigned)i);
    const mhpbr_period t = g_cost_periods[i - 1];
    g_cost_periods[i - 1] = g_cost_periods[j];
    g_cost_periods[j] = t;
  }
  for (i = 0; i < n; ++i) {
    char s[16], e[16];
    IsoDate(g_cost_periods[i].start, s, sizeof s);
    IsoDate(g_cost_periods[i].end, e, sizeof e);
    fprintf(f, "%s,%d,%s,%s\n", g_cost_periods[i].patient_id,
            (int)g_cost_periods[i].cluster, s, e);
  }
  fclose(f);

  f = fopen(activity_path, "wb");
  if (f == NULL) abort();
  fprintf(f,
          "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
          "attendees,cost_pence\n");
  for (i = 0; i < 5000; ++i) {
    char date[16];
    const unsigned kind = Rand(10);
    const unsigned bad = Rand(40);
    IsoDate(FromDays(DaysFromCivil(2022, 3, 1) + (long)Rand(800)), date,
            sizeof date);
    /* Patients Q0400-Q0449 have no period. */
    fprintf(f, "B%05u,Q%04u,%s,", (unsigned)i, Rand(COST_PATIENTS + 50),
            bad == 0 ? "2023-02-30" : date);
    if (kind < 6) {
      fprintf(f, "contact,%s,%d,,,,\n", bad == 1 ? "locum" : kStaff[Rand(6)],
              bad == 2 ? -5 : (int)Rand(120));
    } else if (kind < 8) {
      fprintf(f, "group,%s,%u,,,%u,\n", kStaff[Rand(6)], 30 + Rand(90),
              bad == 3 ? 0 : 1 + Rand(8));
    } else if (kind < 9) {
      fprintf(f, "bed_day,,,%s,%u,,\n", bad == 4 ? "annex" : kWards[Rand(3)],
              1 + Rand(3));
    } else {
      fprintf(f, "other,,,,,,%u\n", Rand(50000));
    }
  }
  fclose(f);
  return n;
}

/* Runs `mhpbr cost` and checks the coster's periods, clusters and totals
 * against its outputs. */
static void CrossCheckCost(const mhpbr_coster* coster, const char* rules_arg,
                           const char* periods_csv, const char* activity_csv,
                           const mhpbr_period* periods, size_t n) {
  char* out = Path(g_scratch, "cost_out.csv");
  char* by = Path(g_scratch, "cost_by_cluster.csv");
  char* sum = Path(g_scratch, "cost_summary.csv");
  char args[4096];
  Table t;
  size_t i, r;
  mhpbr_cost_totals tot = MHPBR_COST_TOTALS_INIT;
  snprintf(args, sizeof args,
           "cost %s --periods '%s' --activity '%s' --unit-costs '%s' --as-of "
           "2024-03-31 --out '%s' --by-cluster '%s' --summary '%s'",
           rules_arg, periods_csv, activity_csv, g_unit_costs, out, by, sum);
  CHECK(RunTool(args));

  if (CHECK(LoadTable(out, &t))) {
    const int c_patient = Col(&t, "patient_id"), c_start = Col(&t, "start"),
              c_cluster = Col(&t, "cluster"), c_days = Col(&t, "days"),
              c_records = Col(&t, "records"), c_cost = Col(&t, "cost_pence");
    CHECK_INT(t.rows, n);
    for (r = 0; r < t.rows; ++r) {
      size_t found = n;
      mhpbr_period_cost pc = MHPBR_PERIOD_COST_INIT;
      for (i = 0; i < n; ++i) {
        if (strcmp(periods[i].patient_id, Cell(&t, r, c_patient)) == 0 &&
            periods[i].start == Date(Cell(&t, r, c_start))) {
          found = i;
          break;
        }
      }
      if (!CHECK(found < n)) continue;
      EXPECT_OK(mhpbr_coster_period(coster, found, &pc, ERR));
      CHECK_INT(pc.cluster, Int(&t, r, c_cluster));
      CHECK_INT(pc.days, Int(&t, r, c_days));
      CHECK_INT(pc.records, Int(&t, r, c_records));
      CHECK_INT(pc.cost_pence, Int(&t, r, c_cost));
    }
    FreeTable(&t);
  }
  if (CHECK(LoadTable(by, &t))) {
    const int c_cluster = Col(&t, "cluster"), c_periods = Col(&t, "periods"),
              c_days = Col(&t, "days"), c_records = Col(&t, "records"),
              c_cost = Col(&t, "cost_pence");
    int32_t c;
    for (c = 0; c <= 21; ++c) {
      mhpbr_cluster_cost cc = MHPBR_CLUSTER_COST_INIT;
      size_t row = t.rows;
      if (c == 9) continue;
      EXPECT_OK(mhpbr_coster_cluster(coster, c, &cc, ERR));
      CHECK_INT(cc.cluster, c);
      for (r = 0; r < t.rows; ++r) {
        if (Int(&t, r, c_cluster) == c) row = r;
      }
      if (row == t.rows) {
        CHECK_INT(cc.periods, 0);
        CHECK_INT(cc.cost_pence, 0);
        continue;
      }
      CHECK_INT(cc.periods, Int(&t, row, c_periods));
      CHECK_INT(cc.days, Int(&t, row, c_days));
      CHECK_INT(cc.records, Int(&t, row, c_records));
      CHECK_INT(cc.cost_pence, Int(&t, row, c_cost));
    }
    FreeTable(&t);
  }
  EXPECT_OK(mhpbr_coster_totals(coster, &tot, ERR));
  if (CHECK(LoadTable(sum, &t))) {
    const int c_key = Col(&t, "key"), c_value = Col(&t, "value");
    const struct {
      const char* key;
      int64_t value;
    } kWant[] = {{"records_read", tot.records_read},
                 {"records_rejected", tot.records_rejected},
                 {"clustered_records", tot.clustered_records},
                 {"clustered_pence", tot.clustered_pence},
                 {"unclustered_records", tot.unclustered_records},
                 {"unclustered_pence", tot.unclustered_pence},
                 {"unknown_patient_records", tot.unknown_patient_records},
                 {"total_pence", tot.total_pence},
                 {"periods", tot.periods}};
    size_t k;
    CHECK_INT(t.rows, sizeof kWant / sizeof kWant[0]);
    for (k = 0; k < sizeof kWant / sizeof kWant[0]; ++k) {
      for (r = 0; r < t.rows; ++r) {
        if (strcmp(Cell(&t, r, c_key), kWant[k].key) == 0) {
          if (!CHECK_INT(kWant[k].value, Int(&t, r, c_value))) {
            fprintf(stderr, "  summary key %s\n", kWant[k].key);
          }
        }
      }
    }
    FreeTable(&t);
  }
  free(out);
  free(by);
  free(sum);
}

/* Adds g_records[0..n) one at a time and checks each attribution: a
 * costed record lies in the period it names. */
static void AddOneByOne(mhpbr_coster* coster, const mhpbr_period* periods,
                        size_t n_periods, size_t n) {
  size_t i;
  int bad = 0, unknown = 0, unclustered = 0;
  for (i = 0; i < n; ++i) {
    mhpbr_attribution at = MHPBR_ATTRIBUTION_INIT;
    char* err = NULL;
    const mhpbr_code code = mhpbr_coster_add(coster, &g_records[i], &at, &err);
    CHECK_INT(at.status, code);
    if (code != MHPBR_OK) {
      ++bad;
      CHECK(err != NULL);
      /* Named: the activity and the field. */
      CHECK_HAS(err, g_records[i].activity_id);
      CHECK_HAS(err, "activity.");
      CHECK_INT(at.period, MHPBR_PERIOD_REJECTED);
      CHECK_INT(at.cost_pence, 0);
      mhpbr_free(err);
      continue;
    }
    CHECK(err == NULL);
    if (at.period == MHPBR_PERIOD_UNKNOWN_PATIENT) {
      size_t k;
      ++unknown;
      for (k = 0; k < n_periods; ++k) {
        CHECK(strcmp(periods[k].patient_id, g_records[i].patient_id) != 0);
      }
    } else if (at.period == MHPBR_PERIOD_UNCLUSTERED) {
      ++unclustered;
    } else if (CHECK(at.period >= 0 && (size_t)at.period < n_periods)) {
      const mhpbr_period* p = &periods[at.period];
      CHECK_STR(p->patient_id, g_records[i].patient_id);
      CHECK(p->start <= g_records[i].date);
      CHECK(p->end == MHPBR_NO_DATE || g_records[i].date <= p->end);
    }
  }
  if (n > 1000) CHECK(bad > 50 && unknown > 50 && unclustered > 50);
}

/* The same through mhpbr_coster_add_batch in batches of `batch`; each
 * attribution must equal the one-at-a-time run's in `want`. */
static void AddInBatches(mhpbr_coster* coster, size_t n, size_t batch,
                         const mhpbr_attribution* want) {
  mhpbr_attribution* got =
      (mhpbr_attribution*)malloc(n * sizeof(mhpbr_attribution));
  size_t i, first_bad = n;
  for (i = 0; i < n; ++i) {
    mhpbr_attribution a = MHPBR_ATTRIBUTION_INIT;
    got[i] = a;
    if (want != NULL && want[i].status != MHPBR_OK && first_bad == n) {
      first_bad = i;
    }
  }
  for (i = 0; i < n; i += batch) {
    const size_t k = n - i < batch ? n - i : batch;
    char* err = NULL;
    size_t j;
    int any_bad = 0;
    const mhpbr_code code =
        mhpbr_coster_add_batch(coster, &g_records[i], k, &got[i], &err);
    for (j = i; j < i + k; ++j) any_bad |= got[j].status != MHPBR_OK;
    CHECK_INT(code, any_bad ? MHPBR_INVALID_ARGUMENT : MHPBR_OK);
    if (any_bad) {
      CHECK_HAS(err, "records not costed; first: records[");
    }
    mhpbr_free(err);
  }
  if (want != NULL) {
    for (i = 0; i < n; ++i) {
      CHECK_INT(got[i].struct_size, sizeof(mhpbr_attribution));
      CHECK_INT(got[i].status, want[i].status);
      CHECK_INT(got[i].period, want[i].period);
      CHECK_INT(got[i].cost_pence, want[i].cost_pence);
    }
  }
  free(got);
}

static mhpbr_coster* NewCoster(const mhpbr_rules* rules,
                               const mhpbr_period* periods, size_t n) {
  mhpbr_coster* c = NULL;
  EXPECT_OK(mhpbr_coster_create_file(rules, g_unit_costs, periods, n, 20240331,
                                     &c, ERR));
  return c;
}

static void TestCostingBadInput(const mhpbr_rules* rules) {
  mhpbr_period p[3];
  mhpbr_coster* c = (mhpbr_coster*)p;
  mhpbr_coster* ok = NULL;
  char* costs_text;
  size_t costs_len = 0;
  int i;
  const char kBadCosts[] =
      "source: \"x\" staff { code: \"a\" pence_per_hour: 1 } "
      "staff { code: \"a\" pence_per_hour: 2 }";
  const char kNoSource[] = "staff { code: \"a\" pence_per_hour: 1 }";
  const mhpbr_period good = {sizeof(mhpbr_period), 3, 20230401, 20230630, "P1"};
  costs_text = ReadFile(g_unit_costs, &costs_len);
  CHECK(costs_text != NULL);
  p[0] = good;
  p[1] = good;
  p[1].patient_id = "P2";
  p[2] = good;
  p[2].start = 20230701;
  p[2].end = MHPBR_NO_DATE;

  EXPECT_OK(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                &ok, ERR));
  /* Creating checks each period, naming it. */
  p[1].cluster = 9;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[1].cluster 9");
  CHECK(c == NULL);
  p[1].cluster = 3;
  for (i = 0; i < BAD_DATE_COUNT; ++i) {
    p[2].start = kBadDates[i];
    EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3,
                                    20240331, &c, ERR),
                MHPBR_INVALID_ARGUMENT, "periods[2].start");
    p[2].start = 20230701;
    p[2].end = kBadDates[i];
    EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3,
                                    20240331, &c, ERR),
                MHPBR_INVALID_ARGUMENT, "periods[2].end");
    p[2].end = MHPBR_NO_DATE;
    EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3,
                                    kBadDates[i], &c, ERR),
                MHPBR_INVALID_ARGUMENT, "as_of");
  }
  p[2].start = MHPBR_NO_DATE;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[2].start is MHPBR_NO_DATE");
  p[2].start = 20230701;
  p[0].end = 20230331;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[0].end 20230331 is before");
  p[0].end = 20230630;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20230601,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[2].start 20230701 is after");
  p[1].patient_id = NULL;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[1].patient_id");
  p[1].patient_id = "";
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[1].patient_id");
  p[1].patient_id = "P2";
  p[1].struct_size = sizeof(mhpbr_period) + 8;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[1].struct_size");
  p[1].struct_size = sizeof(mhpbr_period);
  p[0].struct_size = 12;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods[0].struct_size");
  p[0].struct_size = sizeof(mhpbr_period) + 1;
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 1, 20240331,
                                  &c, ERR),
              MHPBR_INVALID_ARGUMENT, "not a multiple");
  p[0].struct_size = sizeof(mhpbr_period);
  EXPECT_FAIL(mhpbr_coster_create(rules, kBadCosts, strlen(kBadCosts), p, 3,
                                  20240331, &c, ERR),
              MHPBR_INVALID_ARGUMENT, "listed twice");
  EXPECT_FAIL(mhpbr_coster_create(rules, kNoSource, strlen(kNoSource), p, 3,
                                  20240331, &c, ERR),
              MHPBR_INVALID_ARGUMENT, "source");
  EXPECT_FAIL(
      mhpbr_coster_create(NULL, costs_text, costs_len, p, 3, 20240331, &c, ERR),
      MHPBR_INVALID_ARGUMENT, "rules is NULL");
  EXPECT_FAIL(mhpbr_coster_create(rules, NULL, 0, p, 3, 20240331, &c, ERR),
              MHPBR_INVALID_ARGUMENT, "unit_costs_text is NULL");
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, NULL, 3,
                                  20240331, &c, ERR),
              MHPBR_INVALID_ARGUMENT, "periods is NULL");
  EXPECT_FAIL(mhpbr_coster_create(rules, costs_text, costs_len, p, 3, 20240331,
                                  NULL, ERR),
              MHPBR_INVALID_ARGUMENT, "out is NULL");
  EXPECT_FAIL(mhpbr_coster_create_file(rules, NULL, p, 3, 20240331, &c, ERR),
              MHPBR_INVALID_ARGUMENT, "path is NULL");
  EXPECT_FAIL(mhpbr_coster_create_file(rules, "/nonexistent.textproto", p, 3,
                                       20240331, &c, ERR),
              MHPBR_NOT_FOUND, "/nonexistent.textproto");
  CHECK(c == NULL);

  if (ok != NULL) {
    mhpbr_activity a = MHPBR_ACTIVITY_INIT;
    mhpbr_attribution at = MHPBR_ATTRIBUTION_INIT;
    mhpbr_period_cost pc = MHPBR_PERIOD_COST_INIT;
    mhpbr_cluster_cost cc = MHPBR_CLUSTER_COST_INIT;
    mhpbr_cost_totals tot = MHPBR_COST_TOTALS_INIT;
    mhpbr_activity batch[2];
    mhpbr_attribution outs[2];
    a.patient_id = "P1";
    a.date = 20230415;
    a.staff_group = "nurse_b6";
    a.minutes = 30;
    EXPECT_OK(mhpbr_coster_add(ok, &a, &at, ERR));
    CHECK_INT(at.period, 0);
    /* 30 min at 5200 p/hour, 18% overhead: 3068 p. */
    CHECK_INT(at.cost_pence, 3068);
    a.patient_id = "P2";
    EXPECT_OK(mhpbr_coster_add(ok, &a, &at, ERR));
    CHECK_INT(at.period, 1);
    a.date = 20230701;
    a.patient_id = "P1";
    EXPECT_OK(mhpbr_coster_add(ok, &a, &at, ERR));
    CHECK_INT(at.period, 2);
    a.date = 20240401; /* after as_of: the open period does not cover it */
    EXPECT_OK(mhpbr_coster_add(ok, &a, &at, ERR));
    CHECK_INT(at.period, MHPBR_PERIOD_UNCLUSTERED);
    a.patient_id = "nobody";
    EXPECT_OK(mhpbr_coster_add(ok, &a, &at, ERR));
    CHECK_INT(at.period, MHPBR_PERIOD_UNKNOWN_PATIENT);
    a.patient_id = "P1";
    a.date = 20230415;

    /* Each bad field, named, counted as read and rejected. */
    a.staff_group = "locum";
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.staff_group: 'locum'");
    CHECK_INT(at.status, MHPBR_INVALID_ARGUMENT);
    CHECK_INT(at.period, MHPBR_PERIOD_REJECTED);
    a.staff_group = NULL;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.staff_group is NULL");
    a.staff_group = "nurse_b6";
    a.minutes = -1;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.minutes");
    a.minutes = 30;
    a.kind = MHPBR_ACTIVITY_GROUP;
    a.attendees = 0;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.attendees");
    a.kind = MHPBR_ACTIVITY_BED_DAY;
    a.ward = "annex";
    a.count = 1;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.ward: 'annex'");
    a.ward = "";
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.ward is NULL or empty");
    a.ward = "picu";
    a.count = -2;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.count");
    a.kind = MHPBR_ACTIVITY_OTHER;
    a.cost_pence = -3;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.cost_pence");
    a.kind = 4;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.kind 4");
    a.kind = -1;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.kind -1");
    a.kind = MHPBR_ACTIVITY_OTHER;
    a.cost_pence = 100;
    for (i = 0; i < BAD_DATE_COUNT; ++i) {
      a.date = kBadDates[i];
      EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                  "activity.date");
    }
    a.date = 20230415;
    a.patient_id = "";
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.patient_id");
    a.patient_id = "P1";
    a.activity_id = "X77";
    a.cost_pence = -1;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity 'X77': activity.cost_pence");
    a.cost_pence = 100;
    EXPECT_OK(mhpbr_coster_totals(ok, &tot, ERR));
    CHECK_INT(tot.records_read, 5 + 12 + BAD_DATE_COUNT);
    CHECK_INT(tot.records_rejected, 12 + BAD_DATE_COUNT);
    CHECK_INT(tot.unknown_patient_records, 1);
    CHECK_INT(tot.unclustered_records, 2);
    CHECK_INT(tot.periods, 3);

    /* Not records, not counted. */
    EXPECT_FAIL(mhpbr_coster_add(NULL, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "coster is NULL");
    EXPECT_FAIL(mhpbr_coster_add(ok, NULL, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity is NULL");
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, NULL, ERR), MHPBR_INVALID_ARGUMENT,
                "attribution is NULL");
    a.struct_size = 16;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "activity.struct_size");
    a.struct_size = sizeof a;
    at.struct_size = 8;
    EXPECT_FAIL(mhpbr_coster_add(ok, &a, &at, ERR), MHPBR_INVALID_ARGUMENT,
                "attribution.struct_size");
    at.struct_size = sizeof at;
    EXPECT_OK(mhpbr_coster_totals(ok, &tot, ERR));
    CHECK_INT(tot.records_read, 5 + 12 + BAD_DATE_COUNT);
    EXPECT_OK(mhpbr_coster_period(ok, 0, &pc, ERR));
    CHECK_INT(pc.cluster, 3);
    CHECK_INT(pc.days, 91);
    CHECK_INT(pc.records, 1);
    CHECK_INT(pc.cost_pence, 3068);
    EXPECT_OK(mhpbr_coster_cluster(ok, 3, &cc, ERR));
    CHECK_INT(cc.periods, 3);
    CHECK_INT(cc.records, 3);
    EXPECT_OK(mhpbr_coster_cluster(ok, 20, &cc, ERR));
    CHECK_INT(cc.periods, 0);
    CHECK_INT(cc.records, 0);

    /* Batches: a bad record does not stop the batch. */
    batch[0] = a;
    batch[1] = a;
    batch[1].kind = 9;
    outs[0].struct_size = sizeof outs[0];
    outs[1].struct_size = 0;
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, batch, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT,
                "1 of 2 records not costed; first: records[1]: activity "
                "'X77': activity.kind 9");
    CHECK_INT(outs[0].status, MHPBR_OK);
    CHECK_INT(outs[0].cost_pence, 118);
    CHECK_INT(outs[1].status, MHPBR_INVALID_ARGUMENT);
    CHECK_INT(outs[1].struct_size, sizeof outs[1]);
    EXPECT_OK(mhpbr_coster_add_batch(ok, batch, 0, NULL, ERR));
    EXPECT_FAIL(mhpbr_coster_add_batch(NULL, batch, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT, "coster is NULL");
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, NULL, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT, "records is NULL");
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, batch, 2, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "attributions is NULL");
    batch[0].struct_size = 8;
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, batch, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT, "records[0].struct_size");
    batch[0].struct_size = sizeof batch[0];
    outs[0].struct_size = 12;
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, batch, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT, "attributions[0].struct_size");
    outs[0].struct_size = sizeof outs[0];
    batch[1] = a;
    batch[1].struct_size = sizeof a + 8;
    EXPECT_FAIL(mhpbr_coster_add_batch(ok, batch, 2, outs, ERR),
                MHPBR_INVALID_ARGUMENT, "struct_size differs");

    /* Reads. */
    EXPECT_FAIL(mhpbr_coster_period(ok, 3, &pc, ERR), MHPBR_OUT_OF_RANGE,
                "index 3 is not below the period count 3");
    EXPECT_FAIL(mhpbr_coster_period(ok, (size_t)-1, &pc, ERR),
                MHPBR_OUT_OF_RANGE, "index");
    EXPECT_FAIL(mhpbr_coster_period(NULL, 0, &pc, ERR), MHPBR_INVALID_ARGUMENT,
                "coster is NULL");
    EXPECT_FAIL(mhpbr_coster_period(ok, 0, NULL, ERR), MHPBR_INVALID_ARGUMENT,
                "cost is NULL");
    pc.struct_size = 4;
    EXPECT_FAIL(mhpbr_coster_period(ok, 0, &pc, ERR), MHPBR_INVALID_ARGUMENT,
                "cost.struct_size");
    pc.struct_size = sizeof pc;
    /* The two batch records that were good went to P1's first period. */
    EXPECT_OK(mhpbr_coster_period(ok, 0, &pc, ERR));
    CHECK_INT(pc.records, 3);
    CHECK_INT(pc.cost_pence, 3068 + 2 * 118);
    for (i = 0; i < BAD_CLUSTER_COUNT; ++i) {
      EXPECT_FAIL(mhpbr_coster_cluster(ok, kBadClusters[i], &cc, ERR),
                  MHPBR_INVALID_ARGUMENT, "cluster");
    }
    EXPECT_FAIL(mhpbr_coster_cluster(NULL, 3, &cc, ERR), MHPBR_INVALID_ARGUMENT,
                "coster is NULL");
    EXPECT_FAIL(mhpbr_coster_cluster(ok, 3, NULL, ERR), MHPBR_INVALID_ARGUMENT,
                "cost is NULL");
    cc.struct_size = 4;
    EXPECT_FAIL(mhpbr_coster_cluster(ok, 3, &cc, ERR), MHPBR_INVALID_ARGUMENT,
                "cost.struct_size");
    EXPECT_FAIL(mhpbr_coster_totals(NULL, &tot, ERR), MHPBR_INVALID_ARGUMENT,
                "coster is NULL");
    EXPECT_FAIL(mhpbr_coster_totals(ok, NULL, ERR), MHPBR_INVALID_ARGUMENT,
                "totals is NULL");
    tot.struct_size = 4;
    EXPECT_FAIL(mhpbr_coster_totals(ok, &tot, ERR), MHPBR_INVALID_ARGUMENT,
                "totals.struct_size");
  }
  mhpbr_coster_destroy(ok);
  mhpbr_coster_destroy(NULL);
  free(costs_text);
}

static void TestCosting(const mhpbr_rules* rules,
                        const mhpbr_rules* mhsds_rules) {
  char* periods_csv = Path(g_data, "periods.csv");
  char* activity_csv = Path(g_data, "activity.csv");
  char* gen_periods = Path(g_scratch, "cost_periods.csv");
  char* gen_activity = Path(g_scratch, "cost_activity.csv");
  char* mhsds_path = Path(g_scratch, "rules_mhsds.textproto");
  char mhsds_arg[1024];
  mhpbr_period example[64];
  char example_ids[64][16];
  size_t n_example, n_records, n_periods, i;
  mhpbr_attribution* want;
  int k;

  snprintf(mhsds_arg, sizeof mhsds_arg, "--rules '%s'", mhsds_path);
  /* The example data: one at a time, and in batches. */
  n_example = ReadPeriodsCsv(periods_csv, example, example_ids, 64);
  n_records = ReadActivity(activity_csv);
  CHECK(n_records > 100);
  for (k = 0; k < 2; ++k) {
    mhpbr_coster* c = NewCoster(rules, example, n_example);
    if (c == NULL) continue;
    if (k == 0) {
      AddOneByOne(c, example, n_example, n_records);
    } else {
      AddInBatches(c, n_records, 64, NULL);
    }
    CrossCheckCost(c, "", periods_csv, activity_csv, example, n_example);
    mhpbr_coster_destroy(c);
  }

  /* Generated data, shuffled periods, both day counts: the batch's
   * attributions equal one-at-a-time ones, and both equal the tool. */
  n_periods = WriteCostData(gen_periods, gen_activity);
  n_records = ReadActivity(gen_activity);
  CHECK_INT(n_records, 5000);
  want = (mhpbr_attribution*)malloc(n_records * sizeof(mhpbr_attribution));
  for (k = 0; k < 2; ++k) {
    const mhpbr_rules* r = k == 0 ? rules : mhsds_rules;
    mhpbr_coster* one = NewCoster(r, g_cost_periods, n_periods);
    mhpbr_coster* many = NewCoster(r, g_cost_periods, n_periods);
    if (one == NULL || many == NULL) {
      mhpbr_coster_destroy(one);
      mhpbr_coster_destroy(many);
      continue;
    }
    AddOneByOne(one, g_cost_periods, n_periods, n_records);
    CrossCheckCost(one, k == 0 ? "" : mhsds_arg, gen_periods, gen_activity,
                   g_cost_periods, n_periods);
    /* Re-add to a fresh coster to record each attribution. */
    mhpbr_coster_destroy(one);
    one = NewCoster(r, g_cost_periods, n_periods);
    for (i = 0; i < n_records && one != NULL; ++i) {
      mhpbr_attribution a = MHPBR_ATTRIBUTION_INIT;
      want[i] = a;
      mhpbr_coster_add(one, &g_records[i], &want[i], NULL);
    }
    AddInBatches(many, n_records, k == 0 ? 300 : 7, want);
    CrossCheckCost(many, k == 0 ? "" : mhsds_arg, gen_periods, gen_activity,
                   g_cost_periods, n_periods);
    mhpbr_coster_destroy(one);
    mhpbr_coster_destroy(many);
  }
  free(want);
  TestCostingBadInput(rules);
  free(periods_csv);
  free(activity_csv);
  free(gen_periods);
  free(gen_activity);
  free(mhsds_path);
}

/* ---- Care packages ------------------------------------------------------ */

static const char kCatalogue[] =
    "source: \"test catalogue\"\n"
    "financial_year: \"2023/24\"\n"
    "templates {\n"
    "  cluster: 3\n"
    "  elements { id: \"v\" name: \"Admission\" tier: VARIANCE "
    "    setting: INPATIENT ward: \"acute_adult\" bed_days_per_period: 5 "
    "    share_ppm: 50000 }\n"
    "  elements { id: \"c\" name: \"CBT\" tier: CORE intervention: \"CBT\" "
    "    guidance: \"NICE CG90\" setting: COMMUNITY staff_group: "
    "    \"psychologist\" contacts_per_period: 8 minutes_per_contact: 50 }\n"
    "  elements { id: \"e\" name: \"Medication review\" tier: ESSENTIAL "
    "    setting: HOME staff_group: \"psychiatrist\" contacts_per_period: 2 "
    "    minutes_per_contact: 25 share_ppm: 333333 }\n"
    "}\n"
    "templates { cluster: 14 elements { id: \"h\" name: \"Home treatment\" "
    "  tier: CORE staff_group: \"nurse_b6\" contacts_per_period: 20 "
    "  minutes_per_contact: 45 } }\n";

/* The coster's cost of the element's care, as activity. */
static int64_t ActivityCost(mhpbr_coster* coster,
                            const mhpbr_package_element* e) {
  mhpbr_activity a = MHPBR_ACTIVITY_INIT;
  mhpbr_attribution at = MHPBR_ATTRIBUTION_INIT;
  int64_t total = 0;
  a.patient_id = "package";
  a.date = 20230401;
  if (e->contacts > 0) {
    a.kind = MHPBR_ACTIVITY_CONTACT;
    a.staff_group = e->staff_group;
    a.minutes = e->contacts * e->minutes_per_contact;
    EXPECT_OK(mhpbr_coster_add(coster, &a, &at, ERR));
    total += at.cost_pence;
  }
  if (e->bed_days > 0) {
    a.kind = MHPBR_ACTIVITY_BED_DAY;
    a.ward = e->ward;
    a.count = e->bed_days;
    EXPECT_OK(mhpbr_coster_add(coster, &a, &at, ERR));
    total += at.cost_pence;
  }
  return total;
}

/* Template costs of `cat` against `mhpbr package cost ARGS`, and each
 * element's cost against the same care costed as activity. */
static void CrossCheckPackages(const mhpbr_catalogue* cat, const char* args,
                               mhpbr_coster* coster, int templates) {
  char* out = Path(g_scratch, "package_cost.csv");
  char cmd[4096];
  Table t;
  size_t r;
  snprintf(cmd, sizeof cmd, "package cost %s --out '%s'", args, out);
  CHECK(RunTool(cmd));
  if (CHECK(LoadTable(out, &t))) {
    const int c_cluster = Col(&t, "cluster"), c_core = Col(&t, "core_pence"),
              c_ess = Col(&t, "essential_pence"),
              c_var = Col(&t, "variance_pence"),
              c_total = Col(&t, "total_pence");
    CHECK_INT(t.rows, templates);
    for (r = 0; r < t.rows; ++r) {
      const int32_t cluster = (int32_t)Int(&t, r, c_cluster);
      mhpbr_template_cost cost = MHPBR_TEMPLATE_COST_INIT;
      size_t n = 0, i;
      int32_t tier = MHPBR_TIER_CORE;
      EXPECT_OK(mhpbr_catalogue_template_cost(cat, cluster, &cost, ERR));
      CHECK_INT(cost.cluster, cluster);
      CHECK_INT(cost.core_pence, Int(&t, r, c_core));
      CHECK_INT(cost.essential_pence, Int(&t, r, c_ess));
      CHECK_INT(cost.variance_pence, Int(&t, r, c_var));
      CHECK_INT(cost.total_pence, Int(&t, r, c_total));
      EXPECT_OK(mhpbr_catalogue_element_count(cat, cluster, &n, ERR));
      CHECK(n > 0);
      for (i = 0; i < n; ++i) {
        mhpbr_package_element e = MHPBR_PACKAGE_ELEMENT_INIT;
        int64_t care;
        EXPECT_OK(mhpbr_catalogue_element(cat, cluster, i, &e, ERR));
        CHECK_INT(e.cluster, cluster);
        /* Core, then essential, then variance. */
        CHECK(e.tier >= tier && e.tier <= MHPBR_TIER_VARIANCE);
        tier = e.tier;
        CHECK(e.id != NULL && e.id[0] != '\0');
        CHECK(e.name != NULL && e.name[0] != '\0');
        CHECK(e.intervention != NULL && e.guidance != NULL &&
              e.staff_group != NULL && e.ward != NULL);
        CHECK(e.setting >= MHPBR_SETTING_UNSPECIFIED &&
              e.setting <= MHPBR_SETTING_HOME);
        CHECK(e.share_ppm > 0 && e.share_ppm <= 1000000);
        if (e.tier == MHPBR_TIER_CORE) CHECK_INT(e.share_ppm, 1000000);
        care = ActivityCost(coster, &e);
        /* Contacts and bed days are each rounded as activity. */
        if (e.contacts > 0 && e.bed_days > 0) {
          CHECK(care - e.cost_pence <= 1 && e.cost_pence - care <= 1);
        } else {
          CHECK_INT(e.cost_pence, care);
        }
        /* At its share, rounded once from the exact cost. */
        {
          const double exact = (double)e.cost_pence * (double)e.share_ppm / 1e6;
          CHECK((double)e.expected_cost_pence - exact <= 1.0 &&
                exact - (double)e.expected_cost_pence <= 1.0);
        }
      }
    }
    FreeTable(&t);
  }
  free(out);
}

static void TestPackages(const mhpbr_rules* rules) {
  char* cat_path = Path(g_scratch, "catalogue.textproto");
  char args[2048];
  mhpbr_catalogue* builtin = NULL;
  mhpbr_catalogue* builtin_files = NULL;
  mhpbr_catalogue* custom = NULL;
  mhpbr_catalogue* custom_files = NULL;
  mhpbr_coster* coster = NULL;
  char* costs_text;
  size_t costs_len = 0, n = 99;
  int i;
  mhpbr_package_element e = MHPBR_PACKAGE_ELEMENT_INIT;
  mhpbr_template_cost cost = MHPBR_TEMPLATE_COST_INIT;

  WriteFile(cat_path, kCatalogue);
  costs_text = ReadFile(g_unit_costs, &costs_len);
  CHECK(costs_text != NULL);
  /* The reference for element costs: the coster, no periods. */
  EXPECT_OK(mhpbr_coster_create_file(rules, g_unit_costs, NULL, 0, 20240331,
                                     &coster, ERR));
  EXPECT_OK(mhpbr_catalogue_create(NULL, 0, NULL, 0, &builtin, ERR));
  EXPECT_OK(mhpbr_catalogue_create_files(NULL, NULL, &builtin_files, ERR));
  EXPECT_OK(mhpbr_catalogue_create(kCatalogue, strlen(kCatalogue), costs_text,
                                   costs_len, &custom, ERR));
  EXPECT_OK(
      mhpbr_catalogue_create_files(cat_path, g_unit_costs, &custom_files, ERR));
  if (coster == NULL || builtin == NULL || builtin_files == NULL ||
      custom == NULL || custom_files == NULL) {
    CHECK(0);
  } else {
    /* The built-in catalogue and costs (the example unit costs file). */
    CrossCheckPackages(builtin, "", coster, 21);
    CrossCheckPackages(builtin_files, "", coster, 21);
    snprintf(args, sizeof args, "--catalogue '%s' --unit-costs '%s'", cat_path,
             g_unit_costs);
    CrossCheckPackages(custom, args, coster, 2);
    CrossCheckPackages(custom_files, args, coster, 2);

    /* The template as the catalogue gives it, core first. */
    EXPECT_OK(mhpbr_catalogue_element_count(custom, 3, &n, ERR));
    CHECK_INT(n, 3);
    EXPECT_OK(mhpbr_catalogue_element(custom, 3, 0, &e, ERR));
    CHECK_STR(e.id, "c");
    CHECK_STR(e.name, "CBT");
    CHECK_INT(e.tier, MHPBR_TIER_CORE);
    CHECK_STR(e.intervention, "CBT");
    CHECK_STR(e.guidance, "NICE CG90");
    CHECK_INT(e.setting, MHPBR_SETTING_COMMUNITY);
    CHECK_STR(e.staff_group, "psychologist");
    CHECK_STR(e.ward, "");
    CHECK_INT(e.share_ppm, 1000000);
    CHECK_INT(e.contacts, 8);
    CHECK_INT(e.minutes_per_contact, 50);
    CHECK_INT(e.bed_days, 0);
    CHECK_INT(e.expected_cost_pence, e.cost_pence);
    {
      /* Borrowed: the same string on every call. */
      const char* name = e.name;
      mhpbr_package_element again = MHPBR_PACKAGE_ELEMENT_INIT;
      EXPECT_OK(mhpbr_catalogue_element(custom, 3, 0, &again, ERR));
      CHECK(again.name == name);
    }
    EXPECT_OK(mhpbr_catalogue_element(custom, 3, 1, &e, ERR));
    CHECK_STR(e.id, "e");
    CHECK_INT(e.tier, MHPBR_TIER_ESSENTIAL);
    CHECK_INT(e.setting, MHPBR_SETTING_HOME);
    CHECK_INT(e.share_ppm, 333333);
    CHECK_STR(e.guidance, "");
    EXPECT_OK(mhpbr_catalogue_element(custom, 3, 2, &e, ERR));
    CHECK_STR(e.id, "v");
    CHECK_INT(e.tier, MHPBR_TIER_VARIANCE);
    CHECK_INT(e.setting, MHPBR_SETTING_INPATIENT);
    CHECK_STR(e.ward, "acute_adult");
    CHECK_INT(e.bed_days, 5);
    CHECK_INT(e.share_ppm, 50000);

    /* No template, no such element, bad clusters. */
    EXPECT_FAIL(mhpbr_catalogue_element_count(custom, 1, &n, ERR),
                MHPBR_NOT_FOUND, "cluster 1 has no template");
    CHECK_INT(n, 0);
    EXPECT_FAIL(mhpbr_catalogue_element(custom, 1, 0, &e, ERR), MHPBR_NOT_FOUND,
                "cluster 1");
    EXPECT_FAIL(mhpbr_catalogue_template_cost(custom, 1, &cost, ERR),
                MHPBR_NOT_FOUND, "cluster 1");
    EXPECT_FAIL(mhpbr_catalogue_element(custom, 3, 3, &e, ERR),
                MHPBR_OUT_OF_RANGE, "index 3 is not below");
    EXPECT_FAIL(mhpbr_catalogue_element(custom, 3, (size_t)-1, &e, ERR),
                MHPBR_OUT_OF_RANGE, "index");
    for (i = 0; i < BAD_CLUSTER_COUNT; ++i) {
      EXPECT_FAIL(
          mhpbr_catalogue_element_count(builtin, kBadClusters[i], &n, ERR),
          MHPBR_INVALID_ARGUMENT, "cluster");
      EXPECT_FAIL(mhpbr_catalogue_element(builtin, kBadClusters[i], 0, &e, ERR),
                  MHPBR_INVALID_ARGUMENT, "cluster");
      EXPECT_FAIL(
          mhpbr_catalogue_template_cost(builtin, kBadClusters[i], &cost, ERR),
          MHPBR_INVALID_ARGUMENT, "cluster");
    }
    EXPECT_FAIL(mhpbr_catalogue_element_count(NULL, 3, &n, ERR),
                MHPBR_INVALID_ARGUMENT, "catalogue is NULL");
    EXPECT_FAIL(mhpbr_catalogue_element_count(builtin, 3, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "count is NULL");
    EXPECT_FAIL(mhpbr_catalogue_element(NULL, 3, 0, &e, ERR),
                MHPBR_INVALID_ARGUMENT, "catalogue is NULL");
    EXPECT_FAIL(mhpbr_catalogue_element(builtin, 3, 0, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "element is NULL");
    EXPECT_FAIL(mhpbr_catalogue_template_cost(NULL, 3, &cost, ERR),
                MHPBR_INVALID_ARGUMENT, "catalogue is NULL");
    EXPECT_FAIL(mhpbr_catalogue_template_cost(builtin, 3, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "cost is NULL");
    e.struct_size = 40;
    EXPECT_FAIL(mhpbr_catalogue_element(builtin, 3, 0, &e, ERR),
                MHPBR_INVALID_ARGUMENT, "element.struct_size");
    cost.struct_size = 8;
    EXPECT_FAIL(mhpbr_catalogue_template_cost(builtin, 3, &cost, ERR),
                MHPBR_INVALID_ARGUMENT, "cost.struct_size");
  }
  {
    mhpbr_catalogue* bad = (mhpbr_catalogue*)&n;
    const char kCoreShare[] =
        "source: \"x\" templates { cluster: 2 elements { id: \"a\" name: "
        "\"A\" tier: CORE share_ppm: 5 staff_group: \"pwp\" "
        "contacts_per_period: 1 minutes_per_contact: 5 } }";
    const char kUnknownStaff[] =
        "source: \"x\" templates { cluster: 2 elements { id: \"a\" name: "
        "\"A\" tier: CORE staff_group: \"locum\" contacts_per_period: 1 "
        "minutes_per_contact: 5 } }";
    const char kCluster9[] = "source: \"x\" templates { cluster: 9 }";
    const char kSyntax[] = "templates { cluster: 2";
    EXPECT_FAIL(mhpbr_catalogue_create(kCoreShare, strlen(kCoreShare), NULL, 0,
                                       &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "share_ppm");
    CHECK(bad == NULL);
    EXPECT_FAIL(mhpbr_catalogue_create(kUnknownStaff, strlen(kUnknownStaff),
                                       NULL, 0, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "staff_group");
    EXPECT_FAIL(mhpbr_catalogue_create(kCluster9, strlen(kCluster9), NULL, 0,
                                       &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "9");
    EXPECT_FAIL(
        mhpbr_catalogue_create(kSyntax, strlen(kSyntax), NULL, 0, &bad, ERR),
        MHPBR_INVALID_ARGUMENT, "catalogue_text");
    EXPECT_FAIL(mhpbr_catalogue_create(NULL, 0, "source: 1", 9, &bad, ERR),
                MHPBR_INVALID_ARGUMENT, "unit_costs_text");
    EXPECT_FAIL(mhpbr_catalogue_create(NULL, 0, NULL, 0, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "out is NULL");
    EXPECT_FAIL(mhpbr_catalogue_create_files(NULL, NULL, NULL, ERR),
                MHPBR_INVALID_ARGUMENT, "out is NULL");
    EXPECT_FAIL(
        mhpbr_catalogue_create_files("/nonexistent.textproto", NULL, &bad, ERR),
        MHPBR_NOT_FOUND, "/nonexistent.textproto");
    EXPECT_FAIL(
        mhpbr_catalogue_create_files(NULL, "/nonexistent.textproto", &bad, ERR),
        MHPBR_NOT_FOUND, "/nonexistent.textproto");
    CHECK(bad == NULL);
  }
  mhpbr_catalogue_destroy(builtin);
  mhpbr_catalogue_destroy(builtin_files);
  mhpbr_catalogue_destroy(custom);
  mhpbr_catalogue_destroy(custom_files);
  mhpbr_catalogue_destroy(NULL);
  mhpbr_coster_destroy(coster);
  free(cat_path);
  free(costs_text);
}

/* ---- Sized init --------------------------------------------------------- */

/* Each live struct's sized init writes exactly `size` bytes: the defaults
 * (as the constant initializer), zero past the library's struct, and
 * struct_size = size; nothing for NULL or a size below 4. */
#define CHECK_SIZED_INIT(type, init, fn)                                   \
  do {                                                                     \
    const type want = init;                                                \
    unsigned char buf[sizeof(type) + 32];                                  \
    size_t k_;                                                             \
    uint32_t size_;                                                        \
    memset(buf, 0xAB, sizeof buf);                                         \
    fn((type*)(void*)buf, sizeof(type));                                   \
    CHECK(memcmp(buf, &want, sizeof(type)) == 0);                          \
    CHECK(buf[sizeof(type)] == 0xAB);                                      \
    memset(buf, 0xAB, sizeof buf);                                         \
    fn((type*)(void*)buf, sizeof(type) + 16);                              \
    memcpy(&size_, buf, sizeof size_);                                     \
    CHECK_INT(size_, sizeof(type) + 16);                                   \
    CHECK(memcmp(buf + 4, (const char*)&want + 4, sizeof(type) - 4) == 0); \
    for (k_ = sizeof(type); k_ < sizeof(type) + 16; ++k_) {                \
      CHECK_INT(buf[k_], 0);                                               \
    }                                                                      \
    CHECK(buf[sizeof(type) + 16] == 0xAB);                                 \
    memset(buf, 0xAB, sizeof buf);                                         \
    fn((type*)(void*)buf, 8);                                              \
    memcpy(&size_, buf, sizeof size_);                                     \
    CHECK_INT(size_, 8);                                                   \
    CHECK(buf[8] == 0xAB);                                                 \
    memset(buf, 0xAB, sizeof buf);                                         \
    fn((type*)(void*)buf, 3);                                              \
    CHECK(buf[0] == 0xAB);                                                 \
    fn(NULL, sizeof(type));                                                \
  } while (0)

static void TestSizedInit(void) {
  mhpbr_activity a;
  CHECK_SIZED_INIT(mhpbr_cluster_info, MHPBR_CLUSTER_INFO_INIT,
                   mhpbr_cluster_info_init_sized);
  CHECK_SIZED_INIT(mhpbr_review, MHPBR_REVIEW_INIT, mhpbr_review_init_sized);
  CHECK_SIZED_INIT(mhpbr_period, MHPBR_PERIOD_INIT, mhpbr_period_init_sized);
  CHECK_SIZED_INIT(mhpbr_payment, MHPBR_PAYMENT_INIT, mhpbr_payment_init_sized);
  CHECK_SIZED_INIT(mhpbr_activity, MHPBR_ACTIVITY_INIT,
                   mhpbr_activity_init_sized);
  CHECK_SIZED_INIT(mhpbr_attribution, MHPBR_ATTRIBUTION_INIT,
                   mhpbr_attribution_init_sized);
  CHECK_SIZED_INIT(mhpbr_period_cost, MHPBR_PERIOD_COST_INIT,
                   mhpbr_period_cost_init_sized);
  CHECK_SIZED_INIT(mhpbr_cluster_cost, MHPBR_CLUSTER_COST_INIT,
                   mhpbr_cluster_cost_init_sized);
  CHECK_SIZED_INIT(mhpbr_cost_totals, MHPBR_COST_TOTALS_INIT,
                   mhpbr_cost_totals_init_sized);
  CHECK_SIZED_INIT(mhpbr_package_element, MHPBR_PACKAGE_ELEMENT_INIT,
                   mhpbr_package_element_init_sized);
  CHECK_SIZED_INIT(mhpbr_template_cost, MHPBR_TEMPLATE_COST_INIT,
                   mhpbr_template_cost_init_sized);
  /* The macros pass sizeof *ptr. */
  memset(&a, 0, sizeof a);
  MHPBR_ACTIVITY_INIT_SIZED(&a);
  CHECK_INT(a.struct_size, sizeof a);
  CHECK_INT(a.attendees, 1);
  CHECK_INT(a.kind, MHPBR_ACTIVITY_CONTACT);
}

int main(int argc, char** argv) {
  mhpbr_rules* rules = NULL;
  mhpbr_rules* mhsds_rules = NULL;
  char* error = NULL;
  char* mhsds_path;

  if (argc != 5) {
    fprintf(stderr, "usage: live_test TOOL DATA_DIR UNIT_COSTS SCRATCH_DIR\n");
    return 2;
  }
  g_tool = argv[1];
  g_data = argv[2];
  g_unit_costs = argv[3];
  g_scratch = argv[4];
  if (mhpbr_rules_load_default(&rules, &error) != MHPBR_OK) {
    fprintf(stderr, "cannot load the default rules: %s\n", error);
    return 1;
  }
  mhsds_path = Path(g_scratch, "rules_mhsds.textproto");

  TestClusterFacts(rules);
  TestReviews(rules);
  {
    char args[1024];
    FILE* f;
    snprintf(args, sizeof args, "rules export --out '%s'", mhsds_path);
    CHECK(RunTool(args));
    f = fopen(mhsds_path, "ab");
    if (f != NULL) {
      fputs("\nday_count: MHSDS\n", f);
      fclose(f);
    }
    EXPECT_OK(mhpbr_rules_load_file(mhsds_path, &mhsds_rules, ERR));
  }
  if (mhsds_rules != NULL) {
    TestPricing(rules, mhsds_rules);
    TestCosting(rules, mhsds_rules);
  }
  TestPackages(rules);
  TestSizedInit();

  mhpbr_rules_destroy(mhsds_rules);
  mhpbr_rules_destroy(rules);
  free(mhsds_path);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
