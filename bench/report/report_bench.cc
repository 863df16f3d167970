// `mhpbr report` end to end on generated data: 1,000,000 cluster periods
// (500,000 people, two periods each) and 10,000,000 activity records, with
// the example unit costs. Wall time from forking the child to reaping it
// (reading and costing everything, the statistics, writing the HTML page
// and the CSV files), and the child's peak resident memory from wait4().
// Target: <= 10 s on the development machine.
//
//   taskset -c 1 report_bench --benchmark_repetitions=1
//
// Benchmarks (each one run of the tool):
//   BM_Report/activity:1000000   the first 1,000,000 activity records only
//   BM_Report/activity:10000000  all 10,000,000: the figure that counts
//   BM_CostOnly                  `mhpbr cost` on the same 10M records, to
//                                show how much of the time is costing
// The 1M and 10M runs share the 1M periods, so their peak RSS shows whether
// memory grows with the activity (it should not: records are streamed).
//
// Counters: records_per_second, peak_rss_mb (the child's ru_maxrss),
// cpu_seconds (the child's user + system), input_mb, and bench_rss_mb (this
// process's resident memory when it forks: a forked child's ru_maxrss is at
// least that, so it bounds the error of peak_rss_mb).
//
// The inputs are written once per process into a fresh directory under
// $MHPBR_BENCH_TMPDIR, else $TMPDIR, else /tmp, and removed at exit (about
// 700 MB). With $MHPBR_REPORT_BENCH_DATA naming a directory, the inputs are
// kept there and reused when present. $MHPBR_TOOL overrides the tool.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/child_run.h"
#include "bench/gen_writer.h"
#include "benchmark/benchmark.h"

namespace mhpbr::bench {
namespace {

#ifndef MHPBR_TOOL_PATH
#error "MHPBR_TOOL_PATH must name the built mhpbr tool"
#endif

constexpr int64_t kPatients = 500000;       // two periods each: 1,000,000
constexpr int64_t kUnknownPatients = 5000;  // activity but no period
constexpr int64_t kRecords = 10000000;
constexpr int64_t kSmallRecords = 1000000;
const absl::CivilDay kFirstDay(2023, 1, 1);
const absl::CivilDay kAsOf(2024, 3, 31);
constexpr char kAsOfText[] = "2024-03-31";

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "report_bench: %s\n", what.c_str());
  std::exit(2);
}

// "YYYY-MM-DD" for every day from kFirstDay to kAsOf.
const std::vector<std::string>& DateTable() {
  static const auto* table =
      new std::vector<std::string>(IsoDates(kFirstDay, kAsOf));
  return *table;
}
const int64_t kDays = kAsOf - kFirstDay + 1;

// Clusters 0-8, 10-21; cluster 0 rarely.
int ClusterFor(uint64_t r) {
  if (r % 100 < 3) return 0;
  const int i = static_cast<int>((r >> 8) % 20);  // 1-8, 10-21
  return i < 8 ? i + 1 : i + 2;
}

// One person's two periods, as day offsets from kFirstDay: the first from
// `start` to `start + len1 - 1`, the second from there to `last` (open
// when `open`). Derived from the person's index alone, so the activity can
// be dated inside them without storing anything.
struct Person {
  int64_t start, len1, last;
  bool open;
  int cluster1, cluster2;
};

Person PersonAt(int64_t i) {
  const uint64_t r = Mix(static_cast<uint64_t>(i) * 7919 + 17);
  Person p;
  p.start = static_cast<int64_t>(r % 240);              // Jan - Aug 2023
  p.len1 = 30 + static_cast<int64_t>((r >> 10) % 150);  // 30-179 days
  p.open = ((r >> 20) & 1) != 0;
  const int64_t second = p.start + p.len1;  // <= day 418, before the as-of
  p.last = p.open
               ? kDays - 1
               : std::min(kDays - 1,
                          second + 20 + static_cast<int64_t>((r >> 24) % 200));
  p.cluster1 = ClusterFor(r >> 32);
  p.cluster2 = ClusterFor(Mix(r));
  return p;
}

