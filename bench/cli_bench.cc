// The `mhpbr classify` tool end to end on a generated 1,000,000-row file:
// wall time from forking the child to reaping it (reading, classifying,
// writing and fsync-ing the output and rejects files), and the child's peak
// resident memory from wait4(); with --threads 1 and 2
// (BM_CliClassify/1, /2), and beside it the plain baseline
// (BM_PlainCsvBaseline: plain_csv_baseline.cc, a program that only reads,
// splits, parses and writes the same file).
//
//   cli_bench --benchmark_repetitions=5
//
// Counters: rows_per_second (input rows / wall seconds), rows_per_cpu_second
// (input rows / the child's user + system CPU seconds, which other load on
// the machine disturbs less), peak_rss_mb (the child's ru_maxrss, largest
// over the iterations), input_mb, rejected_rows.
//
// The input is written once per process into a fresh directory under
// $MHPBR_BENCH_TMPDIR, else $TMPDIR, else /tmp, and removed at exit. The
// tool is the one this build made; $MHPBR_TOOL overrides it.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/child_run.h"
#include "bench_data.h"
#include "benchmark/benchmark.h"

namespace mhpbr::bench {
namespace {

#ifndef MHPBR_TOOL_PATH
#error "MHPBR_TOOL_PATH must name the built mhpbr tool"
#endif

constexpr int64_t kRows = 1000000;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "cli_bench: %s\n", what.c_str());
  std::exit(2);
}

const char* ItemColumnSuffix(int i) {
  static const char* const kCodes[18] = {"1",  "2", "3", "4",  "5",  "6",
                                         "7",  "8", "9", "10", "11", "12",
                                         "13", "a", "b", "c",  "d",  "e"};
  return kCodes[i];
}

void AppendInt(std::string* out, int64_t v, int width = 0) {
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "%0*lld", width,
                              static_cast<long long>(v));
  out->append(buf, static_cast<size_t>(n));
}

void AppendDate(std::string* out, absl::CivilDay d) {
  AppendInt(out, d.year(), 4);
  out->push_back('-');
  AppendInt(out, d.month(), 2);
  out->push_back('-');
  AppendInt(out, d.day(), 2);
}

struct Input {
  std::string dir;
  std::string in, out, rejects;
  int64_t rows = 0;  // data rows, good and bad
  int64_t bad = 0;   // rows the tool must reject
  double megabytes = 0;
};

// One data row. About 1 row in 1000 is bad, in one of several ways.
void AppendRow(AssessmentGenerator& gen, int64_t n, std::string* out,
               int64_t* bad) {
  static const absl::CivilDay kFirst(2019, 4, 1);
  const GeneratedAssessment a = gen.Next();
  const int bad_kind = gen.Uniform(1000) == 0 ? 1 + gen.Uniform(5) : 0;
  *bad += bad_kind != 0;

  out->push_back('A');
  AppendInt(out, n, 8);
  out->push_back(',');
  out->push_back('P');
  AppendInt(out, gen.Uniform(200000), 7);
  out->push_back(',');
  if (bad_kind == 1) {
    out->append("2023-02-30");  // not a real date
  } else {
    AppendDate(out, kFirst + static_cast<int>(gen.Uniform(4 * 365)));
  }
  for (int i = 0; i < 18; ++i) {
    out->push_back(',');
    if (bad_kind == 2 && i == 5) {
      out->push_back('7');  // not a rating
      continue;
    }
    // Not known is written either way: empty or 9.
    if (a.ratings[i] == 9) {
      if (gen.Uniform(2) == 0) out->push_back('9');
      continue;
    }
    out->push_back(static_cast<char>('0' + a.ratings[i]));
  }
  static const char* const kAnswers[3] = {"", "n", "y"};
  out->push_back(',');
  out->append(bad_kind == 3 ? "maybe" : kAnswers[a.organic]);
  out->push_back(',');
  out->append(kAnswers[a.psychosis]);
  out->push_back(',');
  if (bad_kind == 4) {
    out->append("9");  // there is no cluster 9
  } else if (a.allocated >= 0) {
    AppendInt(out, a.allocated);
  }
  if (bad_kind == 5) out->append(",extra");  // one field too many
  out->push_back('\n');
}

