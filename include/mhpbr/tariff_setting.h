// Setting local prices from what clusters cost (pricing.md 2): per cluster,
// trim periods whose cost per day lies outside [Q1 - k*IQR, Q3 + k*IQR]
// (type-7 quartiles), take the kept periods' total cost over their total
// days as the base daily cost, apply uplift and efficiency, and derive the
// price per day, per review period and per year of care, with the evidence
// behind each.
//
//   auto t = mhpbr::SetTariffs(samples, settings, *rules);
//   t->schedule  // what `mhpbr price` reads
//   t->evidence  // per cluster: periods used, excluded, fences, mean, ...

#ifndef MHPBR_TARIFF_SETTING_H_
#define MHPBR_TARIFF_SETTING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/fraction.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

struct TariffSettings {
  // The basis of the schedule's prices (evidence carries all three).
  Basis basis = Basis::kDay;
  // The trimming multiplier k as an exact fraction (1.5 = 3/2).
  Fraction iqr_k = Fraction{3, 2};
  int64_t uplift_ppm = 0;
  int64_t efficiency_ppm = 0;
  // Fewer periods (with days > 0, before trimming) leave a cluster
  // unpriced.
  int64_t min_periods = 10;
};

// A decimal such as "1.5" read exactly: at most 6 decimal places, 0..100.
absl::StatusOr<Fraction> ParseMultiplier(absl::string_view text);

// One costed period of the reference year.
struct CostSample {
  Cluster cluster;
  int64_t days = 0;
  int64_t cost_pence = 0;
};

enum class EvidenceStatus : uint8_t { kPriced, kTooFewPeriods, kVariance };

// "priced", "too_few_periods" or "variance".
absl::string_view EvidenceStatusName(EvidenceStatus s);

struct ClusterEvidence {
  Cluster cluster;
  // Samples with days > 0 (the minimum applies to this count).
  int64_t periods = 0;
  int64_t used = 0;
  int64_t excluded = 0;
  // In pence per day; none when too few periods.
  std::optional<Fraction> lower_fence, upper_fence;
  // Of the kept periods' cost per day, unweighted.
  std::optional<long double> mean_per_day;
  std::optional<Fraction> median_per_day;
  // Sample standard deviation over mean; none when fewer than 2 are used.
  std::optional<long double> cv;
  std::optional<int64_t> price_day_pence, price_period_pence, price_year_pence;
  EvidenceStatus status = EvidenceStatus::kTooFewPeriods;
};

struct TariffSetting {
  TariffSchedule schedule;
  // One per cluster present in the samples, sorted by cluster.
  std::vector<ClusterEvidence> evidence;
};

// Samples with 0 days are ignored. Fails, naming the sample, for negative
// days or cost, a cost above 10^13 pence or days above 100000 (outside
// which exact arithmetic is not promised), or settings out of range.
absl::StatusOr<TariffSetting> SetTariffs(absl::Span<const CostSample> samples,
                                         const TariffSettings& settings,
                                         const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_TARIFF_SETTING_H_
