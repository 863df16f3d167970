// CSV outputs as tables of cells and back: one captured as a table, so that
// another format (the Excel workbook) is filled by the very code that
// writes the CSV and can never differ from it; and a table written as CSV.

#ifndef MHPBR_CLI_CSV_TABLE_H_
#define MHPBR_CLI_CSV_TABLE_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/report_table.h"
#include "output_file.h"

namespace mhpbr::cli {

// Runs `write` into a table of cells (CsvWriter's cells form: no CSV text
// is made and parsed back): its first row is the table's columns; a row
// with another number of cells is an internal error. `name` names the
// table (and the messages).
absl::StatusOr<ReportTable> CaptureCsv(
    std::string name, const std::function<void(CsvWriter&)>& write);

// Appends `cells` to `text` as one CSV row, quoted as CsvWriter quotes
// them: a large output formats its rows into one reused buffer and hands
// them to CsvWriter::Rows, rather than paying a call per field.
void AppendCsvRow(absl::Span<const absl::string_view> cells, std::string* text);

// Writes `table` (its columns, then its rows) as one of a run's outputs, as
// WriteCsv does; no path: standard output.
absl::Status WriteTableCsv(OutputSet& outputs,
                           const std::optional<std::string>& path,
                           const ReportTable& table);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_CSV_TABLE_H_
