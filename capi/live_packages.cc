// Live calls on a care-package catalogue: a cluster's template, element by
// element, and its expected cost per review period. Everything is costed
// once, when the handle is made, by the same functions as `mhpbr package
// cost` (CostCatalogue, ElementCost).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/live_util.h"
#include "mhpbr.h"
#include "mhpbr/care_package.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/money.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/package_text.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/unit_costs.h"

namespace {

using mhpbr::capi::CheckSize;
using mhpbr::capi::InitSized;
using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;
using mhpbr::capi::ToCluster;

// One review period of the element at `share_ppm`, in pence, rounded once.
absl::StatusOr<int64_t> ElementPence(const mhpbr::PackageElement& e,
                                     int64_t share_ppm,
                                     const mhpbr::UnitCosts& costs) {
  MHPBR_ASSIGN_OR_RETURN(mhpbr::Int128 exact,
                         mhpbr::ElementCost(e, share_ppm, costs));
  return mhpbr::RoundDiv(exact, mhpbr::kPackageCostDenominator);
}

absl::StatusOr<std::unique_ptr<mhpbr_catalogue>> Build(
    absl::StatusOr<mhpbr::PackageCatalogueContents> contents,
    absl::StatusOr<mhpbr::UnitCosts> costs) {
  if (!contents.ok()) return contents.status();
  if (!costs.ok()) return costs.status();
  auto handle = std::make_unique<mhpbr_catalogue>();
  MHPBR_ASSIGN_OR_RETURN(handle->catalogue,
                         mhpbr::PackageCatalogue::Create(*std::move(contents)));
  // As `mhpbr package cost` costs the templates.
  MHPBR_ASSIGN_OR_RETURN(std::vector<mhpbr::PackageCost> template_costs,
                         mhpbr::CostCatalogue(*handle->catalogue, *costs));
  const auto& templates = handle->catalogue->templates();
  for (size_t i = 0; i < templates.size(); ++i) {
    const mhpbr::PackageTemplate& t = templates[i];
    mhpbr::Cluster cluster;
    MHPBR_RETURN_IF_ERROR(ToCluster(t.cluster_code, "cluster", &cluster));
    mhpbr_catalogue::Template& out = handle->templates[cluster.index()];
    out.present = true;
    out.cost = template_costs[i];
    for (mhpbr::Tier tier : {mhpbr::Tier::kCore, mhpbr::Tier::kEssential,
                             mhpbr::Tier::kVariance}) {
      for (const mhpbr::PackageElement& e : t.elements) {
        if (e.tier != tier) continue;
        mhpbr_catalogue::Element el;
        el.element = &e;
        el.share_ppm = tier == mhpbr::Tier::kCore ? mhpbr::kPpm : e.share_ppm;
        MHPBR_ASSIGN_OR_RETURN(el.cost_pence,
                               ElementPence(e, mhpbr::kPpm, *costs));
        MHPBR_ASSIGN_OR_RETURN(el.expected_cost_pence,
                               ElementPence(e, el.share_ppm, *costs));
        out.elements.push_back(el);
      }
    }
  }
  return handle;
}

mhpbr_code HandOut(absl::StatusOr<std::unique_ptr<mhpbr_catalogue>> handle,
                   mhpbr_catalogue** out, char** error) {
  if (!handle.ok()) return Report(handle.status(), error);
  *out = handle->release();
  return Ok(error);
}

// The template of `cluster`, or why there is none.
absl::StatusOr<const mhpbr_catalogue::Template*> Find(const mhpbr_catalogue& c,
                                                      int32_t cluster) {
  mhpbr::Cluster code;
  MHPBR_RETURN_IF_ERROR(ToCluster(cluster, "cluster", &code));
  const mhpbr_catalogue::Template& t = c.templates[code.index()];
  if (!t.present) {
    return absl::NotFoundError(
        absl::StrCat("cluster ", cluster, " has no template in the catalogue"));
  }
  return &t;
}

int32_t CSetting(mhpbr::CareSetting s) {
  switch (s) {
    case mhpbr::CareSetting::kCommunity:
      return MHPBR_SETTING_COMMUNITY;
    case mhpbr::CareSetting::kInpatient:
      return MHPBR_SETTING_INPATIENT;
    case mhpbr::CareSetting::kHome:
      return MHPBR_SETTING_HOME;
    case mhpbr::CareSetting::kUnspecified:
      break;
  }
  return MHPBR_SETTING_UNSPECIFIED;
}

}  // namespace

