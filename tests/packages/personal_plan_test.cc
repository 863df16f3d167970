// Personal care plans (care_packages.md 2): core elements always planned
// unless declined, chosen essential and variance elements, the person's
// added elements with reasons; the notional budget is the exact planned
// cost rounded once. Figures from packages_test_util.h's Cluster1Template.

#include "mhpbr/personal_plan.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/package_text.h"
#include "packages_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::packages_test::C;
using ::mhpbr::packages_test::Contacts;
using ::mhpbr::packages_test::Contents;
using ::mhpbr::packages_test::D;
using ::mhpbr::packages_test::Template;
using ::mhpbr::packages_test::TestCatalogue;
using ::mhpbr::packages_test::TestCosts;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

PlanChoices Choices() {
  PlanChoices c;
  c.patient_id = "P1";
  c.cluster = C(1);
  c.period_start = D(2023, 4, 3);
  c.period_end = D(2023, 6, 25);
  return c;
}

std::vector<std::string> Ids(const PersonalPlan& p) {
  std::vector<std::string> out;
  for (const PlannedElement& e : p.elements) out.push_back(e.element.id);
  return out;
}

// BuildPlan's error message, or "" when it succeeds.
std::string Error(const PlanChoices& choices) {
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(choices, *catalogue, TestCosts());
  if (plan.ok()) return "";
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(plan.status().message());
}

TEST(BuildPlanTest, CoreOnlyWhenNothingIsChosen) {
  // c1-gsh 16107 + c1-ps 3451.5 = 19558.5 -> 19559.
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(Choices(), *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Ids(*plan), ElementsAre("c1-gsh", "c1-ps"));
  EXPECT_THAT(plan->not_chosen, ElementsAre("c1-hi", "c1-chk", "c1-adm"));
  EXPECT_EQ(plan->notional_budget_pence, 19559);
  for (const PlannedElement& e : plan->elements) {
    EXPECT_EQ(e.origin, PlanOrigin::kTemplate);
    EXPECT_TRUE(e.reason.empty());
  }
}

TEST(BuildPlanTest, BudgetIsExactSumRoundedOnce) {
  // Chosen c1-chk (1 x 6 min nurse_b6 = 613.6, shown 614). Per element:
  // 16107 + 3452 + 614 = 20173; the exact sum 16107 + 3451.5 + 613.6 =
  // 20172.1 rounds once to 20172.
  PlanChoices c = Choices();
  c.chosen = {"c1-chk"};
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Ids(*plan), ElementsAre("c1-gsh", "c1-ps", "c1-chk"));
  EXPECT_EQ(plan->elements[0].planned_pence, 16107);
  EXPECT_EQ(plan->elements[1].planned_pence, 3452);  // 3451.5 shown
  EXPECT_EQ(plan->elements[2].planned_pence, 614);   // 613.6 shown
  EXPECT_EQ(plan->notional_budget_pence, 20172);
  EXPECT_THAT(plan->not_chosen, ElementsAre("c1-hi", "c1-adm"));
}

TEST(BuildPlanTest, ChosenDeclinedAndAddedWithEverythingCarried) {
  // Chosen c1-hi (69856, the full 8 sessions: the person's plan does not
  // apply the template's 15% share) and c1-adm (536900); c1-ps declined;
  // added peer support 4 x 90 min support_worker = 360 * 2900 / 60 = 17400
  // * 1.18 = 20532. Budget 16107 + 69856 + 536900 + 20532 = 643395.
  PlanChoices c = Choices();
  c.chosen = {"c1-hi", "c1-adm"};
  c.declined = {{"c1-ps", "prefers not to attend"}};
  PackageElement peer =
      Contacts("p1-peer", Tier::kVariance, "support_worker", 4, 90);
  peer.setting = CareSetting::kCommunity;
  c.added = {peer};
  c.added_reasons = {"Asked for peer support"};
  c.preferred_setting = CareSetting::kHome;
  c.preferred_provider = "Local Mind";
  c.budget = BudgetType::kPersonalHealthBudget;
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Ids(*plan), ElementsAre("c1-gsh", "c1-hi", "c1-adm", "p1-peer"));
  EXPECT_EQ(plan->elements[1].planned_pence, 69856);
  EXPECT_EQ(plan->elements[2].planned_pence, 536900);
  EXPECT_EQ(plan->elements[3].origin, PlanOrigin::kAdded);
  EXPECT_EQ(plan->elements[3].reason, "Asked for peer support");
  EXPECT_EQ(plan->elements[3].planned_pence, 20532);
  EXPECT_EQ(plan->elements[0].origin, PlanOrigin::kTemplate);
  EXPECT_EQ(plan->notional_budget_pence, 643395);
  // Declined elements are neither planned nor "not chosen".
  EXPECT_THAT(plan->not_chosen, ElementsAre("c1-chk"));
  EXPECT_EQ(plan->choices.patient_id, "P1");
  EXPECT_EQ(plan->choices.cluster, C(1));
  EXPECT_EQ(plan->choices.period_start, D(2023, 4, 3));
  EXPECT_EQ(plan->choices.period_end, D(2023, 6, 25));
  EXPECT_EQ(plan->choices.budget, BudgetType::kPersonalHealthBudget);
  EXPECT_EQ(plan->choices.preferred_setting, CareSetting::kHome);
  EXPECT_EQ(plan->choices.preferred_provider, "Local Mind");
  ASSERT_EQ(plan->choices.declined.size(), 1u);
  EXPECT_EQ(plan->choices.declined[0].second, "prefers not to attend");
}