std::string TempRoot() {
  for (const char* var : {"MHPBR_BENCH_TMPDIR", "TMPDIR"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return v;
  }
  return "/tmp";
}

const Input& GetInput() {
  static const Input* const input = [] {
    auto* in = new Input;
    std::string dir = TempRoot() + "/mhpbr-cli-bench-XXXXXX";
    if (mkdtemp(dir.data()) == nullptr) {
      Die("mkdtemp " + dir + ": " + std::strerror(errno));
    }
    in->dir = dir;
    in->in = dir + "/assessments.csv";
    in->out = dir + "/classified.csv";
    in->rejects = dir + "/rejects.csv";
    std::atexit([] {
      const Input& i = GetInput();
      for (const std::string* f : {&i.in, &i.out, &i.rejects}) {
        unlink(f->c_str());
      }
      rmdir(i.dir.c_str());
    });

    std::FILE* f = std::fopen(in->in.c_str(), "wb");
    if (f == nullptr) Die("cannot write " + in->in);
    std::string buf = "assessment_id,patient_id,date";
    for (int i = 0; i < 18; ++i) {
      buf += ",r";
      buf += ItemColumnSuffix(i);
    }
    buf += ",organic,psychosis,allocated_cluster\n";
    AssessmentGenerator gen;
    size_t bytes = 0;
    for (int64_t n = 1; n <= kRows; ++n) {
      AppendRow(gen, n, &buf, &in->bad);
      if (buf.size() >= (1 << 20) || n == kRows) {
        if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
          Die("write failed: " + in->in);
        }
        bytes += buf.size();
        buf.clear();
      }
    }
    if (std::fclose(f) != 0) Die("write failed: " + in->in);
    in->rows = kRows;
    in->megabytes = static_cast<double>(bytes) / (1 << 20);
    return in;
  }();
  return *input;
}

std::string ToolPath() {
  const char* v = std::getenv("MHPBR_TOOL");
  return v != nullptr && *v != '\0' ? v : MHPBR_TOOL_PATH;
}

int64_t CountLines(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) Die("cannot read " + path);
  std::vector<char> buf(1 << 16);
  int64_t lines = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    lines += std::count(buf.begin(), buf.begin() + static_cast<long>(n), '\n');
  }
  std::fclose(f);
  return lines;
}

// Runs the tool once, its output to /dev/null.
ChildRun RunTool(const Input& in, int threads) {
  const std::string tool = ToolPath();
  ChildRun run =
      RunChild({tool, "classify", "--in", in.in, "--out", in.out, "--rejects",
                in.rejects, "--threads", std::to_string(threads)},
               "/dev/null", "/dev/null");
  if (!run.error.empty()) Die(tool + " classify " + run.error);
  return run;
}

void BM_CliClassify(benchmark::State& state) {
  const Input& in = GetInput();
  double seconds = 0, cpu_seconds = 0;
  long peak_kib = 0;
  bool checked = false;
  for (auto _ : state) {
    const ChildRun run = RunTool(in, static_cast<int>(state.range(0)));
    state.SetIterationTime(run.wall_seconds);
    seconds += run.wall_seconds;
    cpu_seconds += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
    if (!checked) {
      // Every row accounted for: header + good rows, header + rejects.
      checked = true;
      const int64_t out_lines = CountLines(in.out);
      const int64_t reject_lines = CountLines(in.rejects);
      if (out_lines != in.rows - in.bad + 1 || reject_lines != in.bad + 1) {
        Die("expected " + std::to_string(in.rows - in.bad) + " rows and " +
            std::to_string(in.bad) + " rejects, got " +
            std::to_string(out_lines - 1) + " and " +
            std::to_string(reject_lines - 1));
      }
    }
  }
  const double rows =
      static_cast<double>(in.rows) * static_cast<double>(state.iterations());
  state.counters["rows_per_second"] = rows / seconds;
  // Robust to other load on the machine: rows per second of the child's
  // own CPU time (user + system).
  state.counters["rows_per_cpu_second"] = rows / cpu_seconds;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024.0;
  state.counters["input_mb"] = in.megabytes;
  state.counters["rejected_rows"] = static_cast<double>(in.bad);
}
BENCHMARK(BM_CliClassify)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_PlainCsvBaseline(benchmark::State& state) {
  const Input& in = GetInput();
  double seconds = 0, cpu_seconds = 0;
  long peak_kib = 0;
  for (auto _ : state) {
    const ChildRun run = RunChild({MHPBR_PLAIN_BASELINE_PATH, in.in, in.out},
                                  "/dev/null", "/dev/null");
    if (!run.error.empty()) Die("plain_csv_baseline " + run.error);
    state.SetIterationTime(run.wall_seconds);
    seconds += run.wall_seconds;
    cpu_seconds += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
  }
  const double rows =
      static_cast<double>(in.rows) * static_cast<double>(state.iterations());
  state.counters["rows_per_second"] = rows / seconds;
  state.counters["rows_per_cpu_second"] = rows / cpu_seconds;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024.0;
}
BENCHMARK(BM_PlainCsvBaseline)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
