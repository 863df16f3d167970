// Streams an activity CSV through the costing stage's row loop
// (mhpbr::CostActivityRows), the ledger accounting for every row in file
// order.

#ifndef MHPBR_CLI_ACTIVITY_ROWS_H_
#define MHPBR_CLI_ACTIVITY_ROWS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mhpbr/activity_costing.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Reads `path`, costs each good row, rejects the rest (reasons prefixed by
// `reason_prefix`) and calls `on_costed` for each costed record. Fails
// only when the file cannot be opened or read.
absl::Status CostActivityRows(
    const std::string& path, absl::string_view reason_prefix,
    ActivityCoster& coster, RowLedger& ledger,
    absl::FunctionRef<void(const ActivityRecord&, const Attribution&)>
        on_costed);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ACTIVITY_ROWS_H_
