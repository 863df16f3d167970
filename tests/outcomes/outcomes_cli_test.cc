// `mhpbr outcomes` run as a user runs it (formats.md), on the small data
// set under tests/data/outcomes/. Every expected cell is worked out by hand
// below from the fixtures and outcomes.md, with the default rule set.

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

using test_process::ProcessResult;
using test_process::RunProcess;
using test_process::Slurp;
using test_process::TempPath;
using ::testing::HasSubstr;

const std::string kTool = MHPBR_TOOL;
const std::string kData = MHPBR_OUTCOMES_DATA;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

ProcessResult Tool(std::vector<std::string> args) {
  args.insert(args.begin(), kTool);
  return RunProcess(args);
}

// As of 2023-12-31:
//  P1: cluster 11 from 2023-05-10 to 2023-11-30 (the worked example of
//      outcomes.md): A1 (04-20) is 20 days before, outside; A2 (05-03,
//      total 22: 3,3,7,9) the start; A3 (06-01) not the latest; A4
//      (12-01, total 12: 2,2,4,4) the follow-up. Change -10 (-1,-1,-3,-5),
//      improved; 12 >= 11 so not clinically significant. A9 (bad r7) is
//      rejected.
//  P2: cluster 14 from 01-01, reviewed 01-20 and 03-01, moved to 1 on
//      03-29, so it ends 03-28. Start A5 (01-01, 20: 12,8,0,0); follow-up A6
//      (03-29, the day after the end, 30: 12,8,10,0): +10 deteriorated, 20
//      was already >= 11: n. Cluster 1 from 03-29, open: start A6, nothing
//      later: no_follow_up.
//  P3: cluster 3 from 06-01, open: A8 has 3 unknown items (unscorable):
//      no_start. A7 has no patient: rejected (no_patient).
//  P4: a discharge with no open period; P5: 30 February: both rejected.
constexpr char kPeriods[] =
    "patient_id,cluster,start,end,status,start_assessment,start_date,"
    "start_total,follow_up_assessment,follow_up_date,follow_up_total,change,"
    "change_behaviour,change_impairment,change_symptoms,change_social,"
    "outcome,clinically_significant\n"
    "P1,11,2023-05-10,2023-11-30,paired,A2,2023-05-03,22,A4,2023-12-01,12,"
    "-10,-1,-1,-3,-5,improved,n\n"
    "P2,14,2023-01-01,2023-03-28,paired,A5,2023-01-01,20,A6,2023-03-29,30,"
    "10,0,0,10,0,deteriorated,n\n"
    "P2,1,2023-03-29,,no_follow_up,A6,2023-03-29,30,,,,,,,,,,\n"
    "P3,3,2023-06-01,,no_start,,,,,,,,,,,,,\n";

// Periods with a start: P1, P2 (14), P2 (1) = 3 of 4; paired 2 of 4;
// improved 1 of 2 paired.
// Reviews: P2's 14 period holds 01-20 (due 01-29, on time), 03-01 (due
// 02-17, late) and the move on 03-29 (due 03-29, on time); P2's cluster 1
// period (12 weeks, due 06-21) and P3's (6 months, due 12-01) are open and
// overdue: one due each, not held. P1 (12 months, due 2024-05-10) owes
// none. 2 on time of 5 due.
// Stays: P1 07-01 x3 ends 07-03, contact 07-05: followed up. P2 08-01,
// contact 08-09 = E + 8: not. P3 12-30: E + 7 after the as-of date, not
// yet due. 1 of 2.
constexpr char kIndicators[] =
    "indicator,numerator,denominator,value_ppm\n"
    "valid_mhct_at_allocation,3,4,750000\n"
    "paired_completeness,2,4,500000\n"
    "reliably_improved,1,2,500000\n"
    "reviews_on_time,2,5,400000\n"
    "follow_up_7_days,1,2,500000\n";

constexpr char kByCluster[] =
    "cluster,periods,paired,improved,no_change,deteriorated,mean_change\n"
    "1,1,0,0,0,0,\n"
    "3,1,0,0,0,0,\n"
    "11,1,1,1,0,0,-10.0000\n"
    "14,1,1,0,0,1,10.0000\n";

