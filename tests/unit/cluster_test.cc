// Cluster codes (classification.md: 0-8 and 10-21; 9 and anything outside
// 0-21 are errors) and the dense indices tables use.

#include "mhpbr/cluster.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/status_matchers.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ClusterTest, FromCodeAcceptsZeroToEightAndTenToTwentyOne) {
  for (int code = 0; code <= 21; ++code) {
    if (code == 9) continue;
    auto c = Cluster::FromCode(code);
    ASSERT_THAT(c, IsOk()) << code;
    EXPECT_EQ(c->code(), code);
    EXPECT_TRUE(Cluster::IsValidCode(code));
    EXPECT_EQ(c->is_variance(), code == 0);
    EXPECT_EQ(c->ToString(), std::to_string(code));
  }
}

TEST(ClusterTest, FromCodeRejectsNineNegativesAndAboveTwentyOne) {
  for (int code : {9, -1, 22, 100, -128, 127, 256 + 3}) {
    EXPECT_THAT(Cluster::FromCode(code),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(std::to_string(code))))
        << code;
    EXPECT_FALSE(Cluster::IsValidCode(code)) << code;
  }
}

TEST(ClusterTest, DefaultIsVariance) {
  EXPECT_EQ(Cluster().code(), 0);
  EXPECT_TRUE(Cluster().is_variance());
  EXPECT_EQ(Cluster::Variance(), Cluster());
}

TEST(ClusterTest, ParseAcceptsOneAndTwoDigitCodes) {
  for (int code = 0; code <= 21; ++code) {
    if (code == 9) continue;
    auto c = Cluster::Parse(std::to_string(code));
    ASSERT_THAT(c, IsOk()) << code;
    EXPECT_EQ(c->code(), code);
  }
  // Two digits as MHSDS writes them.
  EXPECT_EQ(Cluster::Parse("03")->code(), 3);
  EXPECT_EQ(Cluster::Parse("00")->code(), 0);
  EXPECT_EQ(Cluster::Parse("08")->code(), 8);
}

TEST(ClusterTest, ParseRejectsBadText) {
  for (const char* text : {"9", "09", "", "1a", " 3", "3 ", "100", "22", "-1",
                           "+3", "a", "021", "1.0"}) {
    EXPECT_THAT(Cluster::Parse(text),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << "'" << text << "'";
  }
}

TEST(ClusterTest, IndexRoundTrips) {
  std::set<int> indices;
  for (int code = 0; code <= 21; ++code) {
    if (code == 9) continue;
    const Cluster c = *Cluster::FromCode(code);
    // Dense: 0-8 keep their code, 10-21 move down one.
    EXPECT_EQ(c.index(), code < 9 ? code : code - 1);
    EXPECT_EQ(Cluster::FromIndex(c.index()), c);
    indices.insert(c.index());
    if (!c.is_variance()) {
      EXPECT_EQ(c.profile_index(), c.index() - 1);
      EXPECT_EQ(Cluster::FromProfileIndex(c.profile_index()), c);
    }
  }
  EXPECT_EQ(indices.size(), static_cast<size_t>(Cluster::kCount));
  EXPECT_EQ(*indices.begin(), 0);
  EXPECT_EQ(*indices.rbegin(), Cluster::kCount - 1);
  EXPECT_EQ(Cluster::FromProfileIndex(0).code(), 1);
  EXPECT_EQ(Cluster::FromProfileIndex(7).code(), 8);
  EXPECT_EQ(Cluster::FromProfileIndex(8).code(), 10);
  EXPECT_EQ(Cluster::FromProfileIndex(Cluster::kProfiled - 1).code(), 21);
}

TEST(ClusterTest, OrdersByCode) {
  EXPECT_LT(*Cluster::FromCode(8), *Cluster::FromCode(10));
  EXPECT_LT(*Cluster::FromCode(0), *Cluster::FromCode(1));
  EXPECT_NE(*Cluster::FromCode(3), *Cluster::FromCode(4));
}

TEST(ClusterTest, SuperclassNames) {
  EXPECT_EQ(SuperclassName(Superclass::kVariance), "variance");
  EXPECT_EQ(SuperclassName(Superclass::kNonPsychotic), "non-psychotic");
  EXPECT_EQ(SuperclassName(Superclass::kPsychotic), "psychotic");
  EXPECT_EQ(SuperclassName(Superclass::kOrganic), "organic");
}

}  // namespace
}  // namespace mhpbr
