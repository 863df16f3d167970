// Risk sharing and the outcome-linked withhold (pricing.md 4-5).
//
// The payment for activity A around baseline B is
//   P(A) = B + integral from B to A of r(x) dx,
// r(x) being the rate of the band that holds x's deviation from B in
// percent, computed exactly and rounded once. Then a share of P is
// withheld and earned back by outcome attainment, or (bonus mode) a pot is
// earned on top of P; attainments are typed in or measured (outcomes.md
// "Paying on indicators").

#ifndef MHPBR_RISK_SHARE_H_
#define MHPBR_RISK_SHARE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/contract.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/statement.h"

namespace mhpbr {

// REQUIRES: ValidateContract(contract).ok(). Errors only on overflow.
absl::StatusOr<int64_t> RiskSharedPayment(int64_t activity_pence,
                                          const Contract& contract);

struct Withhold {
  int64_t withheld_pence = 0;
  int64_t earned_pence = 0;
};

// withheld = P * withhold_ppm / 1e6; earned = withheld * sum(weight *
// attainment) / 1e12; each rounded once. Typed-in attainments only: fails
// for a measured outcome (use ResolveAttainments and ApplyIncentive).
absl::StatusOr<Withhold> ApplyWithhold(int64_t risk_shared_pence,
                                       const Contract& contract);

// A measured attainment: 0 when value <= floor, 1000000 when value >=
// target, else (value - floor) * 1e6 / (target - floor) rounded half away
// from zero. REQUIRES: 0 <= floor < target <= 1000000.
int64_t AttainmentFromValue(int64_t value_ppm, int64_t floor_ppm,
                            int64_t target_ppm);

// Each outcome's attainment, in the contract's order: typed in, or from
// the measured indicator of its name (an empty value gives 0, no_value).
// Fails, naming the outcome, when a measured outcome has no indicator of
// its name in `measured`. REQUIRES: ValidateContract(contract).ok().
absl::StatusOr<std::vector<OutcomeAttainment>> ResolveAttainments(
    const Contract& contract, absl::Span<const MeasuredIndicator> measured);

// Withhold mode as ApplyWithhold, on the attainments given. Bonus mode:
// withheld 0, earned = bonus_pot * sum(weight * attainment) / 1e12, rounded
// once (never above the pot).
absl::StatusOr<Withhold> ApplyIncentive(
    int64_t risk_shared_pence, const Contract& contract,
    absl::Span<const OutcomeAttainment> attainments);

}  // namespace mhpbr

#endif  // MHPBR_RISK_SHARE_H_
