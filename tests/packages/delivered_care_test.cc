// Delivered against planned care (care_packages.md 3) and the spread of
// delivered care across the periods of one cluster. Matching (README,
// delivered_care.h): by element_id when the record has one, else a contact
// or group by staff group and a bed day by ward (the first element that
// uses it); `other` only by id. Figures worked by hand with the test unit
// costs (packages_test_util.h; overhead x 1.18).

#include "mhpbr/delivered_care.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/personal_plan.h"
#include "packages_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::packages_test::Bed;
using ::mhpbr::packages_test::BedDays;
using ::mhpbr::packages_test::C;
using ::mhpbr::packages_test::Contact;
using ::mhpbr::packages_test::Contacts;
using ::mhpbr::packages_test::D;
using ::mhpbr::packages_test::Group;
using ::mhpbr::packages_test::Other;
using ::mhpbr::packages_test::TestCatalogue;
using ::mhpbr::packages_test::TestCosts;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(MatchElementTest, ByIdThenStaffGroupThenWard) {
  PackageElement a = Contacts("a", Tier::kCore, "nurse_b6", 2, 30);
  PackageElement b = Contacts("b", Tier::kEssential, "nurse_b6", 4, 60, 1);
  PackageElement c = BedDays("c", Tier::kVariance, "acute_adult", 5, 1);
  // Names pwp but plans no contacts: never matched by staff group.
  PackageElement d = BedDays("d", Tier::kVariance, "picu", 0, 1);
  d.staff_group = "pwp";
  PackageElement e = Contacts("e", Tier::kCore, "pwp", 3, 30);
  PackageElement f = BedDays("f", Tier::kVariance, "acute_adult", 2, 1);
  const std::vector<const PackageElement*> els = {&a, &b, &c, &d, &e, &f};
  const absl::CivilDay day = D(2023, 5, 1);

  // The first element of the staff group, for contacts and groups alike.
  EXPECT_EQ(MatchElement(Contact("1", "P", day, "nurse_b6", 30), els), 0);
  EXPECT_EQ(MatchElement(Group("2", "P", day, "nurse_b6", 90, 4), els), 0);
  EXPECT_EQ(MatchElement(Contact("3", "P", day, "pwp", 30), els), 4);
  EXPECT_EQ(MatchElement(Contact("4", "P", day, "psychiatrist", 30), els), -1);
  // The first element of the ward; a picu element with no bed days planned
  // does not take picu bed days.
  EXPECT_EQ(MatchElement(Bed("5", "P", day, "acute_adult", 1), els), 2);
  EXPECT_EQ(MatchElement(Bed("6", "P", day, "picu", 1), els), -1);
  // By id, whatever the staff group or ward; an id that names no element
  // does not fall back to the staff group.
  EXPECT_EQ(MatchElement(Contact("7", "P", day, "nurse_b6", 30, "b"), els), 1);
  EXPECT_EQ(MatchElement(Bed("8", "P", day, "acute_adult", 1, "f"), els), 5);
  EXPECT_EQ(MatchElement(Contact("9", "P", day, "nurse_b6", 30, "zz"), els),
            -1);
  // `other` only by id.
  EXPECT_EQ(MatchElement(Other("10", "P", day, 100), els), -1);
  EXPECT_EQ(MatchElement(Other("11", "P", day, 100, "c"), els), 2);
  // No elements, no match.
  EXPECT_EQ(MatchElement(Contact("12", "P", day, "pwp", 30), {}), -1);
}

// Cluster 1 plan for P1, 2023-04-03 to 2023-06-25: core c1-gsh (6 x 35 pwp,
// 16107) and c1-ps (1 x 45 pwp, 3451.5 shown 3452), chosen c1-hi (8 x 60
// psychologist, 69856) and c1-adm (10 bed days acute_adult, 536900).
// Budget 16107 + 3451.5 + 69856 + 536900 = 626314.5 -> 626315.
PersonalPlan Plan(bool open = false) {
  PlanChoices c;
  c.patient_id = "P1";
  c.cluster = C(1);
  c.period_start = D(2023, 4, 3);
  if (!open) c.period_end = D(2023, 6, 25);
  c.chosen = {"c1-hi", "c1-adm"};
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  EXPECT_TRUE(plan.ok()) << plan.status();
  return *plan;
}

