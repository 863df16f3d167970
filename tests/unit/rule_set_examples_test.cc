// Every rule set's own worked examples classify to their own cluster
// (classification.md, "Worked examples"), run data-driven over both the
// default rule set and the frozen test rule set, in the manner of
// libphonenumber's example-number test. Also: the spec's examples.csv
// classifies the same way, and the default rule set is the content of the
// spec's tables.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/classifier.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::FrozenRules;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::Ratings;
using ::mhpbr::testing::SpecExamples;

struct RuleSource {
  std::string name;
  absl::StatusOr<std::shared_ptr<const RuleSet>> (*load)();
};

absl::StatusOr<std::shared_ptr<const RuleSet>> LoadFrozen() {
  return FrozenRules();
}

class RuleSetExamplesTest : public ::testing::TestWithParam<RuleSource> {
 protected:
  void SetUp() override {
    auto rules = GetParam().load();
    ASSERT_THAT(rules, IsOk());
    rules_ = *rules;
  }
  std::shared_ptr<const RuleSet> rules_;
};

MhctRatings FromExample(const RuleSetExample& ex) {
  MhctRatings r;
  for (int i = 0; i < kItemCount; ++i) {
    EXPECT_THAT(r.Set(ItemAt(i), ex.ratings[i]), IsOk());
  }
  return r;
}

TEST_P(RuleSetExamplesTest, EveryExampleClassifiesToItsOwnCluster) {
  const Classifier classifier(rules_);
  ASSERT_FALSE(rules_->examples().empty());
  for (const RuleSetExample& ex : rules_->examples()) {
    SCOPED_TRACE("example of cluster " + ex.cluster.ToString());
    const Classification c = classifier.Classify(FromExample(ex));
    EXPECT_EQ(c.reason, VarianceReason::kNone);
    EXPECT_EQ(c.suggested, ex.cluster);
    EXPECT_TRUE(c.suggested_fit_milli.has_value());
    // Its own cluster's red rule holds, so an allocation to it is not red.
    EXPECT_FALSE(classifier.CheckAllocation(FromExample(ex), ex.cluster).red);
  }
}

TEST_P(RuleSetExamplesTest, OneExamplePerProfiledCluster) {
  std::map<int, int> count;
  for (const RuleSetExample& ex : rules_->examples()) {
    ++count[ex.cluster.code()];
  }
  std::map<int, int> expected;
  for (int code = 1; code <= 21; ++code) {
    if (code != 9) expected[code] = 1;
  }
  EXPECT_EQ(count, expected);
}

// The same examples with item 8 given as one type rating (the item's rating
// is the highest type rating, here the only one) classify the same way.
TEST_P(RuleSetExamplesTest, ExamplesWithItem8AsATypeClassifyTheSame) {
  const Classifier classifier(rules_);
  for (const RuleSetExample& ex : rules_->examples()) {
    SCOPED_TRACE("example of cluster " + ex.cluster.ToString());
    MhctRatings r;
    for (int i = 0; i < kItemCount; ++i) {
      const Item item = ItemAt(i);
      if (item == Item::kOtherProblems) {
        ASSERT_THAT(r.SetItem8Type(Item8Type::kSleep, ex.ratings[i]), IsOk());
        ASSERT_THAT(r.SetItem8Type(Item8Type::kPhobic, 0), IsOk());
      } else {
        ASSERT_THAT(r.Set(item, ex.ratings[i]), IsOk());
      }
    }
    EXPECT_EQ(classifier.Classify(r).suggested, ex.cluster);
  }
}

// examples.csv itself: "with no clinician answers, each must be suggested
// as its own cluster".
TEST_P(RuleSetExamplesTest, SpecExamplesTableClassifiesToOwnCluster) {
  const Classifier classifier(rules_);
  for (const auto& ex : SpecExamples()) {
    SCOPED_TRACE("examples.csv row for cluster " + std::to_string(ex.cluster));
    EXPECT_EQ(classifier.Classify(Ratings(ex.ratings)).suggested.code(),
              ex.cluster);
  }
}

INSTANTIATE_TEST_SUITE_P(BothRuleSets, RuleSetExamplesTest,
                         ::testing::Values(RuleSource{"default",
                                                      &DefaultRuleSet},
                                           RuleSource{"frozen", &LoadFrozen}),
                         [](const ::testing::TestParamInfo<RuleSource>& info) {
                           return info.param.name;
                         });

