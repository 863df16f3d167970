// Item codes as items.csv writes them (1-13, 8A-8J, A-E) and ItemSet, the
// row-ordered sets that red_items and fitting_items are.

#include "mhpbr/item.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/item_set.h"
#include "tests/unit/status_matchers.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* const kRowCodes[kItemCount] = {"1",  "2", "3", "4",  "5",  "6",
                                           "7",  "8", "9", "10", "11", "12",
                                           "13", "A", "B", "C",  "D",  "E"};

TEST(ItemTest, CodesInProfileRowOrder) {
  for (int i = 0; i < kItemCount; ++i) {
    EXPECT_EQ(ItemCode(ItemAt(i)), kRowCodes[i]);
    EXPECT_EQ(ItemIndex(ItemAt(i)), i);
  }
  EXPECT_EQ(ItemCode(Item::kDepressedMood), "7");
  EXPECT_EQ(ItemCode(Item::kOtherProblems), "8");
  EXPECT_EQ(ItemCode(Item::kOvervaluedIdeas), "13");
  EXPECT_EQ(ItemCode(Item::kAgitation), "A");
  EXPECT_EQ(ItemCode(Item::kEngagement), "D");
}

TEST(ItemTest, ParseItemCodeRoundTripsIncludingLowerCase) {
  for (int i = 0; i < kItemCount; ++i) {
    const Item item = ItemAt(i);
    auto parsed = ParseItemCode(ItemCode(item));
    ASSERT_THAT(parsed, IsOk()) << kRowCodes[i];
    EXPECT_EQ(*parsed, item);
    const std::string lower = absl::AsciiStrToLower(ItemCode(item));
    auto parsed_lower = ParseItemCode(lower);
    ASSERT_THAT(parsed_lower, IsOk()) << lower;
    EXPECT_EQ(*parsed_lower, item);
  }
}

TEST(ItemTest, ParseItemCodeRejectsOthers) {
  for (const char* code :
       {"0", "14", "F", "8A", "", " 1", "1 ", "01", "AA", "-1", "e1"}) {
    EXPECT_THAT(ParseItemCode(code),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(code)))
        << "'" << code << "'";
  }
}

TEST(ItemTest, Item8TypeCodesRoundTrip) {
  const char* const kTypes[kItem8TypeCount] = {"8A", "8B", "8C", "8D", "8E",
                                               "8F", "8G", "8H", "8I", "8J"};
  for (int t = 0; t < kItem8TypeCount; ++t) {
    const Item8Type type = static_cast<Item8Type>(t);
    EXPECT_EQ(Item8TypeCode(type), kTypes[t]);
    auto parsed = ParseItem8TypeCode(kTypes[t]);
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, type);
    auto lower = ParseItem8TypeCode(absl::AsciiStrToLower(kTypes[t]));
    ASSERT_THAT(lower, IsOk());
    EXPECT_EQ(*lower, type);
  }
  for (const char* code : {"8", "8K", "A", "", "88"}) {
    EXPECT_THAT(ParseItem8TypeCode(code),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << "'" << code << "'";
  }
}

TEST(ItemSetTest, KeepsProfileRowOrderWhateverTheInsertionOrder) {
  ItemSet s;
  EXPECT_TRUE(s.empty());
  s.Add(Item::kEngagement);
  s.Add(Item::kOvervaluedIdeas);
  s.Add(Item::kHallucinations);
  EXPECT_FALSE(s.empty());
  EXPECT_EQ(s.size(), 3);
  EXPECT_EQ(s.ToString(), "6;13;D");
  EXPECT_EQ(s.ToString(','), "6,13,D");
  EXPECT_THAT(s.items(),
              ElementsAre(Item::kHallucinations, Item::kOvervaluedIdeas,
                          Item::kEngagement));
  EXPECT_TRUE(s.Contains(Item::kOvervaluedIdeas));
  EXPECT_FALSE(s.Contains(Item::kDepressedMood));
  s.Add(Item::kEngagement);  // twice is once
  EXPECT_EQ(s.size(), 3);
}

TEST(ItemSetTest, FromBitsIgnoresBitsAboveTheRows) {
  const ItemSet all = ItemSet::FromBits(0xFFFFFFFFu);
  EXPECT_EQ(all.size(), kItemCount);
  EXPECT_EQ(all.ToString(), "1;2;3;4;5;6;7;8;9;10;11;12;13;A;B;C;D;E");
  EXPECT_EQ(ItemSet::FromBits(1u << kItemCount), ItemSet());
  EXPECT_EQ(ItemSet::FromBits(1u).ToString(), "1");
  EXPECT_EQ(ItemSet::FromBits(1u << 17).ToString(), "E");
  EXPECT_EQ(ItemSet().ToString(), "");
  EXPECT_TRUE(ItemSet().items().empty());
}

}  // namespace
}  // namespace mhpbr
