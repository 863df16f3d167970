// `mhpbr report` end to end, run as a user runs it (formats.md, "mhpbr
// report"). On the bundled sample data the figures are checked against
// values this test derives itself from the sample files: its own CSV
// parsing, activity costing (pricing.md 1), period cover and statistics;
// for assessments and events it counts what `mhpbr classify` and `mhpbr
// periods` (tested on their own) say of the same files. On the small
// fixtures under tests/data/report/ the figures are worked out by hand.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "report_cli_util.h"

namespace mhpbr::report_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kTool = MHPBR_TOOL;
const std::string kRoot = MHPBR_REPORT_SOURCE_DIR;
const std::string kExamples = kRoot + "/examples/data";
const std::string kUnitCosts =
    kRoot + "/lib/rules/example_unit_costs.textproto";
const std::string kFixtures = kRoot + "/tests/data/report";
// Where the page's SPC charts begin.
const char kSpcSection[] = "<h2>Monthly measures (SPC)</h2>";
constexpr char kAsOf[] = "2024-03-31";

ProcessResult RunTool(std::vector<std::string> args,
                      const std::string& stdin_path = "/dev/null") {
  args.insert(args.begin(), kTool);
  return RunProcess(args, stdin_path);
}

int64_t Int(const std::string& s) {
  int64_t v = 0;
  EXPECT_TRUE(absl::SimpleAtoi(s, &v)) << "'" << s << "'";
  return v;
}

double Dbl(const std::string& s) {
  double v = 0;
  EXPECT_TRUE(absl::SimpleAtod(s, &v)) << "'" << s << "'";
  return v;
}

// ---------------------------------------------------------------------
// The test's own model of the report, from the input files.

struct UnitCostsModel {
  int64_t overhead_ppm = 0;
  std::map<std::string, int64_t> staff, ward;
};

// The number after `key` on `line`, or -1.
int64_t NumberAfter(const std::string& line, const std::string& key) {
  const size_t at = line.find(key);
  if (at == std::string::npos) return -1;
  size_t i = at + key.size();
  while (i < line.size() && line[i] == ' ') ++i;
  size_t j = i;
  while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
  return j > i ? std::stoll(line.substr(i, j - i)) : -1;
}

// The unit costs' text format, one entry a line as the example file has
// them: `overhead_ppm: N`, `staff { code: "x" pence_per_hour: N }`,
// `ward { code: "x" pence_per_day: N }`.
UnitCostsModel LoadUnitCosts(const std::string& path) {
  UnitCostsModel m;
  m.overhead_ppm = -1;
  for (const std::string& line : Lines(Slurp(path))) {
    if (absl::StartsWith(line, "#")) continue;
    if (absl::StartsWith(line, "overhead_ppm:")) {
      m.overhead_ppm = NumberAfter(line, "overhead_ppm:");
      continue;
    }
    const size_t open = line.find("code: \"");
    if (open == std::string::npos) continue;
    const size_t close = line.find('"', open + 7);
    const std::string code = line.substr(open + 7, close - open - 7);
    if (absl::StartsWith(line, "staff")) {
      m.staff[code] = NumberAfter(line, "pence_per_hour:");
    } else if (absl::StartsWith(line, "ward")) {
      m.ward[code] = NumberAfter(line, "pence_per_day:");
    }
  }
  EXPECT_GE(m.overhead_ppm, 0) << path;
  EXPECT_FALSE(m.staff.empty()) << path;
  EXPECT_FALSE(m.ward.empty()) << path;
  return m;
}

struct PeriodModel {
  std::string patient;
  int cluster = 0;
  int64_t start = 0, last = 0;  // day numbers; last = end or the as-of date
  int64_t days = 0;             // both ends counted
  int64_t records = 0, cost = 0;
};

struct Model {
  std::vector<PeriodModel> periods;
  std::set<std::string> period_patients;
  std::set<std::string> activity_patients;  // accepted rows
  std::map<std::string, std::set<std::string>> teams;
  int64_t records_read = 0, rejected = 0;
  int64_t unclustered_records = 0;
  int64_t clustered_pence = 0, unclustered_pence = 0;
};

// A whole number >= 0 in `s`; `empty` when blank (-1: blank is bad).
bool Count(const std::string& s, int64_t empty, int64_t* out) {
  if (s.empty()) {
    *out = empty;
    return empty >= 0;
  }
  return absl::SimpleAtoi(s, out) && *out >= 0;
}

__extension__ typedef __int128 Int128;

// num / den rounded half away from zero, both >= 0.
int64_t RoundDiv(Int128 num, Int128 den) {
  return static_cast<int64_t>((2 * num + den) / (2 * den));
}

// The cost of one activity row in pence (pricing.md 1), or none when the
// row is to be rejected.
std::optional<int64_t> RowCost(const std::map<std::string, std::string>& r,
                               const UnitCostsModel& costs) {
  int64_t day = 0;
  if (!ParseDate(r.at("date"), &day)) return std::nullopt;
  const Int128 uplift = 1000000 + costs.overhead_ppm;
  const std::string& kind = r.at("kind");
  int64_t minutes = 0, attendees = 0, count = 0, pence = 0;
  if (kind == "contact" || kind == "group") {
    auto rate = costs.staff.find(r.at("staff_group"));
    if (rate == costs.staff.end()) return std::nullopt;
    if (!Count(r.at("minutes"), -1, &minutes)) return std::nullopt;
    if (kind == "group") {
      if (!Count(r.at("attendees"), 1, &attendees) || attendees == 0) {
        return std::nullopt;
      }
    } else {
      attendees = 1;
    }
    return RoundDiv(Int128{minutes} * rate->second * uplift,
                    Int128{60} * 1000000 * attendees);
  }
  if (kind == "bed_day") {
    auto rate = costs.ward.find(r.at("ward"));
    if (rate == costs.ward.end()) return std::nullopt;
    if (!Count(r.at("count"), -1, &count)) return std::nullopt;
    return RoundDiv(Int128{count} * rate->second * uplift, 1000000);
  }
  if (kind == "other") {
    if (!Count(r.at("cost_pence"), -1, &pence)) return std::nullopt;
    return RoundDiv(Int128{pence} * uplift, 1000000);
  }
  return std::nullopt;
}

Model BuildModel(const std::string& periods_path,
                 const std::string& activity_path,
                 const std::string& unit_costs_path, const std::string& as_of) {
  Model m;
  int64_t as_of_day = 0;
  EXPECT_TRUE(ParseDate(as_of, &as_of_day));
  const UnitCostsModel costs = LoadUnitCosts(unit_costs_path);
  for (const auto& r : ReadCsv(periods_path).rows) {
    PeriodModel p;
    p.patient = r.at("patient_id");
    p.cluster = static_cast<int>(Int(r.at("cluster")));
    EXPECT_TRUE(ParseDate(r.at("start"), &p.start));
    p.last = as_of_day;
    if (!r.at("end").empty()) {
      EXPECT_TRUE(ParseDate(r.at("end"), &p.last));
    }
    p.days = p.last - p.start + 1;
    m.periods.push_back(p);
    m.period_patients.insert(p.patient);
  }
  const Csv activity = ReadCsv(activity_path);
  const bool has_team =
      std::count(activity.header.begin(), activity.header.end(), "team") > 0;
  const bool has_provider = std::count(activity.header.begin(),
                                       activity.header.end(), "provider") > 0;
  for (const auto& r : activity.rows) {
    ++m.records_read;
    const std::optional<int64_t> cost = RowCost(r, costs);
    if (!cost) {
      ++m.rejected;
      continue;
    }
    const std::string& patient = r.at("patient_id");
    m.activity_patients.insert(patient);
    const std::string team = has_team       ? r.at("team")
                             : has_provider ? r.at("provider")
                                            : "";
    if (!team.empty()) m.teams[team].insert(patient);
    int64_t day = 0;
    ParseDate(r.at("date"), &day);
    PeriodModel* cover = nullptr;
    for (PeriodModel& p : m.periods) {
      if (p.patient == patient && p.start <= day && day <= p.last) cover = &p;
    }
    if (cover == nullptr) {
      ++m.unclustered_records;
      m.unclustered_pence += *cost;
    } else {
      ++cover->records;
      cover->cost += *cost;
      m.clustered_pence += *cost;
    }
  }
  return m;
}

// Status of a person: 2 in clusters 1-21, 1 only cluster 0, 0 no period.
int StatusOf(const Model& m, const std::string& patient) {
  int status = 0;
  for (const PeriodModel& p : m.periods) {
    if (p.patient != patient) continue;
    status = std::max(status, p.cluster == 0 ? 1 : 2);
  }
  return status;
}

