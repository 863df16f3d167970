// Money is integer pence (int64_t); rates, shares and factors are integers
// in parts per million. Arithmetic stays exact in 128-bit integers until
// the one rounding step of each figure, and that step is `RoundDiv`, which
// everything in mhpbr that divides money calls.
//
//   // 13 minutes at 5200 p/hour with 18% overhead: 1329.47 -> 1329 p
//   absl::StatusOr<int64_t> p = mhpbr::RoundDiv(
//       mhpbr::Int128{13} * 5200 * (mhpbr::kPpm + 180000), 60 * mhpbr::kPpm);

#ifndef MHPBR_MONEY_H_
#define MHPBR_MONEY_H_

#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"

namespace mhpbr {

// Exact intermediates for money (Abseil's portable 128-bit integer).
using Int128 = absl::int128;

inline constexpr int64_t kPpm = 1000000;

// numerator / denominator rounded half away from zero (2.5 -> 3,
// -2.5 -> -3). Errors when the denominator is 0 or the result does not fit
// in 64 bits: an amount is never wrapped.
absl::StatusOr<int64_t> RoundDiv(Int128 numerator, Int128 denominator);

// Pence as pounds for people: 123456 -> "1234.56", -5 -> "-0.05".
std::string FormatPounds(int64_t pence);

// A decimal from an exact fraction, rounded half away from zero to
// `places` decimal places (for statistics written to files).
std::string FormatDecimal(Int128 numerator, Int128 denominator, int places);

}  // namespace mhpbr

#endif  // MHPBR_MONEY_H_
