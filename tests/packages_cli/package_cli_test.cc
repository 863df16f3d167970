// `mhpbr package validate|cost|show|plan|delivered|spread` (formats.md and
// the README): outputs, their columns and the exit codes, run on the
// fixtures in tests/data/packages (figures worked by hand in their
// comments and below).

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

const char kTool[] = MHPBR_TOOL;
const char kData[] = MHPBR_PACKAGES_DATA;

std::string Data(const std::string& name) {
  return absl::StrCat(kData, "/", name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out = absl::StrSplit(text, '\n');
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class PackageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = absl::StrCat(::testing::TempDir(), "/packages_cli_", info->name());
    ASSERT_EQ(std::system(absl::StrCat("rm -rf ", Quote(dir_), " && mkdir -p ",
                                       Quote(dir_))
                              .c_str()),
              0);
  }

  std::string Path(const std::string& name) const {
    return absl::StrCat(dir_, "/", name);
  }

  // Runs `mhpbr package ARGS`; standard output and error into out_, err_.
  int Run(const std::vector<std::string>& args) {
    std::string cmd = absl::StrCat(Quote(kTool), " package");
    for (const std::string& a : args) absl::StrAppend(&cmd, " ", Quote(a));
    absl::StrAppend(&cmd, " >", Quote(Path("stdout")), " 2>",
                    Quote(Path("stderr")), " </dev/null");
    const int status = std::system(cmd.c_str());
    out_ = ReadFile(Path("stdout"));
    err_ = ReadFile(Path("stderr"));
    EXPECT_TRUE(WIFEXITED(status)) << cmd;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string dir_, out_, err_;
};

TEST_F(PackageCliTest, ValidateBuiltInCatalogue) {
  EXPECT_EQ(Run({"validate"}), 0) << err_;
  EXPECT_EQ(out_, "");
  EXPECT_THAT(err_, HasSubstr("21 templates"));
  EXPECT_THAT(err_, HasSubstr("0 problems"));
  // A valid file catalogue, checked against unit costs that know all of
  // its staff groups and wards.
  EXPECT_EQ(Run({"validate", "--catalogue", Data("catalogue.textproto"),
                 "--unit-costs", Data("unit_costs.textproto")}),
            0)
      << err_;
  EXPECT_EQ(out_, "");
  EXPECT_THAT(err_, HasSubstr("2 templates, 7 elements, 0 problems"));
}

TEST_F(PackageCliTest, ValidateBadCatalogueOneLinePerProblem) {
  EXPECT_EQ(Run({"validate", "--catalogue", Data("bad_catalogue.textproto")}),
            1);
  const std::vector<std::string> lines = Lines(out_);
  ASSERT_THAT(lines, SizeIs(8)) << out_;
  // Each names the cluster, the element id and the field, in file order.
  EXPECT_THAT(lines[0], HasSubstr("cluster 9 cluster:"));
  EXPECT_THAT(lines[1], HasSubstr("cluster 1 element c1-gsh "
                                  "contacts_per_period: must not be "
                                  "negative"));
  EXPECT_THAT(lines[2], HasSubstr("cluster 1 element c1-hi share_ppm:"));
  EXPECT_THAT(lines[3], HasSubstr("cluster 1 element c1-adm ward:"));
  EXPECT_THAT(lines[4], HasSubstr("cluster 2 element c2-x share_ppm:"));
  EXPECT_THAT(lines[5], HasSubstr("cluster 2 element c1-hi id:"));
  EXPECT_THAT(lines[6], HasSubstr("cluster 2 element c2-big "
                                  "contacts_per_period: 2000 is more than "
                                  "1000"));
  EXPECT_THAT(lines[7], HasSubstr("cluster 2 element c2-notier tier:"));
  EXPECT_THAT(err_, HasSubstr("8 problems"));

  // --out takes the lines instead of standard output.
  EXPECT_EQ(Run({"validate", "--catalogue", Data("bad_catalogue.textproto"),
                 "--out", Path("problems.txt")}),
            1);
  EXPECT_EQ(out_, "");
  EXPECT_EQ(Lines(ReadFile(Path("problems.txt"))), lines);
}

TEST_F(PackageCliTest, ValidateWithUnitCostsNamesUnknownStaffAndWards) {
  EXPECT_EQ(Run({"validate", "--catalogue", Data("catalogue.textproto"),
                 "--unit-costs", Data("unit_costs_no_psychiatrist.textproto")}),
            1);
  EXPECT_THAT(Lines(out_),
              ElementsAre(HasSubstr("cluster 3 element c3-med staff_group: "
                                    "'psychiatrist' is not in the unit costs"),
                          HasSubstr("cluster 1 element c1-adm ward: "
                                    "'acute_adult' is not in the unit costs")));
}

TEST_F(PackageCliTest, CostColumnsAndRowsSortedByCluster) {
  ASSERT_EQ(Run({"cost", "--catalogue", Data("catalogue.textproto"),
                 "--unit-costs", Data("unit_costs.textproto")}),
            0)
      << err_;
  // Worked in catalogue.textproto.
  EXPECT_THAT(
      Lines(out_),
      ElementsAre("cluster,core_pence,essential_pence,variance_pence,"
                  "total_pence",
                  "1,19559,10662,2685,32906", "3,104784,0,2139,106923"));
  // --out writes the same to a file.
  ASSERT_EQ(
      Run({"cost", "--catalogue", Data("catalogue.textproto"), "--unit-costs",
           Data("unit_costs.textproto"), "--out", Path("cost.csv")}),
      0)
      << err_;
  EXPECT_THAT(Lines(ReadFile(Path("cost.csv"))), SizeIs(3));
}

TEST_F(PackageCliTest, CostOfTheBuiltInCatalogue) {
  ASSERT_EQ(Run({"cost"}), 0) << err_;
  const std::vector<std::string> lines = Lines(out_);
  ASSERT_THAT(lines, SizeIs(22));
  EXPECT_EQ(lines[0],
            "cluster,core_pence,essential_pence,variance_pence,total_pence");
  int previous = -1;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(lines[i], ',');
    ASSERT_THAT(f, SizeIs(5)) << lines[i];
    const int cluster = std::stoi(f[0]);
    EXPECT_GT(cluster, previous);
    EXPECT_NE(cluster, 9);
    previous = cluster;
    EXPECT_EQ(std::stoll(f[4]),
              std::stoll(f[1]) + std::stoll(f[2]) + std::stoll(f[3]))
        << lines[i];
  }
  // Clusters 1 and 10 worked in tests/packages/example_catalogue_test.cc.
  EXPECT_EQ(lines[2], "1,19559,6986,171,26716");
  // No cluster 9: cluster 10 is the tenth row after the header.
  EXPECT_EQ(lines[10], "10,448754,71980,168740,689474");
}

