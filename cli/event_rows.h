// Reading an events file (`patient_id,date,event,cluster`): the rows the
// reader cannot read are rejected into the ledger; the good events are
// returned, not yet counted, for the periods stage to say which it used.

#ifndef MHPBR_CLI_EVENT_ROWS_H_
#define MHPBR_CLI_EVENT_ROWS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/event_table.h"
#include "mhpbr/period_event.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Reasons are prefixed by `reason_prefix`. Fails only when the file
// cannot be opened or read. `columns`, when given, is set to the optional
// columns the file's header names. `threads` > 1 parses by blocks on that
// many threads (block_rows.h), the events still in file order.
absl::StatusOr<std::vector<PeriodEvent>> ReadEventRows(
    const std::string& path, absl::string_view reason_prefix, RowLedger& ledger,
    EventUnitColumns* columns = nullptr, int threads = 1);

// The same events in a compact table (event_table.h), for building a
// large file's periods: on several threads each block's events are put in
// the table's form where the block was parsed.
absl::StatusOr<EventTable> ReadEventTable(const std::string& path,
                                          RowLedger& ledger,
                                          EventUnitColumns* columns,
                                          int threads);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_EVENT_ROWS_H_
