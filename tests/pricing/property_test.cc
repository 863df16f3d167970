// Seeded random property tests of contract pricing and risk sharing:
// - line amounts add up to activity_pence (and social care to its total);
// - day- and year-basis amounts equal the formula of pricing.md 3, computed
//   here independently (own day count, own rounding), and period-basis
//   units and amounts from the test's own walk over the review periods;
// - every period overlapping the year makes exactly one line;
// - pro rata never pays more than full;
// - P(A) is non-decreasing in A, P(B) = B, and rises by at most 1 p per
//   penny of activity (rates are at most 1).

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/money.h"
#include "mhpbr/review_schedule.h"
#include "mhpbr/risk_share.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::C;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::YearContract;

// n / d rounded half away from zero, for n >= 0, d > 0 (the test's own).
int64_t RoundHalfUp(Int128 n, Int128 d) {
  return static_cast<int64_t>((2 * n + d) / (2 * d));
}

constexpr int kValidCodes[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  10, 11,
                               12, 13, 14, 15, 16, 17, 18, 19, 20, 21};

struct Scenario {
  std::vector<PeriodToPrice> periods;
  std::vector<TariffEntry> entries;
  Contract contract;
};

Scenario RandomScenario(std::mt19937_64& rng) {
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  Scenario s;
  s.contract = YearContract(
      static_cast<int>(uniform(2021, 2025)), uniform(800000, 1300000),
      uniform(0, 1) ? PartialPeriod::kFull : PartialPeriod::kProRata,
      uniform(0, 1) ? SocialCare::kDecoupled : SocialCare::kPooled);
  for (int code : kValidCodes) {
    if (uniform(0, 3) == 0) continue;  // about a quarter unpriced
    TariffEntry e;
    e.cluster = C(code);
    e.basis = static_cast<Basis>(uniform(0, 2));
    e.price_pence = uniform(0, 200000);
    e.social_care_ppm = uniform(0, 1000000);
    s.entries.push_back(e);
  }
  const int n = static_cast<int>(uniform(0, 60));
  for (int i = 0; i < n; ++i) {
    const absl::CivilDay start =
        absl::CivilDay(2020, 1, 1) + uniform(0, 365 * 6);
    std::optional<absl::CivilDay> end;
    if (uniform(0, 4) != 0) end = start + uniform(0, 900);
    s.periods.push_back(Period(absl::StrCat("p", uniform(0, 20)),
                               kValidCodes[uniform(0, 20)], start, end, i + 2));
  }
  return s;
}

TEST(PricingPropertyTest, LinesAddUpAndMatchTheFormulas) {
  std::mt19937_64 rng(20230401);
  auto rules = Rules();
  for (int round = 0; round < 300; ++round) {
    Scenario s = RandomScenario(rng);
    auto tariff = TariffSchedule::Create(s.entries);
    ASSERT_TRUE(tariff.ok());
    absl::StatusOr<Statement> st =
        PriceContract(s.periods, {}, *tariff, s.contract, *rules);
    ASSERT_TRUE(st.ok()) << st.status();
    const absl::CivilDay y0 = s.contract.year_start;
    const absl::CivilDay y1 = s.contract.year_end();
    const int64_t year_days = y1 - y0 + 1;
    ASSERT_TRUE(year_days == 365 || year_days == 366);

    // Exactly one line per overlapping period.
    int64_t overlapping = 0;
    for (const PeriodToPrice& p : s.periods) {
      const absl::CivilDay last = p.end.value_or(y1);
      if (p.start <= y1 && last >= y0) ++overlapping;
    }
    ASSERT_EQ(static_cast<int64_t>(st->lines.size()), overlapping);

    Int128 sum = 0, social = 0;
    std::map<int, int64_t> by_cluster;
    for (const StatementLine& l : st->lines) {
      sum += l.amount_pence;
      social += l.social_care_pence;
      by_cluster[l.cluster->code()] += l.amount_pence;
      // The test's own count of days inside the year.
      const absl::CivilDay last = l.end.value_or(y1);
      const int64_t days = std::min(last, y1) - std::max(l.start, y0) + 1;
      EXPECT_EQ(l.days_in_year, days);
      const TariffEntry* e = tariff->Find(*l.cluster);
      if (e == nullptr) {
        EXPECT_EQ(l.status, LineStatus::kUnpriced);
        EXPECT_EQ(l.amount_pence, 0);
        EXPECT_EQ(l.units, 0);
        EXPECT_FALSE(l.basis.has_value());
        continue;
      }
      EXPECT_EQ(l.status, LineStatus::kPriced);
      ASSERT_TRUE(l.basis.has_value());
      EXPECT_EQ(*l.basis, e->basis);
      const Int128 price = e->price_pence, mff = s.contract.mff_ppm;
      if (e->basis == Basis::kDay) {
        EXPECT_EQ(l.units, days);
        EXPECT_EQ(l.amount_pence, RoundHalfUp(days * price * mff, 1000000));
      } else if (e->basis == Basis::kYear) {
        EXPECT_EQ(l.units, days);
        EXPECT_EQ(l.amount_pence,
                  RoundHalfUp(price * days * mff, year_days * 1000000));
      } else {
        // The test's own walk over the review periods: each starts len
        // days after the last, from the period's start, while it starts on
        // or before the period's last day (31 March when open); those
        // starting inside the year are this year's units. A closed
        // period's end cuts its last unit short (pro rata pays the covered
        // days).
        const int64_t len =
            ReviewLengthDays(rules->cluster(*l.cluster).max_review);
        const absl::CivilDay period_last = l.end.value_or(y1);
        int64_t units = 0, paid_days = 0;
        for (absl::CivilDay u = l.start; u <= period_last; u += len) {
          if (u < y0 || u > y1) continue;
          ++units;
          int64_t covered = len;
          if (l.end && s.contract.partial_period == PartialPeriod::kProRata) {
            covered = std::min<int64_t>(len, *l.end - u + 1);
          }
          paid_days += covered;
        }
        EXPECT_EQ(l.units, units);
        EXPECT_EQ(l.amount_pence,
                  RoundHalfUp(price * paid_days * mff, Int128(len) * 1000000))
            << l.patient_id << " " << l.start << " " << l.end.value_or(y1);
        // A unit pays at most the price; units * price * MFF bounds it.
        EXPECT_LE(l.amount_pence, RoundHalfUp(l.units * price * mff, 1000000));
      }
      if (s.contract.social_care == SocialCare::kDecoupled) {
        EXPECT_EQ(
            l.social_care_pence,
            RoundHalfUp(Int128(l.amount_pence) * e->social_care_ppm, 1000000));
      } else {
        EXPECT_EQ(l.social_care_pence, 0);
      }
    }
    EXPECT_EQ(sum, st->totals.activity_pence);
    EXPECT_EQ(social, st->totals.social_care_pence);
    if (st->decoupled) {
      EXPECT_EQ(st->totals.health_pence,
                st->totals.activity_pence - st->totals.social_care_pence);
    }
    int64_t cluster_sum = 0;
    for (const ClusterStatement& c : st->clusters) {
      EXPECT_EQ(c.amount_pence, by_cluster[c.cluster.code()]);
      cluster_sum += c.amount_pence;
    }
    EXPECT_EQ(cluster_sum, st->totals.activity_pence);
    EXPECT_EQ(st->totals.payment_pence, st->totals.activity_pence);
  }
}

