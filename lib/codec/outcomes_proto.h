// Translation of the outcomes stage's results (outcomes.h) into the wire
// OutcomesResponse. Nothing here measures.

#ifndef MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_
#define MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_

#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/v1/outcomes.pb.h"

namespace mhpbr {

// `periods` and `assessments` are what the result was measured from.
void OutcomesToProto(absl::Span<const ClusterPeriod> periods,
                     absl::Span<const ScoredAssessment> assessments,
                     const OutcomesResult& result, v1::OutcomesResponse* out);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_OUTCOMES_PROTO_H_
