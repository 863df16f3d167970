// Conversion between the wire rule set (mhpbr.v1.RuleSet) and the plain
// contents a RuleSet is built from. Only shapes are checked here (enums
// given, dates real); RuleSet::Create validates the meaning.

#ifndef MHPBR_LIB_CODEC_RULE_SET_PROTO_H_
#define MHPBR_LIB_CODEC_RULE_SET_PROTO_H_

#include "absl/status/statusor.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/v1/rule_set.pb.h"

namespace mhpbr {

absl::StatusOr<RuleSetContents> ContentsFromProto(const v1::RuleSet& proto);
v1::RuleSet ContentsToProto(const RuleSetContents& contents);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_RULE_SET_PROTO_H_
