// Contract pricing (pricing.md 3 and 6), worked by hand to the penny.
//
// Calendar facts used below: 2023/24 runs 2023-04-01..2024-03-31 and has
// 366 days (29 Feb 2024); 2022/23 and 2024/25 have 365. Cluster 3 has a
// maximum review of 6 months = 365 * 6 / 12 = 182.5 -> 183 days (README
// "Choices"); cluster 1 has 12 weeks = 84 days; cluster 14 has 4 weeks = 28
// days.

#include "mhpbr/contract_pricer.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/review_schedule.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::C;
using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::MhsdsRules;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::HasSubstr;

class PricingTest : public ::testing::Test {
 protected:
  // Prices `periods` and returns the statement (the test fails if pricing
  // does).
  Statement Price(const std::vector<PeriodToPrice>& periods,
                  const TariffSchedule& tariff, const Contract& contract,
                  const std::vector<OneOff>& one_offs = {}) {
    absl::StatusOr<Statement> st =
        PriceContract(periods, one_offs, tariff, contract, *rules_);
    EXPECT_TRUE(st.ok()) << st.status();
    if (!st.ok()) return Statement();
    return *std::move(st);
  }
  // The one line a single period makes.
  StatementLine OneLine(const PeriodToPrice& p, const TariffSchedule& tariff,
                        const Contract& contract) {
    Statement st = Price({p}, tariff, contract);
    EXPECT_EQ(st.lines.size(), 1u);
    if (st.lines.size() != 1) return StatementLine();
    return st.lines[0];
  }

  std::shared_ptr<const RuleSet> rules_ = Rules();
};

TEST_F(PricingTest, ReviewLengthsOfTheDefaultRules) {
  // 6 months = 182.5 -> 183; 12 months = 365; 12 weeks = 84; 4 weeks = 28.
  EXPECT_EQ(ReviewLengthDays(rules_->cluster(C(3)).max_review), 183);
  EXPECT_EQ(ReviewLengthDays(rules_->cluster(C(7)).max_review), 365);
  EXPECT_EQ(ReviewLengthDays(rules_->cluster(C(1)).max_review), 84);
  EXPECT_EQ(ReviewLengthDays(rules_->cluster(C(14)).max_review), 28);
  EXPECT_EQ(ReviewLengthDays(rules_->cluster(C(2)).max_review), 105);
}

// ---- day ---------------------------------------------------------------

TEST_F(PricingTest, DayBasisMffBelowOne) {
  // 7 days (1-7 May) at 253 p, MFF 0.95: 7 * 253 * 0.95 = 1682.45 -> 1682.
  const StatementLine l =
      OneLine(Period("p1", 3, D(2023, 5, 1), D(2023, 5, 7)),
              Tariff({Entry(3, Basis::kDay, 253)}), YearContract(2023, 950000));
  EXPECT_EQ(l.days_in_year, 7);
  EXPECT_EQ(l.units, 7);
  ASSERT_TRUE(l.basis.has_value());
  EXPECT_EQ(*l.basis, Basis::kDay);
  EXPECT_EQ(l.status, LineStatus::kPriced);
  EXPECT_EQ(l.amount_pence, 1682);
  EXPECT_EQ(l.social_care_pence, 0);
}

TEST_F(PricingTest, DayBasisMffAboveOne) {
  // 1771 * 1.085430 = 1922.29653 -> 1922.
  const StatementLine l = OneLine(Period("p1", 3, D(2023, 5, 1), D(2023, 5, 7)),
                                  Tariff({Entry(3, Basis::kDay, 253)}),
                                  YearContract(2023, 1085430));
  EXPECT_EQ(l.amount_pence, 1922);
}

TEST_F(PricingTest, DayBasisRoundsHalfAwayOnce) {
  const TariffSchedule t =
      Tariff({Entry(3, Basis::kDay, 3), Entry(4, Basis::kDay, 5)});
  // 1 day * 3 p * 0.5 = 1.5 -> 2; 1 day * 5 p * 0.5 = 2.5 -> 3.
  EXPECT_EQ(OneLine(Period("p", 3, D(2023, 6, 1), D(2023, 6, 1)), t,
                    YearContract(2023, 500000))
                .amount_pence,
            2);
  EXPECT_EQ(OneLine(Period("p", 4, D(2023, 6, 1), D(2023, 6, 1)), t,
                    YearContract(2023, 500000))
                .amount_pence,
            3);
  // 3 days * 5 p * 0.5 = 7.5 -> 8 (rounding each day's 2.5 to 3 would give
  // 9; truncating would give 7).
  EXPECT_EQ(OneLine(Period("p", 4, D(2023, 6, 1), D(2023, 6, 3)), t,
                    YearContract(2023, 500000))
                .amount_pence,
            8);
}

