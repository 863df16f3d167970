// The report's monthly SPC series (Report::spc, report_spc.h) on a small
// data set worked out by hand: cost per cluster day, allocations (from
// period starts and from events) and agreement per month, their CSV tables
// in the columns of `mhpbr spc`, the HTML charts, a series too short to
// chart, and the suppressed tables.

#include "lib/analysis/report_spc.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/classifier.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/report_suppression.h"
#include "mhpbr/rule_set_text.h"
#include "tests/analysis/report_table_lookup.h"

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
  size_t next = 0;
  (*b)->AddActivity(
      [&](InputRow<ActivityRecord>* row) {
        if (next == activity.size()) return false;
        row->value = activity[next];
        row->line = activity[next].line;
        row->error.clear();
        ++next;
        return true;
      },
      [](const InputRow<ActivityRecord>&, const Attribution& a) {
        EXPECT_TRUE(a.status.ok()) << a.status;
      });
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

TEST(ReportSpcTest, ClusterDaysByMonthCountsBothEndsToTheAsOfDate) {
  std::vector<CostedPeriod> periods(3);
  for (size_t i = 0; i < 3; ++i) periods[i].period = Periods()[i];
  const auto days = ClusterDaysByMonth(periods, kAsOf);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days.at(absl::CivilMonth(2024, 1)), 2);
  EXPECT_EQ(days.at(absl::CivilMonth(2024, 2)), 31);  // 2 + 29
  EXPECT_EQ(days.at(absl::CivilMonth(2024, 3)), 2);
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
  ASSERT_EQ(r.spc.size(), 3u);
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
  ASSERT_EQ(summary->rows.size(), 3u);
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

TEST(ReportSpcTest, SuppressedTablesWithholdEveryFigure) {
  const Report r = Build({});
  SuppressionRules rule;
  auto tables = SuppressedReportTables(r, rule);
  ASSERT_TRUE(tables.ok()) << tables.status();
  const ReportTable* points = Table(*tables, "spc_points.csv");
  ASSERT_NE(points, nullptr);
  EXPECT_THAT(
      points->rows[0],
      ElementsAre("cost_per_cluster_day_pence", "2024-01", "*", "*", "*", "*",
                  "1", "n", "n", "n", "n", "n", "common_cause"));
  const ReportTable* summary = Table(*tables, "spc_summary.csv");
  EXPECT_THAT(summary->rows[1], ElementsAre("allocations", "3", "*", "*", "*",
                                            "y", "common_cause", ""));
}

}  // namespace
}  // namespace mhpbr
