#include "mhpbr/activity_rows.h"

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace mhpbr {

void CostActivityRows(
    ActivityCoster& coster,
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                           const Attribution&)>
        done) {
  // 64 records: enough to hide the memory latency of the period lookups,
  // small enough to stay in cache.
  constexpr size_t kBatch = 64;
  std::vector<InputRow<ActivityRecord>> rows(kBatch);
  std::vector<const ActivityRecord*> good;
  good.reserve(kBatch);
  std::vector<Attribution> outcomes(kBatch);
  Attribution unread;
  auto flush = [&](size_t n) {
    good.clear();
    for (size_t i = 0; i < n; ++i) {
      if (rows[i].error.empty()) good.push_back(&rows[i].value);
    }
    // Cannot fail: room for every outcome, no null record.
    coster.AddBatch(good, absl::MakeSpan(outcomes)).IgnoreError();
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
      if (rows[i].error.empty()) {
        done(rows[i], outcomes[k++]);
        continue;
      }
      coster.CountRejected();
      unread.status = absl::InvalidArgumentError(rows[i].error);
      done(rows[i], unread);
    }
  };
  size_t n = 0;
  for (;;) {
    InputRow<ActivityRecord>& row = rows[n];
    row.error.clear();
    if (!next(&row)) break;
    if (++n == kBatch) {
      flush(n);
      n = 0;
    }
  }
  flush(n);
}

}  // namespace mhpbr
