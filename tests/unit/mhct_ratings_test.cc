// MhctRatings (classification.md, "Input"): ratings 0-4 or not known (9),
// item 8 as one rating or as types 8A-8J (the highest known type), never
// both.

#include "mhpbr/mhct_ratings.h"

#include <array>
#include <cstdint>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "tests/unit/status_matchers.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(MhctRatingsTest, StartsAllUnknownWithNoAnswers) {
  const MhctRatings r;
  for (int i = 0; i < kItemCount; ++i) {
    EXPECT_EQ(r.rating(ItemAt(i)), kNotKnown);
    EXPECT_FALSE(r.known(ItemAt(i)));
  }
  EXPECT_EQ(r.known_count(), 0);
  EXPECT_EQ(r.organic(), Answer::kUnknown);
  EXPECT_EQ(r.psychosis(), Answer::kUnknown);
  EXPECT_FALSE(r.allocated().has_value());
  EXPECT_EQ(kNotKnown, 9);
}

TEST(MhctRatingsTest, SetAcceptsZeroToFourAndNine) {
  for (int i = 0; i < kItemCount; ++i) {
    for (int v : {0, 1, 2, 3, 4, 9}) {
      MhctRatings r;
      ASSERT_THAT(r.Set(ItemAt(i), v), IsOk()) << i << " " << v;
      EXPECT_EQ(r.rating(ItemAt(i)), v);
      EXPECT_EQ(r.known(ItemAt(i)), v != 9);
      EXPECT_EQ(r.row_ratings()[i], v);
    }
  }
}

// SetRows leaves what Set() of each row in turn leaves: the ratings, and
// item 8's form (plain when rated, none when not known, so that types may
// follow).
TEST(MhctRatingsTest, SetRowsIsSetOfEveryRow) {
  std::array<uint8_t, kItemCount> rows = {0, 1, 2, 3, 4, 9, 0, 3, 9,
                                          1, 1, 2, 2, 4, 4, 9, 0, 1};
  MhctRatings all, each;
  ASSERT_TRUE(all.SetRows(rows));
  for (int i = 0; i < kItemCount; ++i) {
    ASSERT_THAT(each.Set(ItemAt(i), rows[i]), IsOk());
  }
  EXPECT_EQ(all.row_ratings(), each.row_ratings());
  EXPECT_EQ(all.known_count(), 15);  // 18 rows, three not known
  // Item 8 rated 3 in the plain form: a type now clashes.
  EXPECT_FALSE(all.SetItem8Type(Item8Type::kAnxiety, 2).ok());

  rows[ItemIndex(Item::kOtherProblems)] = kNotKnown;
  MhctRatings unknown8;
  ASSERT_TRUE(unknown8.SetRows(rows));
  ASSERT_THAT(unknown8.SetItem8Type(Item8Type::kAnxiety, 2), IsOk());
  EXPECT_EQ(unknown8.rating(Item::kOtherProblems), 2);
  // Types given first, or a value out of range: refused, nothing changed.
  EXPECT_FALSE(unknown8.SetRows(rows));
  rows[0] = 7;
  MhctRatings bad;
  EXPECT_FALSE(bad.SetRows(rows));
  EXPECT_EQ(bad.known_count(), 0);
}

TEST(MhctRatingsTest, SetRejectsOtherValuesNamingTheItem) {
  for (int v : {-1, 5, 8, 10, 255, 256 + 2, -256}) {
    MhctRatings r;
    ASSERT_THAT(r.Set(Item::kDepressedMood, 2), IsOk());
    EXPECT_THAT(
        r.Set(Item::kDepressedMood, v),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 AllOf(HasSubstr("item 7"), HasSubstr(std::to_string(v)))))
        << v;
    // A refused rating leaves the old one.
    EXPECT_EQ(r.rating(Item::kDepressedMood), 2);
  }
  MhctRatings r;
  EXPECT_THAT(r.Set(Item::kEngagement, 5),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("D")));
  EXPECT_THAT(r.SetItem8Type(Item8Type::kObsessiveCompulsive, 7),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("8C")));
  EXPECT_EQ(r.rating(Item::kEngagement), kNotKnown);
  EXPECT_EQ(r.rating(Item::kOtherProblems), kNotKnown);
}

