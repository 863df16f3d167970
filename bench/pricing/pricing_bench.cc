// Throughput of contract pricing and activity costing.
//
// Targets (the issue's): PriceContract over 1 million periods at 5 million
// periods/s or more in-process; CompareContracts of three contracts over 1
// million periods at 2 million periods/s or more (each period counted once
// per comparison); `mhpbr price` on a 1-million-row periods
// CSV, as a child process, at 1 million periods/s or more (wall time, and
// the child's peak RSS from wait4); ActivityCoster::Add at 5 million
// records/s or more, 10 million records against 1 million periods.
//
//   cmake -S . -B build-pricing-rel -G Ninja -DCMAKE_BUILD_TYPE=Release
//       -DMHPBR_BUILD_TESTS=OFF
//   ninja -C build-pricing-rel pricing_bench mhpbr_tool
//   taskset -c 1 build-pricing-rel/bin/pricing_bench
//       --benchmark_repetitions=3
//
// Inputs are generated with fixed seeds; activity records are generated in
// memory in chunks and cycled, so the benchmark needs no gigabytes.

#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "bench/child_run.h"
#include "benchmark/benchmark.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/contract_comparison.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/dates.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

constexpr int kValidCodes[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  10, 11,
                               12, 13, 14, 15, 16, 17, 18, 19, 20, 21};

std::shared_ptr<const RuleSet> Rules() {
  static auto* rules = new std::shared_ptr<const RuleSet>(*DefaultRuleSet());
  return *rules;
}

// `n` periods of n / 4 patients, four consecutive periods each, starting
// between April 2022 and March 2024 (so some overlap 2023/24 only in part
// and some not at all); about one in five open.
std::vector<PeriodToPrice> MakePeriods(int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  std::vector<PeriodToPrice> out;
  out.reserve(n);
  for (int64_t p = 0; static_cast<int64_t>(out.size()) < n; ++p) {
    char id[24];
    std::snprintf(id, sizeof id, "P%08lld", static_cast<long long>(p));
    absl::CivilDay day = absl::CivilDay(2022, 4, 1) + uniform(0, 700);
    for (int k = 0; k < 4 && static_cast<int64_t>(out.size()) < n; ++k) {
      PeriodToPrice period;
      period.patient_id = id;
      period.cluster = *Cluster::FromCode(kValidCodes[uniform(0, 20)]);
      period.start = day;
      period.line = static_cast<int64_t>(out.size()) + 2;
      const bool open = k == 3 && uniform(0, 1) == 0;
      if (!open) period.end = day + uniform(0, 200);
      out.push_back(period);
      if (open) break;
      day = *period.end + 1;
    }
  }
  return out;
}

// Every cluster but 0 priced; bases rotate day, period, year.
TariffSchedule MakeTariff() {
  std::vector<TariffEntry> entries;
  int i = 0;
  for (int code : kValidCodes) {
    if (code == 0) continue;
    TariffEntry e;
    e.cluster = *Cluster::FromCode(code);
    e.basis = static_cast<Basis>(i++ % 3);
    e.price_pence = e.basis == Basis::kDay      ? 250 + code
                    : e.basis == Basis::kPeriod ? 46116 + code
                                                : 91980 + code;
    e.social_care_ppm = 100000;
    entries.push_back(e);
  }
  return *TariffSchedule::Create(std::move(entries), "bench");
}

Contract MakeContract() {
  Contract c;
  c.year_start = absl::CivilDay(2023, 4, 1);
  c.mff_ppm = 1085430;
  c.partial_period = PartialPeriod::kProRata;
  c.social_care = SocialCare::kDecoupled;
  c.baseline_pence = 5000000000;
  RiskBand below, mid, above;
  below.to_pct = -5;
  mid.from_pct = -5;
  mid.to_pct = 5;
  mid.rate_ppm = 1000000;
  above.from_pct = 5;
  above.rate_ppm = 500000;
  c.risk_bands = {below, mid, above};
  c.withhold_ppm = 25000;
  c.outcomes = {{"a", 600000, 812000}, {"b", 400000, 455000}};
  return c;
}

