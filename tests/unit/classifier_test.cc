// The classifier against classification.md, on the frozen test rule set
// (whose profile is the spec's profiles.csv). Every expected fit below was
// worked by hand from that table with M = +3, E = +2, L = +1, U = -2; the
// working is in the comments, one term per known row in row order
// 1-13, A-E.

#include "mhpbr/classifier.h"

#include <memory>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/classification.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "tests/unit/rule_set_proto_util.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::C;
using ::mhpbr::testing::FrozenRules;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::Items;
using ::mhpbr::testing::Ratings;
using ::mhpbr::testing::Row18;
using ::mhpbr::testing::SameClassification;
using ::mhpbr::testing::SpecExample;
using ::mhpbr::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

constexpr Answer kYes = Answer::kYes;
constexpr Answer kNo = Answer::kNo;
constexpr Answer kUnk = Answer::kUnknown;
constexpr int kUnknown = kNotKnown;

class ClassifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(FrozenRules(), IsOk());
    classifier_ = std::make_unique<Classifier>(*FrozenRules());
  }
  Classification Classify(const Row18& row, Answer organic = kUnk,
                          Answer psychosis = kUnk,
                          std::optional<int> allocated = std::nullopt) const {
    return classifier_->Classify(Ratings(row, organic, psychosis, allocated));
  }
  std::unique_ptr<Classifier> classifier_;
};

// --- Fit arithmetic ------------------------------------------------------

// examples.csv cluster 1: 0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0.
// Cluster 1: every row is E (+2) except item 6 (rating 1, MMUUU: M, +3):
//   17 * 2 + 3 = 37.
// Cluster 2: 1-4 E; 5 EELLU@1 E; 6 M; 7 LLEEU@2 E; 8 E; 9 EELLU@1 E;
//   10-13 E; A-E E (B, E are ELLUU@0 E) = 37.
// Cluster 3 likewise 37 (7, 8 ULEEL@2 E; 9, 12 LEELU@1 E). A three-way tie:
// the lowest cluster wins and the runner-up is the next lowest of the tie.
TEST_F(ClassifierTest, ClusterOneExampleFitsByHand) {
  const Classification c = Classify(SpecExample(1));
  EXPECT_EQ(c.reason, VarianceReason::kNone);
  EXPECT_EQ(c.suggested, C(1));
  EXPECT_THAT(c.suggested_fit_milli, Optional(37000));
  EXPECT_THAT(c.runner_up, Optional(C(2)));
  EXPECT_THAT(c.runner_up_fit_milli, Optional(37000));
  EXPECT_EQ(c.known_items, 18);
  // Every row of cluster 1 is M or E for these ratings.
  EXPECT_EQ(c.fitting_items, ItemSet::FromBits((1u << kItemCount) - 1));
  EXPECT_TRUE(c.misfitting_items.empty());
  EXPECT_FALSE(c.allocation.has_value());
  EXPECT_FALSE(c.agrees());
}

// Ratings 3,1,4,1,?,4,?,4,4,3,0,?,2,?,0,4,0,0 (? = not known; 14 known).
// Red rules: item 6 = 4 breaks 1-8 (MMUUU) and 11, 12 (MMMUU); item 4 = 1
// breaks 19, 20 (UUMMM); item D = 0 breaks 17 (UUMMM). Left: 10, 13, 14,
// 15, 16, 18, 21.
// Cluster 14: 1 LLEEE@3 E+2, 2 ELLLL@1 L+1, 3 ELUUU@4 U-2, 4 ELUUU@1 L+1,
//   6 UUMMM@4 M+3, 8 LEEUU@4 U-2, 9 LLEEE@4 E+2, 10 LLEEL@3 E+2,
//   11 ELLUU@0 E+2, 13 ELLUU@2 L+1, B ELUUU@0 E+2, C ELLUU@4 U-2,
//   D ELUUU@0 E+2, E LLEEE@0 L+1  = 13.
// Cluster 13: 1 L+1, 2 L+1, 3 U-2, 4 L+1, 6 UUMMM@4 M+3, 8 U-2,
//   9 ULEEE@4 E+2, 10 ULEEE@3 E+2, 11 LLEEL@0 L+1, 13 ELLUU@2 L+1,
//   B E+2, C U-2, D LEELL@0 L+1, E LLEEL@0 L+1  = 10.
// Cluster 16: 1 L+1, 2 L+1, 3 UUMMM@4 M+3, 4 L+1, 6 M+3, 8 U-2,
//   9 LLEEL@4 L+1, 10 ELUUU@3 U-2, 11 LLEEL@0 L+1, 13 L+1, B E+2, C U-2,
//   D LLEEE@0 L+1, E LLEEL@0 L+1  = 10: tied with 13, so 13 is runner-up.
const Row18 kMixed = {3, 1, 4,        1, kUnknown, 4, kUnknown, 4, 4,
                      3, 0, kUnknown, 2, kUnknown, 0, 4,        0, 0};

