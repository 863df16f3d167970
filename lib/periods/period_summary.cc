#include "mhpbr/period_summary.h"

#include <array>
#include <iterator>
#include <utility>

namespace mhpbr {

void PeriodSummariser::Add(const ClusterPeriod& p) {
  if (by_patient_) {
    if (patient_ == nullptr || patient_->first != p.patient_id) {
      // Built periods come sorted by patient: each patient is met once,
      // its periods together, and goes at the end of the map.
      patient_ = &*(patients_.empty() ||
                            std::prev(patients_.end())->first < p.patient_id
                        ? patients_.emplace_hint(patients_.end(), p.patient_id,
                                                 PeriodTotals())
                        : patients_.try_emplace(p.patient_id).first);
    }
    patient_->second.Add(p);
  }
  by_cluster_[p.cluster.index()].Add(p);
  all_.Add(p);
}

void PeriodSummariser::Append(const PeriodSummariser& later) {
  for (const auto& [id, t] : later.patients_) {
    patients_.try_emplace(patients_.end(), id)->second.Add(t);
  }
  patient_ = nullptr;
  for (int i = 0; i < Cluster::kCount; ++i) {
    by_cluster_[i].Add(later.by_cluster_[i]);
  }
  all_.Add(later.all_);
}

PeriodSummary PeriodSummariser::Finish() {
  PeriodSummary s;
  s.by_patient = std::move(patients_);
  patients_.clear();
  patient_ = nullptr;
  for (int i = 0; i < Cluster::kCount; ++i) {
    if (by_cluster_[i].periods > 0) {
      s.by_cluster.emplace(Cluster::FromIndex(i).code(), by_cluster_[i]);
    }
  }
  s.all = all_;
  by_cluster_ = {};
  all_ = {};
  return s;
}

PeriodSummary SummarisePeriods(absl::Span<const ClusterPeriod> periods) {
  PeriodSummariser s(/*by_patient=*/true);
  for (const ClusterPeriod& p : periods) s.Add(p);
  return s.Finish();
}

PeriodSummary SummarisePeriodsByCluster(
    absl::Span<const ClusterPeriod> periods) {
  PeriodSummariser s(/*by_patient=*/false);
  for (const ClusterPeriod& p : periods) s.Add(p);
  return s.Finish();
}

}  // namespace mhpbr
