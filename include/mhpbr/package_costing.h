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
#include "mhpbr/fraction.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

struct PackageCost {
  int cluster = -1;
  int64_t core_pence = 0;
  int64_t essential_pence = 0;
  int64_t variance_pence = 0;
  int64_t total_pence = 0;
};

// The exact full cost of delivering the element in full for one review
// period (its share not applied). Errors name the element and field.
absl::StatusOr<Fraction> ElementFullCost(const PackageElement& element,
                                         const UnitCosts& costs);

absl::StatusOr<PackageCost> CostPackage(const PackageTemplate& t,
                                        const UnitCosts& costs);
// One per template, sorted by cluster.
absl::StatusOr<std::vector<PackageCost>> CostCatalogue(
    const PackageCatalogue& catalogue, const UnitCosts& costs);

}  // namespace mhpbr

#endif  // MHPBR_PACKAGE_COSTING_H_
