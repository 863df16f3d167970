// Reading care-package catalogues and personal plans in protobuf text
// format (mhpbr.v1.PackageCatalogue, mhpbr.v1.PersonalPlan in
// proto/mhpbr/v1/care_package.proto), and the built-in examples.
//
//   auto contents = mhpbr::LoadPackageCatalogueFile("ours.textproto");
//   for (const auto& p : mhpbr::ValidateCatalogue(*contents)) report(p);

#ifndef MHPBR_PACKAGE_TEXT_H_
#define MHPBR_PACKAGE_TEXT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/care_package.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// The example catalogue compiled into the library: one template for each of
// the 21 clusters, built from NICE-recommended interventions. An example a
// trust replaces with its own, and labelled so in its source.
absl::StatusOr<std::shared_ptr<const PackageCatalogue>>
ExamplePackageCatalogue();
absl::string_view ExamplePackageCatalogueText();

// Illustrative unit costs compiled in, used when none are given; their
// source says they are not any trust's.
absl::StatusOr<UnitCosts> ExampleUnitCosts();

// Parses without validating (so every problem can be listed); errors are
// only of the text format, with line and column.
absl::StatusOr<PackageCatalogueContents> ParsePackageCatalogueText(
    absl::string_view text, absl::string_view source_name);
absl::StatusOr<PackageCatalogueContents> LoadPackageCatalogueFile(
    const std::string& path);

absl::StatusOr<PlanChoices> ParsePlanText(absl::string_view text,
                                          absl::string_view source_name);
absl::StatusOr<PlanChoices> LoadPlanFile(const std::string& path);

}  // namespace mhpbr

#endif  // MHPBR_PACKAGE_TEXT_H_
