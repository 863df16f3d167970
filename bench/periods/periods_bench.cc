// Building cluster periods from 1,000,000 events: in-process (BuildPeriods
// on events in memory) and the `mhpbr periods` tool end to end on a
// generated 1,000,000-row CSV, plus the tool's stages on their own (reading
// the CSV, writing the periods) to show where its time goes.
//
// Targets (the issue): >= 2 million events per second in-process, >= 500
// thousand events per second for the tool end to end.
//
//   periods_bench --benchmark_repetitions=5
//
// The events look like a trust's clustering history, in extract order
// (sorted by date across patients, as monthly submissions arrive):
//   patients  about 200,000, ids like RX0012345, 1-9 events each (mean 5),
//             first allocation 2019-04 to 2023-12;
//   events    after an allocation, every 1-26 weeks: a review (same
//             cluster) 55%, a move to another cluster 25%, a discharge 12%,
//             a same-day correction (two allocations that day) 2%, a
//             duplicate discharge (no open period: an error) 1%, else a
//             review; after a discharge, a new allocation 1-18 months on;
//   as-of     2024-03-31: about 10% of events fall after it.
//
// The CLI input is written once per process into a fresh directory under
// $MHPBR_BENCH_TMPDIR, else $TMPDIR, else /tmp, and removed at exit; the
// tool is the one this build made ($MHPBR_TOOL overrides it).

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/child_run.h"
#include "benchmark/benchmark.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr::bench {
namespace {

#ifndef MHPBR_TOOL_PATH
#error "MHPBR_TOOL_PATH must name the built mhpbr tool"
#endif

constexpr int64_t kEvents = 1000000;
const absl::CivilDay kAsOf(2024, 3, 31);

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "periods_bench: %s\n", what.c_str());
  std::exit(2);
}

class EventGenerator {
 public:
  explicit EventGenerator(uint32_t seed = 20240331) : rng_(seed) {}

  std::vector<PeriodEvent> Generate(int64_t count) {
    std::vector<PeriodEvent> events;
    events.reserve(static_cast<size_t>(count));
    for (uint32_t patient = 0; static_cast<int64_t>(events.size()) < count;
         ++patient) {
      AddPatient(patient, count, &events);
    }
    // Extract order: by date across patients, a patient's events of one
    // date in the order they were recorded.
    std::stable_sort(events.begin(), events.end(),
                     [](const PeriodEvent& a, const PeriodEvent& b) {
                       return a.date < b.date;
                     });
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].line = static_cast<int64_t>(i) + 2;
    }
    return events;
  }

 private:
  int Uniform(int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng_);
  }

  // Common clusters more often, as in national returns.
  int PickCluster() {
    static constexpr int kWeighted[] = {1,  1,  2,  2,  3,  3,  3,  4,  4,  5,
                                        6,  7,  7,  8,  10, 11, 11, 12, 12, 13,
                                        14, 15, 16, 17, 18, 19, 19, 20, 21, 0};
    return kWeighted[Uniform(static_cast<int>(std::size(kWeighted)))];
  }

  void AddPatient(uint32_t n, int64_t limit, std::vector<PeriodEvent>* out) {
    // A permutation of 0..9,999,999 (7919 is prime to 10^7): unique ids
    // in no particular order.
    char id[16];
    std::snprintf(
        id, sizeof id, "RX%07u",
        static_cast<unsigned>((uint64_t{n} * 7919 + 12345) % 10000000));
    int events = 1 + Uniform(9);
    absl::CivilDay day = absl::CivilDay(2019, 4, 1) + Uniform(1736);
    int cluster = PickCluster();
    bool open = false;
    auto add = [&](EventKind kind, int c) {
      PeriodEvent e;
      e.patient_id = id;
      e.date = day;
      e.kind = kind;
      e.cluster = *Cluster::FromCode(c);
      out->push_back(std::move(e));
      --events;
    };
    add(EventKind::kAllocate, cluster);
    open = true;
    while (events > 0 && static_cast<int64_t>(out->size()) < limit) {
      if (!open) {
        day += 30 + Uniform(520);
        cluster = PickCluster();
        add(EventKind::kAllocate, cluster);
        open = true;
        continue;
      }
      day += 7 * (1 + Uniform(26));
      const int p = Uniform(100);
      if (p < 55) {
        add(EventKind::kAllocate, cluster);
      } else if (p < 80) {
        int next = PickCluster();
        if (next == cluster) next = cluster == 3 ? 4 : 3;
        cluster = next;
        add(EventKind::kAllocate, cluster);
      } else if (p < 92) {
        add(EventKind::kDischarge, 0);
        open = false;
      } else if (p < 94 && events >= 2) {
        add(EventKind::kAllocate, PickCluster());
        cluster = PickCluster();
        add(EventKind::kAllocate, cluster);
      } else if (p < 95 && events >= 2) {
        add(EventKind::kDischarge, 0);
        add(EventKind::kDischarge, 0);
        open = false;
      } else {
        add(EventKind::kAllocate, cluster);
      }
    }
  }

  std::mt19937 rng_;
};

