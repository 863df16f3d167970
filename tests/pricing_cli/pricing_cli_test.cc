// `mhpbr price`, `mhpbr cost` and `mhpbr tariff` as a user runs them
// (formats.md): exact output columns and rows, summaries, exit statuses
// 0/1/2, and the cost -> tariff -> price chain. Inputs are the fixtures in
// tests/data/pricing; every expected figure is worked by hand beside it.

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/rule_set_text.h"

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const char kTool[] = MHPBR_TOOL_PATH;
const char kData[] = MHPBR_PRICING_DATA_DIR;

std::string Data(const std::string& name) {
  return absl::StrCat(kData, "/", name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct Result {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

class PricingCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "pricing_cli_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    // Remove what the test wrote, one file at a time (no shell).
    for (const std::string& f : written_) std::remove(f.c_str());
    std::remove(Tmp("stdout").c_str());
    std::remove(Tmp("stderr").c_str());
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
    const std::string out = Tmp("stdout"), err = Tmp("stderr");
    Result r;
    const pid_t pid = fork();
    if (pid == 0) {
      const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int n = open("/dev/null", O_RDONLY);
      dup2(o, 1);
      dup2(e, 2);
      dup2(n, 0);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(kTool));
      for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(kTool, argv.data());
      _exit(127);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    return r;
  }

  // A `key,value` summary as a map.
  static std::map<std::string, std::string> Summary(const std::string& csv) {
    std::map<std::string, std::string> m;
    for (absl::string_view line :
         absl::StrSplit(csv, '\n', absl::SkipEmpty())) {
      std::vector<std::string> kv = absl::StrSplit(line, ',');
      if (kv.size() == 2) m[kv[0]] = kv[1];
    }
    return m;
  }

  std::string dir_;
  std::vector<std::string> written_;
};

// ---- mhpbr price ---------------------------------------------------------

// The statement of periods.csv + one_offs.csv under tariff.csv, MFF
// 1.08543, pro rata, 2023/24 (366 days):
//   ect: 2 * 5000 * 1.08543 = 10854.3 -> 10854 (one-off: first, empty
//     patient and cluster, basis one_off, units = count)
//   P1 cluster 11 (12 months = 365-day reviews), 1 Apr - 9 Jun 2023 = 70
//     days: one unit cut short, 36500 * 70 / 365 * 1.08543 = 7000 *
//     1.08543 = 7598.01 -> 7598; social care share 0
//   P1 cluster 0, open from 10 Jun: unpriced, 10 Jun 2023 - 31 Mar 2024 =
//     21 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 29 + 31 = 296 days
//   P2 cluster 3, 1 May - 14 Jun = 45 days * 1000 * 1.08543 = 48844.35 ->
//     48844; social care 25% = 12211
const char kDecoupledStatement[] =
    "patient_id,cluster,start,end,days_in_year,basis,units,amount_pence,"
    "social_care_pence,status\n"
    ",,,,,one_off,2,10854,0,priced\n"
    "P1,11,2023-04-01,2023-06-09,70,period,1,7598,0,priced\n"
    "P1,0,2023-06-10,,296,,0,0,0,unpriced\n"
    "P2,3,2023-05-01,2023-06-14,45,day,45,48844,12211,priced\n";

TEST_F(PricingCliTest, PriceStatementDecoupled) {
  const std::string out = Tmp("statement.csv"), summary = Tmp("summary.csv");
  const Result r = Run(
      {"price", "--periods", Data("periods.csv"), "--tariff",
       Data("tariff.csv"), "--contract", Data("contract_decoupled.textproto"),
       "--one-offs", Data("one_offs.csv"), "--out", out, "--summary", summary});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), kDecoupledStatement);
  // Everything asked for went to files; nothing else is printed.
  EXPECT_EQ(r.out, "");
  // A = 10854 + 7598 + 48844 = 67296 = 0.67 B (B = 100000), below the
  // collar: P = 95000, adjustment +27704. Withheld 2.5% = 2375; earned
  // 2375 * (0.6 * 0.812 + 0.4 * 0.455 = 0.6692) = 1589.35 -> 1589;
  // payment 95000 - 2375 + 1589 = 94214. Social care 12211; health 67296
  // - 12211 = 55085.
  auto s = Summary(ReadFile(summary));
  EXPECT_EQ(ReadFile(summary).substr(0, 10), "key,value\n");
  EXPECT_EQ(s["activity_pence"], "67296");
  EXPECT_EQ(s["risk_share_pence"], "27704");
  EXPECT_EQ(s["withheld_pence"], "2375");
  EXPECT_EQ(s["earned_pence"], "1589");
  EXPECT_EQ(s["payment_pence"], "94214");
  EXPECT_EQ(s["health_pence"], "55085");
  EXPECT_EQ(s["social_care_pence"], "12211");
  // The run's account on standard error: 4 rows read (3 periods, 1
  // one-off), none rejected.
  EXPECT_THAT(r.err, HasSubstr("4 read, 4 ok, 0 rejected"));
}

