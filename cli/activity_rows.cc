#include "activity_rows.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

using Next = absl::FunctionRef<bool(InputRow<ActivityRecord>*)>;
using Done = absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                                    const Attribution&)>;

using ActivityRow = InputRow<ActivityRecord>;

absl::Status ReadThrough(const std::string& path,
                         absl::string_view reason_prefix, RowLedger& ledger,
                         int threads,
                         absl::FunctionRef<void(Next, Done)> row_loop) {
  MHPBR_ASSIGN_OR_RETURN(
      auto reader, (BlockRows<ActivityCsvReader, ActivityRow>::Open(
                       path, threads, NextRow<ActivityCsvReader, ActivityRow>,
                       ShiftRowLines<ActivityRecord>)));
  row_loop([&](ActivityRow* row) { return reader->Next(row); },
           [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
             if (a.status.ok()) {
               ledger.Ok();
             } else {
               ledger.Reject(row.line, row.id,
                             absl::StrCat(reason_prefix, a.status.message()));
             }
           });
  return reader->io_status();
}

}  // namespace

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ActivityCoster& coster, RowLedger& ledger,
                              int threads) {
  return ReadThrough(path, reason_prefix, ledger, threads,
                     [&](Next next, Done done) {
                       mhpbr::CostActivityRows(coster, next, done);
                     });
}

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ReportBuilder& builder, RowLedger& ledger,
                              int threads) {
  return ReadThrough(
      path, reason_prefix, ledger, threads,
      [&](Next next, Done done) { builder.AddActivity(next, done); });
}

}  // namespace mhpbr::cli
