// Admitted and community costs (issue 17 item 6), worked by hand: a
// period's cost split by where each record's care was given, its days into
// the nights of its own stays and the rest, and tariffs per setting from
// the periods today's trimming keeps.

#include "mhpbr/pay_setting.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/tariff_setting.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }
Cluster C(int code) { return Cluster::FromCode(code).value(); }

// Overhead 18%; nurse_b6 5200 p/h; acute_adult 45500 p/day (pricing.md 1).
UnitCosts SpecCosts() {
  auto c = UnitCosts::Create("spec", 180000, {{"nurse_b6", 5200}},
                             {{"acute_adult", 45500}});
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

ActivityRecord Contact(absl::CivilDay date, int64_t minutes,
                       std::optional<PaySetting> setting = std::nullopt) {
  ActivityRecord r;
  r.patient_id = "P1";
  r.date = date;
  r.kind = ActivityKind::kContact;
  r.staff_group = "nurse_b6";
  r.minutes = minutes;
  r.setting = setting;
  return r;
}

ActivityRecord Stay(absl::CivilDay date, int64_t nights) {
  ActivityRecord r;
  r.patient_id = "P1";
  r.date = date;
  r.kind = ActivityKind::kBedDay;
  r.ward = "acute_adult";
  r.count = nights;
  return r;
}

PeriodToPrice Period(int cluster, absl::CivilDay start, absl::CivilDay end) {
  PeriodToPrice p;
  p.patient_id = "P1";
  p.cluster = C(cluster);
  p.start = start;
  p.end = end;
  return p;
}

TEST(PaySettingTest, ByKindUnlessTheRecordSays) {
  EXPECT_EQ(SettingOf(Stay(D(2024, 1, 1), 1)), PaySetting::kAdmitted);
  EXPECT_EQ(SettingOf(Contact(D(2024, 1, 1), 1)), PaySetting::kCommunity);
  EXPECT_EQ(SettingOf(Contact(D(2024, 1, 1), 1, PaySetting::kAdmitted)),
            PaySetting::kAdmitted);
  ActivityRecord community_bed = Stay(D(2024, 1, 1), 1);
  community_bed.setting = PaySetting::kCommunity;
  EXPECT_FALSE(IsStay(community_bed));
  EXPECT_EQ(ParsePaySetting("").value(), std::nullopt);
  EXPECT_EQ(ParsePaySetting("admitted").value(), PaySetting::kAdmitted);
  EXPECT_THAT(ParsePaySetting("inpatient").status().message(),
              HasSubstr("'inpatient' is not admitted, community or empty"));
}

// P1: period A (cluster 3) 1-10 Jan 2024, period B (cluster 4) 11-20 Jan.
// - a stay of 5 nights from 8 Jan: 5 * 45500 * 1.18 = 268450, all to A
//   (its date's period); its nights inside A are 8, 9, 10 = 3 (the nights
//   of 11 and 12 are in B but the record is not B's, so B counts none);
// - a 60-minute contact on the ward on 9 Jan, flagged admitted:
//   5200 * 1.18 = 6136, admitted cost, no night;
// - a 13-minute contact on 2 Jan: 1329.47 -> 1329, community;
// - a 30-minute contact on 15 Jan: 2600 * 1.18 = 3068, B's, community.
// A: 10 days = 3 admitted + 7 community; 268450 + 6136 = 274586 admitted,
// 1329 community, 275915 in all. B: 10 community days, 3068 community.
TEST(CostBySettingTest, AStaySpanningTwoPeriodsAndAContactOnTheWard) {
  const UnitCosts costs = SpecCosts();
  auto coster =
      ActivityCoster::Create({Period(3, D(2024, 1, 1), D(2024, 1, 10)),
                              Period(4, D(2024, 1, 11), D(2024, 1, 20))},
                             D(2024, 3, 31), costs);
  ASSERT_TRUE(coster.ok()) << coster.status();
  for (const ActivityRecord& r :
       {Stay(D(2024, 1, 8), 5),
        Contact(D(2024, 1, 9), 60, PaySetting::kAdmitted),
        Contact(D(2024, 1, 2), 13), Contact(D(2024, 1, 15), 30)}) {
    ASSERT_TRUE(coster->Add(r).ok());
  }
  const std::vector<CostedPeriod> p = coster->periods();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].days, 10);
  EXPECT_EQ(p[0].admitted_days, 3);
  EXPECT_EQ(p[0].community_days, 7);
  EXPECT_EQ(p[0].admitted_pence, 274586);
  EXPECT_EQ(p[0].community_pence, 1329);
  EXPECT_EQ(p[0].cost_pence, 275915);
  EXPECT_EQ(p[1].admitted_days, 0);
  EXPECT_EQ(p[1].community_days, 10);
  EXPECT_EQ(p[1].admitted_pence, 0);
  EXPECT_EQ(p[1].community_pence, 3068);
}

// Two stays of the same nights (a night recorded twice) cannot make more
// admitted days than the period has: 2 Jan x 3 nights twice in a 3-day
// period = 6, held to 3.
TEST(CostBySettingTest, AdmittedDaysAreAtMostThePeriodsDays) {
  const UnitCosts costs = SpecCosts();
  auto coster = ActivityCoster::Create(
      {Period(3, D(2024, 1, 1), D(2024, 1, 3))}, D(2024, 3, 31), costs);
  ASSERT_TRUE(coster.ok());
  ASSERT_TRUE(coster->Add(Stay(D(2024, 1, 1), 3)).ok());
  ASSERT_TRUE(coster->Add(Stay(D(2024, 1, 1), 3)).ok());
  const CostedPeriod p = coster->period(0);
  EXPECT_EQ(p.admitted_days, 3);
  EXPECT_EQ(p.community_days, 0);
  // 2 * 3 * 45500 * 1.18 = 322140.
  EXPECT_EQ(p.admitted_pence, 322140);
}