void AppendId(Writer& w, char prefix, int64_t n, int width) {
  w.Char(prefix);
  w.Int(n, width);
}

void WritePeriods(const std::string& path) {
  const auto& dates = DateTable();
  Writer w(path);
  w.Str(std::string("patient_id,cluster,start,end\n"));
  for (int64_t i = 0; i < kPatients; ++i) {
    const Person p = PersonAt(i);
    AppendId(w, 'P', i, 7);
    w.Char(',');
    w.Int(p.cluster1);
    w.Char(',');
    w.Str(dates[p.start]);
    w.Char(',');
    w.Str(dates[p.start + p.len1 - 1]);
    w.EndRow();
    AppendId(w, 'P', i, 7);
    w.Char(',');
    w.Int(p.cluster2);
    w.Char(',');
    w.Str(dates[p.start + p.len1]);
    w.Char(',');
    if (!p.open) w.Str(dates[p.last]);
    w.EndRow();
  }
  w.Close();
}

constexpr const char* kStaff[] = {"pwp",          "nurse_b6", "psychologist",
                                  "psychiatrist", "ot",       "support_worker"};
constexpr const char* kWards[] = {"acute_adult", "picu", "older_adult"};
constexpr const char* kTeams[] = {"north_cmht", "south_cmht", "east_cmht",
                                  "west_cmht",  "eip",        "older_adults",
                                  "crisis",     "inpatient"};
constexpr int kMinutes[] = {15, 30, 45, 60, 90};

void WriteUnitCosts(const std::string& path) {
  Writer w(path);
  w.Str(
      std::string("source: \"report_bench (illustrative)\"\n"
                  "overhead_ppm: 180000\n"
                  "staff { code: \"pwp\" pence_per_hour: 3900 }\n"
                  "staff { code: \"nurse_b6\" pence_per_hour: 5200 }\n"
                  "staff { code: \"psychologist\" pence_per_hour: 7400 }\n"
                  "staff { code: \"psychiatrist\" pence_per_hour: 14500 }\n"
                  "staff { code: \"ot\" pence_per_hour: 5000 }\n"
                  "staff { code: \"support_worker\" pence_per_hour: 2900 }\n"
                  "ward { code: \"acute_adult\" pence_per_day: 45500 }\n"
                  "ward { code: \"picu\" pence_per_day: 98000 }\n"
                  "ward { code: \"older_adult\" pence_per_day: 41000 }\n"));
  w.Close();
}

