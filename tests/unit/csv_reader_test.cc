// The RFC 4180 reader (formats.md: comma, optional double quotes, header
// row, LF or CRLF), fed bytes through temporary files.

#include "mhpbr/csv_reader.h"

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::FilePtr;
using ::mhpbr::testing::FileWith;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// One record as plain strings.
struct Row {
  int64_t line;
  std::vector<std::string> fields;
  std::string error;
};

std::vector<Row> ReadAll(CsvReader* csv) {
  std::vector<Row> out;
  CsvRecord rec;
  while (csv->Next(&rec)) {
    out.push_back(
        {rec.line,
         std::vector<std::string>(rec.fields.begin(), rec.fields.end()),
         rec.error});
  }
  return out;
}

// Header then records of `bytes`; the header must read.
std::vector<Row> Parse(
    const std::string& bytes,
    size_t max_record_bytes = CsvReader::kDefaultMaxRecordBytes) {
  FilePtr f = FileWith(bytes);
  CsvReader csv(f.get(), "test.csv", max_record_bytes);
  const absl::Status s = csv.ReadHeader();
  EXPECT_THAT(s, IsOk());
  std::vector<Row> rows = ReadAll(&csv);
  EXPECT_THAT(csv.io_status(), IsOk());
  return rows;
}

TEST(CsvReaderTest, HeaderAndRows) {
  FilePtr f = FileWith("id,name,score\n1,ann,3\n2,bob,\n");
  CsvReader csv(f.get(), "t.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("id", "name", "score"));
  EXPECT_EQ(csv.Column("id"), 0);
  EXPECT_EQ(csv.Column("score"), 2);
  EXPECT_EQ(csv.Column("Score"), std::nullopt);
  EXPECT_EQ(csv.Column("missing"), std::nullopt);
  EXPECT_EQ(csv.name(), "t.csv");
  const std::vector<Row> rows = ReadAll(&csv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "ann", "3"));
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].fields, ElementsAre("2", "bob", ""));
  CsvRecord rec;
  EXPECT_FALSE(csv.Next(&rec));  // still the end
  EXPECT_THAT(csv.io_status(), IsOk());
}

TEST(CsvReaderTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  const std::vector<Row> rows = Parse(
      "a,b\n"
      "\"x,y\",\"he said \"\"hi\"\"\"\n"  // line 2
      "\"two\nlines\",z\n"                // lines 3-4
      "last,\"\"\n"                       // line 5: quoted empty
      "\"\"\"\",\"a\"\"\"\"b\"\n");       // line 6
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[0].fields, ElementsAre("x,y", "he said \"hi\""));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].fields, ElementsAre("two\nlines", "z"));
  // The record after a two-line field starts on the line after both.
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_THAT(rows[2].fields, ElementsAre("last", ""));
  EXPECT_EQ(rows[3].line, 6);
  EXPECT_THAT(rows[3].fields, ElementsAre("\"", "a\"\"b"));
}

TEST(CsvReaderTest, QuotedFieldMayHoldManyLinesAndCrLf) {
  const std::vector<Row> rows = Parse("a,b\n\"1\n2\r\n3\n\",x\nnext,y\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1\n2\r\n3\n", "x"));
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_THAT(rows[1].fields, ElementsAre("next", "y"));
}

