// Reading a CSV input on several threads with the rows still handed out
// one by one, in file order, exactly as the file's own reader gives them:
// the same rows, errors and line numbers whatever the thread count.
//
// The file is cut into blocks of whole records by CsvBlockSplitter
// (csv_blocks.h, exact by construction: a block starts where the reader
// would start a record) and the blocks are parsed on worker threads by
// OrderedBlocks (ordered_blocks.h), each by an ordinary reader over the
// file's header and the block, its line numbers moved to the block's.
//
//   auto rows = BlockRows<ActivityCsvReader, InputRow<ActivityRecord>>::Open(
//       path, threads, NextRow<ActivityCsvReader, InputRow<ActivityRecord>>,
//       ShiftRowLines<ActivityRecord>);
//   InputRow<ActivityRecord> row;
//   while ((*rows)->Next(&row)) ...
//   if (!(*rows)->io_status().ok()) ...
//
// One thread, standard input or a pipe, or a header the splitter's first
// block does not hold whole: the file is read in one stream on the calling
// thread, as before.
//
// A stage with costly work per row that does not depend on the rows
// before (pricing activity) can have it done on the workers too: the
// `after` hook runs on each block's rows where they were parsed, filling
// the block's `Extra`, and NextBlock() hands out a block of rows with its
// Extra in place, not moving a row.

#ifndef MHPBR_CLI_BLOCK_ROWS_H_
#define MHPBR_CLI_BLOCK_ROWS_H_

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "input_file.h"
#include "mhpbr/csv_blocks.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/input_row.h"
#include "mhpbr/status_macros.h"
#include "ordered_blocks.h"
#include "text_then_file.h"

namespace mhpbr::cli {

// The usual way to read a row.
template <typename Reader, typename Row>
bool NextRow(Reader& reader, Row* row) {
  return reader.Next(row);
}

template <typename T, typename = void>
struct HasLine : std::false_type {};
template <typename T>
struct HasLine<T, std::void_t<decltype(std::declval<T&>().line)>>
    : std::true_type {};

// Moves an InputRow's line numbers (and its record's, when it has one)
// by `delta`.
template <typename T>
void ShiftRowLines(InputRow<T>& row, int64_t delta) {
  row.line += delta;
  if constexpr (HasLine<T>::value) row.value.line += delta;
}

// Whether Reader makes a reader of a block of rows with its own header's
// columns (`ForRows(file, block)`, as AssessmentCsvReader does): a block
// is then parsed where it lies, not copied behind the header into a
// stream and read back.
template <typename R, typename = void>
struct HasForRows : std::false_type {};
template <typename R>
struct HasForRows<R,
                  std::void_t<decltype(std::declval<const R&>().ForRows(
                      std::declval<std::FILE*>(), std::declval<CsvBlock>()))>>
    : std::true_type {};

// Asks for every cache line of `*p`, to be written.
template <typename T>
void PrefetchForWrite(const T* p) {
  const char* bytes = reinterpret_cast<const char*>(p);
  for (size_t at = 0; at < sizeof(T); at += 64) {
    __builtin_prefetch(bytes + at, 1, 3);
  }
  __builtin_prefetch(bytes + sizeof(T) - 1, 1, 3);  // `p` need not be aligned
}

// For a stage that keeps nothing beside a block's rows.
struct NoExtra {};

template <typename Reader, typename Row, typename Extra = NoExtra>
class BlockRows {
 public:
  using ReadFn = std::function<bool(Reader&, Row*)>;
  using ShiftFn = std::function<void(Row&, int64_t)>;
  // Called on a block's rows in file order, on the thread that parsed
  // them (and concurrently for other blocks): it must be thread-safe.
  using AfterFn = std::function<void(absl::Span<const Row>, Extra*)>;

  // Opens `path` and its header (failing as Reader::Open does).
  static absl::StatusOr<std::unique_ptr<BlockRows>> Open(
      const std::string& path, int threads, ReadFn read, ShiftFn shift,
      AfterFn after = nullptr) {
    std::unique_ptr<BlockRows> r(new BlockRows(
        path, std::move(read), std::move(shift), std::move(after)));
    MHPBR_ASSIGN_OR_RETURN(r->file_, OpenInput(path));
    // A pipe is read in one stream, as before: its rows arrive no faster
    // than one thread parses them, and blocks in flight would only make
    // its memory depend on timing.
    struct stat st;
    if (threads <= 1 || fstat(fileno(r->file_.get()), &st) != 0 ||
        !S_ISREG(st.st_mode)) {
      MHPBR_ASSIGN_OR_RETURN(r->stream_reader_,
                             Reader::Open(r->file_.get(), path));
      r->header_reader_ = r->stream_reader_.get();
      return r;
    }
    r->splitter_.emplace(r->file_.get(), path, CsvBlock{}, BlockBytes());
    CsvBlock first;
    std::optional<CsvBlock> rows;
    if (r->splitter_->Next(&first)) rows = r->SplitHeader(first);
    MHPBR_RETURN_IF_ERROR(r->splitter_->io_status());
    if (!rows.has_value()) {
      // Every byte read so far, from the header on, then the rest.
      std::string read_so_far =
          first.text.substr(0, std::min(first.records_end, first.text.size()));
      read_so_far += r->splitter_->TakeRest().text;
      r->splitter_.reset();
      MHPBR_RETURN_IF_ERROR(r->ReadOn(std::move(read_so_far), 0));
      r->header_reader_ = r->stream_reader_.get();
      return r;
    }
    MHPBR_ASSIGN_OR_RETURN(r->header_reader_owned_, r->OpenWithHeader(""));
    r->header_reader_ = r->header_reader_owned_.reader.get();
    r->first_ = std::move(rows);
    BlockRows* self = r.get();
    r->blocks_.emplace(
        threads, [self](CsvBlock* b) { return self->NextBlock(b); },
        [self](CsvBlock b) { return self->Parse(std::move(b)); });
    return r;
  }

