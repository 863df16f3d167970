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
  // By length first: a national year's 50 M records ask.
  if (text.size() == 7) {
    if (text == "contact") return ActivityKind::kContact;
    if (text == "bed_day") return ActivityKind::kBedDay;
  } else if (text.size() == 5) {
    if (text == "group") return ActivityKind::kGroup;
    if (text == "other") return ActivityKind::kOther;
  }
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

namespace {

// The direct cost's rules, once, for DirectCost and for the hot path of
// RecordCost, which needs no StatusOr<Fraction> in between.
absl::Status DirectCostTo(const ActivityRecord& r, const UnitCosts& costs,
                          Fraction* out) {
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
  *out = Fraction{num, den};
  return absl::OkStatus();
}

// direct * (1e6 + overhead_ppm) / 1e6, the full cost's one rule.
Fraction WithOverhead(const Fraction& direct, const UnitCosts& costs) {
  return Fraction{direct.num * (kPpm + costs.overhead_ppm()),
                  direct.den * kPpm};
}

}  // namespace

absl::StatusOr<Fraction> DirectCost(const ActivityRecord& r,
                                    const UnitCosts& costs) {
  Fraction direct;
  if (absl::Status s = DirectCostTo(r, costs, &direct); !s.ok()) return s;
  return direct;
}

absl::StatusOr<Fraction> FullCost(const ActivityRecord& r,
                                  const UnitCosts& costs) {
  Fraction direct;
  if (absl::Status s = DirectCostTo(r, costs, &direct); !s.ok()) return s;
  return WithOverhead(direct, costs);
}

absl::StatusOr<int64_t> RecordCost(const ActivityRecord& r,
                                   const UnitCosts& costs) {
  Fraction direct;
  if (absl::Status s = DirectCostTo(r, costs, &direct); !s.ok()) return s;
  const Fraction full = WithOverhead(direct, costs);
  return RoundDiv(full.num, full.den);
}

}  // namespace mhpbr
