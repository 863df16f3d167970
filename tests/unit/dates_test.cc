// ISO YYYY-MM-DD dates: exactly ten characters, real calendar days only.

#include "mhpbr/dates.h"

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/status_matchers.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DatesTest, ParsesRealDays) {
  auto d = ParseIsoDate("2024-02-29");  // a leap day
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(*d, absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(*ParseIsoDate("2023-04-01"), absl::CivilDay(2023, 4, 1));
  EXPECT_EQ(*ParseIsoDate("2000-02-29"), absl::CivilDay(2000, 2, 29));
  EXPECT_EQ(*ParseIsoDate("1999-12-31"), absl::CivilDay(1999, 12, 31));
  EXPECT_EQ(*ParseIsoDate("9999-12-31"), absl::CivilDay(9999, 12, 31));
  EXPECT_EQ(*ParseIsoDate("1800-01-01"), absl::CivilDay(1800, 1, 1));
}

TEST(DatesTest, RejectsImpossibleDaysRatherThanNormalising) {
  for (const char* text :
       {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-04-00",
        "1900-02-29", "2100-02-29"}) {
    EXPECT_THAT(ParseIsoDate(text),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(text)))
        << text;
  }
}

TEST(DatesTest, RejectsAnythingButTenCharacterIso) {
  for (const char* text :
       {"2023-1-01", "2023-01-1", "", "2024-02-29x", " 2024-02-29",
        "2024/02/29", "20240229", "2024-02-2a", "+024-02-29", "2024-02-29 ",
        "1799-12-31", "0000-01-01"}) {
    EXPECT_THAT(ParseIsoDate(text),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << "'" << text << "'";
  }
}

// The Status-free form agrees with ParseIsoDate on every cell above, and
// leaves the day untouched where it fails.
TEST(DatesTest, ParseIsoDateToAgreesWithParseIsoDate) {
  for (const char* text :
       {"2024-02-29", "2023-04-01", "1800-01-01", "9999-12-31", "2023-02-29",
        "2023-13-01", "2023-04-31", "1900-02-29", "2023-1-01", "",
        " 2024-02-29", "2024/02/29", "2024-02-2a", "+024-02-29",
        "1799-12-31"}) {
    absl::CivilDay day(2000, 1, 1);
    const bool ok = ParseIsoDateTo(text, &day);
    const auto want = ParseIsoDate(text);
    ASSERT_EQ(ok, want.ok()) << text;
    EXPECT_EQ(day, ok ? *want : absl::CivilDay(2000, 1, 1)) << text;
  }
}

TEST(DatesTest, FormatsWithLeadingZeros) {
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(2023, 4, 1)), "2023-04-01");
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(1999, 12, 31)), "1999-12-31");
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(1800, 1, 9)), "1800-01-09");
}

TEST(DatesTest, FormatAndParseRoundTripOverYears) {
  for (absl::CivilDay d(1999, 1, 1); d <= absl::CivilDay(2005, 12, 31); ++d) {
    auto back = ParseIsoDate(FormatIsoDate(d));
    ASSERT_THAT(back, IsOk()) << FormatIsoDate(d);
    ASSERT_EQ(*back, d);
  }
}

}  // namespace
}  // namespace mhpbr
