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
#include "mhpbr/tariff_evidence.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// Samples with 0 days are ignored. Fails, naming the sample, for negative
// days or cost, a cost above 10^13 pence or days above 100000 (outside
// which exact arithmetic is not promised), or settings out of range.
absl::StatusOr<TariffSetting> SetTariffs(absl::Span<const CostSample> samples,
                                         const TariffSettings& settings,
                                         const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_TARIFF_SETTING_H_
