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
