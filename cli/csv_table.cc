#include "csv_table.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "csv_output.h"

namespace mhpbr::cli {
absl::StatusOr<ReportTable> CaptureCsv(
    std::string name, const std::function<void(CsvWriter&)>& write) {
  std::vector<std::vector<std::string>> cells;
  {
    CsvWriter out(&cells);
    write(out);
    if (!out.Flush()) {
      return absl::InternalError(
          absl::StrCat(name, ": ", out.status().message()));
    }
  }
  ReportTable table;
  table.name = std::move(name);
  if (cells.empty()) return table;
  table.columns = std::move(cells.front());
  table.rows.reserve(cells.size() - 1);
  for (size_t i = 1; i < cells.size(); ++i) {
    // A ragged row would put a figure under the wrong column once
    // suppressed or written to a sheet: a bug, stopped here.
    if (cells[i].size() != table.columns.size()) {
      return absl::InternalError(
          absl::StrCat(table.name, ": row ", i, " has ", cells[i].size(),
                       " cells for ", table.columns.size(), " columns"));
    }
    table.rows.push_back(std::move(cells[i]));
  }
  return table;
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101;

// The high bit of each byte of `x` that is `c`, and no other bit.
uint64_t BytesOf(uint64_t x, unsigned char c) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7F;
  const uint64_t v = x ^ (kOnes * c);
  return ~(((v & kLow7) + kLow7) | v | kLow7);
}

// Whether `row`, cells joined by commas, has no cell that needs quotes:
// exactly `commas` commas (the joins) and no quote, CR or LF. Eight bytes
// at a time: a row is checked once, not a call per cell.
bool PlainRow(absl::string_view row, size_t commas) {
  size_t found = 0;
  uint64_t special = 0;
  size_t i = 0;
  for (; i + 8 <= row.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, row.data() + i, sizeof x);
    // One 0x01 per comma, summed across the bytes by the multiply.
    found += ((BytesOf(x, ',') >> 7) * kOnes) >> 56;
    special |= BytesOf(x, '"') | BytesOf(x, '\r') | BytesOf(x, '\n');
  }
  for (; i < row.size(); ++i) {
    const char ch = row[i];
    found += ch == ',';
    special |= ch == '"' || ch == '\r' || ch == '\n';
  }
  return found == commas && special == 0;
}

}  // namespace

void AppendCsvRow(absl::Span<const absl::string_view> cells,
                  std::string* text) {
  const size_t at = text->size();
  if (!cells.empty()) {
    // Mostly no cell needs quotes: the cells joined as they are.
    size_t size = cells.size() - 1;
    for (absl::string_view cell : cells) size += cell.size();
    text->resize(at + size + 1);
    char* p = &(*text)[at];
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) *p++ = ',';
      if (!cells[i].empty()) std::memcpy(p, cells[i].data(), cells[i].size());
      p += cells[i].size();
    }
    *p = '\n';
    if (PlainRow(absl::string_view(&(*text)[at], size), cells.size() - 1)) {
      return;
    }
    text->resize(at);
  }
  size_t room = cells.size() + 1;  // the commas and the LF
  for (absl::string_view cell : cells) room += CsvFieldMaxBytes(cell);
  text->resize(at + room);
  char* const start = &(*text)[0];
  char* p = start + at;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) *p++ = ',';
    p = WriteCsvField(cells[i], p);
  }
  *p++ = '\n';
  text->resize(static_cast<size_t>(p - start));
}

absl::Status WriteTableCsv(OutputSet& outputs,
                           const std::optional<std::string>& path,
                           const ReportTable& table) {
  return WriteCsv(outputs, path, [&table](CsvWriter& out) {
    for (const std::string& c : table.columns) out.Field(c);
    out.EndRow();
    for (const std::vector<std::string>& row : table.rows) {
      for (const std::string& cell : row) out.Field(cell);
      out.EndRow();
    }
  });
}

}  // namespace mhpbr::cli
