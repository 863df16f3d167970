// Conversion between the wire care-package types and the domain's.

#ifndef MHPBR_LIB_CODEC_PACKAGE_PROTO_H_
#define MHPBR_LIB_CODEC_PACKAGE_PROTO_H_

#include "absl/status/statusor.h"
#include "mhpbr/care_package.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/v1/care_package.pb.h"

namespace mhpbr {

PackageElement ElementFromProto(const v1::PackageElement& e);
v1::PackageElement ElementToProto(const PackageElement& e);
PackageCatalogueContents CatalogueFromProto(const v1::PackageCatalogue& c);
absl::StatusOr<PlanChoices> PlanFromProto(const v1::PersonalPlan& p);

// The C API's rich calls.
absl::StatusOr<v1::PackageCostResponse> CostPackagesProto(
    const RuleSet& rules, const v1::PackageCostRequest& request);
absl::StatusOr<v1::PlanResponse> PlanProto(const RuleSet& rules,
                                           const v1::PlanRequest& request);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PACKAGE_PROTO_H_
