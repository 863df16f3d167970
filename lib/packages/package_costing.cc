#include "mhpbr/package_costing.h"

#include "absl/strings/str_cat.h"
#include "mhpbr/activity.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<Fraction> ElementFullCost(const PackageElement& e,
                                         const UnitCosts& costs) {
  // The element's planned care as the activity records that would deliver
  // it, costed exactly like real activity.
  Fraction total{0, 1};
  if (e.contacts_per_period > 0) {
    ActivityRecord contacts;
    contacts.kind = ActivityKind::kContact;
    contacts.staff_group = e.staff_group;
    contacts.minutes = e.contacts_per_period * e.minutes_per_contact;
    auto c = FullCost(contacts, costs);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("element ", e.id, " ", c.status().message()));
    }
    total = total + *c;
  }
  if (e.bed_days_per_period > 0) {
    ActivityRecord beds;
    beds.kind = ActivityKind::kBedDay;
    beds.ward = e.ward;
    beds.count = e.bed_days_per_period;
    auto c = FullCost(beds, costs);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("element ", e.id, " ", c.status().message()));
    }
    total = total + *c;
  }
  return total;
}

absl::StatusOr<PackageCost> CostPackage(const PackageTemplate& t,
                                        const UnitCosts& costs) {
  Fraction tiers[3] = {{0, 1}, {0, 1}, {0, 1}};
  for (const PackageElement& e : t.elements) {
    MHPBR_ASSIGN_OR_RETURN(Fraction full, ElementFullCost(e, costs));
    const Tier tier = e.tier.value_or(Tier::kCore);
    const int64_t share = tier == Tier::kCore ? kPpm : e.share_ppm;
    tiers[static_cast<int>(tier)] =
        tiers[static_cast<int>(tier)] + full * Fraction::Of(share, kPpm);
  }
  PackageCost out;
  out.cluster = t.cluster_code;
  int64_t* fields[3] = {&out.core_pence, &out.essential_pence,
                        &out.variance_pence};
  for (int i = 0; i < 3; ++i) {
    MHPBR_ASSIGN_OR_RETURN(*fields[i], RoundDiv(tiers[i].num, tiers[i].den));
  }
  out.total_pence = out.core_pence + out.essential_pence + out.variance_pence;
  return out;
}

absl::StatusOr<std::vector<PackageCost>> CostCatalogue(
    const PackageCatalogue& catalogue, const UnitCosts& costs) {
  std::vector<PackageCost> out;
  for (const PackageTemplate& t : catalogue.templates()) {
    auto c = CostPackage(t, costs);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("cluster ", t.cluster_code, " ", c.status().message()));
    }
    out.push_back(*c);
  }
  return out;
}

}  // namespace mhpbr
