// `mhpbr periods` and the MHSDS inputs of `mhpbr periods` and `mhpbr
// classify`, run as a user runs them (formats.md). Expected files are
// worked out by hand from the fixtures under tests/data/periods/ and
// periods.md; the frozen test rules are passed with --rules.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "run_process.h"

namespace mhpbr {
namespace {

using periods_test::ProcessResult;
using periods_test::Slurp;
using periods_test::TempPath;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kTool = MHPBR_TOOL;
const std::string kData = MHPBR_PERIODS_DATA;
const std::string kExamples = MHPBR_EXAMPLES_DATA;
const std::string kRules = MHPBR_TEST_RULES;

constexpr char kHeader[] =
    "patient_id,cluster,start,end,days,review_due,overdue_days,transition_ok,"
    "superseded";

ProcessResult Tool(std::vector<std::string> args) {
  args.insert(args.begin(), kTool);
  return periods_test::RunProcess(args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// The last line of standard error: the summary.
std::string Summary(const ProcessResult& r) {
  const std::vector<std::string> lines = Lines(r.err);
  return lines.empty() ? "" : lines.back();
}

// The periods of cli_events.csv at 2023-12-31, by hand:
//  P1: 1 from 10 Jan to 28 Feb (50 days; 12 weeks due 4 Apr); 4 from 1 Mar
//      reviewed 1 Jun, open (306 days; due 1 Dec; 30 overdue).
//  P2: 14 from 1 Feb, discharged 10 Apr (69 days; 4 weeks due 1 Mar; 40
//      overdue); 0 from 1 May, open (245 days; due 1 Nov; 60 overdue).
//  P3: the discharge of 1 May comes before any allocation (rejected); 3
//      then 5 on 5 May: 5 open (241 days; due 5 Nov; 56 overdue), one
//      superseded.
//  P4: three bad rows; 2 from 15 Jul to 30 Sep (78 days; 15 weeks due 28
//      Oct); 3 from 1 Oct, open (92 days; due 1 Apr 2024).
//  P10: allocated after the as-of date: no period.
const std::vector<std::string>& WantPeriods(bool p4_move_ok) {
  static const auto* ok = new std::vector<std::string>{
      kHeader,
      "P1,1,2023-01-10,2023-02-28,50,2023-04-04,0,y,0",
      "P1,4,2023-03-01,,306,2023-12-01,30,y,0",
      "P2,14,2023-02-01,2023-04-10,69,2023-03-01,40,y,0",
      "P2,0,2023-05-01,,245,2023-11-01,60,y,0",
      "P3,5,2023-05-05,,241,2023-11-05,56,y,1",
      "P4,2,2023-07-15,2023-09-30,78,2023-10-28,0,y,0",
      "P4,3,2023-10-01,,92,2024-04-01,0,y,0",
  };
  static const auto* flagged = [] {
    auto* v = new std::vector<std::string>(*ok);
    v->back() = "P4,3,2023-10-01,,92,2024-04-01,0,n,0";
    return v;
  }();
  return p4_move_ok ? *ok : *flagged;
}

class PeriodStageCli : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const std::string& p : paths_) std::remove(p.c_str());
  }
  std::string Temp(const std::string& name) {
    paths_.push_back(TempPath(name));
    return paths_.back();
  }
  std::vector<std::string> paths_;
};

TEST_F(PeriodStageCli, PeriodsSortedWithSummariesAndRejects) {
  const std::string out = Temp("periods.csv");
  const std::string by_patient = Temp("by_patient.csv");
  const std::string by_cluster = Temp("by_cluster.csv");
  const std::string rejects = Temp("rejects.csv");
  const ProcessResult r =
      Tool({"periods", "--in", kData + "/cli_events.csv", "--as-of",
            "2023-12-31", "--rules", kRules, "--out", out, "--by-patient",
            by_patient, "--by-cluster", by_cluster, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Lines(Slurp(out)), WantPeriods(true));
  EXPECT_THAT(
      Lines(Slurp(by_patient)),
      ElementsAre("patient_id,periods,days,overdue_periods", "P1,2,356,1",
                  "P2,2,314,2", "P3,1,241,1", "P4,2,170,0"));
  EXPECT_THAT(Lines(Slurp(by_cluster)),
              ElementsAre("cluster,periods,days,overdue_periods", "0,1,245,1",
                          "1,1,50,0", "2,1,78,0", "3,1,92,0", "4,1,306,1",
                          "5,1,241,1", "14,1,69,1"));
  // 15 rows: three bad rows and the discharge with no open period
  // rejected; the superseded and after-as-of rows were accepted.
  EXPECT_EQ(Summary(r), "15 read, 11 ok, 4 rejected");

  std::vector<std::string> reject_rows = Lines(Slurp(rejects));
  ASSERT_FALSE(reject_rows.empty());
  EXPECT_EQ(reject_rows.front(), "line,id,reason");
  std::map<std::string, std::string> by_line;
  for (size_t i = 1; i < reject_rows.size(); ++i) {
    std::vector<std::string> f =
        absl::StrSplit(reject_rows[i], absl::MaxSplits(',', 2));
    ASSERT_EQ(f.size(), 3u) << reject_rows[i];
    by_line[absl::StrCat(f[0], ",", f[1])] = f[2];
  }
  ASSERT_EQ(by_line.size(), 4u) << Slurp(rejects);
  EXPECT_THAT(by_line["12,P4"], HasSubstr("cluster"));
  EXPECT_THAT(by_line["13,P4"], HasSubstr("date"));
  EXPECT_THAT(by_line["14,P4"],
              AllOf(HasSubstr("event"), HasSubstr("transfer")));
  EXPECT_THAT(by_line["9,P3"], HasSubstr("discharge"));
  // Rejected rows are reported on standard error too, with line and id.
  EXPECT_THAT(r.err, HasSubstr("line 12 P4: cluster"));
  EXPECT_THAT(r.err, HasSubstr("line 9 P3: "));
}

TEST_F(PeriodStageCli, OutputToStandardOutput) {
  const ProcessResult r = Tool({"periods", "--in", kData + "/cli_events.csv",
                                "--as-of", "2023-12-31", "--rules", kRules});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), WantPeriods(true));
  EXPECT_EQ(Summary(r), "15 read, 11 ok, 4 rejected");
}