// ---- in-process pricing ------------------------------------------------

void BM_PriceContract(benchmark::State& state) {
  const int64_t n = state.range(0);
  const std::vector<PeriodToPrice> periods = MakePeriods(n, 42);
  const TariffSchedule tariff = MakeTariff();
  const Contract contract = MakeContract();
  auto rules = Rules();
  int64_t lines = 0;
  for (auto _ : state) {
    absl::StatusOr<Statement> st =
        PriceContract(periods, {}, tariff, contract, *rules);
    if (!st.ok()) {
      state.SkipWithError(std::string(st.status().message()).c_str());
      break;
    }
    lines = static_cast<int64_t>(st->lines.size());
    benchmark::DoNotOptimize(st->totals.payment_pence);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["lines"] = static_cast<double>(lines);
}
BENCHMARK(BM_PriceContract)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Three what-if contracts over the same periods: the risk-shared contract
// above on the bench tariff, a block (its baseline, one band at rate 0) on
// the same tariff, and a plain cluster tariff with every price 10% higher.
void BM_CompareContracts(benchmark::State& state) {
  const int64_t n = state.range(0);
  const std::vector<PeriodToPrice> periods = MakePeriods(n, 42);
  const TariffSchedule tariff = MakeTariff();
  std::vector<TariffEntry> higher_entries(tariff.entries().begin(),
                                          tariff.entries().end());
  for (TariffEntry& e : higher_entries) e.price_pence += e.price_pence / 10;
  const TariffSchedule higher =
      *TariffSchedule::Create(std::move(higher_entries), "bench +10%");
  const Contract blended = MakeContract();
  Contract block = MakeContract();
  block.risk_bands = {RiskBand{}};
  Contract plain = MakeContract();
  plain.baseline_pence = 0;
  plain.risk_bands.clear();
  const std::vector<Scenario> scenarios = {{"blended", blended, tariff},
                                           {"block", block, tariff},
                                           {"cluster", plain, higher}};
  auto rules = Rules();
  for (auto _ : state) {
    absl::StatusOr<Comparison> c = CompareContracts(periods, scenarios, *rules);
    if (!c.ok()) {
      state.SkipWithError(std::string(c.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(c->scenarios.back().difference_pence);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["scenarios"] = static_cast<double>(scenarios.size());
}
BENCHMARK(BM_CompareContracts)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- the tool, as a child process --------------------------------------

struct CliFiles {
  std::string dir, periods, tariff, contract, out, err;
};

CliFiles* g_files = nullptr;

// Writes the 1-million-row inputs once.
const CliFiles& Files(int64_t n) {
  static CliFiles* files = [n] {
    auto* f = new CliFiles;
    char tmpl[] = "/tmp/mhpbr_pricing_bench_XXXXXX";
    f->dir = mkdtemp(tmpl);
    f->periods = f->dir + "/periods.csv";
    f->tariff = f->dir + "/tariff.csv";
    f->contract = f->dir + "/contract.textproto";
    f->out = f->dir + "/statement.csv";
    f->err = f->dir + "/stderr.txt";
    std::FILE* p = std::fopen(f->periods.c_str(), "w");
    std::string buf = "patient_id,cluster,start,end\n";
    for (const PeriodToPrice& period : MakePeriods(n, 42)) {
      absl::StrAppend(&buf, period.patient_id, ",", period.cluster.code(), ",",
                      FormatIsoDate(period.start), ",",
                      period.end ? FormatIsoDate(*period.end) : "", "\n");
      if (buf.size() > (1 << 20)) {
        std::fwrite(buf.data(), 1, buf.size(), p);
        buf.clear();
      }
    }
    std::fwrite(buf.data(), 1, buf.size(), p);
    std::fclose(p);
    std::FILE* t = std::fopen(f->tariff.c_str(), "w");
    std::fputs("cluster,basis,price_pence,social_care_ppm\n", t);
    const TariffSchedule tariff = MakeTariff();
    for (const TariffEntry& e : tariff.entries()) {
      std::fprintf(t, "%d,%s,%lld,%lld\n", e.cluster.code(),
                   std::string(BasisName(e.basis)).c_str(),
                   static_cast<long long>(e.price_pence),
                   static_cast<long long>(e.social_care_ppm));
    }
    std::fclose(t);
    std::FILE* c = std::fopen(f->contract.c_str(), "w");
    std::fputs(
        "year_start: \"2023-04-01\"\nmff_ppm: 1085430\n"
        "partial_period: PRO_RATA\nsocial_care: DECOUPLED\n"
        "baseline_pence: 5000000000\n"
        "risk_bands { to_pct: -5 rate_ppm: 0 }\n"
        "risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }\n"
        "risk_bands { from_pct: 5 rate_ppm: 500000 }\n"
        "withhold_ppm: 25000\n"
        "outcomes { name: \"a\" weight_ppm: 600000 attainment_ppm: 812000 }\n"
        "outcomes { name: \"b\" weight_ppm: 400000 attainment_ppm: 455000 }\n",
        c);
    std::fclose(c);
    g_files = f;
    return f;
  }();
  return *files;
}

void RemoveFiles() {
  // Only what Files() wrote.
  static const char* const kNames[] = {"periods.csv", "tariff.csv",
                                       "contract.textproto", "statement.csv",
                                       "stderr.txt"};
  if (g_files == nullptr) return;
  const CliFiles& f = *g_files;
  for (const char* name : kNames) std::remove((f.dir + "/" + name).c_str());
  rmdir(f.dir.c_str());
}

void BM_PriceCli(benchmark::State& state) {
  const int64_t n = state.range(0);
  const CliFiles& f = Files(n);
  double max_rss_mb = 0, child_cpu_s = 0;
  for (auto _ : state) {
    // The child's problems go to a file, shown if it fails. (Its standard
    // output should stay empty with --out; it is discarded so that a stray
    // table cannot garble the benchmark's report.)
    const bench::ChildRun run = bench::RunChild(
        {MHPBR_TOOL_PATH, "price", "--periods", f.periods, "--tariff", f.tariff,
         "--contract", f.contract, "--out", f.out},
        "/dev/null", f.err);
    if (!run.error.empty()) {
      std::string why = absl::StrCat("mhpbr price ", run.error);
      if (std::FILE* e = std::fopen(f.err.c_str(), "r")) {
        char line[512] = {0};
        if (std::fgets(line, sizeof line, e) != nullptr) {
          why = absl::StrCat(why, ": ", line);
        }
        std::fclose(e);
      }
      state.SkipWithError(why.c_str());
      break;
    }
    state.SetIterationTime(run.wall_seconds);
    max_rss_mb = std::max(max_rss_mb, run.max_rss_kib / 1024.0);
    child_cpu_s += run.cpu_seconds;
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["peak_rss_MB"] = max_rss_mb;
  // The child's own CPU time per run (user + system): on a busy machine
  // the wall time also holds time spent waiting for a core.
  state.counters["child_cpu_s"] =
      state.iterations() > 0 ? child_cpu_s / state.iterations() : 0;
}
BENCHMARK(BM_PriceCli)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(2);

// ---- in-process costing ------------------------------------------------

// 10 million records against 1 million periods, Add()ed one by one. The
// records come from a few pre-generated chunks, cycled.
void BM_CostActivity(benchmark::State& state) {
  const int64_t records = state.range(0), n_periods = state.range(1);
  // 0: each record's patient drawn at random (the worst case for the
  // caches); 1: each chunk's records in patient order, as in an extract
  // sorted by patient.
  const bool by_patient = state.range(2) == 1;
  // 0: Add() one record at a time; 1: AddBatch() of 64, as the CLI does.
  const bool batched = state.range(3) == 1;
  const std::vector<PeriodToPrice> periods = MakePeriods(n_periods, 7);
  const int64_t patients = (n_periods + 3) / 4 + n_periods / 40;
  auto costs = *UnitCosts::Create(
      "bench", 180000,
      {{"nurse_b6", 5200}, {"psychologist", 7400}, {"facilitator", 6000}},
      {{"acute_adult", 45500}, {"psychiatric_icu", 72000}});
  constexpr int kChunks = 4, kChunk = 1 << 16;
  std::vector<std::vector<ActivityRecord>> chunks(kChunks);
  std::mt19937_64 rng(11);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (auto& chunk : chunks) {
    chunk.resize(kChunk);
    for (ActivityRecord& r : chunk) {
      char id[24];
      // About 1 in 40 patients has no period (unclustered, unknown).
      std::snprintf(id, sizeof id, "P%08lld",
                    static_cast<long long>(uniform(0, patients - 1)));
      r.patient_id = id;
      r.activity_id = "a";
      r.date = absl::CivilDay(2022, 4, 1) + uniform(0, 1400);
      switch (uniform(0, 3)) {
        case 0:
          r.kind = ActivityKind::kContact;
          r.staff_group = uniform(0, 1) ? "nurse_b6" : "psychologist";
          r.minutes = uniform(5, 120);
          break;
        case 1:
          r.kind = ActivityKind::kGroup;
          r.staff_group = "facilitator";
          r.minutes = 90;
          r.attendees = uniform(1, 8);
          break;
        case 2:
          r.kind = ActivityKind::kBedDay;
          r.ward = uniform(0, 1) ? "acute_adult" : "psychiatric_icu";
          r.count = uniform(1, 3);
          break;
        default:
          r.kind = ActivityKind::kOther;
          r.cost_pence = uniform(100, 100000);
          break;
      }
    }
  }
  if (by_patient) {
    for (auto& chunk : chunks) {
      std::sort(chunk.begin(), chunk.end(),
                [](const ActivityRecord& a, const ActivityRecord& b) {
                  return a.patient_id < b.patient_id;
                });
    }
  }
  int64_t clustered = 0;
  for (auto _ : state) {
    state.PauseTiming();
    // Periods start up to about 1300 days after 1 April 2022.
    auto coster =
        ActivityCoster::Create(periods, absl::CivilDay(2026, 3, 31), costs);
    if (!coster.ok()) {
      state.SkipWithError(std::string(coster.status().message()).c_str());
      break;
    }
    state.ResumeTiming();
    int64_t done = 0;
    constexpr size_t kBatch = 64;
    std::vector<const ActivityRecord*> batch;
    std::vector<Attribution> out(kBatch);
    for (int c = 0; done < records; c = (c + 1) % kChunks) {
      for (const ActivityRecord& r : chunks[c]) {
        if (done == records) break;
        ++done;
        if (!batched) {
          benchmark::DoNotOptimize(coster->Add(r));
          continue;
        }
        batch.push_back(&r);
        if (batch.size() == kBatch) {
          benchmark::DoNotOptimize(
              coster->AddBatch(batch, absl::MakeSpan(out)));
          batch.clear();
        }
      }
    }
    if (!batch.empty()) {
      benchmark::DoNotOptimize(coster->AddBatch(batch, absl::MakeSpan(out)));
    }
    clustered = coster->totals().clustered_records;
  }
  state.SetItemsProcessed(state.iterations() * records);
  state.counters["clustered_share"] =
      static_cast<double>(clustered) / static_cast<double>(records);
}
BENCHMARK(BM_CostActivity)
    ->ArgNames({"records", "periods", "by_patient", "batch"})
    ->Args({10000000, 1000000, 0, 0})
    ->Args({10000000, 1000000, 0, 1})
    ->Args({10000000, 1000000, 1, 0})
    ->Args({10000000, 1000000, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace mhpbr

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  mhpbr::RemoveFiles();
  return 0;
}
