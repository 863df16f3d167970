#include "mhpbr/ward_stay.h"

#include <algorithm>
#include <utility>

namespace mhpbr {

absl::CivilDay LastNight(const WardStay& stay, absl::CivilDay as_of) {
  if (!stay.end || *stay.end > as_of) return as_of;
  return *stay.end - 1;
}

int64_t StayNights(const WardStay& stay, absl::CivilDay as_of) {
  return std::max<int64_t>(0, LastNight(stay, as_of) - stay.start + 1);
}

std::vector<ActivityRecord> BedDayRecords(
    const WardStay& stay, absl::CivilDay as_of,
    absl::FunctionRef<int(absl::CivilDay)> period_of) {
  std::vector<ActivityRecord> out;
  // Which record each period's nights went to; a stay touches few periods,
  // so a scan beats a map. Key -1 is the unclustered bucket.
  std::vector<std::pair<int, size_t>> record_of;
  const absl::CivilDay last = LastNight(stay, as_of);
  for (absl::CivilDay night = stay.start; night <= last; ++night) {
    const int k = std::max(period_of(night), -1);
    auto it = std::find_if(record_of.begin(), record_of.end(),
                           [k](const auto& r) { return r.first == k; });
    if (it != record_of.end()) {
      ++out[it->second].count;
      continue;
    }
    record_of.emplace_back(k, out.size());
    ActivityRecord& r = out.emplace_back();
    r.activity_id = stay.ward_stay_id;
    r.patient_id = stay.patient_id;
    r.date = night;
    r.kind = ActivityKind::kBedDay;
    r.ward = stay.ward;
    r.count = 1;
    r.provider = stay.provider;
    r.line = stay.line;
  }
  return out;
}

}  // namespace mhpbr