TEST_F(PackageCliTest, ShowCluster10) {
  ASSERT_EQ(Run({"show", "--cluster", "10"}), 0) << err_;
  EXPECT_THAT(out_, HasSubstr("cluster 10"));
  EXPECT_THAT(out_, HasSubstr("NICE CG178"));
  EXPECT_THAT(out_, HasSubstr("core:"));
  EXPECT_THAT(out_, HasSubstr("essential:"));
  EXPECT_THAT(out_, HasSubstr("variance:"));
  EXPECT_THAT(out_, HasSubstr("CBT for psychosis"));
  EXPECT_THAT(out_, HasSubstr("Family intervention"));
  // Family intervention is for 50% of people; the expected cost worked in
  // example_catalogue_test.cc: 689474 p, core 448754, essential 71980,
  // variance 168740.
  EXPECT_THAT(out_, HasSubstr("50.0% of people"));
  EXPECT_THAT(out_, HasSubstr("6894.74"));
  EXPECT_THAT(out_, HasSubstr("4487.54"));
  EXPECT_THAT(out_, HasSubstr("719.80"));
  EXPECT_THAT(out_, HasSubstr("1687.40"));
  EXPECT_THAT(out_, HasSubstr("never overrides"));
  // Core elements come under "core:", before "essential:".
  EXPECT_LT(out_.find("core:"), out_.find("c10-cbtp"));
  EXPECT_LT(out_.find("c10-cbtp"), out_.find("essential:"));
  EXPECT_LT(out_.find("essential:"), out_.find("c10-fi"));
  EXPECT_LT(out_.find("variance:"), out_.find("c10-adm"));
}

