// A cluster period: one person's continuous time in one cluster, with its
// review schedule and whether the move into it was allowed; and the period
// as every later stage takes it in.

#ifndef MHPBR_CLUSTER_PERIOD_H_
#define MHPBR_CLUSTER_PERIOD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "mhpbr/cluster.h"
#include "mhpbr/night_span.h"

namespace mhpbr {

struct ClusterPeriod {
  std::string patient_id;
  Cluster cluster;
  absl::CivilDay start;
  // None: still open at the as-of date.
  std::optional<absl::CivilDay> end;
  // Counted as the rule set's day_count says (both ends by default); an
  // open period counts to the as-of date.
  int64_t days = 0;
  // The last review (or the start) plus the cluster's maximum review period.
  absl::CivilDay review_due;
  // Days from review_due to the period's last day (its end, or the as-of
  // date when open); 0 when that is not later.
  int64_t overdue_days = 0;
  // False when the transition table does not allow the move from the
  // period this one directly follows.
  bool transition_ok = true;
  // Allocations on this period's dates replaced by a later allocation of
  // the same date.
  int superseded = 0;
  // Allocations to the same cluster that continued this period.
  int reviews = 0;
  // Of `reviews`, those held after the review due in force on their date
  // (the start or the review before, plus the cluster's maximum review
  // period).
  int reviews_late = 0;
  // True when an allocation to another cluster ended the period (on the day
  // after `end`); false when a discharge ended it or it is open.
  bool reallocated = false;
  // Of the allocation that opened the period (on a date with several
  // allocations, the one that counts); empty when it names none.
  std::string team;
  std::string provider;
  std::string commissioner;
};

// A cluster period as the later stages take it in (pricing, costing, care
// spread, the report): who, which cluster, from and to. It is what a
// periods file (`patient_id,cluster,start,end`) holds, and what a
// ClusterPeriod passes on.
struct PeriodToPrice {
  std::string patient_id;
  Cluster cluster;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;  // none = open
  // The caller's reference (a line number) for messages.
  int64_t line = 0;
  // Who pays for the period and who provides it; empty when not known (a
  // statement per commissioner reports such a period, never drops it).
  std::string commissioner = {};
  std::string provider = {};
  // The patient's admitted nights inside the period, sorted and disjoint
  // (SetAdmittedNights, admitted_nights.h): a tariff with setting prices
  // pays them at the admitted price, every other day at the community
  // price.
  std::vector<NightSpan> admitted_nights = {};
};

}  // namespace mhpbr

#endif  // MHPBR_CLUSTER_PERIOD_H_
