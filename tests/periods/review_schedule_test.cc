// Review due dates (periods.md "Reviews"): weeks add 7-day blocks, months
// add calendar months clamped to the month's end; overdue days.

#include "mhpbr/review_schedule.h"

#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/rule_set_text.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::C;
using periods_test::D;

ReviewPeriod Weeks(int n) { return {n, ReviewPeriod::Unit::kWeeks}; }
ReviewPeriod Months(int n) { return {n, ReviewPeriod::Unit::kMonths}; }

TEST(PeriodStageReviewSchedule, MonthEndClampsToFebruary) {
  EXPECT_EQ(AddMonthsClamped(D(2023, 1, 31), 1), D(2023, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2024, 1, 31), 1), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2022, 8, 31), 6), D(2023, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2023, 8, 31), 6), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2022, 11, 30), 3), D(2023, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2023, 11, 30), 3), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2024, 2, 29), 12), D(2025, 2, 28));
}

// Century years: 2100 is not a leap year, 2000 is; and months back.
TEST(PeriodStageReviewSchedule, CenturiesAndMonthsBack) {
  EXPECT_EQ(AddMonthsClamped(D(2100, 1, 31), 1), D(2100, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2000, 1, 31), 1), D(2000, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2024, 3, 31), -1), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2024, 1, 15), -13), D(2022, 12, 15));
  EXPECT_EQ(AddMonthsClamped(D(2023, 12, 31), 14), D(2025, 2, 28));
}

// The month stepped by plain arithmetic agrees with absl's month arithmetic
// (the way it was computed before) on every day of 1999-2031 for steps of
// -3 to 36 months.
TEST(PeriodStageReviewSchedule, AgreesWithCivilMonthArithmetic) {
  const auto by_absl = [](absl::CivilDay day, int months) {
    const absl::CivilMonth target = absl::CivilMonth(day) + months;
    const absl::CivilDay first(target);
    const int last = static_cast<int>(absl::CivilDay(target + 1) - first);
    return first + (day.day() <= last ? day.day() : last) - 1;
  };
  for (absl::CivilDay day = D(1999, 1, 1); day <= D(2031, 12, 31); ++day) {
    for (int months = -3; months <= 36; ++months) {
      ASSERT_EQ(AddMonthsClamped(day, months), by_absl(day, months))
          << day << " + " << months;
    }
  }
}

TEST(PeriodStageReviewSchedule, MonthsOtherwiseKeepTheDay) {
  EXPECT_EQ(AddMonthsClamped(D(2023, 3, 31), 1), D(2023, 4, 30));
  EXPECT_EQ(AddMonthsClamped(D(2023, 5, 15), 6), D(2023, 11, 15));
  EXPECT_EQ(AddMonthsClamped(D(2023, 10, 31), 4), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2023, 12, 31), 1), D(2024, 1, 31));
  EXPECT_EQ(AddMonthsClamped(D(2024, 2, 29), 48), D(2028, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2024, 2, 28), 12), D(2025, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2023, 7, 1), 0), D(2023, 7, 1));
  // The clamp applies to the target month only: Feb 28 + 1 month = Mar 28.
  EXPECT_EQ(AddMonthsClamped(D(2023, 2, 28), 1), D(2023, 3, 28));
}

TEST(PeriodStageReviewSchedule, WeeksAreSevenDayBlocks) {
  EXPECT_EQ(AddReviewPeriod(D(2023, 12, 25), Weeks(4)), D(2024, 1, 22));
  // 84 days across a leap February, and across a common one.
  EXPECT_EQ(AddReviewPeriod(D(2024, 2, 1), Weeks(12)), D(2024, 4, 25));
  EXPECT_EQ(AddReviewPeriod(D(2023, 2, 1), Weeks(12)), D(2023, 4, 26));
  EXPECT_EQ(AddReviewPeriod(D(2023, 9, 18), Weeks(15)), D(2024, 1, 1));
  // Weeks never clamp to a month end.
  EXPECT_EQ(AddReviewPeriod(D(2023, 1, 31), Weeks(4)), D(2023, 2, 28));
  EXPECT_EQ(AddReviewPeriod(D(2024, 1, 31), Weeks(4)), D(2024, 2, 28));
}

