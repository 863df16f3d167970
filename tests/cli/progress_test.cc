// The progress line (cli/progress.h) and the --threads option
// (cli/threads_flag.h): forced, the line goes even into a pipe, "\r"-led
// and blanked at the end ("\r\033[K"); left to itself, a pipe gets nothing.

#include "progress.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "args.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "threads_flag.h"

namespace mhpbr::cli {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// What `run` writes to a pipe's write end, read back after it is closed.
template <typename Run>
std::string Captured(Run run) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  run(fds[1]);
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) text.append(buf, n);
  ::close(fds[0]);
  return text;
}

TEST(ProgressTest, ForcedWritesCarriageReturnLinesToAPipe) {
  const std::string text = Captured([](int fd) {
    Progress p(ProgressMode::kOn, fd);
    p.Tick(Progress::kRowsPerClockCheck - 1);  // below the first clock check
    p.Tick(1);                                 // 65536: shown at once
    p.Finish();
    p.Tick(Progress::kRowsPerClockCheck);  // after Finish: nothing
  });
  // One line (the clock is looked at once), then the blanking.
  EXPECT_THAT(text, StartsWith("\r65536 rows read... "));
  EXPECT_THAT(text, HasSubstr(" M rows/s, "));
  EXPECT_THAT(text, EndsWith(" s elapsed\033[K\r\033[K"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\r'), 2);
}

TEST(ProgressTest, NothingToAPipeUnlessForced) {
  for (ProgressMode mode : {ProgressMode::kAuto, ProgressMode::kOff}) {
    const std::string text = Captured([mode](int fd) {
      Progress p(mode, fd);
      for (int i = 0; i < 8; ++i) p.Tick(Progress::kRowsPerClockCheck);
    });
    EXPECT_EQ(text, "");
  }
}

TEST(ProgressTest, TicksFromSeveralThreadsAreAllCounted) {
  const std::string text = Captured([](int fd) {
    Progress p(ProgressMode::kOn, fd);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&p] {
        for (int i = 0; i < 1000; ++i) p.Tick(100);
      });
    }
    for (std::thread& t : threads) t.join();
  });
  // 4 x 1000 x 100 = 400000 rows; at least the first crossing of 65536 is
  // shown, and every line counts whole ticks of 100.
  EXPECT_THAT(text, StartsWith("\r"));
  EXPECT_THAT(text, HasSubstr("00 rows read... "));
}

absl::StatusOr<Args> Parse(std::vector<std::string> argv) {
  return Args::Parse(argv, {"threads"}, {"progress", "no-progress"});
}

TEST(ThreadsFlagTest, OneTo256ElseAnErrorNamingTheOption) {
  EXPECT_EQ(*ThreadsFromArgs(*Parse({"--threads", "1"})), 1);
  EXPECT_EQ(*ThreadsFromArgs(*Parse({"--threads=256"})), 256);
  for (const char* bad : {"0", "257", "-1", "two", "1.5", ""}) {
    absl::StatusOr<int> n = ThreadsFromArgs(*Parse({"--threads", bad}));
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_THAT(n.status().message(), HasSubstr("--threads")) << bad;
  }
  absl::StatusOr<int> cores = ThreadsFromArgs(*Parse({}));
  ASSERT_TRUE(cores.ok());
  EXPECT_GE(*cores, 1);
  EXPECT_LE(*cores, kMaxThreads);
}

TEST(ProgressFlagTest, OnOffOrAutoButNotBoth) {
  EXPECT_EQ(*ProgressFromArgs(*Parse({})), ProgressMode::kAuto);
  EXPECT_EQ(*ProgressFromArgs(*Parse({"--progress"})), ProgressMode::kOn);
  EXPECT_EQ(*ProgressFromArgs(*Parse({"--no-progress"})), ProgressMode::kOff);
  EXPECT_FALSE(ProgressFromArgs(*Parse({"--progress", "--no-progress"})).ok());
}

}  // namespace
}  // namespace mhpbr::cli