TEST_F(ClassifierTest, FitWithUnlikelyLikelyAndUnknownRowsByHand) {
  for (Answer psychosis : {kUnk, kYes}) {
    SCOPED_TRACE(psychosis == kYes ? "psychosis yes" : "no answers");
    const Classification c = Classify(kMixed, kUnk, psychosis);
    EXPECT_EQ(c.reason, VarianceReason::kNone);
    EXPECT_EQ(c.known_items, 14);
    EXPECT_EQ(c.suggested, C(14));
    EXPECT_THAT(c.suggested_fit_milli, Optional(13000));
    EXPECT_THAT(c.runner_up, Optional(C(13)));
    EXPECT_THAT(c.runner_up_fit_milli, Optional(10000));
    // Cluster 14's M/E rows and U rows; L and unknown rows are in neither.
    EXPECT_EQ(c.fitting_items.ToString(), "1;6;9;10;11;B;D");
    EXPECT_EQ(c.misfitting_items.ToString(), "3;8;C");
  }
}

// The same ratings with organic = yes: only 18-21; 19 and 20 break item 4.
// Cluster 21: 1 ELUUU@3 U-2, 2 ELUUU@1 L+1, 3 U-2, 4 UMMMM@1 M+3,
//   6 ELLLU@4 U-2, 8 LEEUU@4 U-2, 9 EELUU@4 U-2, 10 LLLEE@3 E+2,
//   11 ELLUU@0 E+2, 13 ELUUU@2 U-2, B E+2, C ELLUU@4 U-2, D LLLLL@0 L+1,
//   E LLEEE@0 L+1  = -2.
// Cluster 18: 1 U-2, 2 L+1, 3 U-2, 4 UMMUU@1 M+3, 6 ELLLU@4 U-2, 8 U-2,
//   9 EELUU@4 U-2, 10 EELUU@3 U-2, 11 E+2, 13 U-2, B E+2, C U-2,
//   D ELUUU@0 E+2, E ELUUU@0 E+2  = -4.
TEST_F(ClassifierTest, NegativeFitsByHand) {
  const Classification c = Classify(kMixed, kYes, kUnk);
  EXPECT_EQ(c.suggested, C(21));
  EXPECT_THAT(c.suggested_fit_milli, Optional(-2000));
  EXPECT_THAT(c.runner_up, Optional(C(18)));
  EXPECT_THAT(c.runner_up_fit_milli, Optional(-4000));
  EXPECT_EQ(c.fitting_items.ToString(), "4;10;11;B");
  EXPECT_EQ(c.misfitting_items.ToString(), "1;3;6;8;9;13;C");
  EXPECT_EQ(FormatFit(*c.suggested_fit_milli), "-2");
}

// --- Red rules -----------------------------------------------------------

// Cluster 16's item 3 is UUMMM: a known 0 or 1 breaks it.
TEST_F(ClassifierTest, Cluster16SubstanceUseRedRule) {
  for (int r3 : {0, 1}) {
    SCOPED_TRACE("item 3 = " + std::to_string(r3));
    Row18 row = SpecExample(16);
    row[2] = r3;
    const Classification c = Classify(row, kUnk, kUnk, 16);
    EXPECT_NE(c.suggested, C(16));
    EXPECT_NE(c.runner_up, C(16));
    ASSERT_TRUE(c.allocation.has_value());
    EXPECT_EQ(c.allocation->cluster, C(16));
    EXPECT_TRUE(c.allocation->red);
    EXPECT_EQ(c.allocation->red_items, Items({"3"}));
    EXPECT_FALSE(c.agrees());
  }
  // Item 3 = 0: cluster 17 = its example-16 fit 28 (hand: 2 E, 0 E, 3 U,
  // 0 E, 1 E, 6 UMMMM@3 M, 7 L, 8 E, 9 E, 10 E, 11 U, 12 E, 13 E, A L, B E,
  // C E, D UUMMM@3 M, E E) with item 3 ELUUU@0 E instead of U: 28 + 4.
  Row18 row = SpecExample(16);
  row[2] = 0;
  const Classification c = Classify(row);
  EXPECT_EQ(c.suggested, C(17));
  EXPECT_THAT(c.suggested_fit_milli, Optional(32000));

  for (int r3 : {2, 3, 4}) {
    SCOPED_TRACE("item 3 = " + std::to_string(r3));
    Row18 ok = SpecExample(16);
    ok[2] = r3;
    const Classification d = Classify(ok, kUnk, kUnk, 16);
    EXPECT_EQ(d.suggested, C(16));
    // 1 L, 3 M, 6 M, and fifteen E rows: 1 + 3 + 3 + 30.
    EXPECT_THAT(d.suggested_fit_milli, Optional(37000));
    EXPECT_FALSE(d.allocation->red);
    EXPECT_TRUE(d.allocation->red_items.empty());
    EXPECT_TRUE(d.agrees());
  }
}