TEST(PeriodStageReviewSchedule, MonthsUseCalendarMonths) {
  EXPECT_EQ(AddReviewPeriod(D(2023, 8, 31), Months(6)), D(2024, 2, 29));
  EXPECT_EQ(AddReviewPeriod(D(2024, 2, 29), Months(12)), D(2025, 2, 28));
  EXPECT_EQ(AddReviewPeriod(D(2023, 1, 15), Months(6)), D(2023, 7, 15));
}

TEST(PeriodStageReviewSchedule, OverdueDays) {
  EXPECT_EQ(OverdueDays(D(2023, 7, 15), D(2023, 7, 15)), 0);
  EXPECT_EQ(OverdueDays(D(2023, 7, 15), D(2023, 7, 1)), 0);
  EXPECT_EQ(OverdueDays(D(2023, 7, 15), D(2023, 7, 16)), 1);
  EXPECT_EQ(OverdueDays(D(2024, 2, 28), D(2024, 3, 1)), 2);
  EXPECT_EQ(OverdueDays(D(2023, 2, 28), D(2023, 3, 1)), 1);
  EXPECT_EQ(OverdueDays(D(2023, 7, 15), D(2024, 3, 31)), 260);
}

TEST(PeriodStageReviewSchedule, ReviewLengthDays) {
  EXPECT_EQ(ReviewLengthDays(Weeks(4)), 28);
  EXPECT_EQ(ReviewLengthDays(Weeks(12)), 84);
  EXPECT_EQ(ReviewLengthDays(Weeks(15)), 105);
  EXPECT_EQ(ReviewLengthDays(Months(6)), 183);
  EXPECT_EQ(ReviewLengthDays(Months(12)), 365);
}

// clusters.csv's maximum review periods, in the frozen test rules and the
// default rules alike.
TEST(PeriodStageReviewSchedule, RuleSetsCarryTheMaximumReviewPeriods) {
  const std::vector<std::tuple<int, int, ReviewPeriod::Unit>> want = {
      {0, 6, ReviewPeriod::Unit::kMonths},
      {1, 12, ReviewPeriod::Unit::kWeeks},
      {2, 15, ReviewPeriod::Unit::kWeeks},
      {3, 6, ReviewPeriod::Unit::kMonths},
      {4, 6, ReviewPeriod::Unit::kMonths},
      {5, 6, ReviewPeriod::Unit::kMonths},
      {6, 6, ReviewPeriod::Unit::kMonths},
      {7, 12, ReviewPeriod::Unit::kMonths},
      {8, 12, ReviewPeriod::Unit::kMonths},
      {10, 12, ReviewPeriod::Unit::kMonths},
      {11, 12, ReviewPeriod::Unit::kMonths},
      {12, 12, ReviewPeriod::Unit::kMonths},
      {13, 12, ReviewPeriod::Unit::kMonths},
      {14, 4, ReviewPeriod::Unit::kWeeks},
      {15, 4, ReviewPeriod::Unit::kWeeks},
      {16, 6, ReviewPeriod::Unit::kMonths},
      {17, 6, ReviewPeriod::Unit::kMonths},
      {18, 12, ReviewPeriod::Unit::kMonths},
      {19, 6, ReviewPeriod::Unit::kMonths},
      {20, 6, ReviewPeriod::Unit::kMonths},
      {21, 6, ReviewPeriod::Unit::kMonths},
  };
  auto defaults = DefaultRuleSet();
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  auto test_rules = periods_test::TestRules();
  ASSERT_NE(test_rules, nullptr);
  for (const auto& rules : {*defaults, test_rules}) {
    for (const auto& [code, count, unit] : want) {
      const ReviewPeriod& p = rules->cluster(C(code)).max_review;
      EXPECT_EQ(p.count, count) << "cluster " << code;
      EXPECT_EQ(p.unit, unit) << "cluster " << code;
    }
  }
}

}  // namespace
}  // namespace mhpbr