TEST_F(PricingCliTest, PriceStatementToStandardOutputPooled) {
  const std::string summary = Tmp("summary.csv");
  const Result r =
      Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_pooled.textproto"),
           "--one-offs", Data("one_offs.csv"), "--summary", summary});
  ASSERT_EQ(r.status, 0) << r.err;
  // Pooled: every social-care amount is 0; the amounts are unchanged.
  EXPECT_EQ(r.out,
            "patient_id,cluster,start,end,days_in_year,basis,units,"
            "amount_pence,social_care_pence,status\n"
            ",,,,,one_off,2,10854,0,priced\n"
            "P1,11,2023-04-01,2023-06-09,70,period,1,7598,0,priced\n"
            "P1,0,2023-06-10,,296,,0,0,0,unpriced\n"
            "P2,3,2023-05-01,2023-06-14,45,day,45,48844,0,priced\n");
  auto s = Summary(ReadFile(summary));
  EXPECT_EQ(s["activity_pence"], "67296");
  EXPECT_EQ(s["payment_pence"], "94214");
  // No per-funder keys when pooled.
  EXPECT_EQ(s.count("health_pence"), 0u);
  EXPECT_EQ(s.count("social_care_pence"), 0u);
}

TEST_F(PricingCliTest, PriceRejectedRowsAndStrict) {
  const std::string out = Tmp("statement.csv"), rejects = Tmp("rejects.csv");
  std::vector<std::string> args = {"price",
                                   "--periods",
                                   Data("periods_with_reject.csv"),
                                   "--tariff",
                                   Data("tariff.csv"),
                                   "--contract",
                                   Data("contract_decoupled.textproto"),
                                   "--one-offs",
                                   Data("one_offs.csv"),
                                   "--out",
                                   out,
                                   "--rejects",
                                   rejects};
  Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  // The bad row (line 5, cluster 9) is left out; the statement is as
  // before.
  EXPECT_EQ(ReadFile(out), kDecoupledStatement);
  const std::string rej = ReadFile(rejects);
  EXPECT_THAT(rej, HasSubstr("line,id,reason\n"));
  EXPECT_THAT(rej, AllOf(HasSubstr("5,P3,"), HasSubstr("cluster")));
  EXPECT_THAT(r.err, HasSubstr("5 read, 4 ok, 1 rejected"));
  args.push_back("--strict");
  r = Run(args);
  EXPECT_EQ(r.status, 1) << r.err;
}

TEST_F(PricingCliTest, PriceBadContractIsExit2NamingFileAndField) {
  Result r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
                  Data("tariff.csv"), "--contract",
                  Data("contract_bad_bands.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("contract_bad_bands.textproto"),
                           HasSubstr("risk_bands[1]")));
  EXPECT_EQ(r.out, "");
  // A misspelt field: the file and its line.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract",
           Data("contract_bad_field.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("contract_bad_field.textproto:3"),
                           HasSubstr("partial_periods")));
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract",
           Data("contract_bad_year.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("contract_bad_year.textproto"),
                           HasSubstr("year_start")));
}

TEST_F(PricingCliTest, PriceBadTariffIsExit2NamingFileLineAndField) {
  Result r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
                  Data("tariff_negative.csv"), "--contract",
                  Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("tariff_negative.csv"),
                           HasSubstr("line 3"), HasSubstr("price_pence")));
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff_bad_basis.csv"), "--contract",
           Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("tariff_bad_basis.csv"),
                           HasSubstr("line 2"), HasSubstr("basis")));
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff_duplicate.csv"), "--contract",
           Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("tariff_duplicate.csv"), HasSubstr("cluster 3")));
}

TEST_F(PricingCliTest, PriceDuplicateTariffNamesTheLine) {
  // formats.md: a bad tariff names the file, line and field. The repeated
  // cluster 3 is on line 4.
  const Result r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
                        Data("tariff_duplicate.csv"), "--contract",
                        Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("line 4"));
}

TEST_F(PricingCliTest, PriceUsageErrors) {
  Result r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
                  Data("tariff.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("contract"));
  r = Run({"price", "--periods", Data("no_such_file.csv"), "--tariff",
           Data("tariff.csv"), "--contract",
           Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("no_such_file.csv"));
  r = Run({"price", "--bogus"});
  EXPECT_EQ(r.status, 2);
}

// ---- mhpbr price --indicators -------------------------------------------

// contract_bonus.textproto on the statement case (A = 67296, below the
// collar: P = 95000) with indicators.csv: reviews_on_time 700000 between
// floor 500000 and target 900000 -> 500000; paired_completeness 3 with
// floor 0, target 400000 -> 7.5 -> 8 (half away from zero);
// follow_up_7_days empty -> 0, reported. Bonus = 5000 * (0.6 * 0.5 + 0.4 *
// 0.000008 + 0) = 1500.016 -> 1500; nothing withheld; payment 95000 +
// 1500 = 96500.
TEST_F(PricingCliTest, PriceIndicatorsBonus) {
  const std::string out = Tmp("statement.csv"), summary = Tmp("summary.csv");
  const Result r =
      Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_bonus.textproto"),
           "--one-offs", Data("one_offs.csv"), "--indicators",
           Data("indicators.csv"), "--out", out, "--summary", summary});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(summary),
            "key,value\n"
            "lines,4\n"
            "baseline_pence,100000\n"
            "activity_pence,67296\n"
            "risk_shared_pence,95000\n"
            "risk_share_pence,27704\n"
            "withheld_pence,0\n"
            "earned_pence,1500\n"
            "payment_pence,96500\n"
            "attainment_ppm:reviews_on_time,500000\n"
            "attainment_ppm:paired_completeness,8\n"
            "attainment_ppm:follow_up_7_days,0\n");
  EXPECT_THAT(r.err, AllOf(HasSubstr("indicators.csv"),
                           HasSubstr("follow_up_7_days has no value")));
  EXPECT_THAT(r.err, HasSubstr("4 read, 4 ok, 0 rejected"));
}

