// In-year statements (in_year.h): months to an as-of day and the forecast
// outturn. Every figure is worked by hand beside it; the twelve months
// through 31 March are checked against the annual statement on seeded
// random scenarios too. Contract year 2024/25: 365 days.

#include "mhpbr/in_year.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::MhsdsRules;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::HasSubstr;

struct MonthRow {
  int month;  // 4 = April ...
  int64_t periods, days, amount, cumulative;
};

void ExpectMonths(const InYearStatement& s, const std::vector<MonthRow>& want,
                  int first_year = 2024) {
  ASSERT_EQ(s.months.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const InYearMonth& m = s.months[i];
    const MonthRow& w = want[i];
    SCOPED_TRACE(absl::StrCat("month ", i));
    EXPECT_EQ(
        m.month,
        absl::CivilMonth(w.month >= 4 ? first_year : first_year + 1, w.month));
    EXPECT_EQ(m.periods, w.periods);
    EXPECT_EQ(m.days, w.days);
    EXPECT_EQ(m.amount_pence, w.amount);
    EXPECT_EQ(m.cumulative_pence, w.cumulative);
  }
}

// Day basis, 1000 p/day, MFF 1.08543 (1085.43 p a day), 20 Apr - 30 Jun
// 2024, as of 15 June. Each figure through a day rounds once:
//   through 30 Apr: 11 days * 1085.43 = 11939.73 -> 11940
//   through 31 May: 42 days = 45588.06 -> 45588 (May 33648)
//   through 15 Jun: 57 days = 61869.51 -> 61870 (June 16282)
// Forecast: the closed period as it is, 72 days = 78150.96 -> 78151.
TEST(InYearTest, DayBasisAcrossThreeMonthsMidMonth) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(4, Basis::kDay, 1000)});
  const Contract c = YearContract(2024, 1085430);
  const std::vector<PeriodToPrice> periods = {
      Period("A", 4, D(2024, 4, 20), D(2024, 6, 30))};
  auto s = PriceInYear(periods, {}, tariff, c, *rules, D(2024, 6, 15));
  ASSERT_TRUE(s.ok()) << s.status();
  ExpectMonths(*s, {{4, 1, 11, 11940, 11940},
                    {5, 1, 31, 33648, 45588},
                    {6, 1, 15, 16282, 61870}});
  EXPECT_EQ(s->earned_to_date_pence, 61870);
  EXPECT_EQ(s->forecast.totals.activity_pence, 78151);
  EXPECT_EQ(s->as_of, D(2024, 6, 15));
}

// Period basis, cluster 1 (12 weeks = 84-day review periods), 84000 p a
// unit, MFF 1, pro rata. A unit is earned whole on the day it starts.
//   A: open from 10 May: units start 10 May, 2 Aug, 25 Oct, 17 Jan (the
//      next, 11 Apr 2025, is outside the year). To 30 Sep: May 84000,
//      Aug 84000. Forecast (open runs on): 4 units = 336000.
//   B: 1 - 30 Apr (30 days), one unit cut short by its end: pro rata
//      84000 * 30 / 84 = 30000, known and earned on 1 April.
// Days are counted whatever the basis: A 22 in May, then 30, 31, 31, 30.
TEST(InYearTest, PeriodBasisUnitEarnedOnItsFirstDay) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(1, Basis::kPeriod, 84000)});
  const Contract c = YearContract(2024);
  const std::vector<PeriodToPrice> periods = {
      Period("A", 1, D(2024, 5, 10), std::nullopt),
      Period("B", 1, D(2024, 4, 1), D(2024, 4, 30))};
  auto s = PriceInYear(periods, {}, tariff, c, *rules, D(2024, 9, 30));
  ASSERT_TRUE(s.ok()) << s.status();
  ExpectMonths(*s, {{4, 1, 30, 30000, 30000},
                    {5, 1, 22, 84000, 114000},
                    {6, 1, 30, 0, 114000},
                    {7, 1, 31, 0, 114000},
                    {8, 1, 31, 84000, 198000},
                    {9, 1, 30, 0, 198000}});
  EXPECT_EQ(s->earned_to_date_pence, 198000);
  EXPECT_EQ(s->forecast.totals.activity_pence, 336000 + 30000);
}

