#include "output_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace mhpbr::cli {
namespace {

// Temporary files to remove if the process is interrupted. A fixed table of
// lock-free pointers, because the signal handler may only read memory and
// call async-signal-safe functions (unlink, raise).
constexpr int kMaxTemps = 64;
std::atomic<char*> g_temps[kMaxTemps];
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void RemoveTempsAndDie(int sig) {
  for (std::atomic<char*>& slot : g_temps) {
    if (char* path = slot.load(); path != nullptr) unlink(path);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void InstallHandlerOnce() {
  static const bool installed = [] {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = RemoveTempsAndDie;
    sigemptyset(&sa.sa_mask);
    for (int sig : kSignals) sigaddset(&sa.sa_mask, sig);
    for (int sig : kSignals) {
      // A signal the caller chose to ignore (nohup, a shell's background
      // job) stays ignored.
      struct sigaction old;
      if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
        continue;
      }
      sigaction(sig, &sa, nullptr);
    }
    return true;
  }();
  (void)installed;
}

// Returns the slot, or -1 when the table is full (the file is then still
// removed on every path but an interruption).
int RegisterTemp(const std::string& path) {
  InstallHandlerOnce();
  char* copy = strdup(path.c_str());
  if (copy == nullptr) return -1;
  for (int i = 0; i < kMaxTemps; ++i) {
    char* expected = nullptr;
    if (g_temps[i].compare_exchange_strong(expected, copy)) return i;
  }
  std::free(copy);
  return -1;
}

void UnregisterTemp(int slot) {
  if (slot >= 0) std::free(g_temps[slot].exchange(nullptr));
}

}  // namespace

// One output. Its stream is a stdio cookie stream over the descriptor, so
// that the reason of the first failed write (ENOSPC, EIO, EPIPE) is kept
// for the message even when stdio itself only sets its error flag.
struct OutputSet::Output {
  std::string name;       // for messages: the path, or "standard output"
  std::string path;       // the target; empty for standard output
  std::string temp_path;  // empty when written in place
  int fd = -1;
  bool owns_fd = true;
  int error = 0;  // errno of the first failed write
  int temp_slot = -1;
  std::FILE* file = nullptr;
};

namespace {

ssize_t CookieWrite(void* cookie, const char* buf, size_t size) {
  auto* out = static_cast<OutputSet::Output*>(cookie);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = write(out->fd, buf + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (out->error == 0) out->error = n < 0 ? errno : ENOSPC;
      // The stream's error flag is set by returning less than asked.
      return static_cast<ssize_t>(done);
    }
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

int CookieClose(void*) { return 0; }  // the set closes the descriptor

}  // namespace

absl::StatusOr<std::FILE*> OutputSet::Open(
    const std::optional<std::string>& path) {
  auto out = std::make_unique<Output>();
  if (!path || *path == "-") {
    for (const auto& o : outputs_) {
      if (o->path.empty()) {
        return absl::InvalidArgumentError(
            "two outputs would go to standard output; name a file for one");
      }
    }
    out->name = "standard output";
    out->fd = STDOUT_FILENO;
    out->owns_fd = false;
  } else {
    out->name = *path;
    // Through a symbolic link, replace the file it points to, not the link.
    out->path = *path;
    if (char* real = realpath(path->c_str(), nullptr); real != nullptr) {
      out->path = real;
      std::free(real);
    }
    for (const auto& o : outputs_) {
      if (o->path == out->path) {
        return absl::InvalidArgumentError(
            absl::StrCat(*path, ": named for two outputs"));
      }
    }
    // Devices, pipes and /dev/stdout are written in place: there is nothing
    // to rename over, and renaming over them would replace them.
    struct stat st;
    if (stat(path->c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat(*path, ": is a directory, not a file"));
    }
    if (stat(path->c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      out->fd = open(path->c_str(), O_WRONLY | O_CLOEXEC);
      if (out->fd < 0) {
        return absl::NotFoundError(absl::StrCat(
            *path, ": cannot open for writing (", std::strerror(errno), ")"));
      }
    } else {
      std::string temp = absl::StrCat(out->path, ".tmp-XXXXXX");
      out->fd = mkostemp(temp.data(), O_CLOEXEC);
      if (out->fd < 0) {
        return absl::NotFoundError(absl::StrCat(
            *path, ": cannot create output (", std::strerror(errno), ")"));
      }
      out->temp_path = std::move(temp);
      out->temp_slot = RegisterTemp(out->temp_path);
    }
  }
  out->file = fopencookie(
      out.get(), "w",
      cookie_io_functions_t{nullptr, CookieWrite, nullptr, CookieClose});
  if (out->file == nullptr) {
    if (out->owns_fd) close(out->fd);
    if (!out->temp_path.empty()) unlink(out->temp_path.c_str());
    UnregisterTemp(out->temp_slot);
    return absl::ResourceExhaustedError(
        absl::StrCat(out->name, ": cannot open a stream"));
  }
  outputs_.push_back(std::move(out));
  return outputs_.back()->file;
}

absl::Status OutputSet::Commit() {
  absl::Status status;
  // First make sure every byte of every output is written, standard output
  // included; only then rename, so that nothing is put in place when any
  // output fails. The streams stay open until the set is destroyed: a
  // writer may still flush its (empty) buffer into one.
  for (const auto& out : outputs_) {
    const bool flushed = std::fflush(out->file) == 0;
    if (!flushed || std::ferror(out->file) || out->error != 0) {
      status = absl::DataLossError(
          absl::StrCat(out->name, ": write failed (",
                       std::strerror(out->error != 0 ? out->error : EIO), ")"));
      break;
    }
    if (!out->temp_path.empty() && fsync(out->fd) != 0) {
      status = absl::DataLossError(absl::StrCat(out->name, ": write failed (",
                                                std::strerror(errno), ")"));
      break;
    }
  }
  if (!status.ok()) {
    Discard();
    return absl::DataLossError(
        absl::StrCat(status.message(), "; no output written"));
  }
  // mkstemp makes the file 0600; give it the usual permissions.
  const mode_t mask = umask(0);
  umask(mask);
  for (const auto& out : outputs_) {
    if (out->temp_path.empty()) continue;
    fchmod(out->fd, 0666 & ~mask);
  }
  for (const auto& out : outputs_) {
    if (out->temp_path.empty()) continue;
    if (std::rename(out->temp_path.c_str(), out->path.c_str()) != 0) {
      status = absl::DataLossError(
          absl::StrCat(out->name, ": cannot move output into place (",
                       std::strerror(errno), ")"));
      Discard();
      return status;
    }
    out->temp_path.clear();
    UnregisterTemp(out->temp_slot);
    out->temp_slot = -1;
  }
  committed_ = true;
  return status;
}

void OutputSet::Discard() {
  for (const auto& out : outputs_) {
    if (!out->temp_path.empty()) unlink(out->temp_path.c_str());
    out->temp_path.clear();
    UnregisterTemp(out->temp_slot);
    out->temp_slot = -1;
  }
  for (auto it = made_directories_.rbegin(); it != made_directories_.rend();
       ++it) {
    rmdir(it->c_str());
  }
  made_directories_.clear();
}

absl::Status OutputSet::MakeDirectory(const std::string& path) {
  if (mkdir(path.c_str(), 0777) == 0) {
    made_directories_.push_back(path);
    return absl::OkStatus();
  }
  const int err = errno;
  struct stat st;
  if (err == EEXIST && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return absl::OkStatus();
  }
  return absl::NotFoundError(
      absl::StrCat(path, ": cannot create the directory (",
                   std::strerror(err == EEXIST ? ENOTDIR : err), ")"));
}

absl::StatusOr<std::string> OutputSet::MakeScratchFile() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = absl::StrCat(dir != nullptr && *dir != '\0' ? dir : "/tmp",
                                  "/mhpbr-scratch.tmp-XXXXXX");
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat(
        path, ": cannot create a scratch file (", std::strerror(errno), ")"));
  }
  close(fd);
  scratch_files_.push_back({path, RegisterTemp(path)});
  return path;
}

OutputSet::OutputSet() = default;

OutputSet::~OutputSet() {
  if (!committed_) Discard();
  for (const Scratch& s : scratch_files_) {
    unlink(s.path.c_str());
    UnregisterTemp(s.slot);
  }
  for (const auto& out : outputs_) {
    std::fclose(out->file);  // CookieClose leaves the descriptor
    if (out->owns_fd) close(out->fd);
  }
}

bool WriteAll(std::FILE* file, absl::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), file) == text.size();
}

}  // namespace mhpbr::cli