TEST(BuildPlanTest, CoreElementsCanBeDeclinedAndAllOfThemGiveZeroBudget) {
  PlanChoices c = Choices();
  c.declined = {{"c1-gsh", "already had it"}, {"c1-ps", "not wanted"}};
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(plan->elements, IsEmpty());
  EXPECT_EQ(plan->notional_budget_pence, 0);
  // An essential element may be declined too (offered, not wanted).
  c.declined = {{"c1-hi", "not now"}};
  auto plan2 = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan2.ok()) << plan2.status();
  EXPECT_THAT(Ids(*plan2), ElementsAre("c1-gsh", "c1-ps"));
  EXPECT_THAT(plan2->not_chosen, ElementsAre("c1-chk", "c1-adm"));
}

TEST(BuildPlanTest, OpenPeriodAndDirectPayment) {
  PlanChoices c = Choices();
  c.period_end.reset();
  c.budget = BudgetType::kDirectPayment;
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->choices.period_end.has_value());
  EXPECT_EQ(plan->choices.budget, BudgetType::kDirectPayment);
  EXPECT_EQ(BudgetTypeName(BudgetType::kDirectPayment), "direct_payment");
  EXPECT_EQ(BudgetTypeName(BudgetType::kPersonalHealthBudget),
            "personal_health_budget");
  EXPECT_EQ(BudgetTypeName(BudgetType::kNone), "none");
  // A one-day period (start == end) is fine.
  c.period_end = c.period_start;
  EXPECT_EQ(Error(c), "");
}

TEST(BuildPlanTest, OrderIsCoreThenChosenThenAdded) {
  // personal_plan.h: "Core elements not declined, then the chosen ones, then
  // those added" - also when the template lists an essential element first.
  auto catalogue = PackageCatalogue::Create(Contents({Template(
      2, {Contacts("c2-ess", Tier::kEssential, "psychologist", 4, 60, 200000),
          Contacts("c2-core", Tier::kCore, "pwp", 6, 35)})}));
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  PlanChoices c = Choices();
  c.cluster = C(2);
  c.chosen = {"c2-ess"};
  c.added = {Contacts("p-x", Tier::kCore, "pwp", 1, 30)};
  c.added_reasons = {"why"};
  auto plan = BuildPlan(c, **catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Ids(*plan), ElementsAre("c2-core", "c2-ess", "p-x"));
}

TEST(BuildPlanTest, ClusterWithoutTemplate) {
  PlanChoices c = Choices();
  c.cluster = C(10);
  EXPECT_THAT(Error(c), AllOf(HasSubstr("cluster 10"), HasSubstr("template")));
}

TEST(BuildPlanTest, ChosenIdNotInTheTemplate) {
  PlanChoices c = Choices();
  c.chosen = {"c3-cbt"};  // in the catalogue, but cluster 3's
  EXPECT_THAT(Error(c), AllOf(HasSubstr("chosen c3-cbt"),
                              HasSubstr("not an element of cluster 1")));
  c.chosen = {"nope"};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("chosen nope"),
                              HasSubstr("not an element of cluster 1")));
}