// contract_measured.textproto: contract_pooled's withhold with
// reviews_on_time measured (700000 -> 500000) instead of typed in.
// Withheld 2375; earned 2375 * (0.6 * 0.5 + 0.4 * 0.455 = 0.482) =
// 1144.75 -> 1145; payment 95000 - 2375 + 1145 = 93770.
TEST_F(PricingCliTest, PriceIndicatorsWithhold) {
  const std::string summary = Tmp("summary.csv");
  const Result r =
      Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract",
           Data("contract_measured.textproto"), "--one-offs",
           Data("one_offs.csv"), "--indicators", Data("indicators.csv"),
           "--out", Tmp("statement.csv"), "--summary", summary});
  ASSERT_EQ(r.status, 0) << r.err;
  auto s = Summary(ReadFile(summary));
  EXPECT_EQ(s["withheld_pence"], "2375");
  EXPECT_EQ(s["earned_pence"], "1145");
  EXPECT_EQ(s["payment_pence"], "93770");
  EXPECT_EQ(s["attainment_ppm:reviews_on_time"], "500000");
  EXPECT_EQ(s["attainment_ppm:honos_improved"], "455000");
  EXPECT_THAT(r.err, Not(HasSubstr("has no value")));
}

TEST_F(PricingCliTest, PriceWithoutIndicatorsKeepsTheSummary) {
  // A typed-in contract: --indicators adds only the attainment rows.
  const std::string with = Tmp("with.csv"), without = Tmp("without.csv");
  const std::vector<std::string> args = {"price",
                                         "--periods",
                                         Data("periods.csv"),
                                         "--tariff",
                                         Data("tariff.csv"),
                                         "--contract",
                                         Data("contract_pooled.textproto"),
                                         "--out",
                                         Tmp("st.csv"),
                                         "--summary"};
  std::vector<std::string> a = args;
  a.push_back(without);
  ASSERT_EQ(Run(a).status, 0);
  a = args;
  a.push_back(with);
  a.push_back("--indicators");
  a.push_back(Data("indicators.csv"));
  ASSERT_EQ(Run(a).status, 0);
  EXPECT_EQ(ReadFile(with), ReadFile(without) +
                                "attainment_ppm:reviewed_on_time,812000\n"
                                "attainment_ppm:honos_improved,455000\n");
  EXPECT_THAT(ReadFile(without), Not(HasSubstr("attainment_ppm")));
}

TEST_F(PricingCliTest, PriceIndicatorsErrorsAreExit2) {
  const std::string summary = Tmp("summary.csv");
  // A value outside 0..1000000: file, line and field; no output.
  Result r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
                  Data("tariff.csv"), "--contract",
                  Data("contract_bonus.textproto"), "--indicators",
                  Data("indicators_bad_value.csv"), "--summary", summary});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("indicators_bad_value.csv"),
                           HasSubstr("line 3"), HasSubstr("value_ppm")));
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(ReadFile(summary), "");
  // A measured outcome with no indicators given.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_bonus.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("outcomes[0] (reviews_on_time)"),
                           HasSubstr("no measured indicator")));
  EXPECT_EQ(r.out, "");
  // ... or an indicators file without its indicator.
  const std::string partial = Tmp("partial.csv");
  WriteFile(partial,
            "indicator,numerator,denominator,value_ppm\n"
            "reviews_on_time,7,10,700000\n");
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_bonus.textproto"),
           "--indicators", partial});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("outcomes[1] (paired_completeness)"),
                           HasSubstr("no measured indicator")));
  // A missing file.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_bonus.textproto"),
           "--indicators", Data("no_such_indicators.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("no_such_indicators.csv"));
}

// ---- mhpbr cost ----------------------------------------------------------

// cost_periods.csv as of 30 June 2023, unit costs of pricing.md 1 (18%
// overhead):
//   P1 cluster 3, 1-30 Apr (30 days): a1 13-min contact 1329 (first day) +
//     a2 90-min group of 4 2655 (last day) = 3984; per day 132.8 -> 133
//   P1 cluster 4, open from 1 May (61 days to 30 Jun): a3 3 bed days
//     161070; per day 2640.49 -> 2640
//   P2 cluster 3, 10-19 Apr (10 days): a6 group with empty attendees (= 1)
//     90 * 6000 / 60 * 1.18 = 10620, a9 other 4 * 1.18 = 4.72 -> 5 (last
//     day); 10625; per day 1062.5 -> 1063 (half away)
//   P3 cluster 0, 30 Jun (1 day): a8 other 10 * 1.18 = 11.8 -> 12
// Unclustered: a4 (the day before P1's first period) 118, a5 (P9, no
// periods) 1180, a7 (after the as-of date) 118 = 1416.
// Rejected: r1 unknown staff group, r2 unknown ward, r3 negative minutes,
// r4 unknown kind, r5 30 Feb.
const char kCostOut[] =
    "patient_id,cluster,start,end,days,records,cost_pence,cost_per_day_pence\n"
    "P1,3,2023-04-01,2023-04-30,30,2,3984,133\n"
    "P1,4,2023-05-01,,61,1,161070,2640\n"
    "P2,3,2023-04-10,2023-04-19,10,2,10625,1063\n"
    "P3,0,2023-06-30,2023-06-30,1,1,12,12\n";

