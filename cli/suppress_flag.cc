#include "suppress_flag.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "csv_output.h"
#include "csv_table.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

absl::Status NumberFlag(const Args& args, const char* name, int low, int high,
                        int* value) {
  const std::optional<std::string> text = args.Get(name);
  if (!text) return absl::OkStatus();
  if (!absl::SimpleAtoi(*text, value) || *value < low || *value > high) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", name, " ", *text, ": expected a whole number ", low, "-", high));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<SuppressionRules>> SuppressionFromArgs(
    const Args& args, const SuppressionRules& defaults,
    std::initializer_list<const char*> row_level) {
  const bool suppress = args.Has(kSuppress);
  for (const char* option : {kSuppressThreshold, kSuppressBase}) {
    if (!suppress && args.Has(option)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", option, " goes with --suppress"));
    }
  }
  if (!suppress) return std::nullopt;
  for (const char* option : row_level) {
    if (args.Has(option)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--suppress: --", option,
          " is a row-level output (one row per person or period), which "
          "cannot be published safely; leave it out"));
    }
  }
  SuppressionRules rule = defaults;
  MHPBR_RETURN_IF_ERROR(
      NumberFlag(args, kSuppressThreshold, 0, 1000000, &rule.threshold));
  MHPBR_RETURN_IF_ERROR(
      NumberFlag(args, kSuppressBase, 1, 1000000, &rule.base));
  return rule;
}

absl::Status WriteAggregateCsv(OutputSet& outputs,
                               const std::optional<std::string>& path,
                               const TableSuppression& spec,
                               const std::optional<SuppressionRules>& rule,
                               const std::function<void(CsvWriter&)>& write) {
  if (!rule) return WriteCsv(outputs, path, write);
  MHPBR_ASSIGN_OR_RETURN(ReportTable table,
                         CaptureCsv(path.value_or("standard output"), write));
  MHPBR_RETURN_IF_ERROR(SuppressTable(table, spec, *rule));
  return WriteTableCsv(outputs, path, table);
}

}  // namespace mhpbr::cli