TEST(ActivityCsvSettingTest, TheSettingColumn) {
  const std::string csv =
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,setting\n"
      "a1,P1,2024-01-01,contact,nurse_b6,10,,,,,admitted\n"
      "a2,P1,2024-01-01,bed_day,,,acute_adult,1,,,\n"
      "a3,P1,2024-01-01,contact,nurse_b6,10,,,,,ward\n";
  std::FILE* f = fmemopen(const_cast<char*>(csv.data()), csv.size(), "r");
  ASSERT_NE(f, nullptr);
  auto reader = ActivityCsvReader::Open(f, "activity.csv");
  ASSERT_TRUE(reader.ok()) << reader.status();
  InputRow<ActivityRecord> row;
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.value.setting, PaySetting::kAdmitted);
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.value.setting, std::nullopt);
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_THAT(row.error,
              HasSubstr("setting: 'ward' is not admitted, community or empty"));
  std::fclose(f);
}

CostSample Split(int cluster, int64_t days, int64_t admitted_days,
                 int64_t admitted_pence, int64_t community_pence) {
  return CostSample{C(cluster), days, admitted_pence + community_pence,
                    SettingSplit{admitted_days, days - admitted_days,
                                 admitted_pence, community_pence}};
}

// Cluster 3, five periods with cost per day 100, 110, 120, 130 and 1000:
// Q1 = 110, Q3 = 130 (positions 1 and 3), IQR 20, fences [80, 160]: the
// 1000 period (all admitted) is trimmed. Kept: 4600 p over 40 days ->
// 115 * 1.014 = 116.61 -> 117 p/day. Admitted: 600 + 0 + 900 + 1300 =
// 2800 p over 2 + 0 + 5 + 10 = 17 days -> 164.706 * 1.014 = 167.01 -> 167.
// Community: 400 + 1100 + 300 + 0 = 1800 p over 8 + 10 + 5 + 0 = 23 days
// -> 78.261 * 1.014 = 79.36 -> 79. Cluster 4's one period has no admitted
// day: its admitted price is empty, and its schedule entry has neither.
TEST(TariffBySettingTest, PerSettingPricesOverTheKeptPeriods) {
  TariffSettings s;
  s.uplift_ppm = 25000;
  s.efficiency_ppm = 11000;
  s.min_periods = 1;
  s.by_setting = true;
  const std::vector<CostSample> samples = {
      Split(3, 10, 2, 600, 400), Split(3, 10, 0, 0, 1100),
      Split(3, 10, 5, 900, 300), Split(3, 10, 10, 1300, 0),
      Split(3, 2, 2, 2000, 0),   Split(4, 10, 0, 0, 2000)};
  auto rules = DefaultRuleSet().value();
  auto t = SetTariffs(samples, s, *rules);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->evidence.size(), 2u);
  const ClusterEvidence& c3 = t->evidence[0];
  EXPECT_EQ(c3.used, 4);
  EXPECT_EQ(c3.excluded, 1);
  EXPECT_EQ(c3.price_day_pence, 117);
  EXPECT_EQ(c3.admitted_days, 17);
  EXPECT_EQ(c3.community_days, 23);
  EXPECT_EQ(c3.admitted_price_pence, 167);
  EXPECT_EQ(c3.community_price_pence, 79);
  const ClusterEvidence& c4 = t->evidence[1];
  // 2000 / 10 * 1.014 = 202.8 -> 203.
  EXPECT_EQ(c4.community_price_pence, 203);
  EXPECT_EQ(c4.admitted_price_pence, std::nullopt);
  const TariffEntry* e3 = t->schedule.Find(C(3));
  ASSERT_NE(e3, nullptr);
  EXPECT_EQ(e3->price_pence, 117);
  EXPECT_EQ(e3->admitted_price_pence, 167);
  EXPECT_EQ(e3->community_price_pence, 79);
  const TariffEntry* e4 = t->schedule.Find(C(4));
  ASSERT_NE(e4, nullptr);
  EXPECT_FALSE(e4->has_setting_prices());
}

TEST(TariffBySettingTest, ASplitMustAddUpAndTheBasisBeDay) {
  auto rules = DefaultRuleSet().value();
  TariffSettings s;
  s.min_periods = 1;
  s.by_setting = true;
  CostSample bad = Split(3, 10, 2, 600, 400);
  bad.cost_pence = 999;
  EXPECT_THAT(SetTariffs({bad}, s, *rules).status().message(),
              HasSubstr("sample 1 (cluster 3): admitted_pence + "
                        "community_pence is not cost_pence"));
  CostSample none{C(3), 10, 1000};
  EXPECT_THAT(SetTariffs({none}, s, *rules).status().message(),
              HasSubstr("no split by setting"));
  s.basis = Basis::kPeriod;
  EXPECT_THAT(
      SetTariffs({Split(3, 10, 2, 600, 400)}, s, *rules).status().message(),
      HasSubstr("setting prices need basis day"));
}

}  // namespace
}  // namespace mhpbr
