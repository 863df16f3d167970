// The report's monthly SPC series (Report::spc, report_spc.h) on a small
// data set worked out by hand: cost per cluster day, allocations (from
// period starts and from events) and agreement per month, their CSV tables
// in the columns of `mhpbr spc`, the HTML charts, a series too short to
// chart, and the suppressed tables.

#include "lib/analysis/report_spc.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/analysis/svg_format.h"
#include "mhpbr/classifier.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/monthly_tally.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/report_suppression.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/spc.h"
#include "tests/analysis/report_activity_feed.h"
#include "tests/analysis/report_table_lookup.h"
#include "tests/periods/review_events.h"

namespace mhpbr {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Cluster C(int code) { return *Cluster::FromCode(code); }
absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// As of 2024-03-31 (2024 is a leap year):
//  P1 cluster 11 2024-01-30..2024-02-02: 2 days in Jan, 2 in Feb.
//  P2 cluster 3  2024-02-01..2024-02-29: 29 days in Feb.
//  P3 cluster 3  2024-03-30, open: 2 days in Mar (to the as-of date).
// Contacts at 6000 pence an hour: P1 2024-01-31 30 min = 3000; P1
// 2024-02-01 10 min = 1000; P2 2024-02-10 60 min = 6000; Q (no period)
// 2024-03-05 60 min = 6000, unclustered, so in no month.
//  cost per cluster day: Jan 3000 / 2 = 1500.0000; Feb 7000 / 31 =
//    225.80645.. -> 225.8065; Mar 0 / 2 = 0.0000.
//  allocations from the period starts: Jan 1, Feb 1, Mar 1.
const absl::CivilDay kAsOf(2024, 3, 31);

std::vector<PeriodToPrice> Periods() {
  return {{"P1", C(11), D(2024, 1, 30), absl::CivilDay(2024, 2, 2), 2},
          {"P2", C(3), D(2024, 2, 1), absl::CivilDay(2024, 2, 29), 3},
          {"P3", C(3), D(2024, 3, 30), std::nullopt, 4}};
}

ActivityRecord Contact(const std::string& patient, absl::CivilDay day,
                       int minutes, int64_t line) {
  ActivityRecord r;
  r.activity_id = absl::StrCat("C", line);
  r.patient_id = patient;
  r.date = day;
  r.kind = ActivityKind::kContact;
  r.staff_group = "nurse_b6";
  r.minutes = minutes;
  r.line = line;
  return r;
}

struct Options {
  bool assessments = false;
  bool events = false;
};

Options With(bool assessments, bool events) {
  Options o;
  o.assessments = assessments;
  o.events = events;
  return o;
}

Report Build(const Options& o) {
  auto rules = DefaultRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status();
  auto costs = ParseUnitCostsText(
      "source: \"test\" staff { code: \"nurse_b6\" pence_per_hour: 6000 }",
      "costs");
  EXPECT_TRUE(costs.ok()) << costs.status();
  auto b = ReportBuilder::Create(Periods(), kAsOf, *rules,
                                 (*rules)->transitions(), *costs);
  EXPECT_TRUE(b.ok()) << b.status();
  const std::vector<ActivityRecord> activity = {
      Contact("P1", D(2024, 1, 31), 30, 2), Contact("P1", D(2024, 2, 1), 10, 3),
      Contact("P2", D(2024, 2, 10), 60, 4), Contact("Q", D(2024, 3, 5), 60, 5)};
  AddActivityRecords(**b, activity);
  if (o.assessments) {
    // Allocated to the suggested cluster (agrees) or to another one.
    const Classifier classifier(*rules);
    auto assess = [&](absl::CivilDay day, bool agree) {
      AssessmentRecord a;
      a.patient_id = "P1";
      a.date = day;
      for (int i = 0; i < 12; ++i)
        EXPECT_TRUE(a.ratings.Set(ItemAt(i), 2).ok());
      const Cluster suggested = classifier.Classify(a.ratings).suggested;
      a.ratings.set_allocated(agree               ? suggested
                              : suggested == C(3) ? C(4)
                                                  : C(3));
      (*b)->AddAssessment(a);
    };
    // Jan: 1 of 2 agree = 500000 ppm; Feb: 1 of 1 = 1000000 ppm; Mar: an
    // assessment with no allocation, so no value; bare ratings (no date)
    // count for no month.
    assess(D(2024, 1, 3), true);
    assess(D(2024, 1, 20), false);
    assess(D(2024, 2, 7), true);
    AssessmentRecord none;
    none.date = absl::CivilDay(2024, 3, 1);
    (*b)->AddAssessment(none);
    MhctRatings bare;
    bare.set_allocated(C(3));
    (*b)->AddAssessment(bare);
  }
  if (o.events) {
    // Allocations by their dates: Jan 2 (one a review), Mar 1; a discharge
    // is none.
    const std::vector<PeriodEvent> events = {
        {"P1", D(2024, 1, 30), EventKind::kAllocate, C(11), 2},
        {"P1", D(2024, 1, 31), EventKind::kAllocate, C(11), 3},
        {"P1", D(2024, 2, 2), EventKind::kDischarge, C(0), 4},
        {"P3", D(2024, 3, 30), EventKind::kAllocate, C(3), 5}};
    EXPECT_TRUE((*b)->SetEvents(events).empty());
  }
  return (*b)->Finish();
}

std::vector<std::string> Column(const ReportTable& t, const std::string& series,
                                size_t column) {
  std::vector<std::string> out;
  for (const std::vector<std::string>& row : t.rows) {
    if (row[0] == series) out.push_back(row[column]);
  }
  return out;
}

// A month's days and periods, as a pair; (0, 0) when the month is absent.
std::pair<int64_t, int64_t> DaysIn(
    const std::map<absl::CivilMonth, MonthDays>& days, int year, int month) {
  auto it = days.find(absl::CivilMonth(year, month));
  if (it == days.end()) return {0, 0};
  return {it->second.days, it->second.periods};
}
using Pair = std::pair<int64_t, int64_t>;

TEST(ReportSpcTest, ClusterDaysByMonthCountsBothEndsToTheAsOfDate) {
  std::vector<CostedPeriod> periods(3);
  for (size_t i = 0; i < 3; ++i) periods[i].period = Periods()[i];
  const auto days = ClusterDaysByMonth(periods, kAsOf, DayCount::kInclusive);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(DaysIn(days, 2024, 1), Pair(2, 1));
  EXPECT_EQ(DaysIn(days, 2024, 2), Pair(31, 2));  // 2 + 29
  EXPECT_EQ(DaysIn(days, 2024, 3), Pair(2, 1));
}

// Under NHS Digital's derivation a closed period's end day is not counted
// (as the period builder and the coster count days): P1 loses 2024-02-02
// (Feb 1 only), P2 loses 2024-02-29 (28 days); the open P3 still counts to
// the as-of date. A period ending the day it starts has no day, so no
// month; one ending on the 1st of a month is not in that month; one ending
// after the as-of date is cut there (and keeps its end day then).
TEST(ReportSpcTest, ClusterDaysByMonthFollowsTheRuleSetsDayCount) {
  std::vector<CostedPeriod> periods(6);
  for (size_t i = 0; i < 3; ++i) periods[i].period = Periods()[i];
  periods[3].period = {"P4", C(3), D(2024, 1, 10), D(2024, 1, 10), 5};
  periods[4].period = {"P5", C(3), D(2023, 11, 20), D(2023, 12, 1), 6};
  periods[5].period = {"P6", C(3), D(2024, 3, 31), D(2024, 4, 5), 7};
  const auto days = ClusterDaysByMonth(periods, kAsOf, DayCount::kMhsds);
  ASSERT_EQ(days.size(), 4u);
  // 2023-11-20..30 = 11 days; 2023-12-01 not counted.
  EXPECT_EQ(DaysIn(days, 2023, 11), Pair(11, 1));
  EXPECT_EQ(DaysIn(days, 2023, 12), Pair(0, 0));
  EXPECT_EQ(DaysIn(days, 2024, 1), Pair(2, 1));   // P1 Jan 30, 31
  EXPECT_EQ(DaysIn(days, 2024, 2), Pair(29, 2));  // 1 + 28
  // P3 Mar 30, 31 and P6 Mar 31.
  EXPECT_EQ(DaysIn(days, 2024, 3), Pair(3, 2));
}

// A period over a year's end and a leap February, stepped a month at a
// time: 2023-11-15..2024-03-03 is 16 (Nov 15-30) + 31 + 31 + 29 + 3 days.
// Added after a later period (2024-06-10..12: 3 days), so that its months
// come before the tally's first month; and an open period from
// 2024-03-31, cut at the as-of date 2024-06-30 (1 + 30 + 31 + 30 days).
TEST(ReportSpcTest, ClusterDaysStepMonthsAcrossYearsInAnyOrder) {
  const absl::CivilDay as_of = D(2024, 6, 30);
  ClusterDayTally tally(as_of, DayCount::kInclusive);
  tally.Add(D(2024, 6, 10), D(2024, 6, 12));
  tally.Add(D(2023, 11, 15), D(2024, 3, 3));
  tally.Add(D(2024, 3, 31), std::nullopt);
  const auto days = tally.ByMonth();
  ASSERT_EQ(days.size(), 8u);
  EXPECT_EQ(DaysIn(days, 2023, 11), Pair(16, 1));
  EXPECT_EQ(DaysIn(days, 2023, 12), Pair(31, 1));
  EXPECT_EQ(DaysIn(days, 2024, 1), Pair(31, 1));
  EXPECT_EQ(DaysIn(days, 2024, 2), Pair(29, 1));
  EXPECT_EQ(DaysIn(days, 2024, 3), Pair(4, 2));  // 3 + 1
  EXPECT_EQ(DaysIn(days, 2024, 4), Pair(30, 1));
  EXPECT_EQ(DaysIn(days, 2024, 5), Pair(31, 1));
  EXPECT_EQ(DaysIn(days, 2024, 6), Pair(33, 2));  // 3 + 30
}

// Months no period covers are left out, even between covered ones, and
// periods starting and ending in one month each count there: P1
// 2024-01-05..01-20 (16 days), P2 2024-01-31..02-02 (1 + 2), P3
// 2024-04-30..05-01 (1 + 1); March is covered by none.
TEST(ReportSpcTest, ClusterDaysLeaveOutMonthsNoPeriodCovers) {
  ClusterDayTally tally(D(2024, 6, 30), DayCount::kInclusive);
  tally.Add(D(2024, 4, 30), D(2024, 5, 1));
  tally.Add(D(2024, 1, 5), D(2024, 1, 20));
  tally.Add(D(2024, 1, 31), D(2024, 2, 2));
  const auto days = tally.ByMonth();
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(DaysIn(days, 2024, 1), Pair(17, 2));  // 16 + 1
  EXPECT_EQ(DaysIn(days, 2024, 2), Pair(2, 1));
  EXPECT_EQ(DaysIn(days, 2024, 3), Pair(0, 0));
  EXPECT_EQ(DaysIn(days, 2024, 4), Pair(1, 1));
  EXPECT_EQ(DaysIn(days, 2024, 5), Pair(1, 1));
  EXPECT_EQ(days.count(absl::CivilMonth(2024, 3)), 0u);
}

TEST(ReportSpcTest, MonthlyValuesAndTheirCharts) {
  const Report r = Build({});
  ASSERT_TRUE(r.spc_not_drawn.empty()) << r.spc_not_drawn;
  ASSERT_EQ(r.spc.size(), 2u);
  EXPECT_TRUE(r.spc_without_points.empty());
  const std::vector<ReportTable> tables = ReportTables(r);
  const ReportTable* points = Table(tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(points->columns,
              ElementsAre("series", "month", "value", "mean", "lpl", "upl",
                          "side", "outside", "run", "trend", "two_in_three",
                          "special_cause", "point_type"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 1),
              ElementsAre("2024-01", "2024-02", "2024-03"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 2),
              ElementsAre("1500.0000", "225.8065", "0.0000"));
  // mean (1500 + 225.8065 + 0) / 3 = 575.26883.. ; moving ranges
  // 1274.1935 and 225.8065, average 750 (none at or above 3.267 x 750);
  // limits 575.26883 -+ 2.66 x 750 = 1995.
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 3),
              ElementsAre("575.2688", "575.2688", "575.2688"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 4),
              ElementsAre("-1419.7312", "-1419.7312", "-1419.7312"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 5),
              ElementsAre("2570.2688", "2570.2688", "2570.2688"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 12),
              ElementsAre("common_cause", "common_cause", "common_cause"));
  // Allocations 1, 1, 1: mean 1, no moving range, limits on the mean.
  EXPECT_THAT(Column(*points, "allocations", 2),
              ElementsAre("1.0000", "1.0000", "1.0000"));
  EXPECT_THAT(Column(*points, "allocations", 6), ElementsAre("0", "0", "0"));

