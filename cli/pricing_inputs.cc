#include "pricing_inputs.h"

#include "absl/strings/str_cat.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/indicator_csv.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::StatusOr<TariffSchedule> ReadTariffFile(const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(InputFile file, OpenInput(path));
  return ReadTariffCsv(file.get(), path);
}

absl::StatusOr<std::vector<MeasuredIndicator>> ReadIndicatorsFile(
    const std::optional<std::string>& path) {
  if (!path) return std::vector<MeasuredIndicator>();
  MHPBR_ASSIGN_OR_RETURN(InputFile file, OpenInput(*path));
  return ReadIndicatorCsv(file.get(), *path);
}

absl::StatusOr<std::vector<OneOff>> ReadOneOffsFile(
    const std::optional<std::string>& path, RowLedger& ledger) {
  if (!path) return std::vector<OneOff>();
  return ReadAllRows<OneOffCsvReader, OneOff>(*path, absl::StrCat(*path, ": "),
                                              ledger);
}

}  // namespace mhpbr::cli
