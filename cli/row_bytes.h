// Output rows formatted straight into bytes: a caller asks for room for a
// row, writes it through a char pointer and keeps what it wrote. The
// buffer grows by doubling and is never zero-filled per row, which
// std::string::resize would do.
//
//   RowBytes rows;
//   char* p = rows.Room(max_row_bytes);
//   p = WriteCsvField(id, p); *p++ = '\n';
//   rows.Keep(p);
//   out.Rows(rows.view());

#ifndef MHPBR_CLI_ROW_BYTES_H_
#define MHPBR_CLI_ROW_BYTES_H_

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"

namespace mhpbr::cli {

class RowBytes {
 public:
  // Room for `n` more bytes after those kept; valid until the next Room().
  char* Room(size_t n) {
    if (buf_.size() - size_ < n)
      buf_.resize(std::max(2 * buf_.size(), size_ + n));
    return &buf_[size_];
  }
  // Keeps the bytes written from the last Room() up to `end`.
  void Keep(const char* end) { size_ = static_cast<size_t>(end - buf_.data()); }

  absl::string_view view() const { return {buf_.data(), size_}; }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }

 private:
  std::string buf_;
  size_t size_ = 0;  // kept bytes, from buf_'s start
};

// Room for PeriodColumns' bytes: the field, a cluster code, two dates and
// the separators.
inline size_t PeriodColumnsMaxBytes(absl::string_view patient_id) {
  return CsvFieldMaxBytes(patient_id) + 3 + 2 * 11 + 3;
}

// patient_id,cluster,start,end (an open period's end empty), the columns
// every per-period output of the tool begins with, and no separator after.
template <typename Period>
char* WritePeriodColumns(const Period& p, char* out) {
  out = WriteCsvField(p.patient_id, out);
  *out++ = ',';
  out = std::to_chars(out, out + 3, p.cluster.code()).ptr;
  *out++ = ',';
  out = WriteIsoDate(p.start, out);
  *out++ = ',';
  if (p.end) out = WriteIsoDate(*p.end, out);
  return out;
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ROW_BYTES_H_
