// `mhpbr compare` as a user runs it: a cluster tariff, a block contract and
// a blended contract over the fixtures tests/data/pricing/compare_*, exact
// output files, and the usage and data errors.
//
// Worked by hand (contract year 2023/24, MFF 1, day prices; tariff A
// cluster 1 100, cluster 2 200; tariff B 150 and 120):
//   a cluster 1 2023-04-01..04-10  10 days
//   b cluster 2 2023-05-01..05-20  20 days
//   c cluster 1 2024-03-22..04-15  10 days in the year (to 31 March)
//   d cluster 2 2022-06-01..06-30  outside the year: no line
// cluster (A): activity 2000 + 4000 = 6000 = payment.
// block (A, baseline 5000, one band at 0): activity 6000, payment 5000,
//   difference -1000.
// blended (B, baseline 5000, +-5% corridor, half above): activity 3000 +
//   2400 = 5400 (+8%): 5000 + 250 + 150 / 2 = 5325, difference -675.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const char kTool[] = MHPBR_TOOL_PATH;
const char kData[] = MHPBR_PRICING_DATA_DIR;

std::string Data(const std::string& name) {
  return absl::StrCat(kData, "/", name);
}

using mhpbr::test_process::Slurp;
using mhpbr::test_process::WriteFile;
std::string ReadFile(const std::string& path) { return Slurp(path); }

struct Result {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

class CompareCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "compare_cli_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    // Remove what the test wrote, one file at a time (no shell).
    for (const std::string& f : written_) std::remove(f.c_str());
    rmdir(dir_.c_str());
  }

  // A path in this test's scratch directory.
  std::string Tmp(const std::string& name) {
    const std::string p = absl::StrCat(dir_, "/", name);
    written_.push_back(p);
    return p;
  }

  // Runs the tool with `args`, capturing standard output and error.
  Result Run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kTool};
    argv.insert(argv.end(), args.begin(), args.end());
    const mhpbr::test_process::ProcessResult p =
        mhpbr::test_process::RunProcess(argv);
    return {p.exit_code, p.out, p.err};
  }

  std::string dir_;
  std::vector<std::string> written_;
};

std::string Scenario(const std::string& name, const std::string& contract,
                     const std::string& tariff) {
  return absl::StrCat(name, "=", Data(contract), ",", Data(tariff));
}

std::vector<std::string> ThreeScenarios() {
  return {
      "--scenario",
      Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
      "--scenario",
      Scenario("block", "compare_block.textproto", "compare_tariff_a.csv"),
      "--scenario=" + Scenario("blended", "compare_blended.textproto",
                               "compare_tariff_b.csv")};
}

std::vector<std::string> Compare(std::vector<std::string> more) {
  std::vector<std::string> args = {"compare", "--periods",
                                   Data("compare_periods.csv")};
  for (std::string& a : ThreeScenarios()) args.push_back(std::move(a));
  for (std::string& a : more) args.push_back(std::move(a));
  return args;
}