TEST_F(PackageCliTest, ShowErrors) {
  EXPECT_EQ(Run({"show"}), 2);
  EXPECT_THAT(err_, HasSubstr("cluster"));
  EXPECT_EQ(Run({"show", "--cluster", "9"}), 2);
  EXPECT_EQ(Run({"show", "--cluster", "10", "--catalogue",
                 Data("catalogue.textproto"), "--unit-costs",
                 Data("unit_costs.textproto")}),
            2);
  EXPECT_THAT(err_, HasSubstr("no template for cluster 10"));
}

TEST_F(PackageCliTest, PlanElementsAndSummary) {
  ASSERT_EQ(Run({"plan", "--plan", Data("plan.textproto"), "--catalogue",
                 Data("catalogue.textproto"), "--unit-costs",
                 Data("unit_costs.textproto"), "--out", Path("plan.csv"),
                 "--summary", Path("summary.csv")}),
            0)
      << err_;
  EXPECT_THAT(
      Lines(ReadFile(Path("plan.csv"))),
      ElementsAre("element_id,name,tier,origin,setting,staff_group,contacts,"
                  "minutes_per_contact,ward,bed_days,planned_pence,reason",
                  "c1-gsh,Guided self-help,core,template,community,pwp,6,35,,"
                  "0,16107,",
                  "c1-ps,Psychoeducation,core,template,community,pwp,1,45,,0,"
                  "3452,",
                  "c1-hi,High-intensity therapy,essential,template,community,"
                  "psychologist,8,60,,0,69856,",
                  "c1-chk,Physical health check,essential,template,community,"
                  "nurse_b6,1,6,,0,614,",
                  "p1-peer,Peer support group,variance,added,community,"
                  "support_worker,4,90,,0,20532,Asked for peer support"));
  // The budget is the exact sum rounded once: 110560.1 -> 110560 (the shown
  // figures add to 110561).
  EXPECT_THAT(
      Lines(ReadFile(Path("summary.csv"))),
      ElementsAre("key,value", "patient_id,P1", "cluster,1",
                  "period_start,2023-04-03", "period_end,2023-06-25",
                  "notional_budget_pence,110560", "budget,direct_payment",
                  "preferred_setting,home", "preferred_provider,Local Mind",
                  "elements,5", "declined,1", "added,1", "not_chosen,0"));
  EXPECT_THAT(err_, HasSubstr("1105.60"));
}

TEST_F(PackageCliTest, PlanOnTheBuiltInCatalogueToStandardOutput) {
  // An open plan against the built-in catalogue: c1-gsh and c1-psyed only,
  // 16107 + 3451.5 = 19558.5 -> 19559 (example unit costs).
  ASSERT_EQ(Run({"plan", "--plan", Data("plan_open.textproto"), "--summary",
                 Path("summary.csv")}),
            0)
      << err_;
  const std::vector<std::string> lines = Lines(out_);
  ASSERT_THAT(lines, SizeIs(3));
  EXPECT_THAT(lines[1], ::testing::StartsWith("c1-gsh,"));
  EXPECT_THAT(lines[2], ::testing::StartsWith("c1-psyed,"));
  const std::string summary = ReadFile(Path("summary.csv"));
  EXPECT_THAT(summary, HasSubstr("\nnotional_budget_pence,19559\n"));
  EXPECT_THAT(summary, HasSubstr("\nperiod_end,\n"));
  EXPECT_THAT(summary, HasSubstr("\nbudget,none\n"));
  EXPECT_THAT(summary, HasSubstr("\nnot_chosen,2\n"));
}

