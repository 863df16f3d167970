#include "mhpbr/cost_homogeneity.h"

#include <algorithm>
#include <array>
#include <optional>
#include <thread>
#include <vector>

#include "lib/analysis/radix_sort.h"
#include "mhpbr/statistics.h"

namespace mhpbr {

absl::string_view CostMeasureName(CostMeasure m) {
  return m == CostMeasure::kPerDay ? "per_day" : "per_period";
}

namespace {

// Over the groups `include` takes, in cluster order and each group in the
// order added, as the sums of costs per day are not exact.
template <typename T, typename Include>
std::optional<long double> RSquaredOver(
    const std::array<std::vector<T>, Cluster::kCount>& groups,
    Include include) {
  long double sum = 0;
  size_t n = 0;
  for (int k = 0; k < Cluster::kCount; ++k) {
    if (!include(k)) continue;
    for (const T x : groups[k]) sum += static_cast<long double>(x);
    n += groups[k].size();
  }
  if (n < 2) return std::nullopt;
  const long double grand = sum / n;
  long double total = 0, between = 0;
  for (int k = 0; k < Cluster::kCount; ++k) {
    const std::vector<T>& v = groups[k];
    if (!include(k) || v.empty()) continue;
    long double group_sum = 0;
    for (const T t : v) {
      const long double x = static_cast<long double>(t);
      group_sum += x;
      total += (x - grand) * (x - grand);
    }
    const long double mean = group_sum / v.size();
    between += v.size() * (mean - grand) * (mean - grand);
  }
  // Costs per day are not exact in binary: equal ones can leave a total a
  // few ulps above zero, which is no variance to explain.
  if (total <= 1e-12L * grand * grand * n) return std::nullopt;
  return between / total;
}

// REQUIRES: `sorted` ascending and not empty.
HomogeneityRow Row(Cluster cluster, CostMeasure measure,
                   absl::Span<const long double> sorted) {
  HomogeneityRow row;
  row.cluster = cluster;
  row.measure = measure;
  const Describe d = DescribeValues(sorted);
  row.periods = static_cast<int64_t>(d.n);
  row.mean = d.mean;
  row.sd = d.sd;
  row.cv = d.cv;
  row.median = Quantile7(sorted, 0.5L);
  row.p5 = Quantile7(sorted, 0.05L);
  row.p25 = Quantile7(sorted, 0.25L);
  row.p75 = Quantile7(sorted, 0.75L);
  row.p95 = Quantile7(sorted, 0.95L);
  return row;
}

}  // namespace

void CostTally::Add(Cluster cluster, int64_t days, int64_t cost_pence) {
  const int k = cluster.index();
  per_period_[k].push_back(cost_pence);
  if (days > 0) {
    per_day_[k].push_back(static_cast<long double>(cost_pence) / days);
  }
}

VarianceExplained CostTally::RSquared(const RuleSet& rules,
                                      std::optional<Superclass> within) const {
  auto include = [&](int k) {
    const Cluster c = Cluster::FromIndex(k);
    if (c.is_variance()) return false;
    return !within || rules.cluster(c).superclass == *within;
  };
  return {RSquaredOver(per_period_, include), RSquaredOver(per_day_, include)};
}

std::vector<HomogeneityRow> CostTally::Homogeneity() {
  std::vector<HomogeneityRow> out;
  std::vector<long double> values;
  for (int k = 0; k < Cluster::kCount; ++k) {
    const Cluster c = Cluster::FromIndex(k);
    std::vector<long double>& per_day = per_day_[k];
    if (!per_day.empty()) {
      if (!sorted_) SortAscending(per_day);
      out.push_back(Row(c, CostMeasure::kPerDay, per_day));
    }
    std::vector<int64_t>& per_period = per_period_[k];
    if (!per_period.empty()) {
      // Integers sort several times faster than extended-precision values
      // and convert exactly.
      if (!sorted_) SortAscending(per_period);
      values.assign(per_period.begin(), per_period.end());
      out.push_back(Row(c, CostMeasure::kPerPeriod, values));
    }
  }
  return out;
}

void CostTally::Append(CostTally&& later) {
  for (int k = 0; k < Cluster::kCount; ++k) {
    per_period_[k].insert(per_period_[k].end(), later.per_period_[k].begin(),
                          later.per_period_[k].end());
    per_day_[k].insert(per_day_[k].end(), later.per_day_[k].begin(),
                       later.per_day_[k].end());
  }
}

CostFigures CostTally::Finish(const RuleSet& rules, int threads) && {
  CostFigures f;
  f.r_squared = RSquared(rules, std::nullopt);
  for (Superclass s : {Superclass::kNonPsychotic, Superclass::kPsychotic,
                       Superclass::kOrganic}) {
    f.r_squared_by_superclass.emplace_back(s, RSquared(rules, s));
  }
  if (threads > 1) {
    // A national year's 3 M periods, twice: the sorts are most of the time
    // here. The costs per day and per period are apart.
    std::thread per_day([this] {
      for (std::vector<long double>& v : per_day_) SortAscending(v);
    });
    for (std::vector<int64_t>& v : per_period_) SortAscending(v);
    per_day.join();
    sorted_ = true;
  }
  f.homogeneity = Homogeneity();
  return f;
}

std::vector<HomogeneityRow> CostHomogeneity(
    absl::Span<const CostedPeriod> periods) {
  CostTally tally;
  for (const CostedPeriod& p : periods) tally.Add(p);
  return tally.Homogeneity();
}

VarianceExplained ClusterRSquared(absl::Span<const CostedPeriod> periods,
                                  const RuleSet& rules,
                                  std::optional<Superclass> within) {
  CostTally tally;
  for (const CostedPeriod& p : periods) tally.Add(p);
  return tally.RSquared(rules, within);
}

}  // namespace mhpbr
