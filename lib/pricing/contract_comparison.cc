#include "mhpbr/contract_comparison.h"

#include <array>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

// a - b, failing (naming `what`) rather than wrapping.
absl::StatusOr<int64_t> Difference(int64_t a, int64_t b,
                                   absl::string_view what) {
  absl::StatusOr<int64_t> d = RoundDiv(Int128(a) - Int128(b), 1);
  if (!d.ok()) {
    return absl::OutOfRangeError(
        absl::StrCat(what, ": the difference overflows 64-bit pence"));
  }
  return d;
}

}  // namespace

absl::StatusOr<Comparison> CompareContracts(
    absl::Span<const PeriodToPrice> periods,
    absl::Span<const Scenario> scenarios, const RuleSet& rules) {
  if (scenarios.size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a comparison needs at least two scenarios, got ", scenarios.size()));
  }
  absl::flat_hash_set<absl::string_view> names;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    const Scenario& s = scenarios[i];
    if (s.name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("scenario ", i + 1, ": the name is empty"));
    }
    if (!names.insert(s.name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("scenario ", s.name, ": the name is given twice"));
    }
    if (s.contract.year_start != scenarios[0].contract.year_start) {
      return absl::InvalidArgumentError(
          absl::StrCat("scenario ", s.name, ": contract year_start ",
                       FormatIsoDate(s.contract.year_start),
                       " differs from scenario ", scenarios[0].name, "'s ",
                       FormatIsoDate(scenarios[0].contract.year_start),
                       " (the periods are compared over one contract year)"));
    }
  }

  Comparison out;
  out.scenarios.reserve(scenarios.size());
  // Per cluster index, one amount per scenario; `seen` marks clusters with
  // a period in some scenario.
  std::array<std::vector<ClusterScenarioAmount>, Cluster::kCount> amounts;
  std::array<std::optional<Cluster>, Cluster::kCount> seen{};
  for (size_t i = 0; i < scenarios.size(); ++i) {
    const Scenario& s = scenarios[i];
    absl::StatusOr<Statement> st = PriceContract(periods, s.one_offs, s.tariff,
                                                 s.contract, rules, s.measured);
    if (!st.ok()) {
      return absl::Status(
          st.status().code(),
          absl::StrCat("scenario ", s.name, ": ", st.status().message()));
    }
    ScenarioResult& r = out.scenarios.emplace_back();
    r.name = s.name;
    r.lines = static_cast<int64_t>(st->lines.size());
    r.totals = st->totals;
    r.decoupled = st->decoupled;
    for (const ClusterStatement& c : st->clusters) {
      const int k = c.cluster.index();
      seen[k] = c.cluster;
      amounts[k].resize(scenarios.size());
      ClusterScenarioAmount& a = amounts[k][i];
      a.periods = c.periods;
      a.days = c.days;
      a.amount_pence = c.amount_pence;
    }
  }

  const int64_t base_payment = out.scenarios[0].totals.payment_pence;
  for (ScenarioResult& r : out.scenarios) {
    MHPBR_ASSIGN_OR_RETURN(
        r.difference_pence,
        Difference(r.totals.payment_pence, base_payment,
                   absl::StrCat("scenario ", r.name, " payment_pence")));
  }
  for (int k = 0; k < Cluster::kCount; ++k) {
    if (!seen[k]) continue;
    ClusterComparison& c = out.clusters.emplace_back();
    c.cluster = *seen[k];
    c.scenarios = std::move(amounts[k]);
    const int64_t base = c.scenarios[0].amount_pence;
    for (size_t i = 0; i < c.scenarios.size(); ++i) {
      MHPBR_ASSIGN_OR_RETURN(
          c.scenarios[i].difference_pence,
          Difference(c.scenarios[i].amount_pence, base,
                     absl::StrCat("scenario ", scenarios[i].name, " cluster ",
                                  c.cluster.code(), " amount_pence")));
    }
  }
  return out;
}

}  // namespace mhpbr