TEST_F(PricingTest, DayBasisPeriodSpanningTwoYearsPaysOnlyDaysInside) {
  // 1 Mar - 10 Apr 2023 in 2023/24: 1-10 April = 10 days * 252 = 2520.
  const TariffSchedule t = Tariff({Entry(3, Basis::kDay, 252)});
  const PeriodToPrice p = Period("p", 3, D(2023, 3, 1), D(2023, 4, 10));
  const StatementLine l = OneLine(p, t, YearContract(2023));
  EXPECT_EQ(l.days_in_year, 10);
  EXPECT_EQ(l.amount_pence, 2520);
  // In 2022/23: 1-31 March = 31 days * 252 = 7812.
  const StatementLine l22 = OneLine(p, t, YearContract(2022));
  EXPECT_EQ(l22.days_in_year, 31);
  EXPECT_EQ(l22.amount_pence, 7812);
  // The line keeps the period's own dates.
  EXPECT_EQ(l.start, D(2023, 3, 1));
  EXPECT_EQ(l.end, std::optional<absl::CivilDay>(D(2023, 4, 10)));
}

TEST_F(PricingTest, OpenPeriodRunsTo31March) {
  const TariffSchedule t = Tariff({Entry(3, Basis::kDay, 252)});
  // Open from 1 March 2024 in 2023/24: 1-31 March = 31 days = 7812.
  StatementLine l = OneLine(Period("p", 3, D(2024, 3, 1), std::nullopt), t,
                            YearContract(2023));
  EXPECT_EQ(l.days_in_year, 31);
  EXPECT_EQ(l.amount_pence, 7812);
  EXPECT_FALSE(l.end.has_value());
  // Open from 1 Jan 2020: the whole of 2023/24, 366 days * 252 = 92232.
  l = OneLine(Period("p", 3, D(2020, 1, 1), std::nullopt), t,
              YearContract(2023));
  EXPECT_EQ(l.days_in_year, 366);
  EXPECT_EQ(l.amount_pence, 92232);
}

TEST_F(PricingTest, PeriodsOutsideTheYearMakeNoLine) {
  const TariffSchedule t = Tariff({Entry(3, Basis::kDay, 252)});
  const Statement st =
      Price({Period("a", 3, D(2022, 1, 1), D(2022, 3, 31)),
             Period("b", 3, D(2022, 4, 1), D(2023, 3, 31)),  // ends 31 Mar
             Period("c", 3, D(2024, 4, 1), std::nullopt),    // starts after
             Period("d", 3, D(2024, 4, 1), D(2024, 5, 1)),
             // Ends on the first day: one day in the year.
             Period("e", 3, D(2023, 1, 1), D(2023, 4, 1)),
             // Starts on the last day: one day.
             Period("f", 3, D(2024, 3, 31), D(2024, 6, 1))},
            t, YearContract(2023));
  ASSERT_EQ(st.lines.size(), 2u);
  EXPECT_EQ(st.lines[0].patient_id, "e");
  EXPECT_EQ(st.lines[0].days_in_year, 1);
  EXPECT_EQ(st.lines[0].amount_pence, 252);
  EXPECT_EQ(st.lines[1].patient_id, "f");
  EXPECT_EQ(st.lines[1].days_in_year, 1);
  EXPECT_EQ(st.totals.activity_pence, 504);
}

// ---- year --------------------------------------------------------------

TEST_F(PricingTest, YearBasisIn366DayYear) {
  // 1 Apr - 30 Jun 2023 = 30 + 31 + 30 = 91 days of 2023/24 (366 days):
  // 91980 * 91 / 366 = 22869.344 -> 22869.
  const Contract c = YearContract(2023);
  ASSERT_EQ(c.days_in_year(), 366);
  const StatementLine l = OneLine(Period("p", 3, D(2023, 4, 1), D(2023, 6, 30)),
                                  Tariff({Entry(3, Basis::kYear, 91980)}), c);
  EXPECT_EQ(l.days_in_year, 91);
  EXPECT_EQ(l.units, 91);
  EXPECT_EQ(*l.basis, Basis::kYear);
  EXPECT_EQ(l.amount_pence, 22869);
}

