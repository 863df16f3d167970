// Writing a whole CSV output in one go, as one of a run's outputs (see
// output_file.h): it is put in place when the set is committed.

#ifndef MHPBR_CLI_CSV_OUTPUT_H_
#define MHPBR_CLI_CSV_OUTPUT_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "mhpbr/csv_writer.h"
#include "output_file.h"

namespace mhpbr::cli {

// No path: standard output.
absl::Status WriteCsv(OutputSet& outputs,
                      const std::optional<std::string>& path,
                      const std::function<void(CsvWriter&)>& write);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_CSV_OUTPUT_H_
