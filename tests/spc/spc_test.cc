// The SPC runner (spc.md) on short hand-made series; every mean, limit and
// flag below is worked out by hand in the comments.

#include "mhpbr/spc.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/exact_decimal.h"
#include "mhpbr/rule_set_diff.h"
#include "mhpbr/rule_set_text.h"
#include "tests/unit/status_matchers.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::StatusIs;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// A series of monthly values from April 2024, written as decimals.
SpcSeries Series(const std::vector<std::string>& values,
                 SpcDirection direction = SpcDirection::kNeutral) {
  SpcSeries s;
  s.name = "s";
  s.direction = direction;
  absl::CivilMonth m(2024, 4);
  for (const std::string& v : values) {
    s.months.push_back(m++);
    s.values.push_back(*ParseExactDecimal(v));
  }
  return s;
}

SpcChart ChartOf(const SpcSeries& s, SpcOptions options = {}) {
  auto charts = RunSpc({s}, options, SpcRules{});
  EXPECT_TRUE(charts.ok()) << charts.status();
  return charts.ok() ? (*charts)[0] : SpcChart{};
}

std::vector<bool> Flags(const SpcChart& c, bool SpcPoint::*flag) {
  std::vector<bool> out;
  for (const SpcPoint& p : c.points) out.push_back(p.*flag);
  return out;
}

std::vector<int> Sides(const SpcChart& c) {
  std::vector<int> out;
  for (const SpcPoint& p : c.points) out.push_back(p.side);
  return out;
}

std::string Text(const std::optional<Fraction>& f) {
  return f ? f->ToDecimal(4) : "none";
}

// 0 8 0 8 0 8 0 8 0 40: mean 72/10 = 7.2. Moving ranges eight 8s and 40;
// amR = 104/9; 40 >= 3.267 x 104/9 = 37.75, so it is screened out: amR 8.
// Limits 7.2 +- 21.28 = 28.48 and -14.08; near limits 7.2 +- 14.1867.
// Only the last point is special (outside); sides alternate, no trend.
const std::vector<std::string> kOutside = {"0", "8", "0", "8", "0",
                                           "8", "0", "8", "0", "40"};

TEST(SpcTest, OutsideAlone) {
  const SpcChart c = ChartOf(Series(kOutside));
  EXPECT_EQ(Text(c.mean), "7.2000");
  EXPECT_EQ(c.upl->num, 712);  // 28.48 = 712/25
  EXPECT_EQ(c.upl->den, 25);
  EXPECT_EQ(c.lpl->num, -352);  // -14.08 = -352/25
  EXPECT_THAT(Sides(c), ElementsAreArray({-1, 1, -1, 1, -1, 1, -1, 1, -1, 1}));
  std::vector<bool> last(10, false);
  last[9] = true;
  EXPECT_THAT(Flags(c, &SpcPoint::outside), ElementsAreArray(last));
  EXPECT_THAT(Flags(c, &SpcPoint::special_cause), ElementsAreArray(last));
  EXPECT_THAT(Flags(c, &SpcPoint::run),
              ElementsAreArray(std::vector<bool>(10)));
  EXPECT_THAT(Flags(c, &SpcPoint::trend),
              ElementsAreArray(std::vector<bool>(10)));
  EXPECT_THAT(Flags(c, &SpcPoint::two_in_three),
              ElementsAreArray(std::vector<bool>(10)));
  EXPECT_EQ(c.points[9].type, SpcPointType::kHigh);
  EXPECT_EQ(c.points[0].type, SpcPointType::kCommonCause);
  EXPECT_EQ(c.variation, SpcPointType::kHigh);
  EXPECT_TRUE(c.short_series);  // 10 < 12
  EXPECT_EQ(c.assurance, SpcAssurance::kNone);

  EXPECT_EQ(ChartOf(Series(kOutside, SpcDirection::kUp)).variation,
            SpcPointType::kImprovement);
  EXPECT_EQ(ChartOf(Series(kOutside, SpcDirection::kDown)).variation,
            SpcPointType::kConcern);
}

TEST(SpcTest, ScreeningOff) {
  // amR 104/9 unscreened: limits 7.2 +- 2.66 x 104/9 = (64.8 +- 276.64)/9
  // = 8536/225 (37.9378) and -5296/225 (-23.5378).
  SpcOptions options;
  options.screen = false;
  const SpcChart c = ChartOf(Series(kOutside), options);
  EXPECT_EQ(c.upl->num, 8536);
  EXPECT_EQ(c.upl->den, 225);
  EXPECT_EQ(c.lpl->num, -5296);
  EXPECT_EQ(Text(c.upl), "37.9378");
  EXPECT_TRUE(c.points[9].outside);
}

