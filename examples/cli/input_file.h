// Opening an input file by path ("-" = standard input).

#ifndef MHPBR_EXAMPLES_CLI_INPUT_FILE_H_
#define MHPBR_EXAMPLES_CLI_INPUT_FILE_H_

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
  return InputFile(f);
}

}  // namespace mhpbr::cli

#endif  // MHPBR_EXAMPLES_CLI_INPUT_FILE_H_
