// Excel's rules for sheet names (cli/sheet_names.h), each alone.

#include "sheet_names.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mhpbr::cli {
namespace {

using ::testing::ElementsAre;

TEST(ExcelSheetNamesTest, ValidNamesAreKept) {
  EXPECT_THAT(ExcelSheetNames({"statement", "summary", "15N"}),
              ElementsAre("statement", "summary", "15N"));
}

TEST(ExcelSheetNamesTest, ForbiddenCharactersBecomeUnderscores) {
  EXPECT_THAT(ExcelSheetNames({"a[b]c:d*e?f/g\\h"}),
              ElementsAre("a_b_c_d_e_f_g_h"));
}

TEST(ExcelSheetNamesTest, LongNamesAreCutTo31Characters) {
  // 40 letters -> the first 31.
  const std::string forty(40, 'x');
  EXPECT_THAT(ExcelSheetNames({forty}), ElementsAre(std::string(31, 'x')));
  // Characters, not bytes: 32 pound signs (2 bytes each) -> 31 of them,
  // never half of one.
  std::string pounds;
  for (int i = 0; i < 32; ++i) pounds += "\xC2\xA3";
  EXPECT_EQ(ExcelSheetNames({pounds})[0], pounds.substr(0, 62));
}

TEST(ExcelSheetNamesTest, RepeatsIgnoringCaseGetANumber) {
  EXPECT_THAT(ExcelSheetNames({"Summary", "summary", "SUMMARY"}),
              ElementsAre("Summary", "summary (2)", "SUMMARY (3)"));
  // The number fits within 31: 31 - 4 = 27 letters, then " (2)".
  const std::string long_name(31, 'y');
  EXPECT_THAT(ExcelSheetNames({long_name, long_name}),
              ElementsAre(long_name, std::string(27, 'y') + " (2)"));
}

TEST(ExcelSheetNamesTest, EmptyApostrophesAndHistory) {
  EXPECT_THAT(ExcelSheetNames({"", "'quoted'", "history"}),
              ElementsAre("Sheet", "quoted", "History_"));
}

}  // namespace
}  // namespace mhpbr::cli
