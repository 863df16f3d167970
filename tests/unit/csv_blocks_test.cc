// CsvBlockSplitter (csv_blocks.h): a file and an in-memory stream of the
// same bytes must give the same blocks, lines and record ends at every
// block size, the records of the blocks one after another are the file,
// and the rest after an early stop goes on exactly where the file does.

#include "mhpbr/csv_blocks.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mhpbr/csv_reader.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::FilePtr;
using ::mhpbr::testing::FileWith;

struct Cut {
  std::string bytes;
  int64_t first_line = 0;
  size_t records_end = 0;
  bool operator==(const Cut& o) const {
    return bytes == o.bytes && first_line == o.first_line &&
           records_end == o.records_end;
  }
};

struct Split {
  std::vector<Cut> cuts;
  bool done = false;
  std::string rest;  // TakeRest's bytes, then what the file still holds
};

Split SplitAll(std::FILE* f, CsvBlock ahead, size_t block_bytes) {
  Split out;
  CsvBlockSplitter splitter(f, "t.csv", std::move(ahead), block_bytes);
  CsvBlock b;
  while (splitter.Next(&b)) {
    out.cuts.push_back({b.text, b.first_line, b.records_end});
  }
  EXPECT_TRUE(splitter.io_status().ok()) << splitter.io_status();
  out.done = splitter.done();
  if (!out.done) {
    out.rest = splitter.TakeRest().text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
      out.rest.append(buf, n);
    }
  }
  return out;
}

// A stream of `text` with no file behind it.
FilePtr MemoryFile(std::string* text) {
  return FilePtr(fmemopen(text->data(), text->size(), "rb"));
}

// Plain rows, a quoted field over two lines, CRLF, a blank line, a stray
// quote judged by the byte after its line, and no final line end.
constexpr char kMixed[] =
    "id,v\n"
    "a,1\n"
    "\"b\nb\",2\r\n"
    "\n"
    "c\"x,3\n"
    "\"d\"e\nf,4\n"
    "g,5\r\n"
    "\"h\"\"h\",6\n"
    "i,7";

TEST(CsvBlocksTest, FileAndStreamGiveTheSameBlocksAtEveryBlockSize) {
  for (size_t block_bytes : {1, 2, 3, 5, 7, 11, 16, 64, 1000}) {
    SCOPED_TRACE(block_bytes);
    std::string text = kMixed;
    FilePtr file = FileWith(text);
    FilePtr memory = MemoryFile(&text);
    const Split from_file = SplitAll(file.get(), CsvBlock{}, block_bytes);
    const Split read = SplitAll(memory.get(), CsvBlock{}, block_bytes);
    EXPECT_TRUE(from_file.done);
    EXPECT_EQ(from_file.cuts, read.cuts);
    // The records of the blocks, one after another, are the file.
    std::string records;
    for (const Cut& c : from_file.cuts) {
      records += c.bytes.substr(0, c.records_end);
    }
    EXPECT_EQ(records, text);
  }
}

TEST(CsvBlocksTest, BlocksStartBehindTheBytesAlreadyRead) {
  // Over 256 KB, so that the header's reader has read only part of the
  // file: 30,000 rows of 13 bytes ("r10000,50000\n"), 390,000 bytes.
  std::string text = "id,v\n";
  for (int i = 0; i < 30000; ++i) {
    absl::StrAppend(&text, "r", 10000 + i, ",", 50000 + i, "\n");
  }
  for (bool from_file : {true, false}) {
    SCOPED_TRACE(from_file);
    std::string copy = text;
    FilePtr f = from_file ? FileWith(copy) : MemoryFile(&copy);
    CsvReader header(f.get(), "t.csv");
    ASSERT_TRUE(header.ReadHeader().ok());
    CsvBlock ahead = header.TakeUnparsed();
    EXPECT_GT(ahead.text.size(), 0u);
    EXPECT_LT(ahead.text.size(), text.size() - 5);
    EXPECT_EQ(ahead.first_line, 2);
    const Split split = SplitAll(f.get(), std::move(ahead), 100000);
    // The header's reader read 262,144 bytes: 262,139 after the header,
    // 20,164 whole rows (262,132 bytes) and 7 of the next. The first block
    // is what was read, whole rows; the next ones 100,000 bytes, 7,692
    // whole rows (99,996); then the last 390,000 - 262,132 - 99,996 =
    // 27,872.
    ASSERT_EQ(split.cuts.size(), 3u);
    EXPECT_EQ(split.cuts[0].first_line, 2);
    EXPECT_EQ(split.cuts[0].records_end, 262132u);
    EXPECT_EQ(split.cuts[1].first_line, 2 + 20164);
    EXPECT_EQ(split.cuts[1].records_end, 99996u);
    EXPECT_EQ(split.cuts[2].first_line, 2 + 20164 + 7692);
    EXPECT_EQ(split.cuts[2].records_end, 27872u);
    std::string records;
    for (const Cut& c : split.cuts) records += c.bytes.substr(0, c.records_end);
    EXPECT_EQ(records, text.substr(5));
  }
}

TEST(CsvBlocksTest, RestAfterALongRecordGoesOnWhereTheFileDoes) {
  // Blocks of 4 KB until a quoted field of 600 KB (over half the reader's
  // 1 MB limit): the splitter stops there, and the rest it hands back
  // followed by what the file still holds is the file from there on.
  std::string text = "id,v\n";
  for (int i = 0; i < 1000; ++i) absl::StrAppend(&text, "r", i, ",1\n");
  const size_t long_at = text.size();
  text += "\"" + std::string(600000, 'x') + "\",2\n";
  for (int i = 0; i < 1000; ++i) absl::StrAppend(&text, "s", i, ",3\n");
  for (bool from_file : {true, false}) {
    SCOPED_TRACE(from_file);
    std::string copy = text;
    FilePtr f = from_file ? FileWith(copy) : MemoryFile(&copy);
    const Split split = SplitAll(f.get(), CsvBlock{}, 4096);
    EXPECT_FALSE(split.done);
    size_t handed = 0;
    for (const Cut& c : split.cuts) handed += c.records_end;
    EXPECT_LE(handed, long_at);
    EXPECT_EQ(split.rest, text.substr(handed));
  }
}

TEST(CsvBlocksTest, CountLineEndsCountsEveryLfAtEveryLengthAndOffset) {
  // All line ends (the byte counters' worst case, 255 rounds each), none,
  // and every third byte, from each start offset 0-16 and every length to
  // 600, then 100,000 line ends at once.
  for (const std::string& text :
       {std::string(700, '\n'), std::string(700, 'a'), [] {
          std::string t;
          for (int i = 0; i < 700; ++i) t += i % 3 == 0 ? '\n' : 'x';
          return t;
        }()}) {
    for (size_t at = 0; at <= 16; ++at) {
      for (size_t n = 0; n <= 600; ++n) {
        const size_t want = static_cast<size_t>(
            std::count(text.begin() + at, text.begin() + at + n, '\n'));
        ASSERT_EQ(CountLineEnds(text.data() + at, n), want) << at << " " << n;
      }
    }
  }
  const std::string many(100000, '\n');
  EXPECT_EQ(CountLineEnds(many.data(), many.size()), 100000u);
}

}  // namespace
}  // namespace mhpbr
