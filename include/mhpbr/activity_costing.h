// Costing activity against cluster periods (pricing.md 1): each record's
// full cost, attributed to the period that covers its date for its
// patient; what no period covers goes to an explicit unclustered bucket,
// counted and costed, never dropped.
//
// Records stream through Add(), so memory grows with the periods, not
// with the activity:
//
//   auto coster = mhpbr::ActivityCoster::Create(periods, as_of, costs);
//   for (each record) if (auto s = coster->Add(record); !s.ok()) reject(s);
//   for (const mhpbr::CostedPeriod& p : coster->periods()) ...

#ifndef MHPBR_ACTIVITY_COSTING_H_
#define MHPBR_ACTIVITY_COSTING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

struct CostedPeriod {
  PeriodToPrice period;
  // Both ends counted (or as the rule set's day count says); an open
  // period counts to the as-of date.
  int64_t days = 0;
  int64_t records = 0;
  int64_t cost_pence = 0;
};

struct ClusterCost {
  Cluster cluster;
  int64_t periods = 0;
  int64_t days = 0;
  int64_t records = 0;
  int64_t cost_pence = 0;
};

struct CostingTotals {
  int64_t records_read = 0;
  int64_t records_rejected = 0;
  int64_t clustered_records = 0;
  int64_t clustered_pence = 0;
  // Records no period covers, including those of unknown patients.
  int64_t unclustered_records = 0;
  int64_t unclustered_pence = 0;
  // Records of patients with no period at all (also unclustered).
  int64_t unknown_patient_records = 0;
  // clustered + unclustered.
  int64_t total_pence = 0;
};

class ActivityCoster {
 public:
  // Fails, naming the line, for a period that ends before it starts or
  // starts after `as_of`. REQUIRES: `costs` outlives the coster.
  static absl::StatusOr<ActivityCoster> Create(
      std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
      const UnitCosts& costs, DayCount day_count = DayCount::kInclusive);

  // Costs and attributes one record. On error the record is counted as
  // rejected and the status names the field at fault.
  absl::Status Add(const ActivityRecord& record);
  // Counts a record rejected before it could be costed (a reader's reject).
  void CountRejected() {
    ++totals_.records_read;
    ++totals_.records_rejected;
  }

  // Sorted by patient, then start.
  std::vector<CostedPeriod> periods() const;
  // Sorted by cluster.
  std::vector<ClusterCost> ByCluster() const;
  const CostingTotals& totals() const { return totals_; }

  // The period covering `date` for `patient_id`: its index in periods(),
  // or -1 (none covers it) or -2 (the patient has no period at all).
  int Find(absl::string_view patient_id, absl::CivilDay date) const;

 private:
  ActivityCoster() = default;

  const UnitCosts* costs_ = nullptr;
  absl::CivilDay as_of_;
  std::vector<CostedPeriod> periods_;  // sorted by patient, start
  // Each patient's first and one-past-last index in periods_.
  absl::flat_hash_map<std::string, std::pair<int, int>> by_patient_;
  CostingTotals totals_;
};

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_COSTING_H_
