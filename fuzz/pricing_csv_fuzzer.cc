// The `mhpbr price` CSV inputs over arbitrary bytes: byte 0 picks the
// reader (0 tariff, 1 periods, 2 one-offs) and, with bit 2, puts that
// file's header first. What parses is priced with the example contract, so
// the money arithmetic meets the fuzzer's numbers: a statement either
// fails or adds up exactly.

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

constexpr const char* kHeaders[] = {
    "cluster,basis,price_pence,social_care_ppm\n",
    "patient_id,cluster,start,end\n",
    "item,count,price_pence\n",
};

constexpr char kContract[] = R"(
year_start: "2023-04-01"
mff_ppm: 1085430
partial_period: PRO_RATA
social_care: DECOUPLED
baseline_pence: 2500000
risk_bands { to_pct: -5 rate_ppm: 0 }
risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }
risk_bands { from_pct: 5 rate_ppm: 500000 }
withhold_ppm: 25000
outcomes { name: "a" weight_ppm: 600000 attainment_ppm: 812000 }
outcomes { name: "b" weight_ppm: 400000 attainment_ppm: 455000 }
)";

constexpr char kTariff[] =
    "cluster,basis,price_pence,social_care_ppm\n"
    "1,period,38000,\n2,day,520,100000\n3,year,1100000,\n"
    "4,day,999999999999,1000000\n";

void CheckStatement(const mhpbr::Statement& st) {
  absl::int128 sum = 0;
  for (const mhpbr::StatementLine& l : st.lines) {
    MHPBR_FUZZ_CHECK(l.amount_pence >= 0);
    MHPBR_FUZZ_CHECK(l.social_care_pence >= 0);
    MHPBR_FUZZ_CHECK(l.social_care_pence <= l.amount_pence);
    sum += l.amount_pence;
  }
  MHPBR_FUZZ_CHECK(sum == st.totals.activity_pence);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const auto* rules =
      new std::shared_ptr<const mhpbr::RuleSet>(*mhpbr::DefaultRuleSet());
  static const auto* contract =
      new mhpbr::Contract(*mhpbr::ParseContractText(kContract, "contract"));
  static const auto* tariff = [] {
    mhpbr::fuzz::MemoryFile f(kTariff);
    return new mhpbr::TariffSchedule(*mhpbr::ReadTariffCsv(f.get(), "t"));
  }();
  const int which = data[0] % 3;
  std::string text = (data[0] & 4) ? kHeaders[which] : "";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  mhpbr::fuzz::MemoryFile file(text);

  std::vector<mhpbr::PeriodToPrice> periods = {
      {"P1", *mhpbr::Cluster::FromCode(1), absl::CivilDay(2023, 1, 1),
       std::nullopt, 2},
      {"P2", *mhpbr::Cluster::FromCode(4), absl::CivilDay(2023, 6, 1),
       absl::CivilDay(2024, 2, 29), 3}};
  std::vector<mhpbr::OneOff> one_offs;
  const mhpbr::TariffSchedule* use = tariff;
  std::optional<mhpbr::TariffSchedule> read;
  if (which == 0) {
    auto t = mhpbr::ReadTariffCsv(file.get(), "fuzz.csv");
    if (!t.ok()) {
      MHPBR_FUZZ_CHECK(!t.status().message().empty());
      return 0;
    }
    read = *std::move(t);
    use = &*read;
  } else if (which == 1) {
    auto r = mhpbr::PeriodToPriceCsvReader::Open(file.get(), "fuzz.csv");
    if (!r.ok()) return 0;
    mhpbr::InputRow<mhpbr::PeriodToPrice> row;
    while ((*r)->Next(&row)) {
      if (row.error.empty()) periods.push_back(row.value);
    }
    MHPBR_FUZZ_CHECK((*r)->io_status().ok());
  } else {
    auto r = mhpbr::OneOffCsvReader::Open(file.get(), "fuzz.csv");
    if (!r.ok()) return 0;
    mhpbr::InputRow<mhpbr::OneOff> row;
    while ((*r)->Next(&row)) {
      if (!row.error.empty()) continue;
      MHPBR_FUZZ_CHECK(row.value.count >= 0 && row.value.price_pence >= 0);
      one_offs.push_back(row.value);
    }
    MHPBR_FUZZ_CHECK((*r)->io_status().ok());
  }
  auto st = mhpbr::PriceContract(periods, one_offs, *use, *contract, **rules);
  if (st.ok()) CheckStatement(*st);
  return 0;
}
