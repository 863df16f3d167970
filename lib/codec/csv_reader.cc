#include "mhpbr/csv_reader.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/read_chunk.h"

namespace mhpbr {
namespace {

constexpr size_t kChunk = 1 << 16;

enum class Parse { kComplete, kIncomplete, kMalformed };

// The first comma, LF or quote in b[p, end), or end.
size_t FieldEnd(const char* b, size_t p, size_t end) {
  while (p < end && b[p] != ',' && b[p] != '\n' && b[p] != '"') ++p;
  return p;
}

// Finds the delimiters (comma, LF, quote) of b[0, end) 64 bytes at a time,
// so that each field costs a shift and a bit count rather than a branch
// per byte. Valid while b[0, end) is unchanged.
class DelimiterFinder {
 public:
  DelimiterFinder(const char* b, size_t end) : b_(b), end_(end) {}

  // The first delimiter in b[p, end), or end.
  size_t Next(size_t p) {
#if defined(__SSE2__)
    for (;;) {
      if (p >= base_ && p - base_ < 64) {
        const uint64_t m = bits_ >> (p - base_);
        if (m != 0) return p + static_cast<size_t>(__builtin_ctzll(m));
        p = base_ + 64;
      }
      if (end_ - p < 64) return FieldEnd(b_, p, end_);
      base_ = p;
      bits_ = Delimiters(b_ + p);
    }
#else
    return FieldEnd(b_, p, end_);
#endif
  }

 private:
#if defined(__SSE2__)
  // Bit i set when p[i] is a delimiter, for i < 64.
  static uint64_t Delimiters(const char* p) {
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    uint64_t bits = 0;
    for (int i = 0; i < 4; ++i) {
      const __m128i x =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      const __m128i hit = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, lf)),
          _mm_cmpeq_epi8(x, quote));
      bits |=
          static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(hit)))
          << (16 * i);
    }
    return bits;
  }
#endif

  const char* b_;
  size_t end_;
  // Delimiters of b[base_, base_ + 64); none yet.
  size_t base_ = SIZE_MAX;
  uint64_t bits_ = 0;
};

}  // namespace

CsvReader::CsvReader(std::FILE* file, std::string name, size_t max_record_bytes)
    : file_(file),
      name_(std::move(name)),
      max_record_bytes_(max_record_bytes < 64 ? 64 : max_record_bytes) {
  buf_.resize(kChunk * 4);
}

CsvReader::CsvReader(std::FILE* file, std::string name, CsvBlock read_ahead,
                     size_t max_record_bytes)
    : file_(file),
      name_(std::move(name)),
      max_record_bytes_(max_record_bytes < 64 ? 64 : max_record_bytes),
      buf_(std::move(read_ahead.text)),
      end_(buf_.size()),
      eof_(file == nullptr),
      line_(read_ahead.first_line) {
  if (file == nullptr) records_end_ = read_ahead.records_end;
}

CsvBlock CsvReader::TakeUnparsed() {
  CsvBlock rest{buf_.substr(pos_, end_ - pos_), line_};
  pos_ = end_;
  return rest;
}

bool CsvReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(&buf_[0], &buf_[pos_], end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(buf_.size() + kChunk * 4);
  if (file_ == nullptr) {
    eof_ = true;
    return false;
  }
  const size_t n =
      ReadChunk(file_, name_, &buf_[end_], buf_.size() - end_, &io_status_);
  end_ += n;
  eof_ = n == 0;
  return !eof_;
}

void CsvReader::SkipToNextLine(int64_t* lines) {
  for (;;) {
    const void* nl =
        pos_ < end_ ? std::memchr(&buf_[pos_], '\n', end_ - pos_) : nullptr;
    if (nl != nullptr) {
      pos_ = static_cast<const char*>(nl) - buf_.data() + 1;
      ++*lines;
      return;
    }
    pos_ = end_;
    if (!Fill()) return;
  }
}

