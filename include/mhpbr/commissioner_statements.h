// Pricing a provider's year under several contracts, one per commissioner
// (issue 17 item 3): each period and one-off goes to the contract of its
// commissioner and is priced there exactly as PriceContract prices it, so
// each commissioner gets its own statement (its risk share and withhold on
// its own activity), and the provider a total of them all.
//
//   absl::StatusOr<mhpbr::CommissionerStatements> s =
//       mhpbr::PriceByCommissioner(periods, one_offs, tariff, contracts,
//                                  *rules);
//
// A record that names no commissioner is reported, never dropped: a line
// of amount 0 with status kNoCommissioner. A record whose commissioner has
// no contract is not priced: it comes back in `without_contract` (line and
// commissioner) for the caller to reject. A single contract that names no
// commissioner prices every record under it, whatever the record names:
// its one statement is PriceContract's. Pure and thread-safe.

#ifndef MHPBR_COMMISSIONER_STATEMENTS_H_
#define MHPBR_COMMISSIONER_STATEMENTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/contract.h"
#include "mhpbr/in_year.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

struct CommissionerStatement {
  std::string commissioner;
  // The contract's provider, or the provider another contract names.
  std::string provider;
  // PriceContract's statement of this commissioner's records; each line's
  // `commissioner` is set.
  Statement statement;
};

// A period or one-off naming a commissioner that no contract is for.
struct RecordWithoutContract {
  bool one_off = false;
  // The record's line (PeriodToPrice::line, OneOff::line).
  int64_t line = 0;
  // The period's patient or the one-off's item.
  std::string id;
  std::string commissioner;
};

struct CommissionerStatements {
  // The one the contracts name (empty when none does).
  std::string provider;
  // Ordered by commissioner code (bytewise).
  std::vector<CommissionerStatement> commissioners;
  // The provider total: each field summed over the commissioners.
  StatementTotals totals;
  // Per cluster, each field summed over the commissioners (a patient with
  // periods of one cluster under two commissioners counts in each).
  std::vector<ClusterStatement> clusters;
  // The commissioners' lines, summed.
  int64_t lines = 0;
  // Any contract pays social care separately.
  bool decoupled = false;
  // The records naming no commissioner, as lines of amount 0, basis none,
  // units 0 (a one-off: its count) and status kNoCommissioner, ordered as a
  // statement's lines (one-offs first in input order, then by patient and
  // start); periods outside the contract year have none, as in a statement.
  std::vector<StatementLine> no_commissioner;
  int64_t periods_without_commissioner = 0;
  int64_t one_offs_without_commissioner = 0;
  // Input order, periods first.
  std::vector<RecordWithoutContract> without_contract;
};

// True when the contracts are priced one per commissioner: any of them
// names a commissioner.
bool PricesByCommissioner(absl::Span<const Contract> contracts);

// Fails, naming the contracts (by `names`, e.g. their files, or
// "contracts[i]" when `names` is empty), for no contract, several of
// which one names no commissioner, two for one commissioner, contracts of
// different years or naming different providers, or an invalid contract.
// A single contract naming no commissioner is checked by ValidateContract
// alone.
absl::Status ValidateCommissionerContracts(
    absl::Span<const Contract> contracts,
    absl::Span<const std::string> names = {});

// Validates the contracts (above), then prices each commissioner's
// records with PriceContract; fails as PriceContract does.
absl::StatusOr<CommissionerStatements> PriceByCommissioner(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, absl::Span<const Contract> contracts,
    const RuleSet& rules, absl::Span<const MeasuredIndicator> measured = {},
    absl::Span<const std::string> names = {});

// In-year statements by commissioner: PriceInYear for each commissioner's
// records, the months summed over them.
struct CommissionerInYear {
  absl::CivilDay as_of;
  // The forecasts (each commissioner's PriceInYear forecast) and the
  // records without a commissioner or contract, as PriceByCommissioner.
  CommissionerStatements forecast;
  // Parallel to forecast.commissioners; each one's `forecast` is moved
  // into forecast.commissioners[i].statement.
  std::vector<InYearStatement> in_year;
  // Month by month, each field summed over the commissioners.
  std::vector<InYearMonth> months;
  int64_t earned_to_date_pence = 0;
  // The first commissioner's assumptions; a value that is a whole number
  // for every commissioner (a count) is their sum.
  std::vector<std::pair<std::string, std::string>> assumptions;
};

absl::StatusOr<CommissionerInYear> PriceInYearByCommissioner(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, absl::Span<const Contract> contracts,
    const RuleSet& rules, absl::CivilDay as_of,
    absl::Span<const MeasuredIndicator> measured = {},
    absl::Span<const std::string> names = {});

}  // namespace mhpbr

#endif  // MHPBR_COMMISSIONER_STATEMENTS_H_
