// `mhpbr spc` run as a user runs it (formats.md): the points, the summary,
// the rejects and the SVG page of examples/data/spc.csv and small inputs
// written here, every figure worked out by hand below.

#include <string>
#include <vector>

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
using test_process::WriteFile;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kTool = MHPBR_TOOL;
const std::string kExample = MHPBR_SPC_EXAMPLE;

ProcessResult Tool(std::vector<std::string> args) {
  args.insert(args.begin(), kTool);
  return RunProcess(args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// contacts: 20 28 20 28 20 28 20 28 20 60, direction up, target 50. Mean
// 272/10 = 27.2. Moving ranges eight 8s and 40: amR 104/9, and 40 >= 3.267
// x 104/9 = 37.75 is screened out: amR 8. Limits 27.2 +- 21.28 = 48.48 and
// 5.92. 60 is outside, above the mean: improvement (up). The target 50 is
// above the upper limit: consistent_fail for up. 10 points: short.
// waits: 2024-01 empty (left out), 2024-02 12.5: one point, mean 12.5, no
// limits, no icons.
constexpr char kPoints[] =
    "series,month,value,mean,lpl,upl,side,outside,run,trend,two_in_three,"
    "special_cause,point_type\n"
    "contacts,2024-01,20.0000,27.2000,5.9200,48.4800,-1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-02,28.0000,27.2000,5.9200,48.4800,1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-03,20.0000,27.2000,5.9200,48.4800,-1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-04,28.0000,27.2000,5.9200,48.4800,1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-05,20.0000,27.2000,5.9200,48.4800,-1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-06,28.0000,27.2000,5.9200,48.4800,1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-07,20.0000,27.2000,5.9200,48.4800,-1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-08,28.0000,27.2000,5.9200,48.4800,1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-09,20.0000,27.2000,5.9200,48.4800,-1,n,n,n,n,n,"
    "common_cause\n"
    "contacts,2024-10,60.0000,27.2000,5.9200,48.4800,1,y,n,n,n,y,"
    "special_cause_improvement\n"
    "waits,2024-02,12.5000,12.5000,,,0,n,n,n,n,n,common_cause\n";

constexpr char kSummary[] =
    "series,points,mean,lpl,upl,short,variation,assurance\n"
    "contacts,10,27.2000,5.9200,48.4800,y,special_cause_improvement,"
    "consistent_fail\n"
    "waits,1,12.5000,,,y,,\n";

TEST(SpcCli, ExampleOutputs) {
  const std::string out = TempPath("points.csv");
  const std::string summary = TempPath("summary.csv");
  const std::string svg = TempPath("charts.svg");
  const ProcessResult r = Tool({"spc", "--in", kExample, "--out", out,
                                "--summary", summary, "--svg", svg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out), kPoints);
  EXPECT_EQ(Slurp(summary), kSummary);
  EXPECT_EQ(Lines(r.err).back(), "12 read, 12 ok, 0 rejected");
  const std::string page = Slurp(svg);
  EXPECT_THAT(page, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<image")));
  // The special-cause point in improvement blue, both icons of contacts
  // and the empty ones of waits.
  EXPECT_THAT(page, HasSubstr("fill=\"#289de0\"><title>2024-10: 60"));
  EXPECT_THAT(page,
              HasSubstr("<title>variation: special_cause_improvement</title>"));
  EXPECT_THAT(page, HasSubstr("<title>assurance: consistent_fail</title>"));
  EXPECT_THAT(page, HasSubstr("<title>variation: none</title>"));
  EXPECT_THAT(page, HasSubstr("<title>assurance: none</title>"));
  // Written a chart at a time: the head sized for both charts (88 px of
  // title and key, 240 a chart), each chart in its place, then the tail.
  EXPECT_THAT(page, HasSubstr("height=\"568\" viewBox=\"0 0 760 568\""));
  const size_t first = page.find("<g transform=\"translate(0,88)\">");
  const size_t second = page.find("<g transform=\"translate(0,328)\">");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(page.find("contacts"), second);
  EXPECT_GT(page.find("waits", first), second);
  EXPECT_EQ(page.find("<g transform=\"translate(0,568)"), std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 7), "</svg>\n");
  EXPECT_EQ(page.find("</svg>"), page.size() - 7);
}

TEST(SpcCli, OptionsApplyWhereTheFileIsSilent) {
  // --no-screen: amR 104/9, limits 27.2 +- 30.7378 = 57.9378 and -3.5378;
  // 60 is still outside. contacts keeps the file's `up` and target 50
  // (below the upper limit now: inconsistent); waits takes --direction
  // and --target but has no limits, so no assurance.
  const std::string out = TempPath("summary.csv");
  const ProcessResult r =
      Tool({"spc", "--in", kExample, "--no-screen", "--direction", "down",
            "--target", "1", "--summary", out, "--out", TempPath("p.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out),
            "series,points,mean,lpl,upl,short,variation,assurance\n"
            "contacts,10,27.2000,-3.5378,57.9378,y,special_cause_improvement,"
            "inconsistent\n"
            "waits,1,12.5000,,,y,,\n");
}

TEST(SpcCli, DirectionAndTargetOptions) {
  // One series, no direction or target columns. Baseline (--fix-after 2)
  // 10 and 20: mean 15, amR 10, limits 15 +- 26.6 = 41.6 and -11.6. 50 is
  // outside and, with --direction down, a concern. Target 45 is above the
  // upper limit: consistent_pass for down.
  const std::string in = TempPath("in.csv");
  WriteFile(in,
            "month,value,series\n2024-01,10,x\n2024-02,20,x\n"
            "2024-03,50,x\n");
  const std::string out = TempPath("out.csv");
  const ProcessResult r =
      Tool({"spc", "--in", in, "--direction", "down", "--target", "45",
            "--fix-after", "2", "--summary", out, "--out", TempPath("p.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out),
            "series,points,mean,lpl,upl,short,variation,assurance\n"
            "x,3,15.0000,-11.6000,41.6000,y,special_cause_concern,"
            "consistent_pass\n");
}

TEST(SpcCli, RejectsWithLineAndReason) {
  const std::string in = TempPath("in.csv");
  WriteFile(in,
            "series,month,value\n"
            "a,2024-01,1\n"
            "a,2024-13,1\n"    // line 3: month
            "a,2024-02,one\n"  // line 4: value
            "a,2024-01,2\n"    // line 5: duplicate of line 2
            "a,2024-03,\n"     // empty: left out, but the month is taken
            "a,2024-03,4\n"    // line 7: duplicate of line 6
            "b,24-01,1\n");    // line 8: month
  const std::string rejects = TempPath("rejects.csv");
  const ProcessResult r = Tool({"spc", "--in", in, "--rejects", rejects,
                                "--strict", "--out", TempPath("p.csv")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Lines(r.err).back(), "7 read, 2 ok, 5 rejected");
  EXPECT_EQ(Slurp(rejects),
            "line,id,reason\n"
            "3,a,\"month: '2024-13' is not a month (YYYY-MM, from 1800)\"\n"
            "4,a,\"value: 'one' is not a decimal (digits, at most 9 after the "
            "point, below 2^60 in all)\"\n"
            "5,a,duplicate_month: 2024-01 is already on line 2\n"
            "7,a,duplicate_month: 2024-03 is already on line 6\n"
            "8,b,\"month: '24-01' is not a month (YYYY-MM, from 1800)\"\n");
}

TEST(SpcCli, SeriesInterleavedAndMonthsOutOfOrder) {
  // a: 2024-01 1, 2024-02 2 (2024-03 empty: left out). Mean 1.5, one
  // moving range of 1 (kept: below 3.267), limits 1.5 +- 2.66.
  // b: 1, 2, 3. Mean 2, moving ranges 1 and 1, limits 2 +- 2.66; the
  // second 2024-01 (line 7) repeats line 4's, though it came out of order.
  const std::string in = TempPath("in.csv");
  WriteFile(in,
            "series,month,value\n"
            "b,2024-03,3\n"
            "a,2024-02,2\n"
            "b,2024-01,1\n"
            "a,2024-01,1\n"
            "b,2024-02,2\n"
            "b,2024-01,9\n"
            "a,2024-03,\n");
  const std::string out = TempPath("points.csv");
  const std::string summary = TempPath("summary.csv");
  const std::string rejects = TempPath("rejects.csv");
  const ProcessResult r = Tool({"spc", "--in", in, "--out", out, "--summary",
                                summary, "--rejects", rejects});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.err).back(), "7 read, 6 ok, 1 rejected");
  EXPECT_EQ(Slurp(out),
            "series,month,value,mean,lpl,upl,side,outside,run,trend,"
            "two_in_three,special_cause,point_type\n"
            "a,2024-01,1.0000,1.5000,-1.1600,4.1600,-1,n,n,n,n,n,"
            "common_cause\n"
            "a,2024-02,2.0000,1.5000,-1.1600,4.1600,1,n,n,n,n,n,"
            "common_cause\n"
            "b,2024-01,1.0000,2.0000,-0.6600,4.6600,-1,n,n,n,n,n,"
            "common_cause\n"
            "b,2024-02,2.0000,2.0000,-0.6600,4.6600,0,n,n,n,n,n,"
            "common_cause\n"
            "b,2024-03,3.0000,2.0000,-0.6600,4.6600,1,n,n,n,n,n,"
            "common_cause\n");
  EXPECT_EQ(Slurp(summary),
            "series,points,mean,lpl,upl,short,variation,assurance\n"
            "a,2,1.5000,-1.1600,4.1600,y,common_cause,\n"
            "b,3,2.0000,-0.6600,4.6600,y,common_cause,\n");
  EXPECT_EQ(Slurp(rejects),
            "line,id,reason\n"
            "7,b,duplicate_month: 2024-01 is already on line 4\n");
}

TEST(SpcCli, NamesThatNeedQuotesAreQuoted) {
  // One point each: the mean is the value, no limits, on the mean.
  const std::string in = TempPath("in.csv");
  WriteFile(in,
            "series,month,value\n\"a,b\",2024-01,1\n\"x\"\"y\",2024-01,2\n");
  const ProcessResult r = Tool({"spc", "--in", in});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out)[1],
            "\"a,b\",2024-01,1.0000,1.0000,,,0,n,n,n,n,n,common_cause");
  EXPECT_EQ(Lines(r.out)[2],
            "\"x\"\"y\",2024-01,2.0000,2.0000,,,0,n,n,n,n,n,common_cause");
}

TEST(SpcCli, BadSeriesWritesNothingToStandardOutput) {
  // 2 x 10^9 cannot be held at the other value's 9 places (2^60 units).
  const std::string in = TempPath("in.csv");
  WriteFile(in,
            "series,month,value\na,2024-01,1\nbig,2024-01,2000000000\n"
            "big,2024-02,0.000000001\n");
  const ProcessResult r = Tool({"spc", "--in", in});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("series 'big': month 2024-01: value"));
  EXPECT_EQ(r.out, "");
}

TEST(SpcCli, UsageAndInputErrorsExit2WithNoOutput) {
  const std::string out = TempPath("out.csv");
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--direction", "sideways"},
        {"--fix-after", "1"},
        {"--target", "ten"}}) {
    std::vector<std::string> args = {"spc", "--in", kExample, "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = Tool(args);
    EXPECT_EQ(r.exit_code, 2) << extra[0];
    EXPECT_THAT(r.err, HasSubstr("usage: mhpbr spc")) << extra[0];
  }
  const std::string in = TempPath("in.csv");
  WriteFile(in, "series,month\na,2024-01\n");
  const ProcessResult r = Tool({"spc", "--in", in, "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no 'value' column"));
  EXPECT_EQ(Slurp(out), "");
}

}  // namespace
}  // namespace mhpbr
