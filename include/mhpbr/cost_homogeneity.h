// How alike the costs are within each cluster, and how much of the
// variation in cost the clusters explain: the payers' first question of a
// currency (is it a fair basis for payment?).
//
//   std::vector<mhpbr::HomogeneityRow> rows = mhpbr::CostHomogeneity(costed);
//   mhpbr::VarianceExplained r2 = mhpbr::ClusterRSquared(costed, rules);

#ifndef MHPBR_COST_HOMOGENEITY_H_
#define MHPBR_COST_HOMOGENEITY_H_

#include <cstdint>
#include <optional>
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

}  // namespace mhpbr

#endif  // MHPBR_COST_HOMOGENEITY_H_
