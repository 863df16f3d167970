// Admitted nights of cluster periods, for tariffs with a price per
// admitted day and one per community day (pay_setting.h): the nights of
// the patient's stays (bed-day records in the admitted setting, each
// covering date .. date + count - 1) that fall inside the period, a night
// covered by two stays counted once.
//
//   std::vector<mhpbr::Stay> stays = ...;          // from bed-day records
//   mhpbr::SetAdmittedNights(stays, absl::MakeSpan(periods));
//   // each period's admitted_nights is now sorted and disjoint;
//   int64_t n = mhpbr::NightsWithin(p.admitted_nights, year_start, year_end);

#ifndef MHPBR_ADMITTED_NIGHTS_H_
#define MHPBR_ADMITTED_NIGHTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/night_span.h"

namespace mhpbr {

struct Stay {
  std::string patient_id;
  absl::CivilDay first;
  // At least 1; a stay of 0 nights is no stay.
  int64_t nights = 0;
};

// The stay a record is, or std::nullopt when it is none (IsStay false, or
// a count of 0).
std::optional<Stay> StayOf(const ActivityRecord& record);

// Replaces each period's admitted_nights with the nights of its patient's
// stays inside the period (an open period runs on without end), merged
// into sorted, disjoint spans. Stays of patients with no period are
// ignored.
void SetAdmittedNights(absl::Span<const Stay> stays,
                       absl::Span<PeriodToPrice> periods);

// How many nights of sorted, disjoint `spans` lie within [lo, hi]; 0 when
// hi < lo.
int64_t NightsWithin(absl::Span<const NightSpan> spans, absl::CivilDay lo,
                     absl::CivilDay hi);

}  // namespace mhpbr

#endif  // MHPBR_ADMITTED_NIGHTS_H_
