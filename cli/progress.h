// The one-line progress display of a long run: rows read, rate and time
// elapsed, rewritten in place ("\r") on standard error and cleared at the
// end ("\r\033[K"). Shown only when standard error is a terminal and the
// run has lasted over a second, so that scripts' logs stay clean;
// `--progress` forces it (from the start, even into a file or pipe),
// `--no-progress` turns it off. Standard output is never written, whatever
// it is.

#ifndef MHPBR_CLI_PROGRESS_H_
#define MHPBR_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "absl/status/statusor.h"
#include "args.h"

namespace mhpbr::cli {

enum class ProgressMode { kAuto, kOn, kOff };

// --progress / --no-progress (both given is an error naming them).
absl::StatusOr<ProgressMode> ProgressFromArgs(const Args& args);

class Progress {
 public:
  // `fd` is where the line goes (standard error but in tests).
  explicit Progress(ProgressMode mode, int fd = 2);
  ~Progress() { Finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Counts `rows` more read. Cheap enough for a hot loop: an atomic add,
  // and a look at the clock only when the count passes a multiple of
  // kRowsPerClockCheck. Any thread may call it; one at a time prints.
  void Tick(int64_t rows = 1) {
    if (!enabled_) return;
    const int64_t before = rows_.fetch_add(rows, std::memory_order_relaxed);
    if ((before ^ (before + rows)) >= kRowsPerClockCheck) MaybeShow();
  }

  // Clears the line, if one was shown; later Ticks show nothing.
  void Finish();

  static constexpr int64_t kRowsPerClockCheck = 1 << 16;

 private:
  using Clock = std::chrono::steady_clock;
  void MaybeShow();

  bool enabled_ = false;
  Clock::duration delay_{};  // before the first line
  int fd_ = 2;
  Clock::time_point start_;
  std::atomic<int64_t> rows_{0};
  std::mutex mu_;  // guards what follows: one thread prints at a time
  Clock::time_point next_show_;
  bool shown_ = false;
  bool finished_ = false;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_PROGRESS_H_