bool CsvReader::NextPlainLine(CsvRecord* record) {
  // Splits and judges in one pass, 64 bytes at a time: the general loop's
  // per-field checks for quotes and buffer ends cost more than the split,
  // and a usual line (60-90 bytes) then takes one or two rounds with one
  // loop over its commas, not five with a loop each (national `cost`).
  const char* const b = buf_.data();
  const size_t limit = records_end_ < end_ ? records_end_ : end_;
  size_t field = pos_;
  for (size_t p = pos_; p < limit; p += 64) {
    if (p - pos_ >= max_record_bytes_) break;
    uint64_t comma = 0, quote = 0, lf = 0;
    const size_t n = limit - p < 64 ? limit - p : 64;
#if defined(__SSE2__)
    if (buf_.size() - p >= 64) {
      for (int i = 0; i < 4; ++i) {
        const __m128i x =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p + 16 * i));
        const auto bits = [&x](char c) {
          return static_cast<uint64_t>(static_cast<uint32_t>(
              _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(c)))));
        };
        comma |= bits(',') << (16 * i);
        quote |= bits('"') << (16 * i);
        lf |= bits('\n') << (16 * i);
      }
    } else
#endif
    {
      for (size_t i = 0; i < n; ++i) {
        comma |= static_cast<uint64_t>(b[p + i] == ',') << i;
        quote |= static_cast<uint64_t>(b[p + i] == '"') << i;
        lf |= static_cast<uint64_t>(b[p + i] == '\n') << i;
      }
    }
    const uint64_t valid = n == 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
    lf &= valid;
    // Bits before the line end (all valid ones when it is further on).
    const uint64_t before = lf != 0 ? (lf & (0 - lf)) - 1 : valid;
    if ((quote & before) != 0) break;
    for (uint64_t c = comma & before; c != 0; c &= c - 1) {
      const size_t at = p + static_cast<size_t>(__builtin_ctzll(c));
      record->fields.emplace_back(b + field, at - field);
      field = at + 1;
    }
    if (lf == 0) continue;
    const size_t nl = p + static_cast<size_t>(__builtin_ctzll(lf));
    size_t len = nl - field;
    if (len > 0 && b[nl - 1] == '\r') --len;
    // A blank line, or one over the limit: the general path's to judge.
    if (nl + 1 - pos_ > max_record_bytes_ ||
        (record->fields.empty() && len == 0)) {
      break;
    }
    record->fields.emplace_back(b + field, len);
    pos_ = nl + 1;
    ++line_;
    return true;
  }
  record->fields.clear();
  return false;
}

