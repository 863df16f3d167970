// `--threads N`: how many threads a row-reading command may use. Output is
// byte-identical whatever N is, so the default is every core the machine
// has; `--threads 1` runs as the tool always did, on the calling thread.

#ifndef MHPBR_CLI_THREADS_FLAG_H_
#define MHPBR_CLI_THREADS_FLAG_H_

#include "absl/status/statusor.h"
#include "args.h"

namespace mhpbr::cli {

// Beyond this, threads only cost memory (a block in flight each).
inline constexpr int kMaxThreads = 256;

// --threads as 1..kMaxThreads, else an error naming the option; absent,
// std::thread::hardware_concurrency() (1 when it does not know).
absl::StatusOr<int> ThreadsFromArgs(const Args& args);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_THREADS_FLAG_H_
