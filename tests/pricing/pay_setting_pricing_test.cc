// Pricing admitted and community days apart (issue 17 item 6), worked by
// hand to the penny: a day-basis cluster whose tariff entry has an
// admitted and a community price pays each day at its setting's price,
// times the MFF, rounded once per line; the admitted days are the
// patient's stay nights inside both the period and the contract year, a
// night covered twice counted once.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/admitted_nights.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/pricing_io.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::C;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TariffEntry SettingEntry(int cluster, int64_t day, int64_t admitted,
                         int64_t community) {
  TariffEntry e = Entry(cluster, Basis::kDay, day);
  e.admitted_price_pence = admitted;
  e.community_price_pence = community;
  return e;
}

TEST(AdmittedNightsTest, MergedAndClippedToEachPeriod) {
  std::vector<PeriodToPrice> periods = {
      Period("P1", 3, D(2024, 3, 20), D(2024, 4, 15)),
      Period("P1", 4, D(2024, 4, 16), std::nullopt),
      Period("P2", 3, D(2024, 3, 20), D(2024, 4, 15))};
  // P1: 28 Mar x 7 = 28 Mar - 3 Apr; 3 Apr x 2 = 3-4 Apr (3 Apr twice);
  // 14 Apr x 5 = 14-18 Apr, across both periods. Q9 has no period.
  const std::vector<Stay> stays = {{"P1", D(2024, 3, 28), 7},
                                   {"P1", D(2024, 4, 3), 2},
                                   {"P1", D(2024, 4, 14), 5},
                                   {"Q9", D(2024, 4, 1), 3}};
  SetAdmittedNights(stays, absl::MakeSpan(periods));
  EXPECT_THAT(periods[0].admitted_nights,
              ElementsAre(NightSpan{D(2024, 3, 28), D(2024, 4, 4)},
                          NightSpan{D(2024, 4, 14), D(2024, 4, 15)}));
  EXPECT_THAT(periods[1].admitted_nights,
              ElementsAre(NightSpan{D(2024, 4, 16), D(2024, 4, 18)}));
  EXPECT_TRUE(periods[2].admitted_nights.empty());
  // Within the year from 1 April: 1-4 Apr and 14-15 Apr = 6.
  EXPECT_EQ(
      NightsWithin(periods[0].admitted_nights, D(2024, 4, 1), D(2025, 3, 31)),
      6);
  EXPECT_EQ(
      NightsWithin(periods[0].admitted_nights, D(2024, 4, 5), D(2024, 4, 13)),
      0);
}

TEST(AdmittedNightsTest, OnlyAdmittedBedDaysAreStays) {
  ActivityRecord r;
  r.patient_id = "P1";
  r.date = D(2024, 4, 1);
  r.kind = ActivityKind::kBedDay;
  r.count = 3;
  ASSERT_TRUE(StayOf(r).has_value());
  EXPECT_EQ(StayOf(r)->nights, 3);
  r.setting = PaySetting::kCommunity;
  EXPECT_FALSE(StayOf(r).has_value());
  r.setting.reset();
  r.count = 0;
  EXPECT_FALSE(StayOf(r).has_value());
  r.count = 3;
  r.kind = ActivityKind::kContact;
  r.setting = PaySetting::kAdmitted;
  EXPECT_FALSE(StayOf(r).has_value());
}

