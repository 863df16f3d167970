// Work over [0, count) cut into contiguous parts, one thread each: how the
// batch calls use several cores while every result stays where, and what,
// one thread would make it.

#ifndef MHPBR_LIB_UTIL_PARALLEL_PARTS_H_
#define MHPBR_LIB_UTIL_PARALLEL_PARTS_H_

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace mhpbr {

// Calls fn(part, begin, end) for at most `threads` parts of [0, count), in
// order, each at least `min_part` long (a thread costs more than a few
// records), the first on the calling thread; returns when all are done.
// Returns the number of parts (0 when count is 0).
template <typename Fn>
size_t RunInParts(size_t count, int threads, size_t min_part, Fn fn) {
  if (count == 0) return 0;
  size_t parts = threads < 1 ? 1 : static_cast<size_t>(threads);
  parts = std::max<size_t>(
      1, std::min(parts, count / std::max<size_t>(min_part, 1)));
  const size_t base = count / parts;
  const size_t extra = count % parts;
  std::vector<std::thread> pool;
  pool.reserve(parts - 1);
  size_t begin = base + (extra > 0 ? 1 : 0);
  for (size_t p = 1; p < parts; ++p) {
    const size_t end = begin + base + (p < extra ? 1 : 0);
    pool.emplace_back([&fn, p, begin, end] { fn(p, begin, end); });
    begin = end;
  }
  fn(size_t{0}, size_t{0}, base + (extra > 0 ? 1 : 0));
  for (std::thread& t : pool) t.join();
  return parts;
}

}  // namespace mhpbr

#endif  // MHPBR_LIB_UTIL_PARALLEL_PARTS_H_