TEST(OutcomesCli, WritesEveryOutputAndRejects) {
  const std::string out = TempPath("out.csv");
  const std::string ind = TempPath("ind.csv");
  const std::string by = TempPath("by.csv");
  const std::string rej = TempPath("rej.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--activity", kData + "/activity.csv",
            "--as-of", "2023-12-31", "--out", out, "--indicators", ind,
            "--by-cluster", by, "--rejects", rej});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out), kPeriods);
  EXPECT_EQ(Slurp(ind), kIndicators);
  EXPECT_EQ(Slurp(by), kByCluster);
  // Events: 9 rows, 2 rejected; assessments: 9, 2 rejected; activity: 7,
  // 1 rejected (the other record is read and not used).
  EXPECT_EQ(Lines(r.err).back(), "25 read, 20 ok, 5 rejected");
  EXPECT_THAT(r.err, HasSubstr("1 assessments unscorable"));
  const std::vector<std::string> rejects = Lines(Slurp(rej));
  ASSERT_EQ(rejects.size(), 6u);
  EXPECT_EQ(rejects[0], "line,id,reason");
  EXPECT_THAT(rejects[1], HasSubstr("10,P5,"));
  EXPECT_THAT(rejects[1], HasSubstr("events.csv: date:"));
  EXPECT_THAT(rejects[2], HasSubstr("9,P4,"));
  EXPECT_THAT(rejects[2], HasSubstr("no open cluster period"));
  EXPECT_EQ(rejects[3],
            absl::StrCat("8,A7,", kData, "/assessments.csv: no_patient"));
  EXPECT_THAT(rejects[4], HasSubstr("10,A9,"));
  EXPECT_THAT(rejects[4], HasSubstr("r7:"));
  EXPECT_THAT(rejects[5], HasSubstr("7,X1,"));
  EXPECT_THAT(rejects[5], HasSubstr("activity.csv: date:"));
}

// What `mhpbr outcomes --indicators` writes is what `mhpbr price
// --indicators` pays on: reviews_on_time measured 2 of 5 = 400000 ppm,
// between the floor 200000 and the target 600000, attains
// (400000 - 200000) * 1e6 / 400000 = 500000.
TEST(OutcomesCli, PriceReadsTheIndicators) {
  const std::string ind = TempPath("measured.csv");
  ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--activity", kData + "/activity.csv",
            "--as-of", "2023-12-31", "--indicators", ind});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string contract = TempPath("contract.textproto");
  test_process::WriteFile(
      contract,
      "year_start: \"2023-04-01\"\n"
      "mff_ppm: 1000000\n"
      "partial_period: PRO_RATA\n"
      "social_care: POOLED\n"
      "withhold_ppm: 100000\n"
      "outcomes { name: \"reviews_on_time\" weight_ppm: 1000000 "
      "floor_ppm: 200000 target_ppm: 600000 }\n");
  const std::string summary = TempPath("summary.csv");
  const std::string pricing = kData + "/../pricing";
  r = Tool({"price", "--periods", pricing + "/periods.csv", "--tariff",
            pricing + "/tariff.csv", "--contract", contract, "--indicators",
            ind, "--summary", summary, "--out", TempPath("statement.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Slurp(summary),
              HasSubstr("\nattainment_ppm:reviews_on_time,500000\n"));
}

TEST(OutcomesCli, StdoutStrictAndNoActivity) {
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31", "--strict"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // rows were rejected
  EXPECT_EQ(r.out, kPeriods);
  EXPECT_EQ(Lines(r.err).back(), "18 read, 14 ok, 4 rejected");
}

TEST(OutcomesCli, WithoutActivityFollowUpHasNoDenominator) {
  const std::string ind = TempPath("ind.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31", "--out",
            TempPath("o.csv"), "--indicators", ind});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(Slurp(ind)).back(), "follow_up_7_days,0,0,");
}

