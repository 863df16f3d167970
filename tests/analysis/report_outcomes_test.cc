// The report's outcomes (ReportBuilder with ExpectOutcomes): per-cluster
// figures, the five indicators and the distribution of change per cluster
// on a small data set worked out by hand, their CSV tables, the HTML
// section, and why outcomes are not measured without events, assessments
// or ExpectOutcomes.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/rule_set_text.h"
#include "tests/analysis/report_activity_feed.h"
#include "tests/analysis/report_table_lookup.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Cluster C(int code) { return *Cluster::FromCode(code); }

// Items 1-12 rated to add up to `total` (4s first, then the rest), items
// 13 and A-E unknown.
MhctRatings Honos(int total) {
  MhctRatings r;
  for (int i = 0; i < 12; ++i) {
    const int v = total >= 4 ? 4 : total;
    total -= v;
    EXPECT_TRUE(r.Set(ItemAt(i), v).ok());
  }
  return r;
}

// As of 2024-03-31, default rules (reliable change 8, cut-off 11):
//  Q1-Q5: cluster 11 from 2023-01-01, discharged 2023-06-30; start
//    assessments on 01-01 and follow-ups on 06-30: Q1 20 -> 10 (-10,
//    improved), Q2 20 -> 16 (-4), Q3 12 -> 12 (0), Q4 10 -> 18 (+8,
//    deteriorated), Q5 30 -> 10 (-20, improved). Sorted -20, -10, -4, 0,
//    8: min -20, p25 -10, median -4, p75 0, max 8; mean -26 / 5 = -5.2.
//  Q6, Q7: cluster 3 from 2023-02-01 to 2023-07-01: Q6 5 -> 9 (+4), Q7 10
//    -> 4 (-6); sorted -6, 4: p25 -6 + 0.25 * 10 = -3.5, median -1, p75
//    1.5; mean -1. Q8: cluster 3 from 2023-02-01 to 2023-05-01, no
//    assessment: no_start.
//  An assessment of Q9 (no period) and one with no patient are classified
//    only.
//  Reviews: every period is discharged before its review is due: 0 due.
//  Stays: Q1's bed days 2023-03-01 x2 end 03-02; contact 03-05: 1 of 1.
// Indicators: with a start 7 / 8 = 875000; paired 7 / 8 = 875000;
// improved 2 / 7 = 285714.28 -> 285714; reviews 0 / 0 empty; follow-up
// 1 / 1 = 1000000.
struct Fixture {
  std::vector<PeriodEvent> events;
  std::vector<AssessmentRecord> assessments;
  std::vector<ActivityRecord> activity;
  std::vector<PeriodToPrice> periods;
};

Fixture MakeFixture() {
  Fixture f;
  int64_t line = 1;
  auto period = [&](const std::string& patient, int cluster,
                    absl::CivilDay start, absl::CivilDay end) {
    f.events.push_back(
        {patient, start, EventKind::kAllocate, C(cluster), ++line});
    f.events.push_back({patient, end, EventKind::kDischarge, C(0), ++line});
    f.periods.push_back({patient, C(cluster), start, end, line});
  };
  int id = 0;
  auto assess = [&](const std::string& patient, absl::CivilDay day, int total) {
    f.assessments.push_back(
        {absl::StrCat("A", ++id), patient, day, Honos(total)});
  };
  const absl::CivilDay jan1(2023, 1, 1), jun30(2023, 6, 30);
  const int starts[] = {20, 20, 12, 10, 30};
  const int ends[] = {10, 16, 12, 18, 10};
  for (int i = 0; i < 5; ++i) {
    const std::string p = absl::StrCat("Q", i + 1);
    period(p, 11, jan1, jun30);
    assess(p, jan1, starts[i]);
    assess(p, jun30, ends[i]);
  }
  const absl::CivilDay feb1(2023, 2, 1), mar1(2023, 3, 1);
  period("Q6", 3, feb1, absl::CivilDay(2023, 7, 1));
  assess("Q6", feb1, 5);
  assess("Q6", mar1, 9);
  period("Q7", 3, feb1, absl::CivilDay(2023, 7, 1));
  assess("Q7", feb1, 10);
  assess("Q7", mar1, 4);
  period("Q8", 3, feb1, absl::CivilDay(2023, 5, 1));
  assess("Q9", feb1, 10);
  assess("", feb1, 10);

  ActivityRecord bed;
  bed.activity_id = "B1";
  bed.patient_id = "Q1";
  bed.date = mar1;
  bed.kind = ActivityKind::kBedDay;
  bed.ward = "acute_adult";
  bed.count = 2;
  bed.line = 2;
  ActivityRecord contact;
  contact.activity_id = "C1";
  contact.patient_id = "Q1";
  contact.date = absl::CivilDay(2023, 3, 5);
  contact.kind = ActivityKind::kContact;
  contact.staff_group = "nurse_b6";
  contact.minutes = 30;
  contact.line = 3;
  f.activity = {bed, contact};
  return f;
}

