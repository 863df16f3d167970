#include "mhpbr/measured_indicator.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/util/shown_text.h"

namespace mhpbr {
namespace {

constexpr std::array<absl::string_view, 5> kNames = {
    "valid_mhct_at_allocation", "paired_completeness", "reliably_improved",
    "reviews_on_time", "follow_up_7_days"};

}  // namespace

absl::Span<const absl::string_view> IndicatorNames() { return kNames; }

bool IsIndicatorName(absl::string_view name) {
  for (absl::string_view n : kNames) {
    if (n == name) return true;
  }
  return false;
}

std::string IndicatorNameList() { return absl::StrJoin(kNames, ", "); }

absl::Status ValidateIndicator(const MeasuredIndicator& m) {
  if (!IsIndicatorName(m.name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "indicator: '", ShownText(m.name), "' is not an indicator (one of ",
        IndicatorNameList(), ")"));
  }
  if (m.numerator < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("numerator: ", m.numerator, " is below 0"));
  }
  if (m.denominator < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("denominator: ", m.denominator, " is below 0"));
  }
  if (m.value_ppm && (*m.value_ppm < 0 || *m.value_ppm > 1000000)) {
    return absl::InvalidArgumentError(
        absl::StrCat("value_ppm: ", *m.value_ppm, " is not within 0..1000000"));
  }
  return absl::OkStatus();
}

}  // namespace mhpbr