// A rule set with reliable_change 11 (from `mhpbr rules export`): P1's -10
// and P2's +10 are then no change, so 0 of 2 paired periods improved.
TEST(OutcomesCli, RulesFileChangesTheOutcome) {
  const ProcessResult exported = Tool({"rules", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = absl::StrReplaceAll(
      exported.out, {{"reliable_change: 8", "reliable_change: 11"}});
  ASSERT_NE(text, exported.out);
  const std::string rules = TempPath("rules.textproto");
  test_process::WriteFile(rules, text);
  const std::string out = TempPath("out.csv");
  const std::string ind = TempPath("ind.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31", "--rules",
            rules, "--out", out, "--indicators", ind});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> rows = Lines(Slurp(out));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_THAT(rows[1], HasSubstr(",-10,-1,-1,-3,-5,no_change,n"));
  EXPECT_THAT(rows[2], HasSubstr(",10,0,0,10,0,no_change,n"));
  EXPECT_EQ(Lines(Slurp(ind))[3], "reliably_improved,0,2,0");
}

// units_events.csv and units_assessments.csv as of 2023-12-31, by hand
// (each period counts for the team and commissioner of the allocation that
// opened it):
//  A: cluster 4 from 01-10 (T1, C2); the review on 03-01 names T2 and C1
//     and changes nothing; ends 04-30. U1 (20) to U2 (05-01, 10): -10,
//     improved. Cluster 5 from 05-01 (T2, C1), open: U2 (10) to U3 (12):
//     +2, no change.
//  B: two allocations on 02-01, the later (4; T2, C2) counts; discharged
//     06-30. U4 (5) to U5 (15): +10, deteriorated.
//  C: cluster 11 naming no team or commissioner, no assessment: no_start.
// By team: T1 -10 / 1; T2 (+2 + 10) / 2 = 6; none: C. By commissioner: C1
// +2 / 1; C2 (-10 + 10) / 2 = 0; none: C.
TEST(OutcomesCli, ByTeamAndByCommissioner) {
  const std::string team = TempPath("by_team.csv");
  const std::string comm = TempPath("by_commissioner.csv");
  const std::string by = TempPath("by_cluster.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--out", TempPath("o.csv"), "--by-team", team,
            "--by-commissioner", comm, "--by-cluster", by});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(team),
            "team,periods,paired,improved,no_change,deteriorated,mean_change\n"
            "T1,1,1,1,0,0,-10.0000\n"
            "T2,2,2,0,1,1,6.0000\n"
            ",1,0,0,0,0,\n");
  EXPECT_EQ(Slurp(comm),
            "commissioner,periods,paired,improved,no_change,deteriorated,"
            "mean_change\n"
            "C1,1,1,0,1,0,2.0000\n"
            "C2,2,2,1,0,1,0.0000\n"
            ",1,0,0,0,0,\n");
  EXPECT_EQ(Slurp(by),
            "cluster,periods,paired,improved,no_change,deteriorated,"
            "mean_change\n"
            "4,2,2,1,0,1,0.0000\n"
            "5,1,1,0,1,0,2.0000\n"
            "11,1,0,0,0,0,\n");
}

// Events without a team column: every period names none, so one row with
// an empty team holds all four (paired: -10 and +10).
TEST(OutcomesCli, ByTeamWithoutTheColumnIsOneEmptyRow) {
  const std::string team = TempPath("by_team.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31", "--out",
            TempPath("o.csv"), "--by-team", team});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(team),
            "team,periods,paired,improved,no_change,deteriorated,mean_change\n"
            ",4,2,1,0,1,0.0000\n");
}

