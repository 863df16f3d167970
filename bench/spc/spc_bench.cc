// SPC over 10,000 series of 48 months (480,000 points): the runner
// in-process (BM_SpcRunner) and `mhpbr spc --in F --out F --summary F`
// as a child process (BM_SpcCli, bench/child_run.h). The target is at
// least 2 million points a second.
//
// The series (fixed seed): values with 2 decimals around a level of 50 to
// 5000, noise of +-10% of it, and in one series of 4 a shift of 30% from a
// random month, so the special-cause rules have something to find.

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "bench/child_run.h"
#include "benchmark/benchmark.h"
#include "mhpbr/exact_decimal.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/spc.h"

namespace mhpbr::bench {
namespace {

constexpr int kSeries = 10000;
constexpr int kMonths = 48;

const std::vector<SpcSeries>& Series() {
  static const std::vector<SpcSeries>* series = [] {
    auto* out = new std::vector<SpcSeries>(kSeries);
    std::mt19937_64 rng(20261206);
    std::uniform_int_distribution<int64_t> level(5000, 500000);
    std::uniform_int_distribution<int> month(0, kMonths - 1);
    std::uniform_int_distribution<int> direction(0, 2);
    for (int i = 0; i < kSeries; ++i) {
      SpcSeries& s = (*out)[i];
      s.name = absl::StrCat("series_", 100000 + i);
      s.direction = static_cast<SpcDirection>(direction(rng));
      const int64_t base = level(rng);
      std::uniform_int_distribution<int64_t> noise(-base / 10, base / 10);
      const int shift_at = i % 4 == 0 ? month(rng) : kMonths;
      if (i % 2 == 0) s.target = ExactDecimal{base, 2};
      absl::CivilMonth m(2020, 4);
      for (int j = 0; j < kMonths; ++j, ++m) {
        s.months.push_back(m);
        const int64_t shift = j >= shift_at ? base * 3 / 10 : 0;
        s.values.push_back(ExactDecimal{base + shift + noise(rng), 2});
      }
    }
    return out;
  }();
  return *series;
}

void BM_SpcRunner(benchmark::State& state) {
  const std::vector<SpcSeries>& series = Series();
  const SpcRules rules;
  int64_t special = 0;
  for (auto _ : state) {
    auto charts = RunSpc(series, {}, rules);
    if (!charts.ok()) {
      state.SkipWithError(std::string(charts.status().message()).c_str());
      return;
    }
    special = 0;
    for (const SpcChart& c : *charts) {
      for (const SpcPoint& p : c.points) special += p.special_cause;
    }
    benchmark::DoNotOptimize(charts->data());
  }
  const int64_t points = int64_t{kSeries} * kMonths;
  state.SetItemsProcessed(state.iterations() * points);
  state.counters["points_per_second"] =
      benchmark::Counter(static_cast<double>(points) * state.iterations(),
                         benchmark::Counter::kIsRate);
  state.counters["special_cause_share"] =
      static_cast<double>(special) / static_cast<double>(points);
}
BENCHMARK(BM_SpcRunner)->Unit(benchmark::kMillisecond)->UseRealTime();

#ifdef MHPBR_TOOL_PATH
std::string ToolPath() {
  const char* v = std::getenv("MHPBR_TOOL");
  return v != nullptr && *v != '\0' ? v : MHPBR_TOOL_PATH;
}

// The series as `mhpbr spc` reads them, months in file order.
std::string WriteInput(const std::string& dir) {
  const std::string path = dir + "/spc_in.csv";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return "";
  std::fputs("series,month,value,direction,target\n", f);
  for (const SpcSeries& s : Series()) {
    for (size_t j = 0; j < s.months.size(); ++j) {
      const std::string target =
          j == 0 && s.target ? FormatExactDecimal(*s.target, 2) : "";
      std::fprintf(
          f, "%s,%s,%s,%s,%s\n", s.name.c_str(),
          absl::FormatCivilTime(s.months[j]).c_str(),
          FormatExactDecimal(s.values[j], 2).c_str(),
          j == 0 ? std::string(SpcDirectionName(s.direction)).c_str() : "",
          target.c_str());
    }
  }
  return std::fclose(f) == 0 ? path : "";
}

// `mhpbr spc` on the series, with the SVG page too when `svg`.
void RunSpcCli(benchmark::State& state, bool svg) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  static const std::string in = WriteInput(dir);
  if (in.empty()) {
    state.SkipWithError("cannot write the input file");
    return;
  }
  double wall = 0, cpu = 0;
  long peak_kib = 0;
  for (auto _ : state) {
    std::vector<std::string> args = {ToolPath(),  "spc",
                                     "--in",      in,
                                     "--out",     dir + "/spc_points.csv",
                                     "--summary", dir + "/spc_summary.csv"};
    if (svg) {
      args.push_back("--svg");
      args.push_back(dir + "/spc_charts.svg");
    }
    const ChildRun run = RunChild(args, "/dev/null", dir + "/spc_bench.err");
    if (!run.error.empty()) {
      state.SkipWithError(run.error.c_str());
      return;
    }
    state.SetIterationTime(run.wall_seconds);
    wall += run.wall_seconds;
    cpu += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["points_per_second"] = kSeries * kMonths * n / wall;
  state.counters["cpu_seconds"] = cpu / n;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024.0;
}

void BM_SpcCli(benchmark::State& state) { RunSpcCli(state, false); }
BENCHMARK(BM_SpcCli)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

// The page is written a chart at a time: its memory must not grow with the
// series either.
void BM_SpcCliSvg(benchmark::State& state) { RunSpcCli(state, true); }
BENCHMARK(BM_SpcCliSvg)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
#endif

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
