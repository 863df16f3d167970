// Translation of statements by commissioner (commissioner_statements.h)
// into the wire Statement a price response carries: the provider's total,
// with each commissioner's own statement inside. Nothing here prices.

#ifndef MHPBR_LIB_CODEC_COMMISSIONER_PROTO_H_
#define MHPBR_LIB_CODEC_COMMISSIONER_PROTO_H_

#include "absl/status/status.h"
#include "mhpbr/commissioner_statements.h"
#include "mhpbr/v1/pricing.pb.h"

namespace mhpbr {

// Lines: every commissioner's (each with its commissioner), then those
// naming none; clusters and totals the provider's; no outcomes (each
// commissioner's are in its own statement).
v1::Statement CommissionerStatementsToProto(const CommissionerStatements& cs);

// A record whose commissioner has no contract, as the request's field:
// "periods[4].commissioner: 'C' has no contract" (line = position + 1).
absl::Status WithoutContractError(const RecordWithoutContract& record);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_COMMISSIONER_PROTO_H_