const std::vector<PeriodEvent>& Events() {
  static const auto* const events =
      new std::vector<PeriodEvent>(EventGenerator().Generate(kEvents));
  return *events;
}

const RuleSet& Rules() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    auto r = DefaultRuleSet();
    if (!r.ok()) Die(std::string(r.status().message()));
    return *r;
  }();
  return *rules;
}

void ReportShape(benchmark::State& state, const PeriodBuild& b) {
  state.counters["periods"] = static_cast<double>(b.periods.size());
  state.counters["errors"] = static_cast<double>(b.errors.size());
  state.counters["after_as_of"] = static_cast<double>(b.events_after_as_of);
  state.counters["superseded"] = static_cast<double>(b.superseded);
}

// BuildPeriods in-process. Arg 0: extract (date) order; arg 1: the same
// events grouped by patient, as a caller that already sorted would pass.
void BM_BuildPeriods(benchmark::State& state) {
  std::vector<PeriodEvent> events = Events();
  if (state.range(0) == 1) {
    std::stable_sort(events.begin(), events.end(),
                     [](const PeriodEvent& a, const PeriodEvent& b) {
                       return a.patient_id < b.patient_id;
                     });
  }
  const RuleSet& rules = Rules();
  PeriodBuild last;
  for (auto _ : state) {
    PeriodBuild b = BuildPeriods(events, kAsOf, rules);
    benchmark::DoNotOptimize(b.periods.data());
    last = std::move(b);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(events.size()));
  ReportShape(state, last);
}
BENCHMARK(BM_BuildPeriods)
    ->ArgName("by_patient")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- The tool ---------------------------------------------------------

std::string TempRoot() {
  for (const char* var : {"MHPBR_BENCH_TMPDIR", "TMPDIR"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return v;
  }
  return "/tmp";
}

struct Input {
  std::string dir, in, out, rejects, by_patient, by_cluster;
  double megabytes = 0;
};

const Input& GetInput() {
  static const Input* const input = [] {
    auto* in = new Input;
    std::string dir = TempRoot() + "/mhpbr-periods-bench-XXXXXX";
    if (mkdtemp(dir.data()) == nullptr) {
      Die("mkdtemp " + dir + ": " + std::strerror(errno));
    }
    in->dir = dir;
    in->in = dir + "/events.csv";
    in->out = dir + "/periods.csv";
    in->rejects = dir + "/rejects.csv";
    in->by_patient = dir + "/by_patient.csv";
    in->by_cluster = dir + "/by_cluster.csv";
    std::atexit([] {
      const Input& i = GetInput();
      for (const std::string* f :
           {&i.in, &i.out, &i.rejects, &i.by_patient, &i.by_cluster}) {
        unlink(f->c_str());
      }
      rmdir(i.dir.c_str());
    });
    std::FILE* f = std::fopen(in->in.c_str(), "wb");
    if (f == nullptr) Die("cannot write " + in->in);
    std::string buf = "patient_id,date,event,cluster\n";
    size_t bytes = 0;
    const std::vector<PeriodEvent>& events = Events();
    for (size_t i = 0; i < events.size(); ++i) {
      const PeriodEvent& e = events[i];
      buf += e.patient_id;
      buf += ',';
      buf += FormatIsoDate(e.date);
      if (e.kind == EventKind::kAllocate) {
        buf += ",allocate,";
        buf += std::to_string(e.cluster.code());
      } else {
        buf += ",discharge,";
      }
      buf += '\n';
      if (buf.size() >= (1 << 20) || i + 1 == events.size()) {
        if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
          Die("write failed: " + in->in);
        }
        bytes += buf.size();
        buf.clear();
      }
    }
    if (std::fclose(f) != 0) Die("write failed: " + in->in);
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
ChildRun RunTool(const Input& in, bool summaries) {
  const std::string tool = ToolPath();
  std::vector<std::string> args = {tool,      "periods", "--in",
                                   in.in,     "--as-of", FormatIsoDate(kAsOf),
                                   "--out",   in.out,    "--rejects",
                                   in.rejects};
  if (summaries) {
    args.insert(args.end(),
                {"--by-patient", in.by_patient, "--by-cluster", in.by_cluster});
  }
  ChildRun run = RunChild(std::move(args), "/dev/null", "/dev/null");
  if (!run.error.empty()) Die(tool + " periods " + run.error);
  return run;
}

// The tool end to end. Arg 1 also writes --by-patient and --by-cluster.
void BM_CliPeriods(benchmark::State& state) {
  const Input& in = GetInput();
  const bool summaries = state.range(0) == 1;
  double seconds = 0, cpu = 0;
  long peak_kib = 0;
  bool checked = false;
  for (auto _ : state) {
    const ChildRun run = RunTool(in, summaries);
    state.SetIterationTime(run.wall_seconds);
    seconds += run.wall_seconds;
    cpu += run.cpu_seconds;
    peak_kib = std::max(peak_kib, run.max_rss_kib);
    if (!checked) {
      // The same periods and errors as in-process.
      checked = true;
      const PeriodBuild b = BuildPeriods(Events(), kAsOf, Rules());
      const int64_t out_lines = CountLines(in.out);
      const int64_t reject_lines = CountLines(in.rejects);
      if (out_lines != static_cast<int64_t>(b.periods.size()) + 1 ||
          reject_lines != static_cast<int64_t>(b.errors.size()) + 1) {
        Die("expected " + std::to_string(b.periods.size()) + " periods and " +
            std::to_string(b.errors.size()) + " rejects, got " +
            std::to_string(out_lines - 1) + " and " +
            std::to_string(reject_lines - 1));
      }
    }
  }
  const double rows =
      static_cast<double>(kEvents) * static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(rows));
  state.counters["events_per_second"] = rows / seconds;
  // The child's own CPU time: what the rate would be with a core to
  // itself, on a busy machine.
  state.counters["events_per_cpu_second"] = rows / cpu;
  state.counters["cpu_share"] = cpu / seconds;
  state.counters["peak_rss_mb"] = static_cast<double>(peak_kib) / 1024;
  state.counters["input_mb"] = in.megabytes;
}
BENCHMARK(BM_CliPeriods)
    ->ArgName("summaries")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);

