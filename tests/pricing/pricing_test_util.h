// Shared helpers for the pricing tests: short ways to write periods,
// tariffs and contracts.

#ifndef MHPBR_TESTS_PRICING_PRICING_TEST_UTIL_H_
#define MHPBR_TESTS_PRICING_PRICING_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "mhpbr/cluster.h"
#include "mhpbr/contract.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"
#include "mhpbr/v1/pricing.pb.h"

namespace mhpbr::testing_pricing {

inline Cluster C(int code) { return Cluster::FromCode(code).value(); }

inline absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

inline PeriodToPrice Period(std::string patient, int cluster,
                            absl::CivilDay start,
                            std::optional<absl::CivilDay> end,
                            int64_t line = 1) {
  PeriodToPrice p;
  p.patient_id = std::move(patient);
  p.cluster = C(cluster);
  p.start = start;
  p.end = end;
  p.line = line;
  return p;
}

inline TariffEntry Entry(int cluster, Basis basis, int64_t price,
                         int64_t social_ppm = 0) {
  TariffEntry e;
  e.cluster = C(cluster);
  e.basis = basis;
  e.price_pence = price;
  e.social_care_ppm = social_ppm;
  return e;
}

inline TariffSchedule Tariff(std::vector<TariffEntry> entries) {
  return TariffSchedule::Create(std::move(entries), "test").value();
}

// A contract for the financial year starting 1 April `year`, no risk
// sharing and no withhold.
inline Contract YearContract(int year, int64_t mff_ppm = 1000000,
                             PartialPeriod partial = PartialPeriod::kProRata,
                             SocialCare social = SocialCare::kPooled) {
  Contract c;
  c.year_start = absl::CivilDay(year, 4, 1);
  c.mff_ppm = mff_ppm;
  c.partial_period = partial;
  c.social_care = social;
  return c;
}

// The cap-and-collar example of pricing.md 4: (-inf, -5, 0),
// (-5, 5, 1000000), (5, +inf, 500000).
inline std::vector<RiskBand> CapAndCollar() {
  RiskBand below, mid, above;
  below.to_pct = -5;
  below.rate_ppm = 0;
  mid.from_pct = -5;
  mid.to_pct = 5;
  mid.rate_ppm = 1000000;
  above.from_pct = 5;
  above.rate_ppm = 500000;
  return {below, mid, above};
}

inline std::shared_ptr<const RuleSet> Rules() {
  auto r = DefaultRuleSet();
  EXPECT_TRUE(r.ok()) << r.status();
  return *r;
}

// The default rules with `day_count: MHSDS`, read from rule-set text.
inline std::shared_ptr<const RuleSet> MhsdsRules() {
  std::string text(DefaultRuleSetText());
  text += "\nday_count: MHSDS\n";
  auto r = ParseRuleSetText(text, "mhsds rules");
  EXPECT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)->day_count(), DayCount::kMhsds);
  return *r;
}

// The wire contract both C API tests start from: 2023/24, MFF 1.08543,
// pro rata, baseline 100000 p with a cap and collar (nothing below -5%,
// all within +-5%, half above +5%).
inline void SetCapAndCollarContract(v1::Contract* c) {
  c->set_year_start("2023-04-01");
  c->set_mff_ppm(1085430);
  c->set_partial_period(v1::PRO_RATA);
  c->set_baseline_pence(100000);
  v1::RiskBand* b = c->add_risk_bands();
  b->set_to_pct(-5);
  b->set_rate_ppm(0);
  b = c->add_risk_bands();
  b->set_from_pct(-5);
  b->set_to_pct(5);
  b->set_rate_ppm(1000000);
  b = c->add_risk_bands();
  b->set_from_pct(5);
  b->set_rate_ppm(500000);
}

}  // namespace mhpbr::testing_pricing

#endif  // MHPBR_TESTS_PRICING_PRICING_TEST_UTIL_H_