// Cluster 6's item 13 is UUMMM.
TEST_F(ClassifierTest, Cluster6OvervaluedIdeasRedRule) {
  for (int r13 : {0, 1}) {
    Row18 row = SpecExample(6);
    row[12] = r13;
    const Classification c = Classify(row, kUnk, kUnk, 6);
    EXPECT_NE(c.suggested, C(6)) << r13;
    EXPECT_NE(c.runner_up, C(6)) << r13;
    EXPECT_TRUE(c.allocation->red);
    EXPECT_EQ(c.allocation->red_items.ToString(), "13");
  }
  // Item 13 = 1: cluster 7 (fit 33 on the example, see the tie test below)
  // gains ELUUU@1 L+1 instead of U-2: 36.
  Row18 row = SpecExample(6);
  row[12] = 1;
  const Classification c = Classify(row);
  EXPECT_EQ(c.suggested, C(7));
  EXPECT_THAT(c.suggested_fit_milli, Optional(36000));
}

// Clusters 1-8 have item 6 MMUUU: 2, 3 or 4 breaks all eight. Items 7, 9,
// 10 and 13 are 3 here so that clusters 5-8's other red rules (7, 9, 10,
// 13 UUMMM) hold and item 6 is the only red item.
const Row18 kHallucinating = {0, 0, 0, 0, 0, 2, 3, 0, 3,
                              3, 0, 0, 3, 0, 0, 0, 0, 0};

TEST_F(ClassifierTest, Item6BreaksClustersOneToEight) {
  const Classification c = Classify(kHallucinating);
  EXPECT_EQ(c.reason, VarianceReason::kNone);
  EXPECT_GE(c.suggested.code(), 10);
  ASSERT_TRUE(c.runner_up.has_value());
  EXPECT_GE(c.runner_up->code(), 10);
  for (int code = 1; code <= 8; ++code) {
    const AllocationCheck a =
        classifier_->CheckAllocation(Ratings(kHallucinating), C(code));
    EXPECT_EQ(a.cluster, C(code));
    EXPECT_TRUE(a.red) << code;
    EXPECT_EQ(a.red_items, Items({"6"})) << code;
  }
  // Cluster 10's item 6 is UMMMM: 2 is an M.
  EXPECT_FALSE(
      classifier_->CheckAllocation(Ratings(kHallucinating), C(10)).red);
}

// Ratings all 1 except items 3, 4, 6, 13 and D at 0. From profiles.csv's
// M rows: 5 7 UUMMM; 6 13 UUMMM; 7 10 UUMMM; 8 9 UUMMM; 10 6 UMMMM;
// 12 10 UUMMM; 13, 14 6 UUMMM; 15 6 UMMMM, 7 UUUMM; 16 3 UUMMM, 6 UMMMM;
// 17 6 UMMMM, D UUMMM; 18 4 UMMUU; 19, 20 4 UUMMM; 21 4 UMMMM.
TEST_F(ClassifierTest, RedItemsAreExactlyTheBrokenRowsInRowOrder) {
  Row18 row;
  row.fill(1);
  for (int i : {2, 3, 5, 12, 16}) row[i] = 0;
  const struct {
    int cluster;
    const char* red;
  } kExpected[] = {{1, ""},     {2, ""},   {3, ""},   {4, ""},     {5, "7"},
                   {6, "13"},   {7, "10"}, {8, "9"},  {10, "6"},   {11, ""},
                   {12, "10"},  {13, "6"}, {14, "6"}, {15, "6;7"}, {16, "3;6"},
                   {17, "6;D"}, {18, "4"}, {19, "4"}, {20, "4"},   {21, "4"}};
  for (const auto& e : kExpected) {
    SCOPED_TRACE("allocated " + std::to_string(e.cluster));
    const Classification c = Classify(row, kUnk, kUnk, e.cluster);
    ASSERT_TRUE(c.allocation.has_value());
    EXPECT_EQ(c.allocation->cluster, C(e.cluster));
    EXPECT_EQ(c.allocation->red_items.ToString(), e.red);
    EXPECT_EQ(c.allocation->red, *e.red != '\0');
    const AllocationCheck direct =
        classifier_->CheckAllocation(Ratings(row), C(e.cluster));
    EXPECT_EQ(direct.red_items, c.allocation->red_items);
    EXPECT_EQ(direct.red, c.allocation->red);
    // A red cluster is never the suggestion or the runner-up.
    if (c.allocation->red) {
      EXPECT_NE(c.suggested, C(e.cluster));
      EXPECT_NE(c.runner_up, C(e.cluster));
    }
  }
}

