// --threads: `periods`, `cost`, `tariff` and `report` write the same bytes
// (outputs, rejects, standard output and error, exit status) with 1, 2 and
// 3 threads, on generated inputs of a few hundred kilobytes (so that they
// are cut into many blocks) with bad rows of every kind the readers know:
// impossible dates, unknown codes, bad numbers, ragged rows, stray quotes,
// and quoted fields spanning lines (which a block may start inside).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

namespace fs = std::filesystem;
using ::mhpbr::test_process::ProcessResult;
using ::mhpbr::test_process::RunProcess;
using ::mhpbr::test_process::Slurp;
using ::mhpbr::test_process::TempPath;
using ::mhpbr::test_process::WriteFile;
using ::testing::HasSubstr;

constexpr char kTool[] = MHPBR_TOOL_PATH;
constexpr int kPatients = 400;

std::string Date(int day) {  // day 0 = 2023-01-01, < 365
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
  int m = 0;
  while (day >= kMonthDays[m]) day -= kMonthDays[m++];
  char buf[32];  // room for any int, as -Wformat-truncation checks
  std::snprintf(buf, sizeof buf, "2023-%02d-%02d", m + 1, day + 1);
  return buf;
}

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  return x ^ (x >> 27);
}

// Every file an input set has, and the lines (in the file as written,
// quoted newlines counted) of some rows the tools must reject.
struct Inputs {
  std::string dir, periods, activity, events, assessments, unit_costs;
  std::vector<int64_t> bad_activity_lines;
};

Inputs MakeInputs() {
  Inputs in;
  in.dir = TempPath("threads");
  fs::create_directories(in.dir);
  in.periods = in.dir + "/periods.csv";
  in.activity = in.dir + "/activity.csv";
  in.events = in.dir + "/events.csv";
  in.assessments = in.dir + "/assessments.csv";
  in.unit_costs = in.dir + "/unit_costs.textproto";
  WriteFile(in.unit_costs,
            "source: \"threads test\"\n"
            "overhead_ppm: 200000\n"
            "staff { code: \"nurse\" pence_per_hour: 5200 }\n"
            "staff { code: \"doctor\" pence_per_hour: 14500 }\n"
            "ward { code: \"acute\" pence_per_day: 45500 }\n");
  // Two periods a patient (days 0-99 and 100 on, open for odd patients),
  // and the events that make them.
  std::string periods = "patient_id,cluster,start,end\n";
  std::string events = "patient_id,date,event,cluster\n";
  for (int p = 0; p < kPatients; ++p) {
    const int c1 = 1 + p % 8, c2 = 10 + p % 12;
    absl::StrAppend(&periods, "P", p, ",", c1, ",", Date(p % 50), ",", Date(99),
                    "\n", "P", p, ",", c2, ",", Date(100), ",",
                    p % 2 ? "" : Date(200 + p % 100), "\n");
    absl::StrAppend(&events, "P", p, ",", Date(p % 50), ",allocate,", c1, "\n",
                    "P", p, ",", Date(100), ",allocate,", c2, "\n");
    if (p % 2 == 0) {
      absl::StrAppend(&events, "P", p, ",", Date(200 + p % 100),
                      ",discharge,\n");
    }
    if (p % 37 == 0) absl::StrAppend(&periods, "P", p, ",9,2023-01-01,\n");
    if (p % 41 == 0)
      absl::StrAppend(&events, "P", p, ",2023-02-30,allocate,3\n");
    if (p % 43 == 0)
      absl::StrAppend(&events, "\"P", p, "\nX\",2023-03-01,x,\n");
  }
  WriteFile(in.periods, periods);
  WriteFile(in.events, events);

  std::string activity =
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,team\n";
  int64_t line = 2;
  for (int i = 0; i < 8000; ++i) {
    const uint64_t r = Mix(static_cast<uint64_t>(i));
    const std::string patient = absl::StrCat("P", r % (kPatients + 20));
    const std::string date = Date(static_cast<int>((r >> 16) % 365));
    const int kind = static_cast<int>((r >> 32) % 100);
    std::string row;
    if (i % 97 == 5) {  // impossible date
      row = absl::StrCat("A", i, ",", patient,
                         ",2023-02-29,contact,nurse,30,,,,,T1");
      in.bad_activity_lines.push_back(line);
    } else if (i % 89 == 7) {  // unknown staff group: a costing reject
      row = absl::StrCat("A", i, ",", patient, ",", date,
                         ",contact,porter,30,,,,,T2");
    } else if (i % 83 == 11) {  // ragged
      row = absl::StrCat("A", i, ",", patient, ",", date, ",other");
    } else if (i % 79 == 13) {  // stray quote
      row =
          absl::StrCat("A\"", i, ",", patient, ",", date, ",other,,,,,,100,T3");
    } else if (i % 31 == 17) {  // a good row whose id spans three lines
      row = absl::StrCat("\"A", i, "\n\nb\",", patient, ",", date,
                         ",contact,doctor,45,,,,,T4");
      line += 2;
    } else if (kind < 80) {
      row = absl::StrCat("A", i, ",", patient, ",", date, ",contact,",
                         kind % 2 ? "nurse" : "doctor", ",", 15 + kind % 4 * 15,
                         ",,,,,T", kind % 5);
    } else if (kind < 90) {
      row = absl::StrCat("A", i, ",", patient, ",", date, ",bed_day,,,acute,",
                         1 + kind % 3, ",,,T9");
    } else {
      row = absl::StrCat("A", i, ",", patient, ",", date, ",other,,,,,,",
                         100 + kind, ",T", kind % 5);
    }
    absl::StrAppend(&activity, row, i % 500 == 0 ? "\r\n" : "\n");
    if (i % 700 == 0) absl::StrAppend(&activity, "\n");  // blank line
    line += 1 + (i % 700 == 0);
  }
  WriteFile(in.activity, activity);

  std::string assessments =
      "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
      "r13,ra,rb,rc,rd,re\n";
  for (int i = 0; i < 3000; ++i) {
    const uint64_t r = Mix(static_cast<uint64_t>(i) + 99);
    absl::StrAppend(&assessments, "S", i, ",P", r % kPatients, ",",
                    Date(static_cast<int>((r >> 8) % 365)));
    for (int k = 0; k < 18; ++k) {
      absl::StrAppend(&assessments, ",",
                      i % 101 == 3 && k == 2 ? 7 : (r >> (k * 2)) % 5);
    }
    absl::StrAppend(&assessments, "\n");
  }
  WriteFile(in.assessments, assessments);
  return in;
}

