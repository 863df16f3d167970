#include "csv_output.h"

#include "absl/strings/str_cat.h"
#include "mhpbr/status_macros.h"
#include "output_file.h"

namespace mhpbr::cli {

absl::Status WriteCsv(const std::optional<std::string>& path,
                      const std::function<void(CsvWriter&)>& write) {
  MHPBR_ASSIGN_OR_RETURN(OutputFile file, OutputFile::Open(path));
  {
    CsvWriter out(file.file());
    write(out);
    if (!out.Flush()) {
      return absl::DataLossError(
          absl::StrCat(path.value_or("output"), ": ", out.status().message()));
    }
  }
  return file.Commit();
}

}  // namespace mhpbr::cli
