// A commissioning contract for one financial year: the market forces
// factor, how review periods cut short are paid, whether social care is
// paid separately, the risk-sharing bands around a baseline, and the
// outcome-linked withhold or bonus (pricing.md 3-5, outcomes.md "Paying on
// indicators").
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

// How outcomes are paid: a share of the payment withheld and earned back,
// or a bonus pot on top of it.
enum class Incentive : uint8_t {
  kWithhold = 0,  // withhold_ppm of the risk-shared payment (the default)
  kBonus = 1,     // nothing withheld; bonus_pot_pence earned on attainment
};

// An outcome's attainment is typed in (attainment_ppm) or measured: with
// floor_ppm and target_ppm it comes from the measured indicator of its name
// (0 at or below the floor, 1000000 at or above the target, linear between).
struct OutcomeIndicator {
  std::string name;
  int64_t weight_ppm = 0;
  int64_t attainment_ppm = 0;
  // Both or neither; then `name` is an indicator (IndicatorNames()) and
  // attainment_ppm is not given.
  std::optional<int64_t> floor_ppm = std::nullopt;
  std::optional<int64_t> target_ppm = std::nullopt;
  // attainment_ppm was given (a wire or text contract says so; needed only
  // to reject an outcome that gives it beside a floor and target).
  bool attainment_given = false;

  bool measured() const {
    return floor_ppm.has_value() || target_ppm.has_value();
  }
};

struct Contract {
  // Who pays and who is paid (organisation codes, e.g. MHSDS OrgIDComm and
  // OrgIDProv); empty when the contract is the only one priced.
  std::string commissioner;
  std::string provider;
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
  Incentive incentive = Incentive::kWithhold;
  // kBonus only: the most the outcomes can earn.
  int64_t bonus_pot_pence = 0;

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
// attainments 0..1000000; a measured outcome gives both floor_ppm and
// target_ppm, 0 <= floor < target <= 1000000, no attainment_ppm, and names
// an indicator; kBonus has a bonus_pot_pence above 0 and no withhold,
// kWithhold no pot. Errors name the field (e.g. "risk_bands[1]",
// "outcomes[0] (reviews_on_time)").
absl::Status ValidateContract(const Contract& c);

}  // namespace mhpbr

#endif  // MHPBR_CONTRACT_H_