TEST(CsvReaderTest, CrLfLineEnds) {
  FilePtr f = FileWith("a,b\r\n1,2\r\n\"q\",3\r\n4,\"5\"\r\n");
  CsvReader csv(f.get(), "crlf.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("a", "b"));
  EXPECT_EQ(csv.Column("b"), 1);
  const std::vector<Row> rows = ReadAll(&csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  EXPECT_THAT(rows[1].fields, ElementsAre("q", "3"));
  EXPECT_THAT(rows[2].fields, ElementsAre("4", "5"));
  EXPECT_EQ(rows[2].line, 4);
}

TEST(CsvReaderTest, ByteOrderMarkBeforeHeaderIsDropped) {
  FilePtr f = FileWith("\xEF\xBB\xBFid,x\n1,2\n");
  CsvReader csv(f.get(), "bom.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_EQ(csv.Column("id"), 0);
  EXPECT_THAT(csv.header(), ElementsAre("id", "x"));
  const std::vector<Row> rows = ReadAll(&csv);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
}

// The mark comes before the header whatever the header's first name looks
// like: a quoted name is still a name.
TEST(CsvReaderTest, ByteOrderMarkBeforeAQuotedHeaderIsDropped) {
  FilePtr f = FileWith("\xEF\xBB\xBF\"id\",x\r\n1,2\r\n");
  CsvReader csv(f.get(), "bom.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("id", "x"));
  EXPECT_EQ(csv.Column("id"), 0);
}

// One mark is a byte-order mark; a second is data (found by the CSV
// fuzzer: the header used to lose both).
TEST(CsvReaderTest, OnlyOneByteOrderMarkIsDropped) {
  FilePtr f = FileWith("\xEF\xBB\xBF\xEF\xBB\xBFid,x\n1,2\n");
  CsvReader csv(f.get(), "bom.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("\xEF\xBB\xBFid", "x"));
  EXPECT_EQ(csv.Column("id"), std::nullopt);
}

TEST(CsvReaderTest, BlankLinesBeforeTheHeaderAreCounted) {
  FilePtr f = FileWith("\n\nid,x\n1,2\n");
  CsvReader csv(f.get(), "late.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("id", "x"));
  const std::vector<Row> rows = ReadAll(&csv);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 4);
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  const std::vector<Row> rows = Parse("a\n\n1\n\n\r\n2\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_THAT(rows[0].fields, ElementsAre("1"));
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_THAT(rows[1].fields, ElementsAre("2"));
}

TEST(CsvReaderTest, QuotedEmptyLineIsARecord) {
  const std::vector<Row> rows = Parse("a\n\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre(""));
}

TEST(CsvReaderTest, LastLineWithoutNewline) {
  EXPECT_THAT(Parse("a,b\n1,2")[0].fields, ElementsAre("1", "2"));
  EXPECT_THAT(Parse("a,b\n1,\"2\"")[0].fields, ElementsAre("1", "2"));
  EXPECT_THAT(Parse("a,b\n1,")[0].fields, ElementsAre("1", ""));
  FilePtr f = FileWith("only,header");
  CsvReader csv(f.get(), "h.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  EXPECT_THAT(csv.header(), ElementsAre("only", "header"));
  CsvRecord rec;
  EXPECT_FALSE(csv.Next(&rec));
}

TEST(CsvReaderTest, EmptyFileHasNoHeader) {
  FilePtr f = FileWith("");
  CsvReader csv(f.get(), "empty.csv");
  EXPECT_THAT(csv.ReadHeader(), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("empty.csv")));
  FilePtr blank = FileWith("\n\n");
  CsvReader csv2(blank.get(), "blank.csv");
  EXPECT_THAT(csv2.ReadHeader(), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(CsvReaderTest, DuplicateHeaderColumnIsAnError) {
  FilePtr f = FileWith("id,r1,id\n1,2,3\n");
  CsvReader csv(f.get(), "dup.csv");
  EXPECT_THAT(csv.ReadHeader(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("dup.csv"), HasSubstr("'id'"))));
}

TEST(CsvReaderTest, MalformedHeaderIsAnError) {
  FilePtr f = FileWith("id,\"r1\n");
  CsvReader csv(f.get(), "bad.csv");
  EXPECT_THAT(csv.ReadHeader(), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("bad.csv")));
}

TEST(CsvReaderTest, StrayQuoteSpoilsOnlyItsRecord) {
  const std::vector<Row> rows = Parse("a,b\n1,x\"y\n2,3\n4,5\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[0].error, HasSubstr("quote"));
  EXPECT_THAT(rows[0].fields, IsEmpty());
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].error, "");
  EXPECT_THAT(rows[1].fields, ElementsAre("2", "3"));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("4", "5"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteSpoilsOnlyItsRecord) {
  const std::vector<Row> rows = Parse("a,b\n\"1\"x,2\n3,4\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].error, Not(IsEmpty()));
  EXPECT_THAT(rows[1].fields, ElementsAre("3", "4"));
  EXPECT_EQ(rows[1].line, 3);
}

TEST(CsvReaderTest, UnterminatedQuoteIsReported) {
  // The quote never closes: the record is malformed, and reading goes on
  // at the line after the one it started on.
  const std::vector<Row> rows = Parse("a,b\n1,\"abc\n2,3\n");
  ASSERT_GE(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[0].error, HasSubstr("unterminated"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].fields, ElementsAre("2", "3"));

  const std::vector<Row> last = Parse("a\n\"abc");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_THAT(last[0].error, HasSubstr("unterminated"));
}

// A record longer than the limit is reported and reading resumes on the
// next line. Here the long record is far longer than the reader's buffer.
TEST(CsvReaderTest, HugeRecordBeyondTheLimitIsReportedAndReadingResumes) {
  const std::string huge(600 * 1024, 'x');
  const std::vector<Row> rows =
      Parse("a,b\n1,2\n3," + huge + "\n4,5\n", /*max_record_bytes=*/100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].error, HasSubstr("longer than"));
  EXPECT_THAT(rows[1].fields, IsEmpty());
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("4", "5"));
}

// The same with a small file: the record is longer than the limit although
// the whole file fits the reader's buffer.
TEST(CsvReaderTest, RecordLongerThanASmallLimitIsReported) {
  const std::string longish(300, 'y');
  const std::vector<Row> rows =
      Parse("a,b\n1,2\n3," + longish + "\n4,5\n", /*max_record_bytes=*/100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].error, HasSubstr("longer than"));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("4", "5"));
}

TEST(CsvReaderTest, RecordsAtTheLimitAreRead) {
  // Records of up to the limit's length parse whatever the buffer.
  const std::string field(90, 'z');
  const std::vector<Row> rows = Parse("a\n" + field + "\nq\n", 100);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].fields, ElementsAre(field));
  EXPECT_EQ(rows[0].error, "");
}

// A plain line (no quote) is split by Next()'s fast path; the same fields
// quoted go through the general parser. Both must give the fields and line
// numbers the bytes say: fields of letters, spaces and inner CRs, empty
// ones, one to thirty to a line, LF or CRLF ends, blank lines between,
// enough of them (about 0.6 MB) to cross the reader's 64 KiB reads often.
TEST(CsvReaderTest, PlainLinesReadAsTheirQuotedForms) {
  std::mt19937 rng(19);
  auto pick = [&rng](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
  };
  std::string plain = "h\n", quoted = "h\n";
  std::vector<Row> want;
  int64_t line = 2;
  for (int r = 0; r < 8000; ++r) {
    if (pick(20) == 0) {  // a blank line, LF or CRLF: counted, not a record
      const char* blank = pick(2) == 0 ? "\n" : "\r\n";
      plain += blank;
      quoted += blank;
      ++line;
      continue;
    }
    Row row{line++, {}, ""};
    const int n = 1 + pick(30);
    for (int i = 0; i < n; ++i) {
      std::string field;
      const int len = pick(4) == 0 ? 0 : pick(12);
      for (int k = 0; k < len; ++k) field.push_back("ab \rxy"[pick(6)]);
      // A CR ending a line's last field is the line end's, not data.
      if (i == n - 1 && !field.empty() && field.back() == '\r') {
        field.back() = 'z';
      }
      if (n == 1 && field.empty()) field = "e";  // else a blank line
      plain += (i == 0 ? "" : ",") + field;
      quoted += (i == 0 ? "\"" : ",\"") + field + "\"";
      row.fields.push_back(field);
    }
    const char* end = pick(3) == 0 ? "\r\n" : "\n";
    plain += end;
    quoted += end;
    want.push_back(row);
  }
  ASSERT_GT(plain.size(), size_t{4} << 16);  // many of the 64 KiB reads
  for (const std::string* bytes : {&plain, &quoted}) {
    const std::vector<Row> got = Parse(*bytes);
    ASSERT_EQ(got.size(), want.size())
        << (bytes == &plain ? "plain" : "quoted");
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[i].line, want[i].line) << i;
      ASSERT_EQ(got[i].fields, want[i].fields) << i;
      ASSERT_EQ(got[i].error, "") << i;
    }
  }
}