TEST_F(PeriodStageCli, DefaultRulesGiveTheSamePeriods) {
  const ProcessResult r = Tool(
      {"periods", "--in", kData + "/cli_events.csv", "--as-of", "2023-12-31"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), WantPeriods(true));
}

TEST_F(PeriodStageCli, TransitionsFileFlagsDisallowedMoves) {
  const ProcessResult r =
      Tool({"periods", "--in", kData + "/cli_events.csv", "--as-of",
            "2023-12-31", "--rules", kRules, "--transitions",
            kData + "/cli_transitions.textproto"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), WantPeriods(false));
}

TEST_F(PeriodStageCli, StrictExitsOneWhenRowsWereRejected) {
  const std::string out = Temp("strict.csv");
  const ProcessResult r =
      Tool({"periods", "--in", kData + "/cli_events.csv", "--as-of",
            "2023-12-31", "--rules", kRules, "--out", out, "--strict"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Lines(Slurp(out)), WantPeriods(true));
  EXPECT_EQ(Summary(r), "15 read, 11 ok, 4 rejected");

  const std::string clean = Temp("clean.csv");
  periods_test::WriteFile(clean,
                          "patient_id,date,event,cluster\n"
                          "P1,2023-01-01,allocate,3\n"
                          "P1,2023-02-01,discharge,\n");
  const ProcessResult c = Tool({"periods", "--in", clean, "--as-of",
                                "2023-12-31", "--rules", kRules, "--strict"});
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_THAT(
      Lines(c.out),
      ElementsAre(kHeader, "P1,3,2023-01-01,2023-02-01,32,2023-07-01,0,y,0"));
  EXPECT_EQ(Summary(c), "2 read, 2 ok, 0 rejected");
}

TEST_F(PeriodStageCli, UsageErrorsExitTwo) {
  const std::string events = kData + "/cli_events.csv";
  const std::string mhs803 = kExamples + "/mhsds/mhs803.csv";
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"no --as-of", {"periods", "--in", events}},
      {"bad --as-of", {"periods", "--in", events, "--as-of", "2023-02-30"}},
      {"not ISO --as-of", {"periods", "--in", events, "--as-of", "31/12/2023"}},
      {"no input", {"periods", "--as-of", "2023-12-31"}},
      {"missing column",
       {"periods", "--in", kData + "/missing_event_column.csv", "--as-of",
        "2023-12-31"}},
      {"missing file",
       {"periods", "--in", kData + "/no_such_file.csv", "--as-of",
        "2023-12-31"}},
      {"both inputs",
       {"periods", "--in", events, "--mhsds-clusters", mhs803, "--as-of",
        "2023-12-31"}},
      {"bad transitions",
       {"periods", "--in", events, "--as-of", "2023-12-31", "--transitions",
        kData + "/bad_transitions.textproto"}},
      {"missing transitions",
       {"periods", "--in", events, "--as-of", "2023-12-31", "--transitions",
        kData + "/no_such_file.textproto"}},
      {"unknown flag",
       {"periods", "--in", events, "--as-of", "2023-12-31", "--colour"}},
  };
  for (const auto& [name, args] : cases) {
    const ProcessResult r = Tool(args);
    EXPECT_EQ(r.exit_code, 2) << name << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("mhpbr")) << name;
    EXPECT_EQ(r.out, "") << name;
  }
  // The messages say what is wrong.
  EXPECT_THAT(Tool(cases[4].second).err, HasSubstr("event"));
  EXPECT_THAT(Tool(cases[5].second).err, HasSubstr("no_such_file.csv"));
  EXPECT_THAT(Tool(cases[1].second).err, HasSubstr("as-of"));
  EXPECT_THAT(Tool(cases[7].second).err, HasSubstr("9"));
}

