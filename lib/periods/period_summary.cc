#include "mhpbr/period_summary.h"

namespace mhpbr {

PeriodSummary SummarisePeriods(absl::Span<const ClusterPeriod> periods) {
  PeriodSummary s;
  for (const ClusterPeriod& p : periods) {
    s.by_patient[p.patient_id].Add(p);
    s.by_cluster[p.cluster.code()].Add(p);
    s.all.Add(p);
  }
  return s;
}

}  // namespace mhpbr