// Cluster 3: day 117, admitted 167, community 79; MFF 1.085430; year
// 2024/25. P1's period 20 Mar - 15 Apr 2024 straddles 1 April: 15 days in
// the year. Stays 28 Mar x 7 and 3 Apr x 2 cover 28 Mar - 4 Apr: 4 nights
// in the year (1-4 Apr), 11 community days. (4 * 167 + 11 * 79) *
// 1.08543 = 1537 * 1.08543 = 1668.31 -> 1668; its admitted part 668 *
// 1.08543 = 725.07 -> 725. Cluster 4 has no setting prices: 10 days at 200
// = 2000 * 1.08543 = 2170.86 -> 2171, as without them.
TEST(PriceBySettingTest, AStraddlingPeriodWithAnMff) {
  std::vector<PeriodToPrice> periods = {
      Period("P1", 3, D(2024, 3, 20), D(2024, 4, 15)),
      Period("P1", 4, D(2024, 5, 1), D(2024, 5, 10))};
  SetAdmittedNights(
      std::vector<Stay>{{"P1", D(2024, 3, 28), 7}, {"P1", D(2024, 4, 3), 2}},
      absl::MakeSpan(periods));
  const TariffSchedule tariff =
      Tariff({SettingEntry(3, 117, 167, 79), Entry(4, Basis::kDay, 200)});
  auto st =
      PriceContract(periods, {}, tariff, YearContract(2024, 1085430), *Rules());
  ASSERT_TRUE(st.ok()) << st.status();
  ASSERT_EQ(st->lines.size(), 2u);
  const StatementLine& a = st->lines[0];
  EXPECT_EQ(a.days_in_year, 15);
  EXPECT_EQ(a.units, 15);
  EXPECT_TRUE(a.by_setting);
  EXPECT_EQ(a.admitted_days, 4);
  EXPECT_EQ(a.amount_pence, 1668);
  EXPECT_EQ(a.admitted_pence, 725);
  const StatementLine& b = st->lines[1];
  EXPECT_FALSE(b.by_setting);
  EXPECT_EQ(b.amount_pence, 2171);
  EXPECT_EQ(st->totals.activity_pence, 1668 + 2171);

  // Without stays every day is community: 15 * 79 * 1.08543 = 1286.23
  // -> 1286.
  std::vector<PeriodToPrice> no_stays = {periods[0]};
  no_stays[0].admitted_nights.clear();
  auto plain = PriceContract(no_stays, {}, tariff, YearContract(2024, 1085430),
                             *Rules());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->lines[0].admitted_days, 0);
  EXPECT_EQ(plain->lines[0].amount_pence, 1286);

  // Through 2 April (in-year): 2 days, both admitted: 2 * 167 * 1.08543
  // = 362.53 -> 363.
  // The pricer keeps a reference to the rule set: hold it.
  const std::shared_ptr<const RuleSet> rules = Rules();
  auto pricer =
      PeriodPricer::Create(tariff, YearContract(2024, 1085430), *rules);
  ASSERT_TRUE(pricer.ok());
  StatementLine through;
  ASSERT_TRUE(
      pricer->PriceThroughInto(periods[0], D(2024, 4, 2), &through).value());
  EXPECT_EQ(through.admitted_days, 2);
  EXPECT_EQ(through.amount_pence, 363);
}

absl::StatusOr<TariffSchedule> ReadTariffText(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  auto t = ReadTariffCsv(f, "tariff.csv");
  std::fclose(f);
  return t;
}

TEST(TariffCsvSettingTest, ReadsBothOrNeither) {
  auto t = ReadTariffText(
      "cluster,basis,price_pence,admitted_price_pence,community_price_pence\n"
      "3,day,117,167,79\n"
      "4,day,200,,\n"
      "11,period,46116,,\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->has_setting_prices());
  EXPECT_EQ(t->Find(C(3))->admitted_price_pence, 167);
  EXPECT_EQ(t->Find(C(3))->community_price_pence, 79);
  EXPECT_FALSE(t->Find(C(4))->has_setting_prices());
  EXPECT_FALSE(t->Find(C(11))->has_setting_prices());
  auto plain = ReadTariffText("cluster,basis,price_pence\n3,day,117\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->has_setting_prices());
}

TEST(TariffCsvSettingTest, BadSettingPricesNameTheLineAndField) {
  const std::string header =
      "cluster,basis,price_pence,admitted_price_pence,community_price_pence\n";
  EXPECT_THAT(ReadTariffText(header + "3,day,117,167,\n").status().message(),
              HasSubstr("tariff.csv: line 2: community_price_pence: empty, "
                        "but the other setting price is given"));
  EXPECT_THAT(ReadTariffText(header + "3,day,117,,79\n").status().message(),
              HasSubstr("line 2: admitted_price_pence: empty"));
  EXPECT_THAT(
      ReadTariffText(header + "3,period,46116,167,79\n").status().message(),
      HasSubstr("line 2: admitted_price_pence: setting prices need basis "
                "day, not period"));
  EXPECT_THAT(ReadTariffText(header + "3,day,117,-1,79\n").status().message(),
              HasSubstr("line 2: admitted_price_pence: must not be negative"));
  EXPECT_THAT(ReadTariffText(header + "3,day,117,167,x\n").status().message(),
              HasSubstr("line 2: community_price_pence: 'x' is not a whole "
                        "number"));
}

TEST(TariffScheduleSettingTest, CreateChecksThePair) {
  TariffEntry half = Entry(3, Basis::kDay, 117);
  half.admitted_price_pence = 167;
  EXPECT_THAT(TariffSchedule::Create({half}).status().message(),
              HasSubstr("tariff for cluster 3: community_price_pence is "
                        "missing"));
  TariffEntry year = SettingEntry(3, 117, 167, 79);
  year.basis = Basis::kYear;
  EXPECT_THAT(TariffSchedule::Create({year}).status().message(),
              HasSubstr("setting prices need basis day, not year"));
}

}  // namespace
}  // namespace mhpbr