TEST_F(PricingTest, YearBasisIn365DayYear) {
  // 1 Apr - 30 Jun 2024 = 91 days of 2024/25 (365 days): 91980 * 91 / 365
  // = 252 * 91 = 22932 exactly.
  const Contract c = YearContract(2024);
  ASSERT_EQ(c.days_in_year(), 365);
  const StatementLine l = OneLine(Period("p", 3, D(2024, 4, 1), D(2024, 6, 30)),
                                  Tariff({Entry(3, Basis::kYear, 91980)}), c);
  EXPECT_EQ(l.amount_pence, 22932);
}

TEST_F(PricingTest, YearBasisRoundsOnceAfterMff) {
  // 91980 * 91 / 366 * 1.08543 = 22869.344 * 1.08543 = 24823.07 -> 24823.
  // Where rounding early would differ: 1 day at 100 p/year in 366 days,
  // MFF 1.83: 100 / 366 * 1.83 = 0.5 exactly -> 1; rounding 100 / 366 =
  // 0.273 to 0 first would give 0.
  EXPECT_EQ(OneLine(Period("p", 3, D(2023, 4, 1), D(2023, 6, 30)),
                    Tariff({Entry(3, Basis::kYear, 91980)}),
                    YearContract(2023, 1085430))
                .amount_pence,
            24823);
  EXPECT_EQ(OneLine(Period("p", 3, D(2023, 4, 1), D(2023, 4, 1)),
                    Tariff({Entry(3, Basis::kYear, 100)}),
                    YearContract(2023, 1830000))
                .amount_pence,
            1);
}

TEST_F(PricingTest, YearBasisOpenPeriodIncludesLeapDay) {
  // Open from 1 Feb 2024: 29 (Feb 2024) + 31 = 60 days; 91980 * 60 / 366
  // = 15078.69 -> 15079.
  const StatementLine l =
      OneLine(Period("p", 3, D(2024, 2, 1), std::nullopt),
              Tariff({Entry(3, Basis::kYear, 91980)}), YearContract(2023));
  EXPECT_EQ(l.days_in_year, 60);
  EXPECT_EQ(l.amount_pence, 15079);
}

TEST_F(PricingTest, YearBasisWholeYearPaysThePrice) {
  // A whole year of care pays exactly the price, in either length of year.
  const TariffSchedule t = Tariff({Entry(3, Basis::kYear, 91980)});
  EXPECT_EQ(OneLine(Period("p", 3, D(2023, 4, 1), D(2024, 3, 31)), t,
                    YearContract(2023))
                .amount_pence,
            91980);
  EXPECT_EQ(OneLine(Period("p", 3, D(2024, 4, 1), D(2025, 3, 31)), t,
                    YearContract(2024))
                .amount_pence,
            91980);
}

// ---- period ------------------------------------------------------------

TEST_F(PricingTest, PeriodBasisFullAndProRata) {
  // 1 Apr - 31 Dec 2023 (275 days), cluster 3 (183-day review periods):
  // units start 1 Apr and 1 Oct 2023 (1 Apr + 183); the second covers
  // 1 Oct - 31 Dec = 92 days and is cut short by the period's end.
  // Price 46116 (= 252 * 183), MFF 1.08543.
  // FULL:     2 * 46116 * 1.08543 = 92232 * 1.08543 = 100111.37 -> 100111.
  // PRO_RATA: 46116 * (183 + 92) / 183 * 1.08543 = 69300 * 1.08543
  //           = 75220.30 -> 75220.
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice p = Period("p", 3, D(2023, 4, 1), D(2023, 12, 31));
  const StatementLine full =
      OneLine(p, t, YearContract(2023, 1085430, PartialPeriod::kFull));
  EXPECT_EQ(full.units, 2);
  EXPECT_EQ(full.days_in_year, 275);
  EXPECT_EQ(*full.basis, Basis::kPeriod);
  EXPECT_EQ(full.amount_pence, 100111);
  const StatementLine pro =
      OneLine(p, t, YearContract(2023, 1085430, PartialPeriod::kProRata));
  EXPECT_EQ(pro.units, 2);
  EXPECT_EQ(pro.amount_pence, 75220);
}

TEST_F(PricingTest, PeriodEndingInsideItsFirstReviewPeriod) {
  // 1-31 May 2023: one unit of 183 days, covering 31.
  // FULL: 46116. PRO_RATA: 46116 * 31 / 183 = 252 * 31 = 7812.
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice p = Period("p", 3, D(2023, 5, 1), D(2023, 5, 31));
  const StatementLine full =
      OneLine(p, t, YearContract(2023, 1000000, PartialPeriod::kFull));
  EXPECT_EQ(full.units, 1);
  EXPECT_EQ(full.amount_pence, 46116);
  const StatementLine pro =
      OneLine(p, t, YearContract(2023, 1000000, PartialPeriod::kProRata));
  EXPECT_EQ(pro.units, 1);
  EXPECT_EQ(pro.amount_pence, 7812);
  // A one-day period pays 1/183: 46116 / 183 = 252.
  EXPECT_EQ(OneLine(Period("p", 3, D(2023, 5, 1), D(2023, 5, 1)), t,
                    YearContract(2023))
                .amount_pence,
            252);
}