const Inputs& GetInputs() {
  static const Inputs* const inputs = new Inputs(MakeInputs());
  return *inputs;
}

// One run of the tool: its exit status, standard output and error, and
// every file it wrote under `out_dir`, path by path.
struct ToolRun {
  ProcessResult process;
  std::vector<std::pair<std::string, std::string>> files;
};

// Runs `args` with "--threads N" and "OUT/" in an argument replaced by a
// fresh directory of its own.
ToolRun RunWithThreads(std::vector<std::string> args, int threads) {
  const std::string out_dir = TempPath(absl::StrCat("out", threads));
  fs::create_directories(out_dir);
  for (std::string& a : args) {
    if (a.rfind("OUT/", 0) == 0) a = out_dir + a.substr(3);
  }
  args.insert(args.begin(), kTool);
  args.push_back("--threads");
  args.push_back(std::to_string(threads));
  ToolRun run;
  run.process = RunProcess(args);
  for (const auto& e : fs::recursive_directory_iterator(out_dir)) {
    if (!e.is_regular_file()) continue;
    run.files.emplace_back(e.path().string().substr(out_dir.size()),
                           Slurp(e.path().string()));
  }
  std::sort(run.files.begin(), run.files.end());
  // Messages name the outputs: compare them as if in one directory.
  for (std::string* s : {&run.process.out, &run.process.err}) {
    for (size_t at; (at = s->find(out_dir)) != std::string::npos;) {
      s->replace(at, out_dir.size(), "OUT");
    }
  }
  return run;
}