TEST_F(PricingCliTest, CostOutputsByClusterAndSummary) {
  const std::string out = Tmp("costed.csv"), by = Tmp("by_cluster.csv"),
                    summary = Tmp("summary.csv"), rejects = Tmp("rejects.csv");
  const Result r =
      Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto"),
           "--as-of", "2023-06-30", "--out", out, "--by-cluster", by,
           "--summary", summary, "--rejects", rejects});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), kCostOut);
  // Cluster 0: 1 period, 1 day, 12. Cluster 3: P1 April + P2 = 40 days, 4
  // records, 3984 + 10625 = 14609. Cluster 4: 61 days, 161070.
  EXPECT_EQ(ReadFile(by),
            "cluster,periods,days,records,cost_pence\n"
            "0,1,1,1,12\n"
            "3,2,40,4,14609\n"
            "4,1,61,1,161070\n");
  auto s = Summary(ReadFile(summary));
  EXPECT_EQ(s["records_read"], "14");
  EXPECT_EQ(s["records_rejected"], "5");
  EXPECT_EQ(s["clustered_records"], "6");
  EXPECT_EQ(s["clustered_pence"], "175691");  // 3984+161070+10625+12
  EXPECT_EQ(s["unclustered_records"], "3");
  EXPECT_EQ(s["unclustered_pence"], "1416");
  EXPECT_EQ(s["unknown_patient_records"], "1");
  EXPECT_EQ(s["total_pence"], "177107");
  const std::string rej = ReadFile(rejects);
  EXPECT_THAT(rej, HasSubstr("line,id,reason\n"));
  EXPECT_THAT(rej, AllOf(HasSubstr("9,r1,"), HasSubstr("staff_group")));
  EXPECT_THAT(rej, AllOf(HasSubstr("10,r2,"), HasSubstr("ward")));
  EXPECT_THAT(rej, AllOf(HasSubstr("11,r3,"), HasSubstr("minutes")));
  EXPECT_THAT(rej, AllOf(HasSubstr("12,r4,"), HasSubstr("kind")));
  EXPECT_THAT(rej, AllOf(HasSubstr("13,r5,"), HasSubstr("date")));
  // 4 period rows and 14 activity rows.
  EXPECT_THAT(r.err, HasSubstr("18 read, 13 ok, 5 rejected"));
}

TEST_F(PricingCliTest, CostStrictAndStandardOutput) {
  const Result r =
      Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto"),
           "--as-of", "2023-06-30", "--strict"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, kCostOut);
}

TEST_F(PricingCliTest, CostMhsdsDayCountLeavesCostPerDayEmptyAtZeroDays) {
  // Under day_count: MHSDS a closed period counts end - start: P1 April 29
  // days (3984 / 29 = 137.38 -> 137), P2 9 days (10625 / 9 = 1180.56 ->
  // 1181), P3 0 days (cost per day empty); the open period still counts
  // through the as-of date (61).
  const std::string rules = Tmp("mhsds.textproto");
  WriteFile(rules,
            absl::StrCat(mhpbr::DefaultRuleSetText(), "\nday_count: MHSDS\n"));
  const Result r =
      Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto"),
           "--as-of", "2023-06-30", "--rules", rules});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "patient_id,cluster,start,end,days,records,cost_pence,"
            "cost_per_day_pence\n"
            "P1,3,2023-04-01,2023-04-30,29,2,3984,137\n"
            "P1,4,2023-05-01,,61,1,161070,2640\n"
            "P2,3,2023-04-10,2023-04-19,9,2,10625,1181\n"
            "P3,0,2023-06-30,2023-06-30,0,1,12,\n");
}

TEST_F(PricingCliTest, CostDuplicateUnitCostIsExit2) {
  const Result r =
      Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs",
           Data("unit_costs_duplicate.textproto"), "--as-of", "2023-06-30"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("unit_costs_duplicate.textproto"),
                           HasSubstr("nurse_b6")));
  EXPECT_EQ(r.out, "");
}

TEST_F(PricingCliTest, CostUsageErrors) {
  Result r = Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
                  Data("activity.csv"), "--unit-costs",
                  Data("unit_costs.textproto"), "--as-of", "2023-02-30"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("as-of"));
  r = Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto")});
  EXPECT_EQ(r.status, 2);
  // A period starting after the as-of date is an error of the run.
  r = Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto"),
           "--as-of", "2023-06-29"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("P3"));
}

// ---- mhpbr tariff --------------------------------------------------------

// costed_worked.csv: pricing.md 2's 11 periods of cluster 3 and one of 0
// days (ignored), two of cluster 0 (never priced) and three of cluster 7
// (too few). With uplift 25000 and efficiency 11000: Q1 190, Q3 320,
// fences -5 and 515, 1000 excluded; base 63210 / 254 * 1.014 = 252.34 ->
// 252; per review period (183 days) 46116; per year 91980; mean 245,
// median 250, CV 0.3301.
const char kEvidenceHeader[] =
    "cluster,periods,used,excluded,lower_fence,upper_fence,mean_per_day,"
    "median_per_day,cv,price_day_pence,price_period_pence,price_year_pence,"
    "status\n";

