// --suppress as a user runs it (spc.md "Publication-safe figures"): each
// aggregated output of outcomes, cost, periods, compare and report with
// its small counts hidden and the rest rounded to 5, the threshold and
// base from the rule set or the options, and row-level outputs refused
// (exit 2). Expected cells are worked out by hand in the comments.

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

namespace fs = std::filesystem;
using ::mhpbr::test_process::RunProcess;
using ::mhpbr::test_process::Slurp;
using ::mhpbr::test_process::TempPath;
using ::mhpbr::test_process::WriteFile;
using ::testing::HasSubstr;

constexpr char kTool[] = MHPBR_TOOL_PATH;
constexpr char kData[] = MHPBR_TEST_DATA_DIR;

std::string Data(const std::string& name) {
  return absl::StrCat(kData, "/", name);
}

class SuppressCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempPath("suppress");
    fs::create_directories(dir_);
    // Cluster 3: eight periods of 10 days (80 days, 8 -> 10 published);
    // cluster 11: two of 5 days (hidden, and their 10 days with them).
    std::string periods = "patient_id,cluster,start,end\n";
    std::string events = "patient_id,date,event,cluster\n";
    for (int p = 1; p <= 8; ++p) {
      absl::StrAppend(&periods, "P", p, ",3,2023-04-01,2023-04-10\n");
      absl::StrAppend(&events, "P", p, ",2023-04-01,allocate,3\n");
    }
    for (int q = 1; q <= 2; ++q) {
      absl::StrAppend(&periods, "Q", q, ",11,2023-04-06,2023-04-10\n");
      absl::StrAppend(&events, "Q", q, ",2023-04-06,allocate,11\n");
    }
    // An hour's nurse contact for each of P1-P8 (8 records, 8 x 6000 p)
    // and half an hour for Q1 (1 record, 3000 p).
    std::string activity =
        "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
        "attendees,cost_pence\n";
    for (int p = 1; p <= 8; ++p) {
      absl::StrAppend(&activity, "a", p, ",P", p,
                      ",2023-04-02,contact,nurse,60,,,,\n");
    }
    absl::StrAppend(&activity, "q1,Q1,2023-04-07,contact,nurse,30,,,,\n");
    WriteFile(Path("activity.csv"), activity);
    WriteFile(Path("periods.csv"), periods);
    WriteFile(Path("events.csv"), events);
    WriteFile(Path("unit_costs.textproto"),
              "source: \"test rates\"\noverhead_ppm: 0\nstaff { code: "
              "\"nurse\" pence_per_hour: 6000 "
              "}\n");
  }
  std::string Path(const std::string& name) const {
    return absl::StrCat(dir_, "/", name);
  }
  std::string dir_;
};