// ---- The tool's stages in-process, for the breakdown ----------------------

// Reading the 1M-row CSV with EventCsvReader into events, as the tool does.
void BM_ReadEventsCsv(benchmark::State& state) {
  const Input& in = GetInput();
  int64_t rows = 0;
  for (auto _ : state) {
    std::FILE* f = std::fopen(in.in.c_str(), "rb");
    if (f == nullptr) Die("cannot read " + in.in);
    auto reader = EventCsvReader::Open(f, in.in);
    if (!reader.ok()) Die(std::string(reader.status().message()));
    std::vector<PeriodEvent> events;
    EventRow row;
    while ((*reader)->Next(&row)) {
      if (row.error.empty()) events.push_back(row.event);
    }
    std::fclose(f);
    rows = static_cast<int64_t>(events.size());
    benchmark::DoNotOptimize(events.data());
  }
  if (rows != kEvents) Die("read " + std::to_string(rows) + " events");
  state.SetItemsProcessed(state.iterations() * kEvents);
}
BENCHMARK(BM_ReadEventsCsv)->Unit(benchmark::kMillisecond)->UseRealTime();

// Writing the periods as the tool's CSV output (to a file in the temporary
// directory), per event of the input.
void BM_WritePeriodsCsv(benchmark::State& state) {
  const Input& in = GetInput();
  const PeriodBuild b = BuildPeriods(Events(), kAsOf, Rules());
  for (auto _ : state) {
    std::FILE* f = std::fopen(in.out.c_str(), "wb");
    if (f == nullptr) Die("cannot write " + in.out);
    {
      CsvWriter out(f);
      out.Row({"patient_id", "cluster", "start", "end", "days", "review_due",
               "overdue_days", "transition_ok", "superseded"});
      for (const ClusterPeriod& p : b.periods) {
        out.Field(p.patient_id);
        out.Field(int64_t{p.cluster.code()});
        out.Field(FormatIsoDate(p.start));
        if (p.end) {
          out.Field(FormatIsoDate(*p.end));
        } else {
          out.EmptyField();
        }
        out.Field(p.days);
        out.Field(FormatIsoDate(p.review_due));
        out.Field(p.overdue_days);
        out.Field(p.transition_ok ? "y" : "n");
        out.Field(int64_t{p.superseded});
        out.EndRow();
      }
      out.Flush();
    }
    std::fclose(f);
  }
  state.SetItemsProcessed(state.iterations() * kEvents);
  state.counters["periods"] = static_cast<double>(b.periods.size());
}
BENCHMARK(BM_WritePeriodsCsv)->Unit(benchmark::kMillisecond)->UseRealTime();

// Summaries (--by-patient, --by-cluster), per event of the input.
void BM_SummarisePeriods(benchmark::State& state) {
  const PeriodBuild b = BuildPeriods(Events(), kAsOf, Rules());
  for (auto _ : state) {
    PeriodSummary s = SummarisePeriods(b.periods);
    benchmark::DoNotOptimize(s.all.days);
  }
  state.SetItemsProcessed(state.iterations() * kEvents);
}
BENCHMARK(BM_SummarisePeriods)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
