// A CSV output captured as a table of cells, so that another format (the
// Excel workbook) is filled by the very code that writes the CSV and can
// never differ from it.

#ifndef MHPBR_CLI_CSV_TABLE_H_
#define MHPBR_CLI_CSV_TABLE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/report_table.h"

namespace mhpbr::cli {

// Runs `write` into memory and reads the CSV back: its first row is the
// table's columns. `name` names the table (and the messages).
absl::StatusOr<ReportTable> CaptureCsv(
    std::string name, const std::function<void(CsvWriter&)>& write);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_CSV_TABLE_H_
