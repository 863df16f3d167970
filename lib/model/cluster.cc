#include "mhpbr/cluster.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"

namespace mhpbr {

absl::string_view SuperclassName(Superclass s) {
  switch (s) {
    case Superclass::kVariance:
      return "variance";
    case Superclass::kNonPsychotic:
      return "non-psychotic";
    case Superclass::kPsychotic:
      return "psychotic";
    case Superclass::kOrganic:
      return "organic";
  }
  return "variance";
}

absl::StatusOr<Cluster> Cluster::FromCode(int code) {
  if (!IsValidCode(code)) {
    return absl::InvalidArgumentError(
        absl::StrCat("cluster ", code, " does not exist (valid: 0-8, 10-21)"));
  }
  return Cluster(static_cast<int8_t>(code));
}

absl::StatusOr<Cluster> Cluster::Parse(absl::string_view text) {
  // At most two digits: "00".."21" as MHSDS writes them, or "0".."21".
  if (text.empty() || text.size() > 2 ||
      !std::all_of(text.begin(), text.end(),
                   [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return absl::InvalidArgumentError(
        absl::StrCat("cluster '", ShownText(text),
                     text.size() > 40 ? "..." : "", "' is not a number 0-21"));
  }
  int code = 0;
  for (char ch : text) code = code * 10 + (ch - '0');
  return FromCode(code);
}

std::string Cluster::ToString() const { return absl::StrCat(code_); }

}  // namespace mhpbr