  // The reader of the header, for what it says about the columns.
  const Reader& header_reader() const { return *header_reader_; }

  // The next row in file order; false at the end or on a read error.
  bool Next(Row* row) {
    for (;;) {
      if (stream_reader_ != nullptr) {
        if (!Read(*stream_reader_, row)) return false;
        if (stream_shift_ != 0) shift_(*row, stream_shift_);
        return true;
      }
      if (!blocks_.has_value()) return false;
      if (taken_ < current_.used) {
        // A move, not a swap: readers overwrite every field they fill.
        *row = std::move(current_.rows[taken_++]);
        return true;
      }
      if (!NextParsed()) return false;
    }
  }

  // The next block of rows in file order, with what `after` made of them;
  // false at the end or on a read error. Both stay valid until the next
  // call. Read either by Next() or by NextBlock(), not both.
  bool NextBlock(absl::Span<const Row>* rows, Extra** extra) {
    for (;;) {
      if (stream_reader_ != nullptr) {
        // Batches the size a row-by-row stage takes, in its cache.
        constexpr size_t kStreamBatch = 64;
        if (current_.rows.size() < kStreamBatch) {
          current_.rows.resize(kStreamBatch);
        }
        size_t n = 0;
        while (n < kStreamBatch && Next(&current_.rows[n])) ++n;
        if (n == 0) return false;
        current_.used = n;
        After(current_);
        *rows = absl::MakeConstSpan(current_.rows.data(), n);
        *extra = &current_.extra;
        return true;
      }
      if (!blocks_.has_value()) return false;
      if (NextParsed()) {
        // A stream reader takes over from here: its rows come next.
        if (stream_reader_ != nullptr) continue;
        *rows = absl::MakeConstSpan(current_.rows.data(), current_.used);
        *extra = &current_.extra;
        taken_ = current_.used;
        return true;
      }
      return false;
    }
  }

  const absl::Status& io_status() const {
    if (!io_status_.ok() || stream_reader_ == nullptr) return io_status_;
    return stream_reader_->io_status();
  }

 private:
  struct Parsed {
    std::vector<Row> rows;  // some beyond `used` kept for their memory
    size_t used = 0;
    absl::Status status;
    Extra extra;
  };
  // A reader with the stream it reads, which must outlive it.
  struct OpenReader {
    Stream stream;
    std::unique_ptr<Reader> reader;
  };

  BlockRows(std::string path, ReadFn read, ShiftFn shift, AfterFn after)
      : path_(std::move(path)),
        read_(std::move(read)),
        shift_(std::move(shift)),
        after_(std::move(after)) {
    // The usual reading, called directly: a call through std::function
    // per row costs more than some readers' rows.
    using Plain = bool (*)(Reader&, Row*);
    const Plain* plain = read_.template target<Plain>();
    plain_read_ = plain != nullptr && *plain == &NextRow<Reader, Row>;
  }

  bool Read(Reader& reader, Row* row) {
    return plain_read_ ? reader.Next(row) : read_(reader, row);
  }

  void After(Parsed& block) {
    if (after_) {
      after_(absl::MakeConstSpan(block.rows.data(), block.used), &block.extra);
    }
  }

  // The records of `first` (the splitter's first block) after the header,
  // the header kept in header_; none when `first` does not hold it whole
  // and well formed (then the file is read in one stream, which reports
  // the header as one thread does).
  std::optional<CsvBlock> SplitHeader(const CsvBlock& first) {
    CsvReader probe(nullptr, path_, first);
    if (!probe.ReadHeader().ok()) return std::nullopt;
    CsvBlock rows = probe.TakeUnparsed();
    const size_t header_bytes = first.text.size() - rows.text.size();
    if (first.records_end < header_bytes) return std::nullopt;
    header_ = first.text.substr(0, header_bytes);
    first_row_line_ = rows.first_line;
    rows.records_end = first.records_end - header_bytes;
    return rows;
  }

  absl::StatusOr<OpenReader> OpenWithHeader(const std::string& text,
                                            std::FILE* rest = nullptr) {
    OpenReader r;
    r.stream = OpenTextThenFile(header_ + text, rest);
    if (r.stream == nullptr) {
      return absl::InternalError(
          absl::StrCat(path_, ": cannot read by blocks"));
    }
    MHPBR_ASSIGN_OR_RETURN(r.reader, Reader::Open(r.stream.get(), path_));
    return r;
  }

