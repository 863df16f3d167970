// Starting the concurrency tests' threads together, so that they really
// overlap on the shared object.

#ifndef MHPBR_TESTS_CONCURRENCY_RUN_THREADS_H_
#define MHPBR_TESTS_CONCURRENCY_RUN_THREADS_H_

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace mhpbr::concurrency_test {

constexpr int kThreads = 8;

// Runs `work(t)` on kThreads threads started together.
inline void RunThreads(const std::function<void(int)>& work) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      work(t);
    });
  }
  for (std::thread& th : threads) th.join();
}

}  // namespace mhpbr::concurrency_test

#endif  // MHPBR_TESTS_CONCURRENCY_RUN_THREADS_H_
