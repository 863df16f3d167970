#include "ordered_blocks.h"

#include <cstdlib>

#include "absl/strings/numbers.h"

namespace mhpbr::cli {

size_t BlockBytes() {
  // A block's parsed rows (about 4,000 activity rows, 1.3 MB) then stay
  // in the core's cache while the same worker prices them; smaller
  // blocks cost more in thread hand-offs than they save (national `cost`
  // on two threads: 1 MB and 256 KB blocks alike in time, 256 KB with
  // less memory; 64 KB a fifth slower).
  constexpr size_t kDefault = size_t{256} << 10;
  const char* env = std::getenv("MHPBR_BLOCK_BYTES");
  size_t n = 0;
  if (env == nullptr || !absl::SimpleAtoi(env, &n) || n == 0) return kDefault;
  return n;
}

}  // namespace mhpbr::cli
