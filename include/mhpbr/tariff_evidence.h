// What the tariff-setting stage takes and gives (SetTariffs,
// tariff_setting.h): its settings and samples, and the schedule with the
// evidence behind each cluster's price.

#ifndef MHPBR_TARIFF_EVIDENCE_H_
#define MHPBR_TARIFF_EVIDENCE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/cluster.h"
#include "mhpbr/fraction.h"
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
  // Also price admitted and community days apart (pay_setting.h), from
  // each sample's split; needs basis day.
  bool by_setting = false;
};

// A decimal such as "1.5" read exactly: at most 6 decimal places, 0..100.
absl::StatusOr<Fraction> ParseMultiplier(absl::string_view text);

// A costed period's days and cost by setting (CostedPeriod's fields):
// the days add up to its days and the pence to its cost.
struct SettingSplit {
  int64_t admitted_days = 0;
  int64_t community_days = 0;
  int64_t admitted_pence = 0;
  int64_t community_pence = 0;
};

// One costed period of the reference year.
struct CostSample {
  Cluster cluster;
  int64_t days = 0;
  int64_t cost_pence = 0;
  // Needed by TariffSettings::by_setting.
  std::optional<SettingSplit> split = std::nullopt;
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
  // By setting (TariffSettings::by_setting), over the kept periods: their
  // days of each setting, and the per-day price of each (the setting's
  // cost over its days, with uplift and efficiency, rounded once); none
  // when the kept periods have no day of that setting. The schedule takes
  // them only when both are there.
  int64_t admitted_days = 0;
  int64_t community_days = 0;
  std::optional<int64_t> admitted_price_pence = std::nullopt;
  std::optional<int64_t> community_price_pence = std::nullopt;
};

struct TariffSetting {
  TariffSchedule schedule;
  // One per cluster present in the samples, sorted by cluster.
  std::vector<ClusterEvidence> evidence;
};

}  // namespace mhpbr

#endif  // MHPBR_TARIFF_EVIDENCE_H_
