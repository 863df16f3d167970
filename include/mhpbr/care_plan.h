// A person's care plan as data: their choices from a cluster's package
// template, and the plan built from them (BuildPlan, personal_plan.h).

#ifndef MHPBR_CARE_PLAN_H_
#define MHPBR_CARE_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/care_package.h"
#include "mhpbr/cluster.h"

namespace mhpbr {

enum class BudgetType : uint8_t {
  kNone = 0,  // services commissioned as usual
  kPersonalHealthBudget = 1,
  kDirectPayment = 2,
};
// "none", "personal_health_budget" or "direct_payment".
absl::string_view BudgetTypeName(BudgetType b);

// What the person and clinician chose.
struct PlanChoices {
  std::string patient_id;
  Cluster cluster;
  absl::CivilDay period_start;
  std::optional<absl::CivilDay> period_end;
  // Essential and variance elements of the template that apply.
  std::vector<std::string> chosen;
  // Template elements declined: (element id, reason).
  std::vector<std::pair<std::string, std::string>> declined;
  // Elements from outside the template, each with why.
  std::vector<PackageElement> added;
  std::vector<std::string> added_reasons;
  CareSetting preferred_setting = CareSetting::kUnspecified;
  std::string preferred_provider;
  BudgetType budget = BudgetType::kNone;
};

enum class PlanOrigin : uint8_t { kTemplate = 0, kAdded = 1 };

struct PlannedElement {
  PackageElement element;
  PlanOrigin origin = PlanOrigin::kTemplate;
  std::string reason;  // why added
  // This element's planned cost, rounded for display; the budget sums the
  // exact costs and rounds once.
  int64_t planned_pence = 0;
};

struct PersonalPlan {
  PlanChoices choices;
  // Core elements not declined, then the chosen ones, then those added.
  std::vector<PlannedElement> elements;
  // Template elements neither planned nor declined (essential and variance
  // elements not chosen), for a clinician to see what else exists.
  std::vector<std::string> not_chosen;
  int64_t notional_budget_pence = 0;
};

}  // namespace mhpbr

#endif  // MHPBR_CARE_PLAN_H_
