#include "ordered_blocks.h"

#include <cstdlib>

#include "absl/strings/numbers.h"

namespace mhpbr::cli {

size_t BlockBytes() {
  constexpr size_t kDefault = size_t{1} << 20;
  const char* env = std::getenv("MHPBR_BLOCK_BYTES");
  size_t n = 0;
  if (env == nullptr || !absl::SimpleAtoi(env, &n) || n == 0) return kDefault;
  return n;
}

}  // namespace mhpbr::cli