// `records` activity rows; the first `small` also go to `small_path`.
// 1% of the rows are of people with no period (5,000 of 505,000 people); 3% are
// dated anywhere in the year (some outside any period); the rest fall in the
// person's periods. Kinds: 85% contact, 7% group, 4% bed day, 4% other.
void WriteActivity(const std::string& path, const std::string& small_path,
                   int64_t small) {
  const auto& dates = DateTable();
  Writer big(path);
  Writer little(small_path);
  const std::string header =
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,team\n";
  big.Str(header);
  little.Str(header);
  Rng rng(20240331);
  for (int64_t k = 0; k < kRecords; ++k) {
    const uint64_t r = rng.Next();
    // People in a fixed shuffled order, every one once per 505,000 rows, so
    // that the first million rows already name everyone (and the 1M and
    // 10M runs hold the same people): 7919 is prime to 505,000.
    const int64_t person = (k * 7919 + 12345) % (kPatients + kUnknownPatients);
    const bool unknown = person >= kPatients;
    int64_t day;
    if (unknown || (r >> 40) % 100 < 3) {
      day = static_cast<int64_t>((r >> 20) % kDays);
    } else {
      const Person p = PersonAt(person);
      day = p.start + static_cast<int64_t>((r >> 20) % (p.last - p.start + 1));
    }
    const uint64_t s = rng.Next();
    const int kind = static_cast<int>(s % 100);
    // Every row to the big file; the first `small` also to the small one.
    for (Writer* out : {&big, &little}) {
      if (out == &little && k >= small) break;
      Writer& o = *out;
      AppendId(o, 'A', k, 8);
      o.Char(',');
      AppendId(o, 'P', person, 7);
      o.Char(',');
      o.Str(dates[day]);
      if (kind < 85) {
        o.Str(",contact,", 9);
        o.Str(kStaff[(s >> 8) % 6], std::strlen(kStaff[(s >> 8) % 6]));
        o.Char(',');
        o.Int(kMinutes[(s >> 16) % 5]);
        o.Str(",,,,", 4);
      } else if (kind < 92) {
        o.Str(",group,ot,", 10);
        o.Int(kMinutes[(s >> 16) % 5]);
        o.Str(",,,", 3);
        o.Int(3 + static_cast<int64_t>((s >> 24) % 6));
        o.Char(',');
      } else if (kind < 96) {
        o.Str(",bed_day,,,", 11);
        o.Str(kWards[(s >> 8) % 3], std::strlen(kWards[(s >> 8) % 3]));
        o.Char(',');
        o.Int(1 + static_cast<int64_t>((s >> 16) % 7));
        o.Str(",,", 2);
      } else {
        o.Str(",other,,,,,,", 12);
        o.Int(500 + static_cast<int64_t>((s >> 16) % 20000));
      }
      o.Char(',');
      const char* team = kTeams[person % 8];
      o.Str(team, std::strlen(team));
      o.EndRow();
    }
  }
  big.Close();
  little.Close();
}

std::string TempRoot() {
  for (const char* var : {"MHPBR_BENCH_TMPDIR", "TMPDIR"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return v;
  }
  return "/tmp";
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

double FileMb(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) Die("cannot stat " + path);
  return static_cast<double>(st.st_size) / (1 << 20);
}

struct Input {
  std::string dir;
  std::string periods, activity, activity_small, unit_costs;
  bool keep = false;
  double generate_seconds = 0;
};

void RemoveTree(const std::string& dir) {
  // The tool's outputs and the inputs: one level of files plus csv/.
  for (const char* sub :
       {"/csv/homogeneity.csv", "/csv/summary.csv", "/csv/coverage_by_team.csv",
        "/csv/red_items.csv", "/report.html", "/cost.csv", "/report.err"}) {
    unlink((dir + sub).c_str());
  }
  rmdir((dir + "/csv").c_str());
  for (const char* f : {"/periods.csv", "/activity.csv", "/activity_1m.csv",
                        "/unit_costs.textproto"}) {
    unlink((dir + f).c_str());
  }
  rmdir(dir.c_str());
}

const Input& GetInput() {
  static const Input* const input = [] {
    auto* in = new Input;
    const char* keep = std::getenv("MHPBR_REPORT_BENCH_DATA");
    if (keep != nullptr && *keep != '\0') {
      in->dir = keep;
      in->keep = true;
      mkdir(in->dir.c_str(), 0755);
    } else {
      std::string dir = TempRoot() + "/mhpbr-report-bench-XXXXXX";
      if (mkdtemp(dir.data()) == nullptr) {
        Die("mkdtemp " + dir + ": " + std::strerror(errno));
      }
      in->dir = dir;
      std::atexit([] { RemoveTree(GetInput().dir); });
    }
    in->periods = in->dir + "/periods.csv";
    in->activity = in->dir + "/activity.csv";
    in->activity_small = in->dir + "/activity_1m.csv";
    in->unit_costs = in->dir + "/unit_costs.textproto";
    const auto start = std::chrono::steady_clock::now();
    if (!in->keep || !Exists(in->periods) || !Exists(in->activity) ||
        !Exists(in->activity_small) || !Exists(in->unit_costs)) {
      std::fprintf(stderr,
                   "report_bench: writing %lld periods and %lld "
                   "activity records to %s ...\n",
                   static_cast<long long>(2 * kPatients),
                   static_cast<long long>(kRecords), in->dir.c_str());
      WriteUnitCosts(in->unit_costs);
      WritePeriods(in->periods);
      WriteActivity(in->activity, in->activity_small, kSmallRecords);
    }
    in->generate_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::fprintf(stderr, "report_bench: inputs ready in %.1f s (%.0f MB)\n",
                 in->generate_seconds,
                 FileMb(in->periods) + FileMb(in->activity) +
                     FileMb(in->activity_small));
    return in;
  }();
  return *input;
}

std::string ToolPath() {
  const char* v = std::getenv("MHPBR_TOOL");
  return v != nullptr && *v != '\0' ? v : MHPBR_TOOL_PATH;
}

// Runs the tool with `args` (after the tool's path), standard output and
// error to `err_path`.
ChildRun RunTool(const std::vector<std::string>& args,
                 const std::string& err_path) {
  std::vector<std::string> all = {ToolPath()};
  all.insert(all.end(), args.begin(), args.end());
  ChildRun run = RunChild(all, err_path, err_path);
  if (!run.error.empty()) {
    Die(all[0] + " " + args[0] + " " + run.error + "; see " + err_path);
  }
  return run;
}

// The value of `key` in the tool's summary.csv, or -1.
int64_t SummaryValue(const std::string& path, const std::string& key) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return -1;
  char line[256];
  int64_t v = -1;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    const std::string s = line;
    if (s.compare(0, key.size() + 1, key + ",") == 0) {
      v = std::strtoll(s.c_str() + key.size() + 1, nullptr, 10);
      break;
    }
  }
  std::fclose(f);
  return v;
}