// Fair comparison by team on units_events.csv (as above, as of
// 2023-12-31). Paired periods and their strata (cluster, start-total band):
//   A cluster 4 (T1): start U1 total 20 -> 16-20, improved;
//   A cluster 5 (T2): start U2 total 10 -> 0-10, no change;
//   B cluster 4 (T2): start U4 total 5 -> 0-10, deteriorated.
// The input's rates: 4/16-20 1 of 1, 5/0-10 0 of 1, 4/0-10 0 of 1.
// T1: O = 1, E = 1, ratio 1; the limits at E = 1 are the halved chi-square
// quantiles chi2(0.001, 2) = 0.0020010, chi2(0.025, 2) = 0.0506356,
// chi2(0.975, 4) = 11.1432868, chi2(0.999, 4) = 18.4668269: within. Its
// period ended by a move to cluster 5: no discharge.
// T2: O = 0, E = 0 + 0 = 0: ratio, limits and flag empty. B's discharge on
// 06-30 is due (+90 = 09-28 <= 12-31) and B has no later allocation: 1
// discharge, 0 re-referred, 0 ppm. C names no team: left out.
TEST(OutcomesCli, FairComparisonByTeam) {
  const std::string by_unit = TempPath("by_unit.csv");
  const std::string ref = TempPath("reference.csv");
  const std::string svg = TempPath("funnel.svg");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--out", TempPath("o.csv"), "--unit", "team",
            "--by-unit", by_unit, "--write-reference", ref, "--funnel", svg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(by_unit),
            "unit,periods,paired,improved,expected,ratio,low_998,low_95,"
            "high_95,high_998,flag,discharges,reallocated_90,"
            "reallocated_90_ppm\n"
            "T1,1,1,1,1.000000,1.000000,0.001001,0.025318,5.571643,9.233413,"
            "within,0,0,\n"
            "T2,2,2,0,0.000000,,,,,,,1,0,0\n");
  EXPECT_EQ(Slurp(ref),
            "cluster,band,paired,improved\n"
            "4,0-10,1,0\n"
            "4,16-20,1,1\n"
            "5,0-10,1,0\n");
  EXPECT_THAT(Slurp(svg), ::testing::StartsWith("<svg"));
  EXPECT_THAT(r.err, HasSubstr("2 units by team; 1 periods with no team; 0 "
                               "paired periods unadjusted"));
}

// Against a reference with 4/16-20 1 of 4 and 5/0-10 1 of 2 (no 4/0-10):
// T1: E = 1/4, ratio 4; T2: A's cluster 5 period E = 1/2, O = 0, ratio 0,
// below every positive limit: low_998; B's 4/0-10 period is unadjusted.
TEST(OutcomesCli, FairComparisonAgainstAReference) {
  const std::string ref = TempPath("last_year.csv");
  test_process::WriteFile(ref,
                          "cluster,band,paired,improved\n"
                          "4,16-20,4,1\n"
                          "5,0-10,2,1\n");
  const std::string by_unit = TempPath("by_unit.csv");
  const ProcessResult r =
      Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--out", TempPath("o.csv"), "--unit", "team",
            "--by-unit", by_unit, "--reference", ref});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> rows = Lines(Slurp(by_unit));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1], ::testing::StartsWith("T1,1,1,1,0.250000,4.000000,"));
  EXPECT_THAT(rows[2], ::testing::StartsWith("T2,2,1,0,0.500000,0.000000,"));
  EXPECT_THAT(rows[2], ::testing::EndsWith(",low_998,1,0,0"));
  EXPECT_THAT(r.err, HasSubstr("1 paired periods unadjusted"));
}

TEST(OutcomesCli, FairComparisonBadInput) {
  const std::string by_unit = TempPath("bad_by_unit.csv");
  // Events without a team column.
  ProcessResult r =
      Tool({"outcomes", "--events", kData + "/events.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31", "--unit",
            "team", "--by-unit", by_unit});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("has no column 'team'"));
  r = Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--unit", "ward", "--by-unit", by_unit});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--unit: 'ward'"));
  r = Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--by-unit", by_unit});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--by-unit needs --unit COLUMN"));
  // A reference with improved above paired on line 3: nothing written.
  const std::string ref = TempPath("bad_reference.csv");
  test_process::WriteFile(ref,
                          "cluster,band,paired,improved\n"
                          "4,16-20,4,1\n"
                          "5,0-10,2,3\n");
  const std::string out = TempPath("bad_out.csv");
  r = Tool({"outcomes", "--events", kData + "/units_events.csv",
            "--assessments", kData + "/units_assessments.csv", "--as-of",
            "2023-12-31", "--out", out, "--unit", "team", "--by-unit", by_unit,
            "--reference", ref});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 3: improved: 3 is above paired (2)"));
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(by_unit));
}

TEST(OutcomesCli, UsageErrors) {
  // --as-of is required.
  ProcessResult r = Tool({"outcomes", "--events", kData + "/events.csv",
                          "--assessments", kData + "/assessments.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("usage: mhpbr outcomes"));
  // A missing input file.
  r = Tool({"outcomes", "--events", kData + "/none.csv", "--assessments",
            kData + "/assessments.csv", "--as-of", "2023-12-31"});
  EXPECT_EQ(r.exit_code, 2);
  r = Tool({"outcomes", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--indicators FILE"));
}

}  // namespace
}  // namespace mhpbr