// Year basis, cluster 3, 100000 p a year of care (365 days), open from
// before the year; as of 15 May:
//   through 30 Apr: 100000 * 30 / 365 = 8219.18 -> 8219
//   through 15 May: 100000 * 45 / 365 = 12328.77 -> 12329 (May 4110)
// Forecast: the whole year, 100000.
TEST(InYearTest, YearBasis) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(3, Basis::kYear, 100000)});
  const Contract c = YearContract(2024);
  const std::vector<PeriodToPrice> periods = {
      Period("A", 3, D(2023, 10, 1), std::nullopt)};
  auto s = PriceInYear(periods, {}, tariff, c, *rules, D(2024, 5, 15));
  ASSERT_TRUE(s.ok()) << s.status();
  ExpectMonths(*s, {{4, 1, 30, 8219, 8219}, {5, 1, 15, 4110, 12329}});
  EXPECT_EQ(s->forecast.totals.activity_pence, 100000);
}

// An open day-basis period from 1 Oct, 1000 p/day, MFF 1, as of 31 Dec:
// earned 31 + 30 + 31 = 92 days = 92000 (nothing April - September);
// forecast to 31 March 182 days = 182000. Baseline 200000 with the cap and
// collar of pricing.md 4: A = 0.91 B, below the collar: payment 0.95 B =
// 190000. The assumptions say how.
TEST(InYearTest, OpenPeriodRunsOnInTheForecast) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(4, Basis::kDay, 1000)});
  Contract c = YearContract(2024);
  c.baseline_pence = 200000;
  c.risk_bands = CapAndCollar();
  const std::vector<PeriodToPrice> periods = {
      Period("A", 4, D(2024, 10, 1), std::nullopt)};
  auto s = PriceInYear(periods, {}, tariff, c, *rules, D(2024, 12, 31));
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->months.size(), 9u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(s->months[i].amount_pence, 0);
  EXPECT_EQ(s->months[6].amount_pence, 31000);
  EXPECT_EQ(s->months[7].amount_pence, 30000);
  EXPECT_EQ(s->months[8].amount_pence, 31000);
  EXPECT_EQ(s->earned_to_date_pence, 92000);
  EXPECT_EQ(s->forecast.totals.activity_pence, 182000);
  EXPECT_EQ(s->forecast.totals.payment_pence, 190000);
  using KV = std::pair<std::string, std::string>;
  EXPECT_THAT(
      s->assumptions,
      ::testing::ElementsAre(
          KV("forecast_assumption:open_periods",
             "run to 2025-03-31 at their basis and review periods"),
          KV("forecast_assumption:open_periods_count", "1"),
          KV("forecast_assumption:closed_periods", "as given"),
          KV("forecast_assumption:new_periods", "none"),
          KV("forecast_assumption:one_offs", "as given; earned in 2024-04"),
          KV("forecast_assumption:outcomes", "attainment as given")));
}

// Nothing open: the forecast is the annual statement, and once every
// period has ended the earnings to date are its activity. Day basis 20 Apr
// - 30 Jun as above (78151) and a one-off of 3 * 500 * 1.08543 = 1628.145
// -> 1628 earned in April: 79779. With a withhold of 2.5% and attainment
// 0.5 the payment is the statement's.
TEST(InYearTest, ForecastIsTheAnnualStatementWhenNothingIsOpen) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(4, Basis::kDay, 1000)});
  Contract c = YearContract(2024, 1085430);
  c.withhold_ppm = 25000;
  OutcomeIndicator o;
  o.name = "reviews";
  o.weight_ppm = 1000000;
  o.attainment_ppm = 500000;
  c.outcomes = {o};
  const std::vector<PeriodToPrice> periods = {
      Period("A", 4, D(2024, 4, 20), D(2024, 6, 30))};
  OneOff one;
  one.item = "ect";
  one.count = 3;
  one.price_pence = 500;
  const std::vector<OneOff> one_offs = {one};
  auto annual = PriceContract(periods, one_offs, tariff, c, *rules);
  ASSERT_TRUE(annual.ok()) << annual.status();
  auto s = PriceInYear(periods, one_offs, tariff, c, *rules, D(2024, 8, 31));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(annual->totals.activity_pence, 79779);
  EXPECT_EQ(s->forecast.totals.activity_pence, 79779);
  EXPECT_EQ(s->forecast.totals.payment_pence, annual->totals.payment_pence);
  EXPECT_EQ(s->forecast.lines.size(), annual->lines.size());
  EXPECT_EQ(s->earned_to_date_pence, 79779);
  ExpectMonths(*s, {{4, 1, 11, 11940 + 1628, 13568},
                    {5, 1, 31, 33648, 47216},
                    {6, 1, 30, 32563, 79779},
                    {7, 0, 0, 0, 79779},
                    {8, 0, 0, 0, 79779}});
}