// "The default rule set is the content of this folder": profiles.csv,
// clusters.csv, examples.csv and the weights and minimum of
// classification.md.
constexpr const char* kSpecProfiles[kItemCount] = {
    // item: c1..c8, c10..c21
    "ELUUU,ELUUU,ELLUU,ELLLU,LLLLL,ELUUU,ELUUU,LLEEE,ELUUU,EUUUU,ELUUU,LLLLL,"
    "LLEEE,ELUUU,LLLLL,LLEEL,ELUUU,ELLLU,ULEEE,ELUUU",
    "ELUUU,ELUUU,ELLUU,ELLLU,LLEEE,ELUUU,ELUUU,LLEEE,ELUUU,ELUUU,ELUUU,ELUUU,"
    "ELLLL,LLLLL,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU",
    "ELUUU,ELUUU,ELLLU,ELLLU,ELLLL,ELUUU,ELUUU,LLEEE,ELUUU,ELUUU,ELUUU,ELUUU,"
    "ELUUU,ELUUU,UUMMM,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU",
    "ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,"
    "ELUUU,ELUUU,ELUUU,ELUUU,UMMUU,UUMMM,UUMMM,UMMMM",
    "EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,"
    "EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,EELLU,ULEEE",
    "MMUUU,MMUUU,MMUUU,MMUUU,MMUUU,MMUUU,MMUUU,MMUUU,UMMMM,MMMUU,MMMUU,UUMMM,"
    "UUMMM,UMMMM,UMMMM,UMMMM,ELLLU,ELLLU,LLLLL,ELLLU",
    "LEEUU,LLEEU,ULEEL,UULEE,UUMMM,LLEEL,LLEEL,LEEEL,ELLLU,EELUU,LEEUU,LEEUU,"
    "LEEUU,UUUMM,LEEUU,LLLLL,LEEUU,LLLLU,LLLLL,LEEUU",
    "LEEUU,LLEEU,ULEEL,UULEE,LLLEE,ULEEE,LLEEL,LEEEL,ELLLU,EELUU,LEEUU,LEEUU,"
    "LEEUU,LEEUU,LEEUU,LEEUU,LEEUU,LLLLU,LLEEL,LEEUU",
    "EELUU,EELLU,LEELU,LLEEL,ULEEE,LLEEL,ULEEE,UUMMM,LEELU,EELUU,LLEEL,ULEEE,"
    "LLEEE,EELUU,LLEEL,LLEEL,EELUU,LEELU,LLEEE,EELUU",
    "ELUUU,ELUUU,ELLUU,LELLU,LLEEL,LLEEL,UUMMM,ELUUU,LEELU,EELUU,UUMMM,ULEEE,"
    "LLEEL,LLEEL,ELUUU,ELUUU,EELUU,LEELU,ULEEE,LLLEE",
    "ELLUU,ELLUU,ELLUU,ELLLU,LLLLL,ELLUU,LLEEL,LLEEL,ELLUU,ELLUU,LLEEL,LLEEL,"
    "ELLUU,ELLUU,LLEEL,ELLUU,ELLUU,ELLUU,LLEEL,ELLUU",
    "EELUU,EELLU,LEELU,LLEEL,ULEEE,LLEEL,UUEEE,LLEEL,LEELU,EELUU,UUEEE,ULEEE,"
    "EELUU,LLEEL,EELUU,EELUU,EELLU,EELUU,EELUU,EELUU",
    "ELUUU,ELUUU,ELUUU,ELUUU,ELLLU,UUMMM,ELUUU,ELUUU,ELLUU,ELLUU,ELLUU,ELLUU,"
    "ELLUU,ELLUU,ELLUU,ELLUU,ELUUU,ELUUU,ELUUU,ELUUU",
    "ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELLLU,ELLLU,ELLLU,ELLLU,"
    "LLEEE,ELLLU,ELLLU,LLEEE,ELUUU,ELUUU,ELUUU,ELUUU",
    "ELUUU,ELLUU,ELUUU,ELLLU,LLEEE,ELUUU,ELUUU,ULEEE,ELUUU,ELUUU,ELUUU,ELUUU,"
    "ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU",
    "ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLLL,ELLUU,ELLUU,ELLUU,ELLUU,"
    "ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLUU,ELLUU",
    "ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELUUU,ELLLU,LLEEE,ELUUU,ELUUU,LEELU,LEELL,"
    "ELUUU,ELUUU,LLEEE,UUMMM,ELUUU,ELUUU,ELUUU,LLLLL",
    "ELUUU,ELLUU,ELUUU,LELLU,LLEEE,LLEEL,LLEEL,LLEEE,ELUUU,ELUUU,ELUUU,LLEEL,"
    "LLEEE,LLEEE,LLEEL,LLEEL,ELUUU,LLEEU,ULEEE,LLEEE",
};

char BandLetter(Band b) {
  switch (b) {
    case Band::kMust:
      return 'M';
    case Band::kExpected:
      return 'E';
    case Band::kLikely:
      return 'L';
    case Band::kUnlikely:
      return 'U';
  }
  return '?';
}