// examples/data/mhsds/mhs803.csv at 2024-03-31, by hand. CC01 ends on the
// day CC02 starts, CC03 and CC05 the day before the next: no discharges.
// CC02 ends with no later start: a discharge on 15 Jan. CC07 has cluster
// 09: rejected.
TEST_F(PeriodStageCli, MhsdsClustersExtract) {
  const std::string rejects = Temp("mhs803_rejects.csv");
  const ProcessResult r =
      Tool({"periods", "--mhsds-clusters", kExamples + "/mhsds/mhs803.csv",
            "--as-of", "2024-03-31", "--rules", kRules, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre(kHeader, "P001,1,2023-04-03,2023-09-17,168,2023-06-26,83,y,0",
                  "P001,2,2023-09-18,2024-01-15,120,2024-01-01,14,y,0",
                  "P002,2,2023-05-04,2023-08-16,105,2023-08-17,0,y,0",
                  "P002,3,2023-08-17,,228,2024-02-17,43,y,0",
                  "P013,14,2023-07-15,2023-08-09,26,2023-08-12,0,y,0",
                  "P013,13,2023-08-10,,235,2024-08-10,0,y,0"));
  EXPECT_EQ(Summary(r), "7 read, 6 ok, 1 rejected");
  const std::vector<std::string> rows = Lines(Slurp(rejects));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1],
              AllOf(HasSubstr("8,CC07,"), HasSubstr("AMHCareClustCodeFin")));
}

// Events naming a team, provider and commissioner, as of 2023-12-31 (test
// rules: clusters 4 and 5 reviewed every 6 months, 11 every 12):
//  A: 4 from 01-10 (T1, RX1, C2), reviewed 03-01 by an allocation naming
//     T2 and C1 (the period keeps the opener's), ends 04-30 (111 days; due
//     03-01 + 6 months = 09-01); 5 from 05-01 (T2, RX1, C1), open (245
//     days; due 11-01; 60 overdue).
//  B: two allocations on 02-01: the later (4; T2, RX2, C2) counts;
//     discharged 06-30 (150 days; due 08-01).
//  C: 11 from 03-01 naming none, open (306 days; due 2024-03-01).
constexpr char kUnitEvents[] =
    "patient_id,date,event,cluster,team,provider,commissioner\n"
    "A,2023-01-10,allocate,4,T1,RX1,C2\n"
    "A,2023-03-01,allocate,4,T2,RX1,C1\n"
    "A,2023-05-01,allocate,5,T2,RX1,C1\n"
    "B,2023-02-01,allocate,3,T1,RX2,C1\n"
    "B,2023-02-01,allocate,4,T2,RX2,C2\n"
    "B,2023-06-30,discharge,,T9,RX9,C9\n"
    "C,2023-03-01,allocate,11,,,\n";

