#include "mhpbr/activity.h"

#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
#include "mhpbr/money.h"

namespace mhpbr {

absl::string_view ActivityKindName(ActivityKind k) {
  switch (k) {
    case ActivityKind::kContact:
      return "contact";
    case ActivityKind::kGroup:
      return "group";
    case ActivityKind::kBedDay:
      return "bed_day";
    case ActivityKind::kOther:
      return "other";
  }
  return "other";
}

absl::StatusOr<ActivityKind> ParseActivityKind(absl::string_view text) {
  if (text == "contact") return ActivityKind::kContact;
  if (text == "group") return ActivityKind::kGroup;
  if (text == "bed_day") return ActivityKind::kBedDay;
  if (text == "other") return ActivityKind::kOther;
  return absl::InvalidArgumentError(absl::StrCat(
      "'", ShownText(text), "' is not contact, group, bed_day or other"));
}

absl::string_view PaySettingName(PaySetting s) {
  return s == PaySetting::kAdmitted ? "admitted" : "community";
}

absl::StatusOr<std::optional<PaySetting>> ParsePaySetting(
    absl::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "admitted") return PaySetting::kAdmitted;
  if (text == "community") return PaySetting::kCommunity;
  return absl::InvalidArgumentError(absl::StrCat(
      "'", ShownText(text), "' is not admitted, community or empty"));
}

PaySetting SettingOf(const ActivityRecord& r) {
  if (r.setting) return *r.setting;
  return r.kind == ActivityKind::kBedDay ? PaySetting::kAdmitted
                                         : PaySetting::kCommunity;
}

bool IsStay(const ActivityRecord& r) {
  return r.kind == ActivityKind::kBedDay &&
         SettingOf(r) == PaySetting::kAdmitted;
}

absl::StatusOr<Fraction> DirectCost(const ActivityRecord& r,
                                    const UnitCosts& costs) {
  Int128 num = 0, den = 1;
  switch (r.kind) {
    case ActivityKind::kContact:
    case ActivityKind::kGroup: {
      const int64_t* rate = costs.StaffPencePerHour(r.staff_group);
      if (rate == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("staff_group: '", ShownText(r.staff_group),
                         "' is not in the unit costs"));
      }
      if (r.minutes < 0) {
        return absl::InvalidArgumentError("minutes: must not be negative");
      }
      num = Int128(r.minutes) * *rate;
      den = 60;
      if (r.kind == ActivityKind::kGroup) {
        if (r.attendees <= 0) {
          return absl::InvalidArgumentError("attendees: must be at least 1");
        }
        den *= r.attendees;
      }
      break;
    }
    case ActivityKind::kBedDay: {
      const int64_t* rate = costs.WardPencePerDay(r.ward);
      if (rate == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "ward: '", ShownText(r.ward), "' is not in the unit costs"));
      }
      if (r.count < 0) {
        return absl::InvalidArgumentError("count: must not be negative");
      }
      num = Int128(r.count) * *rate;
      break;
    }
    case ActivityKind::kOther:
      if (r.cost_pence < 0) {
        return absl::InvalidArgumentError("cost_pence: must not be negative");
      }
      num = r.cost_pence;
      break;
  }
  return Fraction{num, den};
}

absl::StatusOr<Fraction> FullCost(const ActivityRecord& r,
                                  const UnitCosts& costs) {
  auto direct = DirectCost(r, costs);
  if (!direct.ok()) return direct.status();
  return Fraction{direct->num * (kPpm + costs.overhead_ppm()),
                  direct->den * kPpm};
}

absl::StatusOr<int64_t> RecordCost(const ActivityRecord& r,
                                   const UnitCosts& costs) {
  auto full = FullCost(r, costs);
  if (!full.ok()) return full.status();
  return RoundDiv(full->num, full->den);
}

}  // namespace mhpbr
