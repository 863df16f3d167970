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
    return staff_.Find(code);
  }
  const int64_t* WardPencePerDay(absl::string_view code) const {
    return ward_.Find(code);
  }
  int64_t overhead_ppm() const { return overhead_ppm_; }
  const std::string& source() const { return source_; }

 private:
  UnitCosts() = default;

  // The rates of one kind by code. A trust lists a dozen or so staff
  // groups and wards, and every activity record looks one up: a short
  // list compared by length first is several times faster than hashing
  // the code, so up to kFew codes are also kept in `few`.
  struct Rates {
    static constexpr size_t kFew = 16;
    absl::flat_hash_map<std::string, int64_t> all;
    std::vector<Rate> few;  // `all` in a list, when it holds at most kFew

    const int64_t* Find(absl::string_view code) const {
      if (all.size() > kFew) {
        auto it = all.find(code);
        return it == all.end() ? nullptr : &it->second;
      }
      for (const Rate& r : few) {
        if (r.code.size() == code.size() &&
            std::char_traits<char>::compare(r.code.data(), code.data(),
                                            code.size()) == 0) {
          return &r.pence;
        }
      }
      return nullptr;
    }
  };

  std::string source_;
  int64_t overhead_ppm_ = 0;
  Rates staff_;
  Rates ward_;
};

}  // namespace mhpbr

#endif  // MHPBR_UNIT_COSTS_H_
