// Costing a stream of activity rows: the one loop every client runs (the
// tool over a CSV file, the C API over a request, the report). Rows are
// priced a batch at a time (ActivityCoster::Price, which overlaps the
// memory reads of a batch) and added in input order, and each row's
// outcome is reported in input order; a row that could not be read is
// counted as rejected.
//
//   mhpbr::CostActivityRows(
//       coster, [&](mhpbr::InputRow<mhpbr::ActivityRecord>* row) {
//         return reader.Next(row);          // false at the end
//       },
//       [&](const auto& row, const mhpbr::Attribution& a) {
//         if (!a.status.ok()) reject(row.line, a.status.message());
//       });
//
// A reader that parses blocks of rows on other threads can price them
// there too, and hand the blocks over already priced (CostPricedRows).

#ifndef MHPBR_ACTIVITY_ROWS_H_
#define MHPBR_ACTIVITY_ROWS_H_

#include <cstddef>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/input_row.h"

namespace mhpbr {

// A block of rows in input order, priced: priced[k] is the k-th row that
// was read without error, as ActivityCoster::Price left it.
struct PricedActivityRows {
  absl::Span<const InputRow<ActivityRecord>> rows;
  absl::Span<PricedRecord> priced;
};

// Prices the rows of `rows` read without error into `*priced` (resized to
// fit), as a worker does for CostPricedRows. Const on the coster: safe on
// any thread while the coster's Commit runs on another.
void PriceActivityRows(const ActivityCoster& coster,
                       absl::Span<const InputRow<ActivityRecord>> rows,
                       std::vector<PricedRecord>* priced);
// The same, adding the prices after those `*priced` holds already: a
// worker pricing a block a part at a time fills the block's list in place.
void AppendPricedRows(const ActivityCoster& coster,
                      absl::Span<const InputRow<ActivityRecord>> rows,
                      std::vector<PricedRecord>* priced);

// `next` fills the next row and returns false when there is none; `done`
// is called once per row, in order: its Attribution's status is the row's
// `error` (as InvalidArgument) when it could not be read, else the
// costing outcome.
void CostActivityRows(
    ActivityCoster& coster,
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done);

// The same for rows a block at a time, priced already by `coster`
// (PriceActivityRows): `next` fills the next block, false when there is
// none; the block's rows and prices stay the caller's, and are used only
// until `next` is called again.
void CostPricedRows(
    ActivityCoster& coster, absl::FunctionRef<bool(PricedActivityRows*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done);

// A block once added: its rows and their outcomes (priced[k].attribution
// is the outcome of the k-th row read without error), and how many of its
// rows were rejected, by the reader or by the costing: when none, a
// consumer of millions of rows need not look at any of them.
struct CommittedBlock {
  PricedActivityRows block;
  size_t rejected = 0;
};

// CostPricedRows a block at a time: `done` sees each block once, in
// order, after it is added. The same totals, the same outcomes.
void CostPricedBlocks(ActivityCoster& coster,
                      absl::FunctionRef<bool(PricedActivityRows*)> next,
                      absl::FunctionRef<void(const CommittedBlock&)> done);
// Each row of a committed block with its outcome, as CostPricedRows gives
// them.
void ForEachOutcome(
    const PricedActivityRows& block,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done);

// A row-by-row source read as priced blocks of 64 rows, priced on the
// calling thread: how CostActivityRows feeds CostPricedRows.
class PricingBatches {
 public:
  PricingBatches(const ActivityCoster& coster,
                 absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next)
      : coster_(coster), next_(next), rows_(kBatch) {}
  bool operator()(PricedActivityRows* block);

 private:
  // Enough to hide the memory latency of the period lookups, small
  // enough to stay in cache.
  static constexpr size_t kBatch = 64;
  const ActivityCoster& coster_;
  absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next_;
  std::vector<InputRow<ActivityRecord>> rows_;
  std::vector<PricedRecord> priced_;
  bool ended_ = false;
};

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_ROWS_H_
