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

int DaysInMonth(int y, int m) {
  static constexpr int kDays[13] = {0,  31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (m != 2) return kDays[m];
  return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
}

DateFault ParseDay(absl::string_view text, absl::CivilDay* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return DateFault::kNotDate;
  }
  // The eight digits at once: a date cell is parsed for every activity
  // row, and a branch per character cost more than the rest.
  unsigned v[10];
  unsigned bad = 0;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    v[i] = static_cast<unsigned char>(text[i]) - unsigned{'0'};
    bad |= v[i] > 9 ? 1u : 0u;
  }
  if (bad != 0) return DateFault::kNotDate;
  const int y = static_cast<int>(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]);
  const int m = static_cast<int>(v[5] * 10 + v[6]);
  const int d = static_cast<int>(v[8] * 10 + v[9]);
  // What CivilDay would normalise (2023-02-29 to 2023-03-01) is no date.
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return DateFault::kNotReal;
  }
  *day = absl::CivilDay(y, m, d);
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
