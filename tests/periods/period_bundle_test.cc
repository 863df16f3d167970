// Periods by the rule set in force on their dates (period_builder.h): a
// two-year bundle made from the frozen test rule set, where cluster 3's
// maximum review period is 26 weeks (182 days) in 2023/24 and 12 weeks (84
// days) from 2024-04-01, and 2024/25 allows cluster 3 to move only to 4.
// Every expected row is worked by hand; a row reads
// patient,cluster,start,end,days,review_due,overdue_days,transition_ok,
// superseded,reviews.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::Alloc;
using periods_test::D;
using periods_test::Discharge;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kFrom[] = "effective_from: \"2013-04-01\"";
constexpr char kCluster3Review[] =
    "superclass: NON_PSYCHOTIC subgroup: \"mild moderate or severe\"\n"
    "  max_review { count: 6 unit: MONTHS }\n}\nclusters {\n"
    "  code: 4 name:";
constexpr char kAllowAll[] = "transitions { allow_all: true }";

std::string Year(const std::string& dates, int weeks,
                 const std::string& transitions) {
  std::string text = periods_test::TestRulesText();
  EXPECT_NE(text.find(kCluster3Review), std::string::npos);
  return absl::StrReplaceAll(
      text,
      {{kFrom, dates},
       {kCluster3Review,
        absl::StrCat("superclass: NON_PSYCHOTIC subgroup: \"mild moderate or "
                     "severe\"\n  max_review { count: ",
                     weeks, " unit: WEEKS }\n}\nclusters {\n  code: 4 name:")},
       {kAllowAll, transitions}});
}

std::shared_ptr<const RuleSetBundle> TwoYears() {
  const std::string text = absl::StrCat(
      "name: \"two years\"\nrule_sets {\n",
      Year("effective_from: \"2023-04-01\" effective_to: \"2024-03-31\"", 26,
           kAllowAll),
      "\n}\nrule_sets {\n",
      Year("effective_from: \"2024-04-01\"", 12,
           "transitions { rows { from: 3 to: [4] } }"),
      "\n}\n");
  auto bundle = ParseRuleSetBundleText(text, "two years");
  EXPECT_TRUE(bundle.ok()) << bundle.status();
  return bundle.ok() ? *bundle : nullptr;
}

std::string Row(const ClusterPeriod& p) {
  return absl::StrCat(
      p.patient_id, ",", p.cluster.code(), ",", FormatIsoDate(p.start), ",",
      p.end ? FormatIsoDate(*p.end) : "", ",", p.days, ",",
      FormatIsoDate(p.review_due), ",", p.overdue_days, ",",
      p.transition_ok ? "y" : "n", ",", p.superseded, ",", p.reviews);
}

std::vector<std::string> Rows(const PeriodBuild& b) {
  std::vector<std::string> rows;
  for (const ClusterPeriod& p : b.periods) rows.push_back(Row(p));
  return rows;
}

TEST(PeriodBundle, ReviewsAndMovesByTheRulesOfTheirDates) {
  const auto bundle = TwoYears();
  ASSERT_NE(bundle, nullptr);
  const std::vector<PeriodEvent> events = {
      // A: opened under 2023/24, so the first review is due 26 weeks on,
      // 2024-01-08 + 182 = 2024-07-08, though 12 weeks rule by then: the
      // review on 2024-06-03 is on time. It restarts the clock under
      // 2024/25: 2024-06-03 + 84 = 2024-08-26. Open at 2024-10-01:
      // 2024-01-08..2024-10-01 is 268 days, 36 of them after the due date.
      Alloc("A", D(2024, 1, 8), 3, 2), Alloc("A", D(2024, 6, 3), 3, 3),
      // B: opened under 2024/25, due 2024-04-15 + 84 = 2024-07-08; the move
      // to 5 on 2024-08-01 ends it on 2024-07-31 (108 days, 23 overdue)
      // and 2024/25 does not allow 3 -> 5. Cluster 5 (six months) is due
      // 2025-02-01; 2024-08-01..2024-10-01 is 62 days.
      Alloc("B", D(2024, 4, 15), 3, 4), Alloc("B", D(2024, 8, 1), 5, 5),
      // C: 2023-03-01 is before the bundle: an error event. The period
      // opens on 2023-05-01 (cluster 5, due 2023-11-01); to 2024-10-01 it
      // is 520 days, 335 of them overdue.
      Alloc("C", D(2023, 3, 1), 3, 6), Alloc("C", D(2023, 5, 1), 5, 7)};
  const PeriodBuild b = BuildPeriods(events, D(2024, 10, 1), *bundle);
  EXPECT_THAT(Rows(b), ElementsAre("A,3,2024-01-08,,268,2024-08-26,36,y,0,1",
                                   "B,3,2024-04-15,2024-07-31,108,2024-07-08,"
                                   "23,y,0,0",
                                   "B,5,2024-08-01,,62,2025-02-01,0,n,0,0",
                                   "C,5,2023-05-01,,520,2023-11-01,335,y,0,0"));
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].line, 6);
  EXPECT_EQ(b.errors[0].patient_id, "C");
  EXPECT_THAT(b.errors[0].reason,
              HasSubstr("no rule set in force on 2023-03-01"));
  EXPECT_EQ(b.events_used, 5);

  // A trust's own table serves every date: 3 -> 5 allowed.
  const PeriodBuild own = BuildPeriods(events, D(2024, 10, 1), *bundle,
                                       bundle->rule_sets()[0]->transitions());
  EXPECT_EQ(Row(own.periods[2]), "B,5,2024-08-01,,62,2025-02-01,0,y,0,0");
}

TEST(PeriodBundle, OneRuleSetIsABundleOfOne) {
  // The frozen rules (cluster 3 six months) for every date, as before:
  // A's review on 2024-06-03 is due again 2024-12-03, not overdue.
  const auto rules = periods_test::TestRules();
  ASSERT_NE(rules, nullptr);
  const std::vector<PeriodEvent> events = {
      Alloc("A", D(2024, 1, 8), 3, 2), Alloc("A", D(2024, 6, 3), 3, 3),
      Alloc("A", D(2024, 8, 1), 5, 4), Discharge("A", D(2024, 9, 1), 5)};
  const PeriodBuild single = BuildPeriods(events, D(2024, 10, 1), *rules);
  const PeriodBuild bundled =
      BuildPeriods(events, D(2024, 10, 1), *RuleSetBundle::Single(rules));
  EXPECT_THAT(Rows(single),
              ElementsAre("A,3,2024-01-08,2024-07-31,206,2024-12-03,0,y,0,1",
                          "A,5,2024-08-01,2024-09-01,32,2025-02-01,0,y,0,0"));
  EXPECT_EQ(Rows(bundled), Rows(single));
}

}  // namespace
}  // namespace mhpbr
