#include "threads_flag.h"

#include <algorithm>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace mhpbr::cli {

absl::StatusOr<int> ThreadsFromArgs(const Args& args) {
  const auto text = args.Get("threads");
  if (!text) {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1
                      : static_cast<int>(std::min<unsigned>(
                            cores, static_cast<unsigned>(kMaxThreads)));
  }
  int n = 0;
  if (!absl::SimpleAtoi(*text, &n) || n < 1 || n > kMaxThreads) {
    return absl::InvalidArgumentError(
        absl::StrCat("--threads must be a whole number from 1 to ", kMaxThreads,
                     ", not \"", *text, "\""));
  }
  return n;
}

}  // namespace mhpbr::cli
