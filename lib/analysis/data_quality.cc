#include "mhpbr/data_quality.h"

namespace mhpbr {

void AssessmentQuality::Add(const Classification& c) {
  ++assessments;
  too_few_known += c.reason == VarianceReason::kTooFewKnown;
  no_fit += c.reason == VarianceReason::kNoFit;
  if (!c.allocation) return;
  ++allocated;
  allocated_cluster_0 += c.allocation->cluster.is_variance();
  agree += c.agrees();
  if (!c.allocation->red) return;
  ++red;
  for (Item i : c.allocation->red_items.items()) ++red_items[ItemIndex(i)];
}

PeriodQuality PeriodQuality::From(const PeriodBuild& build) {
  PeriodQuality q;
  q.superseded = build.superseded;
  q.event_errors = static_cast<int64_t>(build.errors.size());
  const ClusterPeriod* previous = nullptr;
  for (const ClusterPeriod& p : build.periods) {
    ++q.periods;
    q.overdue += p.overdue_days > 0;
    // Periods come sorted by patient then start, so a move is a period that
    // starts the day after the previous one of the same person ends.
    if (previous != nullptr && previous->patient_id == p.patient_id &&
        previous->end && *previous->end + 1 == p.start) {
      ++q.moves;
      q.moves_outside_protocol += !p.transition_ok;
    }
    previous = &p;
  }
  return q;
}

}  // namespace mhpbr