TEST_F(PackageCliTest, PlanErrors) {
  EXPECT_EQ(Run({"plan"}), 2);
  EXPECT_THAT(err_, HasSubstr("plan"));
  EXPECT_EQ(Run({"plan", "--plan", Path("missing.textproto")}), 2);
  EXPECT_EQ(Run({"plan", "--plan", Data("plan_bad.textproto"), "--catalogue",
                 Data("catalogue.textproto"), "--unit-costs",
                 Data("unit_costs.textproto")}),
            2);
  EXPECT_THAT(err_, AllOf(HasSubstr("c1-gsh"), HasSubstr("core")));
}

TEST_F(PackageCliTest, DeliveredAgainstPlanned) {
  ASSERT_EQ(
      Run({"delivered", "--plan", Data("plan.textproto"), "--activity",
           Data("activity.csv"), "--catalogue", Data("catalogue.textproto"),
           "--unit-costs", Data("unit_costs.textproto"), "--out",
           Path("delivered.csv"), "--unmatched", Path("unmatched.csv"),
           "--rejects", Path("rejects.csv")}),
      0)
      << err_;
  // gsh: a1 35 min (2684.5 -> 2685) and a3, a group of 3 for 90 min (1950 *
  // 1.18 = 2301): 2 contacts, 125 min, 4986. ps by id: a2 45 min, 3452.
  // hi: a4 60 min psychologist, 8732. chk by id: a12 6 min nurse_b6 = 613.6
  // -> 614. peer: a8 90 min support_worker = 4350 * 1.18 = 5133.
  EXPECT_THAT(
      Lines(ReadFile(Path("delivered.csv"))),
      ElementsAre(
          "element_id,planned_contacts,delivered_contacts,planned_"
          "minutes,delivered_minutes,planned_bed_days,delivered_bed_"
          "days,planned_pence,delivered_pence",
          "c1-gsh,6,2,210,125,0,0,16107,4986", "c1-ps,1,1,45,45,0,0,3452,3452",
          "c1-hi,8,1,480,60,0,0,69856,8732", "c1-chk,1,1,6,6,0,0,614,614",
          "p1-peer,4,1,360,90,0,0,20532,5133"));
  // a5: 3 bed days, but the admission was declined: 136500 * 1.18 =
  // 161070; a6 psychiatrist 30 min 8555; a7 other 1000 * 1.18 = 1180;
  // a11 cannot be costed (cost empty, the reason names the field).
  EXPECT_THAT(
      Lines(ReadFile(Path("unmatched.csv"))),
      ElementsAre(
          "activity_id,date,kind,staff_group,ward,cost_pence,reason",
          "a5,2023-05-02,bed_day,,acute_adult,161070,matches no planned "
          "element",
          "a6,2023-05-03,contact,psychiatrist,,8555,matches no planned "
          "element",
          "a7,2023-05-04,other,,,1180,matches no planned element",
          AllOf(::testing::StartsWith("a11,2023-05-06,contact,counsellor,,,"),
                HasSubstr("staff_group"))));
  // a13 (negative minutes) is rejected by the reader: line 14.
  EXPECT_THAT(
      Lines(ReadFile(Path("rejects.csv"))),
      ElementsAre("line,id,reason", AllOf(::testing::StartsWith("14,a13,"),
                                          HasSubstr("minutes"))));
  // Planned 110560; delivered 4986 + 3452 + 8732 + 614 + 5133 + 161070 +
  // 8555 + 1180 = 193722; a9 (another patient) and a10 (after the end)
  // outside.
  EXPECT_THAT(err_, HasSubstr("planned 1105.60, delivered 1937.22"));
  EXPECT_THAT(err_, HasSubstr("3 unmatched, 1 not costable, 2 outside"));
  EXPECT_THAT(err_, HasSubstr("13 read, 12 ok, 1 rejected"));

  // --strict: the rejected row makes the exit status 1.
  EXPECT_EQ(
      Run({"delivered", "--plan", Data("plan.textproto"), "--activity",
           Data("activity.csv"), "--catalogue", Data("catalogue.textproto"),
           "--unit-costs", Data("unit_costs.textproto"), "--out",
           Path("d2.csv"), "--strict"}),
      1);
}

