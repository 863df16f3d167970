#include "mhpbr/package_text.h"

#include "absl/strings/str_cat.h"
#include "lib/codec/package_proto.h"
#include "lib/codec/text_proto.h"
#include "lib/rules/embedded_data.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::string_view ExamplePackageCatalogueText() {
  return absl::string_view(internal::kExampleCatalogueText,
                           internal::kExampleCatalogueTextSize);
}

absl::StatusOr<std::shared_ptr<const PackageCatalogue>>
ExamplePackageCatalogue() {
  MHPBR_ASSIGN_OR_RETURN(
      PackageCatalogueContents contents,
      ParsePackageCatalogueText(ExamplePackageCatalogueText(),
                                "example catalogue"));
  return PackageCatalogue::Create(std::move(contents));
}

absl::StatusOr<UnitCosts> ExampleUnitCosts() {
  return ParseUnitCostsText(
      absl::string_view(internal::kExampleUnitCostsText,
                        internal::kExampleUnitCostsTextSize),
      "example unit costs");
}

absl::StatusOr<PackageCatalogueContents> ParsePackageCatalogueText(
    absl::string_view text, absl::string_view source_name) {
  v1::PackageCatalogue proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  return CatalogueFromProto(proto);
}

absl::StatusOr<PackageCatalogueContents> LoadPackageCatalogueFile(
    const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParsePackageCatalogueText(text, path);
}

absl::StatusOr<PlanChoices> ParsePlanText(absl::string_view text,
                                          absl::string_view source_name) {
  v1::PersonalPlan proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  auto plan = PlanFromProto(proto);
  if (!plan.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", plan.status().message()));
  }
  return plan;
}

absl::StatusOr<PlanChoices> LoadPlanFile(const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParsePlanText(text, path);
}

}  // namespace mhpbr
