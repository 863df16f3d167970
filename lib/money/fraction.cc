#include "mhpbr/fraction.h"

#include <utility>

namespace mhpbr {
namespace {

absl::uint128 Magnitude(Int128 x) {
  return x < 0 ? absl::uint128(0) - absl::uint128(x) : absl::uint128(x);
}

absl::uint128 Gcd(absl::uint128 a, absl::uint128 b) {
  while (b != 0) {
    absl::uint128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// The full 256-bit product of two unsigned 128-bit values, as (high, low).
std::pair<absl::uint128, absl::uint128> Mul256(absl::uint128 a,
                                               absl::uint128 b) {
  const uint64_t a0 = absl::Uint128Low64(a), a1 = absl::Uint128High64(a);
  const uint64_t b0 = absl::Uint128Low64(b), b1 = absl::Uint128High64(b);
  const absl::uint128 p00 = absl::uint128(a0) * b0;
  const absl::uint128 p01 = absl::uint128(a0) * b1;
  const absl::uint128 p10 = absl::uint128(a1) * b0;
  const absl::uint128 p11 = absl::uint128(a1) * b1;
  // Middle column: the high half of p00 plus the low halves of p01 and p10.
  const absl::uint128 mid = absl::uint128(absl::Uint128High64(p00)) +
                            absl::Uint128Low64(p01) + absl::Uint128Low64(p10);
  const absl::uint128 low =
      (mid << 64) | absl::uint128(absl::Uint128Low64(p00));
  const absl::uint128 high = p11 + absl::Uint128High64(p01) +
                             absl::Uint128High64(p10) +
                             absl::Uint128High64(mid);
  return {high, low};
}

}  // namespace

Fraction Fraction::Of(Int128 num, Int128 den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const absl::uint128 g = Gcd(Magnitude(num), Magnitude(den));
  if (g > 1) {
    num /= static_cast<Int128>(g);
    den /= static_cast<Int128>(g);
  }
  return Fraction{num, den};
}

Fraction operator+(const Fraction& a, const Fraction& b) {
  return Fraction::Of(a.num * b.den + b.num * a.den, a.den * b.den);
}

Fraction operator-(const Fraction& a, const Fraction& b) {
  return Fraction::Of(a.num * b.den - b.num * a.den, a.den * b.den);
}

Fraction operator*(const Fraction& a, const Fraction& b) {
  return Fraction::Of(a.num * b.num, a.den * b.den);
}

int Fraction::Compare(const Fraction& a, const Fraction& b) {
  // Denominators are positive, so compare a.num * b.den with b.num * a.den.
  const int sa = a.num < 0 ? -1 : (a.num > 0 ? 1 : 0);
  const int sb = b.num < 0 ? -1 : (b.num > 0 ? 1 : 0);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  const auto left = Mul256(Magnitude(a.num), Magnitude(b.den));
  const auto right = Mul256(Magnitude(b.num), Magnitude(a.den));
  int c = left < right ? -1 : (left == right ? 0 : 1);
  return sa > 0 ? c : -c;
}

long double Fraction::ToLongDouble() const {
  return static_cast<long double>(num) / static_cast<long double>(den);
}

}  // namespace mhpbr
