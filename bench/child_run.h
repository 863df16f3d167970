// Running the mhpbr tool as a child process, for the end-to-end
// benchmarks: wall time from fork to reaping, and the child's CPU time and
// peak resident memory from wait4().
//
// fork() + exec, not posix_spawn: a child exec'd from a vfork()ed address
// space inherits the parent's lifetime peak RSS in its ru_maxrss; a forked
// child starts from the parent's current RSS (small in these benchmarks,
// and reported by the report benchmark as bench_rss_mb).

#ifndef MHPBR_BENCH_CHILD_RUN_H_
#define MHPBR_BENCH_CHILD_RUN_H_

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace mhpbr::bench {

struct ChildRun {
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  long max_rss_kib = 0;
  // Empty when the child ran and exited 0; else why not.
  std::string error;
};

// Runs `argv` (argv[0] the program's path) with standard input from
// /dev/null, standard output to `out_path` and standard error to
// `err_path` (the same file, or /dev/null, as the caller likes).
inline ChildRun RunChild(std::vector<std::string> argv,
                         const std::string& out_path,
                         const std::string& err_path) {
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  ChildRun run;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    run.error = std::string("fork: ") + std::strerror(errno);
    return run;
  }
  if (pid == 0) {
    const int flags = O_WRONLY | O_CREAT | O_TRUNC;
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(out_path.c_str(), flags, 0644);
    const int err =
        err_path == out_path ? out : open(err_path.c_str(), flags, 0644);
    if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0) {
      _exit(127);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  std::memset(&usage, 0, sizeof usage);
  if (wait4(pid, &status, 0, &usage) != pid) {
    run.error = std::string("wait4: ") + std::strerror(errno);
    return run;
  }
  run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.error = "did not exit 0 (status " + std::to_string(status) + ")";
  }
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  run.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  run.max_rss_kib = usage.ru_maxrss;
  return run;
}

// This process's resident memory now, in MB: a forked child's ru_maxrss
// is at least that, so it bounds the error of the child's figure.
inline double SelfRssMb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  return static_cast<double>(resident) *
         static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
}

}  // namespace mhpbr::bench

#endif  // MHPBR_BENCH_CHILD_RUN_H_
