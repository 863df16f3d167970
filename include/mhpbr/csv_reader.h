// A streaming RFC 4180 CSV reader: comma-separated, optional double quotes
// ("" inside quotes is a quote), LF or CRLF, a UTF-8 byte-order mark before
// the header ignored. Memory stays bounded by the longest record, however
// long the file.
//
//   mhpbr::CsvReader csv(file, "assessments.csv");
//   if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
//   std::optional<int> id = csv.Column("assessment_id");
//   mhpbr::CsvRecord rec;
//   while (csv.Next(&rec)) {
//     if (!rec.error.empty()) { reject rec.line with rec.error; continue; }
//     ... rec.fields[*id] ...
//   }
//   if (!csv.io_status().ok()) ...   // the file could not be read
//
// A malformed record (a stray or unterminated quote, a record longer than
// the limit) is returned with `error` set and reading goes on at the next
// line, so one bad row never hides the good ones after it. Blank lines are
// skipped; line numbers count them.

#ifndef MHPBR_CSV_READER_H_
#define MHPBR_CSV_READER_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mhpbr/csv_blocks.h"
#include "mhpbr/input_row.h"

namespace mhpbr {

struct CsvRecord {
  // Valid until the next call to Next().
  std::vector<absl::string_view> fields;
  // The 1-based line the record starts on (the header is line 1).
  int64_t line = 0;
  // Empty when the record parsed; else why it did not.
  std::string error;
};

class CsvReader {
 public:
  static constexpr size_t kDefaultMaxRecordBytes = 1 << 20;

  // Does not own `file`. `name` is used in messages.
  CsvReader(std::FILE* file, std::string name,
            size_t max_record_bytes = kDefaultMaxRecordBytes);
  // Goes on from a record's start: `read_ahead` holds bytes already read
  // from `file`, which follows them (nullptr: `read_ahead` is all there is,
  // a block of csv_blocks.h, read to its records_end).
  CsvReader(std::FILE* file, std::string name, CsvBlock read_ahead,
            size_t max_record_bytes = kDefaultMaxRecordBytes);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the first record as the header. Fails on an empty file, a
  // malformed header or a duplicated column name.
  absl::Status ReadHeader();
  const std::vector<std::string>& header() const { return header_; }
  // Index of the column named exactly `name`, if present.
  std::optional<int> Column(absl::string_view name) const;

  // Reads the next record; false at the end of input (or on a read error:
  // see io_status()).
  bool Next(CsvRecord* record);

  // Not OK when reading the file failed part-way.
  const absl::Status& io_status() const { return io_status_; }
  const std::string& name() const { return name_; }

  // The bytes read from the file but not yet parsed, from the next
  // record's start (for CsvBlockSplitter, once the header is read); this
  // reader is then at the end.
  CsvBlock TakeUnparsed();

 private:
  // Ensures bytes from pos_ on are buffered; false at end of input.
  bool Fill();
  void SkipToNextLine(int64_t* lines);
  // Reads the next record when it is a whole line in the buffer with no
  // quote, not blank and within the limit, as the general path would; else
  // false with nothing read (and record->fields empty).
  bool NextPlainLine(CsvRecord* record);

  std::FILE* file_;
  std::string name_;
  size_t max_record_bytes_;
  std::string buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;               // line of buf_[pos_]
  size_t records_end_ = SIZE_MAX;  // of a block
  std::string scratch_;
  std::vector<std::string> header_;
  absl::Status io_status_;
};

}  // namespace mhpbr

#endif  // MHPBR_CSV_READER_H_
