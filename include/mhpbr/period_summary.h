// Totals of cluster periods per patient and per cluster: periods, days and
// how many periods were overdue for review.
//
//   mhpbr::PeriodSummary s = mhpbr::SummarisePeriods(build.periods);
//   for (const auto& [patient, totals] : s.by_patient) ...

#ifndef MHPBR_PERIOD_SUMMARY_H_
#define MHPBR_PERIOD_SUMMARY_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"

namespace mhpbr {

struct PeriodTotals {
  int64_t periods = 0;
  int64_t days = 0;
  // Periods with overdue_days > 0.
  int64_t overdue_periods = 0;

  void Add(const ClusterPeriod& p) {
    ++periods;
    days += p.days;
    overdue_periods += p.overdue_days > 0;
  }
};

struct PeriodSummary {
  // Ordered by patient id (bytewise) and by cluster code.
  std::map<std::string, PeriodTotals> by_patient;
  std::map<int, PeriodTotals> by_cluster;
  PeriodTotals all;
};

PeriodSummary SummarisePeriods(absl::Span<const ClusterPeriod> periods);
// The same with by_patient left empty, for a caller that shows no
// per-patient totals: a national year has a million and a half patients.
PeriodSummary SummarisePeriodsByCluster(
    absl::Span<const ClusterPeriod> periods);

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_SUMMARY_H_