TEST_F(ClassifierTest, AllocationToClusterZeroIsNeverRed) {
  Row18 row;
  row.fill(1);
  for (int i : {2, 3, 5, 12, 16}) row[i] = 0;
  Row18 sparse;
  sparse.fill(kUnknown);
  sparse[5] = 4;
  for (const Row18& r : {row, kHallucinating, sparse}) {
    for (Answer organic : {kUnk, kNo, kYes}) {
      const Classification c = Classify(r, organic, kNo, 0);
      ASSERT_TRUE(c.allocation.has_value());
      EXPECT_TRUE(c.allocation->cluster.is_variance());
      EXPECT_FALSE(c.allocation->red);
      EXPECT_TRUE(c.allocation->red_items.empty());
    }
  }
  const AllocationCheck direct =
      classifier_->CheckAllocation(Ratings(kHallucinating), Cluster());
  EXPECT_FALSE(direct.red);
  EXPECT_TRUE(direct.red_items.empty());
}

// The allocation is checked against its red rules whatever the suggestion,
// including when too few items are known to suggest anything.
TEST_F(ClassifierTest, AllocationIsCheckedEvenWithTooFewKnown) {
  Row18 sparse;
  sparse.fill(kUnknown);
  sparse[5] = 4;  // item 6
  sparse[3] = 0;  // item 4
  const Classification c = Classify(sparse, kUnk, kUnk, 1);
  EXPECT_EQ(c.reason, VarianceReason::kTooFewKnown);
  EXPECT_TRUE(c.suggested.is_variance());
  ASSERT_TRUE(c.allocation.has_value());
  EXPECT_TRUE(c.allocation->red);
  EXPECT_EQ(c.allocation->red_items.ToString(), "6");
  const Classification d = Classify(sparse, kUnk, kUnk, 21);
  EXPECT_EQ(d.allocation->red_items.ToString(), "4");
}

TEST_F(ClassifierTest, AgreementIsAllocatedEqualsSuggested) {
  const Classification same = Classify(SpecExample(1), kUnk, kUnk, 1);
  EXPECT_TRUE(same.agrees());
  EXPECT_FALSE(same.allocation->red);
  // Cluster 2's red rule (item 6 MMUUU) holds for rating 1: not red, but
  // not the suggestion either.
  const Classification other = Classify(SpecExample(1), kUnk, kUnk, 2);
  EXPECT_FALSE(other.agrees());
  EXPECT_FALSE(other.allocation->red);
  // Allocating 0 when the suggestion is 0 is agreement.
  Row18 sparse;
  sparse.fill(kUnknown);
  const Classification variance = Classify(sparse, kUnk, kUnk, 0);
  EXPECT_TRUE(variance.suggested.is_variance());
  EXPECT_TRUE(variance.agrees());
}

// --- Ties ----------------------------------------------------------------

// examples.csv cluster 6 with item 13 not known. Cluster 6: 1-5 E (5
// EELLU@1), 6 MMUUU@1 M, 7 LLEEL@3 E, 8 ULEEE@3 E, 9 LLEEL@3 E,
// 10 LLEEL@3 E, 11 ELLUU@0 E, 12 LLEEL@3 E, A-D E, E LLEEL@3 E:
// 15 * 2 + 3 = 33 + 2 = 35 (38 with 13 UUMMM@3 M).
// Cluster 7: 1-4 E, 5 E, 6 M, 7 LLEEL@3 E, 8 LLEEL@3 E, 9 ULEEE@3 E,
// 10 UUMMM@3 M, 11 LLEEL@0 L, 12 UUEEE@3 E, A-D E, E LLEEL@3 E:
// 14 * 2 + 3 + 3 + 1 = 35 (33 with 13 ELUUU@3 U).
TEST_F(ClassifierTest, TieGoesToTheLowerClusterAndRunnerUpIsTheOther) {
  Row18 row = SpecExample(6);
  row[12] = kUnknown;
  const Classification c = Classify(row);
  EXPECT_EQ(c.known_items, 17);
  EXPECT_EQ(c.suggested, C(6));
  EXPECT_THAT(c.suggested_fit_milli, Optional(35000));
  EXPECT_THAT(c.runner_up, Optional(C(7)));
  EXPECT_THAT(c.runner_up_fit_milli, Optional(35000));
}

