// Translation between the wire SpcRequest / SpcResponse (spc.proto) and
// the SPC stage's types (spc.h). Nothing here computes a chart.

#ifndef MHPBR_LIB_CODEC_SPC_PROTO_H_
#define MHPBR_LIB_CODEC_SPC_PROTO_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/spc.h"
#include "mhpbr/v1/spc.pb.h"

namespace mhpbr {

struct SpcInput {
  std::vector<SpcSeries> series;
  SpcOptions options;
};

// Empty values are left out. Errors name the series and field
// ("series[1] 'beds' months[3]: ..."): a month, value, direction or target
// that cannot be read, months and values of different lengths, fix_after
// 1 or below 0.
absl::StatusOr<SpcInput> SpcInputFromProto(const v1::SpcRequest& request);

// Figures as `mhpbr spc` writes them (SpcFigurePlaces).
void SpcChartsToProto(absl::Span<const SpcChart> charts, v1::SpcResponse* out);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_SPC_PROTO_H_