struct Options {
  bool expect_outcomes = true;
  bool events = true;
  bool assessments = true;
  // The events name team TA (Q1-Q5) or TB (Q6-Q8).
  bool teams = false;
};

Report Build(const Options& o) {
  const Fixture f = MakeFixture();
  auto rules = DefaultRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status();
  auto costs = ParseUnitCostsText(
      "source: \"test\" staff { code: \"nurse_b6\" pence_per_hour: 6000 } "
      "ward { code: \"acute_adult\" pence_per_day: 40000 }",
      "costs");
  EXPECT_TRUE(costs.ok()) << costs.status();
  auto b = ReportBuilder::Create(f.periods, absl::CivilDay(2024, 3, 31), *rules,
                                 (*rules)->transitions(), *costs);
  EXPECT_TRUE(b.ok()) << b.status();
  if (o.expect_outcomes) (*b)->ExpectOutcomes();
  AddActivityRecords(**b, f.activity);
  if (o.assessments) {
    for (const AssessmentRecord& a : f.assessments) (*b)->AddAssessment(a);
  }
  if (o.events && o.teams) {
    std::vector<PeriodEvent> events = f.events;
    for (PeriodEvent& e : events) {
      e.team = e.patient_id < "Q6" ? "TA" : "TB";
    }
    EventUnitColumns columns;
    columns.team = true;
    EXPECT_TRUE((*b)->SetEvents(events, columns).empty());
  } else if (o.events) {
    EXPECT_TRUE((*b)->SetEvents(f.events).empty());
  }
  return (*b)->Finish();
}

TEST(ReportOutcomesTest, FiguresPerCluster) {
  const Report r = Build({});
  ASSERT_TRUE(r.outcomes.has_value()) << r.outcomes_not_measured;
  const ReportOutcomes& o = *r.outcomes;
  EXPECT_EQ(o.reliable_change, 8);
  EXPECT_EQ(o.clinical_cutoff, 11);
  EXPECT_EQ(o.periods, 8);
  ASSERT_EQ(o.by_cluster.size(), 2u);
  EXPECT_EQ(o.by_cluster[0].cluster, C(3));
  EXPECT_EQ(o.by_cluster[0].periods, 3);
  EXPECT_EQ(o.by_cluster[0].paired, 2);
  EXPECT_EQ(o.by_cluster[0].change_sum, -2);
  EXPECT_EQ(o.by_cluster[1].cluster, C(11));
  EXPECT_EQ(o.by_cluster[1].paired, 5);
  EXPECT_EQ(o.by_cluster[1].improved, 2);
  EXPECT_EQ(o.by_cluster[1].no_change, 2);
  EXPECT_EQ(o.by_cluster[1].deteriorated, 1);

  ASSERT_EQ(o.change.size(), 2u);
  const ChangeDistribution& c3 = o.change[0];
  EXPECT_EQ(c3.cluster, C(3));
  EXPECT_EQ(c3.paired, 2);
  EXPECT_EQ(c3.min, -6);
  EXPECT_EQ(c3.p25, -3.5L);
  EXPECT_EQ(c3.median, -1);
  EXPECT_EQ(c3.p75, 1.5L);
  EXPECT_EQ(c3.max, 4);
  const ChangeDistribution& c11 = o.change[1];
  EXPECT_EQ(c11.cluster, C(11));
  EXPECT_EQ(c11.paired, 5);
  EXPECT_EQ(c11.min, -20);
  EXPECT_EQ(c11.p25, -10);
  EXPECT_EQ(c11.median, -4);
  EXPECT_EQ(c11.p75, 0);
  EXPECT_EQ(c11.max, 8);
}

TEST(ReportOutcomesTest, CsvTables) {
  const std::vector<ReportTable> tables = ReportTables(Build({}));
  const ReportTable* by = Table(tables, "outcomes_by_cluster.csv");
  ASSERT_NE(by, nullptr);
  EXPECT_EQ(by->columns, (std::vector<std::string>{
                             "cluster", "periods", "paired", "improved",
                             "no_change", "deteriorated", "mean_change"}));
  EXPECT_EQ(by->rows, (std::vector<std::vector<std::string>>{
                          {"3", "3", "2", "0", "2", "0", "-1.0000"},
                          {"11", "5", "5", "2", "2", "1", "-5.2000"}}));
  const ReportTable* ind = Table(tables, "outcome_indicators.csv");
  ASSERT_NE(ind, nullptr);
  EXPECT_EQ(ind->columns,
            (std::vector<std::string>{"indicator", "numerator", "denominator",
                                      "value_ppm"}));
  EXPECT_EQ(ind->rows, (std::vector<std::vector<std::string>>{
                           {"valid_mhct_at_allocation", "7", "8", "875000"},
                           {"paired_completeness", "7", "8", "875000"},
                           {"reliably_improved", "2", "7", "285714"},
                           {"reviews_on_time", "0", "0", ""},
                           {"follow_up_7_days", "1", "1", "1000000"}}));
}

