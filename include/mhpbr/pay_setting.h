// Where care was given, for prices that differ by setting (the 2014/15
// guidance let a cluster have one price for admitted, inpatient, days and
// another for care in the community): a `bed_day` record is admitted, every
// other kind community, unless the record says otherwise (a contact on a
// ward is admitted).
//
//   mhpbr::PaySetting s = mhpbr::SettingOf(record);

#ifndef MHPBR_PAY_SETTING_H_
#define MHPBR_PAY_SETTING_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

enum class PaySetting : uint8_t { kCommunity = 0, kAdmitted = 1 };

// "admitted" or "community".
absl::string_view PaySettingName(PaySetting s);
// "admitted" or "community"; empty text is std::nullopt (the record's kind
// decides).
absl::StatusOr<std::optional<PaySetting>> ParsePaySetting(
    absl::string_view text);

}  // namespace mhpbr

#endif  // MHPBR_PAY_SETTING_H_