TEST_F(CompareCliTest, ScenariosAndClustersSideBySide) {
  const std::string out = Tmp("out.csv"), by = Tmp("by_cluster.csv");
  Result r = Run(Compare({"--out", out, "--by-cluster", by}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("4 read, 4 ok, 0 rejected"));
  EXPECT_EQ(
      ReadFile(out),
      absl::StrCat(
          "scenario,contract,tariff,lines,baseline_pence,activity_pence,"
          "risk_shared_pence,withheld_pence,earned_pence,payment_pence,"
          "difference_pence\n",
          "cluster,", Data("compare_cluster.textproto"), ",",
          Data("compare_tariff_a.csv"), ",3,0,6000,6000,0,0,6000,0\n", "block,",
          Data("compare_block.textproto"), ",", Data("compare_tariff_a.csv"),
          ",3,5000,6000,5000,0,0,5000,-1000\n", "blended,",
          Data("compare_blended.textproto"), ",", Data("compare_tariff_b.csv"),
          ",3,5000,5400,5325,0,0,5325,-675\n"));
  EXPECT_EQ(ReadFile(by),
            "cluster,scenario,periods,days,amount_pence,difference_pence\n"
            "1,cluster,2,20,2000,0\n"
            "1,block,2,20,2000,0\n"
            "1,blended,2,20,3000,1000\n"
            "2,cluster,1,20,4000,0\n"
            "2,block,1,20,4000,0\n"
            "2,blended,1,20,2400,-1600\n");
}

// Without --out the scenarios go to standard output; the baseline can be
// any scenario (here the block: the others differ from it).
TEST_F(CompareCliTest, FirstScenarioIsTheBaseline) {
  Result r =
      Run({"compare", "--periods", Data("compare_periods.csv"), "--scenario",
           Scenario("block", "compare_block.textproto", "compare_tariff_a.csv"),
           "--scenario",
           Scenario("cluster", "compare_cluster.textproto",
                    "compare_tariff_a.csv")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(",3,5000,6000,5000,0,0,5000,0\n"));
  EXPECT_THAT(r.out, HasSubstr(",3,0,6000,6000,0,0,6000,1000\n"));
}

// One-offs are priced in every scenario: 2 * 50 = 100 more activity. The
// block still pays 5000; cluster 6100; blended 5500 (+10%): 5000 + 250 +
// 250 / 2 = 5375.
TEST_F(CompareCliTest, OneOffsInEveryScenario) {
  const std::string one_offs = Tmp("one_offs.csv"), out = Tmp("out.csv");
  WriteFile(one_offs, "item,count,price_pence\nx,2,50\n");
  Result r = Run(Compare({"--one-offs", one_offs, "--out", out}));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string text = ReadFile(out);
  EXPECT_THAT(text, HasSubstr(",4,0,6100,6100,0,0,6100,0\n"));
  EXPECT_THAT(text, HasSubstr(",4,5000,6100,5000,0,0,5000,-1100\n"));
  EXPECT_THAT(text, HasSubstr(",4,5000,5500,5375,0,0,5375,-725\n"));
}

// By commissioner: a and c name ccg_a, b ccg_b, d (outside the year)
// none; a one-off of ccg_b, 2 * 50 = 100 in every scenario.
//   ccg_a (a, c: cluster 1, 20 days): A 2000 (cluster, block), B 3000
//     (blended, +1000).
//   ccg_b (b: cluster 2, 20 days): A 4000 + 100 = 4100, B 2400 + 100 =
//     2500 (-1600).
//   d names none but lies outside the year in every scenario: no line,
//   so no row for the periods naming none.
TEST_F(CompareCliTest, ByCommissioner) {
  const std::string periods = Tmp("periods.csv"), one_offs = Tmp("o.csv"),
                    by = Tmp("by_commissioner.csv");
  WriteFile(periods,
            "patient_id,cluster,start,end,commissioner\n"
            "a,1,2023-04-01,2023-04-10,ccg_a\n"
            "b,2,2023-05-01,2023-05-20,ccg_b\n"
            "c,1,2024-03-22,2024-04-15,ccg_a\n"
            "d,2,2022-06-01,2022-06-30,\n");
  WriteFile(one_offs, "item,count,price_pence,commissioner\nx,2,50,ccg_b\n");
  std::vector<std::string> args = {
      "compare", "--periods",         periods, "--one-offs",
      one_offs,  "--by-commissioner", by};
  for (std::string& a : ThreeScenarios()) args.push_back(std::move(a));
  Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(by),
            "commissioner,scenario,periods,days,amount_pence,"
            "difference_pence\n"
            "ccg_a,cluster,2,20,2000,0\n"
            "ccg_a,block,2,20,2000,0\n"
            "ccg_a,blended,2,20,3000,1000\n"
            "ccg_b,cluster,1,20,4100,0\n"
            "ccg_b,block,1,20,4100,0\n"
            "ccg_b,blended,1,20,2500,-1600\n");
}

TEST_F(CompareCliTest, ByCommissionerWithNoneNamedIsTheHeaderOnly) {
  const std::string by = Tmp("by_commissioner.csv");
  Result r = Run(Compare({"--by-commissioner", by}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(by),
            "commissioner,scenario,periods,days,amount_pence,"
            "difference_pence\n");
}

TEST_F(CompareCliTest, RejectedPeriodsAreReported) {
  const std::string periods = Tmp("periods.csv"), rejects = Tmp("rej.csv"),
                    out = Tmp("out.csv");
  WriteFile(periods, ReadFile(Data("compare_periods.csv")) +
                         "e,9,2023-04-01,2023-04-02\n");
  std::vector<std::string> args = {"compare", "--periods", periods};
  for (std::string& a : ThreeScenarios()) args.push_back(std::move(a));
  args.insert(args.end(), {"--out", out, "--rejects", rejects});
  Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("5 read, 4 ok, 1 rejected"));
  EXPECT_THAT(ReadFile(rejects), HasSubstr("6,"));
  EXPECT_THAT(ReadFile(out), HasSubstr("blended,"));
  args.push_back("--strict");
  EXPECT_EQ(Run(args).status, 1);
}

TEST_F(CompareCliTest, FewerThanTwoScenariosIsAUsageError) {
  const std::string out = Tmp("out.csv");
  Result r = Run(
      {"compare", "--periods", Data("compare_periods.csv"), "--scenario",
       Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
       "--out", out});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("at least two --scenario"),
                           HasSubstr("usage: mhpbr compare")));
  EXPECT_FALSE(std::ifstream(out).good());
  r = Run({"compare", "--periods", Data("compare_periods.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("got 0"));
}

TEST_F(CompareCliTest, MalformedScenarioIsAUsageError) {
  const std::string ok =
      Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv");
  for (const std::string& bad :
       {std::string("block"),
        std::string("block=") + Data("compare_block.textproto"),
        "=" + Data("compare_block.textproto") + "," +
            Data("compare_tariff_a.csv"),
        std::string("block=,") + Data("compare_tariff_a.csv"),
        "block=" + Data("compare_block.textproto") + ","}) {
    Result r = Run({"compare", "--periods", Data("compare_periods.csv"),
                    "--scenario", ok, "--scenario", bad});
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_THAT(r.err, AllOf(HasSubstr("--scenario " + bad),
                             HasSubstr("usage: mhpbr compare")))
        << bad;
  }
}

TEST_F(CompareCliTest, RepeatedScenarioNameIsAUsageError) {
  Result r =
      Run({"compare", "--periods", Data("compare_periods.csv"), "--scenario",
           Scenario("x", "compare_cluster.textproto", "compare_tariff_a.csv"),
           "--scenario",
           Scenario("x", "compare_block.textproto", "compare_tariff_a.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--scenario x: the name is given twice"));
}

TEST_F(CompareCliTest, OtherOptionsStillRefuseRepeats) {
  std::vector<std::string> args = Compare({});
  args.insert(args.end(), {"--periods", Data("compare_periods.csv")});
  Result r = Run(args);
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--periods given twice"));
}

TEST_F(CompareCliTest, UnreadableContractOrTariffNamesTheFile) {
  const std::string out = Tmp("out.csv");
  const std::string missing = Tmp("no_such_contract.textproto");
  Result r = Run(
      {"compare", "--periods", Data("compare_periods.csv"), "--scenario",
       Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
       "--scenario",
       absl::StrCat("gone=", missing, ",", Data("compare_tariff_a.csv")),
       "--out", out});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr(missing), Not(HasSubstr("usage:"))));
  EXPECT_FALSE(std::ifstream(out).good());
  r = Run(
      {"compare", "--periods", Data("compare_periods.csv"), "--scenario",
       Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
       "--scenario",
       Scenario("bad", "compare_block.textproto", "tariff_bad_basis.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("tariff_bad_basis.csv"));
  r = Run(
      {"compare", "--periods", Data("compare_periods.csv"), "--scenario",
       Scenario("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
       "--scenario",
       Scenario("bad", "contract_bad_bands.textproto",
                "compare_tariff_a.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("contract_bad_bands.textproto"));
}

// Contracts of different years do not compare the same periods.
TEST_F(CompareCliTest, ContractsOfDifferentYearsStopTheRun) {
  const std::string later = Tmp("later.textproto");
  WriteFile(
      later,
      "year_start: \"2024-04-01\"\nmff_ppm: 1000000\npartial_period: PRO_RATA\n"
      "social_care: POOLED\n");
  Result r =
      Run({"compare", "--periods", Data("compare_periods.csv"), "--scenario",
           Scenario("now", "compare_cluster.textproto", "compare_tariff_a.csv"),
           "--scenario",
           absl::StrCat("later=", later, ",", Data("compare_tariff_a.csv"))});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("scenario later: contract year_start"));
}

}  // namespace
