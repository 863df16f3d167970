#include "xlsx_workbook.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "csv_table.h"
#include "mhpbr/dates.h"
#include "mhpbr/status_macros.h"
#include "sheet_names.h"
#include "xlsxwriter.h"

namespace mhpbr::cli {
namespace {

// Excel holds every number as a double: integers beyond 2^53 would be
// changed, so they are written as text.
constexpr int64_t kMaxExactInteger = int64_t{1} << 53;
constexpr double kMaxWidth = 60;
constexpr double kMinWidth = 6;

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// Only the canonical form, so that a code such as "007" keeps its zeros.
std::optional<int64_t> ReadInteger(absl::string_view s) {
  absl::string_view digits = absl::StripPrefix(s, "-");
  if (!AllDigits(digits) || (digits.size() > 1 && digits[0] == '0') ||
      s == "-0") {
    return std::nullopt;
  }
  int64_t v = 0;
  if (!absl::SimpleAtoi(s, &v) || v > kMaxExactInteger ||
      v < -kMaxExactInteger) {
    return std::nullopt;
  }
  return v;
}

// An integer, or digits '.' digits as the library's decimals are written.
std::optional<double> ReadDecimal(absl::string_view s) {
  if (auto i = ReadInteger(s)) return static_cast<double>(*i);
  const size_t dot = s.find('.');
  if (dot == absl::string_view::npos) return std::nullopt;
  absl::string_view whole = absl::StripPrefix(s.substr(0, dot), "-");
  if (!AllDigits(whole) || (whole.size() > 1 && whole[0] == '0') ||
      !AllDigits(s.substr(dot + 1))) {
    return std::nullopt;
  }
  double v = 0;
  if (!absl::SimpleAtod(s, &v)) return std::nullopt;
  return v;
}

// Excel's dates run from 1900 to 9999.
std::optional<lxw_datetime> ReadDate(absl::string_view s) {
  if (s.size() != 10) return std::nullopt;
  auto day = ParseIsoDate(s);
  if (!day.ok() || day->year() < 1900 || day->year() > 9999) {
    return std::nullopt;
  }
  return lxw_datetime{
      static_cast<int>(day->year()), day->month(), day->day(), 0, 0, 0};
}

std::optional<lxw_datetime> ReadMonth(absl::string_view s) {
  if (s.size() != 7) return std::nullopt;
  return ReadDate(absl::StrCat(s, "-01"));
}

size_t Chars(absl::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsIdentifier(absl::string_view name) {
  static constexpr absl::string_view kNames[] = {
      "team",     "clinician", "commissioner", "provider",  "group", "scenario",
      "contract", "tariff",    "series",       "indicator", "item",  "key"};
  return absl::EndsWith(name, "_id") ||
         std::find(std::begin(kNames), std::end(kNames), name) !=
             std::end(kNames);
}

bool IsDateColumn(absl::string_view name) {
  return name == "start" || name == "end" || name == "as_of" ||
         name == "date" || name == "review_due" ||
         absl::EndsWith(name, "_date");
}

CellKind KindByValues(const ReportTable& table, size_t column) {
  bool integers = true;
  bool decimals = true;
  for (const std::vector<std::string>& row : table.rows) {
    if (column >= row.size() || row[column].empty()) continue;
    integers = integers && ReadInteger(row[column]).has_value();
    decimals = decimals && ReadDecimal(row[column]).has_value();
  }
  return integers   ? CellKind::kInteger
         : decimals ? CellKind::kDecimal
                    : CellKind::kText;
}

// A key,value table's value read for what it is.
CellKind KindOfValue(absl::string_view key, absl::string_view cell) {
  if (absl::EndsWith(key, "_pence")) return CellKind::kPence;
  if (ReadInteger(cell)) return CellKind::kInteger;
  if (ReadDecimal(cell)) return CellKind::kDecimal;
  if (ReadDate(cell)) return CellKind::kDate;
  if (ReadMonth(cell)) return CellKind::kMonth;
  return CellKind::kText;
}

std::string PoundsName(absl::string_view name) {
  return absl::StrCat(absl::StripSuffix(name, "_pence"), "_pounds");
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* pounds = nullptr;
  lxw_format* date = nullptr;
  lxw_format* month = nullptr;
};

// Writes one sheet's cells; the first failure's reason, or LXW_NO_ERROR.
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* ws, const Formats& f) : ws_(ws), f_(f) {}