TEST(PricingPropertyTest, ProRataNeverPaysMoreThanFull) {
  std::mt19937_64 rng(7);
  auto rules = Rules();
  for (int round = 0; round < 100; ++round) {
    Scenario s = RandomScenario(rng);
    for (TariffEntry& e : s.entries) e.basis = Basis::kPeriod;
    auto tariff = TariffSchedule::Create(s.entries);
    ASSERT_TRUE(tariff.ok());
    Contract full = s.contract, pro = s.contract;
    full.partial_period = PartialPeriod::kFull;
    pro.partial_period = PartialPeriod::kProRata;
    auto a = PriceContract(s.periods, {}, *tariff, full, *rules);
    auto b = PriceContract(s.periods, {}, *tariff, pro, *rules);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->lines.size(), b->lines.size());
    for (size_t i = 0; i < a->lines.size(); ++i) {
      EXPECT_EQ(a->lines[i].units, b->lines[i].units);
      EXPECT_LE(b->lines[i].amount_pence, a->lines[i].amount_pence);
      // Open periods never cut a unit short.
      if (!a->lines[i].end.has_value()) {
        EXPECT_EQ(b->lines[i].amount_pence, a->lines[i].amount_pence);
      }
    }
  }
}

TEST(RiskSharePropertyTest, PaymentIsMonotoneAndBounded) {
  std::mt19937_64 rng(5);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int round = 0; round < 300; ++round) {
    Contract c = YearContract(2023);
    c.baseline_pence = uniform(1, 50000000);
    // Random ordered cut points in percent, then contiguous bands.
    const int cuts = static_cast<int>(uniform(0, 6));
    std::vector<int> points;
    while (static_cast<int>(points.size()) < cuts) {
      const int p = static_cast<int>(uniform(-120, 120));
      if (std::find(points.begin(), points.end(), p) == points.end()) {
        points.push_back(p);
      }
    }
    std::sort(points.begin(), points.end());
    for (int i = 0; i <= cuts; ++i) {
      RiskBand b;
      if (i > 0) b.from_pct = points[i - 1];
      if (i < cuts) b.to_pct = points[i];
      b.rate_ppm =
          uniform(0, 3) == 0 ? uniform(0, 1) * 1000000 : uniform(0, 1000000);
      c.risk_bands.push_back(b);
    }
    ASSERT_TRUE(ValidateContract(c).ok()) << ValidateContract(c);
    const int64_t b = c.baseline_pence;
    EXPECT_EQ(RiskSharedPayment(b, c).value(), b);
    for (int k = 0; k < 40; ++k) {
      int64_t a = uniform(0, 3 * b);
      if (k < 8 && cuts > 0) {
        // Right at a band edge (rounded to the penny) and around it.
        const int p = points[uniform(0, cuts - 1)];
        a = std::max<int64_t>(0, b * (100 + p) / 100 + uniform(-2, 1));
      }
      const int64_t pa = RiskSharedPayment(a, c).value();
      const int64_t pa1 = RiskSharedPayment(a + 1, c).value();
      EXPECT_LE(pa, pa1) << "A=" << a << " B=" << b;
      // Rates are at most 1: one penny more pays at most one penny more
      // (plus rounding of the two halves).
      EXPECT_LE(pa1 - pa, 1) << "A=" << a << " B=" << b;
      // Between B and A (both ways).
      EXPECT_GE(pa, std::min(a, b));
      EXPECT_LE(pa, std::max(a, b));
    }
  }
}

}  // namespace
}  // namespace mhpbr
