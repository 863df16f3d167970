// CsvReader over arbitrary bytes, checked against a plain reference parser
// of the same rules (csv_reader.h): every record, its line and whether it
// is malformed must agree, wherever the reader's buffer boundaries fall.
//
// Byte 0 chooses: bit 0, put the data just before the reader's first
// buffer boundary (256 KiB, byte 1 says how far before it) so records
// straddle a refill; bits 1-2, the longest record allowed (the library
// default, 64, 200 or 4096 bytes). The rest is the CSV text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "mhpbr/csv_reader.h"

namespace {

struct RefRecord {
  std::vector<std::string> fields;
  int64_t line = 0;
  bool malformed = false;
};

// The rules of csv_reader.h over the whole input at once.
std::vector<RefRecord> ReferenceParse(const std::string& s) {
  std::vector<RefRecord> out;
  const size_t n = s.size();
  size_t pos = 0;
  int64_t line = 1;
  while (pos < n) {
    RefRecord rec;
    rec.line = line;
    size_t p = pos;
    int64_t lines = 0;
    bool quoted_any = false;
    for (;;) {
      if (p < n && s[p] == '"') {
        quoted_any = true;
        ++p;
        std::string field;
        for (;;) {
          const size_t q = s.find('"', p);
          if (q == std::string::npos) {
            rec.malformed = true;
            break;
          }
          for (size_t i = p; i < q; ++i) lines += s[i] == '\n';
          field.append(s, p, q - p);
          if (q + 1 < n && s[q + 1] == '"') {
            field.push_back('"');
            p = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        if (rec.malformed) break;
        rec.fields.push_back(field);
        if (p < n && s[p] == '\r' && (p + 1 == n || s[p + 1] == '\n')) ++p;
        if (p == n) break;
        if (s[p] == ',') {
          ++p;
          continue;
        }
        if (s[p] == '\n') {
          ++p;
          ++lines;
          break;
        }
        rec.malformed = true;
        break;
      }
      const size_t start = p;
      while (p < n && s[p] != ',' && s[p] != '\n' && s[p] != '"') ++p;
      if (p < n && s[p] == '"') {
        rec.malformed = true;
        break;
      }
      size_t len = p - start;
      const bool at_line_end = p == n || s[p] == '\n';
      if (at_line_end && len > 0 && s[start + len - 1] == '\r') --len;
      rec.fields.push_back(s.substr(start, len));
      if (p == n) break;
      ++p;
      if (at_line_end) {
        ++lines;
        break;
      }
    }
    if (rec.malformed) {
      rec.fields.clear();
      const size_t nl = s.find('\n', pos);
      if (nl == std::string::npos) {
        pos = n;
      } else {
        pos = nl + 1;
        ++line;
      }
      out.push_back(std::move(rec));
      continue;
    }
    pos = p;
    line += lines;
    if (rec.fields.size() == 1 && rec.fields[0].empty() && !quoted_any) {
      continue;
    }
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t mode = data[0];
  const uint8_t offset = data[1];
  std::string text;
  if (mode & 1) {
    // Long "x" rows (few records, so each run stays fast) up to `offset`
    // bytes before 256 KiB.
    const size_t pad = (size_t{1} << 18) - offset;
    const size_t rest = pad % 1000;
    if (rest > 0) {
      text.append(rest - 1, 'y');
      text.push_back('\n');
    }
    while (text.size() < pad) {
      text.append(999, 'x');
      text.push_back('\n');
    }
  }
  text.append(reinterpret_cast<const char*>(data) + 2, size - 2);

  static constexpr size_t kLimits[] = {mhpbr::CsvReader::kDefaultMaxRecordBytes,
                                       64, 200, 4096};
  const size_t limit = kLimits[(mode >> 1) & 3];
  const bool compare = limit == mhpbr::CsvReader::kDefaultMaxRecordBytes;
  // ReadHeader skips one UTF-8 byte-order mark before the first byte (so
  // it may stand before a quoted name); a second one is data.
  const bool bom = (mode & 8) && text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const std::vector<RefRecord> want =
      ReferenceParse(bom ? text.substr(3) : text);

  mhpbr::fuzz::MemoryFile file(text);
  mhpbr::CsvReader csv(file.get(), "fuzz.csv", limit);
  size_t k = 0;
  if (mode & 8) {
    // The header: the first record.
    const absl::Status s = csv.ReadHeader();
    if (compare) {
      if (want.empty()) {
        MHPBR_FUZZ_CHECK(!s.ok());
      } else if (want[0].malformed) {
        MHPBR_FUZZ_CHECK(!s.ok());
      } else if (s.ok()) {
        MHPBR_FUZZ_CHECK(csv.header().size() == want[0].fields.size());
        for (size_t i = 0; i < csv.header().size(); ++i) {
          const std::string& name = want[0].fields[i];
          MHPBR_FUZZ_CHECK(csv.header()[i] == name);
          (void)csv.Column(name);
        }
      }
      if (!want.empty()) k = 1;
    }
  }
  mhpbr::CsvRecord rec;
  int64_t last_line = 0;
  while (csv.Next(&rec)) {
    MHPBR_FUZZ_CHECK(rec.line > last_line);
    last_line = rec.line;
    MHPBR_FUZZ_CHECK(rec.error.empty() != rec.fields.empty());
    if (!compare) continue;
    MHPBR_FUZZ_CHECK(k < want.size());
    const RefRecord& w = want[k++];
    MHPBR_FUZZ_CHECK(rec.line == w.line);
    MHPBR_FUZZ_CHECK(rec.error.empty() == !w.malformed);
    MHPBR_FUZZ_CHECK(rec.fields.size() == w.fields.size());
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      MHPBR_FUZZ_CHECK(rec.fields[i] == w.fields[i]);
    }
  }
  MHPBR_FUZZ_CHECK(csv.io_status().ok());
  if (compare) MHPBR_FUZZ_CHECK(k == want.size());
  return 0;
}