  lxw_error Text(lxw_row_t row, lxw_col_t col, const std::string& s) {
    Widen(col, Chars(s));
    if (s.empty()) return LXW_NO_ERROR;
    return Keep(worksheet_write_string(ws_, row, col, s.c_str(), nullptr));
  }

  // `cell` as `kind`, at `col` (and its pounds at col + 1).
  lxw_error Cell(lxw_row_t row, lxw_col_t col, CellKind kind,
                 const std::string& cell) {
    switch (kind) {
      case CellKind::kInteger:
      case CellKind::kPence:
        if (auto v = ReadInteger(cell)) {
          Widen(col, cell.size());
          Keep(worksheet_write_number(ws_, row, col, static_cast<double>(*v),
                                      f_.integer));
          if (kind == CellKind::kPence) {
            // The double nearest pence / 100: a pound figure shown to the
            // penny is exactly the pence (they are below 2^53).
            Widen(col + 1, cell.size() + 2 + cell.size() / 3);
            Keep(worksheet_write_number(
                ws_, row, col + 1, static_cast<double>(*v) / 100.0, f_.pounds));
          }
          return error_;
        }
        break;
      case CellKind::kDecimal:
        if (auto v = ReadDecimal(cell)) {
          Widen(col, cell.size());
          return Keep(worksheet_write_number(ws_, row, col, *v, nullptr));
        }
        break;
      case CellKind::kDate:
      case CellKind::kMonth: {
        const bool month = kind == CellKind::kMonth;
        if (auto d = month ? ReadMonth(cell) : ReadDate(cell)) {
          Widen(col, month ? 7 : 10);
          return Keep(worksheet_write_datetime(ws_, row, col, &*d,
                                               month ? f_.month : f_.date));
        }
        break;
      }
      case CellKind::kText:
      case CellKind::kByKey:
        break;
    }
    return Text(row, col, cell);
  }

  lxw_error Header(lxw_col_t col, const std::string& name) {
    Widen(col, Chars(name));
    return Keep(worksheet_write_string(ws_, 0, col, name.c_str(), f_.header));
  }

  lxw_error SetWidths() {
    for (size_t col = 0; col < widths_.size(); ++col) {
      const double width = std::clamp(static_cast<double>(widths_[col]) + 2,
                                      kMinWidth, kMaxWidth);
      Keep(worksheet_set_column(ws_, static_cast<lxw_col_t>(col),
                                static_cast<lxw_col_t>(col), width, nullptr));
    }
    return error_;
  }

 private:
  void Widen(lxw_col_t col, size_t chars) {
    if (widths_.size() <= col) widths_.resize(col + 1, 0);
    widths_[col] = std::max(widths_[col], chars);
  }
  lxw_error Keep(lxw_error e) {
    if (error_ == LXW_NO_ERROR) error_ = e;
    return error_;
  }

  lxw_worksheet* ws_;
  const Formats& f_;
  std::vector<size_t> widths_;
  lxw_error error_ = LXW_NO_ERROR;
};

// Whether column `c` of `sheet` gets a pounds column after it.
bool HasPounds(const Sheet& sheet, size_t c) {
  if (sheet.columns[c].kind == CellKind::kPence) return true;
  if (sheet.columns[c].kind != CellKind::kByKey) return false;
  return std::any_of(sheet.rows.begin(), sheet.rows.end(),
                     [](const std::vector<std::string>& row) {
                       return !row.empty() && absl::EndsWith(row[0], "_pence");
                     });
}

absl::Status FillSheet(const std::string& path, const std::string& name,
                       const Sheet& sheet, lxw_worksheet* ws,
                       const Formats& formats) {
  SheetWriter out(ws, formats);
  auto fail = [&](lxw_error e, int64_t row) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": sheet ", name, ": row ", row + 1,
                     ": cannot write the cell (", lxw_strerror(e), ")"));
  };
  std::vector<lxw_col_t> first(sheet.columns.size());
  std::vector<bool> pounds(sheet.columns.size());
  lxw_col_t col = 0;
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    first[c] = col;
    pounds[c] = HasPounds(sheet, c);
    out.Header(col++, sheet.columns[c].name);
    if (pounds[c]) out.Header(col++, PoundsName(sheet.columns[c].name));
  }
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<std::string>& row = sheet.rows[r];
    const lxw_row_t at = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < sheet.columns.size() && c < row.size(); ++c) {
      CellKind kind = sheet.columns[c].kind;
      if (kind == CellKind::kByKey) kind = KindOfValue(row[0], row[c]);
      if (lxw_error e = out.Cell(at, first[c], kind, row[c]);
          e != LXW_NO_ERROR) {
        return fail(e, static_cast<int64_t>(r + 1));
      }
    }
  }
  if (lxw_error e = out.SetWidths(); e != LXW_NO_ERROR) return fail(e, 0);
  worksheet_freeze_panes(ws, 1, 0);
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadWhole(const std::string& path,
                                      const std::string& name) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (f == nullptr) {
    return absl::DataLossError(
        absl::StrCat(name, ": cannot read the workbook back"));
  }
  std::string bytes;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    bytes.append(buf, n);
  }
  if (std::ferror(f.get())) {
    return absl::DataLossError(
        absl::StrCat(name, ": cannot read the workbook back"));
  }
  return bytes;
}