// The single-thread run, checked against 2 and 3 threads byte for byte,
// the inputs cut (MHPBR_BLOCK_BYTES) into blocks small enough that many
// start next to a quoted field spanning lines.
ToolRun ExpectSameWithThreads(const std::vector<std::string>& args) {
  const ToolRun one = RunWithThreads(args, 1);
  using Run = std::pair<int, const char*>;  // threads, block bytes
  for (const auto& [threads, block_bytes] : {Run{2, "4096"}, Run{3, "333"}}) {
    SCOPED_TRACE(absl::StrCat(args[0], " --threads ", threads, ", blocks of ",
                              block_bytes, " bytes"));
    setenv("MHPBR_BLOCK_BYTES", block_bytes, 1);
    const ToolRun many = RunWithThreads(args, threads);
    unsetenv("MHPBR_BLOCK_BYTES");
    EXPECT_EQ(many.process.exit_code, one.process.exit_code);
    EXPECT_EQ(many.process.out, one.process.out);
    EXPECT_EQ(many.process.err, one.process.err);
    EXPECT_EQ(many.files.size(), one.files.size());
    for (size_t i = 0; i < one.files.size() && i < many.files.size(); ++i) {
      EXPECT_EQ(many.files[i].first, one.files[i].first);
      // Not EXPECT_EQ: a failure would print megabytes.
      EXPECT_TRUE(many.files[i].second == one.files[i].second)
          << one.files[i].first << " differs";
    }
  }
  return one;
}

TEST(ThreadsCli, PeriodsSameBytes) {
  const Inputs& in = GetInputs();
  const ToolRun one = ExpectSameWithThreads(
      {"periods", "--in", in.events, "--as-of", "2024-03-31", "--out",
       "OUT/periods.csv", "--rejects", "OUT/rejects.csv", "--by-patient",
       "OUT/by_patient.csv", "--by-cluster", "OUT/by_cluster.csv"});
  EXPECT_EQ(one.process.exit_code, 0) << one.process.err;
  // P0 (patient 0 of 400) has the first impossible date, on line 5 (after
  // the header and P0's two allocations and discharge); P0's quoted id
  // spans lines 6 and 7, so P1's first allocation is on line 8.
  std::string rejects;
  for (const auto& f : one.files) {
    if (f.first == "/rejects.csv") rejects = f.second;
  }
  EXPECT_THAT(rejects, HasSubstr("\n5,P0,"));
  EXPECT_THAT(rejects, HasSubstr("\n6,\"P0\nX\","));
}

TEST(ThreadsCli, CostSameBytes) {
  const Inputs& in = GetInputs();
  const ToolRun one = ExpectSameWithThreads(
      {"cost", "--periods", in.periods, "--activity", in.activity,
       "--unit-costs", in.unit_costs, "--as-of", "2024-03-31", "--out",
       "OUT/cost.csv", "--by-cluster", "OUT/by_cluster.csv", "--by-setting",
       "OUT/by_setting.csv", "--summary", "OUT/summary.csv", "--rejects",
       "OUT/rejects.csv"});
  EXPECT_EQ(one.process.exit_code, 0) << one.process.err;
  // Each impossible date is rejected at the line it was written on,
  // counting the quoted newlines and blank lines before it.
  std::string rejects;
  for (const auto& f : one.files) {
    if (f.first == "/rejects.csv") rejects = f.second;
  }
  ASSERT_FALSE(in.bad_activity_lines.empty());
  for (int64_t line : in.bad_activity_lines) {
    EXPECT_THAT(rejects, HasSubstr(absl::StrCat("\n", line, ",A")));
  }
}

TEST(ThreadsCli, TariffSameBytes) {
  const Inputs& in = GetInputs();
  // The samples and splits a cost run gives, with a few bad rows added.
  const std::string cost = in.dir + "/tariff_cost.csv";
  const std::string split = in.dir + "/tariff_split.csv";
  const ProcessResult costed = RunProcess(
      {kTool, "cost", "--periods", in.periods, "--activity", in.activity,
       "--unit-costs", in.unit_costs, "--as-of", "2024-03-31", "--out", cost,
       "--by-setting", split, "--threads", "1"});
  ASSERT_EQ(costed.exit_code, 0) << costed.err;
  WriteFile(cost,
            Slurp(cost) + "P9,4,2023-01-01,,x,0,0,\nP9,4,\"a\nb\",,1,1,1,\n");
  ExpectSameWithThreads({"tariff", "--in", cost, "--basis", "day",
                         "--min-periods", "3", "--by-setting", split, "--out",
                         "OUT/tariff.csv", "--evidence", "OUT/evidence.csv",
                         "--rejects", "OUT/rejects.csv"});
}

