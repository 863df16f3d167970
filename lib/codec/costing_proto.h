// Costing and tariff setting over the wire types (the C API's rich calls):
// CostRequest -> CostResponse, TariffRequest -> TariffResponse.

#ifndef MHPBR_LIB_CODEC_COSTING_PROTO_H_
#define MHPBR_LIB_CODEC_COSTING_PROTO_H_

#include "absl/status/statusor.h"
#include "mhpbr/activity.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/unit_costs.h"
#include "mhpbr/v1/costing.pb.h"

namespace mhpbr {

absl::StatusOr<UnitCosts> UnitCostsFromProto(const v1::UnitCosts& proto);
absl::StatusOr<ActivityRecord> ActivityFromProto(const v1::ActivityRecord& in);

// Malformed or uncostable activity records come back in `errors` (line =
// their 1-based position) and are counted as rejected; a bad as_of, unit
// cost table or period fails the call.
absl::StatusOr<v1::CostResponse> CostActivityProto(
    const RuleSet& rules, const v1::CostRequest& request);

absl::StatusOr<v1::TariffResponse> SetTariffsProto(
    const RuleSet& rules, const v1::TariffRequest& request);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_COSTING_PROTO_H_
