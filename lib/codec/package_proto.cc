#include "lib/codec/package_proto.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/codec/costing_proto.h"
#include "mhpbr/dates.h"
#include "mhpbr/package_text.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

CareSetting SettingFromProto(v1::PackageElement::Setting s) {
  switch (s) {
    case v1::PackageElement::COMMUNITY:
      return CareSetting::kCommunity;
    case v1::PackageElement::INPATIENT:
      return CareSetting::kInpatient;
    case v1::PackageElement::HOME:
      return CareSetting::kHome;
    default:
      return CareSetting::kUnspecified;
  }
}

v1::PackageElement::Setting SettingToProto(CareSetting s) {
  switch (s) {
    case CareSetting::kCommunity:
      return v1::PackageElement::COMMUNITY;
    case CareSetting::kInpatient:
      return v1::PackageElement::INPATIENT;
    case CareSetting::kHome:
      return v1::PackageElement::HOME;
    case CareSetting::kUnspecified:
      break;
  }
  return v1::PackageElement::SETTING_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const PackageCatalogue>> RequestCatalogue(
    const v1::PackageCatalogue& c) {
  if (c.templates_size() == 0 && c.source().empty()) {
    return ExamplePackageCatalogue();
  }
  return PackageCatalogue::Create(CatalogueFromProto(c));
}

absl::StatusOr<UnitCosts> RequestUnitCosts(const v1::UnitCosts& u) {
  if (u.source().empty() && u.staff_size() == 0 && u.ward_size() == 0) {
    return ExampleUnitCosts();
  }
  return UnitCostsFromProto(u);
}

PackageElement ElementFromProto(const v1::PackageElement& e) {
  PackageElement out;
  out.id = e.id();
  out.name = e.name();
  switch (e.tier()) {
    case v1::PackageElement::CORE:
      out.tier = Tier::kCore;
      break;
    case v1::PackageElement::ESSENTIAL:
      out.tier = Tier::kEssential;
      break;
    case v1::PackageElement::VARIANCE:
      out.tier = Tier::kVariance;
      break;
    default:
      break;
  }
  out.intervention = e.intervention();
  out.guidance = e.guidance();
  out.setting = SettingFromProto(e.setting());
  out.staff_group = e.staff_group();
  out.contacts_per_period = e.contacts_per_period();
  out.minutes_per_contact = e.minutes_per_contact();
  out.ward = e.ward();
  out.bed_days_per_period = e.bed_days_per_period();
  out.share_ppm = e.share_ppm();
  return out;
}

v1::PackageElement ElementToProto(const PackageElement& e) {
  v1::PackageElement out;
  out.set_id(e.id);
  out.set_name(e.name);
  if (e.tier) {
    out.set_tier(*e.tier == Tier::kCore        ? v1::PackageElement::CORE
                 : *e.tier == Tier::kEssential ? v1::PackageElement::ESSENTIAL
                                               : v1::PackageElement::VARIANCE);
  }
  out.set_intervention(e.intervention);
  out.set_guidance(e.guidance);
  out.set_setting(SettingToProto(e.setting));
  out.set_staff_group(e.staff_group);
  out.set_contacts_per_period(e.contacts_per_period);
  out.set_minutes_per_contact(e.minutes_per_contact);
  out.set_ward(e.ward);
  out.set_bed_days_per_period(e.bed_days_per_period);
  out.set_share_ppm(e.share_ppm);
  return out;
}

PackageCatalogueContents CatalogueFromProto(const v1::PackageCatalogue& c) {
  PackageCatalogueContents out;
  out.source = c.source();
  out.financial_year = c.financial_year();
  for (const v1::PackageTemplate& t : c.templates()) {
    PackageTemplate pt;
    pt.cluster_code = t.cluster();
    pt.notes = t.notes();
    for (const v1::PackageElement& e : t.elements()) {
      pt.elements.push_back(ElementFromProto(e));
    }
    out.templates.push_back(std::move(pt));
  }
  return out;
}

absl::StatusOr<PlanChoices> PlanFromProto(const v1::PersonalPlan& p) {
  PlanChoices out;
  out.patient_id = p.patient_id();
  auto cluster = Cluster::FromCode(p.cluster());
  if (!cluster.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("plan cluster: ", cluster.status().message()));
  }
  out.cluster = *cluster;
  auto start = ParseIsoDate(p.period_start());
  if (!start.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("plan period_start: ", start.status().message()));
  }
  out.period_start = *start;
  if (!p.period_end().empty()) {
    auto end = ParseIsoDate(p.period_end());
    if (!end.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("plan period_end: ", end.status().message()));
    }
    out.period_end = *end;
  }
  out.chosen.assign(p.chosen().begin(), p.chosen().end());
  for (const v1::PlanChoice& d : p.declined()) {
    out.declined.emplace_back(d.element_id(), d.reason());
  }
  for (const v1::PackageElement& e : p.added()) {
    out.added.push_back(ElementFromProto(e));
  }
  out.added_reasons.assign(p.added_reasons().begin(), p.added_reasons().end());
  out.preferred_setting = SettingFromProto(p.preferred_setting());
  out.preferred_provider = p.preferred_provider();
  switch (p.budget()) {
    case v1::PersonalPlan::PERSONAL_HEALTH_BUDGET:
      out.budget = BudgetType::kPersonalHealthBudget;
      break;
    case v1::PersonalPlan::DIRECT_PAYMENT:
      out.budget = BudgetType::kDirectPayment;
      break;
    default:
      out.budget = BudgetType::kNone;
  }
  return out;
}