TEST_F(PricingCliTest, TariffTheSpecsWorkedExample) {
  const std::string out = Tmp("tariff.csv"), ev = Tmp("evidence.csv");
  const Result r =
      Run({"tariff", "--in", Data("costed_worked.csv"), "--uplift-ppm", "25000",
           "--efficiency-ppm", "11000", "--out", out, "--evidence", ev});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,day,252\n");
  EXPECT_EQ(ReadFile(ev),
            absl::StrCat(kEvidenceHeader,
                         "0,2,0,0,,,,,,,,,variance\n"
                         "3,11,10,1,-5.0000,515.0000,245.0000,250.0000,"
                         "0.3301,252,46116,91980,priced\n"
                         "7,3,0,0,,,,,,,,,too_few_periods\n"));
}

TEST_F(PricingCliTest, TariffBasisKAndMinimum) {
  const std::string out = Tmp("tariff.csv"), ev = Tmp("evidence.csv");
  std::vector<std::string> base = {
      "tariff",       "--in",  Data("costed_worked.csv"),
      "--uplift-ppm", "25000", "--efficiency-ppm",
      "11000",        "--out", out};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  Result r = Run(with({"--basis", "period"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,period,46116\n");
  r = Run(with({"--basis", "year"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,year,91980\n");
  // --iqr-k 1.5 is the default.
  r = Run(with({"--iqr-k", "1.5"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,day,252\n");
  // k = 0: fences [190, 320], kept 200 240 260 300 310: 42300 / 163 *
  // 1.014 = 263.14 -> 263.
  r = Run(with({"--iqr-k", "0", "--evidence", ev}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,day,263\n");
  EXPECT_THAT(ReadFile(ev),
              HasSubstr("3,11,5,6,190.0000,320.0000,262.0000,260.0000,"));
  // Minimum 12 periods: cluster 3's 11 are too few; the tariff is empty.
  r = Run(with({"--min-periods", "12", "--evidence", ev}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n");
  EXPECT_THAT(ReadFile(ev), HasSubstr("3,11,0,0,,,,,,,,,too_few_periods\n"));
  // Minimum 3: cluster 7's three periods (300, 250, 400 per day) are
  // priced: n = 3, Q1 = 275, Q3 = 350, fences [162.5, 462.5], all kept;
  // (3000 + 5000 + 1200) / 33 = 278.79 * 1.014 = 282.69 -> 283.
  r = Run(with({"--min-periods", "3", "--evidence", ev}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), "cluster,basis,price_pence\n3,day,252\n7,day,283\n");
  EXPECT_THAT(ReadFile(ev), HasSubstr("7,3,3,0,162.5000,462.5000,"));
}

TEST_F(PricingCliTest, TariffBadArgumentsAreExit2) {
  for (const std::vector<std::string>& extra :
       std::vector<std::vector<std::string>>{{"--iqr-k", "abc"},
                                             {"--iqr-k", "-1"},
                                             {"--iqr-k", "1.1234567"},
                                             {"--basis", "week"},
                                             {"--min-periods", "x"}}) {
    std::vector<std::string> a = {"tariff", "--in", Data("costed_worked.csv")};
    a.insert(a.end(), extra.begin(), extra.end());
    const Result r = Run(a);
    EXPECT_EQ(r.status, 2) << extra[0] << " " << extra[1];
    EXPECT_THAT(r.err, HasSubstr(extra[0])) << r.err;
  }
  const Result r = Run({"tariff", "--in", Data("no_such.csv")});
  EXPECT_EQ(r.status, 2);
}

TEST_F(PricingCliTest, TariffRejectsBadRowsAndStrict) {
  const std::string in = Tmp("costed.csv");
  WriteFile(in, absl::StrCat(ReadFile(Data("costed_worked.csv")),
                             "X1,3,2022-04-01,2022-04-02,-2,1,10,\n"
                             "X2,9,2022-04-01,2022-04-02,2,1,10,5\n"));
  Result r = Run({"tariff", "--in", in, "--uplift-ppm", "25000",
                  "--efficiency-ppm", "11000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "cluster,basis,price_pence\n3,day,252\n");
  EXPECT_THAT(r.err, HasSubstr("2 rejected"));
  r = Run({"tariff", "--in", in, "--strict"});
  EXPECT_EQ(r.status, 1);
}

TEST_F(PricingCliTest, TariffLargeButValidCostsDoNotCrash) {
  // Six periods near the promised limits (days up to 100000, costs up to
  // 10^13 p; see tariff_setting_test's LargeButValidSamplesStayExact): all
  // kept, 59883333333291 / 599764 = 99844827.85 -> 99844828 p/day.
  const std::string in = Tmp("large.csv");
  WriteFile(in,
            "cluster,days,cost_pence\n"
            "3,99991,9999999999991\n"
            "3,99989,9992222222214\n"
            "3,99971,9984444444437\n"
            "3,99961,9976666666660\n"
            "3,99929,9968888888883\n"
            "3,99923,9961111111106\n");
  const Result r = Run({"tariff", "--in", in, "--min-periods", "6"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "cluster,basis,price_pence\n3,day,99844828\n");
}

// ---- the chain -------------------------------------------------------------

TEST_F(PricingCliTest, TariffOutputIsReadByPrice) {
  // tariff (worked example, day basis: 252) -> price under a plain
  // contract (MFF 1, full, pooled, no bands): P2 cluster 3, 45 days * 252 =
  // 11340; cluster 11 and 0 are not in the new tariff: unpriced.
  const std::string tariff = Tmp("tariff.csv"), out = Tmp("statement.csv");
  Result r = Run({"tariff", "--in", Data("costed_worked.csv"), "--uplift-ppm",
                  "25000", "--efficiency-ppm", "11000", "--out", tariff});
  ASSERT_EQ(r.status, 0) << r.err;
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff", tariff,
           "--contract", Data("contract_e2e.textproto"), "--out", out});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out),
            "patient_id,cluster,start,end,days_in_year,basis,units,"
            "amount_pence,social_care_pence,status\n"
            "P1,11,2023-04-01,2023-06-09,70,,0,0,0,unpriced\n"
            "P1,0,2023-06-10,,296,,0,0,0,unpriced\n"
            "P2,3,2023-05-01,2023-06-14,45,day,45,11340,0,priced\n");
  // By the review period (46116, FULL): P2's 45 days are one whole unit.
  r = Run({"tariff", "--in", Data("costed_worked.csv"), "--uplift-ppm", "25000",
           "--efficiency-ppm", "11000", "--basis", "period", "--out", tariff});
  ASSERT_EQ(r.status, 0) << r.err;
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff", tariff,
           "--contract", Data("contract_e2e.textproto")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("P2,3,2023-05-01,2023-06-14,45,period,1,46116,0,"
                               "priced\n"));
}

TEST_F(PricingCliTest, CostThenTariffThenPrice) {
  // cost (kCostOut) -> tariff with --min-periods 2: cluster 3 has P1 April
  // (3984 / 30 = 132.8 p/day) and P2 (10625 / 10 = 1062.5): n = 2, Q1 =
  // 132.8 + 0.25 * 929.7 = 365.225, Q3 = 830.075, both kept; base
  // (3984 + 10625) / 40 = 365.225 -> 365. Cluster 4 (one period) is too
  // few; cluster 0 is never priced. -> price: P2 45 days * 365 = 16425.
  const std::string costed = Tmp("costed.csv"), tariff = Tmp("tariff.csv");
  Result r =
      Run({"cost", "--periods", Data("cost_periods.csv"), "--activity",
           Data("activity.csv"), "--unit-costs", Data("unit_costs.textproto"),
           "--as-of", "2023-06-30", "--out", costed});
  ASSERT_EQ(r.status, 0) << r.err;
  r = Run({"tariff", "--in", costed, "--min-periods", "2", "--out", tariff});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(tariff), "cluster,basis,price_pence\n3,day,365\n");
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff", tariff,
           "--contract", Data("contract_e2e.textproto")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("P2,3,2023-05-01,2023-06-14,45,day,45,16425,0,"
                               "priced\n"));
}

// ---- mhpbr price --as-of -------------------------------------------------

// In-year, as of 15 June 2023, contract_pooled (MFF 1.08543, 1085.43 p a
// day for cluster 3), one_offs.csv (ect 10854, earned in April):
//   P1 cluster 11, 1 Apr - 9 Jun: one review period cut short, 7598,
//     earned on 1 April (the day it starts); days 30, 31, 9
//   P2 cluster 3, open from 1 May: through 31 May 31 days = 33648.33 ->
//     33648; through 15 Jun 46 days = 49929.78 -> 49930 (June 16282)
//   April 10854 + 7598 = 18452; May 33648 (52100); June 16282 (68382)
// The statement (--out) is the forecast outturn, exactly the annual
// statement: P2 runs on to 31 March 2024, 336 days = 364704.48 -> 364704;
// A = 10854 + 7598 + 364704 = 383156 = 3.83 B: P = 100000 + 5000 +
// (383156 - 105000) / 2 = 244078; withheld 2.5% = 6101.95 -> 6102; earned
// 6102 * 0.6692 = 4083.46 -> 4083; payment 244078 - 6102 + 4083 = 242059.
TEST_F(PricingCliTest, PriceAsOfWritesMonthsAndForecast) {
  const std::string periods = Tmp("periods.csv");
  WriteFile(periods,
            "patient_id,cluster,start,end\n"
            "P2,3,2023-05-01,\n"
            "P1,11,2023-04-01,2023-06-09\n");
  const std::string out = Tmp("statement.csv"), summary = Tmp("summary.csv"),
                    months = Tmp("months.csv");
  std::vector<std::string> args = {"price",
                                   "--periods",
                                   periods,
                                   "--tariff",
                                   Data("tariff.csv"),
                                   "--contract",
                                   Data("contract_pooled.textproto"),
                                   "--one-offs",
                                   Data("one_offs.csv"),
                                   "--out",
                                   out,
                                   "--summary",
                                   summary};
  // Without --as-of: today's outputs.
  Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string annual_out = ReadFile(out);
  const std::string annual_summary = ReadFile(summary);
  std::vector<std::string> in_year = args;
  in_year.insert(in_year.end(), {"--as-of", "2023-06-15", "--months", months});
  r = Run(in_year);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(months),
            "month,periods,days,amount_pence,cumulative_pence\n"
            "2023-04,1,30,18452,18452\n"
            "2023-05,2,62,33648,52100\n"
            "2023-06,2,24,16282,68382\n");
  EXPECT_EQ(ReadFile(out), annual_out);
  EXPECT_EQ(annual_out,
            "patient_id,cluster,start,end,days_in_year,basis,units,"
            "amount_pence,social_care_pence,status\n"
            ",,,,,one_off,2,10854,0,priced\n"
            "P1,11,2023-04-01,2023-06-09,70,period,1,7598,0,priced\n"
            "P2,3,2023-05-01,,336,day,336,364704,0,priced\n");
  // The annual rows unchanged, the in-year rows after them.
  EXPECT_EQ(ReadFile(summary),
            annual_summary +
                "as_of,2023-06-15\n"
                "earned_to_date_pence,68382\n"
                "forecast_activity_pence,383156\n"
                "forecast_payment_pence,242059\n"
                "forecast_assumption:open_periods,run to 2024-03-31 at "
                "their basis and review periods\n"
                "forecast_assumption:open_periods_count,1\n"
                "forecast_assumption:closed_periods,as given\n"
                "forecast_assumption:new_periods,none\n"
                "forecast_assumption:one_offs,as given; earned in 2023-04\n"
                "forecast_assumption:outcomes,attainment as given\n");
  EXPECT_EQ(Summary(annual_summary)["payment_pence"], "242059");
}

TEST_F(PricingCliTest, PriceAsOfOutsideTheYearStopsTheRun) {
  const std::string out = Tmp("statement.csv"), months = Tmp("months.csv");
  Result r =
      Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_pooled.textproto"),
           "--as-of", "2024-04-01", "--months", months, "--out", out});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("as_of 2024-04-01 is outside the contract "
                               "year 2023-04-01 to 2024-03-31"));
  // All or nothing: no output written.
  EXPECT_NE(access(out.c_str(), F_OK), 0);
  EXPECT_NE(access(months.c_str(), F_OK), 0);
  // --months without --as-of is a usage error.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_pooled.textproto"),
           "--months", months});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--months needs --as-of"));
}

// ---- mhpbr price, one contract per commissioner ---------------------------
// commissioner_periods.csv and commissioner_one_offs.csv under
// commissioner_tariff.csv (cluster 3 at 1000 p a day, 11 at 2000 p) with
// commissioner_a.textproto (MFF 1.1) and commissioner_b.textproto (MFF
// 1.08543, baseline 72000 p, cap and collar), 2024/25; worked in
// tests/pricing/commissioner_statements_test.cc:
//   A: ect 2 * 500 * 1.1 = 1100; p1 10 days * 1000 * 1.1 = 11000;
//      activity = payment = 12100.
//   B: ect 1000 * 1.08543 = 1085.43 -> 1085; p2 20 * 2000 * 1.08543 =
//      43417.2 -> 43417; p3 30 * 1000 * 1.08543 = 32562.9 -> 32563;
//      activity 77065; P = 72000 + 3600 + (77065 - 75600) / 2 = 76332.5
//      -> 76333; risk share -732.
//   p4 and crisis name no commissioner: lines of 0, status
//   no_commissioner, last. p5 (line 6) names C, who has no contract:
//   rejected.
const char kCommissionerStatement[] =
    "commissioner,patient_id,cluster,start,end,days_in_year,basis,units,"
    "amount_pence,social_care_pence,status\n"
    "A,,,,,,one_off,2,1100,0,priced\n"
    "A,p1,3,2024-04-01,2024-04-10,10,day,10,11000,0,priced\n"
    "B,,,,,,one_off,1,1085,0,priced\n"
    "B,p2,11,2024-05-01,2024-05-20,20,day,20,43417,0,priced\n"
    "B,p3,3,2024-06-01,2024-06-30,30,day,30,32563,0,priced\n"
    ",,,,,,one_off,3,0,0,no_commissioner\n"
    ",p4,3,2024-07-01,2024-07-05,5,,0,0,0,no_commissioner\n";

std::vector<std::string> CommissionerArgs() {
  return {"price",
          "--periods",
          Data("commissioner_periods.csv"),
          "--tariff",
          Data("commissioner_tariff.csv"),
          "--contract",
          Data("commissioner_b.textproto"),
          "--contract",
          Data("commissioner_a.textproto"),
          "--one-offs",
          Data("commissioner_one_offs.csv")};
}

TEST_F(PricingCliTest, PriceByCommissioner) {
  const std::string out = Tmp("statement.csv"), summary = Tmp("summary.csv"),
                    clusters = Tmp("clusters.csv"),
                    by_commissioner = Tmp("by_commissioner.csv"),
                    rejects = Tmp("rejects.csv");
  std::vector<std::string> args = CommissionerArgs();
  for (const std::string& a :
       {std::string("--out"), out, std::string("--summary"), summary,
        std::string("--by-cluster"), clusters, std::string("--by-commissioner"),
        by_commissioner, std::string("--rejects"), rejects}) {
    args.push_back(a);
  }
  Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), kCommissionerStatement);
  // The provider's totals: the sums of A's and B's.
  EXPECT_EQ(ReadFile(summary),
            "key,value\n"
            "lines,5\n"
            "baseline_pence,72000\n"
            "activity_pence,89165\n"
            "risk_shared_pence,88433\n"
            "risk_share_pence,-732\n"
            "withheld_pence,0\n"
            "earned_pence,0\n"
            "payment_pence,88433\n"
            "commissioners,2\n"
            "periods_without_commissioner,1\n"
            "one_offs_without_commissioner,1\n");
  // Cluster 3: p1 (A, 10 days, 11000) and p3 (B, 30 days, 32563).
  EXPECT_EQ(ReadFile(clusters),
            "cluster,patients,periods,days,amount_pence\n"
            "3,2,2,40,43563\n"
            "11,1,1,20,43417\n");
  EXPECT_EQ(ReadFile(by_commissioner),
            "commissioner,provider,lines,activity_pence,risk_share_pence,"
            "withheld_pence,earned_pence,payment_pence,health_pence,"
            "social_care_pence\n"
            "A,RX1,2,12100,0,0,0,12100,12100,0\n"
            "B,RX1,3,77065,-732,0,0,76333,77065,0\n"
            "total,RX1,5,89165,-732,0,0,88433,89165,0\n");
  EXPECT_EQ(
      ReadFile(rejects),
      absl::StrCat("line,id,reason\n6,p5,", Data("commissioner_periods.csv"),
                   ": commissioner: 'C' has no contract\n"));
  // 5 periods and 3 one-offs read; p5 rejected.
  EXPECT_THAT(r.err, HasSubstr("8 read, 7 ok, 1 rejected"));
  args.push_back("--strict");
  r = Run(args);
  EXPECT_EQ(r.status, 1) << r.err;
}

// Through 2024-05-31: April earns A's one-off and p1 (12100) and B's
// one-off (1085); May earns p2 (43417).
TEST_F(PricingCliTest, PriceByCommissionerAsOf) {
  const std::string out = Tmp("statement.csv"), summary = Tmp("summary.csv"),
                    months = Tmp("months.csv");
  std::vector<std::string> args = CommissionerArgs();
  for (const std::string& a :
       {std::string("--as-of"), std::string("2024-05-31"),
        std::string("--months"), months, std::string("--out"), out,
        std::string("--summary"), summary}) {
    args.push_back(a);
  }
  const Result r = Run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  // Every period is closed: the forecast is the annual statement.
  EXPECT_EQ(ReadFile(out), kCommissionerStatement);
  EXPECT_EQ(ReadFile(months),
            "commissioner,month,periods,days,amount_pence,cumulative_pence\n"
            "A,2024-04,1,10,12100,12100\n"
            "A,2024-05,0,0,0,12100\n"
            "B,2024-04,0,0,1085,1085\n"
            "B,2024-05,1,20,43417,44502\n"
            "total,2024-04,1,10,13185,13185\n"
            "total,2024-05,1,20,43417,56602\n");
  auto s = Summary(ReadFile(summary));
  EXPECT_EQ(s["as_of"], "2024-05-31");
  EXPECT_EQ(s["earned_to_date_pence"], "56602");
  EXPECT_EQ(s["forecast_payment_pence"], "88433");
  EXPECT_EQ(s["forecast_assumption:open_periods_count"], "0");
  EXPECT_EQ(s["commissioners"], "2");
}

TEST_F(PricingCliTest, PriceContractsThatCannotBePricedTogetherExit2) {
  Result r = Run({"price", "--periods", Data("commissioner_periods.csv"),
                  "--tariff", Data("commissioner_tariff.csv"), "--contract",
                  Data("commissioner_b.textproto"), "--contract",
                  Data("commissioner_b_again.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("commissioner_b.textproto and "),
                    HasSubstr("commissioner_b_again.textproto are both for "
                              "commissioner 'B'")));
  EXPECT_EQ(r.out, "");
  // Several contracts, one naming no commissioner.
  r = Run({"price", "--periods", Data("commissioner_periods.csv"), "--tariff",
           Data("commissioner_tariff.csv"), "--contract",
           Data("commissioner_a.textproto"), "--contract",
           Data("contract_pooled.textproto")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("contract_pooled.textproto: "
                                     "commissioner: empty"),
                           HasSubstr("one per commissioner")));
  // --by-commissioner with a contract naming none.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv"), "--contract", Data("contract_pooled.textproto"),
           "--by-commissioner", Tmp("by.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--by-commissioner needs contracts"));
  // --contract is still required.
  r = Run({"price", "--periods", Data("periods.csv"), "--tariff",
           Data("tariff.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--contract is required"));
}

// A single contract naming no commissioner prices every period as before,
// whatever commissioner and provider columns the periods have.
TEST_F(PricingCliTest, PriceOneContractIgnoresCommissionerColumns) {
  const std::string periods = Tmp("periods.csv"),
                    one_offs = Tmp("one_offs.csv"), out = Tmp("statement.csv");
  WriteFile(periods,
            "patient_id,cluster,start,end,commissioner,provider\n"
            "P2,3,2023-05-01,2023-06-14,B,RX1\n"
            "P1,0,2023-06-10,,,\n"
            "P1,11,2023-04-01,2023-06-09,A,RX1\n");
  WriteFile(one_offs, "item,count,price_pence,commissioner\nect,2,5000,C\n");
  const Result r =
      Run({"price", "--periods", periods, "--tariff", Data("tariff.csv"),
           "--contract", Data("contract_decoupled.textproto"), "--one-offs",
           one_offs, "--out", out});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ReadFile(out), kDecoupledStatement);
  EXPECT_THAT(r.err, HasSubstr("4 read, 4 ok, 0 rejected"));
}

}  // namespace
