// A commissioning contract for one financial year: the market forces
// factor, how review periods cut short are paid, whether social care is
// paid separately, the risk-sharing bands around a baseline, and the
// outcome-linked withhold (pricing.md 3-5).
//
//   MHPBR_RETURN_IF_ERROR(mhpbr::ValidateContract(contract));

#ifndef MHPBR_CONTRACT_H_
#define MHPBR_CONTRACT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace mhpbr {

enum class PartialPeriod : uint8_t {
  kFull = 0,     // a review period cut short by the period's end pays in full
  kProRata = 1,  // ... pays for the days it covered
};

enum class SocialCare : uint8_t {
  kPooled = 0,     // one total
  kDecoupled = 1,  // each amount split by the tariff's social-care share
};

// Deviations d of activity from the baseline, in whole percent, with
// from_pct <= d < to_pct; none = minus or plus infinity.
struct RiskBand {
  std::optional<int> from_pct;
  std::optional<int> to_pct;
  int64_t rate_ppm = 0;
};

struct OutcomeIndicator {
  std::string name;
  int64_t weight_ppm = 0;
  int64_t attainment_ppm = 0;
};

struct Contract {
  // 1 April; the contract year runs to the next 31 March.
  absl::CivilDay year_start;
  int64_t mff_ppm = 1000000;
  PartialPeriod partial_period = PartialPeriod::kProRata;
  SocialCare social_care = SocialCare::kPooled;
  int64_t baseline_pence = 0;
  // Contiguous, covering every deviation. Empty: payment = activity.
  std::vector<RiskBand> risk_bands;
  int64_t withhold_ppm = 0;
  std::vector<OutcomeIndicator> outcomes;

  // 31 March.
  absl::CivilDay year_end() const {
    return absl::CivilDay(year_start.year() + 1, year_start.month(),
                          year_start.day()) -
           1;
  }
  // 365 or 366.
  int days_in_year() const {
    return static_cast<int>(year_end() - year_start + 1);
  }
};

// year_start a 1 April; mff_ppm 1..10000000; baseline >= 0 (> 0 with
// bands); bands ordered, contiguous, from -infinity to +infinity, each
// from < to, rates 0..1000000; withhold 0..1000000; outcome weights
// 0..1000000 summing to 1000000 when there is a withhold or any outcome;
// attainments 0..1000000. Errors name the field (e.g. "risk_bands[1]").
absl::Status ValidateContract(const Contract& c);

}  // namespace mhpbr

#endif  // MHPBR_CONTRACT_H_