TEST_F(PricingTest, PeriodExactlyOneReviewLongIsNotCutShort) {
  // 1 Apr - 30 Sep 2023 is exactly 183 days: one whole unit in both modes.
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice p = Period("p", 3, D(2023, 4, 1), D(2023, 9, 30));
  for (PartialPeriod mode : {PartialPeriod::kFull, PartialPeriod::kProRata}) {
    const StatementLine l = OneLine(p, t, YearContract(2023, 1000000, mode));
    EXPECT_EQ(l.units, 1);
    EXPECT_EQ(l.amount_pence, 46116);
  }
  // One day more starts a second unit covering 1 day: pro rata 46116 + 252.
  const StatementLine l = OneLine(Period("p", 3, D(2023, 4, 1), D(2023, 10, 1)),
                                  t, YearContract(2023));
  EXPECT_EQ(l.units, 2);
  EXPECT_EQ(l.amount_pence, 46368);
}

TEST_F(PricingTest, PeriodSpanningTwoYearsCountsUnitsStartingInside) {
  // 1 Jan - 31 Dec 2023: units start 1 Jan 2023 and 3 Jul 2023 (1 Jan +
  // 183); the next would start 2 Jan 2024, after the end.
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice p = Period("p", 3, D(2023, 1, 1), D(2023, 12, 31));
  // 2023/24 holds the 3 Jul unit only; it covers 3 Jul - 31 Dec = 182 days
  // (29 + 31 + 30 + 31 + 30 + 31), one short of 183: pro rata 252 * 182 =
  // 45864; full 46116. days_in_year = 1 Apr - 31 Dec = 275.
  StatementLine l = OneLine(p, t, YearContract(2023));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.days_in_year, 275);
  EXPECT_EQ(l.amount_pence, 45864);
  l = OneLine(p, t, YearContract(2023, 1000000, PartialPeriod::kFull));
  EXPECT_EQ(l.amount_pence, 46116);
  // 2022/23 holds the 1 Jan unit, whole (it runs to 2 Jul, inside the
  // period) even though the year ends on 31 Mar: 46116 in both modes;
  // days_in_year = 1 Jan - 31 Mar = 90.
  l = OneLine(p, t, YearContract(2022));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.days_in_year, 90);
  EXPECT_EQ(l.amount_pence, 46116);
}

TEST_F(PricingTest, PeriodLastUnitCutShortAfterTheYearEnd) {
  // 1 Oct 2023 - 15 Apr 2024: units start 1 Oct 2023 and 1 Apr 2024 (1 Oct
  // + 183 = 1 Apr 2024, outside 2023/24). The 2023/24 unit is whole (it
  // runs 1 Oct - 31 Mar, 183 days): 46116. The 2024/25 unit covers 1-15
  // Apr = 15 days: pro rata 252 * 15 = 3780.
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice p = Period("p", 3, D(2023, 10, 1), D(2024, 4, 15));
  StatementLine l = OneLine(p, t, YearContract(2023));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.amount_pence, 46116);
  l = OneLine(p, t, YearContract(2024));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.days_in_year, 15);
  EXPECT_EQ(l.amount_pence, 3780);
}

TEST_F(PricingTest, PeriodWithNoUnitStartingInTheYear) {
  // 1 Jan - 15 Apr 2023: its only unit starts 1 Jan 2023, in 2022/23. In
  // 2023/24 the period overlaps 15 days but no unit starts: a priced line
  // with 0 units and amount 0.
  const StatementLine l =
      OneLine(Period("p", 3, D(2023, 1, 1), D(2023, 4, 15)),
              Tariff({Entry(3, Basis::kPeriod, 46116)}), YearContract(2023));
  EXPECT_EQ(l.days_in_year, 15);
  EXPECT_EQ(l.units, 0);
  EXPECT_EQ(l.amount_pence, 0);
  EXPECT_EQ(l.status, LineStatus::kPriced);
}

