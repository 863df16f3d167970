#include "mhpbr/csv_blocks.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/codec/read_chunk.h"
#include "mhpbr/csv_reader.h"

namespace mhpbr {
namespace {

// Reads in pieces no larger than this, so that a record longer than
// CsvReader's limit is seen unfinished at over half the limit before it
// can be seen whole (see done()).
constexpr size_t kMaxRead = CsvReader::kDefaultMaxRecordBytes / 4;
constexpr size_t kLongRecord = CsvReader::kDefaultMaxRecordBytes / 2;

}  // namespace

size_t CountLineEnds(const char* p, size_t n) {
  // Byte counters summed every 255 rounds: std::count widens each byte's
  // match to 64 bits, and was nearly all of the splitter's time (which
  // runs on one thread at a time).
  size_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  while (n - i >= 16) {
    __m128i acc = _mm_setzero_si128();
    const size_t rounds = std::min<size_t>((n - i) / 16, 255);
    for (size_t r = 0; r < rounds; ++r, i += 16) {
      const __m128i x =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, lf));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_extract_epi16(sums, 0)) +
             static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < n; ++i) count += p[i] == '\n' ? 1 : 0;
  return count;
}

size_t CsvWholeRecordsEnd(const char* b, size_t size, size_t long_bytes,
                          size_t* judged_end, bool* too_long) {
  *too_long = false;
  *judged_end = 0;
  if (std::memchr(b, '"', size) == nullptr) {
    // Without quotes every line end ends a record, and a long line is
    // refused the same way however it was buffered.
    const void* nl = memrchr(b, '\n', size);
    const size_t whole =
        nl == nullptr ? 0 : static_cast<const char*>(nl) - b + 1;
    *too_long = size - whole >= long_bytes;
    *judged_end = whole;
    return whole;
  }
  // CsvReader::Next's walk over fields, as if more input followed.
  size_t whole = 0;
  size_t p = 0;
  for (;;) {
    const size_t r = p;
    bool malformed = false;
    for (;;) {
      if (p < size && b[p] == '"') {
        ++p;
        for (;;) {
          const void* q =
              p < size ? std::memchr(b + p, '"', size - p) : nullptr;
          if (q == nullptr) goto unfinished;
          const size_t qi = static_cast<const char*>(q) - b;
          if (qi + 1 == size) goto unfinished;
          if (b[qi + 1] == '"') {
            p = qi + 2;
            continue;
          }
          p = qi + 1;
          break;
        }
        if (b[p] == '\r') {
          if (p + 1 == size) goto unfinished;
          if (b[p + 1] == '\n') ++p;
        }
        if (b[p] == ',') {
          ++p;
          continue;
        }
        if (b[p] == '\n') {
          ++p;
          break;
        }
        malformed = true;
        break;
      }
      while (p < size && b[p] != ',' && b[p] != '\n' && b[p] != '"') ++p;
      if (p == size) goto unfinished;
      if (b[p] == '"') {
        malformed = true;
        break;
      }
      ++p;
      if (b[p - 1] == '\n') break;
    }
    if (malformed) {
      // Judged by b[p]; CsvReader resumes at the line after the one the
      // record starts on, which may come before p.
      const void* nl = std::memchr(b + r, '\n', size - r);
      if (nl == nullptr) goto unfinished;
      *judged_end = std::max(*judged_end, p + 1);
      p = static_cast<const char*>(nl) - b + 1;
    }
    if (std::max(p, *judged_end) - r >= long_bytes) *too_long = true;
    *judged_end = std::max(*judged_end, p);
    whole = p;
    if (p == size) return whole;
  }
unfinished:
  if (size - whole >= long_bytes) *too_long = true;
  return whole;
}

CsvBlockSplitter::CsvBlockSplitter(std::FILE* file, std::string name,
                                   CsvBlock read_ahead, size_t block_bytes)
    : file_(file),
      name_(std::move(name)),
      block_bytes_(std::max<size_t>(block_bytes, 1)),
      buf_(std::move(read_ahead.text)),
      line_(read_ahead.first_line) {}

bool CsvBlockSplitter::Read(size_t n) {
  if (eof_) return false;
  const size_t old = buf_.size();
  buf_.resize(old + n);
  const size_t got = ReadChunk(file_, name_, &buf_[old], n, &io_status_);
  buf_.resize(old + got);
  eof_ = got == 0;
  return !eof_;
}

bool CsvBlockSplitter::Next(CsvBlock* block) {
  if (done_ || stopped_) return false;
  for (;;) {
    while (buf_.size() < block_bytes_ &&
           Read(std::min(block_bytes_ - buf_.size(), kMaxRead))) {
    }
    if (!io_status_.ok()) return false;
    bool too_long = false;
    size_t judged = 0;
    size_t whole = CsvWholeRecordsEnd(buf_.data(), buf_.size(), kLongRecord,
                                      &judged, &too_long);
    if (too_long) {
      stopped_ = true;
      return false;
    }
    if (eof_) {
      whole = buf_.size();  // the last record may lack its line end
      judged = whole;
    }
    if (whole == 0) {
      if (eof_) {
        done_ = true;
        return false;
      }
      Read(kMaxRead);
      continue;
    }
    block->first_line = line_;
    line_ += static_cast<int64_t>(CountLineEnds(buf_.data(), whole));
    block->records_end = whole;
    block->text = std::move(buf_);
    buf_.assign(block->text, whole, std::string::npos);
    // The next block's room at once: grown read by read, the buffer would
    // be copied on each growth.
    buf_.reserve(block_bytes_);
    block->text.resize(judged);
    return true;
  }
}

CsvBlock CsvBlockSplitter::TakeRest() {
  CsvBlock rest{std::move(buf_), line_};
  buf_.clear();
  return rest;
}

}  // namespace mhpbr
