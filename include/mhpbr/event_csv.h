// Reading period events from CSV, the `mhpbr periods` input: `patient_id`,
// `date`, `event` (`allocate` or `discharge`) and `cluster` (for allocate),
// and optionally `team`, `provider` and `commissioner`, found by header name
// in any order.
//
//   auto reader = mhpbr::EventCsvReader::Open(file, "events.csv");
//   mhpbr::EventRow row;
//   while ((*reader)->Next(&row)) {
//     if (!row.error.empty()) reject(row.line, row.event.patient_id,
//     row.error); else events.push_back(row.event);
//   }

#ifndef MHPBR_EVENT_CSV_H_
#define MHPBR_EVENT_CSV_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "mhpbr/csv_blocks.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/period_event.h"

namespace mhpbr {

struct EventRow {
  // event.line is the 1-based line the row starts on.
  PeriodEvent event;
  int64_t line = 0;
  // Empty when the row is good; else every problem, "; "-joined, each
  // naming its column.
  std::string error;
};

class EventCsvReader {
 public:
  // Fails on an empty file, a malformed header or missing columns.
  static absl::StatusOr<std::unique_ptr<EventCsvReader>> Open(std::FILE* file,
                                                              std::string name);
  bool Next(EventRow* row);
  const absl::Status& io_status() const { return csv_.io_status(); }
  // The optional columns the header names.
  EventUnitColumns unit_columns() const {
    return {team_ >= 0, provider_ >= 0, commissioner_ >= 0};
  }
  // For reading rows on several threads (csv_blocks.h): a reader with this
  // header's columns of the rows in `rows` and then, when `file` is not
  // null, in the rest of `file`.
  std::unique_ptr<EventCsvReader> ForRows(std::FILE* file, CsvBlock rows) const;

 private:
  EventCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  EventCsvReader(std::FILE* file, std::string name, CsvBlock rows)
      : csv_(file, std::move(name), std::move(rows)) {}

  CsvReader csv_;
  CsvRecord rec_;
  size_t width_ = 0;
  int patient_ = -1, date_ = -1, event_ = -1, cluster_ = -1;
  int team_ = -1, provider_ = -1, commissioner_ = -1;
};

}  // namespace mhpbr

#endif  // MHPBR_EVENT_CSV_H_
