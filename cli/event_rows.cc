#include "event_rows.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::StatusOr<std::vector<PeriodEvent>> ReadEventRows(
    const std::string& path, absl::string_view reason_prefix, RowLedger& ledger,
    EventUnitColumns* columns, int threads) {
  MHPBR_ASSIGN_OR_RETURN(auto reader,
                         (BlockRows<EventCsvReader, EventRow>::Open(
                             path, threads, NextRow<EventCsvReader, EventRow>,
                             [](EventRow& row, int64_t delta) {
                               row.line += delta;
                               row.event.line += delta;
                             })));
  if (columns != nullptr) *columns = reader->header_reader().unit_columns();
  std::vector<PeriodEvent> events;
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

}  // namespace mhpbr::cli
