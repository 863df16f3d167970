#include "mhpbr/personal_plan.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::string_view BudgetTypeName(BudgetType b) {
  switch (b) {
    case BudgetType::kNone:
      return "none";
    case BudgetType::kPersonalHealthBudget:
      return "personal_health_budget";
    case BudgetType::kDirectPayment:
      return "direct_payment";
  }
  return "none";
}

absl::StatusOr<PersonalPlan> BuildPlan(const PlanChoices& choices,
                                       const PackageCatalogue& catalogue,
                                       const UnitCosts& costs) {
  auto bad = [](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("plan ", what));
  };
  const PackageTemplate* t = catalogue.Find(choices.cluster);
  if (t == nullptr) {
    return bad(absl::StrCat("cluster ", choices.cluster.code(),
                            ": the catalogue has no template for it"));
  }
  if (choices.period_end && *choices.period_end < choices.period_start) {
    return bad("period_end: before period_start");
  }
  absl::flat_hash_set<std::string> in_template, chosen, declined;
  for (const PackageElement& e : t->elements) in_template.insert(e.id);
  for (const std::string& id : choices.chosen) {
    const PackageElement* e = catalogue.FindElement(id);
    if (e == nullptr || !in_template.contains(id)) {
      return bad(absl::StrCat("chosen ", id, ": not an element of cluster ",
                              choices.cluster.code(), "'s template"));
    }
    if (e->tier == Tier::kCore) {
      return bad(absl::StrCat("chosen ", id,
                              ": a core element is planned for everyone and "
                              "need not be chosen"));
    }
    if (!chosen.insert(id).second) {
      return bad(absl::StrCat("chosen ", id, ": listed twice"));
    }
  }
  for (const auto& [id, reason] : choices.declined) {
    if (!in_template.contains(id)) {
      return bad(absl::StrCat("declined ", id, ": not an element of cluster ",
                              choices.cluster.code(), "'s template"));
    }
    if (chosen.contains(id)) {
      return bad(absl::StrCat("declined ", id, ": also chosen"));
    }
    if (reason.empty()) {
      return bad(absl::StrCat("declined ", id, ": the reason is missing"));
    }
    declined.insert(id);
  }
  if (choices.added.size() != choices.added_reasons.size()) {
    return bad("added_reasons: one reason is needed for each added element");
  }

  PersonalPlan plan;
  plan.choices = choices;
  Int128 budget = 0;  // in 1/kPackageCostDenominator pence
  auto plan_element = [&](const PackageElement& e, PlanOrigin origin,
                          std::string reason) -> absl::Status {
    MHPBR_ASSIGN_OR_RETURN(Int128 full, ElementCost(e, kPpm, costs));
    budget += full;
    PlannedElement p{e, origin, std::move(reason), 0};
    MHPBR_ASSIGN_OR_RETURN(p.planned_pence,
                           RoundDiv(full, kPackageCostDenominator));
    plan.elements.push_back(std::move(p));
    return absl::OkStatus();
  };
  // Core elements first, then the chosen ones, each in template order.
  for (const PackageElement& e : t->elements) {
    if (e.tier == Tier::kCore && !declined.contains(e.id)) {
      MHPBR_RETURN_IF_ERROR(plan_element(e, PlanOrigin::kTemplate, ""));
    }
  }
  for (const PackageElement& e : t->elements) {
    if (e.tier == Tier::kCore || declined.contains(e.id)) continue;
    if (chosen.contains(e.id)) {
      MHPBR_RETURN_IF_ERROR(plan_element(e, PlanOrigin::kTemplate, ""));
    } else {
      plan.not_chosen.push_back(e.id);
    }
  }
  absl::flat_hash_set<std::string> added_ids;
  for (size_t i = 0; i < choices.added.size(); ++i) {
    const PackageElement& e = choices.added[i];
    std::vector<PackageProblem> problems = ValidateElement(
        e, choices.cluster.code(), /*in_template=*/false, &costs);
    if (!problems.empty())
      return bad(absl::StrCat("added ", problems[0].ToString()));
    if (catalogue.FindElement(e.id) != nullptr ||
        !added_ids.insert(e.id).second) {
      return bad(absl::StrCat("added ", e.id,
                              ": the id is already used; choose the template "
                              "element or a new id"));
    }
    if (choices.added_reasons[i].empty()) {
      return bad(absl::StrCat("added ", e.id, ": the reason is missing"));
    }
    MHPBR_RETURN_IF_ERROR(
        plan_element(e, PlanOrigin::kAdded, choices.added_reasons[i]));
  }
  MHPBR_ASSIGN_OR_RETURN(plan.notional_budget_pence,
                         RoundDiv(budget, kPackageCostDenominator));
  return plan;
}

}  // namespace mhpbr
