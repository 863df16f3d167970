// Measured outcome indicators, as `mhpbr outcomes --indicators` writes
// them and pricing pays on them (outcomes.md "Indicators" and "Paying on
// indicators"): a numerator, a denominator and the value in ppm, empty when
// the denominator is 0.
//
//   absl::StatusOr<std::vector<mhpbr::MeasuredIndicator>> m =
//       mhpbr::ReadIndicatorCsv(file, path);
//   auto st = mhpbr::PriceContract(periods, one_offs, tariff, contract,
//                                  *rules, *m);

#ifndef MHPBR_MEASURED_INDICATOR_H_
#define MHPBR_MEASURED_INDICATOR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mhpbr {

struct MeasuredIndicator {
  // One of IndicatorNames().
  std::string name;
  int64_t numerator = 0;
  int64_t denominator = 0;
  // 0..1000000; none when the denominator is 0 (nothing to measure).
  std::optional<int64_t> value_ppm = std::nullopt;
  // Where it came from (line of a file, position + 1 of a request).
  int64_t line = 0;
};

// The indicators outcomes.md defines, in its order: valid_mhct_at_allocation,
// paired_completeness, reliably_improved, reviews_on_time, follow_up_7_days.
absl::Span<const absl::string_view> IndicatorNames();
bool IsIndicatorName(absl::string_view name);

// The names above joined with ", " (for error messages).
std::string IndicatorNameList();

// One indicator on its own: a known name, numerator and denominator not
// below 0, a value within 0..1000000. The message starts with the field
// ("value_ppm: 1000001 is not within 0..1000000").
absl::Status ValidateIndicator(const MeasuredIndicator& indicator);

}  // namespace mhpbr

#endif  // MHPBR_MEASURED_INDICATOR_H_
