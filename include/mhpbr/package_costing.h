// The expected cost of a care package for one review period (care_packages
// .md): the sum over elements of share * (contacts * minutes * staff rate /
// 60 + bed days * ward rate) * (1e6 + overhead_ppm) / 1e6, each tier summed
// exactly and rounded once, the total the sum of the rounded tiers. Costs
// go through the same path as activity (mhpbr/activity.h).
//
//   auto costs = mhpbr::CostCatalogue(**catalogue, unit_costs);

#ifndef MHPBR_PACKAGE_COSTING_H_
#define MHPBR_PACKAGE_COSTING_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/care_package.h"
#include "mhpbr/money.h"
#include "mhpbr/package_cost.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// The exact cost of the element for one review period at `share_ppm`
// (1000000 = in full), in 1/kPackageCostDenominator pence. Errors name the
// element and field.
absl::StatusOr<Int128> ElementCost(const PackageElement& element,
                                   int64_t share_ppm, const UnitCosts& costs);

absl::StatusOr<PackageCost> CostPackage(const PackageTemplate& t,
                                        const UnitCosts& costs);
// One per template, sorted by cluster.
absl::StatusOr<std::vector<PackageCost>> CostCatalogue(
    const PackageCatalogue& catalogue, const UnitCosts& costs);

}  // namespace mhpbr

#endif  // MHPBR_PACKAGE_COSTING_H_
