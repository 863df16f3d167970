// Translation between the what-if comparison's wire types
// (mhpbr.v1.CompareRequest, CompareResponse) and contract_comparison.h.
// Every field is validated and named in errors ("scenarios[1].tariff.
// entries[0]: ..."). Nothing here prices.

#ifndef MHPBR_LIB_CODEC_COMPARE_PROTO_H_
#define MHPBR_LIB_CODEC_COMPARE_PROTO_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/contract.h"
#include "mhpbr/contract_comparison.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"
#include "mhpbr/v1/compare.pb.h"

namespace mhpbr {

// What a wire scenario holds; a Scenario refers to it.
struct ScenarioInputs {
  std::string name;
  Contract contract;
  TariffSchedule tariff;
  std::vector<OneOff> one_offs;
  std::vector<MeasuredIndicator> indicators;
};

struct CompareRequestContents {
  std::vector<PeriodToPrice> periods;
  std::vector<ScenarioInputs> inputs;

  // Views of `inputs`, valid while they are neither moved nor changed.
  std::vector<Scenario> Scenarios() const;
};

// Fails for fewer than two scenarios, an empty or repeated name, and any
// field the pricing codec rejects, prefixed with the scenario's place.
absl::StatusOr<CompareRequestContents> CompareRequestFromProto(
    const v1::CompareRequest& request);

v1::CompareResponse ComparisonToProto(const Comparison& comparison);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_COMPARE_PROTO_H_