  const ReportTable* summary = Table(tables, "spc_summary.csv");
  ASSERT_NE(summary, nullptr);
  EXPECT_THAT(summary->columns,
              ElementsAre("series", "points", "mean", "lpl", "upl", "short",
                          "variation", "assurance"));
  ASSERT_EQ(summary->rows.size(), 2u);
  EXPECT_THAT(summary->rows[0],
              ElementsAre("cost_per_cluster_day_pence", "3", "575.2688",
                          "-1419.7312", "2570.2688", "y", "common_cause", ""));
  EXPECT_THAT(summary->rows[1],
              ElementsAre("allocations", "3", "1.0000", "1.0000", "1.0000", "y",
                          "common_cause", ""));

  const std::string html = RenderReportHtml(r);
  EXPECT_THAT(html, HasSubstr("<h2>Monthly measures (SPC)</h2>"));
  EXPECT_THAT(html, HasSubstr("cost_per_cluster_day_pence (3"));
  EXPECT_THAT(html, HasSubstr("allocations (3"));
  EXPECT_THAT(html, Not(HasSubstr("not charted")));
}

TEST(ReportSpcTest, AgreementAndAllocationsFromEvents) {
  const Report r = Build(With(true, true));
  // With events, reviews_on_time_ppm too: P1's review of 2024-01-31 is
  // on time (cluster 11 is due 12 months on, 2025-01-30), the only review
  // judged.
  ASSERT_EQ(r.spc.size(), 4u);
  EXPECT_EQ(r.spc[3].name, "reviews_on_time_ppm");
  ASSERT_EQ(r.spc[3].points.size(), 1u);
  EXPECT_EQ(r.spc[3].points[0].month, absl::CivilMonth(2024, 1));
  EXPECT_EQ(r.spc[3].points[0].value.units, 1000000);
  const std::vector<ReportTable> tables = ReportTables(r);
  const ReportTable* points = Table(tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(Column(*points, "allocations", 1),
              ElementsAre("2024-01", "2024-03"));
  EXPECT_THAT(Column(*points, "allocations", 2),
              ElementsAre("2.0000", "1.0000"));
  EXPECT_THAT(Column(*points, "agreement_ppm", 1),
              ElementsAre("2024-01", "2024-02"));
  EXPECT_THAT(Column(*points, "agreement_ppm", 2),
              ElementsAre("500000.0000", "1000000.0000"));
  // mean 750000; one moving range 500000; limits 750000 -+ 1330000.
  const ReportTable* summary = Table(tables, "spc_summary.csv");
  ASSERT_EQ(summary->rows.size(), 4u);
  EXPECT_THAT(summary->rows[2],
              ElementsAre("agreement_ppm", "2", "750000.0000", "-580000.0000",
                          "2080000.0000", "y", "common_cause", ""));
}

TEST(ReportSpcTest, ASeriesTooShortIsALineNotAChart) {
  const Report r = Build(With(true, false));
  // Agreement has Jan and Feb; make a one-month report instead by hand.
  Report one = r;
  one.spc.resize(1);
  one.spc[0].points.resize(1);
  one.spc_without_points = {"agreement_ppm"};
  const std::string html = RenderReportHtml(one);
  EXPECT_THAT(html, HasSubstr("<td>cost_per_cluster_day_pence</td><td>one "
                              "month with a value: too few to chart</td>"));
  EXPECT_THAT(html, HasSubstr("<td>agreement_ppm</td><td>no month with a "
                              "value: nothing to chart</td>"));
}

// Small counts: every period behind the cost (1, 2 and 1 a month) and every
// allocation (1 a month) is below 5, so every value is `*`, and with it each
// series' mean and limits.
TEST(ReportSpcTest, SuppressedTablesWithholdSmallCounts) {
  const Report r = Build({});
  ASSERT_EQ(r.spc_basis.size(), 2u);
  SuppressionRules rule;
  auto tables = SuppressedReportTables(r, rule);
  ASSERT_TRUE(tables.ok()) << tables.status();
  const ReportTable* points = Table(*tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(
      points->rows[0],
      ElementsAre("cost_per_cluster_day_pence", "2024-01", "*", "*", "*", "*",
                  "1", "n", "n", "n", "n", "n", "common_cause"));
  EXPECT_THAT(Column(*points, "allocations", 2), ElementsAre("*", "*", "*"));
  const ReportTable* summary = Table(*tables, "spc_summary.csv");
  EXPECT_THAT(summary->rows[1], ElementsAre("allocations", "3", "*", "*", "*",
                                            "y", "common_cause", ""));
}

// Charts whose points rest on counts set by hand (threshold 5, base 5):
//  allocations 12, 8, 20 -> 10, 10, 20 (rounded, none below 5): mean
//    40 / 3 = 13.3333; moving ranges 4 and 12, average 8; limits 13.3333
//    -+ 2.66 x 8 = 21.28: -7.9467 and 34.6133, written as they are.
//  agreement 3 of 10 (part below 5: `*`), 6 of 10 = 600000, 5 of 5 =
//    1000000: one point hidden, so the mean and limits of every row and of
//    the summary are `*`.
//  cost per cluster day 100.0000 over the days of 5 periods and 200.0000
//    over 40: money, written; mean 150.0000, limits 150 -+ 266 = -116 and
//    416.
//  reviews_on_time_ppm with no basis (as a report read back from its
//    proto): every figure `*`.
TEST(ReportSpcTest, SuppressedTablesJudgeEachPointByItsOwnCounts) {
  Report r = Build({});
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  const absl::CivilMonth jan(2024, 1), feb(2024, 2), mar(2024, 3);
  std::vector<SpcSeries> series(4);
  series[0].name = "allocations";
  series[0].months = {jan, feb, mar};
  series[0].values = {{12, 0}, {8, 0}, {20, 0}};
  series[1].name = "agreement_ppm";
  series[1].months = {jan, feb, mar};
  series[1].values = {{300000, 0}, {600000, 0}, {1000000, 0}};
  series[2].name = "cost_per_cluster_day_pence";
  series[2].months = {jan, feb};
  series[2].values = {{1000000, 4}, {2000000, 4}};
  series[3].name = "reviews_on_time_ppm";
  series[3].months = {jan, feb};
  series[3].values = {{1000000, 0}, {500000, 0}};
  auto charts = RunSpc(series, {}, (*rules)->spc());
  ASSERT_TRUE(charts.ok()) << charts.status();
  r.spc = *charts;
  r.spc_basis = {
      {"allocations", SpcBasisKind::kCount, {{0, 12}, {0, 8}, {0, 20}}},
      {"agreement_ppm", SpcBasisKind::kShare, {{3, 10}, {6, 10}, {5, 5}}},
      {"cost_per_cluster_day_pence",
       SpcBasisKind::kMoneyPerCount,
       {{10000, 5}, {80000, 40}}}};
  auto tables = SuppressedReportTables(r, SuppressionRules{});
  ASSERT_TRUE(tables.ok()) << tables.status();
  const ReportTable* points = Table(*tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(Column(*points, "allocations", 2),
              ElementsAre("10.0000", "10.0000", "20.0000"));
  EXPECT_THAT(Column(*points, "allocations", 3),
              ElementsAre("13.3333", "13.3333", "13.3333"));
  EXPECT_THAT(Column(*points, "allocations", 4),
              ElementsAre("-7.9467", "-7.9467", "-7.9467"));
  EXPECT_THAT(Column(*points, "allocations", 5),
              ElementsAre("34.6133", "34.6133", "34.6133"));
  EXPECT_THAT(Column(*points, "agreement_ppm", 2),
              ElementsAre("*", "600000.0000", "1000000.0000"));
  EXPECT_THAT(Column(*points, "agreement_ppm", 3), ElementsAre("*", "*", "*"));
  EXPECT_THAT(Column(*points, "agreement_ppm", 5), ElementsAre("*", "*", "*"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 2),
              ElementsAre("100.0000", "200.0000"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 3),
              ElementsAre("150.0000", "150.0000"));
  EXPECT_THAT(Column(*points, "cost_per_cluster_day_pence", 4),
              ElementsAre("-116.0000", "-116.0000"));
  EXPECT_THAT(Column(*points, "reviews_on_time_ppm", 2), ElementsAre("*", "*"));
  EXPECT_THAT(Column(*points, "reviews_on_time_ppm", 3), ElementsAre("*", "*"));
  const ReportTable* summary = Table(*tables, "spc_summary.csv");
  ASSERT_EQ(summary->rows.size(), 4u);
  EXPECT_THAT(summary->rows[0],
              ElementsAre("allocations", "3", "13.3333", "-7.9467", "34.6133",
                          "y", "common_cause", ""));
  EXPECT_THAT(summary->rows[1], ElementsAre("agreement_ppm", "3", "*", "*", "*",
                                            "y", "common_cause", ""));
  EXPECT_THAT(summary->rows[2],
              ElementsAre("cost_per_cluster_day_pence", "2", "150.0000",
                          "-116.0000", "416.0000", "y", "common_cause", ""));
  EXPECT_THAT(summary->rows[3], ElementsAre("reviews_on_time_ppm", "2", "*",
                                            "*", "*", "y", "common_cause", ""));
}

// The basis the report keeps: the periods with days in each month behind
// the cost (1, 2, 1), the allocations themselves, agreement's part and
// whole (Jan 1 of 2, Feb 1 of 1).
TEST(ReportSpcTest, TheReportKeepsWhatEachPointRestsOn) {
  const Report r = Build(With(true, false));
  ASSERT_EQ(r.spc_basis.size(), 3u);
  auto pairs = [](const SpcSeriesBasis& b) {
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const SpcPointBasis& p : b.points) out.emplace_back(p.part, p.whole);
    return out;
  };
  using P = std::pair<int64_t, int64_t>;
  EXPECT_EQ(r.spc_basis[0].kind, SpcBasisKind::kMoneyPerCount);
  EXPECT_THAT(pairs(r.spc_basis[0]),
              ElementsAre(P(3000, 1), P(7000, 2), P(0, 1)));
  EXPECT_EQ(r.spc_basis[1].kind, SpcBasisKind::kCount);
  EXPECT_THAT(pairs(r.spc_basis[1]), ElementsAre(P(0, 1), P(0, 1), P(0, 1)));
  EXPECT_EQ(r.spc_basis[2].kind, SpcBasisKind::kShare);
  EXPECT_THAT(pairs(r.spc_basis[2]), ElementsAre(P(1, 2), P(1, 1)));
}

// Reviews through the report builder: the events of review_months_test.cc
// (tests/periods) as of 2024-06-30 give Feb 1/1, Mar 1/1, Apr 0/1, May 2/3
// and Jun 0/1: 1000000, 1000000, 0, 666667 (2/3 = 666666.67, rounded half
// away from zero) and 0 ppm.
TEST(ReportSpcTest, ReviewsOnTimePerMonthFromTheEvents) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  auto costs = ParseUnitCostsText(
      "source: \"test\" staff { code: \"nurse_b6\" pence_per_hour: 6000 }",
      "costs");
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto b = ReportBuilder::Create(Periods(), review_events::kAsOf, *rules,
                                 (*rules)->transitions(), *costs);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE((*b)->SetEvents(review_events::Events()).empty());
  const Report r = (*b)->Finish();
  ASSERT_TRUE(r.spc_not_drawn.empty()) << r.spc_not_drawn;
  const std::vector<ReportTable> tables = ReportTables(r);
  const ReportTable* points = Table(tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(
      Column(*points, "reviews_on_time_ppm", 1),
      ElementsAre("2024-02", "2024-03", "2024-04", "2024-05", "2024-06"));
  EXPECT_THAT(Column(*points, "reviews_on_time_ppm", 2),
              ElementsAre("1000000.0000", "1000000.0000", "0.0000",
                          "666667.0000", "0.0000"));
  ASSERT_EQ(r.spc_basis.back().name, "reviews_on_time_ppm");
  EXPECT_EQ(r.spc_basis.back().points[3].part, 2);
  EXPECT_EQ(r.spc_basis.back().points[3].whole, 3);
}

// Period indicators by the month of the period's end; an open period is in
// no month.
//  Jan: P1 (paired, improved), P2 (no start): with a start 1 of 2, paired
//    1 of 2, improved 1 of 1.
//  Feb: P3 (paired, no change), P4 (start, no follow-up): with a start 2
//    of 2, paired 1 of 2, improved 0 of 1.
//  P5 is open (paired, improved): left out.
TEST(ReportSpcTest, IndicatorsByTheMonthOfThePeriodsEnd) {
  std::vector<ClusterPeriod> periods(5);
  const std::optional<absl::CivilDay> ends[] = {D(2024, 1, 20), D(2024, 1, 25),
                                                D(2024, 2, 10), D(2024, 2, 28),
                                                std::nullopt};
  for (size_t i = 0; i < periods.size(); ++i) periods[i].end = ends[i];
  std::vector<PeriodOutcome> outcomes(5);
  auto paired = [](PeriodOutcome& o, Outcome outcome) {
    o.status = PairStatus::kPaired;
    o.start = 0;
    o.follow_up = 1;
    o.outcome = outcome;
  };
  paired(outcomes[0], Outcome::kImproved);
  paired(outcomes[2], Outcome::kNoChange);
  outcomes[3].status = PairStatus::kNoFollowUp;
  outcomes[3].start = 2;
  paired(outcomes[4], Outcome::kImproved);
  const std::vector<MonthlyIndicator> m = IndicatorsByMonth(periods, outcomes);
  ASSERT_EQ(m.size(), 3u);
  auto months = [](const MonthlyIndicator& i) {
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& [month, r] : i.months) out.emplace_back(r.part, r.whole);
    return out;
  };
  using P = std::pair<int64_t, int64_t>;
  EXPECT_EQ(m[0].name, "valid_mhct_at_allocation");
  EXPECT_THAT(months(m[0]), ElementsAre(P(1, 2), P(2, 2)));
  EXPECT_EQ(m[1].name, "paired_completeness");
  EXPECT_THAT(months(m[1]), ElementsAre(P(1, 2), P(1, 2)));
  EXPECT_EQ(m[2].name, "reliably_improved");
  EXPECT_THAT(months(m[2]), ElementsAre(P(1, 1), P(0, 1)));
  EXPECT_EQ(m[2].months.begin()->first, absl::CivilMonth(2024, 1));
}

// A share's lower limit falls below 0 (reviews_on_time_ppm's -394047.6190
// on the sample): its axis label shortens as a positive one does, so that
// it fits the chart's margin.
TEST(ReportSpcTest, NegativeAxisLabelsShortenAsPositiveOnes) {
  EXPECT_EQ(svg::AxisValue(-394047.619L), "-394.0k");
  EXPECT_EQ(svg::AxisValue(394047.619L), "394.0k");
  EXPECT_EQ(svg::AxisValue(-2616.597L), "-2.6k");
  EXPECT_EQ(svg::AxisValue(-1500000), "-1.5m");
  EXPECT_EQ(svg::AxisValue(-0.25L), "-0.25");
  EXPECT_EQ(svg::AxisValue(-5), "-5");
  EXPECT_EQ(svg::AxisValue(-0.001L), "0");
}

}  // namespace
}  // namespace mhpbr