TEST_F(PeriodStageCli, TeamProviderCommissionerAppendedWhenPresent) {
  const std::string in = Temp("unit_events.csv");
  periods_test::WriteFile(in, kUnitEvents);
  ProcessResult r =
      Tool({"periods", "--in", in, "--as-of", "2023-12-31", "--rules", kRules});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre(absl::StrCat(kHeader, ",team,provider,commissioner"),
                  "A,4,2023-01-10,2023-04-30,111,2023-09-01,0,y,0,T1,RX1,C2",
                  "A,5,2023-05-01,,245,2023-11-01,60,y,0,T2,RX1,C1",
                  "B,4,2023-02-01,2023-06-30,150,2023-08-01,0,y,1,T2,RX2,C2",
                  "C,11,2023-03-01,,306,2024-03-01,0,y,0,,,"));

  // Only the columns the input has, in the order team, provider,
  // commissioner whatever the input's order.
  periods_test::WriteFile(in,
                          "commissioner,patient_id,date,event,cluster\n"
                          "C2,A,2023-01-10,allocate,4\n");
  r = Tool({"periods", "--in", in, "--as-of", "2023-12-31", "--rules", kRules});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre(absl::StrCat(kHeader, ",commissioner"),
                          "A,4,2023-01-10,,356,2023-07-10,174,y,0,C2"));
}

// OrgIDProv and OrgIDComm on the MHS803 rows: the periods carry them as
// `provider` and `commissioner` (no team column: an extract has none).
// The periods are those of MhsdsClustersExtract's P001.
TEST_F(PeriodStageCli, MhsdsClustersKeepProviderAndCommissioner) {
  const std::string in = Temp("mhs803_orgs.csv");
  periods_test::WriteFile(
      in,
      "ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
      "AMHCareClustCodeFin,OrgIDProv,OrgIDComm\n"
      "CC01,P001,2023-04-03,2023-09-18,01,RX1,13T\n"
      "CC02,P001,2023-09-18,2024-01-15,02,RX2,\n");
  const ProcessResult r = Tool({"periods", "--mhsds-clusters", in, "--as-of",
                                "2024-03-31", "--rules", kRules});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre(absl::StrCat(kHeader, ",provider,commissioner"),
                  "P001,1,2023-04-03,2023-09-17,168,2023-06-26,83,y,0,RX1,13T",
                  "P001,2,2023-09-18,2024-01-15,120,2024-01-01,14,y,0,RX2,"));
}

// With --mhsds-tool, an MHS803 without LocalPatientId finds each row's
// patient on the MHS801 row of its ClustId, and its provider there when
// its own OrgIDProv is empty: CC01 takes RX1 from the MHS801, CC02 keeps
// its own RX2 (not the MHS801's RX9); CC09 has no MHS801 row: no_patient.
TEST_F(PeriodStageCli, MhsdsClustersProviderFromTheToolExtract) {
  const std::string in = Temp("mhs803_no_patient.csv");
  const std::string tool = Temp("mhs801_orgs.csv");
  const std::string rejects = Temp("mhs803_tool_rejects.csv");
  periods_test::WriteFile(
      in,
      "ClustId,StartDateCareClust,EndDateCareClust,AMHCareClustCodeFin,"
      "OrgIDProv\n"
      "CC01,2023-04-03,2023-09-18,01,\n"
      "CC02,2023-09-18,2024-01-15,02,RX2\n"
      "CC09,2023-05-01,,03,RX1\n");
  periods_test::WriteFile(tool,
                          "ClustId,LocalPatientId,AssToolCompDate,OrgIDProv\n"
                          "CC01,P001,2023-04-03,RX1\n"
                          "CC02,P001,2023-09-18,RX9\n");
  const ProcessResult r =
      Tool({"periods", "--mhsds-clusters", in, "--mhsds-tool", tool, "--as-of",
            "2024-03-31", "--rules", kRules, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre(absl::StrCat(kHeader, ",provider"),
                          "P001,1,2023-04-03,2023-09-17,168,2023-06-26,83,y,0,"
                          "RX1",
                          "P001,2,2023-09-18,2024-01-15,120,2024-01-01,14,y,0,"
                          "RX2"));
  EXPECT_EQ(Summary(r), "3 read, 2 ok, 1 rejected");
  const std::vector<std::string> rows = Lines(Slurp(rejects));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1], AllOf(HasSubstr("4,CC09,"), HasSubstr("no_patient")));
  // --mhsds-tool belongs to --mhsds-clusters.
  EXPECT_EQ(Tool({"periods", "--in", in, "--mhsds-tool", tool, "--as-of",
                  "2024-03-31"})
                .exit_code,
            2);
}