// A rule set in which cluster 19 has cluster 20's profile: on cluster 20's
// example (fit 35: 1 ULEEE@3 E, 2 E, 3 E, 4 UUMMM@3 M, 5 EELLU@1 E,
// 6 LLLLL L, 7 LLLLL L, 8 LLEEL@3 E, 9 LLEEE@3 E, 10 ULEEE@3 E,
// 11 LLEEL@3 E, 12 EELUU@1 E, 13 E, A-D E, E ULEEE@3 E: 15 * 2 + 3 + 2)
// the two tie, and the lower code wins although the example is 20's.
TEST(ClassifierCustomRulesTest, IdenticalProfilesTieToTheLowerCluster) {
  v1::RuleSet proto = testing::FrozenProto();
  v1::Profile* p19 = testing::ProfileOf(&proto, 19);
  v1::Profile* p20 = testing::ProfileOf(&proto, 20);
  ASSERT_NE(p19, nullptr);
  ASSERT_NE(p20, nullptr);
  *p19->mutable_rows() = p20->rows();
  proto.clear_examples();  // 19's example need not classify to 19 now
  auto rules = testing::FromProto(proto);
  ASSERT_THAT(rules, IsOk());
  const Classifier classifier(*rules);
  for (Answer organic : {kUnk, kYes}) {
    const Classification c =
        classifier.Classify(Ratings(SpecExample(20), organic));
    EXPECT_EQ(c.suggested, C(19));
    EXPECT_THAT(c.suggested_fit_milli, Optional(35000));
    EXPECT_THAT(c.runner_up, Optional(C(20)));
    EXPECT_THAT(c.runner_up_fit_milli, Optional(35000));
  }
}

// With every weight 0 every candidate ties at 0: the two lowest unbroken
// candidates are suggested and runner-up. On cluster 20's example item 6
// is 2, which breaks 1-8 (MMUUU); 10 (UMMMM) and 11 (MMMUU) hold.
TEST(ClassifierCustomRulesTest, ZeroWeightsTieEverything) {
  v1::RuleSet proto = testing::FrozenProto();
  proto.mutable_weights()->set_must(0);
  proto.mutable_weights()->set_expected(0);
  proto.mutable_weights()->set_likely(0);
  proto.mutable_weights()->set_unlikely(0);
  proto.clear_examples();
  auto rules = testing::FromProto(proto);
  ASSERT_THAT(rules, IsOk());
  const Classifier classifier(*rules);
  const Classification c = classifier.Classify(Ratings(SpecExample(20)));
  EXPECT_EQ(c.suggested, C(10));
  EXPECT_THAT(c.suggested_fit_milli, Optional(0));
  EXPECT_THAT(c.runner_up, Optional(C(11)));
  EXPECT_THAT(c.runner_up_fit_milli, Optional(0));
}

// --- Unknown ratings -----------------------------------------------------

// examples.csv cluster 16 with item 3 not known: cluster 16 loses its
// UUMMM@3 M (37 - 3 = 34) and the red rule cannot break; cluster 17 loses
// its ELUUU@3 U (28 + 2 = 30).
TEST_F(ClassifierTest, UnknownRatingsAddNothingAndBreakNothing) {
  Row18 row = SpecExample(16);
  row[2] = kUnknown;
  const Classification c = Classify(row, kUnk, kUnk, 16);
  EXPECT_EQ(c.known_items, 17);
  EXPECT_EQ(c.suggested, C(16));
  EXPECT_THAT(c.suggested_fit_milli, Optional(34000));
  EXPECT_THAT(c.runner_up, Optional(C(17)));
  EXPECT_THAT(c.runner_up_fit_milli, Optional(30000));
  EXPECT_FALSE(c.allocation->red);
  EXPECT_FALSE(c.fitting_items.Contains(Item::kSubstanceUse));
  EXPECT_FALSE(c.misfitting_items.Contains(Item::kSubstanceUse));
  // Cluster 16 rates item 1 (2) L: neither fitting nor misfitting.
  EXPECT_EQ(c.fitting_items.ToString(), "2;4;5;6;7;8;9;10;11;12;13;A;B;C;D;E");
  EXPECT_TRUE(c.misfitting_items.empty());
}

