// Translation of the wire Assessment (mhpbr.v1.Assessment) into the
// domain's MHCT ratings.

#ifndef MHPBR_LIB_CODEC_ASSESSMENT_PROTO_H_
#define MHPBR_LIB_CODEC_ASSESSMENT_PROTO_H_

#include "absl/status/statusor.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/v1/assessment.pb.h"

namespace mhpbr {

// Every problem is named by field ("ratings[2].item: ..."), `; `-joined;
// the date is required (ISO YYYY-MM-DD), as in the CSV input.
absl::StatusOr<MhctRatings> AssessmentFromProto(
    const v1::Assessment& assessment);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_ASSESSMENT_PROTO_H_