void Report(benchmark::State& state, const std::vector<std::string>& args,
            int64_t records, const std::string& activity, bool check_summary) {
  const Input& in = GetInput();
  double wall = 0, cpu = 0, bench_rss = 0;
  long peak_kib = 0;
  for (auto _ : state) {
    bench_rss = std::max(bench_rss, SelfRssMb());
    const ChildRun run = RunTool(args, in.dir + "/report.err");
    state.SetIterationTime(run.wall_seconds);
    wall += run.wall_seconds;
    cpu += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
  }
  if (check_summary) {
    const std::string summary = in.dir + "/csv/summary.csv";
    const int64_t read = SummaryValue(summary, "activity_records");
    const int64_t periods = SummaryValue(summary, "periods");
    if (read != records || periods != 2 * kPatients) {
      Die("summary.csv says " + std::to_string(read) + " records and " +
          std::to_string(periods) + " periods; expected " +
          std::to_string(records) + " and " + std::to_string(2 * kPatients));
    }
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["records_per_second"] =
      static_cast<double>(records) * n / wall;
  state.counters["cpu_seconds"] = cpu / n;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024.0;
  state.counters["bench_rss_mb"] = bench_rss;
  state.counters["input_mb"] = FileMb(in.periods) + FileMb(activity);
}

void BM_Report(benchmark::State& state) {
  const Input& in = GetInput();
  const int64_t records = state.range(0);
  const std::string& activity =
      records == kRecords ? in.activity : in.activity_small;
  Report(state,
         {"report", "--periods", in.periods, "--activity", activity,
          "--unit-costs", in.unit_costs, "--as-of", kAsOfText, "--out",
          in.dir + "/report.html", "--csv-dir", in.dir + "/csv"},
         records, activity, /*check_summary=*/true);
}
BENCHMARK(BM_Report)
    ->ArgName("activity")
    ->Arg(kSmallRecords)
    ->Arg(kRecords)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

// Where the time goes: costing alone (the same reading and costing, no
// statistics, no page), writing the per-period costs.
void BM_CostOnly(benchmark::State& state) {
  const Input& in = GetInput();
  Report(state,
         {"cost", "--periods", in.periods, "--activity", in.activity,
          "--unit-costs", in.unit_costs, "--as-of", kAsOfText, "--out",
          in.dir + "/cost.csv"},
         kRecords, in.activity, /*check_summary=*/false);
}
BENCHMARK(BM_CostOnly)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
