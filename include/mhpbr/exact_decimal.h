// A decimal figure held exactly as written: `units` x 10^-places, so
// "12.50" is {1250, 2} and "-3" is {-3, 0}. For inputs that arrive as
// decimals (an SPC series' values and target) and must compare exactly.
//
//   absl::StatusOr<mhpbr::ExactDecimal> d = mhpbr::ParseExactDecimal("-0.25");
//   mhpbr::FormatExactDecimal(*d, 4);  // "-0.2500"

#ifndef MHPBR_EXACT_DECIMAL_H_
#define MHPBR_EXACT_DECIMAL_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

struct ExactDecimal {
  int64_t units = 0;
  int places = 0;  // 0 to kMaxDecimalPlaces
};

inline constexpr int kMaxDecimalPlaces = 9;
// Largest |units| a decimal may have once scaled to a series' places, so
// that sums and cross products of a million of them fit in 128 bits.
inline constexpr int64_t kMaxDecimalUnits = int64_t{1} << 60;

// An optional sign, digits, optionally a point and up to 9 more digits
// ("12", "-0.5", "3.", ".25" are read; "1e3", "", "+" are not), with
// |units| below kMaxDecimalUnits. The error says what was expected.
absl::StatusOr<ExactDecimal> ParseExactDecimal(absl::string_view text);

// `d` rescaled to `places` (>= d.places); an error when it would not fit
// below kMaxDecimalUnits.
absl::StatusOr<int64_t> ScaleDecimal(ExactDecimal d, int places);

// Written with exactly `places` decimals (>= d.places), zeros appended.
std::string FormatExactDecimal(ExactDecimal d, int places);

}  // namespace mhpbr

#endif  // MHPBR_EXACT_DECIMAL_H_