TEST(SpcTest, RunOfSevenAbove) {
  // 2 6 2 6 1 5 5 5 5 5 5 5 1 3: sum 56, mean 4; the seven 5s are a run
  // above it. amR = (4+4+4+5+4+0x6+4+2)/13 = 27/13 (none screened: 6.79);
  // near limits 4 +- 3.68 (1 and 6 are inside them), limits 4 +- 5.52.
  const SpcChart c = ChartOf(Series(
      {"2", "6", "2", "6", "1", "5", "5", "5", "5", "5", "5", "5", "1", "3"},
      SpcDirection::kDown));
  EXPECT_EQ(Text(c.mean), "4.0000");
  std::vector<bool> run(14, false);
  for (int i = 5; i <= 11; ++i) run[i] = true;
  EXPECT_THAT(Flags(c, &SpcPoint::run), ElementsAreArray(run));
  EXPECT_THAT(Flags(c, &SpcPoint::special_cause), ElementsAreArray(run));
  EXPECT_EQ(c.points[5].type, SpcPointType::kConcern);  // up is worse
  EXPECT_EQ(c.variation, SpcPointType::kCommonCause);
  EXPECT_FALSE(c.short_series);  // 14 points
}

TEST(SpcTest, PointOnTheMeanEndsARun) {
  // The same with a 4 among the 5s: sum 60 over 15, mean still 4; the 4
  // lies on the mean, leaving runs of 3 and 4.
  const SpcChart c = ChartOf(Series({"2", "6", "2", "6", "1", "5", "5", "5",
                                     "4", "5", "5", "5", "5", "1", "3"}));
  EXPECT_EQ(c.points[8].side, 0);
  EXPECT_THAT(Flags(c, &SpcPoint::run),
              ElementsAreArray(std::vector<bool>(15)));
  EXPECT_THAT(Flags(c, &SpcPoint::special_cause),
              ElementsAreArray(std::vector<bool>(15)));
}

TEST(SpcTest, TrendOfSeven) {
  // 7 1 2 3 4 5 6 7 1: mean 36/9 = 4; 1..7 rise strictly over 7 points.
  // amR 18/8 = 2.25; near limits 4 +- 3.99, so 1 and 7 are inside.
  const SpcChart c =
      ChartOf(Series({"7", "1", "2", "3", "4", "5", "6", "7", "1"}));
  EXPECT_THAT(Flags(c, &SpcPoint::trend),
              ElementsAreArray(
                  {false, true, true, true, true, true, true, true, false}));
  EXPECT_THAT(Flags(c, &SpcPoint::outside),
              ElementsAreArray(std::vector<bool>(9)));
  EXPECT_THAT(Flags(c, &SpcPoint::two_in_three),
              ElementsAreArray(std::vector<bool>(9)));
  // 1 is below the mean (low), 4 on it (low too: not above), 5 high.
  EXPECT_EQ(c.points[1].type, SpcPointType::kLow);
  EXPECT_EQ(c.points[4].type, SpcPointType::kLow);
  EXPECT_EQ(c.points[5].type, SpcPointType::kHigh);
  EXPECT_EQ(c.variation, SpcPointType::kCommonCause);
}

TEST(SpcTest, EqualValueEndsATrend) {
  // 7 1 2 3 3 4 5 6 7 1: the repeated 3 splits the rise into 3 and 5
  // points. Mean 3.9, amR 18/9 = 2, near limits 3.9 +- 3.547.
  const SpcChart c =
      ChartOf(Series({"7", "1", "2", "3", "3", "4", "5", "6", "7", "1"}));
  EXPECT_EQ(Text(c.mean), "3.9000");
  EXPECT_EQ(Text(c.upl), "9.2200");
  EXPECT_THAT(Flags(c, &SpcPoint::special_cause),
              ElementsAreArray(std::vector<bool>(10)));
}

TEST(SpcTest, TwoInThreeNearALimit) {
  // Baseline 0 100 (fix_after 2): mean 50, amR 100, limits 50 +- 266,
  // near limits 50 +- 177.33 (227.33). 250 and 260 are near, with 100
  // between them all above the mean: both flagged, 100 not (not near).
  SpcOptions options;
  options.fix_after = 2;
  const SpcChart c =
      ChartOf(Series({"0", "100", "50", "250", "100", "260", "50"},
                     SpcDirection::kDown),
              options);
  EXPECT_EQ(Text(c.upl), "316.0000");
  EXPECT_EQ(Text(c.lpl), "-216.0000");
  EXPECT_THAT(
      Flags(c, &SpcPoint::two_in_three),
      ElementsAreArray({false, false, false, true, false, true, false}));
  EXPECT_EQ(c.points[3].type, SpcPointType::kConcern);
  EXPECT_EQ(c.variation, SpcPointType::kCommonCause);
}

