// The tool end to end on a national year (bench/national/README.md): each
// benchmark runs one `mhpbr` command as a child process and reports its
// wall time, CPU time (the child's user + system, from wait4) and peak
// resident memory (ru_maxrss), with --threads 1 and 2.
//
//   MHPBR_NATIONAL_DATA=DIR national_bench --benchmark_filter=Cost
//
// The inputs live in $MHPBR_NATIONAL_DATA (default $TMPDIR/mhpbr-national,
// else /tmp/mhpbr-national) and are generated there when absent, once: a
// few GB that take a few minutes to write. $MHPBR_TOOL overrides the tool.
// Outputs go to DIR/out/ and are left there for inspection.
//
// Counters: rows_per_second (input rows the command reads / wall
// seconds), cpu_seconds, peak_rss_mb, bench_rss_mb (this process's RSS at
// the fork, which bounds the error of peak_rss_mb).

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/child_run.h"
#include "bench/gen_writer.h"
#include "bench/national/national_data.h"
#include "benchmark/benchmark.h"

namespace mhpbr::bench {
namespace {

#ifndef MHPBR_TOOL_PATH
#error "MHPBR_TOOL_PATH must name the built mhpbr tool"
#endif
#ifndef MHPBR_PLAIN_COST_PATH
#error "MHPBR_PLAIN_COST_PATH must name the built plain_cost_baseline"
#endif

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// The lines of a file less its header: the rows a command reads.
int64_t DataRows(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) DieGenerating("cannot read " + path);
  static char buf[1 << 20];
  int64_t lines = 0;
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    lines += std::count(buf, buf + n, '\n');
  }
  std::fclose(f);
  return lines - 1;
}

struct Data {
  std::string dir;
  int64_t events = 0, assessments = 0, activity = 0;
};

const Data& GetData() {
  static const Data* const data = [] {
    auto* d = new Data;
    const char* env = std::getenv("MHPBR_NATIONAL_DATA");
    const char* tmp = std::getenv("TMPDIR");
    d->dir = env != nullptr && *env != '\0'
                 ? env
                 : std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                       "/mhpbr-national";
    bool present = true;
    for (const char* f : {kEventsFile, kPeriodsFile, kAssessmentsFile,
                          kActivityFile, kUnitCostsFile}) {
      present = present && Exists(d->dir + "/" + f);
    }
    if (!present) {
      std::fprintf(stderr, "national_bench: writing the national year to %s\n",
                   d->dir.c_str());
      mkdir(d->dir.c_str(), 0755);
      WriteNationalYear(d->dir, NationalSize());
    }
    mkdir((d->dir + "/out").c_str(), 0755);
    d->events = DataRows(d->dir + "/" + kEventsFile);
    d->assessments = DataRows(d->dir + "/" + kAssessmentsFile);
    d->activity = DataRows(d->dir + "/" + kActivityFile);
    return d;
  }();
  return *data;
}

std::string ToolPath() {
  const char* v = std::getenv("MHPBR_TOOL");
  return v != nullptr && *v != '\0' ? v : MHPBR_TOOL_PATH;
}

