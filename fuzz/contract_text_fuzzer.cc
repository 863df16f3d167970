// Contracts in text format (ParseContractText) over arbitrary bytes. A
// contract that parses prices a fixed set of periods and one-offs under a
// fixed tariff, and the statement must add up: lines to activity, and
// payment = risk-shared - withheld + earned, exactly or not at all.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "fuzz_input.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/rule_set_text.h"

namespace {

constexpr char kTariff[] =
    "cluster,basis,price_pence,social_care_ppm\n"
    "1,period,38000,\n2,day,520,100000\n3,year,1100000,250000\n"
    "4,day,999999999999,1000000\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* rules =
      new std::shared_ptr<const mhpbr::RuleSet>(*mhpbr::DefaultRuleSet());
  static const auto* tariff = [] {
    mhpbr::fuzz::MemoryFile f(kTariff);
    return new mhpbr::TariffSchedule(*mhpbr::ReadTariffCsv(f.get(), "t"));
  }();
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto contract = mhpbr::ParseContractText(text, "fuzz");
  if (!contract.ok()) {
    MHPBR_FUZZ_CHECK(!contract.status().message().empty());
    return 0;
  }
  MHPBR_FUZZ_CHECK(mhpbr::ValidateContract(*contract).ok());
  const int y = static_cast<int>(contract->year_start.year());
  const std::vector<mhpbr::PeriodToPrice> periods = {
      {"P1", *mhpbr::Cluster::FromCode(1), absl::CivilDay(y, 1, 1),
       std::nullopt, 2},
      {"P2", *mhpbr::Cluster::FromCode(2), absl::CivilDay(y, 6, 1),
       absl::CivilDay(y + 1, 2, 1), 3},
      {"P3", *mhpbr::Cluster::FromCode(3), absl::CivilDay(y, 4, 1),
       std::nullopt, 4},
      {"P4", *mhpbr::Cluster::FromCode(4), absl::CivilDay(y, 4, 1),
       std::nullopt, 5},
      {"P5", *mhpbr::Cluster::FromCode(5), absl::CivilDay(y, 4, 1),
       std::nullopt, 6}};
  const std::vector<mhpbr::OneOff> one_offs = {{"ect", 3, 180000, 2}};
  auto st =
      mhpbr::PriceContract(periods, one_offs, *tariff, *contract, **rules);
  if (!st.ok()) {
    MHPBR_FUZZ_CHECK(!st.status().message().empty());
    return 0;
  }
  absl::int128 sum = 0;
  for (const mhpbr::StatementLine& l : st->lines) {
    MHPBR_FUZZ_CHECK(l.amount_pence >= 0);
    sum += l.amount_pence;
  }
  const mhpbr::StatementTotals& t = st->totals;
  MHPBR_FUZZ_CHECK(sum == t.activity_pence);
  MHPBR_FUZZ_CHECK(absl::int128(t.risk_shared_pence) - t.activity_pence ==
                   t.risk_share_pence);
  MHPBR_FUZZ_CHECK(absl::int128(t.risk_shared_pence) - t.withheld_pence +
                       t.earned_pence ==
                   t.payment_pence);
  if (st->decoupled) {
    MHPBR_FUZZ_CHECK(absl::int128(t.health_pence) + t.social_care_pence ==
                     t.activity_pence);
  }
  return 0;
}
