// A run of nights, both ends included: the admitted nights a period
// carries into pricing (admitted_nights.h).

#ifndef MHPBR_NIGHT_SPAN_H_
#define MHPBR_NIGHT_SPAN_H_

#include "absl/time/civil_time.h"

namespace mhpbr {

struct NightSpan {
  absl::CivilDay first;
  absl::CivilDay last;

  friend bool operator==(const NightSpan& a, const NightSpan& b) {
    return a.first == b.first && a.last == b.last;
  }
};

}  // namespace mhpbr

#endif  // MHPBR_NIGHT_SPAN_H_
