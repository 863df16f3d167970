// Cutting a CSV file into blocks of whole records, for parsing on several
// threads: each block starts where CsvReader would start a record and
// ends where it would end one (a quoted field may hold line breaks; a
// malformed record ends at the end of its first line, as CsvReader resumes
// there), and carries the line number it starts on, so that a CsvReader
// over one block reports every record, error and line number as a reader
// of the whole file does.
//
//   auto reader = mhpbr::AssessmentCsvReader::Open(file, name);  // header
//   mhpbr::CsvBlockSplitter blocks(file, name, (*reader)->TakeUnparsed(),
//                                  1 << 20);
//   mhpbr::CsvBlock block;
//   while (blocks.Next(&block)) ... (*reader)->ForBlock(std::move(block))
//   if (!blocks.io_status().ok()) ...
//   // Then, unless blocks.done(), the rest of the file is read as one:
//   ... (*reader)->ForRest(file, blocks.TakeRest())

#ifndef MHPBR_CSV_BLOCKS_H_
#define MHPBR_CSV_BLOCKS_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace mhpbr {

struct CsvBlock {
  // Whole records (the last may lack its line end at the end of the file),
  // then, when a malformed record was judged by bytes past the line it
  // ends on, those bytes.
  std::string text;
  // The 1-based line `text` starts on (the header is line 1).
  int64_t first_line = 1;
  // Where the records end in `text`: a reader of the block stops there.
  size_t records_end = std::string::npos;
};

class CsvBlockSplitter {
 public:
  // `read_ahead`: bytes already read from `file` (from a record's start).
  // Blocks are about `block_bytes` long, more when one record is longer.
  CsvBlockSplitter(std::FILE* file, std::string name, CsvBlock read_ahead,
                   size_t block_bytes);

  // The next block; false at the end of the file, on a read error (see
  // io_status()) or when the splitter stops early (see done()).
  bool Next(CsvBlock* block);

  // Whether Next() reached the end of the file. It stops early when a record
  // runs on past half CsvReader's record limit: only a reader of the whole
  // file can tell which of its ways of refusing a long record applies.
  bool done() const { return done_; }
  // What was read and not yet handed out, from a record's start; the file
  // goes on after it.
  CsvBlock TakeRest();

  const absl::Status& io_status() const { return io_status_; }

 private:
  // Reads up to `n` more bytes; false at the end of the file or on error.
  bool Read(size_t n);

  std::FILE* file_;
  std::string name_;
  size_t block_bytes_;
  std::string buf_;  // from the next record's start
  int64_t line_ = 1;
  bool eof_ = false;
  bool done_ = false;
  bool stopped_ = false;
  absl::Status io_status_;
};

// How many LF bytes p[0, n) holds.
size_t CountLineEnds(const char* p, size_t n);

// The end of the last whole record in text[0, size) (which starts at a
// record's start and may go on); 0 when no record is whole. `*judged_end`
// (at least that) is the end of the bytes CsvReader looks at to read those
// records. `*too_long` is set when a record whose bytes matter to
// CsvReader's limit (one with quotes, or the unfinished last) spans
// `long_bytes` or more.
size_t CsvWholeRecordsEnd(const char* text, size_t size, size_t long_bytes,
                          size_t* judged_end, bool* too_long);

}  // namespace mhpbr

#endif  // MHPBR_CSV_BLOCKS_H_
