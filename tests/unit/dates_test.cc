// ISO YYYY-MM-DD dates: exactly ten characters, real calendar days only.

#include "mhpbr/dates.h"

#include <cstdio>

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

// The digits read at once must judge every cell as reading a CivilDay and
// seeing whether it survived normalisation does: around the 1800 floor,
// leap years by 4, 100 and 400, and months and days just out of range.
TEST(ParseIsoDateTest, EveryDayJudgedAsCivilDayNormalisationWould) {
  for (int y : {0, 1799, 1800, 1900, 2000, 2023, 2024, 2100, 2400, 9999}) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        char text[48];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        const absl::CivilDay want(y, m, d);
        const bool real = y >= 1800 && want.year() == y && want.month() == m &&
                          want.day() == d;
        absl::CivilDay got(1970, 1, 1);
        EXPECT_EQ(ParseIsoDateTo(text, &got), real) << text;
        EXPECT_EQ(got, real ? want : absl::CivilDay(1970, 1, 1)) << text;
        const auto parsed = ParseIsoDate(text);
        EXPECT_EQ(parsed.ok(), real) << text;
        if (!real) {
          EXPECT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("not a real calendar date")))
              << text;
        }
      }
    }
  }
  // Not digits where digits go, or not the shape: not a date at all.
  for (const char* text : {"2024-0a-01", "2024-01-0/", "2024/01/01",
                           "+024-01-01", "2024-1-01", " 2024-01-01"}) {
    absl::CivilDay got;
    EXPECT_FALSE(ParseIsoDateTo(text, &got)) << text;
    EXPECT_THAT(ParseIsoDate(text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("is not a date (YYYY-MM-DD)")))
        << text;
  }
}

}  // namespace
}  // namespace mhpbr