TEST(SpcTest, TwoInThreeNeedsOneSide) {
  // 250 near, then 50 on the mean, then 260 near: no window of three all
  // above the mean holds both.
  SpcOptions options;
  options.fix_after = 2;
  const SpcChart c =
      ChartOf(Series({"0", "100", "250", "50", "260", "50"}), options);
  EXPECT_THAT(Flags(c, &SpcPoint::two_in_three),
              ElementsAreArray(std::vector<bool>(6)));
}

TEST(SpcTest, TiesWithTheMeanAndLimitsCompareEqual) {
  // Baseline 0 100: mean 50, limits 316 and -216. 316 and -216 lie on the
  // limits (not outside, but beyond the near limits); 50 lies on the mean;
  // 316.001 is outside. The series is held at 3 places.
  SpcOptions options;
  options.fix_after = 2;
  const SpcChart c =
      ChartOf(Series({"0", "100", "316", "50", "-216", "316.001"}), options);
  EXPECT_EQ(c.places, 3);
  EXPECT_EQ(c.points[2].value.units, 316000);
  EXPECT_THAT(Sides(c), ElementsAreArray({-1, 1, 1, 0, -1, 1}));
  EXPECT_THAT(Flags(c, &SpcPoint::outside),
              ElementsAreArray({false, false, false, false, false, true}));
  EXPECT_THAT(Flags(c, &SpcPoint::special_cause),
              ElementsAreArray({false, false, false, false, false, true}));
}

TEST(SpcTest, ConstantSeries) {
  // amR 0: nothing screened, limits on the mean, every point on it.
  const SpcChart c = ChartOf(Series({"5", "5", "5", "5"}));
  EXPECT_EQ(Text(c.mean), "5.0000");
  EXPECT_EQ(Text(c.upl), "5.0000");
  EXPECT_EQ(Text(c.lpl), "5.0000");
  EXPECT_THAT(Sides(c), ElementsAreArray({0, 0, 0, 0}));
  EXPECT_EQ(c.variation, SpcPointType::kCommonCause);
  // With the baseline fixed on the constant part, 6 is above the limit.
  SpcOptions options;
  options.fix_after = 3;
  const SpcChart fixed = ChartOf(Series({"5", "5", "5", "6"}), options);
  EXPECT_EQ(Text(fixed.upl), "5.0000");
  EXPECT_TRUE(fixed.points[3].outside);
  EXPECT_EQ(fixed.variation, SpcPointType::kHigh);
}

TEST(SpcTest, OnePoint) {
  SpcSeries s = Series({"7.5"}, SpcDirection::kUp);
  s.target = ExactDecimal{1, 0};
  const SpcChart c = ChartOf(s);
  EXPECT_EQ(Text(c.mean), "7.5000");
  EXPECT_FALSE(c.upl.has_value());
  EXPECT_FALSE(c.lpl.has_value());
  EXPECT_EQ(c.points[0].side, 0);
  EXPECT_FALSE(c.points[0].special_cause);
  EXPECT_FALSE(c.variation.has_value());
  EXPECT_EQ(c.assurance, SpcAssurance::kNone);
  EXPECT_TRUE(c.short_series);
}

TEST(SpcTest, NoPoints) {
  const SpcChart c = ChartOf(Series({}));
  EXPECT_FALSE(c.mean.has_value());
  EXPECT_TRUE(c.points.empty());
}

TEST(SpcTest, Assurance) {
  // kOutside's limits: 28.48 and -14.08.
  struct Case {
    SpcDirection direction;
    std::string target;
    SpcAssurance expected;
  } cases[] = {
      {SpcDirection::kUp, "30", SpcAssurance::kConsistentFail},
      {SpcDirection::kDown, "30", SpcAssurance::kConsistentPass},
      {SpcDirection::kUp, "-20", SpcAssurance::kConsistentPass},
      {SpcDirection::kDown, "-20", SpcAssurance::kConsistentFail},
      {SpcDirection::kUp, "28.48", SpcAssurance::kInconsistent},
      {SpcDirection::kDown, "-14.08", SpcAssurance::kInconsistent},
      {SpcDirection::kUp, "0", SpcAssurance::kInconsistent},
      {SpcDirection::kNeutral, "30", SpcAssurance::kNone},
  };
  for (const Case& k : cases) {
    SpcSeries s = Series(kOutside, k.direction);
    s.target = *ParseExactDecimal(k.target);
    EXPECT_EQ(ChartOf(s).assurance, k.expected)
        << SpcDirectionName(k.direction) << " " << k.target;
  }
  EXPECT_EQ(ChartOf(Series(kOutside, SpcDirection::kUp)).assurance,
            SpcAssurance::kNone);
}

TEST(SpcTest, ShortBelowTwelve) {
  EXPECT_TRUE(ChartOf(Series(std::vector<std::string>(11, "1"))).short_series);
  EXPECT_FALSE(ChartOf(Series(std::vector<std::string>(12, "1"))).short_series);
}

