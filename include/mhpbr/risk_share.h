// Risk sharing and the outcome-linked withhold (pricing.md 4-5).
//
// The payment for activity A around baseline B is
//   P(A) = B + integral from B to A of r(x) dx,
// r(x) being the rate of the band that holds x's deviation from B in
// percent, computed exactly and rounded once. Then a share of P is
// withheld and earned back by outcome attainment.

#ifndef MHPBR_RISK_SHARE_H_
#define MHPBR_RISK_SHARE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "mhpbr/contract.h"

namespace mhpbr {

// REQUIRES: ValidateContract(contract).ok(). Errors only on overflow.
absl::StatusOr<int64_t> RiskSharedPayment(int64_t activity_pence,
                                          const Contract& contract);

struct Withhold {
  int64_t withheld_pence = 0;
  int64_t earned_pence = 0;
};

// withheld = P * withhold_ppm / 1e6; earned = withheld * sum(weight *
// attainment) / 1e12; each rounded once.
absl::StatusOr<Withhold> ApplyWithhold(int64_t risk_shared_pence,
                                       const Contract& contract);

}  // namespace mhpbr

#endif  // MHPBR_RISK_SHARE_H_