TEST_F(PricingTest, OpenPeriodBasisUnitsAreWhole) {
  const TariffSchedule t = Tariff({Entry(3, Basis::kPeriod, 46116)});
  // Open from 1 Oct 2023: runs to 31 Mar 2024 (183 days); one unit; an
  // open period's units are whole, so pro rata also pays 46116.
  StatementLine l = OneLine(Period("p", 3, D(2023, 10, 1), std::nullopt), t,
                            YearContract(2023));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.days_in_year, 183);
  EXPECT_EQ(l.amount_pence, 46116);
  // Open from 1 Mar 2024: 31 days to the year end, but still one whole
  // unit.
  l = OneLine(Period("p", 3, D(2024, 3, 1), std::nullopt), t,
              YearContract(2023));
  EXPECT_EQ(l.units, 1);
  EXPECT_EQ(l.amount_pence, 46116);
  // Open from 1 Oct 2022: units start 1 Oct 2022, 2 Apr 2023, 2 Oct 2023,
  // 2 Apr 2024; 2023/24 holds two: 92232.
  l = OneLine(Period("p", 3, D(2022, 10, 1), std::nullopt), t,
              YearContract(2023));
  EXPECT_EQ(l.units, 2);
  EXPECT_EQ(l.amount_pence, 92232);
}

TEST_F(PricingTest, PeriodBasisWeeksCluster) {
  // Cluster 14: 4 weeks = 28 days, price 2800, pro rata. 1 Apr - 14 May
  // 2023 = 44 days: units at 1 Apr (28 days) and 29 Apr (covers 29 Apr -
  // 14 May = 16 days): 2800 + 2800 * 16 / 28 = 2800 + 1600 = 4400.
  const StatementLine l =
      OneLine(Period("p", 14, D(2023, 4, 1), D(2023, 5, 14)),
              Tariff({Entry(14, Basis::kPeriod, 2800)}), YearContract(2023));
  EXPECT_EQ(l.units, 2);
  EXPECT_EQ(l.amount_pence, 4400);
}

// ---- unpriced, one-offs, social care -----------------------------------

TEST_F(PricingTest, UnpricedClusterZeroKeepsItsLine) {
  // Cluster 0, 1-10 June 2023: amount 0, empty basis, 0 units, status
  // unpriced, days counted.
  const Statement st =
      Price({Period("p", 0, D(2023, 6, 1), D(2023, 6, 10))},
            Tariff({Entry(3, Basis::kDay, 252)}), YearContract(2023));
  ASSERT_EQ(st.lines.size(), 1u);
  const StatementLine& l = st.lines[0];
  EXPECT_EQ(l.status, LineStatus::kUnpriced);
  EXPECT_EQ(LineStatusName(l.status), "unpriced");
  EXPECT_FALSE(l.basis.has_value());
  EXPECT_EQ(l.units, 0);
  EXPECT_EQ(l.amount_pence, 0);
  EXPECT_EQ(l.days_in_year, 10);
  ASSERT_TRUE(l.cluster.has_value());
  EXPECT_EQ(l.cluster->code(), 0);
  ASSERT_EQ(st.clusters.size(), 1u);
  EXPECT_EQ(st.clusters[0].cluster.code(), 0);
  EXPECT_EQ(st.clusters[0].periods, 1);
  EXPECT_EQ(st.clusters[0].days, 10);
  EXPECT_EQ(st.clusters[0].amount_pence, 0);
  EXPECT_EQ(st.totals.activity_pence, 0);
}

TEST_F(PricingTest, OneOffsComeFirstInInputOrder) {
  // 3 * 12345 * 1.08543 = 37035 * 1.08543 = 37035 + 3163.90005 =
  // 40198.90005 -> 40199. And 1 * 10 * 1.08543 = 10.8543 -> 11.
  std::vector<OneOff> one_offs(2);
  one_offs[0].item = "zz-ect";
  one_offs[0].count = 3;
  one_offs[0].price_pence = 12345;
  one_offs[0].line = 2;
  one_offs[1].item = "aa-interpreter";
  one_offs[1].count = 1;
  one_offs[1].price_pence = 10;
  one_offs[1].line = 3;
  const Statement st = Price({Period("a", 3, D(2023, 5, 1), D(2023, 5, 1))},
                             Tariff({Entry(3, Basis::kDay, 100)}),
                             YearContract(2023, 1085430), one_offs);
  ASSERT_EQ(st.lines.size(), 3u);
  EXPECT_TRUE(st.lines[0].one_off);
  EXPECT_EQ(st.lines[0].item, "zz-ect");
  EXPECT_EQ(st.lines[0].units, 3);
  EXPECT_EQ(st.lines[0].amount_pence, 40199);
  EXPECT_TRUE(st.lines[0].patient_id.empty());
  EXPECT_FALSE(st.lines[0].cluster.has_value());
  EXPECT_FALSE(st.lines[0].basis.has_value());
  EXPECT_TRUE(st.lines[1].one_off);
  EXPECT_EQ(st.lines[1].item, "aa-interpreter");
  EXPECT_EQ(st.lines[1].amount_pence, 11);
  EXPECT_FALSE(st.lines[2].one_off);
  // 100 * 1.08543 = 108.543 -> 109.
  EXPECT_EQ(st.lines[2].amount_pence, 109);
  // One-offs are in no cluster but in the activity value.
  ASSERT_EQ(st.clusters.size(), 1u);
  EXPECT_EQ(st.clusters[0].amount_pence, 109);
  EXPECT_EQ(st.totals.activity_pence, 40199 + 11 + 109);
}