extern "C" {

void mhpbr_package_element_init_sized(mhpbr_package_element* element,
                                      size_t size) {
  InitSized(mhpbr_package_element MHPBR_PACKAGE_ELEMENT_INIT, element, size);
}

void mhpbr_template_cost_init_sized(mhpbr_template_cost* cost, size_t size) {
  InitSized(mhpbr_template_cost MHPBR_TEMPLATE_COST_INIT, cost, size);
}

mhpbr_code mhpbr_catalogue_create(const char* catalogue_text,
                                  size_t catalogue_length,
                                  const char* unit_costs_text,
                                  size_t unit_costs_length,
                                  mhpbr_catalogue** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  return HandOut(
      Build(catalogue_text == nullptr
                ? mhpbr::ParsePackageCatalogueText(
                      mhpbr::ExamplePackageCatalogueText(), "example catalogue")
                : mhpbr::ParsePackageCatalogueText(
                      absl::string_view(catalogue_text, catalogue_length),
                      "catalogue_text"),
            unit_costs_text == nullptr
                ? mhpbr::ExampleUnitCosts()
                : mhpbr::ParseUnitCostsText(
                      absl::string_view(unit_costs_text, unit_costs_length),
                      "unit_costs_text")),
      out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_catalogue_create_files(const char* catalogue_path,
                                        const char* unit_costs_path,
                                        mhpbr_catalogue** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  return HandOut(
      Build(catalogue_path == nullptr
                ? mhpbr::ParsePackageCatalogueText(
                      mhpbr::ExamplePackageCatalogueText(), "example catalogue")
                : mhpbr::LoadPackageCatalogueFile(catalogue_path),
            unit_costs_path == nullptr
                ? mhpbr::ExampleUnitCosts()
                : mhpbr::LoadUnitCostsFile(unit_costs_path)),
      out, error);
  MHPBR_C_CATCH(error)
}

void mhpbr_catalogue_destroy(mhpbr_catalogue* catalogue) { delete catalogue; }

mhpbr_code mhpbr_catalogue_element_count(const mhpbr_catalogue* cat,
                                         int32_t cluster, size_t* count,
                                         char** error) {
  MHPBR_C_TRY
  if (cat == nullptr) return Invalid(error, "catalogue is NULL");
  if (count == nullptr) return Invalid(error, "count is NULL");
  *count = 0;
  auto t = Find(*cat, cluster);
  if (!t.ok()) return Report(t.status(), error);
  *count = (*t)->elements.size();
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_catalogue_element(const mhpbr_catalogue* catalogue,
                                   int32_t cluster, size_t index,
                                   mhpbr_package_element* element,
                                   char** error) {
  MHPBR_C_TRY
  if (catalogue == nullptr) return Invalid(error, "catalogue is NULL");
  if (element == nullptr) return Invalid(error, "element is NULL");
  if (absl::Status s =
          CheckSize(*element, "element", "MHPBR_PACKAGE_ELEMENT_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  auto t = Find(*catalogue, cluster);
  if (!t.ok()) return Report(t.status(), error);
  const size_t n = (*t)->elements.size();
  if (index >= n) {
    return Report(absl::OutOfRangeError(
                      absl::StrCat("index ", index, " is not below cluster ",
                                   cluster, "'s element count ", n)),
                  error);
  }
  const mhpbr_catalogue::Element& el = (*t)->elements[index];
  const mhpbr::PackageElement& e = *el.element;
  element->cluster = cluster;
  element->tier = static_cast<int32_t>(e.tier.value_or(mhpbr::Tier::kCore));
  element->setting = CSetting(e.setting);
  element->id = e.id.c_str();
  element->name = e.name.c_str();
  element->intervention = e.intervention.c_str();
  element->guidance = e.guidance.c_str();
  element->staff_group = e.staff_group.c_str();
  element->ward = e.ward.c_str();
  element->share_ppm = el.share_ppm;
  element->contacts = e.contacts_per_period;
  element->minutes_per_contact = e.minutes_per_contact;
  element->bed_days = e.bed_days_per_period;
  element->cost_pence = el.cost_pence;
  element->expected_cost_pence = el.expected_cost_pence;
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_catalogue_template_cost(const mhpbr_catalogue* c,
                                         int32_t cluster,
                                         mhpbr_template_cost* cost,
                                         char** error) {
  MHPBR_C_TRY
  if (c == nullptr) return Invalid(error, "catalogue is NULL");
  if (cost == nullptr) return Invalid(error, "cost is NULL");
  if (absl::Status s = CheckSize(*cost, "cost", "MHPBR_TEMPLATE_COST_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  auto t = Find(*c, cluster);
  if (!t.ok()) return Report(t.status(), error);
  const mhpbr::PackageCost& p = (*t)->cost;
  cost->cluster = cluster;
  cost->core_pence = p.core_pence;
  cost->essential_pence = p.essential_pence;
  cost->variance_pence = p.variance_pence;
  cost->total_pence = p.total_pence;
  return Ok(error);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
