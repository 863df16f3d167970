#include "mhpbr/exact_decimal.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"

namespace mhpbr {
namespace {

constexpr int64_t kPowersOfTen[] = {1,         10,         100,        1000,
                                    10000,     100000,     1000000,    10000000,
                                    100000000, 1000000000, 10000000000};

}  // namespace

absl::StatusOr<ExactDecimal> ParseExactDecimal(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", ShownText(text), "' is not a decimal (digits, at most ",
        kMaxDecimalPlaces, " after the point, below 2^60 in all)"));
  };
  absl::string_view rest = text;
  const bool negative = !rest.empty() && rest.front() == '-';
  if (negative) rest.remove_prefix(1);
  ExactDecimal d;
  bool point = false, digits = false;
  for (char ch : rest) {
    if (ch == '.' && !point) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') return bad();
    digits = true;
    if (point && ++d.places > kMaxDecimalPlaces) return bad();
    d.units = d.units * 10 + (ch - '0');
    if (d.units >= kMaxDecimalUnits) return bad();
  }
  if (!digits) return bad();
  if (negative) d.units = -d.units;
  return d;
}

absl::StatusOr<int64_t> ScaleDecimal(ExactDecimal d, int places) {
  const int64_t factor = kPowersOfTen[places - d.places];
  if (std::llabs(d.units) > (kMaxDecimalUnits - 1) / factor) {
    return absl::OutOfRangeError(
        absl::StrCat(FormatExactDecimal(d, d.places),
                     " is too large to hold exactly at ", places, " decimals"));
  }
  return d.units * factor;
}

std::string FormatExactDecimal(ExactDecimal d, int places) {
  const uint64_t magnitude = d.units < 0 ? 0 - static_cast<uint64_t>(d.units)
                                         : static_cast<uint64_t>(d.units);
  std::string digits = absl::StrCat(magnitude);
  if (static_cast<int>(digits.size()) <= d.places) {
    digits.insert(0, d.places + 1 - digits.size(), '0');
  }
  std::string out = d.units < 0 ? "-" : "";
  const size_t whole = digits.size() - d.places;
  out.append(digits, 0, whole);
  if (places > 0) {
    out.push_back('.');
    out.append(digits, whole, std::string::npos);
    out.append(places - d.places, '0');
  }
  return out;
}

}  // namespace mhpbr
