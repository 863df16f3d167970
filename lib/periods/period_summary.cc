#include "mhpbr/period_summary.h"

#include <array>
#include <iterator>

namespace mhpbr {
namespace {

PeriodSummary Summarise(absl::Span<const ClusterPeriod> periods,
                        bool by_patient) {
  PeriodSummary s;
  // By index first: a map lookup per period of a national year shows.
  std::array<PeriodTotals, Cluster::kCount> by_cluster = {};
  auto patient = s.by_patient.end();
  for (const ClusterPeriod& p : periods) {
    if (by_patient) {
      if (patient == s.by_patient.end() || patient->first != p.patient_id) {
        // Built periods come sorted by patient: each patient is met once,
        // its periods together, and goes at the end of the map.
        patient = s.by_patient.empty() ||
                          std::prev(s.by_patient.end())->first < p.patient_id
                      ? s.by_patient.emplace_hint(s.by_patient.end(),
                                                  p.patient_id, PeriodTotals())
                      : s.by_patient.try_emplace(p.patient_id).first;
      }
      patient->second.Add(p);
    }
    by_cluster[p.cluster.index()].Add(p);
    s.all.Add(p);
  }
  for (int i = 0; i < Cluster::kCount; ++i) {
    if (by_cluster[i].periods > 0) {
      s.by_cluster.emplace(Cluster::FromIndex(i).code(), by_cluster[i]);
    }
  }
  return s;
}

}  // namespace

PeriodSummary SummarisePeriods(absl::Span<const ClusterPeriod> periods) {
  return Summarise(periods, /*by_patient=*/true);
}

PeriodSummary SummarisePeriodsByCluster(
    absl::Span<const ClusterPeriod> periods) {
  return Summarise(periods, /*by_patient=*/false);
}

}  // namespace mhpbr