TEST_F(ClassifierTest, AllUnknownIsTooFewKnownAndRedNothing) {
  Row18 none;
  none.fill(kUnknown);
  for (int code = 1; code <= 21; ++code) {
    if (code == 9) continue;
    const Classification c = Classify(none, kUnk, kUnk, code);
    EXPECT_EQ(c.known_items, 0);
    EXPECT_EQ(c.reason, VarianceReason::kTooFewKnown);
    EXPECT_FALSE(c.allocation->red) << code;
  }
}

// --- Too few known -------------------------------------------------------

TEST_F(ClassifierTest, ElevenKnownIsTooFewTwelveIsEnough) {
  EXPECT_EQ((*FrozenRules())->min_known_items(), 12);
  // examples.csv cluster 1 without 13 and A-E: 12 known. Clusters 1, 2 and
  // 3 each lose six E rows (all E at rating 0): 37 - 12 = 25, still tied.
  Row18 twelve = SpecExample(1);
  for (int i = 12; i < kItemCount; ++i) twelve[i] = kUnknown;
  const Classification c12 = Classify(twelve);
  EXPECT_EQ(c12.known_items, 12);
  EXPECT_EQ(c12.reason, VarianceReason::kNone);
  EXPECT_EQ(c12.suggested, C(1));
  EXPECT_THAT(c12.suggested_fit_milli, Optional(25000));
  EXPECT_THAT(c12.runner_up, Optional(C(2)));
  EXPECT_THAT(c12.runner_up_fit_milli, Optional(25000));

  Row18 eleven = twelve;
  eleven[11] = kUnknown;  // item 12
  const Classification c11 = Classify(eleven);
  EXPECT_EQ(c11.known_items, 11);
  EXPECT_EQ(c11.reason, VarianceReason::kTooFewKnown);
  EXPECT_TRUE(c11.suggested.is_variance());
  EXPECT_FALSE(c11.suggested_fit_milli.has_value());
  EXPECT_FALSE(c11.runner_up.has_value());
  EXPECT_FALSE(c11.runner_up_fit_milli.has_value());
  EXPECT_TRUE(c11.fitting_items.empty());
  EXPECT_TRUE(c11.misfitting_items.empty());
}

// Item 8 counts once, however many of its types are rated.
TEST_F(ClassifierTest, Item8TypesCountAsOneKnownItem) {
  MhctRatings r;
  for (int i = 0; i < 11; ++i) {
    if (ItemAt(i) == Item::kOtherProblems) continue;
    ASSERT_THAT(r.Set(ItemAt(i), 0), IsOk());
  }
  // Ten rows known so far (1-7, 9-11); ten types of item 8 make eleven.
  for (int t = 0; t < kItem8TypeCount; ++t) {
    ASSERT_THAT(r.SetItem8Type(static_cast<Item8Type>(t), 1), IsOk());
  }
  Classification c = classifier_->Classify(r);
  EXPECT_EQ(c.known_items, 11);
  EXPECT_EQ(c.reason, VarianceReason::kTooFewKnown);
  ASSERT_THAT(r.Set(Item::kOccupation, 0), IsOk());
  c = classifier_->Classify(r);
  EXPECT_EQ(c.known_items, 12);
  EXPECT_EQ(c.reason, VarianceReason::kNone);
}

// --- No fit --------------------------------------------------------------

TEST_F(ClassifierTest, NoFitWhenEveryCandidateBreaksARedRule) {
  // Both answers no: only 1-8, and item 6 = 2 breaks all of them.
  const Classification c = Classify(kHallucinating, kNo, kNo, 3);
  EXPECT_EQ(c.reason, VarianceReason::kNoFit);
  EXPECT_TRUE(c.suggested.is_variance());
  EXPECT_FALSE(c.suggested_fit_milli.has_value());
  EXPECT_FALSE(c.runner_up.has_value());
  EXPECT_FALSE(c.runner_up_fit_milli.has_value());
  EXPECT_TRUE(c.fitting_items.empty());
  EXPECT_TRUE(c.misfitting_items.empty());
  EXPECT_EQ(c.known_items, 18);
  EXPECT_TRUE(c.allocation->red);
  EXPECT_FALSE(c.agrees());
  // Organic yes: only 18-21, and item 4 = 0 breaks all of them (UMMUU,
  // UUMMM, UUMMM, UMMMM).
  const Classification o = Classify(kHallucinating, kYes, kUnk);
  EXPECT_EQ(o.reason, VarianceReason::kNoFit);
  EXPECT_TRUE(o.suggested.is_variance());
}