TEST(BuildPlanTest, ChoosingACoreElement) {
  PlanChoices c = Choices();
  c.chosen = {"c1-gsh"};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("chosen c1-gsh"), HasSubstr("core")));
}

TEST(BuildPlanTest, ChosenTwice) {
  PlanChoices c = Choices();
  c.chosen = {"c1-hi", "c1-hi"};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("chosen c1-hi"), HasSubstr("twice")));
}

TEST(BuildPlanTest, DeclinedAndChosen) {
  PlanChoices c = Choices();
  c.chosen = {"c1-hi"};
  c.declined = {{"c1-hi", "changed mind"}};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("declined c1-hi"), HasSubstr("also chosen")));
}

TEST(BuildPlanTest, DeclinedWithoutReason) {
  PlanChoices c = Choices();
  c.declined = {{"c1-ps", ""}};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("declined c1-ps"), HasSubstr("reason")));
}

TEST(BuildPlanTest, DeclinedIdNotInTheTemplate) {
  PlanChoices c = Choices();
  c.declined = {{"c3-cbt", "why"}};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("declined c3-cbt"),
                              HasSubstr("not an element of cluster 1")));
}

TEST(BuildPlanTest, AddedElementInvalid) {
  PlanChoices c = Choices();
  c.added = {Contacts("p-x", Tier::kVariance, "pwp", -2, 30)};
  c.added_reasons = {"why"};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("added"), HasSubstr("element p-x"),
                              HasSubstr("contacts_per_period")));
  // A staff group the unit costs do not know.
  c.added = {Contacts("p-x", Tier::kVariance, "art_therapist", 2, 30)};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("element p-x"), HasSubstr("staff_group"),
                    HasSubstr("art_therapist")));
  // No tier.
  PackageElement e = Contacts("p-x", Tier::kVariance, "pwp", 2, 30);
  e.tier.reset();
  c.added = {e};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("element p-x"), HasSubstr("tier")));
  // Bed days without a ward.
  e = Contacts("p-x", Tier::kVariance, "pwp", 0, 0);
  e.bed_days_per_period = 3;
  c.added = {e};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("element p-x"), HasSubstr("ward")));
}

TEST(BuildPlanTest, AddedElementReusingACatalogueId) {
  PlanChoices c = Choices();
  c.added_reasons = {"why"};
  c.added = {Contacts("c1-hi", Tier::kEssential, "psychologist", 2, 60)};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("added c1-hi"), HasSubstr("already used")));
  // Another cluster's id is taken too.
  c.added = {Contacts("c3-cbt", Tier::kCore, "psychologist", 2, 60)};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("added c3-cbt"), HasSubstr("already used")));
  // And two added elements may not share an id.
  c.added = {Contacts("p-x", Tier::kCore, "pwp", 1, 30),
             Contacts("p-x", Tier::kCore, "pwp", 2, 30)};
  c.added_reasons = {"one", "two"};
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("added p-x"), HasSubstr("already used")));
}

TEST(BuildPlanTest, AddedElementWithoutReason) {
  PlanChoices c = Choices();
  c.added = {Contacts("p-x", Tier::kCore, "pwp", 1, 30)};
  c.added_reasons = {""};
  EXPECT_THAT(Error(c), AllOf(HasSubstr("added p-x"), HasSubstr("reason")));
  // One reason per added element.
  c.added_reasons = {};
  EXPECT_THAT(Error(c), HasSubstr("added_reasons"));
}

TEST(BuildPlanTest, PeriodEndBeforeStart) {
  PlanChoices c = Choices();
  c.period_end = D(2023, 4, 2);
  EXPECT_THAT(Error(c),
              AllOf(HasSubstr("period_end"), HasSubstr("before period_start")));
}

