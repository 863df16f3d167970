#include "activity_rows.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

using NextBlock = absl::FunctionRef<bool(PricedActivityRows*)>;
using Done = absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                                    const Attribution&)>;

using ActivityRow = InputRow<ActivityRecord>;

// Rows are parsed and priced by `pricer` on the reader's threads, then
// handed to `row_loop` a block at a time, in file order.
absl::Status ReadThrough(const std::string& path,
                         absl::string_view reason_prefix, RowLedger& ledger,
                         int threads, const ActivityCoster& pricer,
                         absl::FunctionRef<void(NextBlock, Done)> row_loop) {
  using Priced = std::vector<PricedRecord>;
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      (BlockRows<ActivityCsvReader, ActivityRow, Priced>::Open(
          path, threads, NextRow<ActivityCsvReader, ActivityRow>,
          ShiftRowLines<ActivityRecord>,
          [&pricer](absl::Span<const ActivityRow> rows, Priced* priced) {
            PriceActivityRows(pricer, rows, priced);
          })));
  row_loop(
      [&](PricedActivityRows* block) {
        Priced* priced = nullptr;
        if (!reader->NextBlock(&block->rows, &priced)) return false;
        block->priced = absl::MakeSpan(*priced);
        return true;
      },
      [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
        ledger.Account(row.line, row.id, a.status, reason_prefix);
      });
  return reader->io_status();
}

}  // namespace

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ActivityCoster& coster, RowLedger& ledger,
                              int threads) {
  return ReadThrough(path, reason_prefix, ledger, threads, coster,
                     [&](NextBlock next, Done done) {
                       mhpbr::CostPricedRows(coster, next, done);
                     });
}

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ReportBuilder& builder, RowLedger& ledger,
                              int threads) {
  return ReadThrough(
      path, reason_prefix, ledger, threads, builder.pricer(),
      [&](NextBlock next, Done done) { builder.AddActivity(next, done); });
}

}  // namespace mhpbr::cli