  // Reads `text` (after header_) and the rest of the file on this thread,
  // line numbers moved by `shift`.
  absl::Status ReadOn(std::string text, int64_t shift) {
    MHPBR_ASSIGN_OR_RETURN(OpenReader r,
                           OpenWithHeader(std::move(text), file_.get()));
    stream_ = std::move(r.stream);
    stream_reader_ = std::move(r.reader);
    stream_shift_ = shift;
    return absl::OkStatus();
  }

  // Under OrderedBlocks' reading lock.
  bool NextBlock(CsvBlock* block) {
    if (first_.has_value()) {
      *block = *std::move(first_);
      first_.reset();
      return true;
    }
    return splitter_->Next(block);
  }

  // On a worker: the block's rows, a row at or past the block's end
  // (read from bytes kept only to judge the last record) dropped.
  Parsed Parse(CsvBlock block) {
    Parsed out;
    {
      // Rows (and the strings in them) used before: filling them again
      // saves most of the allocation a block's rows would take.
      std::lock_guard<std::mutex> lock(spare_mu_);
      if (!spare_.empty()) {
        out.rows = std::move(spare_.back().rows);
        out.extra = std::move(spare_.back().extra);
        spare_.pop_back();
      }
    }
    if constexpr (HasForRows<Reader>::value) {
      // The block's own line numbers, and a reader that stops at its
      // records' end.
      const std::unique_ptr<Reader> reader =
          header_reader_->ForRows(nullptr, std::move(block));
      for (;;) {
        if (out.used == out.rows.size()) out.rows.emplace_back();
        // Rows kept from an earlier block are cold (a quarter of parsing an
        // activity row waited for its row): the one after next is fetched
        // while this one is parsed.
        if (out.used + 2 < out.rows.size()) {
          PrefetchForWrite(&out.rows[out.used + 2]);
        }
        if (!Read(*reader, &out.rows[out.used])) break;
        ++out.used;
      }
      out.status = reader->io_status();
      if (out.status.ok()) After(out);
      return out;
    }
    const size_t end = std::min(block.records_end, block.text.size());
    int64_t limit = first_row_line_ +
                    static_cast<int64_t>(CountLineEnds(block.text.data(), end));
    // The file's last record may lack its line end: it is still a record.
    if (end > 0 && block.text[end - 1] != '\n') ++limit;
    const int64_t shift = block.first_line - first_row_line_;
    absl::StatusOr<OpenReader> r = OpenWithHeader(block.text);
    if (!r.ok()) {
      out.status = r.status();
      return out;
    }
    for (;;) {
      if (out.used == out.rows.size()) out.rows.emplace_back();
      Row& row = out.rows[out.used];
      if (!Read(*r->reader, &row) || row.line >= limit) break;
      shift_(row, shift);
      ++out.used;
    }
    out.status = r->reader->io_status();
    if (out.status.ok()) After(out);
    return out;
  }

  // The next parsed block; at the end of the blocks, the rest of the file
  // in one stream when the splitter stopped early.
  bool NextParsed() {
    taken_ = 0;
    if (!current_.rows.empty()) {
      std::lock_guard<std::mutex> lock(spare_mu_);
      spare_.push_back({std::move(current_.rows), std::move(current_.extra)});
    }
    current_ = Parsed();
    if (blocks_->Next(&current_)) {
      io_status_ = current_.status;
      return io_status_.ok();
    }
    blocks_.reset();
    io_status_ = splitter_->io_status();
    if (!io_status_.ok() || splitter_->done()) return false;
    // A record near the reader's length limit: the rest on this thread.
    CsvBlock rest = splitter_->TakeRest();
    io_status_ =
        ReadOn(std::move(rest.text), rest.first_line - first_row_line_);
    return io_status_.ok();
  }

  std::string path_;
  ReadFn read_;
  ShiftFn shift_;
  AfterFn after_;
  bool plain_read_ = false;  // read_ is NextRow
  InputFile file_;
  const Reader* header_reader_ = nullptr;
  OpenReader header_reader_owned_;
  std::string header_;          // the file's header record, as read
  int64_t first_row_line_ = 2;  // the line after the header
  std::optional<CsvBlockSplitter> splitter_;
  std::optional<CsvBlock> first_;
  // Reading in one stream (one thread, or the rest of the file).
  Stream stream_;
  std::unique_ptr<Reader> stream_reader_;
  int64_t stream_shift_ = 0;
  // Reading by blocks; last, so its threads stop before the rest goes.
  std::mutex spare_mu_;
  // Memory of blocks taken, at most one per block in flight.
  struct Spare {
    std::vector<Row> rows;
    Extra extra;
  };
  std::vector<Spare> spare_;
  Parsed current_;
  size_t taken_ = 0;
  absl::Status io_status_;
  std::optional<OrderedBlocks<CsvBlock, Parsed>> blocks_;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_BLOCK_ROWS_H_
