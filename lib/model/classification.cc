#include "mhpbr/classification.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

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
  const bool negative = fit_milli < 0;
  // Magnitude in unsigned so the most negative value cannot overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fit_milli)
                                      : static_cast<uint64_t>(fit_milli);
  std::string out = absl::StrCat(negative ? "-" : "", magnitude / 1000);
  uint64_t frac = magnitude % 1000;
  if (frac != 0) {
    std::string digits = absl::StrCat(frac + 1000).substr(1);  // 3 digits
    while (digits.back() == '0') digits.pop_back();
    absl::StrAppend(&out, ".", digits);
  }
  return out;
}

}  // namespace mhpbr
