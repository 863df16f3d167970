// Translation of an in-year statement (in_year.h) into the wire
// InYearStatement a price response carries. Nothing here prices.

#ifndef MHPBR_LIB_CODEC_IN_YEAR_PROTO_H_
#define MHPBR_LIB_CODEC_IN_YEAR_PROTO_H_

#include "mhpbr/in_year.h"
#include "mhpbr/v1/pricing.pb.h"

namespace mhpbr {

// The forecast statement itself is not written here: it is the response's
// Statement (StatementToProto).
void InYearToProto(const InYearStatement& in_year, v1::InYearStatement* out);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_IN_YEAR_PROTO_H_
