// Exact non-integer figures (a cost per day, a quartile, a fence) as a
// fraction of 128-bit integers, kept in lowest terms with a positive
// denominator. Comparisons are exact (256-bit cross products), so a value
// that lies exactly on a fence is on it.

#ifndef MHPBR_FRACTION_H_
#define MHPBR_FRACTION_H_

#include <string>

#include "mhpbr/money.h"

namespace mhpbr {

struct Fraction {
  Int128 num = 0;
  Int128 den = 1;

  // REQUIRES: den != 0.
  static Fraction Of(Int128 num, Int128 den);

  // Results are reduced. REQUIRES: no intermediate beyond 128 bits (the
  // callers bound their inputs so that none is).
  friend Fraction operator+(const Fraction& a, const Fraction& b);
  friend Fraction operator-(const Fraction& a, const Fraction& b);
  friend Fraction operator*(const Fraction& a, const Fraction& b);

  // -1, 0 or 1 as a <, ==, > b; exact for any values.
  static int Compare(const Fraction& a, const Fraction& b);
  friend bool operator<(const Fraction& a, const Fraction& b) {
    return Compare(a, b) < 0;
  }
  friend bool operator==(const Fraction& a, const Fraction& b) {
    return Compare(a, b) == 0;
  }

  long double ToLongDouble() const;
  // Decimal rounded half away from zero to `places` places.
  std::string ToDecimal(int places) const {
    return FormatDecimal(num, den, places);
  }
};

}  // namespace mhpbr

#endif  // MHPBR_FRACTION_H_
