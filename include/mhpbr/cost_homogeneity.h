// How alike the costs are within each cluster, and how much of the
// variation in cost the clusters explain: the payers' first question of a
// currency (is it a fair basis for payment?).
//
//   std::vector<mhpbr::HomogeneityRow> rows = mhpbr::CostHomogeneity(costed);
//   mhpbr::VarianceExplained r2 = mhpbr::ClusterRSquared(costed, rules);

#ifndef MHPBR_COST_HOMOGENEITY_H_
#define MHPBR_COST_HOMOGENEITY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/cluster.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

enum class CostMeasure : uint8_t {
  kPerDay = 0,     // cost per cluster day, periods with days > 0
  kPerPeriod = 1,  // cost per period, in pence
};
// "per_day" or "per_period".
absl::string_view CostMeasureName(CostMeasure m);

struct HomogeneityRow {
  Cluster cluster;
  CostMeasure measure = CostMeasure::kPerPeriod;
  int64_t periods = 0;
  long double mean = 0, median = 0;
  std::optional<long double> sd;  // n - 1; none when n < 2
  std::optional<long double> cv;  // sd / mean
  // Type-7 percentiles.
  long double p5 = 0, p25 = 0, p75 = 0, p95 = 0;
};

// One row per cluster present and measure, sorted by cluster then measure
// (per_day before per_period); a cluster with no period of days > 0 has no
// per_day row.
std::vector<HomogeneityRow> CostHomogeneity(
    absl::Span<const CostedPeriod> periods);

// The share of cost variance explained by cluster (R-squared of a one-way
// model: between-cluster over total sum of squares), over periods in
// clusters 1-21, optionally only those of one superclass. None when there
// is no variance to explain.
struct VarianceExplained {
  std::optional<long double> per_period;
  std::optional<long double> per_day;
};
VarianceExplained ClusterRSquared(absl::Span<const CostedPeriod> periods,
                                  const RuleSet& rules,
                                  std::optional<Superclass> within = {});

// The figures above from one pass over the periods, as a report takes
// them: Add each period, in the order the functions above would be given
// them (sums of costs per day depend on it), then Finish once.
//
//   mhpbr::CostTally tally;
//   for (const mhpbr::CostedPeriod& p : costed) tally.Add(p);
//   mhpbr::CostFigures f = std::move(tally).Finish(rules);
struct CostFigures {
  std::vector<HomogeneityRow> homogeneity;  // CostHomogeneity
  VarianceExplained r_squared;              // ClusterRSquared, all
  // Non-psychotic, psychotic, organic.
  std::vector<std::pair<Superclass, VarianceExplained>> r_squared_by_superclass;
};
class CostTally {
 public:
  void Add(const CostedPeriod& p) {
    Add(p.period.cluster, p.days, p.cost_pence);
  }
  void Add(Cluster cluster, int64_t days, int64_t cost_pence);
  // Adds what `later` tallied, as if its periods had been added here
  // after this one's: the periods may be walked in parts.
  void Append(CostTally&& later);
  // With `threads` > 1 the values are sorted on two threads.
  CostFigures Finish(const RuleSet& rules, int threads = 1) &&;

 private:
  friend std::vector<HomogeneityRow> CostHomogeneity(
      absl::Span<const CostedPeriod> periods);
  friend VarianceExplained ClusterRSquared(
      absl::Span<const CostedPeriod> periods, const RuleSet& rules,
      std::optional<Superclass> within);
  VarianceExplained RSquared(const RuleSet& rules,
                             std::optional<Superclass> within) const;
  // Sorts the values: R-squared is to be taken first.
  std::vector<HomogeneityRow> Homogeneity();

  // Per cluster index, in the order added: costs per period (whole
  // pence, so sorted as integers) and per day of periods with days.
  std::array<std::vector<int64_t>, Cluster::kCount> per_period_;
  std::array<std::vector<long double>, Cluster::kCount> per_day_;
  bool sorted_ = false;  // by Finish, before Homogeneity
};

}  // namespace mhpbr

#endif  // MHPBR_COST_HOMOGENEITY_H_
