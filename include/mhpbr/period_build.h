// What the periods stage gives (BuildPeriods, period_builder.h): the
// periods, the events it could not use, and its counts.

#ifndef MHPBR_PERIOD_BUILD_H_
#define MHPBR_PERIOD_BUILD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mhpbr/cluster_period.h"
#include "mhpbr/review_months.h"

namespace mhpbr {

// An event that could not be used, and why.
struct EventError {
  int64_t line = 0;
  std::string patient_id;
  std::string reason;
};

struct PeriodBuild {
  // Sorted by patient id (bytewise), then start.
  std::vector<ClusterPeriod> periods;
  // Sorted by line.
  std::vector<EventError> errors;
  int64_t events_used = 0;
  // Dated after the as-of date: counted, not used.
  int64_t events_after_as_of = 0;
  // Allocations replaced by a later one of the same date.
  int64_t superseded = 0;
  // Reviews due and held on time per month, as the builder judged them.
  ReviewMonths review_months = {};
};

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_BUILD_H_