TEST_F(PricingTest, SocialCarePooledPaysOneTotal) {
  const TariffSchedule t = Tariff(
      {Entry(3, Basis::kDay, 253, 250000), Entry(4, Basis::kDay, 45, 100000)});
  const Statement st =
      Price({Period("a", 3, D(2023, 5, 1), D(2023, 5, 7)),
             Period("b", 4, D(2023, 5, 1), D(2023, 5, 1))},
            t,
            YearContract(2023, 1000000, PartialPeriod::kProRata,
                         SocialCare::kPooled));
  EXPECT_FALSE(st.decoupled);
  ASSERT_EQ(st.lines.size(), 2u);
  for (const StatementLine& l : st.lines) EXPECT_EQ(l.social_care_pence, 0);
  EXPECT_EQ(st.totals.activity_pence, 1771 + 45);
  EXPECT_EQ(st.totals.social_care_pence, 0);
}

TEST_F(PricingTest, SocialCareDecoupledSplitsEachLine) {
  // a: 7 days * 253 = 1771, share 25%: social 442.75 -> 443, health 1328.
  // b: 1 day * 45 = 45, share 10%: social 4.5 -> 5 (half away), health 40.
  // c: cluster 0, unpriced: 0 and 0.
  // Totals: A = 1816, social care 448, health 1816 - 448 = 1368.
  const TariffSchedule t = Tariff(
      {Entry(3, Basis::kDay, 253, 250000), Entry(4, Basis::kDay, 45, 100000)});
  const Statement st =
      Price({Period("a", 3, D(2023, 5, 1), D(2023, 5, 7)),
             Period("b", 4, D(2023, 5, 1), D(2023, 5, 1)),
             Period("c", 0, D(2023, 5, 1), D(2023, 5, 1))},
            t,
            YearContract(2023, 1000000, PartialPeriod::kProRata,
                         SocialCare::kDecoupled));
  EXPECT_TRUE(st.decoupled);
  ASSERT_EQ(st.lines.size(), 3u);
  EXPECT_EQ(st.lines[0].amount_pence, 1771);
  EXPECT_EQ(st.lines[0].social_care_pence, 443);
  EXPECT_EQ(st.lines[1].amount_pence, 45);
  EXPECT_EQ(st.lines[1].social_care_pence, 5);
  EXPECT_EQ(st.lines[2].social_care_pence, 0);
  EXPECT_EQ(st.totals.activity_pence, 1816);
  EXPECT_EQ(st.totals.social_care_pence, 448);
  EXPECT_EQ(st.totals.health_pence, 1368);
}

// ---- day count ---------------------------------------------------------

