// Rules and tariffs by date through the tool: `mhpbr periods --rules
// BUNDLE` reviews each period by the rule set in force on its dates, and
// `mhpbr price` pays dated tariff rows day by day and review periods by
// the bundle. The bundle is the frozen test rule set twice, cluster 3's
// maximum review period 26 weeks in 2023/24 and 12 weeks from 2024-04-01.
// Every figure is worked by hand beside it.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

using test_process::ProcessResult;
using test_process::RunProcess;
using test_process::Slurp;
using test_process::TempPath;
using test_process::WriteFile;
using ::testing::HasSubstr;

ProcessResult Tool(std::vector<std::string> args) {
  args.insert(args.begin(), MHPBR_TOOL_PATH);
  return RunProcess(args);
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = TempPath(name);
  WriteFile(path, text);
  return path;
}

std::string Year(const std::string& dates, int weeks) {
  const std::string review =
      "code: 3 name: \"Non-psychotic (moderate severity)\"\n"
      "  superclass: NON_PSYCHOTIC subgroup: \"mild moderate or severe\"\n"
      "  max_review { count: 6 unit: MONTHS }";
  const std::string text = Slurp(MHPBR_TEST_RULES_PATH);
  EXPECT_NE(text.find(review), std::string::npos);
  return absl::StrReplaceAll(
      text,
      {{"effective_from: \"2013-04-01\"", dates},
       {review,
        absl::StrReplaceAll(
            review, {{"count: 6 unit: MONTHS",
                      absl::StrCat("count: ", weeks, " unit: WEEKS")}})}});
}

std::string Bundle() {
  return WriteTemp(
      "bundle.textproto",
      absl::StrCat(
          "name: \"two years\"\nrule_sets {\n",
          Year("effective_from: \"2023-04-01\" effective_to: \"2024-03-31\"",
               26),
          "\n}\nrule_sets {\n", Year("effective_from: \"2024-04-01\"", 12),
          "\n}\n"));
}

TEST(DatedRulesCliTest, PeriodsReviewedByTheRulesOfTheirDates) {
  // P1 opens 2024-01-08 under 26 weeks: due 2024-07-08, so the review on
  // 2024-06-03 is on time, and restarts the clock under 12 weeks: due
  // 2024-08-26; open at 2024-10-01, 268 days, 36 overdue. P2 opens under
  // 12 weeks: due 2024-04-15 + 84 = 2024-07-08; discharged 2024-07-31,
  // 108 days, 23 overdue. 2023-03-01 is before the bundle: a reject.
  const std::string in = WriteTemp("events.csv",
                                   "patient_id,date,event,cluster\n"
                                   "P1,2024-01-08,allocate,3\n"
                                   "P1,2024-06-03,allocate,3\n"
                                   "P2,2024-04-15,allocate,3\n"
                                   "P2,2024-07-31,discharge,\n"
                                   "P3,2023-03-01,allocate,3\n");
  const std::string out = TempPath("periods.csv");
  const std::string rejects = TempPath("rejects.csv");
  const ProcessResult r =
      Tool({"periods", "--in", in, "--as-of", "2024-10-01", "--rules", Bundle(),
            "--out", out, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out),
            "patient_id,cluster,start,end,days,review_due,overdue_days,"
            "transition_ok,superseded\n"
            "P1,3,2024-01-08,,268,2024-08-26,36,y,0\n"
            "P2,3,2024-04-15,2024-07-31,108,2024-07-08,23,y,0\n");
  EXPECT_EQ(Slurp(rejects),
            "line,id,reason\n"
            "6,P3,no rule set in force on 2023-03-01 (the rule sets cover "
            "2023-04-01 to open)\n");
}

TEST(DatedRulesCliTest, OutcomesBuildPeriodsByDate) {
  // The periods outcomes pair assessments over are built by the bundle: an
  // allocation before it is a rejected event naming the date.
  const std::string events = WriteTemp("events.csv",
                                       "patient_id,date,event,cluster\n"
                                       "P1,2024-01-08,allocate,3\n"
                                       "P3,2023-03-01,allocate,3\n");
  const std::string assessments = WriteTemp(
      "assessments.csv",
      "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
      "r13,ra,rb,rc,rd,re\n");
  const std::string rejects = TempPath("rejects.csv");
  const ProcessResult r = Tool({"outcomes", "--events", events, "--assessments",
                                assessments, "--as-of", "2024-10-01", "--rules",
                                Bundle(), "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nP1,3,2024-01-08,,no_start,"));
  EXPECT_EQ(Slurp(rejects),
            absl::StrCat("line,id,reason\n3,P3,", events,
                         ": no rule set in force on 2023-03-01 (the rule "
                         "sets cover 2023-04-01 to open)\n"));
}

