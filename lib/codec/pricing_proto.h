// Translation between the pricing stage's wire types (Contract,
// TariffSchedule, PeriodToPrice, OneOff, Statement) and its domain types.
// Every field is validated and named in errors. Nothing here prices.

#ifndef MHPBR_LIB_CODEC_PRICING_PROTO_H_
#define MHPBR_LIB_CODEC_PRICING_PROTO_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/contract.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"
#include "mhpbr/v1/pricing.pb.h"

namespace mhpbr {

v1::Basis BasisToProto(Basis basis);
// None for BASIS_UNSPECIFIED or an unknown value.
std::optional<Basis> BasisFromProto(v1::Basis basis);

absl::StatusOr<Contract> ContractFromProto(const v1::Contract& proto);
absl::StatusOr<TariffSchedule> TariffFromProto(const v1::TariffSchedule& proto);
v1::Statement StatementToProto(const Statement& statement);
// health_pence and social_care_pence only when decoupled, as a statement's.
void StatementTotalsToProto(const StatementTotals& totals, bool decoupled,
                            v1::StatementTotals* out);
// Errors name the period ("periods[3].start: ...").
absl::StatusOr<std::vector<PeriodToPrice>> PeriodsFromProto(
    const google::protobuf::RepeatedPtrField<v1::PeriodToPrice>& periods);

// Line = position + 1. Errors name the indicator ("indicators[1].value_ppm:
// ..."): an unknown name, a count below 0, a value outside 0..1000000, a
// name given twice.
absl::StatusOr<std::vector<MeasuredIndicator>> IndicatorsFromProto(
    const google::protobuf::RepeatedPtrField<v1::MeasuredIndicator>&
        indicators);

// Line = position + 1.
std::vector<OneOff> OneOffsFromProto(
    const google::protobuf::RepeatedPtrField<v1::OneOff>& one_offs);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PRICING_PROTO_H_
