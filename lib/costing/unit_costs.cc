#include "mhpbr/unit_costs.h"

#include "absl/strings/str_cat.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

constexpr int64_t kMaxRate = 100000000;

absl::Status AddRates(absl::string_view kind,
                      std::vector<UnitCosts::Rate> rates,
                      absl::flat_hash_map<std::string, int64_t>* out,
                      std::vector<UnitCosts::Rate>* few, size_t most_few) {
  for (UnitCosts::Rate& r : rates) {
    const std::string where =
        absl::StrCat("unit costs ", kind, " '", r.code, "'");
    if (r.code.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unit costs ", kind, ": a code is empty"));
    }
    if (r.pence < 0 || r.pence > kMaxRate) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": rate ", r.pence, " is not within 0..", kMaxRate));
    }
    if (!out->emplace(r.code, r.pence).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": listed twice"));
    }
  }
  if (out->size() <= most_few) *few = std::move(rates);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<UnitCosts> UnitCosts::Create(std::string source,
                                            int64_t overhead_ppm,
                                            std::vector<Rate> staff_per_hour,
                                            std::vector<Rate> ward_per_day) {
  UnitCosts c;
  if (source.empty()) {
    return absl::InvalidArgumentError(
        "unit costs source: must name where the rates come from");
  }
  if (overhead_ppm < 0 || overhead_ppm > 10 * kPpm) {
    return absl::InvalidArgumentError(
        absl::StrCat("unit costs overhead_ppm: ", overhead_ppm,
                     " is not within 0..10000000"));
  }
  c.source_ = std::move(source);
  c.overhead_ppm_ = overhead_ppm;
  if (absl::Status s = AddRates("staff", std::move(staff_per_hour),
                                &c.staff_.all, &c.staff_.few, Rates::kFew);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = AddRates("ward", std::move(ward_per_day), &c.ward_.all,
                                &c.ward_.few, Rates::kFew);
      !s.ok()) {
    return s;
  }
  return c;
}

}  // namespace mhpbr
