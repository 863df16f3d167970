// Work on blocks of input on several threads, results taken in input
// order: how a row-reading command uses more than one core while its
// outputs stay byte-identical to a one-thread run. Each worker takes the
// next block itself (one at a time: reading is sequential), works on it
// alone, and leaves the result for the consuming thread, which takes
// results strictly in block order. At most two blocks per worker are in
// flight, read but not yet taken, so memory stays bounded however long the
// input.

#ifndef MHPBR_CLI_ORDERED_BLOCKS_H_
#define MHPBR_CLI_ORDERED_BLOCKS_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace mhpbr::cli {

// The size of the blocks a command cuts its input into: 256 KB, or
// MHPBR_BLOCK_BYTES bytes (for tests, which make a small file span many
// blocks).
size_t BlockBytes();

// Calls `next(Block*)` (false: no more blocks) under a lock and
// `work(Block)` -> Result on `threads` worker threads; Next() hands the
// results out in block order. Destroying it stops every thread (blocks
// being worked on are finished and dropped).
template <typename Block, typename Result>
class OrderedBlocks {
 public:
  OrderedBlocks(int threads, std::function<bool(Block*)> next,
                std::function<Result(Block)> work)
      : next_(std::move(next)),
        work_(std::move(work)),
        max_in_flight_(2 * static_cast<int64_t>(threads)),
        working_(threads) {
    pool_.reserve(static_cast<size_t>(threads));
    for (int i = 0; i < threads; ++i) pool_.emplace_back([this] { Work(); });
  }
  OrderedBlocks(const OrderedBlocks&) = delete;
  OrderedBlocks& operator=(const OrderedBlocks&) = delete;

  ~OrderedBlocks() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    room_.notify_all();
    for (std::thread& t : pool_) t.join();
  }

  // The next block's result; false when every block has been handed out.
  bool Next(Result* result) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock,
                  [&] { return results_.count(taken_) > 0 || working_ == 0; });
      auto it = results_.find(taken_);
      if (it == results_.end()) return false;  // every worker is done
      *result = std::move(it->second);
      results_.erase(it);
      ++taken_;
    }
    room_.notify_all();
    return true;
  }

 private:
  void Work() {
    for (;;) {
      Block block;
      int64_t seq = 0;
      {
        std::lock_guard<std::mutex> reading(read_mu_);
        {
          std::unique_lock<std::mutex> lock(mu_);
          room_.wait(lock, [&] {
            return stop_ || input_done_ || next_seq_ - taken_ < max_in_flight_;
          });
          if (stop_ || input_done_) break;
        }
        if (!next_(&block)) {
          std::lock_guard<std::mutex> lock(mu_);
          input_done_ = true;
          break;
        }
        seq = next_seq_++;
      }
      Result result = work_(std::move(block));
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) break;
        results_.emplace(seq, std::move(result));
      }
      ready_.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      --working_;
    }
    ready_.notify_all();
    room_.notify_all();
  }

  std::function<bool(Block*)> next_;
  std::function<Result(Block)> work_;
  const int64_t max_in_flight_;
  std::mutex read_mu_;  // one reader at a time; guards next_seq_
  int64_t next_seq_ = 0;
  std::mutex mu_;                  // guards what follows
  std::condition_variable room_;   // taken_ moved on, or stop
  std::condition_variable ready_;  // a result arrived, or a worker left
  std::map<int64_t, Result> results_;
  int64_t taken_ = 0;
  bool input_done_ = false;
  bool stop_ = false;
  int working_;
  std::vector<std::thread> pool_;  // last: started once the rest is set
};

// OrderedBlocks with `emit(Result)` -> absl::Status called on the calling
// thread in block order. An error from `emit` stops every thread and is
// returned.
template <typename Block, typename Result, typename Next, typename Work,
          typename Emit>
absl::Status RunOrderedBlocks(int threads, Next next, Work work, Emit emit) {
  OrderedBlocks<Block, Result> blocks(threads, std::move(next),
                                      std::move(work));
  Result result;
  while (blocks.Next(&result)) {
    absl::Status status = emit(std::move(result));
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ORDERED_BLOCKS_H_
