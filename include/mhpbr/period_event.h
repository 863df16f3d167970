// A dated event in a person's clustering history: an allocation to a
// cluster, or a discharge. Events are the input to period building.

#ifndef MHPBR_PERIOD_EVENT_H_
#define MHPBR_PERIOD_EVENT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/cluster.h"

namespace mhpbr {

enum class EventKind : uint8_t { kAllocate = 0, kDischarge = 1 };

// "allocate" or "discharge".
absl::string_view EventKindName(EventKind k);

struct PeriodEvent {
  std::string patient_id;
  absl::CivilDay date;
  EventKind kind = EventKind::kAllocate;
  // The allocated cluster; ignored for a discharge.
  Cluster cluster;
  // Where the event came from (a line number, or any caller's index), used
  // in messages and to keep input order among events of the same date.
  int64_t line = 0;
  // The team, provider (MHSDS OrgIDProv) and commissioner (OrgIDComm) the
  // record names; empty when it names none. (Initialised so that brace
  // initialisers listing the fields above stay complete.)
  std::string team = {};
  std::string provider = {};
  std::string commissioner = {};
};

// Which of the optional columns `team`, `provider` and `commissioner` an
// events input carries: a record may leave a present column empty, and
// outputs follow the header (present columns written, absent ones not).
struct EventUnitColumns {
  bool team = false;
  bool provider = false;
  bool commissioner = false;
  bool any() const { return team || provider || commissioner; }
};

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_EVENT_H_
