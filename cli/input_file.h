// Opening an input file by path ("-" = standard input).

#ifndef MHPBR_CLI_INPUT_FILE_H_
#define MHPBR_CLI_INPUT_FILE_H_

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace mhpbr::cli {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdin) std::fclose(f);
  }
};
using InputFile = std::unique_ptr<std::FILE, FileCloser>;

inline absl::StatusOr<InputFile> OpenInput(const std::string& path) {
  if (path == "-") return InputFile(stdin);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open (", std::strerror(errno), ")"));
  }
  // A directory opens, and would only fail at the first read.
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    std::fclose(f);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": is a directory, not a file"));
  }
  return InputFile(f);
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_INPUT_FILE_H_
