// The expected cost of one review period of a care package, per tier
// (CostPackage, package_costing.h).

#ifndef MHPBR_PACKAGE_COST_H_
#define MHPBR_PACKAGE_COST_H_

#include <cstdint>

namespace mhpbr {

struct PackageCost {
  int cluster = -1;
  int64_t core_pence = 0;
  int64_t essential_pence = 0;
  int64_t variance_pence = 0;
  int64_t total_pence = 0;
};

// Every element's cost is a whole number of 1/kPackageCostDenominator
// pence (60 minutes x 1e6 overhead ppm x 1e6 share ppm), so tiers and
// budgets add up exactly in 128 bits: within the validation limits an
// element's term stays below 10^35, far from overflow.
inline constexpr int64_t kPackageCostDenominator = 60000000000000;

}  // namespace mhpbr

#endif  // MHPBR_PACKAGE_COST_H_
