// Reading a national year of care contacts: an MHS201 extract (with its
// MHS101 referrals) read by MhsdsContactReader and costed through
// ActivityCoster, as `mhpbr cost --mhsds-contacts` does. Not in ctest.
//
// The extract is generated to a temporary file first (fixed seed; not
// timed), MHPBR_MHSDS_ROWS rows (default 5,000,000; 50,000,000 for the
// national year of bench/README.md). Counters: rows_per_s, and peak RSS
// before the read (periods, referrals, team map) and after it: equal
// figures at 5 M and 50 M rows show that memory does not grow with the
// contacts.
//
//   MHPBR_MHSDS_ROWS=50000000 build/bin/mhsds_bench

#include <sys/resource.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "benchmark/benchmark.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/mhsds_contacts.h"

namespace {

constexpr int kPatients = 250000;
constexpr int kReferrals = 400000;
const char* const kTeams[] = {"CMHT1", "CMHT2", "EIP1",  "CRHT1",
                              "PSY1",  "OT1",   "MEDS1", "ASSESS1"};
const char* const kGroups[] = {"nurse_b6",     "nurse_b6",     "nurse_b6",
                               "nurse_b6",     "psychologist", "ot",
                               "psychiatrist", "pwp"};

double PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
}

int64_t Rows() {
  const char* env = std::getenv("MHPBR_MHSDS_ROWS");
  return env != nullptr ? std::strtoll(env, nullptr, 10) : 5000000;
}

std::string Patient(int p) { return absl::StrCat("P", 1000000 + p); }

// Writes MHS101 and MHS201 (v6 column names); returns their paths.
std::pair<std::string, std::string> Generate(int64_t rows) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = tmp != nullptr ? tmp : "/tmp";
  const std::string refs = absl::StrCat(dir, "/mhsds_bench_101_", getpid());
  const std::string contacts = absl::StrCat(dir, "/mhsds_bench_201_", getpid());
  std::mt19937_64 rng(20240401);
  std::FILE* f = std::fopen(refs.c_str(), "w");
  std::fputs("ServiceRequestId,LocalPatientId,CareProfTeamLocalId,OrgIDComm\n",
             f);
  for (int r = 0; r < kReferrals; ++r) {
    std::fprintf(f, "SR%07d,%s,%s,C%02d\n", r,
                 Patient(static_cast<int>(rng() % kPatients)).c_str(),
                 kTeams[rng() % 8], static_cast<int>(rng() % 40));
  }
  std::fclose(f);
  f = std::fopen(contacts.c_str(), "w");
  std::fputs(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendStatus,OtherCareProfTeamLocalID,OrgIDComm\n",
      f);
  const absl::CivilDay first(2023, 4, 1);
  // Attended 85%; not attended (2, 3, 4, 7) 15%; 1 in 1000 a bad date.
  const char attend[] = "555555555555555556623474";
  for (int64_t i = 0; i < rows; ++i) {
    const uint64_t x = rng();
    const absl::CivilDay d = first + static_cast<int64_t>(x % 366);
    const int minutes = 15 + static_cast<int>((x >> 12) % 76);
    const char a = attend[(x >> 20) % 24];
    const char* team = (x >> 28) % 10 < 3 ? "" : kTeams[(x >> 32) % 8];
    if ((x >> 40) % 1000 == 0) {
      std::fprintf(f, "K%" PRId64 ",SR%07d,2023-02-30,%d,%c,%s,\n", i,
                   static_cast<int>((x >> 44) % kReferrals), minutes, a, team);
      continue;
    }
    std::fprintf(f, "K%" PRId64 ",SR%07d,%04d-%02d-%02d,%d,%c,%s,\n", i,
                 static_cast<int>((x >> 44) % kReferrals),
                 static_cast<int>(d.year()), d.month(), d.day(), minutes, a,
                 team);
  }
  std::fclose(f);
  return {refs, contacts};
}

std::vector<mhpbr::PeriodToPrice> Periods() {
  std::vector<mhpbr::PeriodToPrice> out;
  for (int p = 0; p < kPatients; ++p) {
    mhpbr::PeriodToPrice a;
    a.patient_id = Patient(p);
    a.cluster = *mhpbr::Cluster::Parse(absl::StrCat(10 + p % 12));
    a.start = absl::CivilDay(2023, 4, 1);
    a.end = absl::CivilDay(2023, 9, 30);
    out.push_back(a);
    mhpbr::PeriodToPrice b = a;
    b.start = absl::CivilDay(2023, 10, 1);
    b.end = std::nullopt;
    out.push_back(b);
  }
  return out;
}

void BM_MhsdsContacts(benchmark::State& state) {
  const int64_t rows = Rows();
  const auto [refs_path, contacts_path] = Generate(rows);
  std::vector<mhpbr::UnitCosts::Rate> staff = {{"nurse_b6", 5200},
                                               {"psychologist", 7400},
                                               {"ot", 5000},
                                               {"psychiatrist", 14500},
                                               {"pwp", 3900}};
  const mhpbr::UnitCosts costs =
      *mhpbr::UnitCosts::Create("bench", 180000, staff, {});
  mhpbr::TeamMap teams;
  for (int t = 0; t < 8; ++t) teams[kTeams[t]] = kGroups[t];
  const mhpbr::MhsdsColumnMap& columns = mhpbr::MhsdsColumnMap::Default();
  int64_t costed = 0, rejected = 0, not_attended = 0;
  double before = 0;
  for (auto _ : state) {
    // Only the read of MHS201 and its costing is timed.
    state.PauseTiming();
    auto coster = mhpbr::ActivityCoster::Create(
        Periods(), absl::CivilDay(2024, 3, 31), costs);
    std::FILE* rf = std::fopen(refs_path.c_str(), "r");
    auto refs = mhpbr::ReadMhs101(rf, refs_path, columns);
    std::fclose(rf);
    before = PeakRssMb();
    state.ResumeTiming();
    std::FILE* cf = std::fopen(contacts_path.c_str(), "r");
    auto reader = mhpbr::MhsdsContactReader::Open(cf, contacts_path, *refs,
                                                  &teams, costs, columns);
    costed = rejected = 0;
    mhpbr::CostActivityRows(
        *coster,
        [&](mhpbr::InputRow<mhpbr::ActivityRecord>* row) {
          return (*reader)->Next(row);
        },
        [&](const mhpbr::InputRow<mhpbr::ActivityRecord>&,
            const mhpbr::Attribution& a) {
          (a.status.ok() ? costed : rejected) += 1;
        });
    not_attended = (*reader)->not_attended();
    benchmark::DoNotOptimize(coster->totals().total_pence);
    std::fclose(cf);
  }
  std::remove(refs_path.c_str());
  std::remove(contacts_path.c_str());
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] = benchmark::Counter(
      static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["costed"] = static_cast<double>(costed);
  state.counters["rejected"] = static_cast<double>(rejected);
  state.counters["not_attended"] = static_cast<double>(not_attended);
  state.counters["peak_rss_before_MB"] = before;
  state.counters["peak_rss_MB"] = PeakRssMb();
}
BENCHMARK(BM_MhsdsContacts)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
