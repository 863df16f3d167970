// Translation of the outcomes stage's results (outcomes.h) into the wire
// OutcomesResponse. Nothing here measures.

#ifndef MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_
#define MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "google/protobuf/repeated_field.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/v1/outcomes.pb.h"

namespace mhpbr {

// `periods` and `assessments` are what the result was measured from.
void OutcomesToProto(absl::Span<const ClusterPeriod> periods,
                     absl::Span<const ScoredAssessment> assessments,
                     const OutcomesResult& result, v1::OutcomesResponse* out);

// by_unit, strata, unadjusted and no_unit.
void FairComparisonToProto(const FairComparison& f, const OutcomeRules& rules,
                           v1::OutcomesResponse* out);

// The request's reference strata; errors name "reference[i]" and the field
// (a cluster outside 0-21 or 9, a band the rule set does not have).
absl::StatusOr<std::vector<ReferenceStratum>> ReferenceFromProto(
    const google::protobuf::RepeatedPtrField<v1::ReferenceStratum>& in,
    const OutcomeRules& rules);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_
