// The tool's option parser (cli/args.h): valued options once only,
// switches without values, and repeated options in the order given.

#include "args.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mhpbr::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ArgsTest, ValuedOptionGivenTwiceIsRefused) {
  absl::StatusOr<Args> a =
      Args::Parse({"--out", "a", "--out=b"}, {"out"}, {"strict"});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("--out given twice"));
}

TEST(ArgsTest, RepeatedOptionKeepsEveryValueInOrder) {
  absl::StatusOr<Args> a = Args::Parse(
      {"--scenario", "a=x,y", "--out", "o", "--scenario=b=z,w", "--strict"},
      {"out"}, {"strict"}, {"scenario"});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(a->GetAll("scenario"), ElementsAre("a=x,y", "b=z,w"));
  EXPECT_TRUE(a->Has("scenario"));
  EXPECT_EQ(a->Get("out"), "o");
  EXPECT_FALSE(a->Get("scenario").has_value());
  EXPECT_THAT(a->GetAll("out"), IsEmpty());
  EXPECT_TRUE(a->OnlyUsing({"scenario", "out", "strict"}, "x").ok());
  EXPECT_FALSE(a->OnlyUsing({"out", "strict"}, "x").ok());
}

TEST(ArgsTest, RepeatedOptionNeedsAValue) {
  absl::StatusOr<Args> a = Args::Parse({"--scenario"}, {}, {}, {"scenario"});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("--scenario needs a value"));
  a = Args::Parse({}, {}, {}, {"scenario"});
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->Has("scenario"));
  EXPECT_THAT(a->GetAll("scenario"), IsEmpty());
}

TEST(ArgsTest, UnknownOptionIsRefused) {
  absl::StatusOr<Args> a = Args::Parse({"--nope", "1"}, {"out"}, {}, {"s"});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("unknown option --nope"));
}

}  // namespace
}  // namespace mhpbr::cli
