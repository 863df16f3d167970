// Care-package catalogues, personal plans and unit costs in text format
// (package_text.h, costing_io.h) over arbitrary bytes. Byte 0 picks: 0 a
// catalogue, validated and, when valid, built and costed (each template's
// total must be its three tiers); 1 a plan against the example catalogue;
// 2 unit costs, which then cost one record of each kind.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "fuzz_input.h"
#include "mhpbr/activity.h"
#include "mhpbr/care_package.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/package_text.h"
#include "mhpbr/personal_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const auto* costs = new mhpbr::UnitCosts(*mhpbr::ExampleUnitCosts());
  static const auto* catalogue =
      new std::shared_ptr<const mhpbr::PackageCatalogue>(
          *mhpbr::ExamplePackageCatalogue());
  const absl::string_view text(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto contents = mhpbr::ParsePackageCatalogueText(text, "fuzz");
      if (!contents.ok()) return 0;
      const std::vector<mhpbr::PackageProblem> problems =
          mhpbr::ValidateCatalogue(*contents, costs);
      for (const mhpbr::PackageProblem& p : problems) {
        MHPBR_FUZZ_CHECK(!p.ToString().empty());
      }
      auto built = mhpbr::PackageCatalogue::Create(*contents);
      // Valid with unit costs implies valid without them.
      if (problems.empty()) MHPBR_FUZZ_CHECK(built.ok());
      if (!built.ok()) return 0;
      auto rows = mhpbr::CostCatalogue(**built, *costs);
      if (!rows.ok()) return 0;
      for (const mhpbr::PackageCost& c : *rows) {
        MHPBR_FUZZ_CHECK(absl::int128(c.core_pence) + c.essential_pence +
                             c.variance_pence ==
                         c.total_pence);
      }
      return 0;
    }
    case 1: {
      auto choices = mhpbr::ParsePlanText(text, "fuzz");
      if (!choices.ok()) return 0;
      auto plan = mhpbr::BuildPlan(*choices, **catalogue, *costs);
      if (!plan.ok()) {
        MHPBR_FUZZ_CHECK(!plan.status().message().empty());
        return 0;
      }
      for (const mhpbr::PlannedElement& e : plan->elements) {
        MHPBR_FUZZ_CHECK(e.planned_pence >= 0);
      }
      MHPBR_FUZZ_CHECK(plan->notional_budget_pence >= 0);
      return 0;
    }
    default: {
      auto c = mhpbr::ParseUnitCostsText(text, "fuzz");
      if (!c.ok()) return 0;
      mhpbr::ActivityRecord r;
      r.kind = mhpbr::ActivityKind::kContact;
      r.staff_group = "pwp";
      r.minutes = INT64_MAX / 7;
      (void)mhpbr::RecordCost(r, *c);
      r.kind = mhpbr::ActivityKind::kGroup;
      r.attendees = 3;
      (void)mhpbr::RecordCost(r, *c);
      r.kind = mhpbr::ActivityKind::kBedDay;
      r.ward = "picu";
      r.count = INT64_MAX;
      (void)mhpbr::RecordCost(r, *c);
      r.kind = mhpbr::ActivityKind::kOther;
      r.cost_pence = INT64_MAX;
      auto cost = mhpbr::RecordCost(r, *c);
      if (cost.ok()) MHPBR_FUZZ_CHECK(*cost >= 0);
      return 0;
    }
  }
}
