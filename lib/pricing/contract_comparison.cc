#include "mhpbr/contract_comparison.h"

#include <array>
#include <map>
#include <optional>
#include <string>
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

// Every commissioner's periods and one-offs under every scenario: each
// period priced by the scenario's PeriodPricer (the line PriceContract
// writes for it) and each one-off's line of the statement (one-off lines
// come first, in input order).
class CommissionerAmounts {
 public:
  CommissionerAmounts(absl::Span<const PeriodToPrice> periods,
                      absl::Span<const Scenario> scenarios)
      : periods_(periods), n_(scenarios.size()) {
    for (const PeriodToPrice& p : periods) named_ |= !p.commissioner.empty();
    for (const Scenario& s : scenarios) {
      for (const OneOff& o : s.one_offs) named_ |= !o.commissioner.empty();
    }
  }

  bool wanted() const { return named_; }

  absl::Status Add(size_t scenario, const Scenario& s, const Statement& st,
                   const RuleSet& rules) {
    MHPBR_ASSIGN_OR_RETURN(PeriodPricer pricer,
                           PeriodPricer::Create(s.tariff, s.contract, rules));
    StatementLine line;
    for (const PeriodToPrice& p : periods_) {
      MHPBR_ASSIGN_OR_RETURN(bool in_year, pricer.PriceInto(p, &line));
      if (!in_year) continue;
      Sum& sum = At(p.commissioner, scenario);
      ++sum.periods;
      sum.days += line.days_in_year;
      sum.amount += line.amount_pence;
    }
    size_t k = 0;
    for (const StatementLine& l : st.lines) {
      if (!l.one_off || k == s.one_offs.size()) continue;
      At(s.one_offs[k++].commissioner, scenario).amount += l.amount_pence;
    }
    return absl::OkStatus();
  }

  // Named commissioners by code, then the records naming none.
  absl::StatusOr<std::vector<CommissionerComparison>> Finish(
      absl::Span<const Scenario> scenarios) {
    std::vector<CommissionerComparison> out;
    auto emit = [&](const std::string& name,
                    const std::vector<Sum>& sums) -> absl::Status {
      CommissionerComparison& c = out.emplace_back();
      c.commissioner = name;
      for (size_t i = 0; i < sums.size(); ++i) {
        ClusterScenarioAmount& a = c.scenarios.emplace_back();
        a.periods = sums[i].periods;
        a.days = sums[i].days;
        const std::string what = absl::StrCat("scenario ", scenarios[i].name,
                                              " commissioner '", name, "'");
        absl::StatusOr<int64_t> amount = RoundDiv(sums[i].amount, 1);
        if (!amount.ok()) {
          return absl::OutOfRangeError(absl::StrCat(
              what, " amount_pence: the sum overflows 64-bit pence"));
        }
        a.amount_pence = *amount;
        MHPBR_ASSIGN_OR_RETURN(
            a.difference_pence,
            Difference(a.amount_pence, c.scenarios[0].amount_pence,
                       absl::StrCat(what, " amount_pence")));
      }
      return absl::OkStatus();
    };
    for (const auto& [name, sums] : sums_) {
      if (!name.empty()) MHPBR_RETURN_IF_ERROR(emit(name, sums));
    }
    if (auto none = sums_.find(""); none != sums_.end()) {
      MHPBR_RETURN_IF_ERROR(emit("", none->second));
    }
    return out;
  }

 private:
  struct Sum {
    int64_t periods = 0;
    int64_t days = 0;
    Int128 amount = 0;  // lines are int64; their sum may not be
  };
  Sum& At(const std::string& commissioner, size_t scenario) {
    std::vector<Sum>& sums = sums_[commissioner];
    sums.resize(n_);
    return sums[scenario];
  }

  absl::Span<const PeriodToPrice> periods_;
  size_t n_;
  bool named_ = false;
  std::map<std::string, std::vector<Sum>> sums_;
};

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
  CommissionerAmounts by_commissioner(periods, scenarios);
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
    if (by_commissioner.wanted()) {
      MHPBR_RETURN_IF_ERROR(by_commissioner.Add(i, s, *st, rules));
    }
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
  if (by_commissioner.wanted()) {
    MHPBR_ASSIGN_OR_RETURN(out.commissioners,
                           by_commissioner.Finish(scenarios));
  }
  return out;
}

}  // namespace mhpbr
