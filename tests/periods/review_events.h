// Events whose reviews fall on time, late, on the due date and not at all
// over five months, worked out by hand in review_months_test.cc; shared
// with the report's test of its reviews_on_time_ppm series.

#ifndef MHPBR_TESTS_PERIODS_REVIEW_EVENTS_H_
#define MHPBR_TESTS_PERIODS_REVIEW_EVENTS_H_

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "mhpbr/period_event.h"

namespace mhpbr::review_events {

inline PeriodEvent Event(const char* patient, absl::CivilDay day,
                         EventKind kind, int cluster, int64_t line) {
  return {patient, day, kind, *Cluster::FromCode(cluster), line};
}

// As of kAsOf; cluster 1 falls due twelve weeks on.
inline constexpr absl::CivilDay kAsOf(2024, 6, 30);

inline std::vector<PeriodEvent> Events() {
  const EventKind a = EventKind::kAllocate, d = EventKind::kDischarge;
  using D = absl::CivilDay;
  return {Event("A", D(2024, 1, 1), a, 1, 2),
          Event("A", D(2024, 3, 20), a, 1, 3),
          Event("A", D(2024, 6, 20), d, 0, 4),
          Event("B", D(2024, 1, 15), a, 1, 5),
          Event("B", D(2024, 4, 10), a, 1, 6),
          Event("B", D(2024, 5, 2), a, 3, 7),
          Event("C", D(2024, 2, 1), a, 1, 8),
          Event("C", D(2024, 2, 20), a, 1, 9),
          Event("C", D(2024, 5, 14), a, 1, 10),
          Event("D", D(2024, 3, 1), a, 1, 11),
          Event("E", D(2024, 4, 1), a, 1, 12),
          Event("E", D(2024, 6, 24), d, 0, 13)};
}

}  // namespace mhpbr::review_events

#endif  // MHPBR_TESTS_PERIODS_REVIEW_EVENTS_H_
