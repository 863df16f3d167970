// `--mhsds-columns FILE`: the MHSDS column-name map every MHSDS reader of a
// command uses, the compiled-in one extended by the trust's CSV
// `table,field,column` (mhsds_columns.h).

#ifndef MHPBR_CLI_MHSDS_COLUMNS_FLAG_H_
#define MHPBR_CLI_MHSDS_COLUMNS_FLAG_H_

#include "absl/status/statusor.h"
#include "args.h"
#include "mhpbr/mhsds_columns.h"

namespace mhpbr::cli {

// The map of `--mhsds-columns`, or the compiled-in one when not given.
absl::StatusOr<MhsdsColumnMap> MhsdsColumnsFlag(const Args& args);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_MHSDS_COLUMNS_FLAG_H_