TEST(CompareDeliveredTest, PlannedAgainstDeliveredWorkedByHand) {
  const std::vector<ActivityRecord> activity = {
      // gsh (first pwp element): 35 min = 2275 * 1.18 = 2684.5 -> 2685.
      Contact("a1", "P1", D(2023, 4, 5), "pwp", 35),
      // ps by id: 45 min pwp = 3451.5 -> 3452.
      Contact("a2", "P1", D(2023, 4, 12), "pwp", 45, "c1-ps"),
      // gsh, a group: one contact, 90 minutes; 90 * 3900 / 60 / 3 = 1950 *
      // 1.18 = 2301.
      Group("a3", "P1", D(2023, 4, 19), "pwp", 90, 3),
      // hi: 60 min psychologist = 7400 * 1.18 = 8732.
      Contact("a4", "P1", D(2023, 5, 1), "psychologist", 60),
      // adm by ward: 3 bed days = 136500 * 1.18 = 161070.
      Bed("a5", "P1", D(2023, 5, 2), "acute_adult", 3),
      // No psychiatrist element: unmatched, 30 min = 7250 * 1.18 = 8555.
      Contact("a6", "P1", D(2023, 5, 3), "psychiatrist", 30),
      // `other` without an id: unmatched, 1000 * 1.18 = 1180.
      Other("a7", "P1", D(2023, 5, 4), 1000),
      // `other` naming hi: matched, 500 * 1.18 = 590, no contact counted.
      Other("a8", "P1", D(2023, 5, 5), 500, "c1-hi"),
      // Another patient; before the start; after the end: outside.
      Contact("a9", "P2", D(2023, 5, 1), "pwp", 35),
      Contact("a10", "P1", D(2023, 4, 2), "pwp", 35),
      Contact("a11", "P1", D(2023, 6, 26), "pwp", 35),
      // Not costable: a staff group the unit costs do not know.
      Contact("a12", "P1", D(2023, 5, 6), "counsellor", 50),
      // An id no planned element has: unmatched even though pwp would
      // match gsh; 30 min pwp = 1950 * 1.18 = 2301.
      Contact("a13", "P1", D(2023, 5, 7), "pwp", 30, "c9-nope"),
      // The last day counts: gsh, 20 min = 1300 * 1.18 = 1534.
      Contact("a14", "P1", D(2023, 6, 25), "pwp", 20),
      // The first day counts; picu matches nothing: 98000 * 1.18 = 115640.
      Bed("a15", "P1", D(2023, 4, 3), "picu", 1),
  };
  const PersonalPlan plan = Plan();
  ASSERT_EQ(plan.notional_budget_pence, 626315);
  const DeliveryComparison d =
      CompareDelivered(plan, activity, TestCosts(), D(2023, 12, 31));

  ASSERT_THAT(d.elements, SizeIs(4));
  const ElementDelivery& gsh = d.elements[0];
  EXPECT_EQ(gsh.element_id, "c1-gsh");
  EXPECT_EQ(gsh.planned_contacts, 6);
  EXPECT_EQ(gsh.delivered_contacts, 3);  // a1, a3, a14
  EXPECT_EQ(gsh.planned_minutes, 210);
  EXPECT_EQ(gsh.delivered_minutes, 145);  // 35 + 90 + 20
  EXPECT_EQ(gsh.planned_bed_days, 0);
  EXPECT_EQ(gsh.delivered_bed_days, 0);
  EXPECT_EQ(gsh.planned_pence, 16107);
  EXPECT_EQ(gsh.delivered_pence, 6520);  // 2685 + 2301 + 1534

  const ElementDelivery& ps = d.elements[1];
  EXPECT_EQ(ps.element_id, "c1-ps");
  EXPECT_EQ(ps.planned_contacts, 1);
  EXPECT_EQ(ps.delivered_contacts, 1);
  EXPECT_EQ(ps.planned_minutes, 45);
  EXPECT_EQ(ps.delivered_minutes, 45);
  EXPECT_EQ(ps.planned_pence, 3452);
  EXPECT_EQ(ps.delivered_pence, 3452);

  const ElementDelivery& hi = d.elements[2];
  EXPECT_EQ(hi.element_id, "c1-hi");
  EXPECT_EQ(hi.planned_contacts, 8);
  EXPECT_EQ(hi.delivered_contacts, 1);  // a4; a8 is `other`
  EXPECT_EQ(hi.planned_minutes, 480);
  EXPECT_EQ(hi.delivered_minutes, 60);
  EXPECT_EQ(hi.planned_pence, 69856);
  EXPECT_EQ(hi.delivered_pence, 9322);  // 8732 + 590

  const ElementDelivery& adm = d.elements[3];
  EXPECT_EQ(adm.element_id, "c1-adm");
  EXPECT_EQ(adm.planned_contacts, 0);
  EXPECT_EQ(adm.delivered_contacts, 0);
  EXPECT_EQ(adm.planned_minutes, 0);
  EXPECT_EQ(adm.planned_bed_days, 10);
  EXPECT_EQ(adm.delivered_bed_days, 3);
  EXPECT_EQ(adm.planned_pence, 536900);
  EXPECT_EQ(adm.delivered_pence, 161070);

  ASSERT_THAT(d.unmatched, SizeIs(4));
  EXPECT_EQ(d.unmatched[0].record.activity_id, "a6");
  EXPECT_EQ(d.unmatched[0].cost_pence, 8555);
  EXPECT_EQ(d.unmatched[1].record.activity_id, "a7");
  EXPECT_EQ(d.unmatched[1].cost_pence, 1180);
  EXPECT_EQ(d.unmatched[2].record.activity_id, "a13");
  EXPECT_EQ(d.unmatched[2].cost_pence, 2301);
  EXPECT_EQ(d.unmatched[3].record.activity_id, "a15");
  EXPECT_EQ(d.unmatched[3].cost_pence, 115640);

  ASSERT_THAT(d.rejected, SizeIs(1));
  EXPECT_EQ(d.rejected[0].record.activity_id, "a12");
  EXPECT_THAT(d.rejected[0].reason,
              AllOf(HasSubstr("staff_group"), HasSubstr("counsellor")));

  EXPECT_EQ(d.outside_records, 3);  // a9, a10, a11
  EXPECT_EQ(d.planned_pence, 626315);
  // Matched 6520 + 3452 + 9322 + 161070 = 180364, unmatched 8555 + 1180 +
  // 2301 + 115640 = 127676: 308040.
  EXPECT_EQ(d.delivered_pence, 308040);
}

