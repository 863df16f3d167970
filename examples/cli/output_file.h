// An output that is either standard output or a file written atomically:
// the data goes to a temporary file beside the target, renamed over it
// only when everything was written, so an interrupted or failing run never
// leaves a half-written file that looks complete. A path that names a
// device or pipe (such as /dev/stdout) is written in place.

#ifndef MHPBR_EXAMPLES_CLI_OUTPUT_FILE_H_
#define MHPBR_EXAMPLES_CLI_OUTPUT_FILE_H_

#include <cstdio>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace mhpbr::cli {

class OutputFile {
 public:
  // No path (or "-"): standard output.
  static absl::StatusOr<OutputFile> Open(
      const std::optional<std::string>& path);
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  // Without Commit(), a temporary file is removed.
  ~OutputFile();

  std::FILE* file() const { return file_; }
  // Closes and renames into place.
  absl::Status Commit();

 private:
  OutputFile() = default;

  std::FILE* file_ = nullptr;
  // Written in place (a device or pipe), not through a temporary file.
  bool direct_ = false;
  std::string path_;
  std::string temp_path_;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_EXAMPLES_CLI_OUTPUT_FILE_H_
