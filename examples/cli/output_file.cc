#include "output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace mhpbr::cli {

absl::StatusOr<OutputFile> OutputFile::Open(
    const std::optional<std::string>& path) {
  OutputFile out;
  if (!path || *path == "-") {
    out.file_ = stdout;
    return out;
  }
  // Devices, pipes and /dev/stdout are written in place: there is nothing
  // to rename over, and renaming over them would replace them.
  struct stat st;
  if (stat(path->c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    out.file_ = std::fopen(path->c_str(), "w");
    if (out.file_ == nullptr) {
      return absl::NotFoundError(absl::StrCat(
          *path, ": cannot open for writing (", std::strerror(errno), ")"));
    }
    out.direct_ = true;
    return out;
  }
  // Through a symbolic link, replace the file it points to, not the link.
  out.path_ = *path;
  if (char* real = realpath(path->c_str(), nullptr); real != nullptr) {
    out.path_ = real;
    std::free(real);
  }
  std::string temp = absl::StrCat(out.path_, ".tmp-XXXXXX");
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat(*path, ": cannot create output (",
                                            std::strerror(errno), ")"));
  }
  out.file_ = fdopen(fd, "w");
  if (out.file_ == nullptr) {
    close(fd);
    unlink(temp.c_str());
    return absl::InternalError(absl::StrCat(*path, ": fdopen failed"));
  }
  out.temp_path_ = std::move(temp);
  return out;
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      direct_(other.direct_),
      path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)) {
  other.temp_path_.clear();
}

OutputFile::~OutputFile() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  if (!temp_path_.empty()) unlink(temp_path_.c_str());
}

absl::Status OutputFile::Commit() {
  if (direct_) {
    const bool ok = std::fflush(file_) == 0;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok || !closed) {
      return absl::DataLossError(
          absl::StrCat(path_, ": write failed (", std::strerror(errno), ")"));
    }
    return absl::OkStatus();
  }
  if (file_ == stdout) {
    if (std::fflush(stdout) != 0) {
      return absl::DataLossError("standard output: write failed");
    }
    return absl::OkStatus();
  }
  if (file_ == nullptr) return absl::OkStatus();
  const bool ok = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || !closed) {
    return absl::DataLossError(
        absl::StrCat(path_, ": write failed (", std::strerror(errno), ")"));
  }
  // mkstemp makes the file 0600; give it the usual permissions.
  const mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path_.c_str(), 0666 & ~mask);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return absl::DataLossError(absl::StrCat(
        path_, ": cannot move output into place (", std::strerror(errno), ")"));
  }
  temp_path_.clear();
  return absl::OkStatus();
}

}  // namespace mhpbr::cli
