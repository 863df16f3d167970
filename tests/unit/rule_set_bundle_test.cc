// Rule-set bundles by effective date: which rule set is in force on a day,
// classification by it, the errors that name both rule sets when dates
// overlap or leave a gap, and `DiffRuleSets`. Every rule set here is the
// frozen test rule set edited in a few places.

#include "mhpbr/rule_set_bundle.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/codec/text_proto.h"
#include "mhpbr/dated_classifier.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "mhpbr/rule_set_diff.h"
#include "mhpbr/v1/rule_set.pb.h"
#include "tests/unit/rule_set_proto_util.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::C;
using ::mhpbr::testing::ClusterOf;
using ::mhpbr::testing::FromProto;
using ::mhpbr::testing::FrozenProto;
using ::mhpbr::testing::FrozenRulesText;
using ::mhpbr::testing::RowOf;
using ::mhpbr::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

// The frozen rule set in force from `from` to `to` ("" = open-ended).
v1::RuleSet Year(const std::string& version, const std::string& year,
                 const std::string& from, const std::string& to) {
  v1::RuleSet proto = FrozenProto();
  v1::Provenance* p = proto.mutable_provenance();
  p->set_version(version);
  p->set_financial_year(year);
  p->set_effective_from(from);
  p->set_effective_to(to);
  return proto;
}

// 2016/17 is the frozen rule set; 2017/18 doubles every weight and reviews
// cluster 3 after 12 weeks instead of 6 months.
v1::RuleSetBundle TwoYears() {
  v1::RuleSetBundle bundle;
  bundle.set_name("two years");
  *bundle.add_rule_sets() = Year("y1", "2016/17", "2016-04-01", "2017-03-31");
  v1::RuleSet y2 = Year("y2", "2017/18", "2017-04-01", "");
  v1::Weights* w = y2.mutable_weights();
  w->set_must(6);
  w->set_expected(4);
  w->set_likely(2);
  w->set_unlikely(-4);
  v1::ReviewPeriod* review = ClusterOf(&y2, 3)->mutable_max_review();
  review->set_count(12);
  review->set_unit(v1::WEEKS);
  *bundle.add_rule_sets() = y2;
  return bundle;
}

// The index in force on `day`, or -1.
int IndexOn(const RuleSetBundle& bundle, absl::CivilDay day) {
  absl::StatusOr<size_t> index = bundle.IndexInForce(day);
  EXPECT_TRUE(index.ok()) << index.status();
  return index.ok() ? static_cast<int>(*index) : -1;
}

absl::StatusOr<std::shared_ptr<const RuleSetBundle>> Parse(
    const v1::RuleSetBundle& bundle) {
  return ParseRuleSetBundleText(PrintTextProto(bundle), "bundle.textproto");
}

