// --suppress, --suppress-threshold N and --suppress-base N: publication-safe
// aggregated outputs (suppression.h). The threshold and base default to
// the rule set's `suppression`; giving either without --suppress is a
// usage error, as is --suppress on a row-level output (one row per person
// or period), which no rounding makes safe to publish.

#ifndef MHPBR_CLI_SUPPRESS_FLAG_H_
#define MHPBR_CLI_SUPPRESS_FLAG_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "args.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/report_table.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/suppression.h"
#include "output_file.h"

namespace mhpbr::cli {

// The valued options and the switch, for a command's CommandSpec.
inline constexpr const char* kSuppressThreshold = "suppress-threshold";
inline constexpr const char* kSuppressBase = "suppress-base";
inline constexpr const char* kSuppress = "suppress";

// None without --suppress. An InvalidArgument error is a usage error: a
// bad number, an option without --suppress, or --suppress with one of
// `row_level` (option names, "--out") given.
absl::StatusOr<std::optional<SuppressionRules>> SuppressionFromArgs(
    const Args& args, const SuppressionRules& defaults,
    std::initializer_list<const char*> row_level);

// Writes one aggregated CSV output as WriteCsv does; with `rule`, its cells
// go through SuppressTable by `spec` first. Without `rule` the bytes are
// exactly WriteCsv's.
absl::Status WriteAggregateCsv(OutputSet& outputs,
                               const std::optional<std::string>& path,
                               const TableSuppression& spec,
                               const std::optional<SuppressionRules>& rule,
                               const std::function<void(CsvWriter&)>& write);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_SUPPRESS_FLAG_H_
