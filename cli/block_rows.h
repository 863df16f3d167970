// Reading a CSV input on several threads with the rows still handed out
// one by one, in file order, exactly as the file's own reader gives them:
// the same rows, errors and line numbers whatever the thread count.
//
// The file is cut into blocks of about a megabyte at line starts; each
// worker parses a block with an ordinary reader (Reader::Open on a stream
// of the header line and the file from the block's start), local line
// numbers being shifted when the row is handed out. A block's first line
// is only a guess at a record start (a quoted field may span lines), so
// each worker also reads the first record at or after the next block's
// start; when that is not where the next block's worker began, the next
// block is parsed again from there before any of its rows is used.
//
//   auto rows = BlockRows<ActivityCsvReader, InputRow<ActivityRecord>>::Open(
//       path, threads, NextRow<ActivityCsvReader, InputRow<ActivityRecord>>,
//       ShiftRowLines<ActivityRecord>);
//   InputRow<ActivityRecord> row;
//   while ((*rows)->Next(&row)) ...
//   if (!(*rows)->io_status().ok()) ...
//
// One thread, standard input, a pipe, or a header with a double quote:
// the file is read in one stream on the calling thread, as before.

#ifndef MHPBR_CLI_BLOCK_ROWS_H_
#define MHPBR_CLI_BLOCK_ROWS_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "block_reader_io.h"
#include "input_file.h"
#include "mhpbr/input_row.h"
#include "mhpbr/status_macros.h"

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

template <typename Reader, typename Row>
class BlockRows {
 public:
  using ReadFn = std::function<bool(Reader&, Row*)>;
  using ShiftFn = std::function<void(Row&, int64_t)>;

  // Opens `path` and its header (failing as Reader::Open does).
  static absl::StatusOr<std::unique_ptr<BlockRows>> Open(
      const std::string& path, int threads, ReadFn read, ShiftFn shift) {
    std::unique_ptr<BlockRows> r(
        new BlockRows(path, std::move(read), std::move(shift)));
    MHPBR_ASSIGN_OR_RETURN(r->file_, OpenInput(path));
    MHPBR_ASSIGN_OR_RETURN(r->header_reader_,
                           Reader::Open(r->file_.get(), path));
    if (threads > 1 && path != "-") {
      r->fd_ = fileno(r->file_.get());
      if (auto header = PlainHeaderLine(r->fd_, &r->size_)) {
        r->header_ = *std::move(header);
        r->StartWorkers(threads);
      }
    }
    return r;
  }

  ~BlockRows() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    changed_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  // The reader of the header, for what it says about the columns.
  const Reader& header_reader() const { return *header_reader_; }

  // The next row in file order; false at the end or on a read error.
  bool Next(Row* row) {
    if (workers_.empty()) return read_(*header_reader_, row);
    while (current_ == nullptr || taken_ == current_end_) {
      if (!Advance()) return false;
    }
    // A move, not a swap (a third of the work on the thread that costs):
    // readers overwrite every field of the row they fill.
    *row = std::move(current_->rows[taken_++]);
    shift_(*row, line_delta_);
    return true;
  }

  const absl::Status& io_status() const {
    return workers_.empty() ? header_reader_->io_status() : io_status_;
  }

 private:
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();

  struct Block {
    std::vector<Row> rows;  // some beyond `used` kept for their memory
    size_t used = 0;
    // Lines from the block's guessed start (S) to the next block's.
    int64_t newlines = 0;
    // Lines from S to where this block's rows start, and to the first
    // row at or after the next block's start (kNone: the file ended).
    int64_t first = kNone, beyond = kNone;
    // Lines from S to where parsing began (0 unless the guess was wrong).
    int64_t skipped = 0;
    absl::Status status;
    bool ready = false;
  };

  BlockRows(std::string path, ReadFn read, ShiftFn shift)
      : path_(std::move(path)),
        read_(std::move(read)),
        shift_(std::move(shift)) {}

  void StartWorkers(int threads) {
    const int64_t header_bytes = static_cast<int64_t>(header_.size());
    const int64_t data = size_ - header_bytes;
    if (data <= 0) return;
    // Small enough that a few in flight per thread stay in memory,
    // large enough that opening a reader per block costs nothing.
    block_bytes_ = std::clamp<int64_t>(data / (threads * 8), 4096, 1 << 20);
    blocks_ = (data + block_bytes_ - 1) / block_bytes_;
    window_ = 2 * static_cast<int64_t>(threads);
    slots_.resize(static_cast<size_t>(window_));
    for (int i = 0; i < threads; ++i) {
      workers_.emplace_back([this] { Work(); });
    }
  }

  int64_t Nominal(int64_t k) const {
    return std::min<int64_t>(
        static_cast<int64_t>(header_.size()) + k * block_bytes_, size_);
  }

  // Block k's guessed start S_k.
  absl::StatusOr<int64_t> GuessStart(int64_t k) const {
    if (k == 0) return static_cast<int64_t>(header_.size());
    if (k >= blocks_) return size_;
    return LineStartAtOrAfter(fd_, Nominal(k), size_);
  }

