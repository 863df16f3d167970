// Small-number suppression (suppression.h, output_suppression.h,
// report_suppression.h) and its place in the rule set: every expected cell
// worked out by hand from the rule "below the threshold is *, else round to
// the nearest multiple of the base, half away from zero".

#include "mhpbr/suppression.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/report_suppression.h"
#include "mhpbr/rule_set_diff.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const SuppressionRules kPublished;  // threshold 5, base 5

TEST(SuppressedCount, HidesBelowFiveAndRoundsTheRestToFive) {
  EXPECT_EQ(SuppressedCount(0, kPublished), "*");  // 0 is below 5 too
  EXPECT_EQ(SuppressedCount(4, kPublished), "*");
  EXPECT_EQ(SuppressedCount(5, kPublished), "5");
  EXPECT_EQ(SuppressedCount(7, kPublished), "5");    // 7/5 = 1.4 -> 1
  EXPECT_EQ(SuppressedCount(8, kPublished), "10");   // 1.6 -> 2
  EXPECT_EQ(SuppressedCount(12, kPublished), "10");  // 2.4 -> 2
  EXPECT_EQ(SuppressedCount(13, kPublished), "15");  // 2.6 -> 3
  EXPECT_EQ(SuppressedCount(1000, kPublished), "1000");
}

TEST(SuppressedCount, HalfGoesAwayFromZeroAndTheRuleIsData) {
  const SuppressionRules tens{3, 10};
  EXPECT_EQ(SuppressedCount(2, tens), "*");
  EXPECT_EQ(SuppressedCount(3, tens), "0");    // 0.3 -> 0: shown, not hidden
  EXPECT_EQ(SuppressedCount(15, tens), "20");  // 1.5 -> 2
  EXPECT_EQ(SuppressedCount(14, tens), "10");
  const SuppressionRules none{0, 1};
  EXPECT_EQ(SuppressedCount(0, none), "0");
  EXPECT_EQ(SuppressedCount(7, none), "7");
}

TEST(SuppressedStatistic, HiddenWhenACountItRestsOnIsSmall) {
  // A mean over 4 periods is hidden, over 5 shown as it is.
  EXPECT_EQ(SuppressedStatistic("-3.2500", {4}, kPublished), "*");
  EXPECT_EQ(SuppressedStatistic("-3.2000", {5}, kPublished), "-3.2000");
  // A share of 3 in 400: the numerator is small.
  EXPECT_EQ(SuppressedStatistic("7500", {3, 400}, kPublished), "*");
  EXPECT_EQ(SuppressedStatistic("", {6, 9}, kPublished), "");
}

TEST(SuppressTable, CountsRoundStatisticsFollowTheirCountsMoneyStays) {
  ReportTable t{"by_cluster.csv",
                {"cluster", "periods", "days", "records", "cost_pence"},
                {{"1", "4", "120", "30", "5001"},
                 {"3", "12", "400", "2", "7003"},
                 {"11", "0", "0", "0", "0"}}};
  ASSERT_TRUE(SuppressTable(t, ClusterCostSuppression(), kPublished).ok());
  // days rests on periods (4 -> *; 12 -> shown), records rounded on their
  // own, pence kept.
  EXPECT_THAT(t.rows, ElementsAre(ElementsAre("1", "*", "*", "30", "5001"),
                                  ElementsAre("3", "10", "400", "*", "7003"),
                                  ElementsAre("11", "*", "*", "*", "0")));
}

TEST(SuppressTable, OutcomeGroupsMeanChangeFollowsPaired) {
  ReportTable t{"outcomes_by_cluster.csv",
                {"cluster", "periods", "paired", "improved", "no_change",
                 "deteriorated", "mean_change"},
                {{"3", "9", "4", "2", "1", "1", "-2.5000"},
                 {"11", "23", "5", "5", "0", "0", "-10.0000"}}};
  ASSERT_TRUE(
      SuppressTable(t, OutcomeGroupsSuppression("cluster"), kPublished).ok());
  EXPECT_THAT(t.rows[0], ElementsAre("3", "10", "*", "*", "*", "*", "*"));
  EXPECT_THAT(t.rows[1],
              ElementsAre("11", "25", "5", "5", "*", "*", "-10.0000"));
}