TEST(DefaultRuleSetTest, ProfilesAreTheSpecTable) {
  auto rules = DefaultRuleSet();
  ASSERT_THAT(rules, IsOk());
  for (int i = 0; i < kItemCount; ++i) {
    const std::vector<std::string> cells =
        absl::StrSplit(kSpecProfiles[i], ',');
    ASSERT_EQ(cells.size(), 20u);
    for (int k = 0; k < Cluster::kProfiled; ++k) {
      const Cluster c = Cluster::FromProfileIndex(k);
      std::string got;
      bool any_must = false;
      for (int rating = 0; rating < kRatingCount; ++rating) {
        got.push_back(BandLetter((*rules)->band(c, ItemAt(i), rating)));
        any_must |= got.back() == 'M';
      }
      EXPECT_EQ(got, cells[k])
          << "cluster " << c.code() << " item " << ItemCode(ItemAt(i));
      EXPECT_EQ((*rules)->has_must(c, ItemAt(i)), any_must);
    }
  }
}

TEST(DefaultRuleSetTest, ClustersWeightsAndMinimumAreTheSpec) {
  auto rules = DefaultRuleSet();
  ASSERT_THAT(rules, IsOk());
  const RuleSet& rs = **rules;
  // clusters.csv: superclass, max_review.
  struct Row {
    int code;
    Superclass superclass;
    int review;
    ReviewPeriod::Unit unit;
  };
  using U = ReviewPeriod::Unit;
  const Superclass kN = Superclass::kNonPsychotic, kP = Superclass::kPsychotic,
                   kO = Superclass::kOrganic;
  const Row kRows[] = {
      {0, Superclass::kVariance, 6, U::kMonths},
      {1, kN, 12, U::kWeeks},
      {2, kN, 15, U::kWeeks},
      {3, kN, 6, U::kMonths},
      {4, kN, 6, U::kMonths},
      {5, kN, 6, U::kMonths},
      {6, kN, 6, U::kMonths},
      {7, kN, 12, U::kMonths},
      {8, kN, 12, U::kMonths},
      {10, kP, 12, U::kMonths},
      {11, kP, 12, U::kMonths},
      {12, kP, 12, U::kMonths},
      {13, kP, 12, U::kMonths},
      {14, kP, 4, U::kWeeks},
      {15, kP, 4, U::kWeeks},
      {16, kP, 6, U::kMonths},
      {17, kP, 6, U::kMonths},
      {18, kO, 12, U::kMonths},
      {19, kO, 6, U::kMonths},
      {20, kO, 6, U::kMonths},
      {21, kO, 6, U::kMonths},
  };
  ASSERT_EQ(rs.clusters().size(), 21u);
  for (const Row& row : kRows) {
    const ClusterInfo& info = rs.cluster(testing::C(row.code));
    EXPECT_EQ(info.cluster.code(), row.code);
    EXPECT_EQ(info.superclass, row.superclass) << "cluster " << row.code;
    EXPECT_EQ(info.max_review.count, row.review) << "cluster " << row.code;
    EXPECT_EQ(info.max_review.unit, row.unit) << "cluster " << row.code;
  }
  EXPECT_EQ(rs.weight_milli(Band::kMust), 3 * kFitScale);
  EXPECT_EQ(rs.weight_milli(Band::kExpected), 2 * kFitScale);
  EXPECT_EQ(rs.weight_milli(Band::kLikely), 1 * kFitScale);
  EXPECT_EQ(rs.weight_milli(Band::kUnlikely), -2 * kFitScale);
  EXPECT_EQ(rs.min_known_items(), 12);
  // Items 1-13, 8A-8J and A-E are all listed.
  std::set<std::string> codes;
  for (const ItemInfo& it : rs.items()) codes.insert(it.code);
  EXPECT_EQ(codes.size(), 28u);
  EXPECT_TRUE(codes.count("8J"));
  EXPECT_TRUE(codes.count("E"));
}

TEST(DefaultRuleSetTest, ExamplesAreTheSpecTable) {
  auto rules = DefaultRuleSet();
  ASSERT_THAT(rules, IsOk());
  ASSERT_EQ((*rules)->examples().size(), SpecExamples().size());
  for (const auto& spec : SpecExamples()) {
    bool found = false;
    for (const RuleSetExample& ex : (*rules)->examples()) {
      if (ex.cluster.code() != spec.cluster) continue;
      found = true;
      for (int i = 0; i < kItemCount; ++i) {
        EXPECT_EQ(ex.ratings[i], spec.ratings[i])
            << "cluster " << spec.cluster << " item " << ItemCode(ItemAt(i));
      }
    }
    EXPECT_TRUE(found) << "cluster " << spec.cluster;
  }
}

}  // namespace
}  // namespace mhpbr