TEST(CompareDeliveredTest, OpenPeriodRunsToAsOf) {
  const PersonalPlan plan = Plan(/*open=*/true);
  const std::vector<ActivityRecord> activity = {
      Contact("b1", "P1", D(2023, 9, 30), "pwp", 35),     // on as_of: in
      Contact("b2", "P1", D(2023, 10, 1), "pwp", 35),     // after: outside
      Bed("b3", "P1", D(2023, 8, 1), "acute_adult", 12),  // over plan: fine
  };
  const DeliveryComparison d =
      CompareDelivered(plan, activity, TestCosts(), D(2023, 9, 30));
  EXPECT_EQ(d.outside_records, 1);
  EXPECT_EQ(d.elements[0].delivered_contacts, 1);
  EXPECT_EQ(d.elements[0].delivered_pence, 2685);
  // 12 bed days = 546000 * 1.18 = 644280, more than planned (10).
  EXPECT_EQ(d.elements[3].delivered_bed_days, 12);
  EXPECT_EQ(d.elements[3].delivered_pence, 644280);
  EXPECT_EQ(d.delivered_pence, 2685 + 644280);
  EXPECT_THAT(d.unmatched, IsEmpty());
  EXPECT_THAT(d.rejected, IsEmpty());
}

TEST(CompareDeliveredTest, AddedElementsMatchToo) {
  // An added support_worker element takes support_worker contacts; a
  // declined element takes nothing (its staff group's contacts fall to the
  // next planned element of the group, or to unmatched).
  PlanChoices c;
  c.patient_id = "P1";
  c.cluster = C(1);
  c.period_start = D(2023, 4, 3);
  c.period_end = D(2023, 6, 25);
  c.declined = {{"c1-gsh", "had it before"}};
  c.added = {Contacts("p-peer", Tier::kVariance, "support_worker", 4, 90)};
  c.added_reasons = {"peer support"};
  auto catalogue = TestCatalogue();
  auto plan = BuildPlan(c, *catalogue, TestCosts());
  ASSERT_TRUE(plan.ok()) << plan.status();
  const std::vector<ActivityRecord> activity = {
      // 90 min support_worker = 4350 * 1.18 = 5133.
      Contact("c1", "P1", D(2023, 5, 1), "support_worker", 90),
      // gsh declined: pwp goes to c1-ps, 35 min = 2685.
      Contact("c2", "P1", D(2023, 5, 2), "pwp", 35),
      // By id of the declined element: nothing planned has it.
      Contact("c3", "P1", D(2023, 5, 3), "pwp", 35, "c1-gsh"),
  };
  const DeliveryComparison d =
      CompareDelivered(*plan, activity, TestCosts(), D(2023, 12, 31));
  ASSERT_THAT(d.elements, SizeIs(2));
  EXPECT_EQ(d.elements[0].element_id, "c1-ps");
  EXPECT_EQ(d.elements[0].delivered_contacts, 1);
  EXPECT_EQ(d.elements[0].delivered_pence, 2685);
  EXPECT_EQ(d.elements[1].element_id, "p-peer");
  EXPECT_EQ(d.elements[1].planned_contacts, 4);
  EXPECT_EQ(d.elements[1].planned_minutes, 360);
  EXPECT_EQ(d.elements[1].planned_pence, 20532);  // 17400 * 1.18
  EXPECT_EQ(d.elements[1].delivered_contacts, 1);
  EXPECT_EQ(d.elements[1].delivered_minutes, 90);
  EXPECT_EQ(d.elements[1].delivered_pence, 5133);
  ASSERT_THAT(d.unmatched, SizeIs(1));
  EXPECT_EQ(d.unmatched[0].record.activity_id, "c3");
  EXPECT_EQ(d.unmatched[0].cost_pence, 2685);
  EXPECT_EQ(d.delivered_pence, 5133 + 2685 + 2685);
  // Budget: c1-ps 3451.5 + p-peer 20532 = 23983.5 -> 23984.
  EXPECT_EQ(d.planned_pence, 23984);
}

