// Totals of cluster periods per patient and per cluster: periods, days and
// how many periods were overdue for review.
//
//   mhpbr::PeriodSummary s = mhpbr::SummarisePeriods(build.periods);
//   for (const auto& [patient, totals] : s.by_patient) ...

#ifndef MHPBR_PERIOD_SUMMARY_H_
#define MHPBR_PERIOD_SUMMARY_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

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
  void Add(const PeriodTotals& t) {
    periods += t.periods;
    days += t.days;
    overdue_periods += t.overdue_periods;
  }
};

struct PeriodSummary {
  // Ordered by patient id (bytewise) and by cluster code.
  std::map<std::string, PeriodTotals> by_patient;
  std::map<int, PeriodTotals> by_cluster;
  PeriodTotals all;
};

// Totals of periods given one at a time, as a caller that streams them
// (period_stream.h) has them: a patient's periods together, patients in
// order, as built.
class PeriodSummariser {
 public:
  // `by_patient` false leaves by_patient empty.
  explicit PeriodSummariser(bool by_patient) : by_patient_(by_patient) {}
  PeriodSummariser(PeriodSummariser&&) = default;
  PeriodSummariser& operator=(PeriodSummariser&&) = default;
  void Add(const ClusterPeriod& p);
  // Adds the totals of the periods that follow this one's: its patients
  // after this one's.
  void Append(const PeriodSummariser& later);
  // The totals; the summariser is left empty.
  PeriodSummary Finish();

 private:
  bool by_patient_;
  std::map<std::string, PeriodTotals> patients_;
  // The patient of the last period added (a node, so that it survives the
  // summariser being moved).
  std::pair<const std::string, PeriodTotals>* patient_ = nullptr;
  // By index: a map lookup per period of a national year shows.
  std::array<PeriodTotals, Cluster::kCount> by_cluster_ = {};
  PeriodTotals all_;
};

PeriodSummary SummarisePeriods(absl::Span<const ClusterPeriod> periods);
// The same with by_patient left empty, for a caller that shows no
// per-patient totals: a national year has a million and a half patients.
PeriodSummary SummarisePeriodsByCluster(
    absl::Span<const ClusterPeriod> periods);

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_SUMMARY_H_
