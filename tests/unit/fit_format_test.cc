// Fit scores in thousandths (kFitScale) written as the decimal a person
// reads, and the variance reasons' names (formats.md, classify).

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"
#include "mhpbr/classification.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {
namespace {

TEST(FitFormatTest, WholeNumbersHaveNoDecimals) {
  EXPECT_EQ(kFitScale, 1000);
  EXPECT_EQ(FormatFit(0), "0");
  EXPECT_EQ(FormatFit(37000), "37");
  EXPECT_EQ(FormatFit(-2000), "-2");
  EXPECT_EQ(FormatFit(1000000), "1000");
}

TEST(FitFormatTest, FractionsLoseTrailingZeros) {
  EXPECT_EQ(FormatFit(2500), "2.5");
  EXPECT_EQ(FormatFit(-1250), "-1.25");
  EXPECT_EQ(FormatFit(-500), "-0.5");
  EXPECT_EQ(FormatFit(1), "0.001");
  EXPECT_EQ(FormatFit(-1), "-0.001");
  EXPECT_EQ(FormatFit(10), "0.01");
  EXPECT_EQ(FormatFit(12050), "12.05");
  EXPECT_EQ(FormatFit(-37125), "-37.125");
}

TEST(FitFormatTest, ExtremesDoNotOverflow) {
  EXPECT_EQ(FormatFit(std::numeric_limits<int64_t>::min()),
            "-9223372036854775.808");
  EXPECT_EQ(FormatFit(std::numeric_limits<int64_t>::max()),
            "9223372036854775.807");
}

TEST(FitFormatTest, VarianceReasonNames) {
  EXPECT_EQ(VarianceReasonName(VarianceReason::kNone), "");
  EXPECT_EQ(VarianceReasonName(VarianceReason::kNoFit), "no_fit");
  EXPECT_EQ(VarianceReasonName(VarianceReason::kTooFewKnown), "too_few_known");
}

}  // namespace
}  // namespace mhpbr
