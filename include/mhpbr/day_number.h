// A date as a count of days from 1970-01-01, for records that hold many
// dates: 4 bytes where an absl::CivilDay takes 16, ordered as the dates
// are, and turned back without absl's normalising arithmetic (the
// conversions are H. Hinnant's days_from_civil and civil_from_days, exact
// for every date of the proleptic Gregorian calendar within about five
// million years of 1970).
//
//   int32_t n = mhpbr::DayNumber(absl::CivilDay(2024, 3, 31));  // 19813
//   absl::CivilDay d = mhpbr::DayOfNumber(n);

#ifndef MHPBR_DAY_NUMBER_H_
#define MHPBR_DAY_NUMBER_H_

#include <cstdint>

#include "absl/time/civil_time.h"

namespace mhpbr {

inline int32_t DayNumber(absl::CivilDay day) {
  const int m = day.month();
  // Years counted from March, so that a leap day ends its year.
  const int64_t y = day.year() - (m <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year =
      (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day.day() - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

inline absl::CivilDay DayOfNumber(int32_t number) {
  const int64_t z = int64_t{number} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return absl::CivilDay(year_of_era + era * 400 + (month <= 2), month, day);
}

}  // namespace mhpbr

#endif  // MHPBR_DAY_NUMBER_H_
