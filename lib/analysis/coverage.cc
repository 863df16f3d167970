#include "mhpbr/coverage.h"

namespace mhpbr {

CoverageCounter::CoverageCounter(absl::Span<const PeriodToPrice> periods) {
  for (const PeriodToPrice& p : periods) {
    auto [it, inserted] =
        with_periods_.try_emplace(p.patient_id, Status::kOnlyCluster0);
    if (p.cluster.is_variance()) {
      ++periods_cluster_0_;
    } else {
      ++periods_in_clusters_;
      it->second = Status::kInClusters;
    }
  }
}

CoverageCounter::Status CoverageCounter::StatusOf(
    absl::string_view patient_id) const {
  auto it = with_periods_.find(patient_id);
  return it == with_periods_.end() ? Status::kUnclustered : it->second;
}

void CoverageCounter::AddActivity(absl::string_view patient_id,
                                  absl::string_view team) {
  if (StatusOf(patient_id) == Status::kUnclustered) {
    unclustered_.emplace(patient_id);
  }
  if (!team.empty()) teams_[team].emplace(patient_id);
}

CoverageCounts CoverageCounter::Totals() const {
  CoverageCounts c;
  for (const auto& [id, status] : with_periods_) {
    if (status == Status::kInClusters) {
      ++c.patients_in_clusters;
    } else {
      ++c.patients_only_cluster_0;
    }
  }
  c.patients_unclustered = static_cast<int64_t>(unclustered_.size());
  c.patients = c.patients_in_clusters + c.patients_only_cluster_0 +
               c.patients_unclustered;
  c.periods_in_clusters = periods_in_clusters_;
  c.periods_cluster_0 = periods_cluster_0_;
  return c;
}

std::map<std::string, CoverageCounts> CoverageCounter::ByTeam() const {
  std::map<std::string, CoverageCounts> out;
  for (const auto& [team, patients] : teams_) {
    CoverageCounts& c = out[team];
    for (const std::string& id : patients) {
      ++c.patients;
      switch (StatusOf(id)) {
        case Status::kInClusters:
          ++c.patients_in_clusters;
          break;
        case Status::kOnlyCluster0:
          ++c.patients_only_cluster_0;
          break;
        case Status::kUnclustered:
          ++c.patients_unclustered;
          break;
      }
    }
  }
  return out;
}

}  // namespace mhpbr
