#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/string_view.h"

namespace mhpbr::cli {
namespace {

constexpr auto kAutoDelay = std::chrono::seconds(1);
constexpr auto kInterval = std::chrono::milliseconds(500);

void WriteAll(int fd, absl::string_view text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;  // a display is not worth failing the run for
    done += static_cast<size_t>(n);
  }
}

}  // namespace

absl::StatusOr<ProgressMode> ProgressFromArgs(const Args& args) {
  const bool on = args.Has("progress");
  const bool off = args.Has("no-progress");
  if (on && off) {
    return absl::InvalidArgumentError(
        "give --progress or --no-progress, not both");
  }
  if (on) return ProgressMode::kOn;
  return off ? ProgressMode::kOff : ProgressMode::kAuto;
}

Progress::Progress(ProgressMode mode, int fd) : fd_(fd), start_(Clock::now()) {
  enabled_ = mode == ProgressMode::kOn ||
             (mode == ProgressMode::kAuto && ::isatty(fd) == 1);
  if (mode == ProgressMode::kAuto) delay_ = kAutoDelay;
  next_show_ = start_ + delay_;
}

void Progress::MaybeShow() {
  std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;  // another thread is showing
  const Clock::time_point now = Clock::now();
  if (now < next_show_) return;
  next_show_ = now + kInterval;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const int64_t rows = rows_.load(std::memory_order_relaxed);
  const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  char line[128];
  // "\033[K" blanks what a longer previous line left behind.
  const int n =
      std::snprintf(line, sizeof line,
                    "\r%lld rows read... %.2f M rows/s, %.1f s elapsed\033[K",
                    static_cast<long long>(rows), rate / 1e6, seconds);
  if (n <= 0) return;
  shown_ = true;
  WriteAll(fd_, absl::string_view(line, std::min<size_t>(static_cast<size_t>(n),
                                                         sizeof line - 1)));
}

void Progress::Finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_) return;
  finished_ = true;
  if (shown_) WriteAll(fd_, "\r\033[K");
}

}  // namespace mhpbr::cli