TEST(SpcTest, RulesAreData) {
  // Runs of 3: the last three 9s of 1 9 1 9 9 9 (mean 38/6) are one.
  SpcRules rules;
  rules.run_length = 3;
  auto charts = RunSpc({Series({"1", "9", "1", "9", "9", "9"})}, {}, rules);
  ASSERT_TRUE(charts.ok());
  EXPECT_THAT(Flags((*charts)[0], &SpcPoint::run),
              ElementsAreArray({false, false, false, true, true, true}));
}

TEST(SpcTest, Errors) {
  SpcSeries s = Series({"1", "2"});
  s.name = "beds";
  s.months[1] = s.months[0];
  EXPECT_THAT(RunSpc({s}, {}, SpcRules{}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("series 'beds': month 2024-04: not after "
                                 "2024-04")));
  SpcOptions options;
  options.fix_after = 1;
  EXPECT_THAT(
      RunSpc({Series({"1"})}, options, SpcRules{}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fix_after")));
  // 2 x 10^9 at 9 places is beyond 2^60 units.
  SpcSeries big = Series({"2000000000", "0.000000001"});
  big.name = "big";
  EXPECT_THAT(RunSpc({big}, {}, SpcRules{}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("series 'big': month 2024-04: value")));
}

TEST(SpcTest, CheckGivesRunSpcsError) {
  SpcSeries s = Series({"1", "2"});
  s.name = "beds";
  s.months[1] = s.months[0];
  SpcSeries big = Series({"2000000000", "0.000000001"});
  big.name = "big";
  // Target 2 x 10^9 at the values' 9 places: beyond 2^60 units.
  SpcSeries target = Series({"1", "0.000000001"});
  target.target = ExactDecimal{2000000000, 0};
  SpcSeries lengths = Series({"1", "2"});
  lengths.values.pop_back();
  for (const SpcSeries& bad : {s, big, target, lengths}) {
    const absl::Status run = RunSpc({bad}, {}, SpcRules{}).status();
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(CheckSpcSeries(bad), run);
  }
  EXPECT_TRUE(CheckSpcSeries(Series({"1", "2.5"})).ok());
  EXPECT_TRUE(CheckSpcSeries(SpcSeries{}).ok());
}

TEST(SpcRulesTest, DefaultsValidationAndDiff) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  const SpcRules& spc = (*rules)->spc();
  EXPECT_EQ(spc.limit_milli, 2660);
  EXPECT_EQ(spc.near_numerator, 2);
  EXPECT_EQ(spc.near_denominator, 3);
  EXPECT_EQ(spc.screen_milli, 3267);
  EXPECT_EQ(spc.run_length, 7);
  EXPECT_EQ(spc.trend_length, 7);
  EXPECT_EQ(spc.short_below, 12);
  EXPECT_FALSE(spc.source.empty());

  // The default text with one spc field changed.
  auto with = [](const std::string& from, const std::string& to) {
    std::string text(DefaultRuleSetText());
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return ParseRuleSetText(text.replace(at, from.size(), to));
  };
  EXPECT_THAT(with("run_length: 7", "run_length: 1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("spc.run_length")));
  EXPECT_THAT(with("screen_milli: 3267", "screen_milli: 1000"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("spc.screen_milli")));
  auto eight = with("run_length: 7", "run_length: 8");
  ASSERT_TRUE(eight.ok()) << eight.status();
  EXPECT_EQ((*eight)->spc().run_length, 8);
  EXPECT_EQ((*eight)->spc().limit_milli, 2660);
  bool found = false;
  for (const RuleSetDifference& d : DiffRuleSets(**rules, **eight)) {
    if (d.section == "spc" && d.key == "run_length") {
      EXPECT_EQ(d.a, "7");
      EXPECT_EQ(d.b, "8");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(ExactDecimalTest, ParseAndFormat) {
  EXPECT_EQ(ParseExactDecimal("-12.50")->units, -1250);
  EXPECT_EQ(ParseExactDecimal("-12.50")->places, 2);
  EXPECT_EQ(ParseExactDecimal(".5")->units, 5);
  EXPECT_FALSE(ParseExactDecimal("").ok());
  EXPECT_FALSE(ParseExactDecimal("1e3").ok());
  EXPECT_FALSE(ParseExactDecimal("-").ok());
  EXPECT_FALSE(ParseExactDecimal("0.0000000001").ok());  // 10 places
  EXPECT_EQ(FormatExactDecimal({-5, 2}, 4), "-0.0500");
  EXPECT_EQ(FormatExactDecimal({316000, 3}, 4), "316.0000");
  EXPECT_EQ(FormatExactDecimal({7, 0}, 0), "7");
}

}  // namespace
}  // namespace mhpbr
