// Pricing one period (PeriodPricer, PricePeriod, which the C API's
// mhpbr_tariff_price_period calls) against the statement PriceContract
// writes: on many seeded random scenarios (every basis, both partial-period
// rules, pooled and decoupled social care, both day counts, periods inside,
// across and outside the contract year), each period's line is the same
// line, field for field, and a period without a line is outside the year.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
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

constexpr int kValidCodes[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  10, 11,
                               12, 13, 14, 15, 16, 17, 18, 19, 20, 21};

void ExpectSameLine(const StatementLine& a, const StatementLine& b) {
  EXPECT_EQ(a.patient_id, b.patient_id);
  EXPECT_EQ(a.cluster, b.cluster);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.end, b.end);
  EXPECT_EQ(a.days_in_year, b.days_in_year);
  EXPECT_EQ(a.basis, b.basis);
  EXPECT_EQ(a.units, b.units);
  EXPECT_EQ(a.amount_pence, b.amount_pence);
  EXPECT_EQ(a.social_care_pence, b.social_care_pence);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.one_off, b.one_off);
}

TEST(PricePeriodTest, EqualsTheStatementLineOnManyPeriods) {
  std::mt19937_64 rng(16);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const std::shared_ptr<const RuleSet> rule_sets[] = {Rules(), MhsdsRules()};
  int64_t lines = 0, outside = 0, unpriced = 0, by_basis[3] = {0, 0, 0};
  for (int scenario = 0; scenario < 200; ++scenario) {
    const RuleSet& rules = *rule_sets[scenario % 2];
    Contract contract = YearContract(
        static_cast<int>(uniform(2021, 2025)), uniform(800000, 1300000),
        uniform(0, 1) ? PartialPeriod::kFull : PartialPeriod::kProRata,
        uniform(0, 1) ? SocialCare::kDecoupled : SocialCare::kPooled);
    if (uniform(0, 1)) {
      contract.baseline_pence = 100000000;
      contract.risk_bands = CapAndCollar();
    }
    std::vector<TariffEntry> entries;
    for (int code : kValidCodes) {
      if (uniform(0, 4) == 0) continue;  // unpriced
      entries.push_back(Entry(code, static_cast<Basis>(uniform(0, 2)),
                              uniform(0, 300000), uniform(0, 1000000)));
    }
    const TariffSchedule tariff = Tariff(entries);
    std::vector<PeriodToPrice> periods;
    const int n = static_cast<int>(uniform(1, 80));
    for (int i = 0; i < n; ++i) {
      const absl::CivilDay start = D(2020, 1, 1) + uniform(0, 365 * 7);
      std::optional<absl::CivilDay> end;
      if (uniform(0, 4) != 0) {
        end = start + (uniform(0, 1) ? uniform(0, 60) : uniform(0, 900));
      }
      // One period a patient: its line is found by patient.
      periods.push_back(Period(absl::StrCat("p", scenario, "-", i),
                               kValidCodes[uniform(0, 20)], start, end, i + 2));
    }
    auto statement = PriceContract(periods, {}, tariff, contract, rules);
    ASSERT_TRUE(statement.ok()) << statement.status();
    std::map<std::string, const StatementLine*> by_patient;
    for (const StatementLine& l : statement->lines) {
      by_patient[l.patient_id] = &l;
    }
    auto pricer = PeriodPricer::Create(tariff, contract, rules);
    ASSERT_TRUE(pricer.ok()) << pricer.status();
    size_t matched = 0;
    for (const PeriodToPrice& p : periods) {
      auto one = pricer->Price(p);
      auto free_fn = PricePeriod(p, tariff, contract, rules);
      ASSERT_TRUE(one.ok()) << one.status();
      ASSERT_TRUE(free_fn.ok()) << free_fn.status();
      auto it = by_patient.find(p.patient_id);
      if (it == by_patient.end()) {
        EXPECT_FALSE(one->has_value()) << p.patient_id;
        EXPECT_FALSE(free_fn->has_value()) << p.patient_id;
        ++outside;
        continue;
      }
      ASSERT_TRUE(one->has_value()) << p.patient_id;
      ASSERT_TRUE(free_fn->has_value()) << p.patient_id;
      SCOPED_TRACE(p.patient_id);
      ExpectSameLine(**one, *it->second);
      ExpectSameLine(**free_fn, *it->second);
      ++matched;
      ++lines;
      if ((*one)->status == LineStatus::kUnpriced) ++unpriced;
      if ((*one)->basis) ++by_basis[static_cast<int>(*(*one)->basis)];
    }
    // Every line came from one of the periods.
    EXPECT_EQ(matched, statement->lines.size());
  }
  // The scenarios reach every case.
  EXPECT_GT(lines, 2000);
  EXPECT_GT(outside, 500);
  EXPECT_GT(unpriced, 200);
  for (int64_t b : by_basis) EXPECT_GT(b, 300);
}

TEST(PricePeriodTest, FailsAsPriceContractDoes) {
  const auto rules = Rules();
  const TariffSchedule tariff = Tariff({Entry(3, Basis::kDay, 252)});
  const Contract contract = YearContract(2023);
  const PeriodToPrice backwards =
      Period("x", 3, D(2023, 6, 1), D(2023, 5, 31), 7);
  auto one = PricePeriod(backwards, tariff, contract, *rules);
  auto all = PriceContract({backwards}, {}, tariff, contract, *rules);
  ASSERT_FALSE(one.ok());
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(one.status(), all.status());
  EXPECT_NE(one.status().message().find("line 7"), std::string::npos);

  Contract bad = contract;
  bad.year_start = D(2023, 5, 1);
  auto pricer = PeriodPricer::Create(tariff, bad, *rules);
  auto statement = PriceContract({}, {}, tariff, bad, *rules);
  ASSERT_FALSE(pricer.ok());
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(pricer.status(), statement.status());
  EXPECT_FALSE(PricePeriod(Period("x", 3, D(2023, 6, 1), std::nullopt), tariff,
                           bad, *rules)
                   .ok());
}

TEST(PricePeriodTest, OutsideTheYearHasNoLine) {
  const auto rules = Rules();
  const TariffSchedule tariff = Tariff({Entry(3, Basis::kDay, 252)});
  const Contract contract = YearContract(2023);
  auto pricer = PeriodPricer::Create(tariff, contract, *rules);
  ASSERT_TRUE(pricer.ok());
  // Ends the day before the year; starts the day after it.
  EXPECT_FALSE(pricer->Price(Period("a", 3, D(2022, 1, 1), D(2023, 3, 31)))
                   ->has_value());
  EXPECT_FALSE(
      pricer->Price(Period("b", 3, D(2024, 4, 1), std::nullopt))->has_value());
  // The first and last days are in it.
  auto first = pricer->Price(Period("c", 3, D(2022, 1, 1), D(2023, 4, 1)));
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->days_in_year, 1);
  EXPECT_EQ((*first)->amount_pence, 252);
  auto last = pricer->Price(Period("d", 3, D(2024, 3, 31), std::nullopt));
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->days_in_year, 1);
}

}  // namespace
}  // namespace mhpbr