// Plain lines about the limit, which counts the line end: the fast path
// leaves those over it to the general parser, which refuses them.
TEST(CsvReaderTest, PlainLinesAroundTheLimit) {
  std::string bytes = "a,b\n";
  for (int len = 60; len <= 68; ++len) {
    bytes += std::string(static_cast<size_t>(len - 3), 'x') + ",y\n";
  }
  const std::vector<Row> rows = Parse(bytes, 64);
  ASSERT_EQ(rows.size(), 9u);
  for (int i = 0; i < 9; ++i) {
    // Line i + 2 is 60 + i bytes with its LF: up to 64 read.
    EXPECT_EQ(rows[i].line, i + 2);
    if (60 + i <= 64) {
      EXPECT_EQ(rows[i].error, "") << i;
      EXPECT_THAT(rows[i].fields, ElementsAre(std::string(57 + i, 'x'), "y"));
    } else {
      EXPECT_EQ(rows[i].error, "record longer than 64 bytes") << i;
    }
  }
}

// A quote anywhere in a line sends it to the general parser, whose verdict
// stands; the plain lines around it are unaffected.
TEST(CsvReaderTest, AQuoteInOneLineLeavesTheOthersPlain) {
  const std::vector<Row> rows =
      Parse("a,b,c\n1,2,3\n4,x\"y,6\n7,\"8,8\",9\r\n10,11,12");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2", "3"));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].error, "a quote inside an unquoted field");
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("7", "8,8", "9"));
  EXPECT_EQ(rows[3].line, 5);  // the last line lacks its LF
  EXPECT_THAT(rows[3].fields, ElementsAre("10", "11", "12"));
}

