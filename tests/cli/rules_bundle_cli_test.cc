// `mhpbr classify --rules BUNDLE` (each assessment by the rule set in force
// on its date), `mhpbr rules check` on a bundle and `mhpbr rules diff`,
// run as a user runs them. The rule sets are the frozen test rule set
// with a few lines replaced.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

const std::string kTool = MHPBR_TOOL_PATH;

ProcessResult Tool(std::vector<std::string> args) {
  args.insert(args.begin(), kTool);
  return RunProcess(args);
}

// The frozen rule set with `from` replaced (exactly once) by `to`.
std::string FrozenWith(std::string text, const std::string& from,
                       const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

const std::string& Frozen() {
  static const std::string* text =
      new std::string(Slurp(MHPBR_TEST_RULES_PATH));
  return *text;
}

constexpr char kFrozenFrom[] = "effective_from: \"2013-04-01\"";
constexpr char kFrozenWeights[] =
    "weights { must: 3 expected: 2 likely: 1 unlikely: -2 }";

// 2016/17: the frozen rule set; 2017/18 (open-ended): every weight doubled.
std::string TwoYearBundle() {
  const std::string y1 =
      FrozenWith(Frozen(), kFrozenFrom,
                 "effective_from: \"2016-04-01\" effective_to: \"2017-03-31\"");
  const std::string y2 = FrozenWith(
      FrozenWith(Frozen(), kFrozenFrom, "effective_from: \"2017-04-01\""),
      kFrozenWeights, "weights { must: 6 expected: 4 likely: 2 unlikely: -4 }");
  return absl::StrCat("name: \"two years\"\nrule_sets {\n", y1,
                      "\n}\nrule_sets {\n", y2, "\n}\n");
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = TempPath(name);
  WriteFile(path, text);
  return path;
}

// The spec's example for cluster 1: fit 37 in clusters 1, 2 and 3 under
// the frozen weights (17 E rows at 2, one M row at 3); doubled weights
// double it to 74. A tie: the lowest cluster is suggested, the next the
// runner-up.
constexpr char kC1[] = "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0";
constexpr char kInHeader[] =
    "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
    "r13,ra,rb,rc,rd,re\n";
constexpr char kOutHeader[] =
    "assessment_id,patient_id,date,suggested_cluster,suggested_fit,"
    "runner_up_cluster,runner_up_fit,superclass,allocated_cluster,"
    "allocation_red,red_items,reason\n";

TEST(ClassifyBundleTest, EachAssessmentByTheRuleSetInForceOnItsDate) {
  const std::string rules = WriteTemp("bundle.textproto", TwoYearBundle());
  const std::string in =
      WriteTemp("in.csv", absl::StrCat(kInHeader, "A1,P,2017-03-31,", kC1, "\n",
                                       "A2,P,2017-04-01,", kC1, "\n",
                                       "A3,P,2016-03-31,", kC1, "\n"));
  const std::string out = TempPath("out.csv");
  const std::string rejects = TempPath("rejects.csv");
  const ProcessResult r = Tool({"classify", "--in", in, "--rules", rules,
                                "--out", out, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out),
            absl::StrCat(kOutHeader,
                         "A1,P,2017-03-31,1,37,2,37,non-psychotic,,,,\n"
                         "A2,P,2017-04-01,1,74,2,74,non-psychotic,,,,\n"));
  EXPECT_EQ(Slurp(rejects),
            "line,id,reason\n"
            "4,A3,no rule set in force on 2016-03-31 (the rule sets cover "
            "2016-04-01 to open)\n");
  EXPECT_THAT(r.err, HasSubstr("3 read, 2 ok, 1 rejected"));
  // --strict: the date reject is a rejected row like any other.
  const ProcessResult strict = Tool(
      {"classify", "--in", in, "--rules", rules, "--out", out, "--strict"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST(ClassifyBundleTest, OverlappingBundleStopsTheRunNamingBoth) {
  const std::string bundle =
      FrozenWith(TwoYearBundle(), "effective_to: \"2017-03-31\"",
                 "effective_to: \"2017-04-01\"");
  const std::string rules = WriteTemp("overlap.textproto", bundle);
  const std::string in = WriteTemp(
      "in.csv", absl::StrCat(kInHeader, "A1,P,2017-03-31,", kC1, "\n"));
  const ProcessResult r = Tool({"classify", "--in", in, "--rules", rules});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("rule_sets[0] (version mhpbr-reference-1, "
                               "2016/17) and rule_sets[1] (version "
                               "mhpbr-reference-1, 2016/17) are both in force "
                               "on 2017-04-01"));
  EXPECT_EQ(r.out, "");
}

TEST(RulesBundleTest, CheckRunsEveryRuleSetsExamples) {
  const std::string rules = WriteTemp("bundle.textproto", TwoYearBundle());
  const ProcessResult r = Tool({"rules", "check", "--rules", rules});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("bundle valid; 2 rule sets, "));
  EXPECT_THAT(r.err, HasSubstr(" 0 failed"));
}

TEST(RulesBundleTest, CommandsOfOneRuleSetRefuseABundleByName) {
  const std::string rules = WriteTemp("bundle.textproto", TwoYearBundle());
  const ProcessResult r = Tool({"rules", "show", "--rules", rules});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr(absl::StrCat(rules,
                                     ": a bundle of 2 rule sets by date; this "
                                     "command takes one rule set")));
}

// b: must weight 3 -> 4, cluster 3 reviewed after 12 weeks (was 6
// months), cluster 3 item 7 ULEEL -> ULEMM (a red rule: ratings 3 and 4
// must score), and a new version label.
TEST(RulesDiffTest, ReadableTableOfEachDifference) {
  const std::string a = WriteTemp("a.textproto", Frozen());
  std::string changed = FrozenWith(Frozen(), kFrozenWeights,
                                   "weights { must: 4 expected: 2 likely: 1 "
                                   "unlikely: -2 }");
  changed = FrozenWith(changed,
                       "code: 3 name: \"Non-psychotic (moderate severity)\"\n"
                       "  superclass: NON_PSYCHOTIC subgroup: \"mild moderate "
                       "or severe\"\n  max_review { count: 6 unit: MONTHS }",
                       "code: 3 name: \"Non-psychotic (moderate severity)\"\n"
                       "  superclass: NON_PSYCHOTIC subgroup: \"mild moderate "
                       "or severe\"\n  max_review { count: 12 unit: WEEKS }");
  changed = FrozenWith(changed,
                       "  cluster: 3\n  rows { item: \"1\" bands: \"ELLUU\" }\n"
                       "  rows { item: \"2\" bands: \"ELLUU\" }\n"
                       "  rows { item: \"3\" bands: \"ELLLU\" }\n"
                       "  rows { item: \"4\" bands: \"ELUUU\" }\n"
                       "  rows { item: \"5\" bands: \"EELLU\" }\n"
                       "  rows { item: \"6\" bands: \"MMUUU\" }\n"
                       "  rows { item: \"7\" bands: \"ULEEL\" }",
                       "  cluster: 3\n  rows { item: \"1\" bands: \"ELLUU\" }\n"
                       "  rows { item: \"2\" bands: \"ELLUU\" }\n"
                       "  rows { item: \"3\" bands: \"ELLLU\" }\n"
                       "  rows { item: \"4\" bands: \"ELUUU\" }\n"
                       "  rows { item: \"5\" bands: \"EELLU\" }\n"
                       "  rows { item: \"6\" bands: \"MMUUU\" }\n"
                       "  rows { item: \"7\" bands: \"ULEMM\" }");
  changed = FrozenWith(changed, "version: \"mhpbr-reference-1\"",
                       "version: \"trust-2\"");
  const std::string b = WriteTemp("b.textproto", changed);
  const std::string out = TempPath("diff.csv");

  const ProcessResult r = Tool({"rules", "diff", a, b, "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out),
            "section,key,a,b\n"
            "profile,cluster 3 item 7,ULEEL,ULEMM\n"
            "provenance,version,mhpbr-reference-1,trust-2\n"
            "red_rule,cluster 3 item 7,none,3 4\n"
            "review_period,cluster 3,6 months,12 weeks\n"
            "weight,must,3,4\n");

  // The other way round, a and b swap.
  const ProcessResult back = Tool({"rules", "diff", b, a});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_THAT(back.out, HasSubstr("weight,must,4,3\n"));
}

TEST(RulesDiffTest, NothingDiffersGivesTheHeaderAlone) {
  const std::string a = WriteTemp("a.textproto", Frozen());
  const ProcessResult r = Tool({"rules", "diff", a, a});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "section,key,a,b\n");
}

TEST(RulesDiffTest, UnreadableOrWrongFilesExitTwo) {
  const std::string a = WriteTemp("a.textproto", Frozen());
  const ProcessResult missing =
      Tool({"rules", "diff", a, TempPath("no_such.textproto")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no_such.textproto: cannot open"));
  EXPECT_EQ(missing.out, "");

  const std::string bad = WriteTemp("bad.textproto", "weights { must: x }");
  EXPECT_EQ(Tool({"rules", "diff", bad, a}).exit_code, 2);

  const std::string bundle = WriteTemp("bundle.textproto", TwoYearBundle());
  EXPECT_EQ(Tool({"rules", "diff", a, bundle}).exit_code, 2);

  const ProcessResult one = Tool({"rules", "diff", a});
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_THAT(one.err, HasSubstr("diff takes two files"));
  EXPECT_EQ(Tool({"rules", "diff", a, a, "--rules", a}).exit_code, 2);
}

}  // namespace
}  // namespace mhpbr
