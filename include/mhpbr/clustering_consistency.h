// How consistently people are clustered (formats.md, "Clustering
// consistency figures"): allocated against suggested cluster with Cohen's
// kappa, overall and per team or clinician; the moves between clusters at
// review, marked against the transition protocol; and the cluster mix per
// financial year.
//
//   mhpbr::AgreementMatrix m;
//   m.Add(allocated, suggested);               // one assessment at a time
//   std::optional<std::string> k = m.tally().KappaDecimal();
//   auto moves = mhpbr::CountTransitions(periods, transitions);
//   auto mix = mhpbr::ClusterMix(periods, as_of);
//
// Kappa is exact: with n assessments, `agree` of them on the diagonal and
// a_k, s_k those allocated and suggested code k, multiplying po and pe by
// n^2 gives kappa = (n*agree - sum a_k*s_k) / (n^2 - sum a_k*s_k), a ratio
// of integers (128-bit), rounded once when written.

#ifndef MHPBR_CLUSTERING_CONSISTENCY_H_
#define MHPBR_CLUSTERING_CONSISTENCY_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/fraction.h"
#include "mhpbr/period_step.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {

// The margins of an agreement matrix: all kappa needs, so a group (a team,
// a clinician) costs 43 counters, not a 21 x 21 matrix.
struct AgreementTally {
  int64_t assessments = 0;
  int64_t agree = 0;
  // By dense cluster index (Cluster::index()).
  std::array<int64_t, Cluster::kCount> allocated{};
  std::array<int64_t, Cluster::kCount> suggested{};

  void Add(Cluster allocated_cluster, Cluster suggested_cluster);
  // agree / assessments in ppm, half away from zero; none when empty.
  std::optional<int64_t> AgreementPpm() const;
  // Cohen's kappa over the 21 codes; none when empty or pe = 1.
  std::optional<Fraction> Kappa() const;
  // Kappa with 4 decimal places, or "" when there is none.
  std::string KappaDecimal() const;
};

// Allocated x suggested counts, for the accepted assessments that carry an
// allocated cluster.
class AgreementMatrix {
 public:
  void Add(Cluster allocated, Cluster suggested);
  int64_t count(Cluster allocated, Cluster suggested) const {
    return cells_[allocated.index()][suggested.index()];
  }
  const AgreementTally& tally() const { return tally_; }

 private:
  std::array<std::array<int64_t, Cluster::kCount>, Cluster::kCount> cells_{};
  AgreementTally tally_;
};

// Agreement per team and per clinician, when the assessments have those
// columns; assessments with an empty group are left out.
struct GroupAgreement {
  bool has_team = false;
  bool has_clinician = false;
  std::map<std::string, AgreementTally> by_team;
  std::map<std::string, AgreementTally> by_clinician;

  void Add(const std::string& team, const std::string& clinician,
           Cluster allocated, Cluster suggested);
};

// One pair of clusters moved between at review.
struct TransitionCount {
  Cluster from;
  Cluster to;
  int64_t moves = 0;
  bool in_protocol = true;
};

// Moves: pairs of one patient's periods, consecutive in start order, the
// later starting the day after the earlier ends. Sorted by from then to.
std::vector<TransitionCount> CountTransitions(
    absl::Span<const PeriodToPrice> periods, const TransitionTable& table);
// The same from the periods' steps. REQUIRES: by patient then start.
std::vector<TransitionCount> CountTransitionsOfSteps(
    absl::Span<const PeriodStep> sorted, const TransitionTable& table);

// One financial year's count of one cluster's periods in force.
struct ClusterMixRow {
  // The calendar year of the 1 April it starts: 2023 for 2023/24.
  int64_t year = 0;
  Cluster cluster;
  int64_t periods = 0;
  // Of all periods in force that year; none when the year has none.
  std::optional<int64_t> share_ppm;
  // share_ppm minus the year before's; none in the first year or when
  // either share is none.
  std::optional<int64_t> change_ppm;
};

// From the financial year of the earliest start to that of `as_of`; every
// cluster with a period in force in any year gets a row in every year.
// Sorted by year then cluster.
std::vector<ClusterMixRow> ClusterMix(absl::Span<const PeriodToPrice> periods,
                                      absl::CivilDay as_of);
std::vector<ClusterMixRow> ClusterMixOfSteps(
    absl::Span<const PeriodStep> periods, absl::CivilDay as_of);

// "2023/24" for 2023.
std::string FinancialYearName(int64_t year);

// Everything above, as the report carries it.
struct ClusteringConsistency {
  // Present when assessments were given.
  std::optional<AgreementMatrix> agreement;
  GroupAgreement groups;
  std::vector<TransitionCount> transitions;
  std::vector<ClusterMixRow> cluster_mix;
};

}  // namespace mhpbr

#endif  // MHPBR_CLUSTERING_CONSISTENCY_H_
