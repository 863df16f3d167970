// Streams an activity CSV through a stage's row loop (the coster's,
// mhpbr::CostActivityRows, or the report builder's), the ledger
// accounting for every row in file order.

#ifndef MHPBR_CLI_ACTIVITY_ROWS_H_
#define MHPBR_CLI_ACTIVITY_ROWS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/input_row.h"
#include "mhpbr/report_builder.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Reads `path` and costs each row (reject reasons prefixed by
// `reason_prefix`). Fails only when the file cannot be opened or read.
// With `threads` > 1 the rows are parsed and priced (ActivityCoster::Price)
// by blocks on that many threads (block_rows.h) and added in file order on
// the calling thread, so the results are those of one thread.
absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ActivityCoster& coster, RowLedger& ledger,
                              int threads = 1);
absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ReportBuilder& builder, RowLedger& ledger,
                              int threads = 1);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ACTIVITY_ROWS_H_