// examples.csv cluster 18 with psychosis yes: item 6 = 0 breaks 10 and
// 13-17; item 10 = 1 breaks 12 (UUMMM); only 11 is left.
// Cluster 11: 1 EUUUU@0 E, 2 E, 3 E, 4 ELUUU@2 U, 5 EELLU@1 E, 6 MMMUU@0 M,
// 7 EELUU@2 L, 8 EELUU@2 L, 9-12 E, 13 ELLUU@0 E, A-E E:
// 14 * 2 + 3 + 2 - 2 = 31.
TEST_F(ClassifierTest, OneCandidateLeftHasNoRunnerUp) {
  const Classification c = Classify(SpecExample(18), kUnk, kYes);
  EXPECT_EQ(c.reason, VarianceReason::kNone);
  EXPECT_EQ(c.suggested, C(11));
  EXPECT_THAT(c.suggested_fit_milli, Optional(31000));
  EXPECT_FALSE(c.runner_up.has_value());
  EXPECT_FALSE(c.runner_up_fit_milli.has_value());
  EXPECT_EQ(c.misfitting_items.ToString(), "4");
}

// --- The decision tree's first questions ---------------------------------

// examples.csv cluster 11: 0,0,0,0,1,1,1,1,1,1,0,1,0,0,0,0,0,0.
// Cluster 11: seventeen E rows and item 6 MMMUU@1 M: 37.
// Cluster 1: sixteen E, 6 M, 10 ELUUU@1 L: 36.
// Cluster 10: fifteen E, 6 UMMMM@1 M, 7 and 8 ELLLU@1 L: 35.
// Cluster 2: fourteen E, 6 M, 7 LLEEU@1 L, 8 L, 10 L: 34; cluster 3 also
// 34 (7, 8 ULEEL@1 L, 10 ELLUU@1 L). Item 4 = 0 breaks all of 18-21.
TEST_F(ClassifierTest, AnswersRestrictCandidatesAsTheDecisionTreeSays) {
  struct Case {
    Answer organic, psychosis;
    int suggested, fit, runner_up, runner_fit;  // 0: no_fit
  };
  const Case kCases[] = {
      // An unknown answer restricts nothing.
      {kUnk, kUnk, 11, 37, 1, 36},
      {kNo, kUnk, 11, 37, 1, 36},
      {kUnk, kNo, 11, 37, 1, 36},
      // Psychosis yes (organic not yes): psychotic clusters only.
      {kUnk, kYes, 11, 37, 10, 35},
      {kNo, kYes, 11, 37, 10, 35},
      // Both no: non-psychotic only.
      {kNo, kNo, 1, 36, 2, 34},
      // Organic yes, whatever psychosis says: organic only, all broken.
      {kYes, kUnk, 0, 0, 0, 0},
      {kYes, kNo, 0, 0, 0, 0},
      {kYes, kYes, 0, 0, 0, 0},
  };
  for (const Case& k : kCases) {
    SCOPED_TRACE(::testing::Message()
                 << "organic " << static_cast<int>(k.organic) << " psychosis "
                 << static_cast<int>(k.psychosis));
    const Classification c = Classify(SpecExample(11), k.organic, k.psychosis);
    if (k.suggested == 0) {
      EXPECT_EQ(c.reason, VarianceReason::kNoFit);
      EXPECT_TRUE(c.suggested.is_variance());
      continue;
    }
    EXPECT_EQ(c.reason, VarianceReason::kNone);
    EXPECT_EQ(c.suggested, C(k.suggested));
    EXPECT_THAT(c.suggested_fit_milli, Optional(k.fit * 1000));
    EXPECT_THAT(c.runner_up, Optional(C(k.runner_up)));
    EXPECT_THAT(c.runner_up_fit_milli, Optional(k.runner_fit * 1000));
  }
}

