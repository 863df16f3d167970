// Care delivered against a plan, element by element, and the activity
// that matched no planned element (CompareDelivered, delivered_care.h).

#ifndef MHPBR_DELIVERY_H_
#define MHPBR_DELIVERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mhpbr/activity.h"

namespace mhpbr {

struct ElementDelivery {
  std::string element_id;
  int64_t planned_contacts = 0, delivered_contacts = 0;
  int64_t planned_minutes = 0, delivered_minutes = 0;
  int64_t planned_bed_days = 0, delivered_bed_days = 0;
  int64_t planned_pence = 0, delivered_pence = 0;
};

struct UnmatchedRecord {
  ActivityRecord record;
  int64_t cost_pence = 0;
};

struct RejectedRecord {
  ActivityRecord record;
  std::string reason;
};

struct DeliveryComparison {
  std::vector<ElementDelivery> elements;  // in plan order
  std::vector<UnmatchedRecord> unmatched;
  std::vector<RejectedRecord> rejected;  // could not be costed
  // Records of other patients or outside the plan's period (through
  // `as_of` when it is open).
  int64_t outside_records = 0;
  int64_t planned_pence = 0;    // the notional budget
  int64_t delivered_pence = 0;  // matched and unmatched
};

}  // namespace mhpbr

#endif  // MHPBR_DELIVERY_H_
