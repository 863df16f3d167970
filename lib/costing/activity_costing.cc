#include "mhpbr/activity_costing.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"

namespace mhpbr {

absl::StatusOr<ActivityCoster> ActivityCoster::Create(
    std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
    const UnitCosts& costs, DayCount day_count) {
  ActivityCoster c;
  c.costs_ = &costs;
  c.as_of_ = as_of;
  std::stable_sort(periods.begin(), periods.end(),
                   [](const PeriodToPrice& a, const PeriodToPrice& b) {
                     if (a.patient_id != b.patient_id) {
                       return a.patient_id < b.patient_id;
                     }
                     return a.start < b.start;
                   });
  c.periods_.reserve(periods.size());
  for (PeriodToPrice& p : periods) {
    if (p.end && *p.end < p.start) {
      return absl::InvalidArgumentError(
          absl::StrCat("period of patient ", p.patient_id, " at line ", p.line,
                       ": end is before start"));
    }
    if (p.start > as_of) {
      return absl::InvalidArgumentError(
          absl::StrCat("period of patient ", p.patient_id, " at line ", p.line,
                       ": starts after the as-of date ", FormatIsoDate(as_of)));
    }
    CostedPeriod cp;
    const absl::CivilDay last = p.end.value_or(as_of);
    cp.days = last - p.start + 1;
    if (p.end && day_count == DayCount::kMhsds) cp.days = *p.end - p.start;
    cp.period = std::move(p);
    c.periods_.push_back(std::move(cp));
  }
  for (int i = 0; i < static_cast<int>(c.periods_.size());) {
    int j = i;
    const std::string& id = c.periods_[i].period.patient_id;
    while (j < static_cast<int>(c.periods_.size()) &&
           c.periods_[j].period.patient_id == id) {
      ++j;
    }
    c.by_patient_.emplace(id, std::make_pair(i, j));
    i = j;
  }
  return c;
}

int ActivityCoster::Find(absl::string_view patient_id,
                         absl::CivilDay date) const {
  auto it = by_patient_.find(patient_id);
  if (it == by_patient_.end()) return -2;
  const auto [lo, hi] = it->second;
  // The latest period starting on or before the date; where a malformed
  // input overlaps periods, the later one takes the record.
  int k =
      static_cast<int>(
          std::upper_bound(periods_.begin() + lo, periods_.begin() + hi, date,
                           [](absl::CivilDay d, const CostedPeriod& p) {
                             return d < p.period.start;
                           }) -
          periods_.begin()) -
      1;
  if (k < lo) return -1;
  const PeriodToPrice& p = periods_[k].period;
  return date <= p.end.value_or(as_of_) ? k : -1;
}

absl::Status ActivityCoster::Add(const ActivityRecord& record) {
  auto cost = RecordCost(record, *costs_);
  if (!cost.ok()) {
    CountRejected();
    return cost.status();
  }
  const int k = Find(record.patient_id, record.date);
  // Totals are checked for overflow before they change, so a failure leaves
  // them consistent.
  int64_t* bucket =
      k >= 0 ? &totals_.clustered_pence : &totals_.unclustered_pence;
  int64_t new_bucket = 0, new_total = 0;
  if (__builtin_add_overflow(*bucket, *cost, &new_bucket) ||
      __builtin_add_overflow(totals_.total_pence, *cost, &new_total)) {
    CountRejected();
    return absl::OutOfRangeError("cost total would overflow 64-bit pence");
  }
  ++totals_.records_read;
  *bucket = new_bucket;
  totals_.total_pence = new_total;
  if (k >= 0) {
    ++totals_.clustered_records;
    periods_[k].records += 1;
    periods_[k].cost_pence += *cost;
  } else {
    ++totals_.unclustered_records;
    if (k == -2) ++totals_.unknown_patient_records;
  }
  return absl::OkStatus();
}

std::vector<CostedPeriod> ActivityCoster::periods() const { return periods_; }

std::vector<ClusterCost> ActivityCoster::ByCluster() const {
  std::map<int, ClusterCost> by;
  for (const CostedPeriod& p : periods_) {
    ClusterCost& c = by[p.period.cluster.code()];
    c.cluster = p.period.cluster;
    c.periods += 1;
    c.days += p.days;
    c.records += p.records;
    c.cost_pence += p.cost_pence;
  }
  std::vector<ClusterCost> out;
  for (const auto& [code, c] : by) out.push_back(c);
  return out;
}

}  // namespace mhpbr
