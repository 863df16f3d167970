// Writing a whole CSV output file in one go, committed atomically (see
// output_file.h).

#ifndef MHPBR_EXAMPLES_CLI_CSV_OUTPUT_H_
#define MHPBR_EXAMPLES_CLI_CSV_OUTPUT_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "mhpbr/csv_writer.h"

namespace mhpbr::cli {

// No path: standard output.
absl::Status WriteCsv(const std::optional<std::string>& path,
                      const std::function<void(CsvWriter&)>& write);

}  // namespace mhpbr::cli

#endif  // MHPBR_EXAMPLES_CLI_CSV_OUTPUT_H_
