// Running a program as a child process for the tests: its exit status and
// what it wrote to standard output and standard error; temporary paths and
// whole-file reads and writes around it. Shared by the periods and report
// end-to-end tests.

#ifndef MHPBR_TESTS_COMMON_RUN_PROCESS_H_
#define MHPBR_TESTS_COMMON_RUN_PROCESS_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

extern char** environ;

namespace mhpbr::test_process {

struct ProcessResult {
  // The exit status, or -1 when the child did not exit normally.
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A fresh path under the test's temporary directory. The process id alone
// is not enough: ids are reused, and a directory left by an earlier process
// of the same id would hold its files; the clock at the first call tells
// the two apart.
inline std::string TempPath(const std::string& name) {
  static std::atomic<int> counter{0};
  static const int64_t started =
      std::chrono::steady_clock::now().time_since_epoch().count();
  return absl::StrCat(::testing::TempDir(), "/mhpbr_test_", getpid(), "_",
                      started, "_", counter++, "_", name);
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  ASSERT_TRUE(out.good()) << path;
}

// Runs argv[0] with the arguments; standard input from `stdin_path` (or
// /dev/null).
inline ProcessResult RunProcess(const std::vector<std::string>& argv,
                                const std::string& stdin_path = "/dev/null") {
  ProcessResult result;
  const std::string out_path = TempPath("stdout");
  const std::string err_path = TempPath("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY,
                                   0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc =
      posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0) << "cannot run " << argv[0];
  if (rc != 0) return result;
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return result;
}

}  // namespace mhpbr::test_process

#endif  // MHPBR_TESTS_COMMON_RUN_PROCESS_H_
