// How good the clustering data is: assessments with too few known items,
// red allocations and the items that break red rules most, agreement
// between allocated and suggested clusters, overdue reviews and moves
// outside the transition protocol.

#ifndef MHPBR_DATA_QUALITY_H_
#define MHPBR_DATA_QUALITY_H_

#include <array>
#include <cstdint>

#include "mhpbr/classification.h"
#include "mhpbr/item.h"
#include "mhpbr/period_build.h"

namespace mhpbr {

struct AssessmentQuality {
  int64_t assessments = 0;
  int64_t too_few_known = 0;
  int64_t no_fit = 0;
  // With an allocated cluster; those to cluster 0; red; equal to the
  // suggestion.
  int64_t allocated = 0;
  int64_t allocated_cluster_0 = 0;
  int64_t red = 0;
  int64_t agree = 0;
  // How often each profile row broke the allocated cluster's red rule.
  std::array<int64_t, kItemCount> red_items{};

  void Add(const Classification& c);
};

struct PeriodQuality {
  int64_t periods = 0;
  // Periods whose review was overdue (overdue_days > 0).
  int64_t overdue = 0;
  // Periods that directly follow another of the same person (a move at
  // review), and those the transition table does not allow.
  int64_t moves = 0;
  int64_t moves_outside_protocol = 0;
  int64_t superseded = 0;
  int64_t event_errors = 0;

  static PeriodQuality From(const PeriodBuild& build);
};

}  // namespace mhpbr

#endif  // MHPBR_DATA_QUALITY_H_
