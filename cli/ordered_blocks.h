// Work on blocks of input on several threads, results taken in input
// order: how a row-reading command uses more than one core while its
// outputs stay byte-identical to a one-thread run. Each worker takes the
// next block itself (one at a time: reading is sequential), works on it
// alone, and leaves the result for the consuming thread, which takes
// results strictly in block order. A bounded number of blocks are in
// flight, read but not yet taken, so memory stays bounded however long the
// input.
//
// Threads are woken only when they wait, and the consuming thread, whose
// work per block is the lighter, only once a batch of results lies ready
// in order: on two cores each wake-up is a context switch and an
// inter-processor interrupt (3% of a national `report` when every block
// woke it).

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
        batch_(2 * static_cast<int64_t>(threads < 1 ? 1 : threads)),
        // Room for a batch waiting beside a block on every worker, so that
        // a consumer waiting for its batch never holds a worker up.
        max_in_flight_(2 * static_cast<int64_t>(threads) + batch_),
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
    bool wake_worker = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      while (results_.count(taken_) == 0 && working_ > 0) {
        consumer_waiting_ = true;
        ready_.wait(lock);
        consumer_waiting_ = false;
      }
      auto it = results_.find(taken_);
      if (it == results_.end()) return false;  // every worker is done
      *result = std::move(it->second);
      results_.erase(it);
      ++taken_;
      // A worker waits for room only when every block in flight was
      // read: taking one makes room.
      wake_worker = room_waiting_;
    }
    if (wake_worker) room_.notify_one();
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
          while (!stop_ && !input_done_ &&
                 next_seq_ - taken_ >= max_in_flight_) {
            // (Only the reading worker waits here.) The consumer must not
            // sleep on for a batch while room is what holds this up.
            if (consumer_waiting_ && results_.count(taken_) > 0) {
              ready_.notify_one();
            }
            room_waiting_ = true;
            room_.wait(lock);
            room_waiting_ = false;
          }
          if (stop_ || input_done_) break;
        }
        if (!next_(&block)) {
          {
            std::lock_guard<std::mutex> lock(mu_);
            input_done_ = true;
          }
          ready_.notify_one();
          break;
        }
        seq = next_seq_++;
      }
      Result result = work_(std::move(block));
      bool wake_consumer = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) break;
        results_.emplace(seq, std::move(result));
        wake_consumer = consumer_waiting_ && ConsumerMayGoOn();
      }
      if (wake_consumer) ready_.notify_one();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      --working_;
    }
    ready_.notify_all();
    room_.notify_all();
  }

  // Under mu_: whether the waiting consumer is to be woken, its result
  // being ready and either a batch of them ready in order, or no more
  // coming soon (the input read, or the reading worker waiting for room).
  bool ConsumerMayGoOn() const {
    if (results_.count(taken_) == 0) return false;
    if (input_done_ || room_waiting_) return true;
    for (int64_t s = taken_ + 1; s < taken_ + batch_; ++s) {
      if (results_.count(s) == 0) return false;
    }
    return true;
  }

  std::function<bool(Block*)> next_;
  std::function<Result(Block)> work_;
  const int64_t batch_;
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
  bool consumer_waiting_ = false;  // in Next()
  bool room_waiting_ = false;      // the reading worker, for room
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
