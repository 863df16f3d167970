// What the classifier says about one assessment: the suggested cluster and
// why, the runner-up, and the check of the clinician's allocation.
//
// Fit scores are exact: integers in thousandths of a weight unit
// (kFitScale), so that ties are ties. `FormatFit` writes them as the
// decimal a person reads ("12", "-2.5").

#ifndef MHPBR_CLASSIFICATION_H_
#define MHPBR_CLASSIFICATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item_set.h"

namespace mhpbr {

enum class VarianceReason : uint8_t {
  kNone = 0,         // the suggestion is a real cluster
  kNoFit = 1,        // every candidate broke a red rule
  kTooFewKnown = 2,  // fewer known items than the rule set's minimum
};

// "", "no_fit" or "too_few_known".
absl::string_view VarianceReasonName(VarianceReason r);

// A fit score in thousandths as a decimal without trailing zeros.
std::string FormatFit(int64_t fit_milli);
// The same written at `out` (room for kMaxFitBytes), for output loops;
// returns the end.
inline constexpr size_t kMaxFitBytes = 24;
char* WriteFit(int64_t fit_milli, char* out);

// The check of one allocation against its cluster's red rules.
struct AllocationCheck {
  Cluster cluster;
  // An allocation to cluster 0 is never red.
  bool red = false;
  // Rows breaking the cluster's red rule, in row order.
  ItemSet red_items;
};

struct Classification {
  Cluster suggested;
  // Set unless the suggestion is cluster 0.
  std::optional<int32_t> suggested_fit_milli;
  // The next best candidate; none when the suggestion is cluster 0 or only
  // one candidate survived the red rules.
  std::optional<Cluster> runner_up;
  std::optional<int32_t> runner_up_fit_milli;
  VarianceReason reason = VarianceReason::kNone;
  // Known profile rows (item 8 counts once).
  int known_items = 0;
  // Rows of the suggested cluster's profile that fit (M or E) and that do
  // not (U); both empty for cluster 0.
  ItemSet fitting_items;
  ItemSet misfitting_items;
  // Set when the assessment carried an allocated cluster.
  std::optional<AllocationCheck> allocation;

  bool agrees() const {
    return allocation.has_value() && allocation->cluster == suggested;
  }
};

}  // namespace mhpbr

#endif  // MHPBR_CLASSIFICATION_H_