TEST(MhctRatingsTest, Item8IsTheHighestKnownType) {
  MhctRatings r;
  ASSERT_THAT(r.SetItem8Type(Item8Type::kPhobic, 1), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 1);
  ASSERT_THAT(r.SetItem8Type(Item8Type::kEating, 3), IsOk());
  ASSERT_THAT(r.SetItem8Type(Item8Type::kSleep, 9), IsOk());
  ASSERT_THAT(r.SetItem8Type(Item8Type::kOther, 2), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 3);
  EXPECT_EQ(r.item8_type(Item8Type::kPhobic), 1);
  EXPECT_EQ(r.item8_type(Item8Type::kEating), 3);
  EXPECT_EQ(r.item8_type(Item8Type::kSleep), kNotKnown);
  EXPECT_EQ(r.item8_type(Item8Type::kAnxiety), kNotKnown);
  // Item 8 counts once however many types are rated.
  EXPECT_EQ(r.known_count(), 1);
}

TEST(MhctRatingsTest, TypeRatedZeroMakesItem8KnownZero) {
  MhctRatings r;
  ASSERT_THAT(r.SetItem8Type(Item8Type::kSexual, 0), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 0);
  EXPECT_TRUE(r.known(Item::kOtherProblems));
}

TEST(MhctRatingsTest, AllTypesUnknownLeavesItem8Unknown) {
  MhctRatings r;
  for (int t = 0; t < kItem8TypeCount; ++t) {
    ASSERT_THAT(r.SetItem8Type(static_cast<Item8Type>(t), 9), IsOk());
  }
  EXPECT_EQ(r.rating(Item::kOtherProblems), kNotKnown);
  EXPECT_FALSE(r.known(Item::kOtherProblems));
  EXPECT_EQ(r.known_count(), 0);
}

TEST(MhctRatingsTest, ReRatingATypeLowerLowersItem8) {
  MhctRatings r;
  ASSERT_THAT(r.SetItem8Type(Item8Type::kAnxiety, 4), IsOk());
  ASSERT_THAT(r.SetItem8Type(Item8Type::kObsessiveCompulsive, 2), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 4);
  ASSERT_THAT(r.SetItem8Type(Item8Type::kAnxiety, 1), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 2);
  ASSERT_THAT(r.SetItem8Type(Item8Type::kObsessiveCompulsive, 9), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 1);
  ASSERT_THAT(r.SetItem8Type(Item8Type::kAnxiety, 9), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), kNotKnown);
}

TEST(MhctRatingsTest, BothFormsOfItem8AreAnErrorInEitherOrder) {
  {
    MhctRatings r;
    ASSERT_THAT(r.Set(Item::kOtherProblems, 2), IsOk());
    EXPECT_THAT(
        r.SetItem8Type(Item8Type::kStress, 3),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("item 8")));
    EXPECT_EQ(r.rating(Item::kOtherProblems), 2);
    EXPECT_EQ(r.item8_type(Item8Type::kStress), kNotKnown);
  }
  {
    MhctRatings r;
    ASSERT_THAT(r.SetItem8Type(Item8Type::kStress, 3), IsOk());
    EXPECT_THAT(
        r.Set(Item::kOtherProblems, 1),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("item 8")));
    EXPECT_EQ(r.rating(Item::kOtherProblems), 3);
  }
}