constexpr char kContract[] =
    "year_start: \"2023-04-01\"\nmff_ppm: 1053217\npartial_period: "
    "PRO_RATA\nsocial_care: POOLED\n";
constexpr char kStatementHeader[] =
    "patient_id,cluster,start,end,days_in_year,basis,units,amount_pence,"
    "social_care_pence,status\n";

TEST(DatedRulesCliTest, PriceByDatedTariffRows) {
  // Cluster 3 per day: 12345 to 2023-09-30, 13579 from 2023-10-01. P1,
  // 2023-09-01..2023-10-15: 30 * 12345 + 15 * 13579 = 574035, * MFF
  // 1.053217 = 604583.420595 -> 604583 (rounded once).
  const std::string tariff =
      WriteTemp("tariff.csv",
                "cluster,basis,price_pence,effective_from,effective_to\n"
                "3,day,12345,2023-04-01,2023-09-30\n"
                "3,day,13579,2023-10-01,\n");
  const std::string periods =
      WriteTemp("periods.csv",
                "patient_id,cluster,start,end\nP1,3,2023-09-01,2023-10-15\n");
  const std::string contract = WriteTemp("contract.textproto", kContract);
  const ProcessResult r = Tool({"price", "--periods", periods, "--tariff",
                                tariff, "--contract", contract});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, absl::StrCat(kStatementHeader,
                                "P1,3,2023-09-01,2023-10-15,45,day,45,604583,"
                                "0,priced\n"));

  // Rows of one cluster in force on the same day stop the run.
  const std::string overlap =
      WriteTemp("overlap.csv",
                "cluster,basis,price_pence,effective_from,effective_to\n"
                "3,day,12345,2023-04-01,2023-10-01\n"
                "3,day,13579,2023-10-01,\n");
  const ProcessResult o = Tool({"price", "--periods", periods, "--tariff",
                                overlap, "--contract", contract});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_THAT(o.err, HasSubstr("line 3: cluster 3 in force 2023-10-01 to "
                               "open overlaps line 2 (in force 2023-04-01 to "
                               "2023-10-01)"));

  // A priced day with no row in force stops the run too.
  const std::string gap =
      WriteTemp("gap.csv",
                "cluster,basis,price_pence,effective_from,effective_to\n"
                "3,day,12345,2023-04-01,2023-09-30\n"
                "3,day,13579,2023-10-02,\n");
  const ProcessResult g = Tool(
      {"price", "--periods", periods, "--tariff", gap, "--contract", contract});
  EXPECT_EQ(g.exit_code, 2);
  EXPECT_THAT(g.err, HasSubstr("no tariff for cluster 3 in force on "
                               "2023-10-01"));
}

TEST(DatedRulesCliTest, PriceReviewPeriodsByTheBundle) {
  // 2024/25, cluster 3 at 50000 per review period, MFF 1: from 2024-01-08
  // the first review period is 182 days (2023/24), then 84-day periods
  // start 2024-07-08, 2024-09-30, 2024-12-23 and 2025-03-17: 4 units,
  // 200000. 2024-04-01..2025-03-31 is 365 days.
  const std::string tariff =
      WriteTemp("tariff.csv", "cluster,basis,price_pence\n3,period,50000\n");
  const std::string periods = WriteTemp(
      "periods.csv", "patient_id,cluster,start,end\nP1,3,2024-01-08,\n");
  const std::string contract =
      WriteTemp("contract.textproto",
                "year_start: \"2024-04-01\"\nmff_ppm: 1000000\n"
                "partial_period: PRO_RATA\nsocial_care: POOLED\n");
  const ProcessResult r =
      Tool({"price", "--periods", periods, "--tariff", tariff, "--contract",
            contract, "--rules", Bundle()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, absl::StrCat(kStatementHeader,
                                "P1,3,2024-01-08,,365,period,4,200000,0,"
                                "priced\n"));
  // In-year statements take one rule set.
  const ProcessResult in_year =
      Tool({"price", "--periods", periods, "--tariff", tariff, "--contract",
            contract, "--rules", Bundle(), "--as-of", "2024-10-01"});
  EXPECT_EQ(in_year.exit_code, 2);
  EXPECT_THAT(in_year.err, HasSubstr("a bundle of rule sets by date"));
}

}  // namespace
}  // namespace mhpbr
