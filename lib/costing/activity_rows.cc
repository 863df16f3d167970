#include "mhpbr/activity_rows.h"

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace mhpbr {

void PriceActivityRows(const ActivityCoster& coster,
                       absl::Span<const InputRow<ActivityRecord>> rows,
                       std::vector<PricedRecord>* priced) {
  priced->clear();
  AppendPricedRows(coster, rows, priced);
}

void AppendPricedRows(const ActivityCoster& coster,
                      absl::Span<const InputRow<ActivityRecord>> rows,
                      std::vector<PricedRecord>* priced) {
  // Pointers to the good rows in groups on the stack: a block's rows are
  // many, and a vector of them would be one more allocation per block.
  // Room for every row, cut back to the good ones at the end: rows that
  // could not be read are rare, and counting them first was a second
  // pass over rows of hundreds of bytes each.
  constexpr size_t kGroup = 64;
  const ActivityRecord* good[kGroup];
  size_t n = 0;
  size_t at = priced->size();
  priced->resize(at + rows.size());
  auto flush = [&] {
    coster.Price(absl::MakeConstSpan(good, n),
                 absl::MakeSpan(priced->data() + at, n));
    at += n;
    n = 0;
  };
  for (const InputRow<ActivityRecord>& row : rows) {
    if (!row.error.empty()) continue;
    good[n++] = &row.value;
    if (n == kGroup) flush();
  }
  flush();
  priced->resize(at);
}

void CostPricedBlocks(ActivityCoster& coster,
                      absl::FunctionRef<bool(PricedActivityRows*)> next,
                      absl::FunctionRef<void(const CommittedBlock&)> done) {
  CommittedBlock committed;
  while (next(&committed.block)) {
    const PricedActivityRows& block = committed.block;
    // Commit counts each record it rejects (a cost error or an overflowing
    // total), so the block's rejects are known without a look at each row.
    const int64_t rejected_before = coster.totals().records_rejected;
    coster.Commit(block.priced);
    const size_t unread = block.rows.size() - block.priced.size();
    for (size_t i = 0; i < unread; ++i) coster.CountRejected();
    committed.rejected =
        static_cast<size_t>(coster.totals().records_rejected - rejected_before);
    done(committed);
  }
}

void CostPricedRows(
    ActivityCoster& coster, absl::FunctionRef<bool(PricedActivityRows*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  CostPricedBlocks(coster, next, [&](const CommittedBlock& committed) {
    ForEachOutcome(committed.block, done);
  });
}

void ForEachOutcome(
    const PricedActivityRows& block,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  Attribution unread;
  size_t k = 0;
  for (const InputRow<ActivityRecord>& row : block.rows) {
    if (row.error.empty()) {
      done(row, block.priced[k++].attribution);
      continue;
    }
    unread.status = absl::InvalidArgumentError(row.error);
    done(row, unread);
  }
}

bool PricingBatches::operator()(PricedActivityRows* block) {
  size_t n = 0;
  while (!ended_ && n < kBatch) {
    InputRow<ActivityRecord>& row = rows_[n];
    row.error.clear();
    if (!next_(&row)) {
      ended_ = true;
      break;
    }
    ++n;
  }
  if (n == 0) return false;
  const absl::Span<const InputRow<ActivityRecord>> rows(rows_.data(), n);
  PriceActivityRows(coster_, rows, &priced_);
  block->rows = rows;
  block->priced = absl::MakeSpan(priced_);
  return true;
}

void CostActivityRows(
    ActivityCoster& coster,
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  PricingBatches batches(coster, next);
  CostPricedRows(
      coster, [&](PricedActivityRows* b) { return batches(b); }, done);
}

}  // namespace mhpbr
