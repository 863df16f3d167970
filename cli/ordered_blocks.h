// Work on blocks of input on several threads, results taken in input
// order: how a row-reading command uses more than one core while its
// outputs stay byte-identical to a one-thread run. Each worker takes the
// next block itself (one at a time: reading is sequential), works on it
// alone, and leaves the result for the calling thread, which hands results
// on strictly in block order. At most two blocks per worker are in flight,
// read but not yet handed on, so memory stays bounded however long the
// input.

#ifndef MHPBR_CLI_ORDERED_BLOCKS_H_
#define MHPBR_CLI_ORDERED_BLOCKS_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace mhpbr::cli {

// The size of the blocks a command cuts its input into: 1 MB, or
// MHPBR_BLOCK_BYTES bytes (for tests, which make a small file span many
// blocks).
size_t BlockBytes();

// Calls `next(Block*)` (false: no more blocks) under a lock, `work(Block&&)`
// -> Result on `threads` worker threads, and `emit(Result&&)` ->
// absl::Status on the calling thread in block order. An error from `emit`
// stops every thread (blocks being worked on are finished and dropped) and
// is returned.
template <typename Block, typename Result, typename Next, typename Work,
          typename Emit>
absl::Status RunOrderedBlocks(int threads, Next next, Work work, Emit emit) {
  const int64_t max_in_flight = 2 * static_cast<int64_t>(threads);
  std::mutex read_mu;  // one reader at a time; guards next_seq
  int64_t next_seq = 0;
  std::mutex mu;                  // guards what follows
  std::condition_variable room;   // emitted moved on, or stop
  std::condition_variable ready;  // a result arrived, or a worker left
  std::map<int64_t, Result> results;
  int64_t emitted = 0;
  bool input_done = false;
  bool stop = false;
  int working = threads;

  auto worker = [&] {
    for (;;) {
      Block block;
      int64_t seq = 0;
      {
        std::lock_guard<std::mutex> reading(read_mu);
        {
          std::unique_lock<std::mutex> lock(mu);
          room.wait(lock, [&] {
            return stop || input_done || next_seq - emitted < max_in_flight;
          });
          if (stop || input_done) break;
        }
        if (!next(&block)) {
          std::lock_guard<std::mutex> lock(mu);
          input_done = true;
          break;
        }
        seq = next_seq++;
      }
      Result result = work(std::move(block));
      {
        std::lock_guard<std::mutex> lock(mu);
        if (stop) break;
        results.emplace(seq, std::move(result));
      }
      ready.notify_one();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      --working;
    }
    ready.notify_all();
    room.notify_all();
  };

  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  absl::Status status;
  for (;;) {
    Result result;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock,
                 [&] { return results.count(emitted) > 0 || working == 0; });
      auto it = results.find(emitted);
      if (it == results.end()) break;  // every worker is done
      result = std::move(it->second);
      results.erase(it);
    }
    status = emit(std::move(result));
    {
      std::lock_guard<std::mutex> lock(mu);
      ++emitted;
      if (!status.ok()) stop = true;
    }
    room.notify_all();
    if (!status.ok()) break;
  }
  for (std::thread& t : pool) t.join();
  return status;
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ORDERED_BLOCKS_H_
