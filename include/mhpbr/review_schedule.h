// When a cluster's review falls due: the start (or last review) plus the
// cluster's maximum review period. Weeks add 7-day blocks; months add
// calendar months, clamped to the month's end (31 Jan + 1 month = 28 or 29
// Feb).
//
//   absl::CivilDay due = mhpbr::AddReviewPeriod(start, info.max_review);

#ifndef MHPBR_REVIEW_SCHEDULE_H_
#define MHPBR_REVIEW_SCHEDULE_H_

#include <cstdint>

#include "absl/time/civil_time.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

absl::CivilDay AddReviewPeriod(absl::CivilDay from, const ReviewPeriod& period);

// `months` calendar months after `day`, clamped to the month's end.
absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months);

// A review period as a whole number of days, for pricing and tariffs:
// weeks * 7, or months * 365 / 12 rounded half away from zero (6 months =
// 182.5 -> 183 days).
int ReviewLengthDays(const ReviewPeriod& period);

// Days from `due` to `last_day`, or 0 when `last_day` is not later.
inline int64_t OverdueDays(absl::CivilDay due, absl::CivilDay last_day) {
  return last_day > due ? last_day - due : 0;
}

}  // namespace mhpbr

#endif  // MHPBR_REVIEW_SCHEDULE_H_
