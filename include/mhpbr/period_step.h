// A cluster period as the report's figures of the periods alone read it
// (transitions, cluster mix, days and allocations by month, coverage):
// its patient only as "the same as the period before's". A national year's
// 3 M periods, hundreds of bytes each with their strings, are then read
// once, and their figures walked in a compact list on another thread
// while the coster takes the periods themselves.

#ifndef MHPBR_PERIOD_STEP_H_
#define MHPBR_PERIOD_STEP_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"

namespace mhpbr {

struct PeriodStep {
  absl::CivilDay start;
  absl::CivilDay end;  // when not open
  Cluster cluster;
  bool open = false;
  // Of the same patient as the step before it in its list.
  bool same_patient = false;

  std::optional<absl::CivilDay> End() const {
    return open ? std::nullopt : std::optional<absl::CivilDay>(end);
  }
};

// `p` as a step after `before` (null: the first of its list).
PeriodStep StepOf(const PeriodToPrice& p, const PeriodToPrice* before);

// The steps of `periods`, in their order; `*sorted` says whether the
// periods are by patient then start (ActivityCoster's order, in which
// CountTransitions walks them).
std::vector<PeriodStep> PeriodSteps(absl::Span<const PeriodToPrice> periods,
                                    bool* sorted);

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_STEP_H_