  // Parses block k from `from` (S_k, or a later record start when the
  // guess was wrong, `skipped` lines after S_k) into `b`.
  void Parse(int64_t k, int64_t from, int64_t skipped, Block& b) {
    b.used = 0;
    b.first = b.beyond = kNone;
    b.skipped = skipped;
    b.status = absl::OkStatus();
    auto fail = [&](const absl::Status& s) {
      b.status = s;
      b.used = 0;
    };
    absl::StatusOr<int64_t> start = GuessStart(k);
    absl::StatusOr<int64_t> next = GuessStart(k + 1);
    if (!start.ok()) return fail(start.status());
    if (!next.ok()) return fail(next.status());
    absl::StatusOr<int64_t> lines = CountNewlines(fd_, *start, *next);
    if (!lines.ok()) return fail(lines.status());
    b.newlines = *lines;
    // Local lines: the header is 1, `from` is 2.
    int64_t limit = 2;
    if (from < *next) {
      absl::StatusOr<int64_t> n = CountNewlines(fd_, from, *next);
      if (!n.ok()) return fail(n.status());
      limit += *n;
    }
    std::FILE* f = OpenHeaderAndTail(fd_, header_, from);
    if (f == nullptr) {
      return fail(
          absl::InternalError(absl::StrCat(path_, ": cannot read by blocks")));
    }
    auto reader = Reader::Open(f, path_);
    if (!reader.ok()) {
      std::fclose(f);
      return fail(reader.status());
    }
    for (;;) {
      if (b.used == b.rows.size()) b.rows.emplace_back();
      Row& row = b.rows[b.used];
      if (!read_(**reader, &row)) break;
      const int64_t line = LineOf(row);
      if (b.first == kNone) b.first = line - 2 + skipped;
      if (line >= limit) {
        b.beyond = line - 2 + skipped;
        break;
      }
      ++b.used;
    }
    if (!(*reader)->io_status().ok()) fail((*reader)->io_status());
    reader->reset();
    std::fclose(f);
  }

  // Every Row type read by blocks has the reader's `line`.
  static int64_t LineOf(const Row& row) { return row.line; }

  void Work() {
    for (;;) {
      int64_t k;
      {
        std::unique_lock<std::mutex> lock(mu_);
        changed_.wait(lock, [&] {
          return stop_ || next_block_ >= blocks_ ||
                 next_block_ < consumed_ + window_;
        });
        if (stop_ || next_block_ >= blocks_) return;
        k = next_block_++;
      }
      Block& b = slots_[static_cast<size_t>(k % window_)];
      absl::StatusOr<int64_t> start = GuessStart(k);
      if (start.ok()) {
        Parse(k, *start, 0, b);
      } else {
        b.status = start.status();
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        b.ready = true;
      }
      changed_.notify_all();
    }
  }

  // Moves to the next block; false at the end or on an error.
  bool Advance() {
    if (current_ != nullptr) {
      lines_before_ += current_->newlines;
      {
        std::lock_guard<std::mutex> lock(mu_);
        current_->ready = false;
        ++consumed_;
      }
      changed_.notify_all();
      current_ = nullptr;
    }
    if (!io_status_.ok() || consumed_ >= blocks_) return false;
    const int64_t k = consumed_;
    Block& b = slots_[static_cast<size_t>(k % window_)];
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return b.ready; });
    }
    // Where the previous block's reading says this block's rows start,
    // in lines after S_k; the previous block found it by reading on.
    if (k > 0 && expected_ != b.first) {
      if (expected_ == kNone) {
        b.used = 0;
        b.beyond = kNone;
      } else {
        absl::StatusOr<int64_t> start = GuessStart(k);
        absl::StatusOr<int64_t> from =
            start.ok() ? SkipLines(fd_, *start, expected_, size_) : start;
        if (from.ok()) {
          Parse(k, *from, expected_, b);
        } else {
          b.status = from.status();
        }
      }
    }
    if (!b.status.ok()) {
      io_status_ = b.status;
      return false;
    }
    expected_ = b.beyond == kNone ? kNone : b.beyond - b.newlines;
    // A local line l is line l - 2 + skipped after S_k, which is line
    // 2 + lines_before_ of the file.
    line_delta_ = lines_before_ + b.skipped;
    current_ = &b;
    taken_ = 0;
    current_end_ = b.used;
    return true;
  }

  std::string path_;
  ReadFn read_;
  ShiftFn shift_;
  InputFile file_;
  std::unique_ptr<Reader> header_reader_;
  int fd_ = -1;
  int64_t size_ = 0;
  std::string header_;
  int64_t block_bytes_ = 0, blocks_ = 0, window_ = 0;
  std::vector<Block> slots_;
  std::vector<std::thread> workers_;

  std::mutex mu_;
  std::condition_variable changed_;
  bool stop_ = false;
  int64_t next_block_ = 0;
  int64_t consumed_ = 0;

  // The consumer's side.
  Block* current_ = nullptr;
  size_t taken_ = 0, current_end_ = 0;
  int64_t lines_before_ = 0;  // lines from the first data line to S_k
  int64_t line_delta_ = 0;
  int64_t expected_ = kNone;
  absl::Status io_status_;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_BLOCK_ROWS_H_
