#include "mhpbr/risk_share.h"

#include <algorithm>

#include "mhpbr/money.h"

namespace mhpbr {

absl::StatusOr<int64_t> RiskSharedPayment(int64_t activity_pence,
                                          const Contract& contract) {
  if (contract.risk_bands.empty()) return activity_pence;
  // Work in hundredths of a penny so that every band edge, B * (100 + p)
  // / 100, is a whole number; the integral is then exact.
  const Int128 b = contract.baseline_pence;
  const Int128 x = Int128(activity_pence) * 100;
  const Int128 base = b * 100;
  const Int128 lo = std::min(x, base), hi = std::max(x, base);
  Int128 integral = 0;  // in ppm * hundredths of a penny
  for (const RiskBand& band : contract.risk_bands) {
    const Int128 from = band.from_pct ? b * (100 + *band.from_pct) : lo;
    const Int128 to = band.to_pct ? b * (100 + *band.to_pct) : hi;
    const Int128 a = std::max(from, lo), z = std::min(to, hi);
    if (a < z) integral += (z - a) * band.rate_ppm;
  }
  if (x < base) integral = -integral;
  return RoundDiv(base * kPpm + integral, Int128(100) * kPpm);
}

absl::StatusOr<Withhold> ApplyWithhold(int64_t risk_shared_pence,
                                       const Contract& contract) {
  Withhold w;
  auto withheld =
      RoundDiv(Int128(risk_shared_pence) * contract.withhold_ppm, kPpm);
  if (!withheld.ok()) return withheld.status();
  w.withheld_pence = *withheld;
  Int128 attained = 0;
  for (const OutcomeIndicator& o : contract.outcomes) {
    attained += Int128(o.weight_ppm) * o.attainment_ppm;
  }
  auto earned =
      RoundDiv(Int128(w.withheld_pence) * attained, Int128(kPpm) * kPpm);
  if (!earned.ok()) return earned.status();
  w.earned_pence = *earned;
  return w;
}

}  // namespace mhpbr
