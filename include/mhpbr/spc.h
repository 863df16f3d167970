// Statistical process control (spc.md): the "Making Data Count" XmR chart
// of monthly series, every point's mean, limits, rule flags and type and
// each series' variation and assurance icons. Everything is exact: values
// are decimals held as integers, and the mean, the mean moving range and
// the limits are rationals, so a value on the mean or on a limit is on it.
//
//   mhpbr::SpcSeries s;
//   s.name = "cost per day";
//   s.months = {absl::CivilMonth(2024, 4), absl::CivilMonth(2024, 5)};
//   s.values = {{1250, 1}, {1300, 1}};  // 125.0, 130.0
//   s.direction = mhpbr::SpcDirection::kDown;
//   absl::StatusOr<std::vector<mhpbr::SpcChart>> charts =
//       mhpbr::RunSpc({s}, {}, rules->spc());

#ifndef MHPBR_SPC_H_
#define MHPBR_SPC_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/exact_decimal.h"
#include "mhpbr/fraction.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// Which way is better; neutral when neither is.
enum class SpcDirection { kNeutral, kUp, kDown };
// "neutral", "up", "down".
absl::string_view SpcDirectionName(SpcDirection d);
absl::StatusOr<SpcDirection> ParseSpcDirection(absl::string_view text);

// One monthly series. Months strictly rising (gaps allowed: a month with no
// value is simply not given); values and the target may have different
// decimal places, and are compared at the most places any of them has.
struct SpcSeries {
  std::string name;
  std::vector<absl::CivilMonth> months;
  std::vector<ExactDecimal> values;  // one per month
  SpcDirection direction = SpcDirection::kNeutral;
  std::optional<ExactDecimal> target = {};
};

struct SpcOptions {
  // The baseline is the first `fix_after` points (at least 2); none = all.
  std::optional<int> fix_after = {};
  // Screen outlying moving ranges out of the mean moving range.
  bool screen = true;
};

enum class SpcPointType {
  kCommonCause,
  kImprovement,  // special cause on the better side (direction up/down)
  kConcern,      // special cause otherwise (direction up/down)
  kHigh,         // special cause above the mean (direction neutral)
  kLow,          // special cause on or below the mean (direction neutral)
};
// "common_cause", "special_cause_improvement", "special_cause_concern",
// "special_cause_high", "special_cause_low".
absl::string_view SpcPointTypeName(SpcPointType t);

enum class SpcAssurance {
  kNone,  // no target, direction neutral, or no limits
  kConsistentPass,
  kConsistentFail,
  kInconsistent,
};
// "", "consistent_pass", "consistent_fail", "inconsistent".
absl::string_view SpcAssuranceName(SpcAssurance a);

struct SpcPoint {
  absl::CivilMonth month;
  ExactDecimal value;  // at the series' places
  Fraction mean;
  std::optional<Fraction> lpl, upl;  // none for a series of one point
  int side = 0;                      // 1 above the mean, -1 below, 0 on it
  bool outside = false;
  bool run = false;
  bool trend = false;
  bool two_in_three = false;
  bool special_cause = false;
  SpcPointType type = SpcPointType::kCommonCause;
};

struct SpcChart {
  std::string name;
  // The most decimal places among the series' values and target: every
  // value is held at them, and figures are best written with at least them.
  int places = 0;
  std::vector<SpcPoint> points;
  std::optional<Fraction> mean;             // none for a series of no points
  std::optional<Fraction> lpl, upl;         // none for fewer than 2 points
  std::optional<ExactDecimal> target = {};  // at `places`
  SpcDirection direction = SpcDirection::kNeutral;
  bool short_series = false;  // fewer points than the rules' short_below
  // The last point's type; none for a series of one point.
  std::optional<SpcPointType> variation;
  SpcAssurance assurance = SpcAssurance::kNone;
};

// One chart per series, in the order given. Errors name the series (and
// month): no months, months and values of different lengths, a month not
// after the one before, fix_after below 2, a value too large to hold at the
// series' places, more than 2^20 points.
absl::StatusOr<std::vector<SpcChart>> RunSpc(absl::Span<const SpcSeries> series,
                                             const SpcOptions& options,
                                             const SpcRules& rules);

// The error RunSpc would give for `series` (none: it draws), without
// drawing it: a caller that writes each chart as it is drawn checks every
// series first, so that a bad one stops the run before anything is written.
absl::Status CheckSpcSeries(const SpcSeries& series);

// The figures' decimal places in files: at least 4, more when the series'
// values have more (so a value is written exactly).
inline int SpcFigurePlaces(const SpcChart& chart) {
  return chart.places > 4 ? chart.places : 4;
}

}  // namespace mhpbr

#endif  // MHPBR_SPC_H_
