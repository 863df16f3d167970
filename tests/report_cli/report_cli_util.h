// Helpers for the `mhpbr report` end-to-end tests: running the tool as a
// child process, temporary paths, reading files and simple CSV, and dates.

#ifndef MHPBR_TESTS_REPORT_CLI_REPORT_CLI_UTIL_H_
#define MHPBR_TESTS_REPORT_CLI_REPORT_CLI_UTIL_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr::report_test {

using test_process::ProcessResult;
using test_process::RunProcess;
using test_process::Slurp;
using test_process::WriteFile;

// A fresh directory under the test's temporary directory (mkdtemp: a
// directory left by an earlier run with the same pid cannot collide).
inline std::string TempDir(const std::string& name) {
  std::string dir =
      absl::StrCat(::testing::TempDir(), "/mhpbr_report_", name, "_XXXXXX");
  EXPECT_NE(mkdtemp(dir.data()), nullptr) << dir;
  return dir;
}

inline bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// A CSV file without quoted fields, as the sample data and the tool's
// figures are: its header and rows of cells by column name.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (std::string& l : lines) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
  }
  return lines;
}

inline Csv ParseCsv(const std::string& text) {
  Csv csv;
  const std::vector<std::string> lines = Lines(text);
  if (lines.empty()) return csv;
  csv.header = absl::StrSplit(lines[0], ',');
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = absl::StrSplit(lines[i], ',');
    EXPECT_EQ(cells.size(), csv.header.size()) << "line " << i + 1;
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < cells.size() && c < csv.header.size(); ++c) {
      row[csv.header[c]] = cells[c];
    }
    csv.rows.push_back(std::move(row));
  }
  return csv;
}

inline Csv ReadCsv(const std::string& path) { return ParseCsv(Slurp(path)); }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
inline int64_t DayNumber(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "YYYY-MM-DD" to a day number; false when it is not a real date.
inline bool ParseDate(const std::string& s, int64_t* day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(s.substr(0, 4));
  const int m = std::stoi(s.substr(5, 2));
  const int d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
  *day = DayNumber(y, m, d);
  return true;
}

}  // namespace mhpbr::report_test

#endif  // MHPBR_TESTS_REPORT_CLI_REPORT_CLI_UTIL_H_
