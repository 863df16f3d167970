// Dates as day numbers (day_number.h): counted from 1970-01-01, ordered as
// the dates, and back again, checked against absl's day arithmetic.

#include "mhpbr/day_number.h"

#include "gtest/gtest.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::D;

// 2024-01-01 is 19,723 days on (54 years, 13 of them leap); 2024-03-31 a
// further 31 + 29 + 30 = 90.
TEST(DayNumber, CountsFrom1970) {
  EXPECT_EQ(DayNumber(D(1970, 1, 1)), 0);
  EXPECT_EQ(DayNumber(D(1969, 12, 31)), -1);
  EXPECT_EQ(DayNumber(D(2024, 1, 1)), 19723);
  EXPECT_EQ(DayNumber(D(2024, 3, 31)), 19813);
  // 2000-01-01 is 10,957; its leap day 31 + 28 on.
  EXPECT_EQ(DayNumber(D(2000, 2, 29)), 11016);
  EXPECT_EQ(DayOfNumber(19813), D(2024, 3, 31));
  EXPECT_EQ(DayOfNumber(-1), D(1969, 12, 31));
}

// Every day from 1800 (the earliest a file's date may be) to 2200, and
// the ends of the range a year can be written in.
TEST(DayNumber, RoundTripsAndOrdersAsDates) {
  const absl::CivilDay epoch(1970, 1, 1);
  int32_t previous = DayNumber(D(1800, 1, 1)) - 1;
  for (absl::CivilDay day = D(1800, 1, 1); day <= D(2200, 12, 31); ++day) {
    const int32_t n = DayNumber(day);
    ASSERT_EQ(n, day - epoch) << day;
    ASSERT_EQ(n, previous + 1) << day;
    ASSERT_EQ(DayOfNumber(n), day) << n;
    previous = n;
  }
  for (absl::CivilDay day :
       {absl::CivilDay(1, 1, 1), absl::CivilDay(9999, 12, 31),
        absl::CivilDay(-400, 2, 29)}) {
    EXPECT_EQ(DayNumber(day), day - epoch) << day;
    EXPECT_EQ(DayOfNumber(DayNumber(day)), day) << day;
  }
}

}  // namespace
}  // namespace mhpbr
