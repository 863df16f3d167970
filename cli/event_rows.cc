#include "event_rows.h"

#include <sys/stat.h>

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
  // About as many events as the file has room for: growing a national year's
  // events would copy them and fault in their pages twice over, while
  // pages reserved and never written cost nothing.
  if (struct stat st; stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    constexpr size_t kShortestEventRow = 24;  // "P,2024-01-01,discharge,\n"
    events.reserve(static_cast<size_t>(st.st_size) / kShortestEventRow);
  }
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
