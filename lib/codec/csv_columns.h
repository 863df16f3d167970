// Finding a CSV file's columns by header name, with one error naming every
// missing column.

#ifndef MHPBR_LIB_CODEC_CSV_COLUMNS_H_
#define MHPBR_LIB_CODEC_CSV_COLUMNS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "mhpbr/csv_reader.h"

namespace mhpbr {

class CsvColumns {
 public:
  explicit CsvColumns(const CsvReader& csv) : csv_(csv) {}

  // The column's index; notes it as missing (-1) when absent.
  int Required(absl::string_view name) {
    std::optional<int> c = csv_.Column(name);
    if (!c) missing_.emplace_back(name);
    return c.value_or(-1);
  }
  int Optional(absl::string_view name) const {
    return csv_.Column(name).value_or(-1);
  }
  void Missing(absl::string_view what) { missing_.emplace_back(what); }

  absl::Status Check() const {
    if (missing_.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(
        csv_.name(), ": missing column", missing_.size() > 1 ? "s " : " ",
        absl::StrJoin(missing_, ", ")));
  }

 private:
  const CsvReader& csv_;
  std::vector<std::string> missing_;
};

// "row has N fields; the header has M", or empty when the width is right.
inline std::string RaggedRow(size_t fields, size_t width) {
  if (fields == width) return "";
  return absl::StrCat("row has ", fields, " fields; the header has ", width);
}

// "NAME: line N: WHAT", the error of a file read whole or not at all.
inline absl::Status LineError(absl::string_view name, int64_t line,
                              absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": line ", line, ": ", what));
}

// Calls `row(record)` (returning absl::Status) for each record of a file
// read whole or not at all: an unreadable or ragged record, or the first
// error `row` returns, fails the file; then the reader's I/O status.
template <typename Row>
absl::Status ForEachWholeFileRow(CsvReader& csv, Row row) {
  CsvRecord rec;
  while (csv.Next(&rec)) {
    if (!rec.error.empty()) return LineError(csv.name(), rec.line, rec.error);
    if (std::string ragged = RaggedRow(rec.fields.size(), csv.header().size());
        !ragged.empty()) {
      return LineError(csv.name(), rec.line, ragged);
    }
    if (absl::Status s = row(rec); !s.ok()) return s;
  }
  return csv.io_status();
}

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_CSV_COLUMNS_H_