// The spec's example for cluster 1 (classifier_test.cc works its fits).
MhctRatings ClusterOneExample() {
  return testing::Ratings(
      {0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
}

TEST(RuleSetBundleTest, EachDayHasTheRuleSetInForce) {
  auto bundle = Parse(TwoYears());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_TRUE((*bundle)->dated());
  EXPECT_EQ((*bundle)->name(), "two years");
  ASSERT_EQ((*bundle)->rule_sets().size(), 2u);
  EXPECT_EQ((*bundle)->latest()->provenance().version, "y2");

  auto last_of_y1 = (*bundle)->InForce(absl::CivilDay(2017, 3, 31));
  ASSERT_TRUE(last_of_y1.ok());
  EXPECT_EQ((*last_of_y1)->provenance().version, "y1");
  EXPECT_EQ((*last_of_y1)->cluster(C(3)).max_review.count, 6);
  EXPECT_EQ((*last_of_y1)->cluster(C(3)).max_review.unit,
            ReviewPeriod::Unit::kMonths);

  auto first_of_y2 = (*bundle)->InForce(absl::CivilDay(2017, 4, 1));
  ASSERT_TRUE(first_of_y2.ok());
  EXPECT_EQ((*first_of_y2)->provenance().version, "y2");
  EXPECT_EQ((*first_of_y2)->cluster(C(3)).max_review.count, 12);
  EXPECT_EQ((*first_of_y2)->cluster(C(3)).max_review.unit,
            ReviewPeriod::Unit::kWeeks);
  // Open-ended: in force long after.
  EXPECT_EQ(IndexOn(**bundle, absl::CivilDay(2030, 1, 1)), 1);
  EXPECT_EQ(IndexOn(**bundle, absl::CivilDay(2016, 4, 1)), 0);
}

TEST(RuleSetBundleTest, DayBeforeTheFirstIsNotFoundNamingIt) {
  auto bundle = Parse(TwoYears());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_THAT((*bundle)->InForce(absl::CivilDay(2016, 3, 31)).status(),
              StatusIs(absl::StatusCode::kNotFound,
                       "no rule set in force on 2016-03-31 (the rule sets "
                       "cover 2016-04-01 to open)"));
}

TEST(RuleSetBundleTest, DayAfterAClosedLastIsNotFound) {
  v1::RuleSetBundle proto;
  *proto.add_rule_sets() = Year("y1", "2016/17", "2016-04-01", "2017-03-31");
  auto bundle = Parse(proto);
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_THAT((*bundle)->InForce(absl::CivilDay(2017, 4, 1)).status(),
              StatusIs(absl::StatusCode::kNotFound,
                       "no rule set in force on 2017-04-01 (the rule sets "
                       "cover 2016-04-01 to 2017-03-31)"));
}

// Cluster 1's example fits 37 in clusters 1, 2 and 3 under the frozen
// weights (M 3, E 2: 17 E rows and one M row). Doubling every weight
// doubles every fit: 17 * 4 + 6 = 74, the same three-way tie.
TEST(RuleSetBundleTest, AssessmentsEachSideOfTheBoundary) {
  auto bundle = Parse(TwoYears());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const DatedClassifier classifiers(*bundle);

  auto before = classifiers.For(absl::CivilDay(2017, 3, 31));
  ASSERT_TRUE(before.ok());
  const Classification a = (*before)->Classify(ClusterOneExample());
  EXPECT_EQ(a.suggested, C(1));
  EXPECT_THAT(a.suggested_fit_milli, Optional(37000));
  EXPECT_THAT(a.runner_up, Optional(C(2)));
  EXPECT_THAT(a.runner_up_fit_milli, Optional(37000));

  auto after = classifiers.For(absl::CivilDay(2017, 4, 1));
  ASSERT_TRUE(after.ok());
  const Classification b = (*after)->Classify(ClusterOneExample());
  EXPECT_EQ(b.suggested, C(1));
  EXPECT_THAT(b.suggested_fit_milli, Optional(74000));
  EXPECT_THAT(b.runner_up_fit_milli, Optional(74000));

  EXPECT_THAT(classifiers.For(absl::CivilDay(2015, 1, 1)).status(),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("no rule set in force on 2015-01-01")));
}

TEST(RuleSetBundleTest, OrderInTheFileDoesNotMatter) {
  v1::RuleSetBundle proto = TwoYears();
  proto.mutable_rule_sets()->SwapElements(0, 1);
  auto bundle = Parse(proto);
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ((*bundle)->rule_sets()[0]->provenance().version, "y1");
  EXPECT_EQ((*bundle)->latest()->provenance().version, "y2");
}

TEST(RuleSetBundleTest, OverlapNamesBothAndTheDay) {
  v1::RuleSetBundle proto = TwoYears();
  proto.mutable_rule_sets(0)->mutable_provenance()->set_effective_to(
      "2017-04-02");
  EXPECT_THAT(Parse(proto).status(),
              StatusIs(kInvalid,
                       "bundle.textproto: rule_sets[0] (version y1, 2016/17) "
                       "and rule_sets[1] (version y2, 2017/18) are both in "
                       "force on 2017-04-01"));
}

TEST(RuleSetBundleTest, GapNamesBothAndItsFirstDay) {
  v1::RuleSetBundle proto = TwoYears();
  proto.mutable_rule_sets(1)->mutable_provenance()->set_effective_from(
      "2017-04-03");
  EXPECT_THAT(Parse(proto).status(),
              StatusIs(kInvalid,
                       "bundle.textproto: no rule set in force on 2017-04-01, "
                       "between rule_sets[0] (version y1, 2016/17) and "
                       "rule_sets[1] (version y2, 2017/18): rule_sets[0] ends "
                       "2017-03-31 and rule_sets[1] starts 2017-04-03"));
}

TEST(RuleSetBundleTest, TwoOpenEndedNamesBoth) {
  v1::RuleSetBundle proto = TwoYears();
  proto.mutable_rule_sets(0)->mutable_provenance()->clear_effective_to();
  EXPECT_THAT(Parse(proto).status(),
              StatusIs(kInvalid,
                       "bundle.textproto: rule_sets[0] (version y1, 2016/17) "
                       "and rule_sets[1] (version y2, 2017/18) are both in "
                       "force on 2017-04-01: rule_sets[0] has no "
                       "effective_to, and only the last may be open-ended"));
}

TEST(RuleSetBundleTest, SameStartIsAnOverlap) {
  v1::RuleSetBundle proto;
  *proto.add_rule_sets() = Year("", "2016/17", "2016-04-01", "2017-03-31");
  *proto.add_rule_sets() = Year("b", "2017/18", "2016-04-01", "");
  EXPECT_THAT(Parse(proto).status(),
              StatusIs(kInvalid,
                       "bundle.textproto: rule_sets[0] (2016/17) and "
                       "rule_sets[1] (version b, 2017/18) are both in force on "
                       "2016-04-01"));
}

TEST(RuleSetBundleTest, BadRuleSetIsNamedByIndex) {
  v1::RuleSetBundle proto = TwoYears();
  RowOf(proto.mutable_rule_sets(1), 3, "7")->set_bands("ULEEX");
  EXPECT_THAT(
      Parse(proto).status(),
      StatusIs(kInvalid,
               AllOf(::testing::StartsWith("bundle.textproto: rule_sets[1]: "),
                     HasSubstr("cluster 3"))));
}

TEST(RuleSetBundleTest, EmptyBundleIsAnError) {
  EXPECT_THAT(ParseRuleSetBundleText("name: \"x\" rule_sets [ ]", "b"),
              StatusIs(kInvalid, "b: rule_sets: the bundle has none"));
}

TEST(RuleSetBundleTest, SingleRuleSetIsUsedForEveryDay) {
  auto bundle = ParseRuleSetBundleText(FrozenRulesText(), "frozen");
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_FALSE((*bundle)->dated());
  // In force from 2013-04-01, yet used for a day before it, as before.
  EXPECT_EQ(IndexOn(**bundle, absl::CivilDay(1990, 1, 1)), 0);
  auto single = DefaultRuleSetBundle();
  ASSERT_TRUE(single.ok()) << single.status();
  EXPECT_FALSE((*single)->dated());
  EXPECT_EQ((*single)->rule_sets().size(), 1u);
}

TEST(RuleSetBundleTest, BundleIsKnownByATopLevelRuleSetsField) {
  EXPECT_TRUE(IsRuleSetBundleText("# a bundle\nrule_sets { }"));
  EXPECT_TRUE(IsRuleSetBundleText("name: \"x\"\nrule_sets < >"));
  EXPECT_FALSE(IsRuleSetBundleText("# rule_sets {\nprovenance { }"));
  EXPECT_FALSE(IsRuleSetBundleText("provenance { notes: \"rule_sets\" }"));
  EXPECT_FALSE(IsRuleSetBundleText("provenance { rule_sets { } }"));
  EXPECT_FALSE(IsRuleSetBundleText(FrozenRulesText()));
}

// A single rule set's errors are as they always were.
TEST(RuleSetBundleTest, SingleRuleSetErrorsAreUnchanged) {
  const std::string bad = "min_known_items: oops";
  EXPECT_EQ(ParseRuleSetBundleText(bad, "f").status(),
            ParseRuleSetText(bad, "f").status());
}

// --- DiffRuleSets ------------------------------------------------------------

std::shared_ptr<const RuleSet> Rules(const v1::RuleSet& proto) {
  auto rules = FromProto(proto);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : nullptr;
}

TEST(DiffRuleSetsTest, SameRuleSetHasNoRows) {
  auto rules = Rules(FrozenProto());
  ASSERT_NE(rules, nullptr);
  EXPECT_THAT(DiffRuleSets(*rules, *rules), IsEmpty());
}

// b changes: the must weight 3 -> 4; cluster 3's review 6 months -> 12
// weeks; cluster 3 item 7 ULEEL -> ULEMM (a red rule where there was
// none: ratings 3 and 4 must score); moves from cluster 1 to 2, 3 -> 2, 3,
// 4 (every other cluster may move nowhere but 0 in both); the version.
TEST(DiffRuleSetsTest, HandListedTable) {
  v1::RuleSet a = FrozenProto();
  a.mutable_transitions()->set_allow_all(false);
  v1::TransitionRow* row = a.mutable_transitions()->add_rows();
  row->set_from(1);
  row->add_to(2);
  row->add_to(3);
  v1::RuleSet b = a;
  b.mutable_transitions()->mutable_rows(0)->add_to(4);
  b.mutable_weights()->set_must(4);
  ClusterOf(&b, 3)->mutable_max_review()->set_count(12);
  ClusterOf(&b, 3)->mutable_max_review()->set_unit(v1::WEEKS);
  RowOf(&b, 3, "7")->set_bands("ULEMM");
  b.mutable_provenance()->set_version("mhpbr-reference-2");
  auto ra = Rules(a), rb = Rules(b);
  ASSERT_NE(ra, nullptr);
  ASSERT_NE(rb, nullptr);

  std::vector<std::string> rows;
  for (const RuleSetDifference& d : DiffRuleSets(*ra, *rb)) {
    rows.push_back(d.section + "|" + d.key + "|" + d.a + "|" + d.b);
  }
  EXPECT_THAT(rows,
              ElementsAre("profile|cluster 3 item 7|ULEEL|ULEMM",
                          "provenance|version|mhpbr-reference-1|"
                          "mhpbr-reference-2",
                          "red_rule|cluster 3 item 7|none|3 4",
                          "review_period|cluster 3|6 months|12 weeks",
                          "transition|from 1|2 3|2 3 4", "weight|must|3|4"));
}

}  // namespace
}  // namespace mhpbr
