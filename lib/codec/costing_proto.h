// Translation between the costing and tariff-setting stages' wire types
// (CostRequest, CostResponse, TariffRequest, TariffResponse) and their
// domain types. Nothing here costs or sets a tariff.

#ifndef MHPBR_LIB_CODEC_COSTING_PROTO_H_
#define MHPBR_LIB_CODEC_COSTING_PROTO_H_

#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/activity.h"
#include "mhpbr/costed_period.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/tariff_evidence.h"
#include "mhpbr/unit_costs.h"
#include "mhpbr/v1/costing.pb.h"

namespace mhpbr {

absl::StatusOr<UnitCosts> UnitCostsFromProto(const v1::UnitCosts& proto);
absl::StatusOr<ActivityRecord> ActivityFromProto(const v1::ActivityRecord& in);

void CostResponseToProto(const std::vector<CostedPeriod>& periods,
                         const std::vector<ClusterCost>& clusters,
                         const CostingTotals& totals, v1::CostResponse* out);

struct TariffRequestContents {
  TariffSettings settings;
  std::vector<CostSample> samples;
};
absl::StatusOr<TariffRequestContents> TariffRequestFromProto(
    const v1::TariffRequest& request);
v1::TariffResponse TariffResponseToProto(const TariffSetting& setting);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_COSTING_PROTO_H_
