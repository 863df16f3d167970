#include "mhpbr/package_costing.h"

#include "absl/strings/str_cat.h"
#include "mhpbr/activity.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<Int128> ElementCost(const PackageElement& e, int64_t share_ppm,
                                   const UnitCosts& costs) {
  // The element's planned care as the activity records that would deliver
  // it, costed exactly like real activity (FullCost), then brought to the
  // common denominator.
  Int128 total = 0;
  auto add = [&](const ActivityRecord& r) -> absl::Status {
    auto c = FullCost(r, costs);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("element ", e.id, " ", c.status().message()));
    }
    // FullCost's denominator divides 60 * 1e6 (minutes per hour, overhead
    // ppm); the share's is 1e6.
    total += c->num * (Int128(60) * kPpm / c->den) * share_ppm;
    return absl::OkStatus();
  };
  if (e.contacts_per_period > 0) {
    ActivityRecord contacts;
    contacts.kind = ActivityKind::kContact;
    contacts.staff_group = e.staff_group;
    contacts.minutes = e.contacts_per_period * e.minutes_per_contact;
    MHPBR_RETURN_IF_ERROR(add(contacts));
  }
  if (e.bed_days_per_period > 0) {
    ActivityRecord beds;
    beds.kind = ActivityKind::kBedDay;
    beds.ward = e.ward;
    beds.count = e.bed_days_per_period;
    MHPBR_RETURN_IF_ERROR(add(beds));
  }
  return total;
}

absl::StatusOr<PackageCost> CostPackage(const PackageTemplate& t,
                                        const UnitCosts& costs) {
  Int128 tiers[3] = {0, 0, 0};
  for (const PackageElement& e : t.elements) {
    const Tier tier = e.tier.value_or(Tier::kCore);
    const int64_t share = tier == Tier::kCore ? kPpm : e.share_ppm;
    MHPBR_ASSIGN_OR_RETURN(Int128 cost, ElementCost(e, share, costs));
    tiers[static_cast<int>(tier)] += cost;
  }
  PackageCost out;
  out.cluster = t.cluster_code;
  int64_t* fields[3] = {&out.core_pence, &out.essential_pence,
                        &out.variance_pence};
  for (int i = 0; i < 3; ++i) {
    MHPBR_ASSIGN_OR_RETURN(*fields[i],
                           RoundDiv(tiers[i], kPackageCostDenominator));
  }
  // The sum of three rounded tiers may itself not fit.
  MHPBR_ASSIGN_OR_RETURN(out.total_pence,
                         RoundDiv(Int128(out.core_pence) + out.essential_pence +
                                      out.variance_pence,
                                  1));
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
