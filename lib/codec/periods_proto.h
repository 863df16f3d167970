// Period building over the wire types: a PeriodRequest in, a
// PeriodResponse out (the C API's rich call). Malformed events become
// errors in the response, like the CSV reader's rejects; only a bad as-of
// date or transition table fails the call.

#ifndef MHPBR_LIB_CODEC_PERIODS_PROTO_H_
#define MHPBR_LIB_CODEC_PERIODS_PROTO_H_

#include "absl/status/statusor.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/v1/periods.pb.h"

namespace mhpbr {

absl::StatusOr<v1::PeriodResponse> BuildPeriodsProto(
    const RuleSet& rules, const v1::PeriodRequest& request);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PERIODS_PROTO_H_
