// AppendCsvRow (cli/csv_table.cc): a row joined as it is when no cell needs
// quotes, and otherwise exactly as CsvWriter writes it, wherever the comma,
// quote, CR or LF falls in the row (it is looked for eight bytes at a time).

#include "csv_table.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "mhpbr/csv_writer.h"

namespace mhpbr::cli {
namespace {

// The row as CsvWriter writes it, field by field.
std::string Written(const std::vector<absl::string_view>& cells) {
  std::string text;
  {
    CsvWriter out(&text);
    for (absl::string_view cell : cells) out.Field(cell);
    out.EndRow();
  }
  return text;
}

std::string Appended(const std::vector<absl::string_view>& cells) {
  std::string text = "before\n";
  AppendCsvRow(cells, &text);
  return text.substr(7);
}

TEST(AppendCsvRowTest, PlainRowsAreJoined) {
  EXPECT_EQ(Appended({"a", "2024-01", "1.5000", "", "y"}),
            "a,2024-01,1.5000,,y\n");
  EXPECT_EQ(Appended({"only"}), "only\n");
  EXPECT_EQ(Appended({""}), "\n");
  EXPECT_EQ(Appended({}), "\n");
  EXPECT_EQ(Appended({"", ""}), ",\n");
}

TEST(AppendCsvRowTest, QuotedAsCsvWriterQuotesWhereverTheByteFalls) {
  // Rows of three cells, the middle one 0 to 17 bytes long with one of the
  // four bytes at each place, and the first 0 to 8 bytes long so the byte
  // falls at every place within an eight-byte word.
  for (size_t lead = 0; lead <= 8; ++lead) {
    const std::string first(lead, 'f');
    for (size_t n = 0; n <= 17; ++n) {
      const std::string plain(n, 'm');
      const std::vector<absl::string_view> row = {first, plain, "z"};
      EXPECT_EQ(Appended(row), Written(row)) << lead << " " << n;
      for (size_t at = 0; at < n; ++at) {
        for (char c : {',', '"', '\r', '\n'}) {
          std::string middle = plain;
          middle[at] = c;
          const std::vector<absl::string_view> quoted = {first, middle, "z"};
          const std::string want = Written(quoted);
          ASSERT_NE(want, first + "," + middle + ",z\n");
          EXPECT_EQ(Appended(quoted), want)
              << lead << " " << n << " " << at << " " << int{c};
        }
      }
    }
  }
  EXPECT_EQ(Appended({"say \"hi\"", "1"}), "\"say \"\"hi\"\"\",1\n");
}

}  // namespace
}  // namespace mhpbr::cli

namespace mhpbr::cli {
namespace {

// CaptureCsv keeps each cell as written, with no quoting to undo: a comma,
// a quote, a line break and an empty cell come back as they went in, and
// an integer as its digits.
TEST(CaptureCsvTest, CellsAsWritten) {
  const absl::StatusOr<ReportTable> t = CaptureCsv("t.csv", [](CsvWriter& out) {
    out.Row({"key", "value"});
    out.Field("a,b");
    out.Field(int64_t{-12});
    out.EndRow();
    out.Field("say \"hi\"\nthen");
    out.Field("");
    out.EndRow();
  });
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->name, "t.csv");
  EXPECT_EQ(t->columns, (std::vector<std::string>{"key", "value"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"a,b", "-12"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"say \"hi\"\nthen", ""}));
}

TEST(CaptureCsvTest, NothingWrittenIsAnEmptyTable) {
  const absl::StatusOr<ReportTable> t = CaptureCsv("e.csv", [](CsvWriter&) {});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->columns.empty());
  EXPECT_TRUE(t->rows.empty());
}

// A row with a cell too few would shift figures under the wrong column.
TEST(CaptureCsvTest, ARaggedRowIsAnError) {
  const absl::StatusOr<ReportTable> t = CaptureCsv("r.csv", [](CsvWriter& out) {
    out.Row({"a", "b"});
    out.Row({"1"});
  });
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "r.csv: row 1 has 1 cells for 2 columns");
}

// Whole rows are bytes, not cells: refused rather than lost.
TEST(CaptureCsvTest, WholeRowsAreRefused) {
  const absl::StatusOr<ReportTable> t = CaptureCsv("w.csv", [](CsvWriter& out) {
    out.Row({"a"});
    out.Rows("1\n2\n");
  });
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "w.csv: whole rows cannot be kept as cells");
}

}  // namespace
}  // namespace mhpbr::cli