TEST(SuppressTable, KeyValueTablesAreDeclaredByKey) {
  ReportTable t{"summary.csv",
                {"key", "value"},
                {{"records_read", "103"},
                 {"clustered_pence", "12"},
                 {"ward_stays_read", "3"},
                 {"bed_days", "40"}}};
  ASSERT_TRUE(SuppressTable(t, CostSummarySuppression(), kPublished).ok());
  EXPECT_THAT(t.rows, ElementsAre(ElementsAre("records_read", "105"),
                                  ElementsAre("clustered_pence", "12"),
                                  ElementsAre("ward_stays_read", "*"),
                                  ElementsAre("bed_days", "*")));
}

TEST(SuppressTable, AnUndeclaredColumnOrKeyIsAnErrorNotPublished) {
  ReportTable t{"x.csv", {"cluster", "periods", "secret"}, {{"1", "3", "2"}}};
  absl::Status s = SuppressTable(t, ClusterCostSuppression(), kPublished);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("x.csv column secret"));
  ReportTable kv{"s.csv", {"key", "value"}, {{"new_count", "3"}}};
  s = SuppressTable(kv, CostSummarySuppression(), kPublished);
  EXPECT_THAT(s.message(), HasSubstr("s.csv line 2 new_count"));
  ReportTable bad{"b.csv",
                  {"indicator", "numerator", "denominator", "value_ppm"},
                  {{"x", "many", "9", ""}}};
  s = SuppressTable(bad, IndicatorsSuppression(), kPublished);
  EXPECT_THAT(s.message(), HasSubstr("b.csv line 2 numerator"));
  EXPECT_FALSE(ReportTableSuppression("unknown.csv").ok());
}

TEST(SuppressedReport, PageShowsTheSuppressedTablesAndTheNote) {
  Report r;
  r.as_of = absl::CivilDay(2024, 3, 31);
  r.coverage.patients = 7;
  r.coverage.patients_in_clusters = 3;
  r.coverage_by_team["north"].patients = 12;
  r.coverage_by_team["north"].patients_in_clusters = 2;
  auto tables = SuppressedReportTables(r, kPublished);
  ASSERT_TRUE(tables.ok()) << tables.status();
  const std::string html = RenderSuppressedReportHtml(r, *tables, kPublished);
  // north: 12 people -> 10, 2 in clusters -> *.
  EXPECT_THAT(html, HasSubstr("<tr><td>north</td><td>10</td><td>*</td>"));
  // The whole: 7 -> 5, 3 -> *, and 3 / 7 = 0.4286 hidden.
  EXPECT_THAT(html, HasSubstr("<td>patients</td><td>5</td>"));
  EXPECT_THAT(html, HasSubstr("<td>patients_in_clusters</td><td>*</td>"));
  EXPECT_THAT(html, HasSubstr("<td>share_patients_in_clusters</td><td>*</td>"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("0.4286")));
  EXPECT_THAT(html, HasSubstr("counts below 5 are shown as *"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("<svg")));
}

TEST(SuppressionRulesInRuleSet, DefaultsAreFiveAndFiveAndRoundTrip) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->suppression().threshold, 5);
  EXPECT_EQ((*rules)->suppression().base, 5);
  const std::string text = RuleSetToText(**rules);
  EXPECT_THAT(text, HasSubstr("suppression {"));

  // A rule set that says 10 and 10; absent fields keep their defaults.
  const std::string published = "suppression {\n  threshold: 5\n  base: 5\n}";
  ASSERT_THAT(std::string(DefaultRuleSetText()), HasSubstr(published));
  auto with = [&](absl::string_view block) {
    return absl::StrReplaceAll(DefaultRuleSetText(), {{published, block}});
  };
  auto tens = ParseRuleSetText(with("suppression { threshold: 10 }"));
  ASSERT_TRUE(tens.ok()) << tens.status();
  EXPECT_EQ((*tens)->suppression().threshold, 10);
  EXPECT_EQ((*tens)->suppression().base, 5);
  auto again = ParseRuleSetText(RuleSetToText(**tens));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->suppression().threshold, 10);

  std::vector<std::string> diffs;
  for (const RuleSetDifference& d : DiffRuleSets(**rules, **tens)) {
    diffs.push_back(absl::StrCat(d.section, ",", d.key, ",", d.a, ",", d.b));
  }
  EXPECT_THAT(diffs, ElementsAre("suppression,threshold,5,10"));

  auto bad = ParseRuleSetText(with("suppression { base: 0 }"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("suppression.base"));
}

}  // namespace
}  // namespace mhpbr
