// Excel workbooks (--xlsx FILE) over libxlsxwriter: one sheet per table,
// numbers as numeric cells, pence as integers with a pounds column beside
// them, dates as dates, the header row frozen. The workbook is one of the
// run's outputs (output_file.h): all or nothing with the others.

#ifndef MHPBR_CLI_XLSX_WORKBOOK_H_
#define MHPBR_CLI_XLSX_WORKBOOK_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/report_table.h"
#include "output_file.h"

namespace mhpbr::cli {

enum class CellKind {
  kText,
  kInteger,
  // An integer cell, and a pounds cell (pence / 100, `£#,##0.00`) added
  // in a column after it.
  kPence,
  kDate,   // YYYY-MM-DD, a date cell shown yyyy-mm-dd
  kMonth,  // YYYY-MM, a date cell (the 1st) shown yyyy-mm
  kDecimal,
  // In a key,value table: pence when the row's key ends in _pence, else
  // whichever of integer, decimal, date or text the cell reads as.
  kByKey,
};

struct SheetColumn {
  std::string name;
  CellKind kind = CellKind::kText;
};

struct Sheet {
  std::string name;  // made valid for Excel (sheet_names.h) when written
  std::vector<SheetColumn> columns;
  // Cells as the CSV writes them; one that does not read as its column's
  // kind (such as an empty one) is written as text, or left blank.
  std::vector<std::vector<std::string>> rows;
};

// A table as a sheet, each column's kind from its name and cells: *_pence
// pence; start, end, as_of, date, review_due and *_date dates; month
// months; a key,value table's value by key; identifiers (*_id, team,
// clinician, commissioner, provider, group, scenario, contract, tariff,
// series, indicator, item, key) text; any other column integer or decimal
// when every cell that is not empty reads as one, else text.
Sheet SheetFromTable(std::string name, const ReportTable& table);

// Writes `sheets` to `path` (none: standard output) as one of `outputs`.
absl::Status WriteWorkbook(OutputSet& outputs, const std::string& path,
                           const std::vector<Sheet>& sheets);

// A sheet filled by the code that writes a CSV output (csv_table.h).
struct CsvSheet {
  std::string name;
  std::function<void(CsvWriter&)> write;
};

absl::Status WriteCsvWorkbook(OutputSet& outputs, const std::string& path,
                              const std::vector<CsvSheet>& sheets);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_XLSX_WORKBOOK_H_