bool CsvReader::Next(CsvRecord* record) {
  for (;;) {
    record->fields.clear();
    record->error.clear();
    record->line = line_;
    if (pos_ >= records_end_) return false;
    if (pos_ >= end_ && !Fill()) return false;
    if (NextPlainLine(record)) return true;

    // Fields may point into scratch_, so it must not reallocate while this
    // record is parsed: unescaped text is never longer than the raw bytes.
    scratch_.clear();
    scratch_.reserve(end_ - pos_);
    size_t p = pos_;
    int64_t lines = 0;
    Parse result = Parse::kComplete;
    const char* why = nullptr;
    bool quoted_any = false;
    const char* const b = buf_.data();
    DelimiterFinder delimiters(b, end_);
    for (;;) {
      if (p < end_ && b[p] == '"') {
        // Quoted field.
        quoted_any = true;
        ++p;
        const size_t s0 = scratch_.size();
        for (;;) {
          const void* q =
              p < end_ ? std::memchr(b + p, '"', end_ - p) : nullptr;
          if (q == nullptr) {
            result = eof_ ? Parse::kMalformed : Parse::kIncomplete;
            why = "unterminated quoted field";
            break;
          }
          const size_t qi = static_cast<const char*>(q) - b;
          for (size_t i = p; i < qi; ++i) lines += b[i] == '\n';
          scratch_.append(b + p, qi - p);
          if (qi + 1 == end_ && !eof_) {
            result = Parse::kIncomplete;
            break;
          }
          if (qi + 1 < end_ && b[qi + 1] == '"') {
            scratch_.push_back('"');
            p = qi + 2;
            continue;
          }
          p = qi + 1;
          break;
        }
        if (result != Parse::kComplete) break;
        record->fields.emplace_back(scratch_.data() + s0, scratch_.size() - s0);
        // After the closing quote: a delimiter or the end.
        if (p < end_ && b[p] == '\r') {
          if (p + 1 == end_ && !eof_) {
            result = Parse::kIncomplete;
            break;
          }
          if (p + 1 == end_ || b[p + 1] == '\n') ++p;
        }
        if (p == end_) {
          if (!eof_) result = Parse::kIncomplete;
          break;
        }
        if (b[p] == ',') {
          ++p;
          continue;
        }
        if (b[p] == '\n') {
          ++p;
          ++lines;
          break;
        }
        result = Parse::kMalformed;
        why = "text after a closing quote";
        break;
      }
      // Unquoted field.
      const size_t start = p;
      p = delimiters.Next(p);
      if (p < end_ && b[p] == '"') {
        result = Parse::kMalformed;
        why = "a quote inside an unquoted field";
        break;
      }
      if (p == end_ && !eof_) {
        result = Parse::kIncomplete;
        break;
      }
      size_t len = p - start;
      const bool at_line_end = p == end_ || b[p] == '\n';
      if (at_line_end && len > 0 && b[start + len - 1] == '\r') --len;
      record->fields.emplace_back(b + start, len);
      if (p == end_) break;
      ++p;
      if (at_line_end) {
        ++lines;
        break;
      }
    }

    if (result == Parse::kIncomplete) {
      if (end_ - pos_ >= max_record_bytes_) {
        record->error =
            absl::StrCat("record longer than ", max_record_bytes_, " bytes");
        int64_t skipped = 0;
        SkipToNextLine(&skipped);
        line_ += skipped;
        record->fields.clear();
        return true;
      }
      Fill();  // at end of input the next pass parses with eof_ set
      continue;
    }
    if (result == Parse::kMalformed) {
      record->error = why;
      record->fields.clear();
      // Resume at the line after the one the record started on: a stray
      // quote must not swallow the good rows that follow it.
      int64_t skipped = 0;
      SkipToNextLine(&skipped);
      line_ += skipped;
      return true;
    }
    if (p - pos_ > max_record_bytes_) {
      // Complete, but longer than allowed: the limit holds however much the
      // buffer happened to hold.
      record->error =
          absl::StrCat("record longer than ", max_record_bytes_, " bytes");
      record->fields.clear();
      pos_ = p;
      line_ += lines;
      return true;
    }
    pos_ = p;
    line_ += lines;
    // A blank line is a single empty unquoted field: no record.
    if (record->fields.size() == 1 && record->fields[0].empty() &&
        !quoted_any) {
      continue;
    }
    return true;
  }
}

absl::Status CsvReader::ReadHeader() {
  // A UTF-8 byte-order mark before the first byte is not data (and may
  // stand before a quoted name).
  if (pos_ == 0 && end_ < 3) Fill();
  if (end_ - pos_ >= 3 && std::memcmp(&buf_[pos_], "\xEF\xBB\xBF", 3) == 0) {
    pos_ += 3;
  }
  CsvRecord rec;
  if (!Next(&rec)) {
    if (!io_status_.ok()) return io_status_;
    return absl::InvalidArgumentError(absl::StrCat(name_, ": empty file"));
  }
  if (!rec.error.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": line ", rec.line, ": header: ", rec.error));
  }
  header_.clear();
  absl::flat_hash_map<std::string, int> seen;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    // (The byte-order mark was skipped above, once: a second one is data,
    // as the fuzzer's reference parser has it.)
    std::string col(rec.fields[i]);
    if (!col.empty() && !seen.emplace(col, static_cast<int>(i)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": column '", col, "' appears twice"));
    }
    header_.push_back(std::move(col));
  }
  return absl::OkStatus();
}

std::optional<int> CsvReader::Column(absl::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

}  // namespace mhpbr