TEST(ParsePlanTextTest, ExampleLikePlan) {
  // As examples/data/plan.textproto, against the built-in example catalogue:
  // c1-gsh 6 x 35 pwp = 16107, c1-psyed 1 x 45 pwp = 3451.5, chosen c1-hi
  // 8 x 60 psychologist = 69856, added peer support 4 x 90 support_worker =
  // 20532. Budget 109946.5 -> 109947.
  auto choices = ParsePlanText(
      R"pb(
        patient_id: "P001"
        cluster: 1
        period_start: "2023-04-03"
        period_end: "2023-06-25"
        chosen: "c1-hi"
        added {
          id: "p001-peer"
          name: "Peer support group"
          tier: VARIANCE
          setting: COMMUNITY
          staff_group: "support_worker"
          contacts_per_period: 4
          minutes_per_contact: 90
        }
        added_reasons: "Asked for peer support"
        declined { element_id: "c1-x" reason: "r" }
        preferred_setting: HOME
        preferred_provider: "Local Mind"
        budget: PERSONAL_HEALTH_BUDGET
      )pb",
      "plan.textproto");
  ASSERT_TRUE(choices.ok()) << choices.status();
  EXPECT_EQ(choices->patient_id, "P001");
  EXPECT_EQ(choices->cluster, C(1));
  EXPECT_EQ(choices->period_start, D(2023, 4, 3));
  EXPECT_EQ(choices->period_end, D(2023, 6, 25));
  EXPECT_THAT(choices->chosen, ElementsAre("c1-hi"));
  ASSERT_EQ(choices->added.size(), 1u);
  EXPECT_EQ(choices->added[0].id, "p001-peer");
  EXPECT_EQ(choices->added[0].tier, Tier::kVariance);
  EXPECT_EQ(choices->added[0].setting, CareSetting::kCommunity);
  EXPECT_EQ(choices->added[0].contacts_per_period, 4);
  EXPECT_EQ(choices->added[0].minutes_per_contact, 90);
  EXPECT_THAT(choices->added_reasons, ElementsAre("Asked for peer support"));
  ASSERT_EQ(choices->declined.size(), 1u);
  EXPECT_EQ(choices->declined[0].first, "c1-x");
  EXPECT_EQ(choices->declined[0].second, "r");
  EXPECT_EQ(choices->preferred_setting, CareSetting::kHome);
  EXPECT_EQ(choices->preferred_provider, "Local Mind");
  EXPECT_EQ(choices->budget, BudgetType::kPersonalHealthBudget);

  choices->declined.clear();
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto plan = BuildPlan(*choices, **catalogue, *costs);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Ids(*plan),
              ElementsAre("c1-gsh", "c1-psyed", "c1-hi", "p001-peer"));
  EXPECT_THAT(plan->not_chosen, ElementsAre("c1-med"));
  EXPECT_EQ(plan->notional_budget_pence, 109947);
}

TEST(ParsePlanTextTest, OpenPeriodAndDefaults) {
  auto choices = ParsePlanText(
      R"pb(patient_id: "P2" cluster: 0 period_start: "2024-02-29")pb", "p");
  ASSERT_TRUE(choices.ok()) << choices.status();
  EXPECT_EQ(choices->cluster, C(0));
  EXPECT_EQ(choices->period_start, D(2024, 2, 29));
  EXPECT_FALSE(choices->period_end.has_value());
  EXPECT_EQ(choices->budget, BudgetType::kNone);
  EXPECT_EQ(choices->preferred_setting, CareSetting::kUnspecified);
  auto dp = ParsePlanText(
      R"pb(cluster: 3 period_start: "2024-01-01" budget: DIRECT_PAYMENT)pb",
      "p");
  ASSERT_TRUE(dp.ok()) << dp.status();
  EXPECT_EQ(dp->budget, BudgetType::kDirectPayment);
}

TEST(ParsePlanTextTest, ErrorsNameTheFileAndField) {
  auto nine = ParsePlanText(R"pb(cluster: 9 period_start: "2024-01-01")pb",
                            "mine.textproto");
  ASSERT_FALSE(nine.ok());
  EXPECT_THAT(std::string(nine.status().message()),
              AllOf(HasSubstr("mine.textproto"), HasSubstr("cluster")));
  auto date = ParsePlanText(R"pb(cluster: 1 period_start: "2023-02-30")pb",
                            "mine.textproto");
  ASSERT_FALSE(date.ok());
  EXPECT_THAT(std::string(date.status().message()), HasSubstr("period_start"));
  auto end = ParsePlanText(
      R"pb(cluster: 1 period_start: "2023-02-01" period_end: "soon")pb", "m");
  ASSERT_FALSE(end.ok());
  EXPECT_THAT(std::string(end.status().message()), HasSubstr("period_end"));
  auto syntax = ParsePlanText("cluster: 1 nonsense_field: 2", "m");
  EXPECT_FALSE(syntax.ok());
}

}  // namespace
}  // namespace mhpbr
