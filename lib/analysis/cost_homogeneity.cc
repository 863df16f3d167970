#include "mhpbr/cost_homogeneity.h"

#include <algorithm>
#include <map>

#include "mhpbr/statistics.h"

namespace mhpbr {

absl::string_view CostMeasureName(CostMeasure m) {
  return m == CostMeasure::kPerDay ? "per_day" : "per_period";
}

namespace {

long double Value(const CostedPeriod& p, CostMeasure m) {
  return m == CostMeasure::kPerDay
             ? static_cast<long double>(p.cost_pence) / p.days
             : static_cast<long double>(p.cost_pence);
}

bool Counts(const CostedPeriod& p, CostMeasure m) {
  return m == CostMeasure::kPerPeriod || p.days > 0;
}

std::optional<long double> RSquared(
    const std::map<int, std::vector<long double>>& groups) {
  long double sum = 0;
  size_t n = 0;
  for (const auto& [k, v] : groups) {
    for (long double x : v) sum += x;
    n += v.size();
  }
  if (n < 2) return std::nullopt;
  const long double grand = sum / n;
  long double total = 0, between = 0;
  for (const auto& [k, v] : groups) {
    long double group_sum = 0;
    for (long double x : v) {
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

}  // namespace

std::vector<HomogeneityRow> CostHomogeneity(
    absl::Span<const CostedPeriod> periods) {
  std::map<std::pair<int, int>, std::vector<long double>> values;
  for (const CostedPeriod& p : periods) {
    for (CostMeasure m : {CostMeasure::kPerDay, CostMeasure::kPerPeriod}) {
      if (Counts(p, m)) {
        values[{p.period.cluster.code(), static_cast<int>(m)}].push_back(
            Value(p, m));
      }
    }
  }
  std::vector<HomogeneityRow> out;
  for (auto& [key, v] : values) {
    std::sort(v.begin(), v.end());
    HomogeneityRow row;
    row.cluster = *Cluster::FromCode(key.first);
    row.measure = static_cast<CostMeasure>(key.second);
    const Describe d = DescribeValues(v);
    row.periods = static_cast<int64_t>(d.n);
    row.mean = d.mean;
    row.sd = d.sd;
    row.cv = d.cv;
    row.median = Quantile7(v, 0.5L);
    row.p5 = Quantile7(v, 0.05L);
    row.p25 = Quantile7(v, 0.25L);
    row.p75 = Quantile7(v, 0.75L);
    row.p95 = Quantile7(v, 0.95L);
    out.push_back(row);
  }
  return out;
}

VarianceExplained ClusterRSquared(absl::Span<const CostedPeriod> periods,
                                  const RuleSet& rules,
                                  std::optional<Superclass> within) {
  std::map<int, std::vector<long double>> per_period, per_day;
  for (const CostedPeriod& p : periods) {
    const Cluster c = p.period.cluster;
    if (c.is_variance()) continue;
    if (within && rules.cluster(c).superclass != *within) continue;
    per_period[c.code()].push_back(Value(p, CostMeasure::kPerPeriod));
    if (p.days > 0) per_day[c.code()].push_back(Value(p, CostMeasure::kPerDay));
  }
  return {RSquared(per_period), RSquared(per_day)};
}

}  // namespace mhpbr
