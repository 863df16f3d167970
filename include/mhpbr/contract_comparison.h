// What-if contracts: the same cluster periods priced under two or more
// contracts and tariffs, side by side per cluster and in total, with each
// scenario's differences from the first (the baseline). Each scenario is
// priced by PriceContract, so a scenario's figures are exactly those
// `mhpbr price` gives for its contract and tariff.
//
//   std::vector<mhpbr::Scenario> scenarios = {
//       {"block", block_contract, tariff_a},
//       {"cluster", plain_contract, tariff_a},
//       {"blended", blended_contract, tariff_b}};
//   absl::StatusOr<mhpbr::Comparison> c =
//       mhpbr::CompareContracts(periods, scenarios, *rules);
//
// The three kinds of contract, written with the one Contract type:
// - cluster tariff: no risk bands; the payment is the activity (every
//   period priced at its cluster's tariff price);
// - block: baseline_pence the block sum and one risk band from minus to
//   plus infinity at rate 0; the payment is the baseline whatever the
//   activity (the activity is still priced, and reported);
// - blended: a baseline and bands sharing the deviation, e.g. a cap and
//   collar: (-inf, -5%) at 0, [-5%, 5%) at 1000000, [5%, +inf) at 500000.
// Per cluster, and per commissioner when the periods or one-offs name
// one, a scenario's amount is the activity of those periods at the
// scenario's tariff and MFF (risk sharing and the withhold apply to the
// total only, as in a statement).
//
// Pure and thread-safe; memory holds one scenario's statement at a time.

#ifndef MHPBR_CONTRACT_COMPARISON_H_
#define MHPBR_CONTRACT_COMPARISON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/contract.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// One way of paying for the periods. REQUIRES: what it refers to outlives
// the CompareContracts call.
struct Scenario {
  // Non-empty and unique within a comparison.
  std::string name;
  const Contract& contract;
  const TariffSchedule& tariff;
  // Priced, count * price * MFF, into the scenario's activity.
  absl::Span<const OneOff> one_offs = {};
  // For outcomes paid on measured indicators (PriceContract's `measured`).
  absl::Span<const MeasuredIndicator> measured = {};
};

// One scenario's statement, without its lines.
struct ScenarioResult {
  std::string name;
  // Statement lines: periods overlapping the contract year, and one-offs.
  int64_t lines = 0;
  StatementTotals totals;
  bool decoupled = false;
  // payment_pence minus the baseline scenario's (0 for the baseline).
  int64_t difference_pence = 0;
};

// One cluster under one scenario.
struct ClusterScenarioAmount {
  int64_t periods = 0;
  int64_t days = 0;
  int64_t amount_pence = 0;
  // amount_pence minus the baseline scenario's for this cluster.
  int64_t difference_pence = 0;
};

struct ClusterComparison {
  Cluster cluster;
  // One per scenario, in scenario order; zeros where a scenario has no
  // period of the cluster in its contract year.
  std::vector<ClusterScenarioAmount> scenarios;
};

// One commissioner's periods and one-offs under every scenario (as per
// cluster: their activity at the scenario's tariff and MFF; risk sharing
// and outcomes apply to the whole contract only). `periods` and `days` count
// the periods in the contract year; one-offs add to the amount only.
struct CommissionerComparison {
  // Empty for the periods and one-offs that name no commissioner.
  std::string commissioner;
  // One per scenario, in scenario order.
  std::vector<ClusterScenarioAmount> scenarios;
};

struct Comparison {
  // In the order given; the first is the baseline.
  std::vector<ScenarioResult> scenarios;
  // Every cluster with a period in any scenario's contract year, by cluster.
  std::vector<ClusterComparison> clusters;
  // By the commissioner the periods and one-offs name (bytewise), those
  // naming none last; empty when no period or one-off names one.
  std::vector<CommissionerComparison> commissioners;
};

// Fails for fewer than two scenarios, an empty or repeated name, contracts
// whose years differ (the same periods are compared over one year), or any
// error PriceContract gives, prefixed with the scenario's name
// ("scenario block: contract risk_bands[0]: ...").
absl::StatusOr<Comparison> CompareContracts(
    absl::Span<const PeriodToPrice> periods,
    absl::Span<const Scenario> scenarios, const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_CONTRACT_COMPARISON_H_