// The months through 31 March add up to the annual statement's activity
// to the penny, and each period's months to its line: seeded random
// scenarios over every basis, both partial-period rules and day counts,
// MFFs that round, periods inside, across and outside the year, one-offs.
TEST(InYearTest, TwelveMonthsSumToTheAnnualActivity) {
  std::mt19937_64 rng(17);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const std::shared_ptr<const RuleSet> rule_sets[] = {Rules(), MhsdsRules()};
  const int codes[] = {0, 1, 2, 3, 4, 11, 14, 17};
  for (int scenario = 0; scenario < 200; ++scenario) {
    SCOPED_TRACE(absl::StrCat("scenario ", scenario));
    const RuleSet& rules = *rule_sets[scenario % 2];
    const int year = static_cast<int>(uniform(2022, 2025));
    const Contract c = YearContract(
        year, uniform(800000, 1300000),
        uniform(0, 1) ? PartialPeriod::kFull : PartialPeriod::kProRata);
    std::vector<TariffEntry> entries;
    for (int code : codes) {
      if (code == 0) continue;
      entries.push_back(
          Entry(code, static_cast<Basis>(uniform(0, 2)), uniform(1, 300000)));
    }
    const TariffSchedule tariff = Tariff(entries);
    std::vector<PeriodToPrice> periods;
    for (int i = 0, n = static_cast<int>(uniform(1, 40)); i < n; ++i) {
      const absl::CivilDay start = D(year - 1, 1, 1) + uniform(0, 365 * 3);
      std::optional<absl::CivilDay> end;
      if (uniform(0, 3) != 0) end = start + uniform(0, 400);
      periods.push_back(Period(absl::StrCat("P", i), codes[uniform(0, 7)],
                               start, end, i + 2));
    }
    std::vector<OneOff> one_offs;
    if (uniform(0, 1)) {
      OneOff o;
      o.item = "x";
      o.count = uniform(0, 5);
      o.price_pence = uniform(0, 9999);
      one_offs.push_back(o);
    }
    auto annual = PriceContract(periods, one_offs, tariff, c, rules);
    ASSERT_TRUE(annual.ok()) << annual.status();
    auto s = PriceInYear(periods, one_offs, tariff, c, rules, c.year_end());
    ASSERT_TRUE(s.ok()) << s.status();
    ASSERT_EQ(s->months.size(), 12u);
    int64_t sum = 0, days = 0;
    for (const InYearMonth& m : s->months) {
      sum += m.amount_pence;
      days += m.days;
      EXPECT_EQ(m.cumulative_pence, sum);
    }
    int64_t line_days = 0;
    for (const StatementLine& l : annual->lines) line_days += l.days_in_year;
    EXPECT_EQ(sum, annual->totals.activity_pence);
    EXPECT_EQ(days, line_days);
    EXPECT_EQ(s->earned_to_date_pence, annual->totals.activity_pence);
    // Each period's own months: its earnings through 31 March are its line.
    auto pricer = PeriodPricer::Create(tariff, c, rules);
    ASSERT_TRUE(pricer.ok());
    for (const PeriodToPrice& p : periods) {
      StatementLine whole, through;
      auto a = pricer->PriceInto(p, &whole);
      auto b = pricer->PriceThroughInto(p, c.year_end(), &through);
      ASSERT_TRUE(a.ok() && b.ok());
      ASSERT_EQ(*a, *b);
      if (!*a) continue;
      EXPECT_EQ(whole.amount_pence, through.amount_pence);
      EXPECT_EQ(whole.units, through.units);
      EXPECT_EQ(whole.days_in_year, through.days_in_year);
    }
  }
}

TEST(InYearTest, AsOfOutsideTheYearIsAnError) {
  auto rules = Rules();
  const auto tariff = Tariff({Entry(4, Basis::kDay, 1000)});
  const Contract c = YearContract(2024);
  for (absl::CivilDay bad : {D(2024, 3, 31), D(2025, 4, 1)}) {
    auto s = PriceInYear({}, {}, tariff, c, *rules, bad);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(s.status().message(), HasSubstr("as_of"));
    EXPECT_THAT(s.status().message(),
                HasSubstr("outside the contract year 2024-04-01 to "
                          "2025-03-31"));
  }
  // The first and last days are inside.
  EXPECT_TRUE(PriceInYear({}, {}, tariff, c, *rules, D(2024, 4, 1)).ok());
  EXPECT_TRUE(PriceInYear({}, {}, tariff, c, *rules, D(2025, 3, 31)).ok());
}

}  // namespace
}  // namespace mhpbr
