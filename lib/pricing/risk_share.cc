#include "mhpbr/risk_share.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
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

int64_t AttainmentFromValue(int64_t value_ppm, int64_t floor_ppm,
                            int64_t target_ppm) {
  if (value_ppm <= floor_ppm) return 0;
  if (value_ppm >= target_ppm) return kPpm;
  // Within (0, 1e6): cannot fail.
  return RoundDiv(Int128(value_ppm - floor_ppm) * kPpm, target_ppm - floor_ppm)
      .value_or(0);
}

absl::StatusOr<std::vector<OutcomeAttainment>> ResolveAttainments(
    const Contract& contract, absl::Span<const MeasuredIndicator> measured) {
  std::vector<OutcomeAttainment> out;
  out.reserve(contract.outcomes.size());
  for (size_t i = 0; i < contract.outcomes.size(); ++i) {
    const OutcomeIndicator& o = contract.outcomes[i];
    OutcomeAttainment& a = out.emplace_back();
    a.name = o.name;
    a.weight_ppm = o.weight_ppm;
    if (!o.measured()) {
      a.attainment_ppm = o.attainment_ppm;
      continue;
    }
    a.measured = true;
    const MeasuredIndicator* m = nullptr;
    for (const MeasuredIndicator& x : measured) {
      if (x.name == o.name) {
        m = &x;
        break;
      }
    }
    if (m == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "contract outcomes[", i, "] (", o.name,
          "): no measured indicator of this name was given (it has "
          "floor_ppm and target_ppm, so its attainment is measured)"));
    }
    a.value_ppm = m->value_ppm;
    if (!m->value_ppm) {
      a.no_value = true;
      continue;
    }
    a.attainment_ppm =
        AttainmentFromValue(*m->value_ppm, *o.floor_ppm, *o.target_ppm);
  }
  return out;
}

absl::StatusOr<Withhold> ApplyIncentive(
    int64_t risk_shared_pence, const Contract& contract,
    absl::Span<const OutcomeAttainment> attainments) {
  Withhold w;
  Int128 attained = 0;
  for (const OutcomeAttainment& a : attainments) {
    attained += Int128(a.weight_ppm) * a.attainment_ppm;
  }
  Int128 pot = contract.bonus_pot_pence;
  if (contract.incentive == Incentive::kWithhold) {
    auto withheld =
        RoundDiv(Int128(risk_shared_pence) * contract.withhold_ppm, kPpm);
    if (!withheld.ok()) return withheld.status();
    w.withheld_pence = *withheld;
    pot = w.withheld_pence;
  }
  auto earned = RoundDiv(pot * attained, Int128(kPpm) * kPpm);
  if (!earned.ok()) return earned.status();
  w.earned_pence = *earned;
  return w;
}

absl::StatusOr<Withhold> ApplyWithhold(int64_t risk_shared_pence,
                                       const Contract& contract) {
  absl::StatusOr<std::vector<OutcomeAttainment>> a =
      ResolveAttainments(contract, {});
  if (!a.ok()) return a.status();
  return ApplyIncentive(risk_shared_pence, contract, *a);
}

}  // namespace mhpbr
