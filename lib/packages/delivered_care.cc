#include "mhpbr/delivered_care.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mhpbr/statistics.h"

namespace mhpbr {

int MatchElement(const ActivityRecord& r,
                 absl::Span<const PackageElement* const> elements) {
  const int n = static_cast<int>(elements.size());
  if (!r.element_id.empty()) {
    for (int i = 0; i < n; ++i) {
      if (elements[i]->id == r.element_id) return i;
    }
    return -1;
  }
  for (int i = 0; i < n; ++i) {
    const PackageElement& e = *elements[i];
    switch (r.kind) {
      case ActivityKind::kContact:
      case ActivityKind::kGroup:
        if (e.contacts_per_period > 0 && e.staff_group == r.staff_group) {
          return i;
        }
        break;
      case ActivityKind::kBedDay:
        if (e.bed_days_per_period > 0 && e.ward == r.ward) return i;
        break;
      case ActivityKind::kOther:
        break;
    }
  }
  return -1;
}

DeliveryComparison CompareDelivered(const PersonalPlan& plan,
                                    absl::Span<const ActivityRecord> activity,
                                    const UnitCosts& costs,
                                    absl::CivilDay as_of) {
  DeliveryComparison out;
  out.planned_pence = plan.notional_budget_pence;
  std::vector<const PackageElement*> elements;
  for (const PlannedElement& p : plan.elements) {
    elements.push_back(&p.element);
    ElementDelivery d;
    d.element_id = p.element.id;
    d.planned_contacts = p.element.contacts_per_period;
    d.planned_minutes =
        p.element.contacts_per_period * p.element.minutes_per_contact;
    d.planned_bed_days = p.element.bed_days_per_period;
    d.planned_pence = p.planned_pence;
    out.elements.push_back(std::move(d));
  }
  const PlanChoices& c = plan.choices;
  const absl::CivilDay last = c.period_end.value_or(as_of);
  for (const ActivityRecord& r : activity) {
    if (r.patient_id != c.patient_id || r.date < c.period_start ||
        r.date > last) {
      ++out.outside_records;
      continue;
    }
    auto cost = RecordCost(r, costs);
    if (!cost.ok()) {
      out.rejected.push_back({r, std::string(cost.status().message())});
      continue;
    }
    const int k = MatchElement(r, elements);
    // Totals are checked before any changes: a record that would overflow
    // one is rejected, never wrapped.
    ElementDelivery* d = k < 0 ? nullptr : &out.elements[k];
    int64_t total = 0, pence = 0, bed_days = 0, contacts = 0, minutes = 0;
    bool overflow = __builtin_add_overflow(out.delivered_pence, *cost, &total);
    if (d != nullptr) {
      overflow |= __builtin_add_overflow(d->delivered_pence, *cost, &pence);
      overflow |= __builtin_add_overflow(
          d->delivered_bed_days, r.kind == ActivityKind::kBedDay ? r.count : 0,
          &bed_days);
      const bool contact =
          r.kind == ActivityKind::kContact || r.kind == ActivityKind::kGroup;
      overflow |= __builtin_add_overflow(d->delivered_contacts, contact ? 1 : 0,
                                         &contacts);
      overflow |= __builtin_add_overflow(d->delivered_minutes,
                                         contact ? r.minutes : 0, &minutes);
    }
    if (overflow) {
      out.rejected.push_back({r, "delivered totals would overflow 64 bits"});
      continue;
    }
    out.delivered_pence = total;
    if (d == nullptr) {
      out.unmatched.push_back({r, *cost});
      continue;
    }
    d->delivered_pence = pence;
    d->delivered_bed_days = bed_days;
    d->delivered_contacts = contacts;
    d->delivered_minutes = minutes;
  }
  return out;
}

absl::StatusOr<CareSpreadBuilder> CareSpreadBuilder::Create(
    std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
    const PackageCatalogue& catalogue, const UnitCosts& costs) {
  auto coster = ActivityCoster::Create(std::move(periods), as_of, costs);
  if (!coster.ok()) return coster.status();
  CareSpreadBuilder b(*std::move(coster));
  b.catalogue_ = &catalogue;
  b.costs_ = &costs;
  b.periods_ = b.coster_.periods();
  b.delivered_.resize(b.periods_.size());
  for (size_t i = 0; i < b.periods_.size(); ++i) {
    const PackageTemplate* t = catalogue.Find(b.periods_[i].period.cluster);
    b.delivered_[i].assign(t == nullptr ? 0 : t->elements.size(), 0);
  }
  b.unmatched_.assign(b.periods_.size(), 0);
  b.matched_.assign(b.periods_.size(), 0);
  return b;
}

absl::Status CareSpreadBuilder::Add(const ActivityRecord& r) {
  // Match first, so that a count that would overflow is rejected before
  // the record is costed.
  const int k = coster_.Find(r.patient_id, r.date);
  int e = -1;
  int64_t delivered = 0;
  if (k >= 0) {
    const PackageTemplate* t = catalogue_->Find(periods_[k].period.cluster);
    std::vector<const PackageElement*> elements;
    if (t != nullptr) {
      for (const PackageElement& el : t->elements) elements.push_back(&el);
    }
    e = MatchElement(r, elements);
    if (e >= 0 &&
        __builtin_add_overflow(delivered_[k][e],
                               r.kind == ActivityKind::kBedDay  ? r.count
                               : r.kind == ActivityKind::kOther ? 0
                                                                : 1,
                               &delivered)) {
      coster_.CountRejected();
      return absl::OutOfRangeError("count: delivered total would overflow");
    }
  }
  if (absl::Status s = coster_.Add(r); !s.ok()) return s;
  if (k < 0) return absl::OkStatus();  // unclustered: no package to match
  if (e < 0) {
    ++unmatched_[k];
    return absl::OkStatus();
  }
  ++matched_[k];
  delivered_[k][e] = delivered;
  return absl::OkStatus();
}

std::vector<ClusterSpread> CareSpreadBuilder::Finish() const {
  const std::vector<CostedPeriod> costed = coster_.periods();
  std::vector<ClusterSpread> out;
  for (const PackageTemplate& t : catalogue_->templates()) {
    const Cluster cluster = *Cluster::FromCode(t.cluster_code);
    std::vector<size_t> members;
    for (size_t i = 0; i < costed.size(); ++i) {
      if (costed[i].period.cluster == cluster) members.push_back(i);
    }
    if (members.empty()) continue;
    ClusterSpread s;
    s.cluster = cluster;
    s.periods = static_cast<int64_t>(members.size());
    std::vector<long double> cost;
    for (size_t i : members) {
      cost.push_back(costed[i].cost_pence);
      s.matched_records += matched_[i];
      s.unmatched_records += unmatched_[i];
    }
    std::sort(cost.begin(), cost.end());
    s.cost_mean = DescribeValues(cost).mean;
    s.cost_p25 = Quantile7(cost, 0.25L);
    s.cost_median = Quantile7(cost, 0.5L);
    s.cost_p75 = Quantile7(cost, 0.75L);
    for (size_t e = 0; e < t.elements.size(); ++e) {
      const PackageElement& el = t.elements[e];
      ElementSpread es;
      es.element_id = el.id;
      es.tier = el.tier.value_or(Tier::kCore);
      es.planned = el.bed_days_per_period > 0 ? el.bed_days_per_period
                                              : el.contacts_per_period;
      es.periods = s.periods;
      std::vector<long double> v;
      for (size_t i : members) {
        v.push_back(delivered_[i][e]);
        es.periods_receiving += delivered_[i][e] > 0;
        es.max = std::max(es.max, delivered_[i][e]);
      }
      std::sort(v.begin(), v.end());
      es.mean = DescribeValues(v).mean;
      es.p25 = Quantile7(v, 0.25L);
      es.median = Quantile7(v, 0.5L);
      es.p75 = Quantile7(v, 0.75L);
      s.elements.push_back(std::move(es));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace mhpbr
