#include "mhpbr/review_schedule.h"

namespace mhpbr {

absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months) {
  // CivilMonth arithmetic is exact; only the day needs clamping.
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  const absl::CivilDay first(target);
  const int last = static_cast<int>(absl::CivilDay(target + 1) - first);
  return first + (day.day() <= last ? day.day() : last) - 1;
}

absl::CivilDay AddReviewPeriod(absl::CivilDay from,
                               const ReviewPeriod& period) {
  return period.unit == ReviewPeriod::Unit::kWeeks
             ? from + 7 * period.count
             : AddMonthsClamped(from, period.count);
}

int ReviewLengthDays(const ReviewPeriod& period) {
  if (period.unit == ReviewPeriod::Unit::kWeeks) return 7 * period.count;
  // Half away from zero of count * 365 / 12 (count is positive).
  return (period.count * 365 * 2 + 12) / 24;
}

}  // namespace mhpbr
