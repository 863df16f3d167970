#include "period_rows.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "input_file.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::StatusOr<std::vector<PeriodToPrice>> ReadPeriodRows(
    const std::string& path, RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<PeriodToPriceCsvReader> reader,
                         PeriodToPriceCsvReader::Open(in.get(), path));
  std::vector<PeriodToPrice> periods;
  InputRow<PeriodToPrice> row;
  while (reader->Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.id, absl::StrCat(path, ": ", row.error));
      continue;
    }
    ledger.Ok();
    periods.push_back(row.value);
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return periods;
}

}  // namespace mhpbr::cli
