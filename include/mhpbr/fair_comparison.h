// Fair comparison (outcomes.md, "Fair comparison"): each unit's improved
// periods against what its own case mix predicts, with the exact Poisson
// funnel limits, and re-referral within 90 days of a discharge.
//
// A paired period's stratum is its cluster and the band of its start total;
// a stratum's reference rate is improved / paired, from the input itself or
// from a reference file. A unit's E is the sum of the reference rates of its
// paired periods and O its improved periods; the flag says whether O / E
// lies outside the 95% or 99.8% limits at E.
//
//   absl::StatusOr<mhpbr::FairComparison> f = mhpbr::CompareUnits(
//       build.periods, result.periods, assessments, mhpbr::UnitColumn::kTeam,
//       std::nullopt, as_of, rules.outcomes());
//
// Pure and thread-safe: it reads its arguments only.

#ifndef MHPBR_FAIR_COMPARISON_H_
#define MHPBR_FAIR_COMPARISON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/money.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// The column named "team", "provider" or "commissioner", or none.
std::optional<UnitColumn> ParseUnitColumn(absl::string_view name);

// Paired periods and the improved among them in one stratum: a reference
// rate improved / paired. `band` indexes the rule set's bands
// (OutcomeRules::band_upper): 0 is the lowest.
struct ReferenceStratum {
  Cluster cluster;
  int band = 0;
  int64_t paired = 0;
  int64_t improved = 0;
};

// Most pairs a reference stratum may hold (a nation's many years), which
// keeps E's arithmetic within 128 bits.
inline constexpr int64_t kMaxReferencePaired = 1000000000000;

// The band of a start total: the first whose upper bound it does not
// exceed, else the last (band_upper.size()).
int StartTotalBand(int start_total, const OutcomeRules& rules);
// "0-10", "11-15", "16-20", "21+" for the default bounds.
// REQUIRES: 0 <= band <= band_upper.size().
std::string StartTotalBandName(int band, const OutcomeRules& rules);
// The band named so, or none.
std::optional<int> ParseStartTotalBand(absl::string_view name,
                                       const OutcomeRules& rules);

// The four limits at E on the ratio scale (O / E): with G(p, a) the
// p-quantile of the gamma distribution of shape a and scale 1, low_95 =
// G(0.025, E) / E, high_95 = G(0.975, E + 1) / E, low_998 = G(0.001, E) /
// E, high_998 = G(0.999, E + 1) / E.
struct FunnelLimits {
  double low_998 = 0;
  double low_95 = 0;
  double high_95 = 0;
  double high_998 = 0;
};
// REQUIRES: expected > 0 and finite.
FunnelLimits FunnelLimitsAt(double expected);

// `samples` E values spaced evenly on log E from e_min to e_max (both
// included) with their limits: the curves of a funnel plot.
// REQUIRES: 0 < e_min <= e_max, samples >= 2.
struct FunnelSample {
  double expected = 0;
  FunnelLimits limits;
};
std::vector<FunnelSample> FunnelCurve(double e_min, double e_max, int samples);

enum class FunnelFlag : uint8_t {
  kNone,  // E is 0: nothing to compare
  kWithin,
  kHigh998,
  kHigh95,
  kLow998,
  kLow95,
};
// "", "within", "high_998", "high_95", "low_998" or "low_95".
absl::string_view FunnelFlagName(FunnelFlag f);

// E is kept exactly per stratum and summed in units of 1 / kExpectedScale:
// each stratum's n * improved / paired is rounded down once, so the sum is
// below the exact E by less than (strata) / kExpectedScale, far below the
// 6 decimal places written. Exact whenever every term divides.
inline constexpr int64_t kExpectedScaleDigits = 24;
Int128 ExpectedScale();  // 10^24

struct UnitComparison {
  std::string unit;
  // All the unit's periods.
  int64_t periods = 0;
  // The paired periods in O and E (those whose stratum has reference
  // pairs), and O: the improved among them.
  int64_t paired = 0;
  int64_t improved = 0;
  // Paired periods whose stratum has no reference pairs.
  int64_t unadjusted = 0;
  // E * ExpectedScale(), rounded down (see kExpectedScaleDigits).
  Int128 expected_scaled = 0;
  // None when E is 0.
  std::optional<FunnelLimits> limits;
  FunnelFlag flag = FunnelFlag::kNone;
  // Periods ended by a discharge whose end + 90 days is on or before the
  // as-of date, and those followed by an allocation of the same patient 1
  // to 90 days after the end.
  int64_t discharges = 0;
  int64_t reallocated_90 = 0;
  // reallocated_90 * 1e6 / discharges, rounded half away from zero; none
  // when there are no discharges.
  std::optional<int64_t> reallocated_90_ppm;

  double expected() const;
  // E and O / E as decimals rounded half away from zero; the ratio is
  // empty when E is 0.
  std::string ExpectedDecimal(int places) const;
  std::string RatioDecimal(int places) const;
};

struct FairComparison {
  // One per unit that names one, sorted bytewise; the periods with no unit
  // count in the strata only.
  std::vector<UnitComparison> units;
  // The strata of this input (every paired period, with or without a unit),
  // sorted by cluster then band: a reference file for next year.
  std::vector<ReferenceStratum> strata;
  // Paired periods whose stratum has no reference pairs (all periods, with
  // or without a unit): counted, never dropped silently.
  int64_t unadjusted = 0;
  // Periods whose opening allocation names no unit.
  int64_t no_unit = 0;
};

// `outcomes` one per period as MeasureOutcomes gives them (a paired
// period is banded by its `start_total`), `assessments` the span given to
// it. With `reference` none, the
// strata of the input are the reference. A re-allocation 1 to 90 days after
// a discharge always opens a period of the same patient (a discharge closes
// every period), so the periods' starts are the allocations counted. Fails
// when the spans disagree in length, an outcome names an assessment
// outside the span, or a reference stratum is given twice or has improved
// above paired.
absl::StatusOr<FairComparison> CompareUnits(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes,
    absl::Span<const ScoredAssessment> assessments, UnitColumn column,
    std::optional<absl::Span<const ReferenceStratum>> reference,
    absl::CivilDay as_of, const OutcomeRules& rules);

}  // namespace mhpbr

#endif  // MHPBR_FAIR_COMPARISON_H_