TEST(ThreadsCli, ReportSameBytes) {
  const Inputs& in = GetInputs();
  const ToolRun one = ExpectSameWithThreads(
      {"report", "--periods", in.periods, "--activity", in.activity,
       "--unit-costs", in.unit_costs, "--as-of", "2024-03-31", "--events",
       in.events, "--assessments", in.assessments, "--out", "OUT/report.html",
       "--csv-dir", "OUT/csv", "--rejects", "OUT/rejects.csv"});
  EXPECT_EQ(one.process.exit_code, 0) << one.process.err;
  EXPECT_GT(one.files.size(), 3u);
}

// A run-stopping error stops every thread and leaves no output.
// A file whose last record has no line end: every thread count costs it
// (two threads once dropped it, judging a block's records by its line
// ends), and the same bytes come out.
TEST(ThreadsCli, CostLastRecordWithoutLineEnd) {
  const std::string dir = TempPath("no_line_end");
  fs::create_directories(dir);
  const std::string periods = dir + "/periods.csv";
  const std::string activity = dir + "/activity.csv";
  const std::string costs = dir + "/costs.textproto";
  WriteFile(periods, "patient_id,cluster,start,end\nP1,3,2023-04-01,\n");
  WriteFile(activity,
            "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
            "attendees,cost_pence\n"
            "A1,P1,2023-05-01,other,,,,,,100\r\n"
            "A2,P1,2023-06-01,other,,,,,,250");
  WriteFile(costs, "source: \"test\"\noverhead_ppm: 0\n");
  const ToolRun one = ExpectSameWithThreads(
      {"cost", "--periods", periods, "--activity", activity, "--unit-costs",
       costs, "--as-of", "2024-03-31", "--summary", "OUT/summary.csv"});
  EXPECT_EQ(one.process.exit_code, 0) << one.process.err;
  ASSERT_EQ(one.files.size(), 1u);
  // Both records, 100 + 250 pence, in P1's period.
  EXPECT_THAT(one.files[0].second, HasSubstr("records_read,2\n"));
  EXPECT_THAT(one.files[0].second, HasSubstr("total_pence,350\n"));
}

// The same for a reader with no block reader of its own (events).
TEST(ThreadsCli, PeriodsLastEventWithoutLineEnd) {
  const std::string events = TempPath("no_line_end_events.csv");
  WriteFile(events,
            "patient_id,date,event,cluster,team\n"
            "P1,2023-01-01,allocate,8,T1\r\n"
            "P2,2023-01-02,allocate,3,T2");
  const ToolRun one =
      ExpectSameWithThreads({"periods", "--in", events, "--as-of", "2024-03-31",
                             "--out", "OUT/periods.csv"});
  EXPECT_EQ(one.process.exit_code, 0) << one.process.err;
  ASSERT_EQ(one.files.size(), 1u);
  EXPECT_THAT(one.files[0].second, HasSubstr("\nP2,3,2023-01-02,"));
}

TEST(ThreadsCli, HeaderErrorLeavesNoOutput) {
  const Inputs& in = GetInputs();
  const std::string bad = in.dir + "/no_kind.csv";
  WriteFile(bad, "activity_id,patient_id,date\nA1,P1,2023-01-01\n");
  const ToolRun run =
      RunWithThreads({"cost", "--periods", in.periods, "--activity", bad,
                      "--unit-costs", in.unit_costs, "--as-of", "2024-03-31",
                      "--out", "OUT/cost.csv", "--rejects", "OUT/rejects.csv"},
                     2);
  EXPECT_EQ(run.process.exit_code, 2);
  EXPECT_TRUE(run.files.empty());
}

TEST(ThreadsCli, BadThreadCountIsAUsageError) {
  const Inputs& in = GetInputs();
  for (const char* n : {"0", "x", "257"}) {
    const ProcessResult r =
        RunProcess({kTool, "periods", "--in", in.events, "--as-of",
                    "2024-03-31", "--threads", n});
    EXPECT_EQ(r.exit_code, 2) << n;
    EXPECT_THAT(r.err, HasSubstr("--threads")) << n;
  }
}

}  // namespace
}  // namespace mhpbr
