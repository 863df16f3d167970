// Calendar dates as the files write them: ISO 8601 `YYYY-MM-DD`.
//
//   absl::StatusOr<absl::CivilDay> d = mhpbr::ParseIsoDate("2024-02-29");
//   std::string s = mhpbr::FormatIsoDate(*d);   // "2024-02-29"

#ifndef MHPBR_DATES_H_
#define MHPBR_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace mhpbr {

// Exactly ten characters, years 1800-9999, and a real calendar day:
// "2023-02-29" and "2023-13-01" are errors, not normalised.
absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text);
// The same without building a Status, for loops over millions of cells:
// false (and *day untouched) where ParseIsoDate fails.
bool ParseIsoDateTo(absl::string_view text, absl::CivilDay* day);

std::string FormatIsoDate(absl::CivilDay day);
// The same written at `out` (10 bytes); returns the end.
char* WriteIsoDate(absl::CivilDay day, char* out);

// Months as `YYYY-MM` (monthly series): exactly seven characters, years
// 1800-9999, months 01-12.
absl::StatusOr<absl::CivilMonth> ParseIsoMonth(absl::string_view text);
std::string FormatIsoMonth(absl::CivilMonth month);

}  // namespace mhpbr

#endif  // MHPBR_DATES_H_
