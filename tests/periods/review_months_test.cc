// Reviews due and held on time per month (PeriodBuild::review_months,
// review_months.h), counted while the builder judges each review clock.
// Cluster 1's maximum review period is twelve weeks (84 days); cluster 3's
// six months. As of 2024-06-30 (2024 is a leap year):
//  A: allocated 2024-01-01 (due 01-01 + 84 = 03-25); reviewed 03-20, on
//     time: March 1 of 1. Next due 03-20 + 84 = 06-12; discharged 06-20,
//     8 days overdue and no review: June 0 of 1 (the month it fell due).
//  B: allocated 2024-01-15 (due 04-08); reviewed 04-10, late: April 0 of
//     1. Next due 04-10 + 84 = 07-03; allocated to cluster 3 on 05-02, a
//     review held that day (the day after the end 05-01), on time: May 1
//     of 1. Its cluster 3 period, open, falls due 11-02: counts nowhere.
//  C: allocated 2024-02-01 (due 04-25); reviewed 02-20, on time: February
//     1 of 1. Next due 02-20 + 84 = 05-14; reviewed 05-14, on its due date,
//     on time: May 1 more. Next due 08-06, open: nowhere.
//  D: allocated 2024-03-01 (due 05-24), never reviewed, open at the as-of
//     date 37 days overdue: May 0 of 1.
//  E: allocated 2024-04-01 (due 06-24); discharged 06-24, on its due date:
//     not overdue (the builder's overdue days are 0), so nowhere.
// By month (on time / due): Feb 1/1, Mar 1/1, Apr 0/1, May 2/3, Jun 0/1 -
// 4 of 7 in all, outcomes' reviews_on_time indicator over the same periods.

#include <map>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/period_builder.h"
#include "periods_test_util.h"
#include "review_events.h"

namespace mhpbr {
namespace {

using periods_test::D;

TEST(ReviewMonthsTest, EachClockCountsOnceInTheMonthItWasJudged) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  const absl::CivilDay as_of = review_events::kAsOf;
  const PeriodBuild b = BuildPeriods(review_events::Events(), as_of, **rules);
  ASSERT_TRUE(b.errors.empty());
  const std::map<absl::CivilMonth, ReviewCount> m = b.review_months.ByMonth();
  auto at = [&](int month) {
    auto it = m.find(absl::CivilMonth(2024, month));
    return it == m.end()
               ? std::vector<int64_t>{}
               : std::vector<int64_t>{it->second.on_time, it->second.due};
  };
  EXPECT_EQ(m.size(), 5u);
  EXPECT_THAT(at(1), ::testing::IsEmpty());
  EXPECT_THAT(at(2), ::testing::ElementsAre(1, 1));
  EXPECT_THAT(at(3), ::testing::ElementsAre(1, 1));
  EXPECT_THAT(at(4), ::testing::ElementsAre(0, 1));
  EXPECT_THAT(at(5), ::testing::ElementsAre(2, 3));
  EXPECT_THAT(at(6), ::testing::ElementsAre(0, 1));

  // The months add up to the indicator outcomes measure on the periods.
  auto measured = MeasureOutcomes(b.periods, {}, {}, as_of, **rules);
  ASSERT_TRUE(measured.ok()) << measured.status();
  const MeasuredIndicator& reviews = measured->indicators[3];
  ASSERT_EQ(reviews.name, "reviews_on_time");
  EXPECT_EQ(reviews.numerator, 4);
  EXPECT_EQ(reviews.denominator, 7);
}

// A sweep split in two adds up to the whole (a month before the first
// one seen is put in front).
TEST(ReviewMonthsTest, MergeAddsMonthsOnEitherSide) {
  ReviewMonths late, early;
  late.Held(D(2024, 5, 3), D(2024, 5, 1));
  early.Held(D(2024, 2, 3), D(2024, 2, 10));
  early.Held(D(2024, 5, 9), D(2024, 5, 10));
  late.Merge(early);
  const auto m = late.ByMonth();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.at(absl::CivilMonth(2024, 2)).on_time, 1);
  EXPECT_EQ(m.at(absl::CivilMonth(2024, 2)).due, 1);
  EXPECT_EQ(m.at(absl::CivilMonth(2024, 5)).on_time, 1);
  EXPECT_EQ(m.at(absl::CivilMonth(2024, 5)).due, 2);
}

}  // namespace
}  // namespace mhpbr
