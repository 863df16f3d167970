#include "mhpbr/dates.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"

namespace mhpbr {
namespace {

bool Digits(absl::string_view s, int* value) {
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  *value = v;
  return true;
}

enum class DateFault { kNone, kNotDate, kNotReal };

DateFault ParseDay(absl::string_view text, absl::CivilDay* day) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !Digits(text.substr(0, 4), &y) || !Digits(text.substr(5, 2), &m) ||
      !Digits(text.substr(8, 2), &d)) {
    return DateFault::kNotDate;
  }
  *day = absl::CivilDay(y, m, d);
  // CivilDay normalises 2023-02-29 to 2023-03-01; a real date survives.
  if (y < 1800 || day->year() != y || day->month() != m || day->day() != d) {
    return DateFault::kNotReal;
  }
  return DateFault::kNone;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  absl::CivilDay day;
  switch (ParseDay(text, &day)) {
    case DateFault::kNone:
      return day;
    case DateFault::kNotDate:
      // Quote at most 40 characters: a reject file must stay readable when
      // a cell holds a megabyte of junk.
      return absl::InvalidArgumentError(
          absl::StrCat("'", ShownText(text), "' is not a date (YYYY-MM-DD)"));
    case DateFault::kNotReal:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a real calendar date"));
}

bool ParseIsoDateTo(absl::string_view text, absl::CivilDay* day) {
  absl::CivilDay parsed;
  if (ParseDay(text, &parsed) != DateFault::kNone) return false;
  *day = parsed;
  return true;
}

std::string FormatIsoDate(absl::CivilDay day) {
  char out[10];
  return std::string(out, static_cast<size_t>(WriteIsoDate(day, out) - out));
}

char* WriteIsoDate(absl::CivilDay day, char* out) {
  // By hand rather than snprintf: output loops write millions of dates.
  int y = static_cast<int>(day.year());
  if (y < 0 || y > 9999) y = 0;
  const int m = day.month(), d = day.day();
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out + 10;
}

absl::StatusOr<absl::CivilMonth> ParseIsoMonth(absl::string_view text) {
  int y = 0, m = 0;
  if (text.size() != 7 || text[4] != '-' || !Digits(text.substr(0, 4), &y) ||
      !Digits(text.substr(5, 2), &m) || y < 1800 || m < 1 || m > 12) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", ShownText(text), "' is not a month (YYYY-MM, from 1800)"));
  }
  return absl::CivilMonth(y, m);
}

std::string FormatIsoMonth(absl::CivilMonth month) {
  char out[10];
  WriteIsoDate(absl::CivilDay(month), out);
  return std::string(out, 7);
}

}  // namespace mhpbr
