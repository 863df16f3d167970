// The inputs `price` and `compare` share: a tariff file, the measured
// indicators (each read whole, or the run stops) and the one-offs (row by
// row, into the ledger).

#ifndef MHPBR_CLI_PRICING_INPUTS_H_
#define MHPBR_CLI_PRICING_INPUTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"
#include "row_ledger.h"

namespace mhpbr::cli {

absl::StatusOr<TariffSchedule> ReadTariffFile(const std::string& path);

// None: no indicators.
absl::StatusOr<std::vector<MeasuredIndicator>> ReadIndicatorsFile(
    const std::optional<std::string>& path);

// None: no one-offs.
absl::StatusOr<std::vector<OneOff>> ReadOneOffsFile(
    const std::optional<std::string>& path, RowLedger& ledger);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_PRICING_INPUTS_H_
