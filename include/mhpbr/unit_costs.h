// Unit costs: pence per hour of each staff group, pence per bed day of each
// ward, and the overhead rate added on top of every direct cost. Data with
// provenance, immutable once created and safe to share across threads.

#ifndef MHPBR_UNIT_COSTS_H_
#define MHPBR_UNIT_COSTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

class UnitCosts {
 public:
  struct Rate {
    std::string code;
    int64_t pence = 0;
  };

  // Errors name the code: a duplicate code, a negative or absurd rate
  // (above 100 million pence), overhead outside 0..10000000 ppm, a missing
  // source.
  static absl::StatusOr<UnitCosts> Create(std::string source,
                                          int64_t overhead_ppm,
                                          std::vector<Rate> staff_per_hour,
                                          std::vector<Rate> ward_per_day);

  // nullptr when the code is unknown.
  const int64_t* StaffPencePerHour(absl::string_view code) const {
    auto it = staff_.find(code);
    return it == staff_.end() ? nullptr : &it->second;
  }
  const int64_t* WardPencePerDay(absl::string_view code) const {
    auto it = ward_.find(code);
    return it == ward_.end() ? nullptr : &it->second;
  }
  int64_t overhead_ppm() const { return overhead_ppm_; }
  const std::string& source() const { return source_; }

 private:
  UnitCosts() = default;

  std::string source_;
  int64_t overhead_ppm_ = 0;
  absl::flat_hash_map<std::string, int64_t> staff_;
  absl::flat_hash_map<std::string, int64_t> ward_;
};

}  // namespace mhpbr

#endif  // MHPBR_UNIT_COSTS_H_