// Runs `args` (a program and its arguments) once per iteration, logging
// to `log`; `rows` is what one run reads, for the rate.
void RunTimed(benchmark::State& state, const std::vector<std::string>& args,
              const std::string& log, int64_t rows) {
  double wall = 0, cpu = 0, bench_rss = 0;
  long peak_kib = 0;
  for (auto _ : state) {
    bench_rss = std::max(bench_rss, SelfRssMb());
    const ChildRun run = RunChild(args, log, log);
    if (!run.error.empty()) {
      state.SkipWithError((args[1] + " " + run.error + "; see " + log).c_str());
      return;
    }
    state.SetIterationTime(run.wall_seconds);
    wall += run.wall_seconds;
    cpu += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["rows_per_second"] = static_cast<double>(rows) * n / wall;
  state.counters["cpu_seconds"] = cpu / n;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024.0;
  state.counters["bench_rss_mb"] = bench_rss;
}

// Runs `mhpbr <args> --threads N` once per iteration.
void RunCommand(benchmark::State& state, std::vector<std::string> args,
                int64_t rows) {
  args.insert(args.begin(), ToolPath());
  args.push_back("--threads");
  args.push_back(std::to_string(state.range(0)));
  RunTimed(state, args, GetData().dir + "/out/" + args[1] + ".log", rows);
}

std::string In(const char* file) { return GetData().dir + "/" + file; }
std::string Out(const char* file) { return GetData().dir + "/out/" + file; }

void BM_Classify(benchmark::State& state) {
  RunCommand(state,
             {"classify", "--in", In(kAssessmentsFile), "--out",
              Out("classified.csv"), "--rejects", Out("classify_rejects.csv")},
             GetData().assessments);
}

void BM_Periods(benchmark::State& state) {
  RunCommand(
      state,
      {"periods", "--in", In(kEventsFile), "--as-of", kNationalAsOf, "--out",
       Out("periods.csv"), "--rejects", Out("periods_rejects.csv")},
      GetData().events);
}

void BM_Cost(benchmark::State& state) {
  RunCommand(state,
             {"cost", "--periods", In(kPeriodsFile), "--activity",
              In(kActivityFile), "--unit-costs", In(kUnitCostsFile), "--as-of",
              kNationalAsOf, "--out", Out("cost.csv"), "--summary",
              Out("cost_summary.csv"), "--rejects", Out("cost_rejects.csv")},
             GetData().activity);
}

void BM_Report(benchmark::State& state) {
  RunCommand(state,
             {"report", "--periods", In(kPeriodsFile), "--activity",
              In(kActivityFile), "--unit-costs", In(kUnitCostsFile), "--as-of",
              kNationalAsOf, "--out", Out("report.html"), "--csv-dir",
              Out("report_csv"), "--rejects", Out("report_rejects.csv")},
             GetData().activity);
}

// `cost` and `report` in one run: the report's own costing written as
// BM_Cost writes it (--cost-out, --cost-summary), the activity read once.
void BM_ReportWithCostOutputs(benchmark::State& state) {
  RunCommand(state,
             {"report", "--periods", In(kPeriodsFile), "--activity",
              In(kActivityFile), "--unit-costs", In(kUnitCostsFile), "--as-of",
              kNationalAsOf, "--out", Out("report_and_cost.html"), "--csv-dir",
              Out("report_and_cost_csv"), "--cost-out", Out("report_cost.csv"),
              "--cost-summary", Out("report_cost_summary.csv"), "--rejects",
              Out("report_and_cost_rejects.csv")},
             GetData().activity);
}

// The plain baselines (plain_cost_baseline.cc), one thread: join:0 reads
// and parses the periods and the activity (the floor), join:1 also adds
// each record to its period through a std::unordered_map (costing as a
// plain program does it).
void BM_PlainCostBaseline(benchmark::State& state) {
  RunTimed(state,
           {MHPBR_PLAIN_COST_PATH, state.range(0) == 0 ? "parse" : "join",
            In(kPeriodsFile), In(kActivityFile), Out("plain_cost.csv")},
           GetData().dir + "/out/plain_cost.log", GetData().activity);
}
BENCHMARK(BM_PlainCostBaseline)
    ->ArgName("join")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

#define NATIONAL(name)           \
  BENCHMARK(name)                \
      ->ArgName("threads")       \
      ->Arg(1)                   \
      ->Arg(2)                   \
      ->UseManualTime()          \
      ->Unit(benchmark::kSecond) \
      ->Iterations(1)

NATIONAL(BM_Classify);
NATIONAL(BM_Periods);
NATIONAL(BM_Cost);
NATIONAL(BM_Report);
NATIONAL(BM_ReportWithCostOutputs);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
