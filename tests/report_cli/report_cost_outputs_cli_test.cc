// `mhpbr report --cost-out / --cost-by-cluster / --cost-by-setting /
// --cost-summary`: what `mhpbr cost` writes to --out, --by-cluster,
// --by-setting and --summary, byte for byte, from the report's own costing
// (one reading of a national year's activity for both). Checked against
// `mhpbr cost` on the same files, with rejected rows of every kind, on one
// and two threads, suppressed and not.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "report_cli_util.h"

namespace mhpbr::report_test {
namespace {

const std::string kTool = MHPBR_TOOL;
const std::string kRoot = MHPBR_REPORT_SOURCE_DIR;
const std::string kUnitCosts =
    kRoot + "/lib/rules/example_unit_costs.textproto";

ProcessResult RunTool(std::vector<std::string> args) {
  args.insert(args.begin(), kTool);
  return RunProcess(args, "/dev/null");
}

// Periods: P3's row is rejected (no such cluster), so its activity is
// unclustered. Activity: A2 (no such date) is rejected when read, A4 (no
// such staff group) when costed; A5 (unknown patient), A6 (after P1's
// period) and A7 (P3) are unclustered; 7 read, 2 rejected.
struct Fixture {
  std::string dir = TempDir("cost_outputs");
  std::string periods = dir + "/periods.csv";
  std::string activity = dir + "/activity.csv";
  Fixture() {
    WriteFile(periods,
              "patient_id,cluster,start,end\n"
              "P1,3,2023-04-01,2023-04-30\n"
              "P2,11,2023-04-01,\n"
              "P3,9,2023-04-01,\n");
    WriteFile(activity,
              "activity_id,patient_id,date,kind,staff_group,minutes,ward,"
              "count,attendees,cost_pence\n"
              "A1,P1,2023-04-10,contact,pwp,60,,,,\n"
              "A2,P1,2023-13-01,contact,pwp,60,,,,\n"
              "A3,P2,2023-05-01,bed_day,,,acute_adult,2,,\n"
              "A4,P2,2023-05-03,contact,wizard,30,,,,\n"
              "A5,P9,2023-05-03,contact,nurse_b6,30,,,,\n"
              "A6,P1,2023-06-01,other,,,,,,1500\n"
              "A7,P3,2023-06-01,contact,ot,45,,,,\n");
  }
  std::vector<std::string> Inputs(const std::string& command) const {
    return {command,        "--periods", periods,   "--activity", activity,
            "--unit-costs", kUnitCosts,  "--as-of", "2023-12-31"};
  }
};

const std::vector<std::string> kOutputs = {"out", "by-cluster", "by-setting",
                                           "summary"};

TEST(ReportCostOutputsTest, WhatCostWritesByteForByte) {
  const Fixture f;
  std::vector<std::string> cost = f.Inputs("cost");
  for (const std::string& o : kOutputs) {
    cost.insert(cost.end(), {"--" + o, f.dir + "/cost_" + o + ".csv"});
  }
  cost.insert(cost.end(), {"--threads", "1"});
  const ProcessResult c = RunTool(cost);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string summary = Slurp(f.dir + "/cost_summary.csv");
  // The fixture's counts, by hand (the rest is the costing's, tested on
  // its own).
  EXPECT_NE(summary.find("records_read,7\nrecords_rejected,2\n"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("periods,2\n"), std::string::npos) << summary;
  for (const char* threads : {"1", "2"}) {
    std::vector<std::string> report = f.Inputs("report");
    report.insert(report.end(),
                  {"--out", f.dir + "/r.html", "--threads", threads});
    for (const std::string& o : kOutputs) {
      report.insert(report.end(),
                    {"--cost-" + o, f.dir + "/report_" + o + ".csv"});
    }
    const ProcessResult r = RunTool(report);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::string& o : kOutputs) {
      EXPECT_EQ(Slurp(f.dir + "/report_" + o + ".csv"),
                Slurp(f.dir + "/cost_" + o + ".csv"))
          << o << " at " << threads << " threads";
    }
  }
}

TEST(ReportCostOutputsTest, OnlyWhatIsAskedFor) {
  const Fixture f;
  std::vector<std::string> report = f.Inputs("report");
  report.insert(report.end(), {"--out", f.dir + "/r.html", "--cost-summary",
                               f.dir + "/summary.csv"});
  const ProcessResult r = RunTool(report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // No periods on standard output, as `mhpbr cost` would write them.
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Exists(f.dir + "/summary.csv"));
}

TEST(ReportCostOutputsTest, SuppressedAsCostSuppressesThem) {
  const Fixture f;
  std::vector<std::string> cost = f.Inputs("cost");
  cost.insert(cost.end(),
              {"--suppress", "--by-cluster", f.dir + "/cost_by_cluster.csv",
               "--summary", f.dir + "/cost_summary.csv"});
  const ProcessResult c = RunTool(cost);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  std::vector<std::string> report = f.Inputs("report");
  report.insert(report.end(),
                {"--out", f.dir + "/r.html", "--suppress", "--cost-by-cluster",
                 f.dir + "/report_by_cluster.csv", "--cost-summary",
                 f.dir + "/report_summary.csv"});
  const ProcessResult r = RunTool(report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string by_cluster = Slurp(f.dir + "/report_by_cluster.csv");
  EXPECT_EQ(by_cluster, Slurp(f.dir + "/cost_by_cluster.csv"));
  // One period a cluster: below any threshold, so starred.
  EXPECT_NE(by_cluster.find(",*,"), std::string::npos) << by_cluster;
  EXPECT_EQ(Slurp(f.dir + "/report_summary.csv"),
            Slurp(f.dir + "/cost_summary.csv"));
}

TEST(ReportCostOutputsTest, RowLevelOutputsRefusedWhenSuppressed) {
  for (const char* option : {"--cost-out", "--cost-by-setting"}) {
    const Fixture f;
    std::vector<std::string> report = f.Inputs("report");
    report.insert(report.end(), {"--out", f.dir + "/r.html", "--suppress",
                                 option, f.dir + "/rows.csv"});
    const ProcessResult r = RunTool(report);
    EXPECT_EQ(r.exit_code, 2) << option;
    EXPECT_NE(r.err.find("row-level"), std::string::npos) << r.err;
    EXPECT_FALSE(Exists(f.dir + "/rows.csv")) << option;
    EXPECT_FALSE(Exists(f.dir + "/r.html")) << option;
  }
}

}  // namespace
}  // namespace mhpbr::report_test
