// Money and exact fractions (pricing.md preamble): one rounding step, half
// away from zero, never a wrapped amount. Every expected value is worked
// by hand in the comment beside it.

#include "mhpbr/money.h"

#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/fraction.h"

namespace mhpbr {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t Div(Int128 n, Int128 d) {
  absl::StatusOr<int64_t> r = RoundDiv(n, d);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.value_or(-424242);
}

TEST(RoundDivTest, HalvesGoAwayFromZero) {
  EXPECT_EQ(Div(5, 2), 3);    // 2.5 -> 3
  EXPECT_EQ(Div(-5, 2), -3);  // -2.5 -> -3
  EXPECT_EQ(Div(1, 2), 1);    // 0.5 -> 1
  EXPECT_EQ(Div(-1, 2), -1);  // -0.5 -> -1
  EXPECT_EQ(Div(3, 2), 2);    // 1.5 -> 2
  EXPECT_EQ(Div(-3, 2), -2);  // -1.5 -> -2
}

TEST(RoundDivTest, NonHalvesGoToNearest) {
  EXPECT_EQ(Div(7, 3), 2);    // 2.333 -> 2
  EXPECT_EQ(Div(-7, 3), -2);  // -2.333 -> -2
  EXPECT_EQ(Div(8, 3), 3);    // 2.667 -> 3
  EXPECT_EQ(Div(-8, 3), -3);  // -2.667 -> -3
  EXPECT_EQ(Div(0, 7), 0);
  EXPECT_EQ(Div(6, 3), 2);
  // 1 / 3 just below a half: 0.333 -> 0; 499999 / 1000000 -> 0.
  EXPECT_EQ(Div(1, 3), 0);
  EXPECT_EQ(Div(499999, 1000000), 0);
  EXPECT_EQ(Div(500000, 1000000), 1);
}

TEST(RoundDivTest, NegativeDenominators) {
  EXPECT_EQ(Div(5, -2), -3);  // -2.5 -> -3
  EXPECT_EQ(Div(-5, -2), 3);  // 2.5 -> 3
  EXPECT_EQ(Div(7, -3), -2);  // -2.333 -> -2
  EXPECT_EQ(Div(-7, -3), 2);  // 2.333 -> 2
  EXPECT_EQ(Div(-8, -3), 3);  // 2.667 -> 3
}

TEST(RoundDivTest, TheSpecsWorkedContact) {
  // 13 min at 5200 p/h with 18% overhead: 13*5200*1.18/60 = 1329.4666 ->
  // 1329 (rounding the direct cost 1126.67 -> 1127 first would give 1330).
  EXPECT_EQ(Div(Int128{13} * 5200 * (kPpm + 180000), 60 * kPpm), 1329);
}

TEST(RoundDivTest, DivisionByZeroIsAnError) {
  absl::StatusOr<int64_t> r = RoundDiv(5, 0);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RoundDivTest, ExtremesThatFit) {
  EXPECT_EQ(Div(kMax, 1), kMax);
  EXPECT_EQ(Div(kMin, 1), kMin);  // INT64_MIN is exactly representable
  EXPECT_EQ(Div(Int128(kMin) * 2, 2), kMin);
  // -(2^64 - 1) / 2 = -(2^63 - 0.5) -> half away -> -2^63 = INT64_MIN.
  EXPECT_EQ(Div(-(Int128(kMax) * 2 + 1), 2), kMin);
  // (2^64 - 3) / 2 = 2^63 - 1.5 -> 2^63 - 1 = INT64_MAX.
  EXPECT_EQ(Div(Int128(kMax) * 2 - 1, 2), kMax);
}

TEST(RoundDivTest, OverflowIsOutOfRangeNeverWrapped) {
  // 2^63 does not fit.
  absl::StatusOr<int64_t> r = RoundDiv(Int128(kMax) + 1, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  // (2^64 - 1) / 2 = 2^63 - 0.5 rounds half away up to 2^63: out of range.
  r = RoundDiv(Int128(kMax) * 2 + 1, 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  // -2^63 - 1 does not fit either.
  r = RoundDiv(Int128(kMin) - 1, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  // -(2^63) / -1 = +2^63.
  r = RoundDiv(Int128(kMin), -1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  // The most negative 128-bit value.
  r = RoundDiv(std::numeric_limits<Int128>::min(), 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  r = RoundDiv(std::numeric_limits<Int128>::max(), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(FormatPoundsTest, PenceAsPounds) {
  EXPECT_EQ(FormatPounds(123456), "1234.56");
  EXPECT_EQ(FormatPounds(-5), "-0.05");
  EXPECT_EQ(FormatPounds(0), "0.00");
  EXPECT_EQ(FormatPounds(100), "1.00");
  EXPECT_EQ(FormatPounds(kMin), "-92233720368547758.08");
  EXPECT_EQ(FormatPounds(kMax), "92233720368547758.07");
}

TEST(FormatDecimalTest, RoundsHalfAwayToPlaces) {
  EXPECT_EQ(FormatDecimal(1, 3, 4), "0.3333");
  EXPECT_EQ(FormatDecimal(2, 3, 4), "0.6667");
  EXPECT_EQ(FormatDecimal(1, 8, 2), "0.13");    // 0.125 -> 0.13
  EXPECT_EQ(FormatDecimal(-1, 8, 2), "-0.13");  // -0.125 -> -0.13
  EXPECT_EQ(FormatDecimal(1, -3, 4), "-0.3333");
  EXPECT_EQ(FormatDecimal(-5, 1, 4), "-5.0000");
  EXPECT_EQ(FormatDecimal(5, 1, 0), "5");
  EXPECT_EQ(FormatDecimal(5, 2, 0), "3");  // 2.5 -> 3
  EXPECT_EQ(FormatDecimal(0, 7, 3), "0.000");
  // -0.001 to 2 places is zero: no "-0.00".
  EXPECT_EQ(FormatDecimal(-1, 1000, 2), "0.00");
  // 9.99995 -> 10.0000 (the carry crosses the point).
  EXPECT_EQ(FormatDecimal(999995, 100000, 4), "10.0000");
  // The spec's base daily cost 63210 / 254 = 248.85826...
  EXPECT_EQ(FormatDecimal(63210, 254, 4), "248.8583");
  // The fences of the worked example are whole: -5 and 515.
  EXPECT_EQ(FormatDecimal(-5, 1, 4), "-5.0000");
  EXPECT_EQ(FormatDecimal(515, 1, 4), "515.0000");
}

TEST(FractionTest, OfReducesAndNormalisesSign) {
  Fraction f = Fraction::Of(6, -4);
  EXPECT_EQ(f.num, -3);
  EXPECT_EQ(f.den, 2);
  f = Fraction::Of(-10, -5);
  EXPECT_EQ(f.num, 2);
  EXPECT_EQ(f.den, 1);
  f = Fraction::Of(0, -9);
  EXPECT_EQ(f.num, 0);
}

TEST(FractionTest, Arithmetic) {
  const Fraction a = Fraction::Of(1, 3), b = Fraction::Of(1, 6);
  EXPECT_TRUE(a + b == Fraction::Of(1, 2));
  EXPECT_TRUE(a - b == Fraction::Of(1, 6));
  EXPECT_TRUE(a * b == Fraction::Of(1, 18));
  // Type-7 Q1 of the worked example: 180 + (200 - 180) * 2/4 = 190.
  const Fraction q1 = Fraction{180, 1} + (Fraction{200, 1} - Fraction{180, 1}) *
                                             Fraction::Of(2, 4);
  EXPECT_TRUE(q1 == (Fraction{190, 1}));
  EXPECT_EQ(q1.ToDecimal(4), "190.0000");
}

TEST(FractionTest, CompareIsExactWhereDoublesCollide) {
  // 1 + 2^-62 and 1 + 1/(2^62 + 1) are both 1.0 as doubles; the first is
  // larger.
  const Int128 t62 = Int128(1) << 62;
  const Fraction a = Fraction::Of(t62 + 1, t62);
  const Fraction b = Fraction::Of(t62 + 2, t62 + 1);
  ASSERT_EQ(static_cast<double>(a.ToLongDouble()),
            static_cast<double>(b.ToLongDouble()));
  EXPECT_EQ(Fraction::Compare(a, b), 1);
  EXPECT_EQ(Fraction::Compare(b, a), -1);
  EXPECT_EQ(Fraction::Compare(a, a), 0);
  EXPECT_TRUE(b < a);
  EXPECT_FALSE(a < b);
  // Negated, the order flips.
  const Fraction na = Fraction::Of(-(t62 + 1), t62);
  const Fraction nb = Fraction::Of(-(t62 + 2), t62 + 1);
  EXPECT_EQ(Fraction::Compare(na, nb), -1);
  EXPECT_TRUE(na < nb);
}

TEST(FractionTest, CompareNeedsMoreThan128Bits) {
  // (2^100 + 1) / 2^100 against (2^100 + 2) / (2^100 + 1): the cross
  // products are about 2^200. The first exceeds the second by
  // 1 / (2^100 (2^100 + 1)).
  const Int128 t100 = Int128(1) << 100;
  const Fraction a = Fraction::Of(t100 + 1, t100);
  const Fraction b = Fraction::Of(t100 + 2, t100 + 1);
  EXPECT_EQ(Fraction::Compare(a, b), 1);
  EXPECT_EQ(Fraction::Compare(b, a), -1);
  // Equal values written differently compare equal (3/7 and 3k/7k, with
  // k = 2^90, both reduced on construction; compare unreduced too).
  const Int128 k = Int128(1) << 90;
  EXPECT_EQ(Fraction::Compare(Fraction{3, 7}, Fraction{3 * k, 7 * k}), 0);
  // Signs decide before magnitudes.
  EXPECT_EQ(Fraction::Compare(Fraction{-1, t100}, Fraction{0, 1}), -1);
  EXPECT_EQ(Fraction::Compare(Fraction{0, 1}, Fraction{1, t100}), -1);
  EXPECT_EQ(Fraction::Compare(Fraction{0, 5}, Fraction{0, 1}), 0);
}

}  // namespace
}  // namespace mhpbr
