// An in-year statement: what a contract has earned month by month up to an
// "as of" day, and a forecast outturn to the year end (issue 17 item 4).
//
//   absl::StatusOr<mhpbr::InYearStatement> s = mhpbr::PriceInYear(
//       periods, one_offs, tariff, contract, *rules, as_of);
//
// Built on PeriodPricer, so a period earns what its statement line pays:
// - `day` and `year`: each counted day of the period earns in its month.
// - `period`: a review period (a unit) is earned whole on the day it
//   starts (pro rata units as well: their paid days are known then).
// - one-offs have no date: they are earned in the contract's first month
//   (the statement dates them 1 April).
// Each period's earnings through a day are priced as one figure, rounded
// once (PeriodPricer::PriceThroughInto); a month's amount is the rounded
// figure through its last day (or as_of) less that through the month
// before, so a period's months add up to its line to the penny and the
// twelve months with as_of = 31 March to the statement's activity_pence.
//
// The forecast is the annual statement of the same inputs (PriceContract):
// closed periods as they are, open periods running on to 31 March at their
// basis and review periods, no new periods, and the risk share and the
// withhold or bonus applied to its activity. Pure and thread-safe.

#ifndef MHPBR_IN_YEAR_H_
#define MHPBR_IN_YEAR_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/contract.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// One contract month, counted to as_of in the as-of month.
struct InYearMonth {
  // The month's first day (April of the contract year first).
  absl::CivilMonth month;
  // Cluster periods with a counted day or a review period starting in the
  // month to date (unpriced ones included; one-offs are not periods).
  int64_t periods = 0;
  // Counted days of every period in the month to date.
  int64_t days = 0;
  // Earned in the month (one-offs in the first month included).
  int64_t amount_pence = 0;
  // Earned from 1 April to the month's end (or as_of).
  int64_t cumulative_pence = 0;
};

struct InYearStatement {
  absl::CivilDay as_of;
  // April up to as_of's month: 1 to 12 of them.
  std::vector<InYearMonth> months;
  // The last month's cumulative_pence: earned from 1 April to as_of.
  int64_t earned_to_date_pence = 0;
  // The forecast outturn: PriceContract's statement of the same inputs
  // (its totals: forecast activity and payment).
  Statement forecast;
  // The forecast's assumptions, as key,value pairs (keys begin
  // "forecast_assumption:"), in a fixed order.
  std::vector<std::pair<std::string, std::string>> assumptions;
};

// Fails, naming the field, when as_of lies outside the contract year
// ("as_of 2025-04-01 is outside the contract year 2024-04-01 to
// 2025-03-31"), and as PriceContract for anything it rejects.
absl::StatusOr<InYearStatement> PriceInYear(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSet& rules, absl::CivilDay as_of,
    absl::Span<const MeasuredIndicator> measured = {});

}  // namespace mhpbr

#endif  // MHPBR_IN_YEAR_H_
