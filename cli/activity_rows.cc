#include "activity_rows.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "input_file.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::Status CostActivityRows(
    const std::string& path, absl::string_view reason_prefix,
    ActivityCoster& coster, RowLedger& ledger,
    absl::FunctionRef<void(const ActivityRecord&, const Attribution&)>
        on_costed) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<ActivityCsvReader> reader,
                         ActivityCsvReader::Open(in.get(), path));
  mhpbr::CostActivityRows(
      coster,
      [&](InputRow<ActivityRecord>* row) { return reader->Next(row); },
      [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
        if (!a.status.ok()) {
          ledger.Reject(row.line, row.id,
                        absl::StrCat(reason_prefix, a.status.message()));
          return;
        }
        ledger.Ok();
        on_costed(row.value, a);
      });
  return reader->io_status();
}

}  // namespace mhpbr::cli
