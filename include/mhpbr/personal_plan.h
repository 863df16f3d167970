// A personal care plan: a cluster's template instantiated for one person and
// one cluster period, with the person's own choices (elements declined or
// added, preferred setting and provider) and whether they take a personal
// health budget or direct payment. Its notional personal budget is the
// planned cost of the chosen elements for the period.
//
//   auto plan = mhpbr::BuildPlan(choices, **catalogue, unit_costs);
//   plan->notional_budget_pence ...

#ifndef MHPBR_PERSONAL_PLAN_H_
#define MHPBR_PERSONAL_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mhpbr/care_package.h"
#include "mhpbr/care_plan.h"
#include "mhpbr/cluster.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// Fails, naming the element and field, when the cluster has no template, a
// chosen id is not an essential or variance element of it, a declined id is
// not in it, an id is both chosen and declined, an added element is invalid
// or reuses a catalogue id, or a reason is missing.
absl::StatusOr<PersonalPlan> BuildPlan(const PlanChoices& choices,
                                       const PackageCatalogue& catalogue,
                                       const UnitCosts& costs);

}  // namespace mhpbr

#endif  // MHPBR_PERSONAL_PLAN_H_
