// Costing a stream of activity rows: the one loop every client runs (the
// tool over a CSV file, the C API over a request, the report). Rows go
// through ActivityCoster::AddBatch a batch at a time, which overlaps the
// memory reads of a batch, and each row's outcome is reported in input
// order; a row that could not be read is counted as rejected.
//
//   mhpbr::CostActivityRows(
//       coster, [&](mhpbr::InputRow<mhpbr::ActivityRecord>* row) {
//         return reader.Next(row);          // false at the end
//       },
//       [&](const auto& row, const mhpbr::Attribution& a) {
//         if (!a.status.ok()) reject(row.line, a.status.message());
//       });

#ifndef MHPBR_ACTIVITY_ROWS_H_
#define MHPBR_ACTIVITY_ROWS_H_

#include "absl/functional/function_ref.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/input_row.h"

namespace mhpbr {

// `next` fills the next row and returns false when there is none; `done`
// is called once per row, in order: its Attribution's status is the row's
// `error` (as InvalidArgument) when it could not be read, else the
// costing outcome.
void CostActivityRows(
    ActivityCoster& coster,
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                           const Attribution&)>
        done);

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_ROWS_H_
