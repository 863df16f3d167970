#include "mhpbr/classification.h"

#include <cstdlib>

#include "absl/strings/numbers.h"

namespace mhpbr {

absl::string_view VarianceReasonName(VarianceReason r) {
  switch (r) {
    case VarianceReason::kNone:
      return "";
    case VarianceReason::kNoFit:
      return "no_fit";
    case VarianceReason::kTooFewKnown:
      return "too_few_known";
  }
  return "";
}

std::string FormatFit(int64_t fit_milli) {
  char buf[kMaxFitBytes];
  return std::string(buf, static_cast<size_t>(WriteFit(fit_milli, buf) - buf));
}

char* WriteFit(int64_t fit_milli, char* out) {
  const bool negative = fit_milli < 0;
  // Magnitude in unsigned so the most negative value cannot overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fit_milli)
                                      : static_cast<uint64_t>(fit_milli);
  if (negative) *out++ = '-';
  out = absl::numbers_internal::FastIntToBuffer(magnitude / 1000, out);
  uint64_t frac = magnitude % 1000;
  if (frac != 0) {
    *out++ = '.';
    for (int i = 0; i < 3 && frac != 0; ++i) {  // no trailing zeros
      *out++ = static_cast<char>('0' + frac / 100);
      frac = frac % 100 * 10;
    }
  }
  return out;
}

}  // namespace mhpbr
