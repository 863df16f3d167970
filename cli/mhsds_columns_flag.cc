#include "mhsds_columns_flag.h"

#include "input_file.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::StatusOr<MhsdsColumnMap> MhsdsColumnsFlag(const Args& args) {
  const auto path = args.Get("mhsds-columns");
  if (!path) return MhsdsColumnMap::Default();
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(*path));
  return MhsdsColumnMap::Read(in.get(), *path);
}

}  // namespace mhpbr::cli
