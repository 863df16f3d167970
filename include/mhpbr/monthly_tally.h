// Figures added up per calendar month in a vector indexed by months from
// the earliest month seen: hot loops (a review per event, a month per
// period of a national year) add to it without a map lookup or a node
// allocation per addition.
//
//   mhpbr::MonthlyTally<int64_t> days;
//   days[absl::CivilMonth(2024, 1)] += 31;
//   for (const auto& [month, n] : days.ByMonth()) ...

#ifndef MHPBR_MONTHLY_TALLY_H_
#define MHPBR_MONTHLY_TALLY_H_

#include <cstdint>
#include <map>
#include <vector>

#include "absl/time/civil_time.h"

namespace mhpbr {

// T is default-constructible (the empty figure); Merge needs T += T.
template <typename T>
class MonthlyTally {
 public:
  // The month's figure, made empty the first time it is asked for.
  T& operator[](absl::CivilMonth month) {
    if (months_.empty()) {
      first_ = month;
    } else if (month < first_) {
      // Rare: months mostly arrive in rising order or near the first.
      const size_t before = static_cast<size_t>(first_ - month);
      months_.insert(months_.begin(), before, T{});
      asked_.insert(asked_.begin(), before, false);
      first_ = month;
    }
    const size_t at = static_cast<size_t>(month - first_);
    if (at >= months_.size()) {
      months_.resize(at + 1);
      asked_.resize(at + 1);
    }
    asked_[at] = true;
    return months_[at];
  }

  // The figures of `count` (> 0) months from `first` on, each made empty
  // the first time it is asked for: out[k] is month first + k. A period of
  // many months adds to them without a lookup a month.
  T* Months(absl::CivilMonth first, int64_t count) {
    (*this)[first + (count - 1)];
    const size_t at = static_cast<size_t>(&(*this)[first] - months_.data());
    for (size_t k = at; k < at + static_cast<size_t>(count); ++k) {
      asked_[k] = true;
    }
    return &months_[at];
  }

  // Adds another tally's figures, as when a sweep is split.
  void Merge(const MonthlyTally& other) {
    for (size_t i = 0; i < other.months_.size(); ++i) {
      if (other.asked_[i]) {
        (*this)[other.first_ + static_cast<int64_t>(i)] += other.months_[i];
      }
    }
  }

  // The months asked for, in calendar order.
  std::map<absl::CivilMonth, T> ByMonth() const {
    std::map<absl::CivilMonth, T> out;
    for (size_t i = 0; i < months_.size(); ++i) {
      if (asked_[i]) {
        out.emplace_hint(out.end(), first_ + static_cast<int64_t>(i),
                         months_[i]);
      }
    }
    return out;
  }

 private:
  absl::CivilMonth first_;
  std::vector<T> months_;
  std::vector<bool> asked_;
};

}  // namespace mhpbr

#endif  // MHPBR_MONTHLY_TALLY_H_
