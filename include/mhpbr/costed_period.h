// What the costing stage gives (ActivityCoster, activity_costing.h): the
// cost of each period, of each cluster, and the run's totals.

#ifndef MHPBR_COSTED_PERIOD_H_
#define MHPBR_COSTED_PERIOD_H_

#include <cstdint>

#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"

namespace mhpbr {

struct CostedPeriod {
  PeriodToPrice period;
  // Both ends counted (or as the rule set's day count says); an open
  // period counts to the as-of date.
  int64_t days = 0;
  int64_t records = 0;
  int64_t cost_pence = 0;
  // By setting (pay_setting.h): admitted days are the nights of the
  // period's own stays that lie inside it, at most `days`; community days
  // the rest. Each record's cost, rounded once, goes to its setting, so
  // admitted_pence + community_pence == cost_pence.
  int64_t admitted_days = 0;
  int64_t community_days = 0;
  int64_t admitted_pence = 0;
  int64_t community_pence = 0;
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

}  // namespace mhpbr

#endif  // MHPBR_COSTED_PERIOD_H_
