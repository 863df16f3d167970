#include "event_rows.h"

#include <sys/stat.h>

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

void ShiftEventRow(EventRow& row, int64_t delta) {
  row.line += delta;
  row.event.line += delta;
}

// The size of a regular file; 0 for anything else.
size_t FileBytes(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<size_t>(st.st_size);
}

// About as many events as the file has room for: growing a national year's
// events would copy them and fault in their pages twice over, while
// pages reserved and never written cost nothing.
constexpr size_t kShortestEventRow = 24;  // "P,2024-01-01,discharge,\n"

}  // namespace

absl::StatusOr<std::vector<PeriodEvent>> ReadEventRows(
    const std::string& path, absl::string_view reason_prefix, RowLedger& ledger,
    EventUnitColumns* columns, int threads) {
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      (BlockRows<EventCsvReader, EventRow>::Open(
          path, threads, NextRow<EventCsvReader, EventRow>, ShiftEventRow)));
  if (columns != nullptr) *columns = reader->header_reader().unit_columns();
  std::vector<PeriodEvent> events;
  events.reserve(FileBytes(path) / kShortestEventRow);
  EventRow row;
  while (reader->Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.event.patient_id,
                    absl::StrCat(reason_prefix, row.error));
      continue;
    }
    events.push_back(std::move(row.event));
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return events;
}

absl::StatusOr<EventTable> ReadEventTable(const std::string& path,
                                          RowLedger& ledger,
                                          EventUnitColumns* columns,
                                          int threads) {
  // A block's good events in the table's form, and where its bad rows are:
  // the consuming thread reads only those of the rows themselves.
  struct Block {
    EventTable events;
    std::vector<size_t> rejected;
  };
  using Rows = BlockRows<EventCsvReader, EventRow, Block>;
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      Rows::Open(path, threads, NextRow<EventCsvReader, EventRow>,
                 ShiftEventRow,
                 [](absl::Span<const EventRow> rows, Block* block) {
                   block->events.Clear();
                   block->rejected.clear();
                   for (size_t i = 0; i < rows.size(); ++i) {
                     if (rows[i].error.empty()) {
                       block->events.Add(rows[i].event);
                     } else {
                       block->rejected.push_back(i);
                     }
                   }
                 }));
  if (columns != nullptr) *columns = reader->header_reader().unit_columns();
  EventTable events;
  // The file's bytes bound its ids' and units'.
  const size_t bytes = FileBytes(path);
  events.Reserve(bytes / kShortestEventRow, bytes);
  if (threads <= 1) {
    // Rows read on this thread go straight into the table: through a
    // block's table they would be numbered and copied twice.
    EventRow row;
    while (reader->Next(&row)) {
      if (row.error.empty()) {
        events.Add(row.event);
      } else {
        ledger.Reject(row.line, row.event.patient_id, row.error);
      }
    }
    MHPBR_RETURN_IF_ERROR(reader->io_status());
    return events;
  }
  absl::Span<const EventRow> rows;
  Block* block = nullptr;
  while (reader->NextBlock(&rows, &block)) {
    for (size_t i : block->rejected) {
      ledger.Reject(rows[i].line, rows[i].event.patient_id, rows[i].error);
    }
    events.Append(block->events);
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return events;
}

}  // namespace mhpbr::cli