PeriodToPrice Period(std::string patient, int cluster, absl::CivilDay start,
                     std::optional<absl::CivilDay> end) {
  PeriodToPrice p;
  p.patient_id = std::move(patient);
  p.cluster = C(cluster);
  p.start = start;
  p.end = end;
  return p;
}

void ExpectSpread(const ElementSpread& s, const std::string& id, Tier tier,
                  int64_t planned, int64_t periods, int64_t receiving,
                  double mean, double p25, double median, double p75,
                  int64_t max) {
  SCOPED_TRACE(id);
  EXPECT_EQ(s.element_id, id);
  EXPECT_EQ(s.tier, tier);
  EXPECT_EQ(s.planned, planned);
  EXPECT_EQ(s.periods, periods);
  EXPECT_EQ(s.periods_receiving, receiving);
  EXPECT_DOUBLE_EQ(static_cast<double>(s.mean), mean);
  EXPECT_DOUBLE_EQ(static_cast<double>(s.p25), p25);
  EXPECT_DOUBLE_EQ(static_cast<double>(s.median), median);
  EXPECT_DOUBLE_EQ(static_cast<double>(s.p75), p75);
  EXPECT_EQ(s.max, max);
}

TEST(CareSpreadBuilderTest, SpreadAcrossPeriodsWorkedByHand) {
  // Four cluster 1 periods (P1-P4), one cluster 3 (P5), one cluster 10
  // (P6; no template, so no spread). As of 2023-12-31; P4 is open.
  const absl::CivilDay s = D(2023, 4, 1), e = D(2023, 6, 30);
  std::vector<PeriodToPrice> periods = {Period("P4", 1, s, std::nullopt),
                                        Period("P1", 1, s, e),
                                        Period("P2", 1, s, e),
                                        Period("P3", 1, s, e),
                                        Period("P5", 3, s, e),
                                        Period("P6", 10, s, e)};
  auto catalogue = TestCatalogue();
  const UnitCosts costs = TestCosts();
  auto builder =
      CareSpreadBuilder::Create(periods, D(2023, 12, 31), *catalogue, costs);
  ASSERT_TRUE(builder.ok()) << builder.status();

  std::vector<ActivityRecord> activity;
  const absl::CivilDay day = D(2023, 5, 1);
  auto times = [&](int n, const ActivityRecord& r) {
    for (int i = 0; i < n; ++i) activity.push_back(r);
  };
  // Costs: pwp 30 min = 1950 * 1.18 = 2301; psychologist 60 min = 8732;
  // psychologist group of 2 for 60 min = 3700 * 1.18 = 4366; psychiatrist
  // 30 min = 8555; bed days acute_adult 5 = 268450, 2 = 107380, 3 = 161070;
  // other 1000 = 1180.
  // P1: 6 pwp (gsh), 5 bed days (adm), an `other` naming c1-hi (matched,
  // delivers no contact), a psychiatrist contact (unmatched); a pwp
  // contact after the period (unclustered: counts nowhere).
  times(6, Contact("p1", "P1", day, "pwp", 30));
  activity.push_back(Bed("p1b", "P1", day, "acute_adult", 5));
  activity.push_back(Other("p1o", "P1", day, 1000, "c1-hi"));
  activity.push_back(Contact("p1u", "P1", day, "psychiatrist", 30));
  activity.push_back(Contact("p1x", "P1", D(2023, 7, 15), "pwp", 30));
  // P2: 2 pwp; bed days 2 and 3 (adm 5 in all).
  times(2, Contact("p2", "P2", day, "pwp", 30));
  activity.push_back(Bed("p2b", "P2", day, "acute_adult", 2));
  activity.push_back(Bed("p2c", "P2", day, "acute_adult", 3));
  // P3: two group sessions with a psychologist (hi, one contact each).
  times(2, Group("p3", "P3", day, "psychologist", 60, 2));
  // P4: 9 pwp, 1 psychologist contact.
  times(9, Contact("p4", "P4", day, "pwp", 30));
  activity.push_back(Contact("p4h", "P4", day, "psychologist", 60));
  // P5 (cluster 3): 3 psychologist contacts (c3-cbt).
  times(3, Contact("p5", "P5", day, "psychologist", 60));
  // P6 (cluster 10, no template) and an unknown patient.
  activity.push_back(Contact("p6", "P6", day, "pwp", 30));
  activity.push_back(Contact("px", "PX", day, "pwp", 30));
  for (const ActivityRecord& r : activity) {
    ASSERT_TRUE(builder->Add(r).ok()) << r.activity_id;
  }
  // A record that cannot be costed is an error naming the field and counts
  // nowhere.
  absl::Status bad = builder->Add(Contact("bad", "P1", day, "counsellor", 30));
  EXPECT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.message()), HasSubstr("staff_group"));

  const std::vector<ClusterSpread> spread = builder->Finish();
  ASSERT_THAT(spread, SizeIs(2));
  const ClusterSpread& c1 = spread[0];
  EXPECT_EQ(c1.cluster, C(1));
  EXPECT_EQ(c1.periods, 4);
  ASSERT_THAT(c1.elements, SizeIs(5));
  // gsh per period: P1 6, P2 2, P3 0, P4 9 -> sorted 0, 2, 6, 9.
  // mean 17 / 4 = 4.25; type 7: p25 at h = 0.75: 0 + 0.75 * 2 = 1.5;
  // median at h = 1.5: 2 + 0.5 * 4 = 4; p75 at h = 2.25: 6 + 0.25 * 3 =
  // 6.75; max 9; 3 periods receiving.
  ExpectSpread(c1.elements[0], "c1-gsh", Tier::kCore, 6, 4, 3, 4.25, 1.5, 4,
               6.75, 9);
  ExpectSpread(c1.elements[1], "c1-ps", Tier::kCore, 1, 4, 0, 0, 0, 0, 0, 0);
  // hi: P1 0 (the `other`), P2 0, P3 2 (groups), P4 1 -> 0, 0, 1, 2:
  // mean 0.75, p25 0, median 0.5, p75 1 + 0.25 * 1 = 1.25, max 2.
  ExpectSpread(c1.elements[2], "c1-hi", Tier::kEssential, 8, 4, 2, 0.75, 0, 0.5,
               1.25, 2);
  ExpectSpread(c1.elements[3], "c1-chk", Tier::kEssential, 1, 4, 0, 0, 0, 0, 0,
               0);
  // adm in bed days: P1 5, P2 2 + 3 = 5, P3 0, P4 0 -> 0, 0, 5, 5:
  // mean 2.5, p25 0, median 2.5, p75 5, max 5; planned 10 bed days.
  ExpectSpread(c1.elements[4], "c1-adm", Tier::kVariance, 10, 4, 2, 2.5, 0, 2.5,
               5, 5);
  // Records: matched P1 6 + 1 + 1, P2 2 + 2, P3 2, P4 9 + 1 = 24;
  // unmatched the psychiatrist contact.
  EXPECT_EQ(c1.matched_records, 24);
  EXPECT_EQ(c1.unmatched_records, 1);
  // Cost per period: P1 6 * 2301 + 268450 + 1180 + 8555 = 291991;
  // P2 2 * 2301 + 107380 + 161070 = 273052; P3 2 * 4366 = 8732;
  // P4 9 * 2301 + 8732 = 29441. Sorted 8732, 29441, 273052, 291991:
  // mean 603216 / 4 = 150804; p25 8732 + 0.75 * 20709 = 24263.75;
  // median (29441 + 273052) / 2 = 151246.5; p75 273052 + 0.25 * 18939 =
  // 277786.75.
  EXPECT_DOUBLE_EQ(static_cast<double>(c1.cost_mean), 150804);
  EXPECT_DOUBLE_EQ(static_cast<double>(c1.cost_p25), 24263.75);
  EXPECT_DOUBLE_EQ(static_cast<double>(c1.cost_median), 151246.5);
  EXPECT_DOUBLE_EQ(static_cast<double>(c1.cost_p75), 277786.75);

  const ClusterSpread& c3 = spread[1];
  EXPECT_EQ(c3.cluster, C(3));
  EXPECT_EQ(c3.periods, 1);
  ASSERT_THAT(c3.elements, SizeIs(1));
  ExpectSpread(c3.elements[0], "c3-cbt", Tier::kCore, 12, 1, 1, 3, 3, 3, 3, 3);
  EXPECT_EQ(c3.matched_records, 3);
  EXPECT_EQ(c3.unmatched_records, 0);
  EXPECT_DOUBLE_EQ(static_cast<double>(c3.cost_median), 3 * 8732);
}

