#include "lib/codec/compare_proto.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/pricing_proto.h"

namespace mhpbr {
namespace {

// The pricing codec names fields from the request's top
// ("tariff.entries[0]: ..."); inside a scenario they sit one level down.
absl::Status InScenario(int i, const absl::Status& s) {
  return absl::Status(s.code(),
                      absl::StrCat("scenarios[", i, "].", s.message()));
}

}  // namespace

std::vector<Scenario> CompareRequestContents::Scenarios() const {
  std::vector<Scenario> out;
  out.reserve(inputs.size());
  for (const ScenarioInputs& s : inputs) {
    out.push_back(
        Scenario{s.name, s.contract, s.tariff, s.one_offs, s.indicators});
  }
  return out;
}

absl::StatusOr<CompareRequestContents> CompareRequestFromProto(
    const v1::CompareRequest& request) {
  if (request.scenarios_size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("scenarios: a comparison needs at least two, got ",
                     request.scenarios_size()));
  }
  CompareRequestContents out;
  auto periods = PeriodsFromProto(request.periods());
  if (!periods.ok()) return periods.status();
  out.periods = *std::move(periods);
  absl::flat_hash_map<std::string, int> seen;
  out.inputs.reserve(request.scenarios_size());
  for (int i = 0; i < request.scenarios_size(); ++i) {
    const v1::CompareScenario& s = request.scenarios(i);
    if (s.name().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("scenarios[", i, "].name: empty"));
    }
    if (auto [at, fresh] = seen.emplace(s.name(), i); !fresh) {
      return absl::InvalidArgumentError(
          absl::StrCat("scenarios[", i, "].name: '", s.name(),
                       "' is given twice (also scenarios[", at->second, "])"));
    }
    auto contract = ContractFromProto(s.contract());
    if (!contract.ok()) return InScenario(i, contract.status());
    auto tariff = TariffFromProto(s.tariff());
    if (!tariff.ok()) return InScenario(i, tariff.status());
    auto indicators = IndicatorsFromProto(s.indicators());
    if (!indicators.ok()) return InScenario(i, indicators.status());
    out.inputs.push_back(
        ScenarioInputs{s.name(), *std::move(contract), *std::move(tariff),
                       OneOffsFromProto(s.one_offs()), *std::move(indicators)});
  }
  return out;
}

v1::CompareResponse ComparisonToProto(const Comparison& c) {
  v1::CompareResponse out;
  for (const ScenarioResult& r : c.scenarios) {
    v1::ScenarioResult* p = out.add_scenarios();
    p->set_name(r.name);
    p->set_lines(r.lines);
    StatementTotalsToProto(r.totals, r.decoupled, p->mutable_totals());
    p->set_decoupled(r.decoupled);
    p->set_difference_pence(r.difference_pence);
  }
  // One scenario's amounts of a cluster or a commissioner.
  auto amounts = [&](const std::vector<ClusterScenarioAmount>& in, auto* list) {
    for (size_t i = 0; i < in.size(); ++i) {
      v1::ClusterScenarioAmount* q = list->Add();
      q->set_scenario(c.scenarios[i].name);
      q->set_periods(in[i].periods);
      q->set_days(in[i].days);
      q->set_amount_pence(in[i].amount_pence);
      q->set_difference_pence(in[i].difference_pence);
    }
  };
  for (const ClusterComparison& k : c.clusters) {
    v1::ClusterComparison* p = out.add_clusters();
    p->set_cluster(k.cluster.code());
    amounts(k.scenarios, p->mutable_scenarios());
  }
  for (const CommissionerComparison& k : c.commissioners) {
    v1::CommissionerComparison* p = out.add_commissioners();
    p->set_commissioner(k.commissioner);
    amounts(k.scenarios, p->mutable_scenarios());
  }
  return out;
}

}  // namespace mhpbr