TEST_F(PricingTest, MhsdsDayCountLeavesOutAClosedPeriodsEndDay) {
  auto mhsds = MhsdsRules();
  const TariffSchedule day = Tariff({Entry(3, Basis::kDay, 252)});
  const Contract c = YearContract(2023);
  auto price = [&](const RuleSet& rules, const PeriodToPrice& p,
                   const TariffSchedule& t) {
    absl::StatusOr<Statement> st = PriceContract({p}, {}, t, c, rules);
    EXPECT_TRUE(st.ok()) << st.status();
    EXPECT_EQ(st->lines.size(), 1u);
    return st->lines.at(0);
  };
  // Closed 1-10 May 2023: inclusive 10 days = 2520; MHSDS 9 days = 2268.
  const PeriodToPrice closed = Period("p", 3, D(2023, 5, 1), D(2023, 5, 10));
  EXPECT_EQ(price(*rules_, closed, day).days_in_year, 10);
  EXPECT_EQ(price(*rules_, closed, day).amount_pence, 2520);
  EXPECT_EQ(price(*mhsds, closed, day).days_in_year, 9);
  EXPECT_EQ(price(*mhsds, closed, day).units, 9);
  EXPECT_EQ(price(*mhsds, closed, day).amount_pence, 2268);
  // Open periods count through 31 March under both: 31 days.
  const PeriodToPrice open = Period("p", 3, D(2024, 3, 1), std::nullopt);
  EXPECT_EQ(price(*mhsds, open, day).days_in_year, 31);
  // A closed period ending after the year: its end day is outside anyway,
  // so 1-31 March 2024 = 31 days under both.
  const PeriodToPrice beyond = Period("p", 3, D(2024, 3, 1), D(2024, 4, 15));
  EXPECT_EQ(price(*mhsds, beyond, day).days_in_year, 31);
  // A one-day closed period has no MHSDS days: a priced line of 0.
  const PeriodToPrice one = Period("p", 3, D(2023, 5, 1), D(2023, 5, 1));
  EXPECT_EQ(price(*mhsds, one, day).days_in_year, 0);
  EXPECT_EQ(price(*mhsds, one, day).amount_pence, 0);
  // Year basis: 1 Apr - 30 Jun 2023 counts 90 days: 91980 * 90 / 366 =
  // 22618.03 -> 22618 (inclusive: 22869).
  const TariffSchedule year = Tariff({Entry(3, Basis::kYear, 91980)});
  const PeriodToPrice q1 = Period("p", 3, D(2023, 4, 1), D(2023, 6, 30));
  EXPECT_EQ(price(*mhsds, q1, year).amount_pence, 22618);
  EXPECT_EQ(price(*rules_, q1, year).amount_pence, 22869);
  // Period basis is not a day count: 1-31 May 2023 pro rata pays 252 * 31
  // = 7812 under both.
  const TariffSchedule per = Tariff({Entry(3, Basis::kPeriod, 46116)});
  const PeriodToPrice may = Period("p", 3, D(2023, 5, 1), D(2023, 5, 31));
  EXPECT_EQ(price(*mhsds, may, per).amount_pence, 7812);
  EXPECT_EQ(price(*rules_, may, per).amount_pence, 7812);
}

// ---- statement ---------------------------------------------------------

TEST_F(PricingTest, StatementSortingClustersAndTotals) {
  // Tariff: cluster 3 at 1000 p/day. MFF 1. Periods (given out of order):
  //   P2  1 May - 14 Jun 2023  45 days  45000
  //   P10 11-30 Apr 2023       20 days  20000
  //   P10 1-10 Apr 2023        10 days  10000
  // One-off: 1 * 5000 = 5000. A = 80000.
  // Lines sort bytewise by patient ("P10" < "P2") then start; the one-off
  // first. Cluster 3: 2 patients, 3 periods, 75 days, 75000.
  // Risk share, B = 100000, cap and collar: A = 0.8 B, so P = B - (integral
  // over 80000..95000 at 0 + 95000..100000 at 1) = 100000 - 5000 = 95000;
  // adjustment +15000.
  // Withhold 2.5% with formats.md's outcomes (0.6 * 0.812 + 0.4 * 0.455 =
  // 0.6692): withheld = 95000 * 0.025 = 2375; earned = 2375 * 0.6692 =
  // 1589.35 -> 1589; payment = 95000 - 2375 + 1589 = 94214.
  Contract c = YearContract(2023);
  c.baseline_pence = 100000;
  c.risk_bands = CapAndCollar();
  c.withhold_ppm = 25000;
  c.outcomes = {{"reviewed_on_time", 600000, 812000},
                {"honos_improved", 400000, 455000}};
  OneOff o;
  o.item = "ect";
  o.count = 1;
  o.price_pence = 5000;
  const Statement st = Price({Period("P2", 3, D(2023, 5, 1), D(2023, 6, 14)),
                              Period("P10", 3, D(2023, 4, 11), D(2023, 4, 30)),
                              Period("P10", 3, D(2023, 4, 1), D(2023, 4, 10))},
                             Tariff({Entry(3, Basis::kDay, 1000)}), c, {o});
  ASSERT_EQ(st.lines.size(), 4u);
  EXPECT_TRUE(st.lines[0].one_off);
  EXPECT_EQ(st.lines[1].patient_id, "P10");
  EXPECT_EQ(st.lines[1].start, D(2023, 4, 1));
  EXPECT_EQ(st.lines[1].amount_pence, 10000);
  EXPECT_EQ(st.lines[2].patient_id, "P10");
  EXPECT_EQ(st.lines[2].start, D(2023, 4, 11));
  EXPECT_EQ(st.lines[2].amount_pence, 20000);
  EXPECT_EQ(st.lines[3].patient_id, "P2");
  EXPECT_EQ(st.lines[3].amount_pence, 45000);
  ASSERT_EQ(st.clusters.size(), 1u);
  EXPECT_EQ(st.clusters[0].patients, 2);
  EXPECT_EQ(st.clusters[0].periods, 3);
  EXPECT_EQ(st.clusters[0].days, 75);
  EXPECT_EQ(st.clusters[0].amount_pence, 75000);
  const StatementTotals& t = st.totals;
  EXPECT_EQ(t.baseline_pence, 100000);
  EXPECT_EQ(t.activity_pence, 80000);
  EXPECT_EQ(t.risk_shared_pence, 95000);
  EXPECT_EQ(t.risk_share_pence, 15000);
  EXPECT_EQ(t.withheld_pence, 2375);
  EXPECT_EQ(t.earned_pence, 1589);
  EXPECT_EQ(t.payment_pence, 94214);
}

