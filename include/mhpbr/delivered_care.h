// Delivered care against the plan (care_packages.md 3): for one person's
// cluster period, each planned element's delivered contacts, minutes and bed
// days beside what was planned, and the activity that matches no element;
// across many periods of one cluster, the spread of delivered care, the
// "variation in care packages within one cluster" commissioners ask about.
//
// A record matches an element by its `element_id` when it has one;
// otherwise a contact or group by staff group, a bed day by ward (the first
// planned element that uses it). `other` records match only by id.

#ifndef MHPBR_DELIVERED_CARE_H_
#define MHPBR_DELIVERED_CARE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/care_package.h"
#include "mhpbr/delivery.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// The index in `elements` the record matches, or -1.
int MatchElement(const ActivityRecord& record,
                 absl::Span<const PackageElement* const> elements);

DeliveryComparison CompareDelivered(const PersonalPlan& plan,
                                    absl::Span<const ActivityRecord> activity,
                                    const UnitCosts& costs,
                                    absl::CivilDay as_of);

// The spread, across the periods of one cluster, of one element's
// delivered contacts (bed days for in-patient elements) per period.
struct ElementSpread {
  std::string element_id;
  Tier tier = Tier::kCore;
  int64_t planned = 0;  // contacts (or bed days) per review period
  int64_t periods = 0;
  int64_t periods_receiving = 0;
  long double mean = 0, p25 = 0, median = 0, p75 = 0;
  int64_t max = 0;
};

struct ClusterSpread {
  Cluster cluster;
  int64_t periods = 0;
  std::vector<ElementSpread> elements;  // in template order
  int64_t matched_records = 0;
  int64_t unmatched_records = 0;
  // Cost per period of matched and unmatched activity.
  long double cost_mean = 0, cost_p25 = 0, cost_median = 0, cost_p75 = 0;
};

// Streams activity against a set of periods and the catalogue's templates
// (every element of the cluster's template counts as planned).
class CareSpreadBuilder {
 public:
  // REQUIRES: `catalogue` and `costs` outlive the builder.
  static absl::StatusOr<CareSpreadBuilder> Create(
      std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
      const PackageCatalogue& catalogue, const UnitCosts& costs);

  // Errors (the record could not be costed) name the field.
  absl::Status Add(const ActivityRecord& record);

  // One per cluster with periods and a template, sorted by cluster.
  std::vector<ClusterSpread> Finish() const;

 private:
  CareSpreadBuilder(ActivityCoster coster) : coster_(std::move(coster)) {}

  ActivityCoster coster_;
  const PackageCatalogue* catalogue_ = nullptr;
  const UnitCosts* costs_ = nullptr;
  std::vector<CostedPeriod> periods_;
  // delivered_[period][element of its template]: contacts or bed days.
  std::vector<std::vector<int64_t>> delivered_;
  std::vector<int64_t> unmatched_;
  std::vector<int64_t> matched_;
};

}  // namespace mhpbr

#endif  // MHPBR_DELIVERED_CARE_H_
