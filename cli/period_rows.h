// Reading a `patient_id,cluster,start,end` periods file (the input of
// `price`, `cost`, `package spread` and `report`), rejecting bad rows into
// the ledger with the file's name.

#ifndef MHPBR_CLI_PERIOD_ROWS_H_
#define MHPBR_CLI_PERIOD_ROWS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/cluster_period.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// `threads` as for ForEachRow.
absl::StatusOr<std::vector<PeriodToPrice>> ReadPeriodRows(
    const std::string& path, RowLedger& ledger, int threads = 1);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_PERIOD_ROWS_H_