void PackageCostsToProto(const std::vector<PackageCost>& rows,
                         v1::PackageCostResponse* out) {
  for (const PackageCost& c : rows) {
    v1::PackageCost* p = out->add_costs();
    p->set_cluster(c.cluster);
    p->set_core_pence(c.core_pence);
    p->set_essential_pence(c.essential_pence);
    p->set_variance_pence(c.variance_pence);
    p->set_total_pence(c.total_pence);
  }
}

void PlanToProto(const PersonalPlan& plan, v1::PlanResponse* out) {
  for (const PlannedElement& e : plan.elements) {
    v1::PlannedElement* p = out->add_elements();
    *p->mutable_element() = ElementToProto(e.element);
    p->set_added(e.origin == PlanOrigin::kAdded);
    p->set_reason(e.reason);
    p->set_planned_pence(e.planned_pence);
  }
  for (const std::string& id : plan.not_chosen) out->add_not_chosen(id);
  out->set_notional_budget_pence(plan.notional_budget_pence);
}

void DeliveryToProto(const DeliveryComparison& d, v1::PlanResponse* out) {
  for (const ElementDelivery& e : d.elements) {
    v1::ElementDelivery* p = out->add_delivery();
    p->set_element_id(e.element_id);
    p->set_planned_contacts(e.planned_contacts);
    p->set_delivered_contacts(e.delivered_contacts);
    p->set_planned_minutes(e.planned_minutes);
    p->set_delivered_minutes(e.delivered_minutes);
    p->set_planned_bed_days(e.planned_bed_days);
    p->set_delivered_bed_days(e.delivered_bed_days);
    p->set_planned_pence(e.planned_pence);
    p->set_delivered_pence(e.delivered_pence);
  }
  for (const UnmatchedRecord& u : d.unmatched) {
    v1::UnmatchedActivity* p = out->add_unmatched();
    p->set_activity_id(u.record.activity_id);
    p->set_date(FormatIsoDate(u.record.date));
    p->set_cost_pence(u.cost_pence);
    p->set_reason("matches no planned element");
  }
  for (const RejectedRecord& r : d.rejected) {
    v1::UnmatchedActivity* p = out->add_unmatched();
    p->set_activity_id(r.record.activity_id);
    p->set_date(FormatIsoDate(r.record.date));
    p->set_reason(r.reason);
  }
  out->set_delivered_pence(d.delivered_pence);
  out->set_outside_records(d.outside_records);
}

}  // namespace mhpbr
