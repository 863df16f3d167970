#include "activity_rows.h"

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/activity_facts.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

using Done = absl::FunctionRef<void(const CommittedBlock&)>;

using ActivityRow = InputRow<ActivityRecord>;

// A committed block's rows into the ledger: a call per reject, in order,
// and one for all the rest. `unread` lists the rows that could not be
// read, so that no other row is looked at (each would be a cache miss:
// rows are parsed on other cores).
absl::Status Account(RowLedger& ledger, const CommittedBlock& committed,
                     absl::Span<const uint32_t> unread,
                     absl::string_view reason_prefix) {
  const PricedActivityRows& block = committed.block;
  if (committed.rejected == 0) {
    ledger.Ok(static_cast<int64_t>(block.rows.size()));
    return absl::OkStatus();
  }
  auto reject_unread = [&](size_t i) {
    const ActivityRow& row = block.rows[i];
    ledger.Reject(row.line, row.id, absl::StrCat(reason_prefix, row.error));
  };
  // The pricer lists every unread row, on a block's worker or, reading in
  // one stream, on this thread (BlockRows runs its after hook on both); a
  // list that does not add up would put rejects on the wrong lines.
  if (unread.size() + block.priced.size() != block.rows.size()) {
    return absl::InternalError(absl::StrCat(
        "activity block of ", block.rows.size(), " rows has ",
        block.priced.size(), " priced and ", unread.size(), " unread"));
  }
  int64_t ok = 0;
  // The k-th priced record is row k + e, e being the unread rows before it.
  size_t e = 0;
  for (size_t k = 0; k < block.priced.size(); ++k) {
    while (e < unread.size() && unread[e] == k + e) reject_unread(unread[e++]);
    const absl::Status& status = block.priced[k].attribution.status;
    if (status.ok()) {
      ++ok;
    } else {
      const ActivityRow& row = block.rows[k + e];
      ledger.Reject(row.line, row.id,
                    absl::StrCat(reason_prefix, status.message()));
    }
  }
  while (e < unread.size()) reject_unread(unread[e++]);
  ledger.Ok(ok);
  return absl::OkStatus();
}

// What a worker makes of a block: its prices, and for the report the
// facts it counts.
struct PricedBlock {
  std::vector<PricedRecord> priced;
  // The rows that could not be read, by index, in order.
  std::vector<uint32_t> unread;
  ActivityFacts facts;
};

using NextPriced =
    absl::FunctionRef<bool(PricedActivityRows*, const ActivityFacts**)>;

// Rows are parsed and priced by `pricer` (and with `gather`, their facts
// gathered) on the reader's threads, then handed to `block_loop` a block
// at a time, in file order.
absl::Status ReadThrough(const std::string& path,
                         absl::string_view reason_prefix, RowLedger& ledger,
                         int threads, const ActivityCoster& pricer, bool gather,
                         absl::FunctionRef<void(NextPriced, Done)> block_loop) {
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      (BlockRows<ActivityCsvReader, ActivityRow, PricedBlock>::Open(
          path, threads, NextRow<ActivityCsvReader, ActivityRow>,
          ShiftRowLines<ActivityRecord>,
          [&pricer, gather](absl::Span<const ActivityRow> rows,
                            PricedBlock* out) {
            // Priced a part at a time, each part's rows looked at again
            // right after, while they are in the cache: a block's rows are
            // megabytes.
            constexpr size_t kPart = 512;
            out->priced.clear();
            out->unread.clear();
            out->facts.Clear();
            for (size_t at = 0; at < rows.size(); at += kPart) {
              const absl::Span<const ActivityRow> some =
                  rows.subspan(at, kPart);
              const size_t before = out->priced.size();
              AppendPricedRows(pricer, some, &out->priced);
              const absl::Span<PricedRecord> part =
                  absl::MakeSpan(out->priced).subspan(before);
              if (part.size() != some.size()) {
                for (size_t i = 0; i < some.size(); ++i) {
                  if (!some[i].error.empty()) {
                    out->unread.push_back(static_cast<uint32_t>(at + i));
                  }
                }
              }
              if (gather) {
                ReportBuilder::GatherActivity({some, part}, &out->facts);
              }
            }
          })));
  PricedBlock* current = nullptr;
  absl::Status accounted;
  block_loop(
      [&](PricedActivityRows* block, const ActivityFacts** facts) {
        if (!reader->NextBlock(&block->rows, &current)) return false;
        block->priced = absl::MakeSpan(current->priced);
        *facts = gather ? &current->facts : nullptr;
        return true;
      },
      [&](const CommittedBlock& committed) {
        if (accounted.ok()) {
          accounted =
              Account(ledger, committed, current->unread, reason_prefix);
        }
      });
  MHPBR_RETURN_IF_ERROR(accounted);
  return reader->io_status();
}

}  // namespace

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ActivityCoster& coster, RowLedger& ledger,
                              int threads) {
  return ReadThrough(path, reason_prefix, ledger, threads, coster,
                     /*gather=*/false, [&](NextPriced next, Done done) {
                       mhpbr::CostPricedBlocks(
                           coster,
                           [&](PricedActivityRows* block) {
                             const ActivityFacts* none = nullptr;
                             return next(block, &none);
                           },
                           done);
                     });
}

absl::Status CostActivityRows(const std::string& path,
                              absl::string_view reason_prefix,
                              ReportBuilder& builder, RowLedger& ledger,
                              int threads) {
  return ReadThrough(path, reason_prefix, ledger, threads, builder.pricer(),
                     /*gather=*/true, [&](NextPriced next, Done done) {
                       builder.AddActivityBlocks(next, done);
                     });
}

}  // namespace mhpbr::cli
