// The CSV writer: RFC 4180 quoting only where needed (comma, quote, CR,
// LF), rows ending in LF, integers, and failed writes reported.

#include "mhpbr/csv_writer.h"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/csv_reader.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::ContentsOf;
using ::mhpbr::testing::FilePtr;
using ::mhpbr::testing::IsOk;
using ::testing::Not;

FilePtr NewFile() { return FilePtr(std::tmpfile()); }

TEST(CsvWriterTest, PlainFieldsAreNotQuoted) {
  FilePtr f = NewFile();
  {
    CsvWriter out(f.get());
    out.Row({"cluster", "periods", ""});
    out.Field("a b");
    out.Field("x;y");
    out.EmptyField();
    out.Field("'single'");
    out.EndRow();
    EXPECT_TRUE(out.Flush());
    EXPECT_THAT(out.status(), IsOk());
  }
  EXPECT_EQ(ContentsOf(f.get()), "cluster,periods,\na b,x;y,,'single'\n");
}

TEST(CsvWriterTest, QuotesCommaQuoteCrAndLf) {
  FilePtr f = NewFile();
  {
    CsvWriter out(f.get());
    out.Field("a,b");
    out.Field("say \"hi\"");
    out.Field("line\nbreak");
    out.Field("cr\rhere");
    out.Field("\"");
    out.Field("plain");
    out.EndRow();
    ASSERT_TRUE(out.Flush());
  }
  EXPECT_EQ(ContentsOf(f.get()),
            "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\","
            "\"\"\"\",plain\n");
}

TEST(CsvWriterTest, Integers) {
  FilePtr f = NewFile();
  {
    CsvWriter out(f.get());
    out.Field(int64_t{0});
    out.Field(int64_t{12});
    out.Field(int64_t{-37});
    out.Field(std::numeric_limits<int64_t>::min());
    out.Field(std::numeric_limits<int64_t>::max());
    out.EndRow();
    out.Field("x");
    out.Field(int64_t{5});
    out.EndRow();
  }  // the destructor flushes
  EXPECT_EQ(ContentsOf(f.get()),
            "0,12,-37,-9223372036854775808,9223372036854775807\nx,5\n");
}

TEST(CsvWriterTest, EmptyRowIsABlankLine) {
  FilePtr f = NewFile();
  {
    CsvWriter out(f.get());
    out.EndRow();
    out.Row({"a"});
  }
  EXPECT_EQ(ContentsOf(f.get()), "\na\n");
}

// What the writer writes, the reader reads back field for field, across
// several automatic flushes.
TEST(CsvWriterTest, ReaderReadsBackWhatTheWriterWrote) {
  const std::vector<std::string> samples = {
      "",       "plain",     "a,b", "\"",       "\"\"",  "x\ny",
      "x\r\ny", "trailing,", ",",   " spaced ", "end\"", "\"start"};
  FilePtr f = NewFile();
  int rows = 0;
  {
    CsvWriter out(f.get());
    out.Row({"a", "b", "c"});
    for (int i = 0; i < 20000; ++i) {
      out.Field(samples[i % samples.size()]);
      out.Field(int64_t{i});
      out.Field(samples[(i * 7 + 3) % samples.size()]);
      out.EndRow();
      ++rows;
    }
    ASSERT_TRUE(out.Flush());
  }
  std::rewind(f.get());
  CsvReader csv(f.get(), "written.csv");
  ASSERT_THAT(csv.ReadHeader(), IsOk());
  CsvRecord rec;
  int i = 0;
  while (csv.Next(&rec)) {
    ASSERT_EQ(rec.error, "") << i;
    ASSERT_EQ(rec.fields.size(), 3u) << i;
    EXPECT_EQ(rec.fields[0], samples[i % samples.size()]) << i;
    EXPECT_EQ(rec.fields[1], std::to_string(i));
    EXPECT_EQ(rec.fields[2], samples[(i * 7 + 3) % samples.size()]) << i;
    ++i;
  }
  EXPECT_EQ(i, rows);
}

TEST(CsvWriterTest, WriteToAFullDeviceFails) {
  std::FILE* f = std::fopen("/dev/full", "w");
  if (f == nullptr) GTEST_SKIP() << "no /dev/full";
  {
    CsvWriter out(f);
    out.Row({"a", "b"});
    EXPECT_FALSE(out.Flush());
    EXPECT_THAT(out.status(), Not(IsOk()));
    // Later rows do not clear the failure.
    out.Row({"c", "d"});
    EXPECT_FALSE(out.Flush());
    EXPECT_THAT(out.status(), Not(IsOk()));
  }
  std::fclose(f);
}

TEST(CsvWriterTest, LargeOutputToAFullDeviceFailsWithoutAnExplicitFlush) {
  std::FILE* f = std::fopen("/dev/full", "w");
  if (f == nullptr) GTEST_SKIP() << "no /dev/full";
  {
    CsvWriter out(f);
    // Well past the writer's own buffer, so it writes on its own.
    const std::string cell(1000, 'x');
    for (int i = 0; i < 500; ++i) out.Row({cell, cell});
    EXPECT_THAT(out.status(), Not(IsOk()));
  }
  std::fclose(f);
}

TEST(CsvWriterTest, WriteToAReadOnlyStreamFails) {
  std::FILE* f = std::fopen("/dev/null", "r");
  ASSERT_NE(f, nullptr);
  {
    CsvWriter out(f);
    out.Row({"a"});
    EXPECT_FALSE(out.Flush());
    EXPECT_THAT(out.status(), Not(IsOk()));
  }
  std::fclose(f);
}

}  // namespace
}  // namespace mhpbr