// libxlsxwriter writes by file name: the workbook goes to a scratch file
// first, then through the output set like every other output.
absl::Status BuildWorkbook(const std::string& path, const std::string& scratch,
                           const std::vector<Sheet>& sheets) {
  lxw_workbook_options options{};
  lxw_workbook* wb = workbook_new_opt(scratch.c_str(), &options);
  if (wb == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": cannot start the workbook"));
  }
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  f.integer = workbook_add_format(wb);
  format_set_num_format(f.integer, "0");
  f.pounds = workbook_add_format(wb);
  format_set_num_format(f.pounds, "\xC2\xA3#,##0.00");  // £#,##0.00
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.month = workbook_add_format(wb);
  format_set_num_format(f.month, "yyyy-mm");
  std::vector<std::string> wanted;
  for (const Sheet& s : sheets) wanted.push_back(s.name);
  const std::vector<std::string> names = ExcelSheetNames(wanted);
  absl::Status status;
  for (size_t i = 0; i < sheets.size() && status.ok(); ++i) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, names[i].c_str());
    if (ws == nullptr) {
      status = absl::InvalidArgumentError(
          absl::StrCat(path, ": cannot add the sheet ", names[i]));
      break;
    }
    status = FillSheet(path, names[i], sheets[i], ws, f);
  }
  // Closing also frees the workbook, so it is closed on failure too.
  const lxw_error closed = workbook_close(wb);
  if (status.ok() && closed != LXW_NO_ERROR) {
    status = absl::DataLossError(absl::StrCat(
        path, ": cannot write the workbook (", lxw_strerror(closed), ")"));
  }
  return status;
}

}  // namespace

Sheet SheetFromTable(std::string name, const ReportTable& table) {
  Sheet sheet;
  sheet.name = std::move(name);
  const bool key_value = table.columns.size() == 2 &&
                         table.columns[0] == "key" &&
                         table.columns[1] == "value";
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& n = table.columns[c];
    CellKind kind;
    if (key_value && c == 1) {
      kind = CellKind::kByKey;
    } else if (absl::EndsWith(n, "_pence")) {
      kind = CellKind::kPence;
    } else if (IsDateColumn(n)) {
      kind = CellKind::kDate;
    } else if (n == "month") {
      kind = CellKind::kMonth;
    } else if (IsIdentifier(n)) {
      kind = CellKind::kText;
    } else {
      kind = KindByValues(table, c);
    }
    sheet.columns.push_back({n, kind});
  }
  sheet.rows = table.rows;
  return sheet;
}

absl::Status WriteWorkbook(OutputSet& outputs, const std::string& path,
                           const std::vector<Sheet>& sheets) {
  // Opened first, so that a path that cannot be written stops the run
  // before any work, with the message every output gives.
  MHPBR_ASSIGN_OR_RETURN(std::FILE * file, outputs.Open(path));
  auto scratch = outputs.MakeScratchFile();
  if (!scratch.ok()) {
    return absl::Status(scratch.status().code(),
                        absl::StrCat(path, ": ", scratch.status().message()));
  }
  MHPBR_RETURN_IF_ERROR(BuildWorkbook(path, *scratch, sheets));
  MHPBR_ASSIGN_OR_RETURN(const std::string bytes, ReadWhole(*scratch, path));
  WriteAll(file, bytes);  // a failed write is reported by Commit()
  return absl::OkStatus();
}

absl::Status WriteCsvWorkbook(OutputSet& outputs, const std::string& path,
                              const std::vector<CsvSheet>& sheets) {
  std::vector<Sheet> tables;
  for (const CsvSheet& s : sheets) {
    MHPBR_ASSIGN_OR_RETURN(ReportTable t, CaptureCsv(s.name, s.write));
    tables.push_back(SheetFromTable(s.name, t));
  }
  return WriteWorkbook(outputs, path, tables);
}

}  // namespace mhpbr::cli