TEST(ReportOutcomesTest, HtmlSection) {
  const std::string html = RenderReportHtml(Build({}));
  EXPECT_THAT(html, HasSubstr("<h2>4. Outcomes</h2>"));
  EXPECT_THAT(html, HasSubstr("<g><title>3: n=2, min -6, p25 -3.5, median -1, "
                              "p75 1.5, max 4</title>"));
  EXPECT_THAT(html, HasSubstr("<g><title>11: n=5, min -20, p25 -10, median "
                              "-4, p75 0, max 8</title>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>reliably_improved</td><td>2</td><td>7"
                              "</td><td>28.6%</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>reviews_on_time</td><td>0</td><td>0"
                              "</td><td>n/a</td></tr>"));
  EXPECT_THAT(html, HasSubstr("a change of at least 8 points"));
  EXPECT_THAT(html, HasSubstr("cut-off of 11"));
  EXPECT_THAT(html, Not(HasSubstr("not measured")));
}

// Fair comparison by team. Strata (cluster/start band, improved of
// paired): 11/16-20 (Q1 improved, Q2) 1 of 2; 11/11-15 (Q3) 0 of 1;
// 11/0-10 (Q4) 0 of 1; 11/21+ (Q5 improved) 1 of 1; 3/0-10 (Q6, Q7) 0 of
// 2. TA (Q1-Q5): O = 2, E = 2 * 1/2 + 0 + 0 + 1 = 2, ratio 1, within
// (G(0.025, 2) = 0.24 < 2 < G(0.975, 3) = 7.22); 5 discharges on 06-30,
// due by 2024-03-31, none re-referred. TB: O = 0, E = 0: no ratio or flag;
// 3 discharges.
TEST(ReportOutcomesTest, FairComparisonByTeam) {
  Options o;
  o.teams = true;
  const Report report = Build(o);
  const std::vector<ReportTable> tables = ReportTables(report);
  const ReportTable* by = Table(tables, "outcomes_by_unit.csv");
  ASSERT_NE(by, nullptr);
  EXPECT_EQ(by->columns.front(), "unit");
  EXPECT_EQ(by->columns.back(), "reallocated_90_ppm");
  ASSERT_EQ(by->rows.size(), 2u);
  EXPECT_EQ(
      std::vector<std::string>(by->rows[0].begin(), by->rows[0].begin() + 6),
      (std::vector<std::string>{"TA", "5", "5", "2", "2.000000", "1.000000"}));
  EXPECT_EQ(std::vector<std::string>(by->rows[0].end() - 4, by->rows[0].end()),
            (std::vector<std::string>{"within", "5", "0", "0"}));
  EXPECT_EQ(by->rows[1],
            (std::vector<std::string>{"TB", "3", "2", "0", "0.000000", "", "",
                                      "", "", "", "", "3", "0", "0"}));
  const std::string html = RenderReportHtml(report);
  EXPECT_THAT(html, HasSubstr("<h3>Fair comparison by team</h3>"));
  EXPECT_THAT(html, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  // Without a team column there is no such table.
  EXPECT_EQ(Table(ReportTables(Build({})), "outcomes_by_unit.csv"), nullptr);
}

TEST(ReportOutcomesTest, NotMeasuredSaysWhy) {
  struct Case {
    Options options;
    const char* why;
  } cases[] = {
      {{true, false, true}, "no events were given (--events)"},
      {{true, true, false}, "no assessments were given (--assessments)"},
      {{true, false, false}, "no events (--events) and no assessments"},
      {{false, true, true}, "not asked for"},
  };
  for (const Case& c : cases) {
    const Report r = Build(c.options);
    EXPECT_FALSE(r.outcomes.has_value()) << c.why;
    EXPECT_THAT(r.outcomes_not_measured, HasSubstr(c.why));
    const std::string html = RenderReportHtml(r);
    EXPECT_THAT(html, HasSubstr("<h2>4. Outcomes</h2>"));
    EXPECT_THAT(html, HasSubstr("Outcomes were not measured: "));
    const std::vector<ReportTable> tables = ReportTables(r);
    EXPECT_EQ(Table(tables, "outcomes_by_cluster.csv"), nullptr);
    EXPECT_EQ(Table(tables, "outcome_indicators.csv"), nullptr);
  }
}

}  // namespace
}  // namespace mhpbr