TEST(MhctRatingsTest, Item8NotKnownAsOneRatingGoesWithTypesEitherWay) {
  {
    MhctRatings r;
    ASSERT_THAT(r.Set(Item::kOtherProblems, kNotKnown), IsOk());
    ASSERT_THAT(r.SetItem8Type(Item8Type::kStress, 3), IsOk());
    EXPECT_EQ(r.rating(Item::kOtherProblems), 3);
  }
  {
    MhctRatings r;
    ASSERT_THAT(r.SetItem8Type(Item8Type::kStress, 3), IsOk());
    ASSERT_THAT(r.Set(Item::kOtherProblems, kNotKnown), IsOk());
    // The types still decide item 8.
    EXPECT_EQ(r.rating(Item::kOtherProblems), 3);
    EXPECT_EQ(r.item8_type(Item8Type::kStress), 3);
  }
  {
    // A plain rating taken back to not known frees item 8 for types.
    MhctRatings r;
    ASSERT_THAT(r.Set(Item::kOtherProblems, 2), IsOk());
    ASSERT_THAT(r.Set(Item::kOtherProblems, kNotKnown), IsOk());
    EXPECT_FALSE(r.known(Item::kOtherProblems));
    ASSERT_THAT(r.SetItem8Type(Item8Type::kAnxiety, 1), IsOk());
    EXPECT_EQ(r.rating(Item::kOtherProblems), 1);
  }
}

TEST(MhctRatingsTest, PlainItem8MayBeReRated) {
  MhctRatings r;
  ASSERT_THAT(r.Set(Item::kOtherProblems, 4), IsOk());
  ASSERT_THAT(r.Set(Item::kOtherProblems, 1), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 1);
  // In the plain form every type reads as not known.
  for (int t = 0; t < kItem8TypeCount; ++t) {
    EXPECT_EQ(r.item8_type(static_cast<Item8Type>(t)), kNotKnown);
  }
}

TEST(MhctRatingsTest, ARefusedRatingDoesNotFixItem8sForm) {
  MhctRatings r;
  EXPECT_FALSE(r.Set(Item::kOtherProblems, 6).ok());
  // The plain form was never given, so types are still allowed.
  EXPECT_THAT(r.SetItem8Type(Item8Type::kEating, 2), IsOk());
  EXPECT_EQ(r.rating(Item::kOtherProblems), 2);

  MhctRatings s;
  EXPECT_FALSE(s.SetItem8Type(Item8Type::kEating, 6).ok());
  EXPECT_THAT(s.Set(Item::kOtherProblems, 3), IsOk());
  EXPECT_EQ(s.rating(Item::kOtherProblems), 3);
}

TEST(MhctRatingsTest, KnownCountCountsKnownRows) {
  MhctRatings r;
  ASSERT_THAT(r.Set(Item::kAggression, 0), IsOk());
  ASSERT_THAT(r.Set(Item::kVulnerability, 4), IsOk());
  ASSERT_THAT(r.Set(Item::kCognitive, 9), IsOk());
  ASSERT_THAT(r.SetItem8Type(Item8Type::kPhobic, 2), IsOk());
  ASSERT_THAT(r.SetItem8Type(Item8Type::kAnxiety, 3), IsOk());
  EXPECT_EQ(r.known_count(), 3);
  ASSERT_THAT(r.Set(Item::kAggression, 9), IsOk());  // back to not known
  EXPECT_EQ(r.known_count(), 2);
  for (int i = 0; i < kItemCount; ++i) {
    if (ItemAt(i) == Item::kOtherProblems) continue;
    ASSERT_THAT(r.Set(ItemAt(i), i % 5), IsOk());
  }
  EXPECT_EQ(r.known_count(), kItemCount);
}

TEST(MhctRatingsTest, AnswersAndAllocation) {
  MhctRatings r;
  r.set_organic(Answer::kNo);
  r.set_psychosis(Answer::kYes);
  r.set_allocated(*Cluster::FromCode(14));
  EXPECT_EQ(r.organic(), Answer::kNo);
  EXPECT_EQ(r.psychosis(), Answer::kYes);
  ASSERT_TRUE(r.allocated().has_value());
  EXPECT_EQ(r.allocated()->code(), 14);
  r.set_allocated(Cluster::Variance());
  ASSERT_TRUE(r.allocated().has_value());
  EXPECT_TRUE(r.allocated()->is_variance());
  r.set_allocated(std::nullopt);
  EXPECT_FALSE(r.allocated().has_value());
}

}  // namespace
}  // namespace mhpbr