TEST(CareSpreadBuilderTest, NoPeriodsNoSpreadAndBadPeriodsFail) {
  auto catalogue = TestCatalogue();
  const UnitCosts costs = TestCosts();
  auto empty =
      CareSpreadBuilder::Create({}, D(2023, 12, 31), *catalogue, costs);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->Add(Contact("x", "P1", D(2023, 5, 1), "pwp", 30)).ok());
  EXPECT_THAT(empty->Finish(), IsEmpty());
  // A period ending before it starts.
  auto bad =
      CareSpreadBuilder::Create({Period("P1", 1, D(2023, 5, 1), D(2023, 4, 1))},
                                D(2023, 12, 31), *catalogue, costs);
  EXPECT_FALSE(bad.ok());
}

TEST(CareSpreadBuilderTest, PatientWithTwoPeriodsInDifferentClusters) {
  // P1 is in cluster 1 then cluster 3: each record counts for the template
  // of the period that covers its date.
  auto catalogue = TestCatalogue();
  const UnitCosts costs = TestCosts();
  auto builder = CareSpreadBuilder::Create(
      {Period("P1", 3, D(2023, 7, 1), std::nullopt),
       Period("P1", 1, D(2023, 4, 1), D(2023, 6, 30))},
      D(2023, 12, 31), *catalogue, costs);
  ASSERT_TRUE(builder.ok()) << builder.status();
  ASSERT_TRUE(
      builder->Add(Contact("a", "P1", D(2023, 6, 30), "psychologist", 60))
          .ok());
  ASSERT_TRUE(
      builder->Add(Contact("b", "P1", D(2023, 7, 1), "psychologist", 60)).ok());
  ASSERT_TRUE(
      builder->Add(Contact("c", "P1", D(2023, 8, 1), "psychologist", 60)).ok());
  const std::vector<ClusterSpread> spread = builder->Finish();
  ASSERT_THAT(spread, SizeIs(2));
  EXPECT_EQ(spread[0].cluster, C(1));
  EXPECT_EQ(spread[0].elements[2].element_id, "c1-hi");
  EXPECT_EQ(spread[0].elements[2].max, 1);
  EXPECT_EQ(spread[1].cluster, C(3));
  EXPECT_EQ(spread[1].elements[0].max, 2);
  EXPECT_EQ(spread[1].matched_records, 2);
}

}  // namespace
}  // namespace mhpbr
