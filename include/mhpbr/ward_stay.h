// A ward stay as bed days (mhsds.md, the national MHS24 measure): its
// nights, the end date not counted, each costed on its own date, so a stay
// that spans a change of cluster is split between the periods. The nights
// that fall in one period make one bed_day record (dated its first night,
// count = those nights), and so do the nights in no period, so each part
// is rounded once as pricing.md rounds a bed day.
//
//   std::vector<mhpbr::ActivityRecord> r = mhpbr::BedDayRecords(
//       stay, as_of, [&](absl::CivilDay night) {
//         return coster.Find(stay.patient_id, night);
//       });

#ifndef MHPBR_WARD_STAY_H_
#define MHPBR_WARD_STAY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/time/civil_time.h"
#include "mhpbr/activity.h"

namespace mhpbr {

struct WardStay {
  std::string ward_stay_id;
  std::string patient_id;
  absl::CivilDay start;
  // None: still on the ward.
  std::optional<absl::CivilDay> end;
  std::string ward;
  std::string provider = {};
  // The caller's reference (a line number) for messages.
  int64_t line = 0;
};

// The last night of the stay: the day before its end, or the as-of date
// when it is open or ends after the as-of date (the night of the as-of
// date counts: the measure's open stays run to the end of the period).
// Before `start` when the stay has no night.
absl::CivilDay LastNight(const WardStay& stay, absl::CivilDay as_of);

// The stay's nights through the as-of date (0 for a same-day stay, or one
// that starts after the as-of date).
int64_t StayNights(const WardStay& stay, absl::CivilDay as_of);

// The stay's bed_day records: one per period its nights fall in and one
// for the nights in none, in the order of their first nights. `period_of`
// names the period holding a night (any number >= 0) or none (< 0). Each
// record has the stay's id, patient, ward, provider and line. None for a
// stay with no night.
std::vector<ActivityRecord> BedDayRecords(
    const WardStay& stay, absl::CivilDay as_of,
    absl::FunctionRef<int(absl::CivilDay)> period_of);

}  // namespace mhpbr

#endif  // MHPBR_WARD_STAY_H_
