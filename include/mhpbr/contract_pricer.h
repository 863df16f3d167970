// Pricing a contract year: cluster periods and one-offs, a tariff schedule
// and a contract in, a statement out, exact to the penny (pricing.md 3-6).
//
//   absl::StatusOr<mhpbr::Statement> s = mhpbr::PriceContract(
//       periods, one_offs, tariff, contract, *rules);
//
// Per line: `day` pays days_in_year * price * MFF; `year` pays price *
// days_in_year / days in the contract year * MFF; `period` pays per review
// period (the cluster's maximum review length in whole days, see
// ReviewLengthDays) that starts in the contract year, in full or pro rata
// when the period's end cuts it short. Each line rounds once, half away
// from zero. Pure and thread-safe.

#ifndef MHPBR_CONTRACT_PRICER_H_
#define MHPBR_CONTRACT_PRICER_H_

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/contract.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// Fails, naming the record, for an invalid contract, a period that ends
// before it starts, a one-off with a negative count or price, or an amount
// that would overflow 64-bit pence; nothing is priced silently wrong.
absl::StatusOr<Statement> PriceContract(absl::Span<const PeriodToPrice> periods,
                                        absl::Span<const OneOff> one_offs,
                                        const TariffSchedule& tariff,
                                        const Contract& contract,
                                        const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_CONTRACT_PRICER_H_