struct Coverage {
  int64_t patients = 0, in_clusters = 0, only_0 = 0, unclustered = 0;
};

Coverage CoverageOf(const Model& m, const std::set<std::string>& people) {
  Coverage c;
  for (const std::string& id : people) {
    ++c.patients;
    switch (StatusOf(m, id)) {
      case 2:
        ++c.in_clusters;
        break;
      case 1:
        ++c.only_0;
        break;
      default:
        ++c.unclustered;
    }
  }
  return c;
}

std::set<std::string> AllPeople(const Model& m) {
  std::set<std::string> all = m.period_patients;
  all.insert(m.activity_patients.begin(), m.activity_patients.end());
  return all;
}

// Statistics, written again here from their textbook definitions.
long double Quantile(const std::vector<long double>& sorted, long double p) {
  const long double h = (sorted.size() - 1) * p;
  const size_t lo = static_cast<size_t>(h);
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

struct Stats {
  int64_t n = 0;
  long double mean = 0, median = 0, p5 = 0, p25 = 0, p75 = 0, p95 = 0;
  std::optional<long double> sd, cv;
};

Stats StatsOf(std::vector<long double> v) {
  Stats s;
  std::sort(v.begin(), v.end());
  s.n = static_cast<int64_t>(v.size());
  long double sum = 0;
  for (long double x : v) sum += x;
  s.mean = sum / s.n;
  if (s.n > 1) {
    long double ss = 0;
    for (long double x : v) ss += (x - s.mean) * (x - s.mean);
    s.sd = std::sqrt(ss / (s.n - 1));
    if (s.mean != 0) s.cv = *s.sd / s.mean;
  }
  s.median = Quantile(v, 0.5L);
  s.p5 = Quantile(v, 0.05L);
  s.p25 = Quantile(v, 0.25L);
  s.p75 = Quantile(v, 0.75L);
  s.p95 = Quantile(v, 0.95L);
  return s;
}

// One-way R^2 over groups: SS_between / SS_total; none when n < 2 or no
// variance.
std::optional<long double> RSquared(
    const std::map<int, std::vector<long double>>& groups) {
  long double sum = 0;
  int64_t n = 0;
  for (const auto& [k, v] : groups) {
    for (long double x : v) sum += x;
    n += static_cast<int64_t>(v.size());
  }
  if (n < 2) return std::nullopt;
  const long double grand = sum / n;
  long double total = 0, between = 0;
  for (const auto& [k, v] : groups) {
    long double group = 0;
    for (long double x : v) {
      group += x;
      total += (x - grand) * (x - grand);
    }
    between +=
        v.size() * (group / v.size() - grand) * (group / v.size() - grand);
  }
  if (total == 0) return std::nullopt;
  return between / total;
}

// The national superclasses: 1-8 non-psychotic, 10-17 psychotic, 18-21
// organic.
std::string SuperclassOf(int cluster) {
  if (cluster >= 1 && cluster <= 8) return "non_psychotic";
  if (cluster >= 10 && cluster <= 17) return "psychotic";
  return "organic";
}

long double PerDay(const PeriodModel& p) {
  return static_cast<long double>(p.cost) / p.days;
}

// R^2 per period and per day, over clusters 1-21 of `superclass` (all when
// empty).
std::pair<std::optional<long double>, std::optional<long double>> RSquaredOf(
    const Model& m, const std::string& superclass) {
  std::map<int, std::vector<long double>> per_period, per_day;
  for (const PeriodModel& p : m.periods) {
    if (p.cluster == 0) continue;
    if (!superclass.empty() && SuperclassOf(p.cluster) != superclass) continue;
    per_period[p.cluster].push_back(p.cost);
    if (p.days > 0) per_day[p.cluster].push_back(PerDay(p));
  }
  return {RSquared(per_period), RSquared(per_day)};
}

// ---------------------------------------------------------------------
// Checks.

// "-?[0-9]+\.[0-9]{4}" (std::regex is avoided: GCC 12's <regex> trips
// -Wmaybe-uninitialized under the sanitizers).
bool IsFourPlaces(const std::string& s) {
  size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  const size_t first = i;
  while (i < s.size() &&
         absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
  }
  if (i == first || i >= s.size() || s[i] != '.') return false;
  if (s.size() - i - 1 != 4) return false;
  for (++i; i < s.size(); ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// A figure written with 4 decimal places, equal to `want` to within the
// rounding of the last place.
void ExpectFigure(const std::string& got, long double want,
                  const std::string& what) {
  EXPECT_TRUE(IsFourPlaces(got))
      << what << ": '" << got << "' is not a decimal with 4 places";
  EXPECT_NEAR(Dbl(got), static_cast<double>(want), 5.01e-5)
      << what << ": got " << got;
}

void ExpectOptionalFigure(const std::string& got,
                          const std::optional<long double>& want,
                          const std::string& what) {
  if (!want) {
    EXPECT_EQ(got, "") << what << " should be undefined (empty)";
  } else {
    ExpectFigure(got, *want, what);
  }
}

void ExpectShare(const std::map<std::string, std::string>& summary,
                 const std::string& key, int64_t part, int64_t whole) {
  ASSERT_EQ(summary.count(key), 1u) << key;
  if (whole == 0) {
    EXPECT_EQ(summary.at(key), "") << key;
  } else {
    ExpectFigure(summary.at(key), static_cast<long double>(part) / whole, key);
  }
}

std::map<std::string, std::string> ReadSummary(const std::string& path) {
  std::map<std::string, std::string> out;
  const Csv csv = ReadCsv(path);
  EXPECT_EQ(csv.header, (std::vector<std::string>{"key", "value"}));
  for (const auto& r : csv.rows) {
    EXPECT_EQ(out.count(r.at("key")), 0u) << "duplicate key " << r.at("key");
    out[r.at("key")] = r.at("value");
  }
  return out;
}

int CountOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

struct SampleRun {
  ProcessResult result;
  std::string dir;
  std::string html;
  std::map<std::string, std::string> summary;
  Model model;
};

// The full report on the bundled sample data, run once for the suite.
const SampleRun& Sample() {
  static const SampleRun* run = [] {
    auto* s = new SampleRun;
    s->dir = TempDir("sample");
    s->result = RunTool(
        {"report", "--periods", kExamples + "/periods.csv", "--activity",
         kExamples + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
         kAsOf, "--assessments", kExamples + "/assessments.csv", "--events",
         kExamples + "/events.csv", "--out", s->dir + "/report.html",
         "--csv-dir", s->dir + "/csv"});
    s->html = Slurp(s->dir + "/report.html");
    s->summary = ReadSummary(s->dir + "/csv/summary.csv");
    s->model = BuildModel(kExamples + "/periods.csv",
                          kExamples + "/activity.csv", kUnitCosts, kAsOf);
    return s;
  }();
  return *run;
}

TEST(ReportCliSampleTest, ExitsZeroAndWritesEveryFile) {
  const SampleRun& s = Sample();
  // Rejected rows do not fail the run without --strict.
  EXPECT_EQ(s.result.exit_code, 0) << s.result.err;
  for (const char* f :
       {"/report.html", "/csv/summary.csv", "/csv/homogeneity.csv",
        "/csv/coverage_by_team.csv", "/csv/red_items.csv", "/csv/agreement.csv",
        "/csv/transitions.csv", "/csv/cluster_mix.csv"}) {
    EXPECT_TRUE(Exists(s.dir + f)) << f;
  }
  EXPECT_EQ(s.result.out, "");
  // The summary line ends standard error.
  const std::vector<std::string> err = Lines(s.result.err);
  ASSERT_FALSE(err.empty());
  const std::vector<std::string> words = absl::StrSplit(err.back(), ' ');
  ASSERT_EQ(words.size(), 6u) << err.back();
  EXPECT_EQ(words[1], "read,");
  EXPECT_EQ(words[3], "ok,");
  EXPECT_EQ(words[5], "rejected");
  EXPECT_EQ(Int(words[0]), Int(words[2]) + Int(words[4])) << err.back();
  EXPECT_TRUE(absl::EndsWith(s.result.err, "\n"));
}

TEST(ReportCliSampleTest, SampleHasWhatTheChecksNeed) {
  // Guards the test itself: the sample must exercise rejects, unknown
  // patients and several clusters, or the checks below prove little.
  const Model& m = Sample().model;
  EXPECT_GT(m.rejected, 0);
  EXPECT_GT(m.unclustered_records, 0);
  EXPECT_GE(m.periods.size(), 10u);
  EXPECT_FALSE(m.teams.empty());
}

TEST(ReportCliSampleTest, CoverageFigures) {
  const SampleRun& s = Sample();
  const Model& m = s.model;
  const auto& sum = s.summary;
  const Coverage c = CoverageOf(m, AllPeople(m));
  EXPECT_EQ(Int(sum.at("patients")), c.patients);
  EXPECT_EQ(Int(sum.at("patients_in_clusters")), c.in_clusters);
  EXPECT_EQ(Int(sum.at("patients_only_cluster_0")), c.only_0);
  EXPECT_EQ(Int(sum.at("patients_unclustered")), c.unclustered);
  ExpectShare(sum, "share_patients_in_clusters", c.in_clusters, c.patients);
  ExpectShare(sum, "share_patients_only_cluster_0", c.only_0, c.patients);
  ExpectShare(sum, "share_patients_unclustered", c.unclustered, c.patients);
  int64_t in_clusters = 0, cluster_0 = 0, without_activity = 0;
  for (const PeriodModel& p : m.periods) {
    (p.cluster == 0 ? cluster_0 : in_clusters) += 1;
    without_activity += p.records == 0;
  }
  const int64_t periods = static_cast<int64_t>(m.periods.size());
  EXPECT_EQ(Int(sum.at("periods")), periods);
  EXPECT_EQ(Int(sum.at("periods_in_clusters")), in_clusters);
  EXPECT_EQ(Int(sum.at("periods_cluster_0")), cluster_0);
  ExpectShare(sum, "share_periods_in_clusters", in_clusters, periods);
  ExpectShare(sum, "share_periods_cluster_0", cluster_0, periods);
  EXPECT_EQ(Int(sum.at("periods_without_activity")), without_activity);
  ExpectShare(sum, "share_periods_without_activity", without_activity, periods);
}

TEST(ReportCliSampleTest, ActivityAndCostFigures) {
  const SampleRun& s = Sample();
  const Model& m = s.model;
  const auto& sum = s.summary;
  EXPECT_EQ(Int(sum.at("activity_records")), m.records_read);
  EXPECT_EQ(Int(sum.at("activity_rejected")), m.rejected);
  EXPECT_EQ(Int(sum.at("activity_without_period")), m.unclustered_records);
  ExpectShare(sum, "share_activity_without_period", m.unclustered_records,
              m.records_read - m.rejected);
  EXPECT_EQ(Int(sum.at("clustered_pence")), m.clustered_pence);
  EXPECT_EQ(Int(sum.at("unclustered_pence")), m.unclustered_pence);
  EXPECT_EQ(Int(sum.at("total_pence")),
            m.clustered_pence + m.unclustered_pence);
}

TEST(ReportCliSampleTest, RSquaredOverallAndBySuperclass) {
  const SampleRun& s = Sample();
  const auto& sum = s.summary;
  const auto all = RSquaredOf(s.model, "");
  ExpectOptionalFigure(sum.at("r_squared_per_period"), all.first,
                       "r_squared_per_period");
  ExpectOptionalFigure(sum.at("r_squared_per_day"), all.second,
                       "r_squared_per_day");
  for (const std::string sc : {"non_psychotic", "psychotic", "organic"}) {
    const auto r = RSquaredOf(s.model, sc);
    const std::string kp = "r_squared_per_period_" + sc;
    const std::string kd = "r_squared_per_day_" + sc;
    ASSERT_EQ(sum.count(kp), 1u) << kp;
    ASSERT_EQ(sum.count(kd), 1u) << kd;
    ExpectOptionalFigure(sum.at(kp), r.first, kp);
    ExpectOptionalFigure(sum.at(kd), r.second, kd);
  }
}

TEST(ReportCliSampleTest, HomogeneityCsv) {
  const SampleRun& s = Sample();
  const std::vector<std::string> lines =
      Lines(Slurp(s.dir + "/csv/homogeneity.csv"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "cluster,measure,periods,mean,median,sd,cv,p5,p25,p75,p95");
  // The rows the model expects, in order: by cluster, per_day first.
  std::map<std::pair<int, std::string>, std::vector<long double>> want;
  for (const PeriodModel& p : s.model.periods) {
    want[{p.cluster, "per_period"}].push_back(p.cost);
    if (p.days > 0) want[{p.cluster, "per_day"}].push_back(PerDay(p));
  }
  const Csv csv = ReadCsv(s.dir + "/csv/homogeneity.csv");
  ASSERT_EQ(csv.rows.size(), want.size());
  auto it = want.begin();  // std::map: cluster, then "per_day" < "per_period"
  for (const auto& row : csv.rows) {
    const std::string what =
        absl::StrCat("cluster ", row.at("cluster"), " ", row.at("measure"));
    EXPECT_EQ(Int(row.at("cluster")), it->first.first) << what;
    EXPECT_EQ(row.at("measure"), it->first.second) << what;
    const Stats st = StatsOf(it->second);
    EXPECT_EQ(Int(row.at("periods")), st.n) << what;
    ExpectFigure(row.at("mean"), st.mean, what + " mean");
    ExpectFigure(row.at("median"), st.median, what + " median");
    ExpectOptionalFigure(row.at("sd"), st.sd, what + " sd");
    ExpectOptionalFigure(row.at("cv"), st.cv, what + " cv");
    ExpectFigure(row.at("p5"), st.p5, what + " p5");
    ExpectFigure(row.at("p25"), st.p25, what + " p25");
    ExpectFigure(row.at("p75"), st.p75, what + " p75");
    ExpectFigure(row.at("p95"), st.p95, what + " p95");
    ++it;
  }
}

TEST(ReportCliSampleTest, CoverageByTeamCsv) {
  const SampleRun& s = Sample();
  const Csv csv = ReadCsv(s.dir + "/csv/coverage_by_team.csv");
  EXPECT_EQ(csv.header,
            (std::vector<std::string>{
                "team", "patients", "patients_in_clusters",
                "patients_only_cluster_0", "patients_unclustered"}));
  ASSERT_EQ(csv.rows.size(), s.model.teams.size());
  auto it = s.model.teams.begin();  // sorted by team
  for (const auto& row : csv.rows) {
    EXPECT_EQ(row.at("team"), it->first);
    const Coverage c = CoverageOf(s.model, it->second);
    EXPECT_EQ(Int(row.at("patients")), c.patients) << it->first;
    EXPECT_EQ(Int(row.at("patients_in_clusters")), c.in_clusters) << it->first;
    EXPECT_EQ(Int(row.at("patients_only_cluster_0")), c.only_0) << it->first;
    EXPECT_EQ(Int(row.at("patients_unclustered")), c.unclustered) << it->first;
    ++it;
  }
}

// What `mhpbr classify` says of the sample assessments.
struct Classified {
  int64_t rows = 0, too_few_known = 0, no_fit = 0, allocated = 0, red = 0,
          agree = 0;
  std::map<std::string, int64_t> red_items;
};

Classified Classify(const std::string& assessments) {
  const ProcessResult r = RunTool({"classify", "--in", assessments});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  Classified c;
  for (const auto& row : ParseCsv(r.out).rows) {
    ++c.rows;
    c.too_few_known += row.at("reason") == "too_few_known";
    c.no_fit += row.at("reason") == "no_fit";
    if (row.at("allocated_cluster").empty()) continue;
    ++c.allocated;
    c.agree += row.at("allocated_cluster") == row.at("suggested_cluster");
    if (row.at("allocation_red") == "y") {
      ++c.red;
      for (absl::string_view item :
           absl::StrSplit(row.at("red_items"), ';', absl::SkipEmpty())) {
        ++c.red_items[std::string(item)];
      }
    }
  }
  return c;
}

TEST(ReportCliSampleTest, AssessmentFigures) {
  const SampleRun& s = Sample();
  const auto& sum = s.summary;
  const Classified c = Classify(kExamples + "/assessments.csv");
  ASSERT_GT(c.red, 0) << "the sample should have red allocations";
  EXPECT_EQ(Int(sum.at("assessments")), c.rows);
  EXPECT_EQ(Int(sum.at("assessments_too_few_known")), c.too_few_known);
  ExpectShare(sum, "share_assessments_too_few_known", c.too_few_known, c.rows);
  EXPECT_EQ(Int(sum.at("assessments_no_fit")), c.no_fit);
  EXPECT_EQ(Int(sum.at("allocations")), c.allocated);
  EXPECT_EQ(Int(sum.at("allocations_red")), c.red);
  ExpectShare(sum, "share_allocations_red", c.red, c.allocated);
  EXPECT_EQ(Int(sum.at("allocations_agree")), c.agree);
  ExpectShare(sum, "share_allocations_agree", c.agree, c.allocated);
  // red_items.csv: every item in profile-row order, with its count.
  const Csv items = ReadCsv(s.dir + "/csv/red_items.csv");
  EXPECT_EQ(items.header,
            (std::vector<std::string>{"item", "red_allocations"}));
  std::vector<std::string> order;
  for (const auto& row : items.rows) {
    order.push_back(row.at("item"));
    const auto it = c.red_items.find(row.at("item"));
    EXPECT_EQ(Int(row.at("red_allocations")),
              it == c.red_items.end() ? 0 : it->second)
        << "item " << row.at("item");
  }
  EXPECT_EQ(order, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7",
                                             "8", "9", "10", "11", "12", "13",
                                             "A", "B", "C", "D", "E"}));
}

// What `mhpbr periods` says of the sample events, and the moves among its
// periods: a period that starts the day after the previous one of the same
// person ends. `allowed` says which moves the protocol allows.
struct EventFigures {
  int64_t periods = 0, overdue = 0, moves = 0, moves_flagged = 0,
          moves_outside = 0;
};

EventFigures PeriodsOf(const std::vector<std::string>& extra,
                       const std::map<int, std::set<int>>* allowed) {
  std::vector<std::string> args = {"periods", "--in", kExamples + "/events.csv",
                                   "--as-of", kAsOf};
  args.insert(args.end(), extra.begin(), extra.end());
  const ProcessResult r = RunTool(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EventFigures f;
  const Csv csv = ParseCsv(r.out);
  for (size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& row = csv.rows[i];
    ++f.periods;
    f.overdue += Int(row.at("overdue_days")) > 0;
    if (i == 0) continue;
    const auto& prev = csv.rows[i - 1];
    int64_t prev_end = 0, start = 0;
    if (prev.at("patient_id") != row.at("patient_id") ||
        !ParseDate(prev.at("end"), &prev_end) ||
        !ParseDate(row.at("start"), &start) || start != prev_end + 1) {
      continue;
    }
    ++f.moves;
    f.moves_flagged += row.at("transition_ok") == "n";
    const int from = static_cast<int>(Int(prev.at("cluster")));
    const int to = static_cast<int>(Int(row.at("cluster")));
    const bool ok = allowed == nullptr || from == to || from == 0 || to == 0 ||
                    (allowed->count(from) && allowed->at(from).count(to));
    f.moves_outside += !ok;
  }
  return f;
}

TEST(ReportCliSampleTest, EventFiguresWithTheDefaultProtocol) {
  const SampleRun& s = Sample();
  const auto& sum = s.summary;
  const EventFigures f = PeriodsOf({}, nullptr);
  ASSERT_GT(f.moves, 0) << "the sample should have moves";
  EXPECT_EQ(Int(sum.at("event_periods")), f.periods);
  EXPECT_EQ(Int(sum.at("periods_overdue")), f.overdue);
  ExpectShare(sum, "share_periods_overdue", f.overdue, f.periods);
  EXPECT_EQ(Int(sum.at("moves")), f.moves);
  // The default protocol allows every move.
  EXPECT_EQ(f.moves_outside, 0);
  EXPECT_EQ(Int(sum.at("moves_outside_protocol")), 0);
  ExpectShare(sum, "share_moves_outside_protocol", 0, f.moves);
}

TEST(ReportCliSampleTest, MovesOutsideALoadedProtocol) {
  // tests/data/report/transitions.textproto: 1 may move to 2, 2 only back
  // to 1; any other move is outside (moves to and from 0 always allowed).
  // The sample's moves: P001 1->2 (allowed), P002 2->3, P013 14->13,
  // P015 16->17, P019 20->21 (outside), P104 0->7 (allowed): 4 of 6.
  const std::string transitions = kFixtures + "/transitions.textproto";
  const std::map<int, std::set<int>> allowed = {{1, {2}}, {2, {1}}};
  const EventFigures f = PeriodsOf({"--transitions", transitions}, &allowed);
  EXPECT_EQ(f.moves, 6);
  EXPECT_EQ(f.moves_outside, 4);
  EXPECT_EQ(f.moves_flagged, f.moves_outside);
  const std::string dir = TempDir("transitions");
  const ProcessResult r = RunTool(
      {"report", "--periods", kExamples + "/periods.csv", "--activity",
       kExamples + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
       kAsOf, "--events", kExamples + "/events.csv", "--transitions",
       transitions, "--out", dir + "/r.html", "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto sum = ReadSummary(dir + "/summary.csv");
  EXPECT_EQ(Int(sum.at("moves")), f.moves);
  EXPECT_EQ(Int(sum.at("moves_outside_protocol")), f.moves_outside);
  ExpectShare(sum, "share_moves_outside_protocol", f.moves_outside, f.moves);
  // Without --assessments: no assessment figures and no red_items.csv.
  EXPECT_EQ(sum.count("assessments"), 0u);
  EXPECT_FALSE(Exists(dir + "/red_items.csv"));
  const std::string html = Slurp(dir + "/r.html");
  EXPECT_THAT(html, HasSubstr("No assessments were given"));
  EXPECT_THAT(html, HasSubstr("<td>moves outside the transition protocol</td>"
                              "<td>4</td><td>6</td><td>66.7%</td>"));
}

TEST(ReportCliSampleTest, HtmlPage) {
  const SampleRun& s = Sample();
  const std::string& html = s.html;
  ASSERT_FALSE(html.empty());
  EXPECT_THAT(html,
              HasSubstr("<h1>Are clusters a fair basis for payment?</h1>"));
  EXPECT_THAT(html, HasSubstr("<h2>1. Cost homogeneity</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>2. Coverage</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>3. Data quality</h2>"));
  EXPECT_THAT(html, HasSubstr("As of 2024-03-31"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_EQ(CountOf(html, "<svg"), CountOf(html, "</svg>"));
  // One box per cluster and measure, as many as homogeneity.csv has rows.
  const Csv homogeneity = ReadCsv(s.dir + "/csv/homogeneity.csv");
  // (The SPC charts at the end title their points too.)
  EXPECT_EQ(CountOf(html.substr(0, html.find(kSpcSection)), "<g><title>"),
            static_cast<int>(homogeneity.rows.size()));
  // Figures from the model: people in periods or accepted activity.
  const Coverage c = CoverageOf(s.model, AllPeople(s.model));
  EXPECT_THAT(html, HasSubstr(absl::StrCat("People (", c.patients, ")")));
  EXPECT_THAT(html, HasSubstr(absl::StrCat("<td>people</td><td>", c.patients,
                                           "</td><td>100.0%</td>")));
  EXPECT_THAT(html,
              HasSubstr(absl::StrCat("<td>people in clusters 1-21</td><td>",
                                     c.in_clusters, "</td>")));
  EXPECT_THAT(html, HasSubstr(absl::StrCat(s.model.records_read,
                                           " activity records read, ",
                                           s.model.rejected, " rejected")));
  for (const auto& [team, people] : s.model.teams) {
    EXPECT_THAT(html, HasSubstr(absl::StrCat("<tr><td>", team, "</td><td>",
                                             people.size(), "</td>")));
  }
  EXPECT_THAT(html, HasSubstr("Items breaking red rules"));
}

TEST(ReportCliTest, MissingRequiredFlagsExitTwo) {
  const std::string dir = TempDir("usage");
  const std::vector<std::pair<std::string, std::string>> all = {
      {"--periods", kExamples + "/periods.csv"},
      {"--activity", kExamples + "/activity.csv"},
      {"--unit-costs", kUnitCosts},
      {"--as-of", kAsOf},
      {"--out", dir + "/r.html"}};
  for (size_t drop = 0; drop < all.size(); ++drop) {
    std::vector<std::string> args = {"report"};
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == drop) continue;
      args.push_back(all[i].first);
      args.push_back(all[i].second);
    }
    const ProcessResult r = RunTool(args);
    EXPECT_EQ(r.exit_code, 2) << "without " << all[drop].first;
    EXPECT_THAT(r.err, HasSubstr(all[drop].first.substr(2)))
        << "the message should name " << all[drop].first;
    EXPECT_THAT(r.err, HasSubstr("usage: mhpbr report"));
  }
  EXPECT_FALSE(Exists(dir + "/r.html"));
}

TEST(ReportCliTest, BadArgumentsExitTwo) {
  const std::string dir = TempDir("bad");
  auto run = [&](const std::string& as_of, const std::string& activity,
                 const std::string& costs) {
    return RunTool({"report", "--periods", kExamples + "/periods.csv",
                    "--activity", activity, "--unit-costs", costs, "--as-of",
                    as_of, "--out", dir + "/r.html"});
  };
  EXPECT_EQ(
      run("2024-02-30", kExamples + "/activity.csv", kUnitCosts).exit_code, 2);
  EXPECT_EQ(run(kAsOf, dir + "/no_such.csv", kUnitCosts).exit_code, 2);
  EXPECT_EQ(run(kAsOf, kExamples + "/activity.csv", dir + "/no_such.textproto")
                .exit_code,
            2);
  // An unknown flag, and a stray argument.
  EXPECT_EQ(RunTool({"report", "--periods", kExamples + "/periods.csv",
                     "--bogus", "x"})
                .exit_code,
            2);
  EXPECT_FALSE(Exists(dir + "/r.html"));
}

TEST(ReportCliTest, StrictExitsOneWhenRowsWereRejected) {
  const std::string dir = TempDir("strict");
  const ProcessResult r =
      RunTool({"report", "--periods", kExamples + "/periods.csv", "--activity",
               kExamples + "/activity.csv", "--unit-costs", kUnitCosts,
               "--as-of", kAsOf, "--out", dir + "/r.html", "--rejects",
               dir + "/rejects.csv", "--strict"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // The two bad activity rows of the sample (an unknown staff group, 31
  // June) are in the rejects file.
  const Csv rejects = ReadCsv(dir + "/rejects.csv");
  std::set<std::string> ids;
  for (const auto& row : rejects.rows) ids.insert(row.at("id"));
  EXPECT_EQ(ids, (std::set<std::string>{"A00123", "A00124"}));
}

// tests/data/report/provider_periods.csv and provider_activity.csv at
// 2024-03-31 (unit costs: the example's, overhead 180000 ppm), by hand:
//   Q1 cluster 1, 1-10 Jan: 10 days; X1 a 60-minute nurse_b6 contact:
//      60 * 5200 / 60 * 1.18 = 6136p; 613.6p a day.
//   Q1 cluster 2, 11 Jan - open: 21 + 29 + 31 = 81 days; X2 other 1000p:
//      1180p; 1180 / 81 = 14.5679p a day.
//   Q2 cluster 0, 5 Jan - open: 27 + 29 + 31 = 87 days; X3 a 30-minute pwp
//      contact: 30 * 3900 / 60 * 1.18 = 2301p; 26.4483p a day.
//   Q3 cluster 11, 1-29 Feb: 29 days, no activity (X5 on 5 Mar is after
//      it ends: no period covers it).
//   X4: Q4 has no period. X6: kind "phone": rejected.
// People: Q1 (in clusters), Q2 (only 0), Q3 (in clusters), Q4 (no
// period) = 4. Records: 6 read, 1 rejected, 2 with no period (X4, X5:
// 2301p each = 4602p) of 5 accepted = 0.4; clustered 6136 + 1180 + 2301 =
// 9617p; total 14219p. R^2: clusters 1, 2 and 11 have one period each, so
// cluster explains all of it: 1 (per period and per day); within
// non-psychotic (1, 2) also 1; psychotic (11 alone) and organic (none)
// undefined.
// Providers: "St Mary's": Q1 (in clusters); "Trust B": Q2 (only 0), Q3 (in
// clusters; the row with no period still names the provider), Q4 (none).
// The outcomes fixture of `mhpbr outcomes` (tests/data/outcomes/, figures
// worked out in tests/outcomes/outcomes_cli_test.cc) with its four periods:
// the report's outcome files are what `mhpbr outcomes --by-cluster` and
// `--indicators` write, byte for byte. The bed days' ward is not in the
// unit costs (rejected for costing) but the stays still count, as in
// `mhpbr outcomes`.
TEST(ReportCliTest, OutcomesFilesAsTheOutcomesCommandWritesThem) {
  const std::string data = kRoot + "/tests/data/outcomes";
  const std::string dir = TempDir("outcomes");
  const ProcessResult r = RunTool(
      {"report", "--periods", kFixtures + "/outcomes_periods.csv", "--activity",
       data + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
       "2023-12-31", "--assessments", data + "/assessments.csv", "--events",
       data + "/events.csv", "--out", dir + "/r.html", "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(dir + "/outcomes_by_cluster.csv"),
            "cluster,periods,paired,improved,no_change,deteriorated,"
            "mean_change\n"
            "1,1,0,0,0,0,\n"
            "3,1,0,0,0,0,\n"
            "11,1,1,1,0,0,-10.0000\n"
            "14,1,1,0,0,1,10.0000\n");
  EXPECT_EQ(Slurp(dir + "/outcome_indicators.csv"),
            "indicator,numerator,denominator,value_ppm\n"
            "valid_mhct_at_allocation,3,4,750000\n"
            "paired_completeness,2,4,500000\n"
            "reliably_improved,1,2,500000\n"
            "reviews_on_time,2,5,400000\n"
            "follow_up_7_days,1,2,500000\n");
  const ProcessResult o =
      RunTool({"outcomes", "--events", data + "/events.csv", "--assessments",
               data + "/assessments.csv", "--activity", data + "/activity.csv",
               "--as-of", "2023-12-31", "--indicators", dir + "/ind.csv",
               "--by-cluster", dir + "/by.csv"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(Slurp(dir + "/outcomes_by_cluster.csv"), Slurp(dir + "/by.csv"));
  EXPECT_EQ(Slurp(dir + "/outcome_indicators.csv"), Slurp(dir + "/ind.csv"));

  const std::string html = Slurp(dir + "/r.html");
  EXPECT_THAT(html, HasSubstr("<h2>4. Outcomes</h2>"));
  // Paired periods in clusters 11 (-10) and 14 (+10): one box each.
  EXPECT_THAT(html, HasSubstr("<g><title>11: n=1, min -10, p25 -10, median "
                              "-10, p75 -10, max -10</title>"));
  EXPECT_THAT(html, HasSubstr("<g><title>14: n=1, min 10, p25 10, median 10, "
                              "p75 10, max 10</title>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>reviews_on_time</td><td>2</td><td>5"
                              "</td><td>40.0%</td></tr>"));
  EXPECT_THAT(html, HasSubstr("a change of at least 8 points"));
  EXPECT_THAT(html, Not(HasSubstr("Outcomes were not measured")));
}

// Events with team and commissioner columns (units_events.csv, figures
// worked out in tests/outcomes/outcomes_cli_test.cc): the report adds
// outcomes_by_team.csv and outcomes_by_commissioner.csv as `mhpbr outcomes
// --by-team` and `--by-commissioner` write them, and a table of each; the
// events of the test above have neither column, and so neither file.
TEST(ReportCliTest, OutcomesByTeamAndCommissionerWhenTheEventsHaveThem) {
  const std::string data = kRoot + "/tests/data/outcomes";
  const std::string dir = TempDir("outcomes_units");
  const ProcessResult r = RunTool(
      {"report", "--periods", kFixtures + "/outcomes_periods.csv", "--activity",
       data + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
       "2023-12-31", "--assessments", data + "/units_assessments.csv",
       "--events", data + "/units_events.csv", "--out", dir + "/r.html",
       "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(dir + "/outcomes_by_team.csv"),
            "team,periods,paired,improved,no_change,deteriorated,mean_change\n"
            "T1,1,1,1,0,0,-10.0000\n"
            "T2,2,2,0,1,1,6.0000\n"
            ",1,0,0,0,0,\n");
  const ProcessResult o = RunTool(
      {"outcomes", "--events", data + "/units_events.csv", "--assessments",
       data + "/units_assessments.csv", "--as-of", "2023-12-31", "--out",
       dir + "/o.csv", "--by-commissioner", dir + "/by.csv"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(Slurp(dir + "/outcomes_by_commissioner.csv"),
            Slurp(dir + "/by.csv"));
  const std::string html = Slurp(dir + "/r.html");
  EXPECT_THAT(html, HasSubstr("<tr><td>T2</td><td>2</td><td>2</td><td>0</td>"
                              "<td>1</td><td>1</td><td>6.00</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<th>commissioner</th>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>(none)</td><td>1</td><td>0</td>"));

  const std::string plain = TempDir("outcomes_no_units");
  ASSERT_EQ(
      RunTool({"report", "--periods", kFixtures + "/outcomes_periods.csv",
               "--activity", data + "/activity.csv", "--unit-costs", kUnitCosts,
               "--as-of", "2023-12-31", "--assessments",
               data + "/assessments.csv", "--events", data + "/events.csv",
               "--out", plain + "/r.html", "--csv-dir", plain})
          .exit_code,
      0);
  EXPECT_TRUE(Exists(plain + "/outcomes_by_cluster.csv"));
  EXPECT_FALSE(Exists(plain + "/outcomes_by_team.csv"));
  EXPECT_FALSE(Exists(plain + "/outcomes_by_commissioner.csv"));
  EXPECT_THAT(Slurp(plain + "/r.html"), Not(HasSubstr("<th>team</th>")));
}

// Without --events (or --assessments) no outcome files, and the section
// says why.
TEST(ReportCliTest, OutcomesNotMeasuredWithoutEvents) {
  const std::string data = kRoot + "/tests/data/outcomes";
  const std::string dir = TempDir("no_outcomes");
  const ProcessResult r = RunTool(
      {"report", "--periods", kFixtures + "/outcomes_periods.csv", "--activity",
       data + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
       "2023-12-31", "--assessments", data + "/assessments.csv", "--out",
       dir + "/r.html", "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Exists(dir + "/outcomes_by_cluster.csv"));
  EXPECT_FALSE(Exists(dir + "/outcome_indicators.csv"));
  EXPECT_THAT(Slurp(dir + "/r.html"),
              HasSubstr("Outcomes were not measured: no events were given "
                        "(--events)."));
}

TEST(ReportCliTest, ProviderColumnFiguresByHand) {
  const std::string dir = TempDir("provider");
  const ProcessResult r = RunTool(
      {"report", "--periods", kFixtures + "/provider_periods.csv", "--activity",
       kFixtures + "/provider_activity.csv", "--unit-costs", kUnitCosts,
       "--as-of", kAsOf, "--out", dir + "/r.html", "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto sum = ReadSummary(dir + "/summary.csv");
  const std::map<std::string, std::string> want = {
      {"as_of", "2024-03-31"},
      {"r_squared_per_period", "1.0000"},
      {"r_squared_per_day", "1.0000"},
      {"r_squared_per_period_non_psychotic", "1.0000"},
      {"r_squared_per_day_non_psychotic", "1.0000"},
      {"r_squared_per_period_psychotic", ""},
      {"r_squared_per_day_psychotic", ""},
      {"r_squared_per_period_organic", ""},
      {"r_squared_per_day_organic", ""},
      {"patients", "4"},
      {"patients_in_clusters", "2"},
      {"patients_only_cluster_0", "1"},
      {"patients_unclustered", "1"},
      {"share_patients_in_clusters", "0.5000"},
      {"share_patients_only_cluster_0", "0.2500"},
      {"share_patients_unclustered", "0.2500"},
      {"periods", "4"},
      {"periods_in_clusters", "3"},
      {"periods_cluster_0", "1"},
      {"share_periods_in_clusters", "0.7500"},
      {"share_periods_cluster_0", "0.2500"},
      {"periods_without_activity", "1"},
      {"share_periods_without_activity", "0.2500"},
      {"activity_records", "6"},
      {"activity_rejected", "1"},
      {"activity_without_period", "2"},
      {"share_activity_without_period", "0.4000"},
      {"clustered_pence", "9617"},
      {"unclustered_pence", "4602"},
      {"total_pence", "14219"},
  };
  EXPECT_EQ(sum, want);
  EXPECT_EQ(Slurp(dir + "/coverage_by_team.csv"),
            "team,patients,patients_in_clusters,patients_only_cluster_0,"
            "patients_unclustered\n"
            "St Mary's,1,1,0,0\n"
            "Trust B,3,1,1,1\n");
  // Per period and per day, one period each: sd and cv empty.
  EXPECT_EQ(Slurp(dir + "/homogeneity.csv"),
            "cluster,measure,periods,mean,median,sd,cv,p5,p25,p75,p95\n"
            "0,per_day,1,26.4483,26.4483,,,26.4483,26.4483,26.4483,26.4483\n"
            "0,per_period,1,2301.0000,2301.0000,,,2301.0000,2301.0000,"
            "2301.0000,2301.0000\n"
            "1,per_day,1,613.6000,613.6000,,,613.6000,613.6000,613.6000,"
            "613.6000\n"
            "1,per_period,1,6136.0000,6136.0000,,,6136.0000,6136.0000,"
            "6136.0000,6136.0000\n"
            "2,per_day,1,14.5679,14.5679,,,14.5679,14.5679,14.5679,14.5679\n"
            "2,per_period,1,1180.0000,1180.0000,,,1180.0000,1180.0000,"
            "1180.0000,1180.0000\n"
            "11,per_day,1,0.0000,0.0000,,,0.0000,0.0000,0.0000,0.0000\n"
            "11,per_period,1,0.0000,0.0000,,,0.0000,0.0000,0.0000,0.0000\n");
  const std::string html = Slurp(dir + "/r.html");
  // The provider's name is escaped in the page.
  EXPECT_THAT(html, HasSubstr("<tr><td>St Mary&#39;s</td><td>1</td>"
                              "<td>100.0%</td><td>0.0%</td><td>0.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>Trust B</td><td>3</td><td>33.3%</td>"
                              "<td>33.3%</td><td>33.3%</td>"));
  // 4 clusters, both measures: 8 boxes.
  EXPECT_EQ(CountOf(html.substr(0, html.find(kSpcSection)), "<g><title>"), 8);
  EXPECT_THAT(html, HasSubstr("No events were given"));
}

// Clustering consistency on hand-made extracts (tests/data/report/
// consistency_*.csv, as of 2023-12-31, the protocol of transitions.
// textproto: only 1 -> 2 and 2 -> 1, moves with 0 always allowed).
//
// Assessments: the rule set's worked examples suggest their own cluster
// (E1 -> 1, E3 -> 3, E11 -> 11, as `mhpbr classify` says of the same file);
// a8 has no rating known, so too few: suggested 0. (allocated, suggested):
//   a1 (1,1) T1 Dr A    a2 (1,1) T1 Dr A    a3 (3,1) T1 Dr B
//   a4 (3,3) T2 Dr B    a5 (3,3) T2 Dr A    a6 (11,11) T2 Dr B
//   a7 (3,11) T2 -      a8 (0,0) - Dr A     a11 (1,1) T1 Dr C
// a9 has no allocation and a10 is rejected (r1 = 7): neither counts.
// Overall n = 9, agree 7: 777777.8 -> 777778 ppm. Allocated 0:1 1:3 3:4
// 11:1, suggested 0:1 1:4 3:2 11:2: sum a_k s_k = 1 + 12 + 8 + 2 = 23;
// kappa = (9 * 7 - 23) / (81 - 23) = 40/58 = 0.68965 -> 0.6897.
// Dr A: 4, all agree, margins equal 0:1 1:2 3:1: sum 6, (16 - 6) / (16 -
//   6) = 1. Dr B: 3, agree 2 (666667); allocated 3:2 11:1, suggested 1:1
//   3:1 11:1: sum 3, (3 * 2 - 3) / (9 - 3) = 0.5. Dr C: 1 of 1, pe = 1:
//   kappa empty. T1: a1 a2 a3 a11, agree 3 (750000); allocated 1:3 3:1,
//   suggested 1:4: sum 12, (4 * 3 - 12) / (16 - 12) = 0. T2: a4-a7, agree
//   3; allocated 3:3 11:1, suggested 3:2 11:2: sum 8, (12 - 8) / 8 = 0.5.
// Periods: P1 1 -> 2 (allowed) -> 0 (to 0); P2 11 -> 4 (outside); P3's
//   two periods (given latest first) leave a month's gap: no move; P4 0 ->
//   1 (from 0); P5 1 -> 2.
// Mix: 2022/23 (earliest start 2022-04-10) holds P1 1, P1 2, P2 11, P3 3,
//   P3 1 (ends 2023-03-31), P4 0, P4 1: 7, so 1/7 -> 142857, 3/7 ->
//   428571. 2023/24: P1 2, P1 0, P2 11, P2 4, P5 1, P5 2: 6, so 1/6 ->
//   166667, 2/6 -> 333333; changes 166667 - 142857 = 23810, 166667 -
//   428571 = -261904, 333333 - 142857 = 190476, 0 - 142857 = -142857, and
//   cluster 4 166667 - 0.
TEST(ReportCliTest, ClusteringConsistencyByHand) {
  const std::string dir = TempDir("consistency");
  const ProcessResult r =
      RunTool({"report", "--periods", kFixtures + "/consistency_periods.csv",
               "--activity", kFixtures + "/consistency_activity.csv",
               "--unit-costs", kUnitCosts, "--as-of", "2023-12-31",
               "--assessments", kFixtures + "/consistency_assessments.csv",
               "--transitions", kFixtures + "/transitions.textproto", "--out",
               dir + "/r.html", "--csv-dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("a10"));
  EXPECT_EQ(Slurp(dir + "/agreement.csv"),
            "allocated,suggested,assessments\n"
            "0,0,1\n1,1,3\n3,1,1\n3,3,2\n3,11,1\n11,11,1\n");
  const auto sum = ReadSummary(dir + "/summary.csv");
  EXPECT_EQ(sum.at("agreement_assessments"), "9");
  EXPECT_EQ(sum.at("agreement_ppm"), "777778");
  EXPECT_EQ(sum.at("agreement_kappa"), "0.6897");
  EXPECT_EQ(Slurp(dir + "/agreement_by_group.csv"),
            "group_kind,group,assessments,agreement_ppm,kappa\n"
            "clinician,Dr A,4,1000000,1.0000\n"
            "clinician,Dr B,3,666667,0.5000\n"
            "clinician,Dr C,1,1000000,\n"
            "team,T1,4,750000,0.0000\n"
            "team,T2,4,750000,0.5000\n");
  EXPECT_EQ(Slurp(dir + "/transitions.csv"),
            "from,to,moves,in_protocol\n"
            "0,1,1,y\n1,2,2,y\n2,0,1,y\n11,4,1,n\n");
  EXPECT_EQ(Slurp(dir + "/cluster_mix.csv"),
            "year,cluster,periods,share_ppm,change_ppm\n"
            "2022/23,0,1,142857,\n"
            "2022/23,1,3,428571,\n"
            "2022/23,2,1,142857,\n"
            "2022/23,3,1,142857,\n"
            "2022/23,4,0,0,\n"
            "2022/23,11,1,142857,\n"
            "2023/24,0,1,166667,23810\n"
            "2023/24,1,1,166667,-261904\n"
            "2023/24,2,2,333333,190476\n"
            "2023/24,3,0,0,-142857\n"
            "2023/24,4,1,166667,166667\n"
            "2023/24,11,1,166667,23810\n");
  const std::string html = Slurp(dir + "/r.html");
  EXPECT_THAT(html, HasSubstr("<h2>5. Clustering consistency</h2>"));
  EXPECT_THAT(html, HasSubstr("aria-label=\"Allocated against suggested "
                              "cluster (9 assessments)\""));
  EXPECT_THAT(html, HasSubstr("7 of 9 allocations agree (77.8%); Cohen's "
                              "kappa 0.6897"));
  EXPECT_THAT(html, HasSubstr("aria-label=\"Moves between clusters at review "
                              "(5 moves, 1 outside the protocol)\""));
  // The one move outside the protocol and its legend key outlined red.
  EXPECT_EQ(CountOf(html, "stroke=\"#d5281b\""), 2);
  EXPECT_THAT(html, HasSubstr("<tr><td>Dr C</td><td>1</td><td>100.0%</td>"
                              "<td>n/a</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>4</td><td>0</td><td>0.0%</td><td>1"
                              "</td><td>16.7%</td><td>+16.7 pp</td></tr>"));
  // Every cluster code labels each map's rows and columns: 21 x 2 x 2.
  EXPECT_EQ(CountOf(html, "text-anchor=\"end\">21</text>"), 2);
  EXPECT_EQ(CountOf(html, "\" y=\"58\" text-anchor=\"middle\">21</text>"), 2);

  // Without a team or clinician column, no agreement_by_group.csv; without
  // assessments, no agreement figures at all, but the moves and the mix.
  const std::string bare = TempDir("consistency_bare");
  const ProcessResult b =
      RunTool({"report", "--periods", kFixtures + "/consistency_periods.csv",
               "--activity", kFixtures + "/consistency_activity.csv",
               "--unit-costs", kUnitCosts, "--as-of", "2023-12-31", "--out",
               bare + "/r.html", "--csv-dir", bare});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_FALSE(Exists(bare + "/agreement.csv"));
  EXPECT_FALSE(Exists(bare + "/agreement_by_group.csv"));
  EXPECT_EQ(ReadSummary(bare + "/summary.csv").count("agreement_kappa"), 0u);
  // The default protocol allows 11 -> 4.
  EXPECT_THAT(Slurp(bare + "/transitions.csv"), HasSubstr("11,4,1,y\n"));
  EXPECT_EQ(Slurp(bare + "/cluster_mix.csv"), Slurp(dir + "/cluster_mix.csv"));
  EXPECT_THAT(Slurp(bare + "/r.html"),
              HasSubstr("agreement between allocated and suggested clusters "
                        "is not measured"));
}

// ---------------------------------------------------------------------
// Progress on standard error, and memory that does not grow with the
// activity.

// Writes `rows` activity rows of patient P1 (period from 2024-01-01), cost
// 100p each ("other"), starting at id `first`.
std::string ActivityRows(int64_t first, int64_t rows) {
  std::string out;
  out.reserve(static_cast<size_t>(rows) * 40);
  for (int64_t i = first; i < first + rows; ++i) {
    absl::StrAppend(&out, "A", i, ",P", i % 1000, ",2024-0", 1 + i % 3,
                    "-15,other,,,,,,100,team", i % 7, "\n");
  }
  return out;
}

constexpr char kActivityHeader[] =
    "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
    "attendees,cost_pence,team\n";

// 1000 people, each with one period of cluster 1-8 from 1 Jan 2024.
std::string ManyPeriods() {
  std::string out = "patient_id,cluster,start,end\n";
  for (int i = 0; i < 1000; ++i) {
    absl::StrAppend(&out, "P", i, ",", 1 + i % 8, ",2024-01-01,\n");
  }
  return out;
}

void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      ADD_FAILURE() << "write to the tool failed";
      return;
    }
    done += static_cast<size_t>(n);
  }
}

// While alive, a write to a pipe whose reader (the tool) has gone fails
// with EPIPE, reported by WriteAll, instead of killing the test with
// SIGPIPE. Children get the default action back before exec.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() : old_(std::signal(SIGPIPE, SIG_IGN)) {}
  ~IgnoreSigpipe() { std::signal(SIGPIPE, old_); }

 private:
  void (*old_)(int);
};

TEST(ReportCliTest, ShowsProgressOnATerminal) {
  // The activity comes through a pipe on standard input ("-"); standard
  // error is a pseudo-terminal. 70,000 rows, a pause of 1.5 s, then 70,000
  // more: past the first second, the tool must say how far it has got.
  const std::string dir = TempDir("progress");
  WriteFile(dir + "/periods.csv", ManyPeriods());
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(master, 0);
  ASSERT_EQ(grantpt(master), 0);
  ASSERT_EQ(unlockpt(master), 0);
  const std::string slave_name = ptsname(master);
  const int slave = open(slave_name.c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(slave, 0);
  int in[2];
  ASSERT_EQ(pipe(in), 0);
  const IgnoreSigpipe ignore_sigpipe;
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &pipe_signal);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, slave, 2);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  posix_spawn_file_actions_addclose(&actions, master);
  const std::vector<std::string> argv = {
      kTool,        "report", "--periods",    dir + "/periods.csv",
      "--activity", "-",      "--unit-costs", kUnitCosts,
      "--as-of",    kAsOf,    "--out",        dir + "/r.html"};
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(
      posix_spawn(&pid, kTool.c_str(), &actions, &attr, args.data(), environ),
      0);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(in[0]);
  close(slave);
  std::string terminal;
  std::thread reader([&] {
    char buf[4096];
    for (;;) {
      const ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break;  // EIO once the child has closed the terminal
      terminal.append(buf, static_cast<size_t>(n));
    }
  });
  WriteAll(in[1], kActivityHeader);
  WriteAll(in[1], ActivityRows(0, 70000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  WriteAll(in[1], ActivityRows(70000, 70000));
  close(in[1]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  reader.join();
  close(master);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << terminal;
  EXPECT_THAT(terminal, HasSubstr("rows read...")) << terminal;
  // The progress line is cleared before the summary.
  EXPECT_THAT(terminal, HasSubstr("\r\033[K")) << terminal;
  EXPECT_THAT(terminal, HasSubstr("141000 read, 141000 ok, 0 rejected"));
}

TEST(ReportCliTest, NoProgressWhenNotATerminal) {
  const std::string dir = TempDir("quiet");
  WriteFile(dir + "/periods.csv", ManyPeriods());
  WriteFile(dir + "/activity.csv", kActivityHeader + ActivityRows(0, 140000));
  const ProcessResult r =
      RunTool({"report", "--periods", dir + "/periods.csv", "--activity",
               dir + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
               kAsOf, "--out", dir + "/r.html"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "141000 read, 141000 ok, 0 rejected\n");
}

#if defined(__SANITIZE_ADDRESS__)
#define MHPBR_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MHPBR_UNDER_ASAN 1
#endif
#endif

#ifndef MHPBR_UNDER_ASAN
// Peak RSS of the tool reading `rows` activity rows through a pipe, in kB.
// fork() rather than posix_spawn(): a child that execs from the parent's
// address space (vfork, as posix_spawn does) inherits the parent's
// lifetime peak RSS in its ru_maxrss, and a forked child its current RSS;
// so the rows are written in small chunks to keep this process small.
long PeakRssKb(const std::string& dir, int64_t rows) {
  int in[2];
  EXPECT_EQ(pipe(in), 0);
  const IgnoreSigpipe ignore_sigpipe;
  const std::vector<std::string> argv = {
      kTool,        "report",    "--periods",    dir + "/periods.csv",
      "--activity", "-",         "--unit-costs", kUnitCosts,
      "--as-of",    kAsOf,       "--out",        dir + "/r.html",
      "--csv-dir",  dir + "/csv"};
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec.
    std::signal(SIGPIPE, SIG_DFL);
    const int null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(in[0], 0) < 0 || dup2(null, 1) < 0 ||
        dup2(null, 2) < 0) {
      _exit(127);
    }
    close(in[0]);
    close(in[1]);
    close(null);
    execv(args[0], args.data());
    _exit(127);
  }
  EXPECT_GT(pid, 0);
  close(in[0]);
  WriteAll(in[1], kActivityHeader);
  constexpr int64_t kChunk = 10000;
  for (int64_t done = 0; done < rows; done += kChunk) {
    WriteAll(in[1], ActivityRows(done, std::min(kChunk, rows - done)));
  }
  close(in[1]);
  int status = 0;
  struct rusage usage = {};
  EXPECT_EQ(wait4(pid, &status, 0, &usage), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return usage.ru_maxrss;
}

#endif  // MHPBR_UNDER_ASAN

TEST(ReportCliTest, MemoryDoesNotGrowWithActivity) {
#ifdef MHPBR_UNDER_ASAN
  GTEST_SKIP() << "AddressSanitizer's quarantine holds freed memory: peak "
                  "RSS says nothing about streaming under it";
#else
  const std::string dir = TempDir("memory");
  WriteFile(dir + "/periods.csv", ManyPeriods());
  const long small = PeakRssKb(dir, 100000);
  const long large = PeakRssKb(dir, 1000000);
  std::printf(
      "peak RSS: %ld kB at 100,000 activity rows, %ld kB at 1,000,000\n", small,
      large);
  // Ten times the records, the same 1000 people and 7 teams: a streaming
  // reader's peak stays put (allow 4 MB of allocator noise; holding the
  // 900,000 extra rows would take tens of MB).
  EXPECT_LT(large - small, 4096) << "peak RSS " << small << " kB at 100k rows, "
                                 << large << " kB at 1M rows";
#endif
}

// The report's SPC files (the sample run) are what `mhpbr spc` writes for
// the same series: each series' months and values fed back through `mhpbr
// spc` with the report's directions (cost and allocations neutral, the
// shares up) give the same rows (`mhpbr spc` orders series by name, so
// the lines are compared sorted), and the page draws one chart per series.
// With events, reviews on time; with events and assessments, the outcome
// indicators over periods (the sample has no paired period that ended, so
// reliably_improved_ppm has no month and is named, not charted) and
// follow_up_7_days over the sample's inpatient stays.
TEST(ReportCliTest, SpcFilesAsTheSpcCommandWritesThem) {
  const SampleRun& s = Sample();
  ASSERT_EQ(s.result.exit_code, 0) << s.result.err;
  const Csv points = ReadCsv(s.dir + "/csv/spc_points.csv");
  std::string series = "series,month,value,direction\n";
  std::set<std::string> names;
  for (const auto& row : points.rows) {
    const std::string& name = row.at("series");
    names.insert(name);
    absl::StrAppend(&series, name, ",", row.at("month"), ",", row.at("value"),
                    ",", absl::EndsWith(name, "_ppm") ? "up" : "neutral", "\n");
  }
  EXPECT_EQ(names,
            (std::set<std::string>{
                "allocations", "agreement_ppm", "cost_per_cluster_day_pence",
                "reviews_on_time_ppm", "valid_mhct_at_allocation_ppm",
                "paired_completeness_ppm", "follow_up_7_days_ppm"}));
  EXPECT_THAT(s.html, HasSubstr("<td>reliably_improved_ppm</td>"));
  const std::string dir = TempDir("spc");
  WriteFile(dir + "/series.csv", series);
  const ProcessResult r =
      RunTool({"spc", "--in", dir + "/series.csv", "--out", dir + "/p.csv",
               "--summary", dir + "/s.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto sorted = [](const std::string& text) {
    std::vector<std::string> lines = Lines(text);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  EXPECT_EQ(sorted(Slurp(s.dir + "/csv/spc_points.csv")),
            sorted(Slurp(dir + "/p.csv")));
  EXPECT_EQ(sorted(Slurp(s.dir + "/csv/spc_summary.csv")),
            sorted(Slurp(dir + "/s.csv")));
  EXPECT_THAT(s.html, HasSubstr(kSpcSection));
  for (const std::string& name : names) {
    EXPECT_THAT(s.html, HasSubstr(absl::StrCat(name, " ("))) << name;
  }
}

// Under --suppress each SPC point is judged by its own counts: a cost per
// cluster day is money, written as it is unless fewer than 5 periods have
// days in its month; a count is `*` or a multiple of 5; a series' mean and
// limits are `*` once any of its points is.
TEST(ReportCliTest, SuppressedSpcPointsKeepWhatTheirCountsAllow) {
  const SampleRun& s = Sample();
  ASSERT_EQ(s.result.exit_code, 0) << s.result.err;
  const std::string dir = TempDir("spc_suppressed");
  const ProcessResult r = RunTool(
      {"report", "--periods", kExamples + "/periods.csv", "--activity",
       kExamples + "/activity.csv", "--unit-costs", kUnitCosts, "--as-of",
       kAsOf, "--assessments", kExamples + "/assessments.csv", "--events",
       kExamples + "/events.csv", "--out", dir + "/report.html", "--csv-dir",
       dir + "/csv", "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Csv plain = ReadCsv(s.dir + "/csv/spc_points.csv");
  const Csv hidden = ReadCsv(dir + "/csv/spc_points.csv");
  ASSERT_EQ(plain.rows.size(), hidden.rows.size());
  std::map<std::string, bool> any_hidden;
  int cost_written = 0;
  for (size_t i = 0; i < plain.rows.size(); ++i) {
    const auto& p = plain.rows[i];
    const auto& h = hidden.rows[i];
    const std::string& series = h.at("series");
    ASSERT_EQ(series, p.at("series"));
    ASSERT_EQ(h.at("month"), p.at("month"));
    const std::string& value = h.at("value");
    any_hidden[series] = any_hidden[series] || value == "*";
    if (value == "*") continue;
    if (series == "allocations") {
      double n = 0;
      ASSERT_TRUE(absl::SimpleAtod(value, &n)) << value;
      EXPECT_EQ(static_cast<int64_t>(n) % 5, 0) << value;
    } else {
      EXPECT_EQ(value, p.at("value")) << series << " " << h.at("month");
      cost_written += series == "cost_per_cluster_day_pence";
    }
  }
  // The sample's busier months (2023-07 on) have 5 periods or more.
  EXPECT_GT(cost_written, 0);
  for (size_t i = 0; i < hidden.rows.size(); ++i) {
    const auto& h = hidden.rows[i];
    const bool starred = any_hidden[h.at("series")];
    EXPECT_EQ(h.at("mean") == "*", starred) << h.at("series");
    if (!starred) {
      EXPECT_EQ(h.at("mean"), plain.rows[i].at("mean"));
    }
  }
}

}  // namespace
}  // namespace mhpbr::report_test
