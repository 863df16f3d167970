#include "csv_output.h"

#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::Status WriteCsv(OutputSet& outputs,
                      const std::optional<std::string>& path,
                      const std::function<void(CsvWriter&)>& write) {
  MHPBR_ASSIGN_OR_RETURN(std::FILE * file, outputs.Open(path));
  CsvWriter out(file);
  write(out);
  out.Flush();  // a failed write is reported, naming the file, by Commit()
  return absl::OkStatus();
}

}  // namespace mhpbr::cli
