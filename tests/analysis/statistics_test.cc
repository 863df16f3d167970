// The report's descriptive statistics (mhpbr/statistics.h): type-7
// quantiles, mean and sample standard deviation, and fixed-point
// formatting. Every expected value is worked out by hand in the comments.

#include "mhpbr/statistics.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace mhpbr {
namespace {

constexpr long double kTol = 1e-12L;

// Type 7: h = (n - 1) * p, j = floor(h), x[j] + (h - j) * (x[j+1] - x[j]).
TEST(AnalysisQuantile7Test, FourValues) {
  const std::vector<long double> v = {1, 2, 3, 4};
  // n - 1 = 3.
  EXPECT_NEAR(Quantile7(v, 0.0L), 1.0L, kTol);    // h 0
  EXPECT_NEAR(Quantile7(v, 0.05L), 1.15L, kTol);  // h 0.15: 1 + 0.15
  EXPECT_NEAR(Quantile7(v, 0.25L), 1.75L, kTol);  // h 0.75: 1 + 0.75
  EXPECT_NEAR(Quantile7(v, 0.5L), 2.5L, kTol);    // h 1.5: 2 + 0.5
  EXPECT_NEAR(Quantile7(v, 0.75L), 3.25L, kTol);  // h 2.25: 3 + 0.25
  EXPECT_NEAR(Quantile7(v, 0.95L), 3.85L, kTol);  // h 2.85: 3 + 0.85
  EXPECT_NEAR(Quantile7(v, 1.0L), 4.0L, kTol);    // h 3: the last
}

TEST(AnalysisQuantile7Test, UnevenGaps) {
  // {50, 100, 300}: n - 1 = 2.
  const std::vector<long double> v = {50, 100, 300};
  EXPECT_NEAR(Quantile7(v, 0.05L), 55.0L, kTol);   // h 0.1: 50 + 0.1 * 50
  EXPECT_NEAR(Quantile7(v, 0.25L), 75.0L, kTol);   // h 0.5: 50 + 0.5 * 50
  EXPECT_NEAR(Quantile7(v, 0.5L), 100.0L, kTol);   // h 1: exactly x[1]
  EXPECT_NEAR(Quantile7(v, 0.75L), 200.0L, kTol);  // h 1.5: 100 + 0.5 * 200
  EXPECT_NEAR(Quantile7(v, 0.95L), 280.0L, kTol);  // h 1.9: 100 + 0.9 * 200
}

TEST(AnalysisQuantile7Test, SingleValueIsEveryQuantile) {
  const std::vector<long double> v = {7};
  for (long double p : {0.0L, 0.05L, 0.25L, 0.5L, 0.75L, 0.95L, 1.0L}) {
    EXPECT_EQ(Quantile7(v, p), 7.0L) << "p " << static_cast<double>(p);
  }
}

TEST(AnalysisQuantile7Test, TwoValues) {
  // n - 1 = 1, so h = p: 10 + p * 10.
  const std::vector<long double> v = {10, 20};
  EXPECT_NEAR(Quantile7(v, 0.0L), 10.0L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.05L), 10.5L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.25L), 12.5L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.5L), 15.0L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.75L), 17.5L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.95L), 19.5L, kTol);
  EXPECT_NEAR(Quantile7(v, 1.0L), 20.0L, kTol);
}

TEST(AnalysisQuantile7Test, TiesAndExactOrderStatistics) {
  // {1, 2, 3, 4, 5}: n - 1 = 4; p 0.75 gives h 3 exactly, x[3] = 4.
  const std::vector<long double> v = {1, 2, 3, 4, 5};
  EXPECT_NEAR(Quantile7(v, 0.75L), 4.0L, kTol);
  EXPECT_NEAR(Quantile7(v, 0.5L), 3.0L, kTol);
  // Equal values interpolate to themselves.
  const std::vector<long double> same = {4, 4, 4, 4};
  EXPECT_EQ(Quantile7(same, 0.05L), 4.0L);
  EXPECT_EQ(Quantile7(same, 0.95L), 4.0L);
}

TEST(AnalysisDescribeValuesTest, MeanSampleSdAndCv) {
  // {2, 4, 4, 4, 5, 5, 7, 9}: sum 40, n 8, mean 5; squared deviations
  // 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; sample variance 32 / 7;
  // sd = sqrt(32/7) = 2.13808993529939...; cv = sd / 5 = 0.42761798705987...
  const std::vector<long double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  const Describe d = DescribeValues(v);
  EXPECT_EQ(d.n, 8u);
  EXPECT_NEAR(d.mean, 5.0L, kTol);
  ASSERT_TRUE(d.sd.has_value());
  EXPECT_NEAR(*d.sd, 2.13808993529939L, 1e-12L);
  ASSERT_TRUE(d.cv.has_value());
  EXPECT_NEAR(*d.cv, 0.427617987059879L, 1e-12L);
}

TEST(AnalysisDescribeValuesTest, TwoValues) {
  // {10, 15}: mean 12.5; squared deviations 6.25 + 6.25 = 12.5 over n - 1 =
  // 1: sd = sqrt(12.5) = 3.53553390593274; cv = 0.282842712474619.
  const std::vector<long double> v = {10, 15};
  const Describe d = DescribeValues(v);
  EXPECT_EQ(d.n, 2u);
  EXPECT_NEAR(d.mean, 12.5L, kTol);
  ASSERT_TRUE(d.sd.has_value());
  EXPECT_NEAR(*d.sd, 3.53553390593274L, 1e-12L);
  ASSERT_TRUE(d.cv.has_value());
  EXPECT_NEAR(*d.cv, 0.282842712474619L, 1e-12L);
}

