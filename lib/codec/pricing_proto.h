// Contract pricing over the wire types: a PriceRequest in, a Statement out
// (the C API's rich call). Every field is validated and named in errors.

#ifndef MHPBR_LIB_CODEC_PRICING_PROTO_H_
#define MHPBR_LIB_CODEC_PRICING_PROTO_H_

#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/contract.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"
#include "mhpbr/v1/pricing.pb.h"

namespace mhpbr {

absl::StatusOr<Contract> ContractFromProto(const v1::Contract& proto);
absl::StatusOr<TariffSchedule> TariffFromProto(const v1::TariffSchedule& proto);
v1::Statement StatementToProto(const Statement& statement);
// Errors name the period ("periods[3].start: ...").
absl::StatusOr<std::vector<PeriodToPrice>> PeriodsFromProto(
    const google::protobuf::RepeatedPtrField<v1::PeriodToPrice>& periods);

absl::StatusOr<v1::Statement> PriceContractProto(
    const RuleSet& rules, const v1::PriceRequest& request);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PRICING_PROTO_H_