// Several megabytes of records of every length, some quoted with commas,
// quotes and newlines inside, some ending in CRLF: records cross the
// reader's 64 KiB reads at every kind of place and must come back whole.
TEST(CsvReaderTest, RecordsStraddlingBufferBoundariesComeBackIntact) {
  std::mt19937 rng(4180);
  auto pick = [&rng](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
  };
  struct Expected {
    int64_t line;
    std::vector<std::string> fields;
  };
  std::vector<Expected> expected;
  std::string bytes = "f1,f2,f3\n";
  int64_t line = 2;
  while (bytes.size() < 3 * 1024 * 1024) {
    Expected e{line, {}};
    std::string raw;
    for (int c = 0; c < 3; ++c) {
      // Lengths mostly short, sometimes up to 20000 bytes.
      const int len = pick(10) == 0 ? pick(20000) : pick(60);
      std::string value;
      bool needs_quotes = false;
      for (int i = 0; i < len; ++i) {
        const int kind = pick(100);
        char ch = static_cast<char>('a' + pick(26));
        if (kind == 0) ch = ',';
        if (kind == 1) ch = '"';
        if (kind == 2) ch = '\n';
        needs_quotes |= kind <= 2;
        value.push_back(ch);
      }
      if (!needs_quotes && pick(4) == 0) needs_quotes = true;
      if (c > 0) raw.push_back(',');
      if (needs_quotes) {
        raw.push_back('"');
        for (char ch : value) {
          if (ch == '"') raw.push_back('"');
          raw.push_back(ch);
          if (ch == '\n') ++line;
        }
        raw.push_back('"');
      } else {
        raw += value;
      }
      e.fields.push_back(value);
    }
    raw += pick(3) == 0 ? "\r\n" : "\n";
    ++line;
    bytes += raw;
    expected.push_back(std::move(e));
  }
  const std::vector<Row> rows = Parse(bytes);
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].error, "") << "record " << i;
    ASSERT_EQ(rows[i].line, expected[i].line) << "record " << i;
    ASSERT_EQ(rows[i].fields, expected[i].fields) << "record " << i;
  }
}

// Many short unquoted records: every byte offset of a 64 KiB boundary is
// hit by some record's delimiter, quote or line end.
TEST(CsvReaderTest, ShortRecordsAcrossBoundaries) {
  std::string bytes = "n,s\n";
  std::vector<std::string> expected;
  for (int i = 0; i < 60000; ++i) {
    const std::string s(static_cast<size_t>(i % 13),
                        static_cast<char>('a' + i % 26));
    expected.push_back(s);
    bytes += std::to_string(i) + "," + (i % 7 == 0 ? "\"" + s + "\"" : s) +
             (i % 5 == 0 ? "\r\n" : "\n");
  }
  const std::vector<Row> rows = Parse(bytes);
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_THAT(rows[i].fields, ElementsAre(std::to_string(i), expected[i]))
        << "record " << i;
    ASSERT_EQ(rows[i].line, static_cast<int64_t>(i) + 2);
  }
}

// Every pair of field lengths up to twice 64 bytes: the delimiters fall at
// every offset of any block the reader may scan at once.
TEST(CsvReaderTest, EveryFieldLengthAroundSixtyFourBytes) {
  std::string bytes = "a,b\n";
  for (int x = 0; x <= 130; ++x) {
    for (int y = 0; y <= 130; y += 3) {
      bytes += std::string(static_cast<size_t>(x), 'x') + "," +
               std::string(static_cast<size_t>(y), 'y') + "\n";
    }
  }
  const std::vector<Row> rows = Parse(bytes);
  size_t i = 0;
  for (int x = 0; x <= 130; ++x) {
    for (int y = 0; y <= 130; y += 3, ++i) {
      ASSERT_LT(i, rows.size());
      if (x == 0 && y == 0) {
        ASSERT_THAT(rows[i].fields, ElementsAre("", ""));
        continue;
      }
      ASSERT_THAT(rows[i].fields,
                  ElementsAre(std::string(static_cast<size_t>(x), 'x'),
                              std::string(static_cast<size_t>(y), 'y')))
          << x << " " << y;
    }
  }
  EXPECT_EQ(rows.size(), i);
}