TEST(AnalysisDescribeValuesTest, OneValueHasNoSdOrCv) {
  const std::vector<long double> v = {5};
  const Describe d = DescribeValues(v);
  EXPECT_EQ(d.n, 1u);
  EXPECT_EQ(d.mean, 5.0L);
  EXPECT_FALSE(d.sd.has_value());
  EXPECT_FALSE(d.cv.has_value());
}

TEST(AnalysisDescribeValuesTest, MeanZeroHasSdButNoCv) {
  // {-1, 1}: mean 0; squared deviations 1 + 1 = 2 over 1: sd sqrt(2).
  const std::vector<long double> v = {-1, 1};
  const Describe d = DescribeValues(v);
  EXPECT_EQ(d.mean, 0.0L);
  ASSERT_TRUE(d.sd.has_value());
  EXPECT_NEAR(*d.sd, 1.41421356237310L, 1e-12L);
  EXPECT_FALSE(d.cv.has_value());
  // All zeros: sd 0, and still no cv (mean 0).
  const std::vector<long double> zeros = {0, 0, 0};
  const Describe z = DescribeValues(zeros);
  ASSERT_TRUE(z.sd.has_value());
  EXPECT_EQ(*z.sd, 0.0L);
  EXPECT_FALSE(z.cv.has_value());
}

TEST(AnalysisDescribeValuesTest, EqualValuesHaveSdZeroAndCvZero) {
  // {40, 40, 40, 40}: mean 40, no deviation: sd 0, cv 0 / 40 = 0.
  const std::vector<long double> v = {40, 40, 40, 40};
  const Describe d = DescribeValues(v);
  EXPECT_EQ(d.mean, 40.0L);
  ASSERT_TRUE(d.sd.has_value());
  EXPECT_EQ(*d.sd, 0.0L);
  ASSERT_TRUE(d.cv.has_value());
  EXPECT_EQ(*d.cv, 0.0L);
}

TEST(AnalysisDescribeValuesTest, Empty) {
  const Describe d = DescribeValues({});
  EXPECT_EQ(d.n, 0u);
  EXPECT_EQ(d.mean, 0.0L);
  EXPECT_FALSE(d.sd.has_value());
  EXPECT_FALSE(d.cv.has_value());
}

TEST(AnalysisFormatFixedTest, DefaultFourPlaces) {
  EXPECT_EQ(FormatFixed(0), "0.0000");
  EXPECT_EQ(FormatFixed(0.8L), "0.8000");
  EXPECT_EQ(FormatFixed(1.23456L), "1.2346");
  EXPECT_EQ(FormatFixed(-1.5L), "-1.5000");
  EXPECT_EQ(FormatFixed(123456789), "123456789.0000");
  // 2/3 = 0.66666...: rounds up at the fourth place.
  EXPECT_EQ(FormatFixed(2.0L / 3), "0.6667");
}

TEST(AnalysisFormatFixedTest, RoundsHalfAwayFromZero) {
  // Values exactly representable in binary, so the half is a true half.
  // 1/32 = 0.03125: 312.5 ten-thousandths -> 313.
  EXPECT_EQ(FormatFixed(0.03125L), "0.0313");
  EXPECT_EQ(FormatFixed(-0.03125L), "-0.0313");
  // 0.125 at 2 places: 12.5 hundredths -> 13 (half-even would give 12).
  EXPECT_EQ(FormatFixed(0.125L, 2), "0.13");
  EXPECT_EQ(FormatFixed(-0.125L, 2), "-0.13");
  // 0.375 at 2 places: 37.5 -> 38 (half-even agrees; half-down would not).
  EXPECT_EQ(FormatFixed(0.375L, 2), "0.38");
  // Whole numbers: 2.5 -> 3, -2.5 -> -3, 0.5 -> 1 (half-even: 2, -2, 0).
  EXPECT_EQ(FormatFixed(2.5L, 0), "3");
  EXPECT_EQ(FormatFixed(-2.5L, 0), "-3");
  EXPECT_EQ(FormatFixed(0.5L, 0), "1");
  EXPECT_EQ(FormatFixed(1234567.5L, 0), "1234568");
  // One place, as the report's percentages: 62.5 -> "62.5"; 12.25 -> 12.3.
  EXPECT_EQ(FormatFixed(62.5L, 1), "62.5");
  EXPECT_EQ(FormatFixed(12.25L, 1), "12.3");
}

TEST(AnalysisFormatFixedTest, NoNegativeZero) {
  EXPECT_EQ(FormatFixed(-0.0L), "0.0000");
  // -2^-15 = -0.000030517578125 rounds to zero at 4 places.
  EXPECT_EQ(FormatFixed(-0.000030517578125L), "0.0000");
  EXPECT_EQ(FormatFixed(-0.004L, 2), "0.00");
  EXPECT_EQ(FormatFixed(-0.25L, 0), "0");
  // A small negative that does not round to zero keeps its sign.
  EXPECT_EQ(FormatFixed(-0.0001L), "-0.0001");
}

}  // namespace
}  // namespace mhpbr
