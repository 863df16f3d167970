// Writing RFC 4180 CSV quickly: fields are quoted only when they hold a
// comma, quote, CR or LF; rows end in LF. Output is buffered; call Flush()
// (or let the destructor) and check status().
//
//   mhpbr::CsvWriter out(stdout);
//   out.Row({"cluster", "periods"});
//   out.Field("3"); out.Field(int64_t{12}); out.EndRow();

#ifndef MHPBR_CSV_WRITER_H_
#define MHPBR_CSV_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

// For code that formats whole rows into bytes itself: writes `text` at
// `out` as one field, quoted as CsvWriter::Field quotes it, and returns
// the end. `out` must have room for CsvFieldMaxBytes(text).
char* WriteCsvField(absl::string_view text, char* out);
inline size_t CsvFieldMaxBytes(absl::string_view text) {
  return 2 * text.size() + 2;
}

class CsvWriter {
 public:
  // Does not own `file`.
  explicit CsvWriter(std::FILE* file);
  // Appends to `*text` instead (at each Flush), as a worker thread builds
  // its block of a file's rows; never fails.
  explicit CsvWriter(std::string* text);
  ~CsvWriter();
  // Keeps each row's cells in `*cells` instead of bytes (an output that is
  // also a table: suppressed, or a workbook's sheet; cli/csv_table.h), so
  // that nothing is formatted as CSV only to be parsed back. Rows() is
  // refused there (status() says so): it has bytes, not cells.
  explicit CsvWriter(std::vector<std::vector<std::string>>* cells);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void Field(absl::string_view text);
  void Field(int64_t value);
  void EmptyField() { Field(absl::string_view()); }
  void EndRow();
  void Row(std::initializer_list<absl::string_view> fields);
  // One `key,value` row: the shape of every summary output.
  void KeyValueRow(absl::string_view key, int64_t value) {
    Field(key);
    Field(value);
    EndRow();
  }
  void KeyValueRow(absl::string_view key, absl::string_view value) {
    Field(key);
    Field(value);
    EndRow();
  }
  // Whole rows another CsvWriter wrote into a string, written as they are.
  void Rows(absl::string_view text);

  // Writes out the buffer; false and status() set when writing failed.
  bool Flush();
  const absl::Status& status() const { return status_; }

 private:
  void Separator();

  std::FILE* file_ = nullptr;
  std::string* text_ = nullptr;
  std::vector<std::vector<std::string>>* cells_ = nullptr;
  std::string buf_;
  bool row_started_ = false;
  absl::Status status_;
};

}  // namespace mhpbr

#endif  // MHPBR_CSV_WRITER_H_