TEST_F(PricingTest, ClustersSortedWithDistinctPatients) {
  // Cluster 11 at 10 p/day and cluster 2 at 20 p/day; one patient in
  // both, two periods of another in cluster 11.
  const Statement st =
      Price({Period("x", 11, D(2023, 4, 1), D(2023, 4, 2)),  // 2 d, 20
             Period("y", 11, D(2023, 4, 1), D(2023, 4, 1)),  // 1 d, 10
             Period("y", 11, D(2023, 4, 5), D(2023, 4, 7)),  // 3 d, 30
             Period("x", 2, D(2023, 4, 3), D(2023, 4, 3))},  // 1 d, 20
            Tariff({Entry(11, Basis::kDay, 10), Entry(2, Basis::kDay, 20)}),
            YearContract(2023));
  ASSERT_EQ(st.clusters.size(), 2u);
  EXPECT_EQ(st.clusters[0].cluster.code(), 2);
  EXPECT_EQ(st.clusters[0].patients, 1);
  EXPECT_EQ(st.clusters[0].amount_pence, 20);
  EXPECT_EQ(st.clusters[1].cluster.code(), 11);
  EXPECT_EQ(st.clusters[1].patients, 2);
  EXPECT_EQ(st.clusters[1].periods, 3);
  EXPECT_EQ(st.clusters[1].days, 6);
  EXPECT_EQ(st.clusters[1].amount_pence, 60);
  // No bands: payment = activity.
  EXPECT_EQ(st.totals.activity_pence, 80);
  EXPECT_EQ(st.totals.risk_shared_pence, 80);
  EXPECT_EQ(st.totals.risk_share_pence, 0);
  EXPECT_EQ(st.totals.payment_pence, 80);
}

TEST_F(PricingTest, PeriodEndingBeforeItStartsFailsNamingTheRecord) {
  absl::StatusOr<Statement> st = PriceContract(
      {Period("pat-7", 3, D(2023, 5, 10), D(2023, 5, 9), 42)}, {},
      Tariff({Entry(3, Basis::kDay, 252)}), YearContract(2023), *rules_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.status().message(), HasSubstr("pat-7"));
  EXPECT_THAT(st.status().message(), HasSubstr("42"));
}

TEST_F(PricingTest, NegativeOneOffFails) {
  OneOff o;
  o.item = "ect";
  o.count = -1;
  o.price_pence = 100;
  o.line = 9;
  absl::StatusOr<Statement> st =
      PriceContract({}, {o}, Tariff({}), YearContract(2023), *rules_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.status().message(), HasSubstr("ect"));
}

TEST_F(PricingTest, OverflowIsOutOfRange) {
  // One line: 10^12 * 10^12 p overflows 64 bits.
  OneOff big;
  big.item = "big";
  big.count = 1000000000000;
  big.price_pence = 1000000000000;
  absl::StatusOr<Statement> st =
      PriceContract({}, {big}, Tariff({}), YearContract(2023), *rules_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kOutOfRange);
  // Lines that each fit (4 * 10^18) but whose sum (1.2 * 10^19) does not.
  OneOff each;
  each.item = "each";
  each.count = 4000000;
  each.price_pence = 1000000000000;
  st = PriceContract({}, {each, each, each}, Tariff({}), YearContract(2023),
                     *rules_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kOutOfRange);
}

TEST_F(PricingTest, EmptyInputsGiveAnEmptyStatement) {
  const Statement st = Price({}, Tariff({}), YearContract(2023));
  EXPECT_TRUE(st.lines.empty());
  EXPECT_TRUE(st.clusters.empty());
  EXPECT_EQ(st.totals.activity_pence, 0);
  EXPECT_EQ(st.totals.payment_pence, 0);
}

}  // namespace
}  // namespace mhpbr