TEST_F(PackageCliTest, DeliveredOpenPlanNeedsAsOf) {
  const std::vector<std::string> base = {"delivered",
                                         "--plan",
                                         Data("plan_open.textproto"),
                                         "--activity",
                                         Data("activity.csv"),
                                         "--catalogue",
                                         Data("catalogue.textproto"),
                                         "--unit-costs",
                                         Data("unit_costs.textproto")};
  EXPECT_EQ(Run(base), 2);
  EXPECT_THAT(err_, HasSubstr("--as-of"));
  std::vector<std::string> with = base;
  with.insert(with.end(), {"--as-of", "2023-04-30"});
  ASSERT_EQ(Run(with), 0) << err_;
  // Through 2023-04-30: gsh a1 + a3 (4986), ps a2 (3452).
  EXPECT_THAT(Lines(out_), ElementsAre(HasSubstr("element_id"),
                                       "c1-gsh,6,2,210,125,0,0,16107,4986",
                                       "c1-ps,1,1,45,45,0,0,3452,3452"));
  with.back() = "2023-02-30";
  EXPECT_EQ(Run(with), 2);
}

TEST_F(PackageCliTest, SpreadAcrossPeriods) {
  ASSERT_EQ(Run({"spread", "--periods", Data("periods.csv"), "--activity",
                 Data("spread_activity.csv"), "--as-of", "2023-12-31",
                 "--catalogue", Data("catalogue.textproto"), "--unit-costs",
                 Data("unit_costs.textproto"), "--out", Path("spread.csv"),
                 "--rejects", Path("rejects.csv")}),
            0)
      << err_;
  // Cluster 1, four periods (P4 open to 2023-12-31):
  //   gsh: P1 3 (s17 is after P1's period: unclustered), P2 1, P3 0, P4 4
  //     (s13 on 2023-11-01 inside the open period) -> 0, 1, 3, 4: mean 2,
  //     p25 0.75, median 2, p75 3 + 0.25 = 3.25, max 4, 3 receiving.
  //   hi: P3's two groups -> 0, 0, 0, 2: mean 0.5, p25 0, median 0,
  //     p75 0 + 0.25 * 2 = 0.5, max 2, 1 receiving.
  //   adm (bed days): P1 5, P2 2 + 3 -> 0, 0, 5, 5: mean 2.5, p25 0,
  //     median 2.5, p75 5, max 5.
  // Cluster 3, one period: c3-cbt 3 contacts.
  EXPECT_THAT(
      Lines(ReadFile(Path("spread.csv"))),
      ElementsAre("cluster,element_id,tier,planned_per_period,periods,"
                  "periods_receiving,mean,p25,median,p75,max",
                  "1,c1-gsh,core,6,4,3,2.0000,0.7500,2.0000,3.2500,4",
                  "1,c1-ps,core,1,4,0,0.0000,0.0000,0.0000,0.0000,0",
                  "1,c1-hi,essential,8,4,1,0.5000,0.0000,0.0000,0.5000,2",
                  "1,c1-chk,essential,1,4,0,0.0000,0.0000,0.0000,0.0000,0",
                  "1,c1-adm,variance,10,4,2,2.5000,0.0000,2.5000,5.0000,5",
                  "3,c3-cbt,core,12,1,1,3.0000,3.0000,3.0000,3.0000,3",
                  "3,c3-med,variance,1,1,0,0.0000,0.0000,0.0000,0.0000,0"));
  // s19 (unknown staff group) and s20 (unknown kind) are rejected; the 5
  // periods and 18 other activity rows are fine.
  const std::vector<std::string> rejects = Lines(ReadFile(Path("rejects.csv")));
  ASSERT_THAT(rejects, SizeIs(3));
  EXPECT_THAT(rejects[1], AllOf(HasSubstr("s19"), HasSubstr("staff_group")));
  EXPECT_THAT(rejects[2], AllOf(HasSubstr("s20"), HasSubstr("kind")));
  EXPECT_THAT(err_, HasSubstr("25 read, 23 ok, 2 rejected"));

  EXPECT_EQ(Run({"spread", "--periods", Data("periods.csv"), "--activity",
                 Data("spread_activity.csv"), "--as-of", "2023-12-31",
                 "--catalogue", Data("catalogue.textproto"), "--unit-costs",
                 Data("unit_costs.textproto"), "--strict"}),
            1);
}