// A stray quote at every offset up to twice 64 bytes into a record.
TEST(CsvReaderTest, StrayQuoteAtEveryOffset) {
  std::string bytes = "a,b\n";
  for (int x = 0; x <= 130; ++x) {
    bytes += "1," + std::string(static_cast<size_t>(x), 'x') + "\"z\n";
    bytes += "2," + std::to_string(x) + "\n";
  }
  const std::vector<Row> rows = Parse(bytes);
  ASSERT_EQ(rows.size(), 2u * 131);
  for (int x = 0; x <= 130; ++x) {
    EXPECT_THAT(rows[2 * x].error, HasSubstr("quote")) << x;
    EXPECT_EQ(rows[2 * x + 1].error, "") << x;
    EXPECT_THAT(rows[2 * x + 1].fields, ElementsAre("2", std::to_string(x)));
    EXPECT_EQ(rows[2 * x + 1].line, 3 + 2 * x);
  }
}

// Lines of many cells, most empty (up to 16 commas in a row, so that a
// 16-byte piece holds anywhere from 0 to 16 of them), read once as they
// are (the quote-free path) and once with the first cell quoted (the
// general path): the same cells, each the text between its commas.
TEST(CsvReaderTest, PlainLinesOfManyEmptyCellsReadAsTheGeneralPathReadsThem) {
  std::mt19937 rng(20261207);
  std::vector<std::vector<std::string>> expected;
  std::string plain = "h\n";
  std::string quoted = "h\n";
  for (int i = 0; i < 4000; ++i) {
    std::vector<std::string> cells;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int c = 0; c < n; ++c) {
      // Mostly empty cells, some a few bytes, a few long.
      const uint32_t kind = rng() % 10;
      const size_t len = kind < 6 ? 0 : kind < 9 ? rng() % 5 : rng() % 70;
      cells.emplace_back(len, static_cast<char>('a' + c % 26));
    }
    if (cells.size() == 1 && cells[0].empty()) cells[0] = "x";  // not blank
    std::string line = cells[0];
    std::string line_quoted = "\"" + cells[0] + "\"";
    for (size_t c = 1; c < cells.size(); ++c) {
      line += "," + cells[c];
      line_quoted += "," + cells[c];
    }
    const char* end = i % 3 == 0 ? "\r\n" : "\n";
    plain += line + end;
    quoted += line_quoted + end;
    expected.push_back(cells);
  }
  const std::vector<Row> fast = Parse(plain);
  const std::vector<Row> general = Parse(quoted);
  ASSERT_EQ(fast.size(), expected.size());
  ASSERT_EQ(general.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(fast[i].error, "") << i;
    ASSERT_EQ(fast[i].fields, expected[i]) << i;
    ASSERT_EQ(general[i].fields, expected[i]) << i;
    ASSERT_EQ(fast[i].line, general[i].line) << i;
    ASSERT_EQ(fast[i].line, static_cast<int64_t>(i) + 2);
  }
}

// Sixteen and more commas in one 16-byte piece, at every offset, a line
// of nothing but commas, and one of hundreds: every one a cell.
TEST(CsvReaderTest, RunsOfCommasAtEveryOffset) {
  std::string bytes = "h\n";
  for (int x = 0; x < 20; ++x) {
    bytes +=
        std::string(static_cast<size_t>(x), 'x') + std::string(17, ',') + "y\n";
  }
  bytes += std::string(40, ',') + "\n";
  // More commas than the quote-free path keeps: the general path's.
  bytes += std::string(300, ',') + "z\n";
  const std::vector<Row> rows = Parse(bytes);
  ASSERT_EQ(rows.size(), 22u);
  for (int x = 0; x < 20; ++x) {
    std::vector<std::string> want(18, "");
    want[0] = std::string(static_cast<size_t>(x), 'x');
    want[17] = "y";
    EXPECT_EQ(rows[x].fields, want) << x;
  }
  EXPECT_EQ(rows[20].fields, std::vector<std::string>(41, ""));
  std::vector<std::string> many(301, "");
  many[300] = "z";
  EXPECT_EQ(rows[21].fields, many);
}

TEST(CsvReaderTest, ReadErrorIsReported) {
  // A stream open for writing cannot be read.
  std::FILE* f = std::fopen("/dev/null", "w");
  ASSERT_NE(f, nullptr);
  CsvReader csv(f, "unreadable.csv");
  EXPECT_FALSE(csv.ReadHeader().ok());
  EXPECT_THAT(csv.io_status(), Not(IsOk()));
  std::fclose(f);
}

}  // namespace
}  // namespace mhpbr
