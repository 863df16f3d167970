#include "mhpbr/review_schedule.h"

#include <algorithm>
#include <cstdint>

namespace mhpbr {

absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months) {
  // The month by plain arithmetic and the clamp by the month's length:
  // absl's month and day arithmetic normalise through a day count, and a
  // national year's periods take this for every review date.
  const int64_t month_index = day.year() * 12 + (day.month() - 1) + months;
  int64_t year = month_index / 12;
  int month = static_cast<int>(month_index % 12);
  if (month < 0) {
    month += 12;
    --year;
  }
  ++month;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  const int last = kDays[month - 1] + (month == 2 && leap);
  return absl::CivilDay(year, month, std::min(day.day(), last));
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