TEST_F(PackageCliTest, SpreadErrors) {
  EXPECT_EQ(Run({"spread", "--activity", Data("spread_activity.csv"), "--as-of",
                 "2023-12-31"}),
            2);
  EXPECT_THAT(err_, HasSubstr("periods"));
  EXPECT_EQ(Run({"spread", "--periods", Data("periods.csv"), "--activity",
                 Data("spread_activity.csv")}),
            2);
  EXPECT_THAT(err_, HasSubstr("as-of"));
  EXPECT_EQ(Run({"spread", "--periods", Data("periods.csv"), "--activity",
                 Path("missing.csv"), "--as-of", "2023-12-31"}),
            2);
  EXPECT_EQ(Run({"spread", "--periods", Path("missing.csv"), "--activity",
                 Data("spread_activity.csv"), "--as-of", "2023-12-31"}),
            2);
  EXPECT_EQ(Run({"spread", "--periods", Data("periods.csv"), "--activity",
                 Data("spread_activity.csv"), "--as-of", "31/12/2023"}),
            2);
}

TEST_F(PackageCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({}), 2);
  EXPECT_THAT(err_, HasSubstr("usage: mhpbr package"));
  EXPECT_EQ(Run({"frobnicate"}), 2);
  EXPECT_THAT(err_, HasSubstr("unknown action frobnicate"));
  EXPECT_EQ(Run({"validate", "cost"}), 2);
  EXPECT_EQ(Run({"cost", "--no-such-flag", "x"}), 2);
  // Missing and unreadable files.
  EXPECT_EQ(Run({"validate", "--catalogue", Path("missing.textproto")}), 2);
  EXPECT_EQ(Run({"cost", "--catalogue", Path("missing.textproto")}), 2);
  EXPECT_EQ(Run({"cost", "--unit-costs", Path("missing.textproto")}), 2);
  EXPECT_EQ(Run({"validate", "--unit-costs", Path("missing.textproto")}), 2);
  EXPECT_EQ(Run({"validate", "--catalogue", Data("syntax_error.textproto")}),
            2);
  EXPECT_THAT(err_, HasSubstr("syntax_error.textproto"));
  // `cost` of an invalid catalogue cannot run.
  EXPECT_EQ(Run({"cost", "--catalogue", Data("bad_catalogue.textproto")}), 2);
  EXPECT_THAT(err_, HasSubstr("cluster 1 element c1-gsh contacts_per_period"));
  EXPECT_THAT(out_, IsEmpty());
  // A catalogue whose staff groups or wards the unit costs lack cannot be
  // costed; the first such element (cluster 1 comes first) is named.
  EXPECT_EQ(Run({"cost", "--catalogue", Data("catalogue.textproto"),
                 "--unit-costs", Data("unit_costs_no_psychiatrist.textproto")}),
            2);
  EXPECT_THAT(err_, HasSubstr("cluster 1 element c1-adm ward"));
  EXPECT_THAT(out_, Not(HasSubstr("cluster,core_pence")));
}

}  // namespace