TEST_F(SuppressCliTest, CostByClusterAndSummary) {
  auto r = RunProcess({kTool, "cost", "--periods", Path("periods.csv"),
                       "--activity", Path("activity.csv"), "--unit-costs",
                       Path("unit_costs.textproto"), "--as-of", "2023-06-30",
                       "--by-cluster", Path("by_cluster.csv"), "--summary",
                       Path("summary.csv"), "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Nothing on standard output: the per-period rows are not written.
  EXPECT_EQ(r.out, "");
  // Records 8 -> 10 and 1 -> *; the pence are money, kept.
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,periods,days,records,cost_pence\n"
            "3,10,80,10,48000\n"
            "11,*,*,*,3000\n");
  const std::string summary = Slurp(Path("summary.csv"));
  EXPECT_THAT(summary, HasSubstr("records_read,10\n"));  // 9 -> 10
  EXPECT_THAT(summary, HasSubstr("records_rejected,*\n"));
  EXPECT_THAT(summary, HasSubstr("total_pence,51000\n"));
  EXPECT_THAT(summary, HasSubstr("periods,10\n"));  // 10 periods -> 10
}

TEST_F(SuppressCliTest, OptionsOverrideTheRuleSet) {
  // Threshold 2, base 1: 8 and 2 are shown as they are, 1 is hidden.
  auto r = RunProcess({kTool, "cost", "--periods", Path("periods.csv"),
                       "--activity", Path("activity.csv"), "--unit-costs",
                       Path("unit_costs.textproto"), "--as-of", "2023-06-30",
                       "--by-cluster", Path("by_cluster.csv"), "--suppress",
                       "--suppress-threshold", "2", "--suppress-base", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,periods,days,records,cost_pence\n"
            "3,8,80,8,48000\n"
            "11,2,10,*,3000\n");
}

TEST_F(SuppressCliTest, ThresholdAndBaseComeFromTheRuleSet) {
  // The frozen test rules with threshold 3 and base 2: 8 -> 8, 2 -> *.
  WriteFile(Path("rules.textproto"),
            absl::StrCat(Slurp(Data("test_rules.textproto")),
                         "\nsuppression { threshold: 3 base: 2 }\n"));
  auto r = RunProcess({kTool, "periods", "--in", Path("events.csv"), "--as-of",
                       "2023-04-10", "--rules", Path("rules.textproto"),
                       "--by-cluster", Path("by_cluster.csv"), "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  // Open periods to the as-of date: 8 x 10 days; 2 x 5 days. None overdue
  // (0 -> *).
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,periods,days,overdue_periods\n"
            "3,8,80,*\n"
            "11,*,*,*\n");
}

TEST_F(SuppressCliTest, PeriodsByClusterAtTheDefaults) {
  auto r = RunProcess({kTool, "periods", "--in", Path("events.csv"), "--as-of",
                       "2023-04-10", "--by-cluster", Path("by_cluster.csv"),
                       "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,periods,days,overdue_periods\n"
            "3,10,80,*\n"
            "11,*,*,*\n");
}

TEST_F(SuppressCliTest, RowLevelOutputsAreUsageErrors) {
  const std::vector<std::string> cost = {
      kTool,          "cost",
      "--periods",    Path("periods.csv"),
      "--activity",   Path("activity.csv"),
      "--unit-costs", Path("unit_costs.textproto"),
      "--as-of",      "2023-06-30"};
  auto with = [](std::vector<std::string> argv, std::vector<std::string> more) {
    argv.insert(argv.end(), more.begin(), more.end());
    return argv;
  };
  auto r = RunProcess(with(cost, {"--suppress", "--by-cluster", Path("a.csv"),
                                  "--by-setting", Path("b.csv")}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--by-setting is a row-level output"));
  EXPECT_FALSE(fs::exists(Path("a.csv")));
  r = RunProcess(with(cost, {"--suppress", "--out", Path("c.csv")}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--out is a row-level output"));
  // Nothing aggregated asked for: nothing to write.
  r = RunProcess(with(cost, {"--suppress"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--by-cluster or --summary"));
  r = RunProcess(
      with(cost, {"--suppress-threshold", "3", "--by-cluster", Path("a.csv")}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--suppress-threshold goes with --suppress"));
  r = RunProcess(with(cost, {"--suppress", "--suppress-base", "0",
                             "--by-cluster", Path("a.csv")}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--suppress-base 0"));
  r = RunProcess({kTool, "periods", "--in", Path("events.csv"), "--as-of",
                  "2023-04-10", "--by-cluster", Path("a.csv"), "--by-patient",
                  Path("p.csv"), "--suppress"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--by-patient is a row-level output"));
  r = RunProcess({kTool, "outcomes", "--events", Data("outcomes/events.csv"),
                  "--assessments", Data("outcomes/assessments.csv"), "--as-of",
                  "2024-03-31", "--by-cluster", Path("a.csv"), "--out",
                  Path("o.csv"), "--suppress"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--out is a row-level output"));
}

TEST_F(SuppressCliTest, OutcomesAndPriceRefusesTheSuppressedIndicators) {
  // Unsuppressed (tests/data/outcomes): clusters 1, 3, 11 and 14 have one
  // period each; indicators 3/4, 2/4, 1/2, 2/5 and 0/0.
  auto r =
      RunProcess({kTool, "outcomes", "--events", Data("outcomes/events.csv"),
                  "--assessments", Data("outcomes/assessments.csv"), "--as-of",
                  "2024-03-31", "--by-cluster", Path("by_cluster.csv"),
                  "--indicators", Path("indicators.csv"), "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,periods,paired,improved,no_change,deteriorated,"
            "mean_change\n"
            "1,*,*,*,*,*,*\n3,*,*,*,*,*,*\n11,*,*,*,*,*,*\n14,*,*,*,*,*,*\n");
  // reviews_on_time: 5 reviews due (5 -> 5) but 2 on time (*), so the
  // share is hidden too.
  EXPECT_EQ(Slurp(Path("indicators.csv")),
            "indicator,numerator,denominator,value_ppm\n"
            "valid_mhct_at_allocation,*,*,*\n"
            "paired_completeness,*,*,*\n"
            "reliably_improved,*,*,*\n"
            "reviews_on_time,*,5,*\n"
            "follow_up_7_days,*,*,*\n");
  // A suppressed file is no input for pricing: `*` is an error at its line.
  r = RunProcess({kTool, "price", "--periods", Data("pricing/periods.csv"),
                  "--tariff", Data("pricing/tariff.csv"), "--contract",
                  Data("pricing/contract_measured.textproto"), "--indicators",
                  Path("indicators.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 2: numerator: '*'"));
}

TEST_F(SuppressCliTest, CompareKeepsMoneyAndHidesCounts) {
  const std::string p = Data("pricing/");
  auto r = RunProcess({kTool, "compare", "--periods", p + "compare_periods.csv",
                       "--scenario",
                       absl::StrCat("A=", p, "compare_cluster.textproto,", p,
                                    "compare_tariff_a.csv"),
                       "--scenario",
                       absl::StrCat("B=", p, "compare_block.textproto,", p,
                                    "compare_tariff_a.csv"),
                       "--by-cluster", Path("by_cluster.csv"), "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Unsuppressed: 3 lines a scenario; cluster 1 has 2 periods (20 days,
  // 2000 p), cluster 2 one (20 days, 4000 p).
  EXPECT_THAT(r.out, HasSubstr(",*,0,6000,6000,0,0,6000,0\n"));
  EXPECT_EQ(Slurp(Path("by_cluster.csv")),
            "cluster,scenario,periods,days,amount_pence,difference_pence\n"
            "1,A,*,*,2000,0\n1,B,*,*,2000,0\n2,A,*,*,4000,0\n2,B,*,*,4000,0\n");
}

// Cells of a CSV row as the suppressed page writes them.
std::string HtmlRow(const std::string& csv_line) {
  std::string row = "<tr>";
  for (absl::string_view cell : absl::StrSplit(csv_line, ',')) {
    absl::StrAppend(&row, "<td>", cell, "</td>");
  }
  return absl::StrCat(row, "</tr>");
}

TEST_F(SuppressCliTest, ReportPageShowsWhatTheCsvFilesShow) {
  auto r = RunProcess(
      {kTool, "report", "--periods", Path("periods.csv"), "--activity",
       Path("activity.csv"), "--unit-costs", Path("unit_costs.textproto"),
       "--as-of", "2023-06-30", "--events", Path("events.csv"), "--out",
       Path("report.html"), "--csv-dir", Path("csv"), "--suppress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = Slurp(Path("report.html"));
  EXPECT_THAT(html, HasSubstr("counts below 5 are shown as *"));
  int tables = 0;
  for (const auto& entry : fs::directory_iterator(Path("csv"))) {
    ++tables;
    const std::string csv = Slurp(entry.path().string());
    std::vector<std::string> lines = absl::StrSplit(csv, '\n');
    for (size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].empty() || lines[i].find('"') != std::string::npos) {
        continue;
      }
      EXPECT_THAT(html, HasSubstr(HtmlRow(lines[i])))
          << entry.path() << " line " << i + 1;
    }
  }
  EXPECT_GE(tables, 4);
  // Ten people, eight in cluster 3 and two in 11: 10 shown, and no count
  // below 5 anywhere in the summary.
  const std::string summary = Slurp(Path("csv/summary.csv"));
  EXPECT_THAT(summary, HasSubstr("patients,10\n"));
  // Q2 alone has no activity: 1 period of 10, hidden with its share.
  EXPECT_THAT(summary, HasSubstr("periods_without_activity,*\n"));
  EXPECT_THAT(summary, HasSubstr("share_periods_without_activity,*\n"));
  for (absl::string_view line : absl::StrSplit(summary, '\n')) {
    std::vector<std::string> kv = absl::StrSplit(line, ',');
    int64_t n = 0;
    if (kv.size() == 2 && kv[0].find("pence") == std::string::npos &&
        absl::SimpleAtoi(kv[1], &n)) {
      EXPECT_TRUE(n >= 5 && n % 5 == 0) << line;
    }
  }
  EXPECT_THAT(html, HasSubstr("<td>periods_in_clusters</td><td>10</td>"));
  // The homogeneity of cluster 11 rests on 2 periods: hidden in both.
  EXPECT_THAT(html, HasSubstr("<tr><td>11</td><td>per_period</td><td>*</td>"));
}

}  // namespace
}  // namespace mhpbr
