#include "mhpbr/money.h"

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {

// |x| as unsigned, safe for the most negative value.
absl::uint128 Magnitude(Int128 x) {
  return x < 0 ? absl::uint128(0) - absl::uint128(x) : absl::uint128(x);
}

std::string ToDigits(absl::uint128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return std::string(s.rbegin(), s.rend());
}

// n / d rounded half away from zero, on magnitudes.
absl::uint128 RoundedQuotient(absl::uint128 n, absl::uint128 d) {
  absl::uint128 q = n / d;
  const absl::uint128 r = n % d;
  if (r >= d - r) ++q;  // r >= d/2, without overflow
  return q;
}

}  // namespace

absl::StatusOr<int64_t> RoundDiv(Int128 numerator, Int128 denominator) {
  if (denominator == 0) {
    return absl::InvalidArgumentError("division by zero in an amount");
  }
  // Most amounts fit in 63 bits: the same rounding in 64-bit arithmetic.
  constexpr int64_t kSmall = int64_t{1} << 62;
  if (numerator >= 0 && numerator < kSmall && denominator > 0 &&
      denominator < kSmall) {
    const uint64_t n = static_cast<uint64_t>(numerator);
    const uint64_t d = static_cast<uint64_t>(denominator);
    const uint64_t q = n / d, r = n % d;
    return static_cast<int64_t>(q + (r >= d - r ? 1 : 0));
  }
  const bool negative = (numerator < 0) != (denominator < 0);
  const absl::uint128 q =
      RoundedQuotient(Magnitude(numerator), Magnitude(denominator));
  const absl::uint128 max = std::numeric_limits<int64_t>::max();
  if (q > (negative ? max + 1 : max)) {
    return absl::OutOfRangeError(
        "amount does not fit in 64-bit pence (over 92 million million pounds)");
  }
  if (negative) {
    return q == max + 1 ? std::numeric_limits<int64_t>::min()
                        : -static_cast<int64_t>(q);
  }
  return static_cast<int64_t>(q);
}

std::string FormatPounds(int64_t pence) {
  const absl::uint128 m = Magnitude(pence);
  const int cents = static_cast<int>(m % 100);
  return absl::StrCat(pence < 0 ? "-" : "", ToDigits(m / 100), ".",
                      cents < 10 ? "0" : "", cents);
}

std::string FormatDecimal(Int128 numerator, Int128 denominator, int places) {
  if (denominator == 0) return "";
  absl::uint128 scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const bool negative = (numerator < 0) != (denominator < 0);
  const absl::uint128 q =
      RoundedQuotient(Magnitude(numerator) * scale, Magnitude(denominator));
  std::string frac = ToDigits(q % scale);
  while (static_cast<int>(frac.size()) < places) frac.insert(0, "0");
  std::string out =
      absl::StrCat(negative && q != 0 ? "-" : "", ToDigits(q / scale));
  if (places > 0) absl::StrAppend(&out, ".", frac);
  return out;
}

}  // namespace mhpbr
