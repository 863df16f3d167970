// Conversion between the wire care-package types and the domain's.

#ifndef MHPBR_LIB_CODEC_PACKAGE_PROTO_H_
#define MHPBR_LIB_CODEC_PACKAGE_PROTO_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/care_package.h"
#include "mhpbr/care_plan.h"
#include "mhpbr/delivery.h"
#include "mhpbr/package_cost.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/unit_costs.h"
#include "mhpbr/v1/care_package.pb.h"

namespace mhpbr {

PackageElement ElementFromProto(const v1::PackageElement& e);
v1::PackageElement ElementToProto(const PackageElement& e);
PackageCatalogueContents CatalogueFromProto(const v1::PackageCatalogue& c);
absl::StatusOr<PlanChoices> PlanFromProto(const v1::PersonalPlan& p);

// The request's catalogue or unit costs, or the built-in examples when
// the request has none.
absl::StatusOr<std::shared_ptr<const PackageCatalogue>> RequestCatalogue(
    const v1::PackageCatalogue& catalogue);
absl::StatusOr<UnitCosts> RequestUnitCosts(const v1::UnitCosts& unit_costs);

void PackageCostsToProto(const std::vector<PackageCost>& costs,
                         v1::PackageCostResponse* out);
void PlanToProto(const PersonalPlan& plan, v1::PlanResponse* out);
void DeliveryToProto(const DeliveryComparison& delivery, v1::PlanResponse* out);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PACKAGE_PROTO_H_
