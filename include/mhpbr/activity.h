// An activity record, what care was given, and what it cost (pricing.md 1):
// contact and group = minutes * rate per hour / 60 (a group divided among
// its attendees); bed day = count * ward rate; other = its own cost; then
// the overhead on top, rounded once per record.
//
//   absl::StatusOr<int64_t> p = mhpbr::RecordCost(record, unit_costs);

#ifndef MHPBR_ACTIVITY_H_
#define MHPBR_ACTIVITY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/fraction.h"
#include "mhpbr/pay_setting.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

enum class ActivityKind : uint8_t { kContact, kGroup, kBedDay, kOther };

// "contact", "group", "bed_day" or "other".
absl::string_view ActivityKindName(ActivityKind k);
absl::StatusOr<ActivityKind> ParseActivityKind(absl::string_view text);

struct ActivityRecord {
  std::string activity_id;
  std::string patient_id;
  absl::CivilDay date;
  ActivityKind kind = ActivityKind::kContact;
  std::string staff_group;  // contact, group
  int64_t minutes = 0;      // contact, group
  int64_t attendees = 1;    // group
  std::string ward;         // bed_day
  int64_t count = 0;        // bed_day
  int64_t cost_pence = 0;   // other
  // The care-package element delivered, when the record says.
  std::string element_id;
  // The team or provider that gave the care, when the record says.
  std::string team;
  // The commissioner (MHSDS OrgIDComm) and provider (OrgIDProv) of the
  // care, when the record says.
  std::string commissioner;
  std::string provider;
  // The caller's reference (a line number) for messages.
  int64_t line = 0;
  // Where the care was given when the record says; none: by its kind.
  std::optional<PaySetting> setting = std::nullopt;
};

// The record's setting: as it says, else admitted for a bed day and
// community for any other kind. (Inline: pricing asks it of every record.)
inline PaySetting SettingOf(const ActivityRecord& record) {
  if (record.setting) return *record.setting;
  return record.kind == ActivityKind::kBedDay ? PaySetting::kAdmitted
                                              : PaySetting::kCommunity;
}

// A stay's nights are its bed-day record's date .. date + count - 1; only
// a bed day in the admitted setting is a stay (a bed day flagged community
// pays community cost and counts no admitted night).
inline bool IsStay(const ActivityRecord& record) {
  return record.kind == ActivityKind::kBedDay &&
         SettingOf(record) == PaySetting::kAdmitted;
}

// The record's direct cost before overhead, exactly. Errors name the
// field: an unknown staff group or ward, a negative number, zero attendees.
absl::StatusOr<Fraction> DirectCost(const ActivityRecord& record,
                                    const UnitCosts& costs);

// The exact full cost: direct * (1e6 + overhead_ppm) / 1e6, unrounded, so
// that planned care (care packages) can add many up before rounding once.
absl::StatusOr<Fraction> FullCost(const ActivityRecord& record,
                                  const UnitCosts& costs);

// The record's full cost in pence, rounded once (half away from zero).
absl::StatusOr<int64_t> RecordCost(const ActivityRecord& record,
                                   const UnitCosts& costs);

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_H_
