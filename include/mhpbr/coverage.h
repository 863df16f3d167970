// How many people can be clustered at all (early pilots expected about 85%
// coverage): people and periods in clusters 1-21, in cluster 0 only, and
// with activity but no cluster; overall and per team when the activity
// names one.
//
//   mhpbr::CoverageCounter c(periods);
//   for (each accepted activity row) c.AddActivity(row.patient_id, team);
//   mhpbr::CoverageCounts all = c.Totals();

#ifndef MHPBR_COVERAGE_H_
#define MHPBR_COVERAGE_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/statement.h"

namespace mhpbr {

struct CoverageCounts {
  // Distinct people in periods or accepted activity.
  int64_t patients = 0;
  // With a period in clusters 1-21.
  int64_t patients_in_clusters = 0;
  // With periods, all in cluster 0.
  int64_t patients_only_cluster_0 = 0;
  // With activity but no period at all.
  int64_t patients_unclustered = 0;
  int64_t periods_in_clusters = 0;
  int64_t periods_cluster_0 = 0;
};

class CoverageCounter {
 public:
  explicit CoverageCounter(absl::Span<const PeriodToPrice> periods);

  // One accepted activity row; `team` may be empty (no per-team figures).
  void AddActivity(absl::string_view patient_id, absl::string_view team);

  CoverageCounts Totals() const;
  // Per team: the people with activity of that team (periods counts are
  // left 0: periods do not name a team). Sorted by team.
  std::map<std::string, CoverageCounts> ByTeam() const;

 private:
  enum class Status : uint8_t { kInClusters, kOnlyCluster0, kUnclustered };
  Status StatusOf(absl::string_view patient_id) const;

  absl::flat_hash_map<std::string, Status> with_periods_;
  int64_t periods_in_clusters_ = 0, periods_cluster_0_ = 0;
  absl::flat_hash_set<std::string> unclustered_;
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> teams_;
};

}  // namespace mhpbr

#endif  // MHPBR_COVERAGE_H_
