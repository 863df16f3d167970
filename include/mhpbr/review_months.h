// Reviews due and reviews held on time per calendar month (the report's
// reviews_on_time_ppm series), counted while BuildPeriods judges each
// review clock. The reviews are those of outcomes.md's reviews_on_time
// indicator, so the months add up to its numerator and denominator:
// - a review (an allocation to the period's cluster) counts in the month
//   it was held, on time when held on or before the review due in force
//   (the builder's own test: ClusterPeriod::reviews_late counts the
//   others);
// - the allocation to another cluster that ends a period is a review held
//   on its date (the day after the end), on time likewise against the
//   period's review_due;
// - a period ended otherwise (a discharge, or open at the as-of date) whose
//   overdue days are above 0 adds one review due and never held, in the
//   month of its review_due. A clock due on the period's last day is not
//   yet late (ClusterPeriod::overdue_days is 0) and counts nowhere.
//
//   mhpbr::PeriodBuild b = mhpbr::BuildPeriods(events, as_of, *rules);
//   for (const auto& [month, c] : b.review_months.ByMonth()) ...

#ifndef MHPBR_REVIEW_MONTHS_H_
#define MHPBR_REVIEW_MONTHS_H_

#include <cstdint>
#include <map>

#include "absl/time/civil_time.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/monthly_tally.h"

namespace mhpbr {

struct ReviewCount {
  int64_t on_time = 0;
  int64_t due = 0;
  ReviewCount& operator+=(const ReviewCount& o) {
    on_time += o.on_time;
    due += o.due;
    return *this;
  }
};

class ReviewMonths {
 public:
  // A review held on `held` for the clock due on `due`.
  void Held(absl::CivilDay held, absl::CivilDay due) {
    ReviewCount& c = months_[absl::CivilMonth(held)];
    c.on_time += held <= due;
    ++c.due;
  }
  // The clock a finished period leaves (its end, reallocated, review_due
  // and overdue_days set): judged as the header says.
  void Ended(const ClusterPeriod& p) {
    if (p.reallocated && p.end) {
      Held(*p.end + 1, p.review_due);
    } else if (p.overdue_days > 0) {
      ++months_[absl::CivilMonth(p.review_due)].due;
    }
  }
  void Merge(const ReviewMonths& other) { months_.Merge(other.months_); }
  std::map<absl::CivilMonth, ReviewCount> ByMonth() const {
    return months_.ByMonth();
  }

 private:
  MonthlyTally<ReviewCount> months_;
};

}  // namespace mhpbr

#endif  // MHPBR_REVIEW_MONTHS_H_