// An answer of no to one question alone restricts nothing: an organic
// example stays organic with organic = no, and a psychotic one stays
// psychotic with psychosis = no or organic = no.
TEST_F(ClassifierTest, ASingleNoDoesNotRestrict) {
  for (auto [organic, psychosis] :
       {std::pair{kNo, kUnk}, std::pair{kUnk, kNo}}) {
    EXPECT_EQ(Classify(SpecExample(18), organic, psychosis).suggested, C(18));
    EXPECT_EQ(Classify(SpecExample(10), organic, psychosis).suggested, C(10));
    EXPECT_EQ(Classify(SpecExample(21), organic, psychosis).suggested, C(21));
    EXPECT_EQ(Classify(SpecExample(14), organic, psychosis).suggested, C(14));
  }
  // Both no moves them into 1-8, or to no_fit when item 6 breaks 1-8.
  const Classification o = Classify(SpecExample(18), kNo, kNo);
  EXPECT_GE(o.suggested.code(), 1);
  EXPECT_LE(o.suggested.code(), 8);
  EXPECT_EQ(Classify(SpecExample(10), kNo, kNo).reason, VarianceReason::kNoFit);
}

TEST_F(ClassifierTest, SuggestionAlwaysInTheAllowedSuperclass) {
  const RuleSet& rs = **FrozenRules();
  for (const auto& ex : testing::SpecExamples()) {
    for (Answer o : {kUnk, kNo, kYes}) {
      for (Answer p : {kUnk, kNo, kYes}) {
        const Classification c = Classify(ex.ratings, o, p);
        if (c.suggested.is_variance()) continue;
        const Superclass s = rs.cluster(c.suggested).superclass;
        if (o == kYes) {
          EXPECT_EQ(s, Superclass::kOrganic);
        } else if (p == kYes) {
          EXPECT_EQ(s, Superclass::kPsychotic);
        } else if (o == kNo && p == kNo) {
          EXPECT_EQ(s, Superclass::kNonPsychotic);
        } else {
          // No restriction: the example's own cluster.
          EXPECT_EQ(c.suggested.code(), ex.cluster);
        }
        const bool restricted =
            o == kYes || p == kYes || (o == kNo && p == kNo);
        if (c.runner_up && restricted) {
          EXPECT_EQ(rs.cluster(*c.runner_up).superclass, s);
        }
      }
    }
  }
}

// --- Batch and construction ----------------------------------------------

TEST_F(ClassifierTest, BatchEqualsOneByOne) {
  std::mt19937 rng(20240229);
  std::uniform_int_distribution<int> rating(0, 6);  // 5, 6: not known
  std::uniform_int_distribution<int> answer(0, 2);
  std::uniform_int_distribution<int> cluster(-1, 20);
  std::vector<MhctRatings> in(500);
  for (MhctRatings& r : in) {
    for (int i = 0; i < kItemCount; ++i) {
      const int v = rating(rng);
      ASSERT_THAT(r.Set(ItemAt(i), v > 4 ? kNotKnown : v), IsOk());
    }
    r.set_organic(static_cast<Answer>(answer(rng)));
    r.set_psychosis(static_cast<Answer>(answer(rng)));
    const int k = cluster(rng);
    if (k >= 0) r.set_allocated(Cluster::FromIndex(k));
  }
  std::vector<Classification> out(in.size());
  ASSERT_THAT(classifier_->ClassifyBatch(in, absl::MakeSpan(out)), IsOk());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_TRUE(SameClassification(out[i], classifier_->Classify(in[i]))) << i;
  }
  // Empty batches are fine.
  EXPECT_THAT(classifier_->ClassifyBatch({}, {}), IsOk());
}

TEST_F(ClassifierTest, BatchRejectsMismatchedSizes) {
  std::vector<MhctRatings> in(3);
  std::vector<Classification> small(2), big(4);
  EXPECT_THAT(classifier_->ClassifyBatch(in, absl::MakeSpan(small)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("3")));
  EXPECT_THAT(classifier_->ClassifyBatch(in, absl::MakeSpan(big)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ClassifierNullRulesTest, EverythingIsVarianceTooFewKnown) {
  const Classifier classifier(nullptr);
  for (const auto& ex : testing::SpecExamples()) {
    const Classification c = classifier.Classify(Ratings(ex.ratings));
    EXPECT_TRUE(c.suggested.is_variance());
    EXPECT_EQ(c.reason, VarianceReason::kTooFewKnown);
    EXPECT_FALSE(c.suggested_fit_milli.has_value());
    EXPECT_FALSE(c.runner_up.has_value());
  }
}

TEST_F(ClassifierTest, KeepsItsRuleSet) {
  EXPECT_EQ(&classifier_->rules(), FrozenRules()->get());
}

}  // namespace
}  // namespace mhpbr