TEST_F(PeriodStageCli, MhsdsClustersMissingColumnExitsTwo) {
  const ProcessResult r =
      Tool({"periods", "--mhsds-clusters", kData + "/cli_events.csv", "--as-of",
            "2024-03-31"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("StartDateCareClust"));
}

// examples/data/mhsds: 8 MHS801 rows and 137 MHS802 rows; two MHS802 rows
// are rejected (CT0999 has no MHS801 row; concept 123456789 is not in the
// item map).
TEST_F(PeriodStageCli, ClassifyMhsdsExamples) {
  const std::string rejects = Temp("classify_rejects.csv");
  const std::string dir = kExamples + "/mhsds/";
  const ProcessResult r =
      Tool({"classify", "--mhsds-tool", dir + "mhs801.csv", "--mhsds-ratings",
            dir + "mhs802.csv", "--item-map", dir + "item_map.csv", "--rules",
            kRules, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Summary(r), "145 read, 143 ok, 2 rejected");
  std::vector<std::string> ids;
  for (const std::string& line : Lines(r.out)) {
    ids.push_back(std::string(line.substr(0, line.find(','))));
  }
  EXPECT_THAT(
      ids, ElementsAre("assessment_id", "CT0001", "CT0003", "CT0009", "CT0017",
                       "CT0021", "CT0022", "CT0023", "CT0024"));
  const std::vector<std::string> rows = Lines(Slurp(rejects));
  ASSERT_EQ(rows.size(), 3u) << Slurp(rejects);
  EXPECT_THAT(rows[1] + rows[2],
              AllOf(HasSubstr("CT0999"), HasSubstr("123456789")));
}

// The fixtures' extract and plain CSV hold the same assessments: the tool
// writes the same rows for both.
TEST_F(PeriodStageCli, ClassifyMhsdsLikeThePlainCsv) {
  const std::string dir = kData + "/mhsds/";
  const ProcessResult x =
      Tool({"classify", "--mhsds-tool", dir + "mhs801.csv", "--mhsds-ratings",
            dir + "mhs802.csv", "--item-map", dir + "item_map.csv", "--rules",
            kRules});
  EXPECT_EQ(x.exit_code, 0) << x.err;
  // 8 + 63 rows; 4 MHS801 and 6 MHS802 rows rejected.
  EXPECT_EQ(Summary(x), "71 read, 61 ok, 10 rejected");
  const ProcessResult p =
      Tool({"classify", "--in", dir + "assessments.csv", "--rules", kRules});
  EXPECT_EQ(p.exit_code, 0) << p.err;
  EXPECT_EQ(Summary(p), "4 read, 4 ok, 0 rejected");
  EXPECT_EQ(Lines(x.out).size(), 5u);
  EXPECT_EQ(x.out, p.out);

  const ProcessResult strict =
      Tool({"classify", "--mhsds-tool", dir + "mhs801.csv", "--mhsds-ratings",
            dir + "mhs802.csv", "--item-map", dir + "item_map.csv", "--rules",
            kRules, "--strict"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST_F(PeriodStageCli, ClassifyMhsdsUsage) {
  const std::string dir = kData + "/mhsds/";
  // The three MHSDS flags go together, and not with --in.
  EXPECT_EQ(Tool({"classify", "--mhsds-tool", dir + "mhs801.csv",
                  "--mhsds-ratings", dir + "mhs802.csv"})
                .exit_code,
            2);
  EXPECT_EQ(Tool({"classify", "--in", dir + "assessments.csv", "--mhsds-tool",
                  dir + "mhs801.csv", "--mhsds-ratings", dir + "mhs802.csv",
                  "--item-map", dir + "item_map.csv"})
                .exit_code,
            2);
  // A bad item map fails the run.
  const std::string bad_map = Temp("bad_map.csv");
  periods_test::WriteFile(bad_map, "concept_id,item\n7000001,1\n7000002,8K\n");
  const ProcessResult r =
      Tool({"classify", "--mhsds-tool", dir + "mhs801.csv", "--mhsds-ratings",
            dir + "mhs802.csv", "--item-map", bad_map});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 3"));
}

}  // namespace
}  // namespace mhpbr
