// Loading rule sets (classification.md, "Rule sets"): a loaded rule set is
// validated and every error names the cluster and item (or field) at
// fault. Each test edits the frozen test rule set's text in one place.
// Also: transition tables, writing a rule set back out, weights in
// thousandths, and loading files.

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/codec/text_proto.h"
#include "mhpbr/classifier.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/v1/rule_set.pb.h"
#include "tests/unit/rule_set_proto_util.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::C;
using ::mhpbr::testing::ClusterOf;
using ::mhpbr::testing::FromProto;
using ::mhpbr::testing::FrozenProto;
using ::mhpbr::testing::FrozenRulesText;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::ProfileOf;
using ::mhpbr::testing::RowOf;
using ::mhpbr::testing::StatusIs;
using ::mhpbr::testing::ToText;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

// Edits `proto` with `edit`, then parses it back as "edited.textproto".
template <typename Edit>
absl::Status EditedStatus(Edit edit) {
  v1::RuleSet proto = FrozenProto();
  edit(&proto);
  return FromProto(proto).status();
}

// Replaces exactly one occurrence of `from` in the frozen text.
std::string FrozenTextWith(const std::string& from, const std::string& to) {
  std::string text = FrozenRulesText();
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "twice: " << from;
  return text.replace(at, from.size(), to);
}

TEST(RuleSetValidationTest, TheFrozenRulesAreValidAsTheyAre) {
  EXPECT_THAT(ParseRuleSetText(FrozenRulesText(), "frozen"), IsOk());
  EXPECT_THAT(FromProto(FrozenProto()), IsOk());
}

// --- Profiles ------------------------------------------------------------

TEST(RuleSetValidationTest, MissingProfileRowNamesClusterAndItem) {
  const absl::Status s = EditedStatus([](v1::RuleSet* p) {
    auto* rows = ProfileOf(p, 7)->mutable_rows();
    for (int i = 0; i < rows->size(); ++i) {
      if (rows->Get(i).item() == "10") {
        rows->DeleteSubrange(i, 1);
        break;
      }
    }
  });
  EXPECT_THAT(s, StatusIs(kInvalid, AllOf(StartsWith("edited.textproto: "),
                                          HasSubstr("cluster 7 item 10"),
                                          HasSubstr("missing"))));
}

TEST(RuleSetValidationTest, UnknownBandLetterNamesClusterItemAndLetter) {
  const absl::Status s = EditedStatus(
      [](v1::RuleSet* p) { RowOf(p, 16, "3")->set_bands("UUXMM"); });
  EXPECT_THAT(s, StatusIs(kInvalid, AllOf(HasSubstr("cluster 16 item 3"),
                                          HasSubstr("'X'"))));
  // Lower case letters are not band letters either.
  EXPECT_THAT(EditedStatus(
                  [](v1::RuleSet* p) { RowOf(p, 2, "E")->set_bands("ellUU"); }),
              StatusIs(kInvalid, HasSubstr("cluster 2 item E")));
}

TEST(RuleSetValidationTest, BandsMustBeFiveLetters) {
  for (const char* bands : {"UUMM", "UUMMMM", ""}) {
    const absl::Status s = EditedStatus(
        [&](v1::RuleSet* p) { RowOf(p, 5, "7")->set_bands(bands); });
    EXPECT_THAT(s, StatusIs(kInvalid, AllOf(HasSubstr("cluster 5 item 7"),
                                            HasSubstr("five letters"))))
        << "'" << bands << "'";
  }
}

TEST(RuleSetValidationTest, RowGivenTwiceOrNotAProfileRow) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                auto* row = ProfileOf(p, 4)->add_rows();
                row->set_item("B");
                row->set_bands("ELUUU");
              }),
              StatusIs(kInvalid, AllOf(HasSubstr("cluster 4 item B"),
                                       HasSubstr("twice"))));
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { RowOf(p, 4, "B")->set_item("14"); }),
      StatusIs(kInvalid, HasSubstr("cluster 4 item 14")));
  // Item 8's types are not profile rows.
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { RowOf(p, 4, "8")->set_item("8A"); }),
      StatusIs(kInvalid, HasSubstr("cluster 4 item 8A")));
}

TEST(RuleSetValidationTest, MissingDuplicateAndStrayProfiles) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                auto* profiles = p->mutable_profiles();
                for (int i = 0; i < profiles->size(); ++i) {
                  if (profiles->Get(i).cluster() == 21) {
                    profiles->DeleteSubrange(i, 1);
                    break;
                  }
                }
              }),
              StatusIs(kInvalid, AllOf(HasSubstr("cluster 21"),
                                       HasSubstr("no profile"))));
  EXPECT_THAT(
      EditedStatus(
          [](v1::RuleSet* p) { *p->add_profiles() = *ProfileOf(p, 4); }),
      StatusIs(kInvalid, AllOf(HasSubstr("cluster 4"), HasSubstr("twice"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                v1::Profile copy = *ProfileOf(p, 4);
                copy.set_cluster(0);
                *p->add_profiles() = copy;
              }),
              StatusIs(kInvalid, HasSubstr("cluster 0")));
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { ProfileOf(p, 10)->set_cluster(9); }),
      StatusIs(kInvalid, HasSubstr("cluster 9")));
}

// --- Items ---------------------------------------------------------------

TEST(RuleSetValidationTest, ItemsMustBeMhctItemsListedOnce) {
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { p->mutable_items(3)->set_code("14"); }),
      StatusIs(kInvalid, HasSubstr("item 14")));
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { *p->add_items() = p->items(6); }),
      StatusIs(kInvalid, AllOf(HasSubstr("item 7"), HasSubstr("twice"))));
  EXPECT_THAT(
      EditedStatus(
          [](v1::RuleSet* p) { p->mutable_items(0)->clear_section(); }),
      StatusIs(kInvalid, AllOf(HasSubstr("item 1"), HasSubstr("section"))));
}

// --- Clusters ------------------------------------------------------------

TEST(RuleSetValidationTest, DuplicateClusterIsNamed) {
  const absl::Status s = EditedStatus(
      [](v1::RuleSet* p) { *p->add_clusters() = *ClusterOf(p, 3); });
  EXPECT_THAT(
      s, StatusIs(kInvalid, AllOf(HasSubstr("cluster 3"), HasSubstr("twice"))));
}

TEST(RuleSetValidationTest, ClusterNineIsNotACluster) {
  const absl::Status s = EditedStatus([](v1::RuleSet* p) {
    v1::Cluster nine = *ClusterOf(p, 8);
    nine.set_code(9);
    *p->add_clusters() = nine;
  });
  EXPECT_THAT(s, StatusIs(kInvalid, HasSubstr("cluster 9")));
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { ClusterOf(p, 21)->set_code(22); }),
      StatusIs(kInvalid, HasSubstr("cluster 22")));
}

TEST(RuleSetValidationTest, MissingClusterIsNamed) {
  const absl::Status s = EditedStatus([](v1::RuleSet* p) {
    auto* clusters = p->mutable_clusters();
    for (int i = 0; i < clusters->size(); ++i) {
      if (clusters->Get(i).code() == 14) {
        clusters->DeleteSubrange(i, 1);
        break;
      }
    }
  });
  EXPECT_THAT(s, StatusIs(kInvalid, AllOf(HasSubstr("cluster 14"),
                                          HasSubstr("missing"))));
}

TEST(RuleSetValidationTest, SuperclassVarianceOnlyForClusterZero) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                ClusterOf(p, 3)->set_superclass(v1::VARIANCE);
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("cluster 3"), HasSubstr("superclass"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                ClusterOf(p, 0)->set_superclass(v1::ORGANIC);
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("cluster 0"), HasSubstr("superclass"))));
  EXPECT_THAT(EditedStatus(
                  [](v1::RuleSet* p) { ClusterOf(p, 12)->clear_superclass(); }),
              StatusIs(kInvalid, AllOf(HasSubstr("cluster 12"),
                                       HasSubstr("superclass"))));
}

TEST(RuleSetValidationTest, ClusterNameAndReviewPeriodAreRequired) {
  EXPECT_THAT(
      EditedStatus([](v1::RuleSet* p) { ClusterOf(p, 5)->clear_name(); }),
      StatusIs(kInvalid, AllOf(HasSubstr("cluster 5"), HasSubstr("name"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                ClusterOf(p, 6)->mutable_max_review()->set_count(0);
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("cluster 6"), HasSubstr("max_review"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                ClusterOf(p, 6)->mutable_max_review()->clear_unit();
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("cluster 6"), HasSubstr("max_review"))));
}

// --- Weights and minimum ---------------------------------------------------

TEST(RuleSetValidationTest, WeightsMustBeFinite) {
  for (const char* bad : {"nan", "inf", "-inf"}) {
    const std::string text = FrozenTextWith(
        "weights { must: 3 ", std::string("weights { must: ") + bad + " ");
    EXPECT_THAT(ParseRuleSetText(text, "w.textproto"),
                StatusIs(kInvalid,
                         AllOf(HasSubstr("w.textproto"),
                               HasSubstr("weights.must"), HasSubstr("finite"))))
        << bad;
  }
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_weights()->set_unlikely(
                    -std::numeric_limits<double>::infinity());
              }),
              StatusIs(kInvalid, HasSubstr("weights.unlikely")));
}

TEST(RuleSetValidationTest, WeightsHaveAtMostThreeDecimals) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_weights()->set_expected(2.0005);
              }),
              StatusIs(kInvalid, AllOf(HasSubstr("weights.expected"),
                                       HasSubstr("three decimal"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_weights()->set_likely(0.0001);
              }),
              StatusIs(kInvalid, HasSubstr("weights.likely")));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_weights()->set_must(1000.5);
              }),
              StatusIs(kInvalid, HasSubstr("weights.must")));
}

TEST(RuleSetValidationTest, WeightsAreHeldExactlyInThousandths) {
  v1::RuleSet proto = FrozenProto();
  proto.mutable_weights()->set_must(2.5);
  proto.mutable_weights()->set_expected(0.1);  // not exact in binary
  proto.mutable_weights()->set_likely(0.001);
  proto.mutable_weights()->set_unlikely(-1.25);
  auto rules = FromProto(proto);
  ASSERT_THAT(rules, IsOk());
  EXPECT_EQ((*rules)->weight_milli(Band::kMust), 2500);
  EXPECT_EQ((*rules)->weight_milli(Band::kExpected), 100);
  EXPECT_EQ((*rules)->weight_milli(Band::kLikely), 1);
  EXPECT_EQ((*rules)->weight_milli(Band::kUnlikely), -1250);

  proto.mutable_weights()->set_must(1000);
  proto.mutable_weights()->set_unlikely(-1000);
  proto.mutable_weights()->set_expected(-0.007);
  auto extreme = FromProto(proto);
  ASSERT_THAT(extreme, IsOk());
  EXPECT_EQ((*extreme)->weight_milli(Band::kMust), 1000000);
  EXPECT_EQ((*extreme)->weight_milli(Band::kUnlikely), -1000000);
  EXPECT_EQ((*extreme)->weight_milli(Band::kExpected), -7);
}

TEST(RuleSetValidationTest, MissingWeightsIsAnError) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) { p->clear_weights(); }),
              StatusIs(kInvalid, HasSubstr("weights")));
}

TEST(RuleSetValidationTest, MinKnownItemsWithinOneToEighteen) {
  for (int bad : {0, 19, -1}) {
    EXPECT_THAT(
        EditedStatus([&](v1::RuleSet* p) { p->set_min_known_items(bad); }),
        StatusIs(kInvalid, AllOf(HasSubstr("min_known_items"),
                                 HasSubstr(std::to_string(bad)))))
        << bad;
  }
  for (int good : {1, 18}) {
    v1::RuleSet proto = FrozenProto();
    proto.set_min_known_items(good);
    auto rules = FromProto(proto);
    ASSERT_THAT(rules, IsOk()) << good;
    EXPECT_EQ((*rules)->min_known_items(), good);
  }
}

// --- Transitions, examples, provenance -----------------------------------

TEST(RuleSetValidationTest, TransitionsMustNameRealClusters) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_transitions()->set_allow_all(false);
                v1::TransitionRow* row = p->mutable_transitions()->add_rows();
                row->set_from(1);
                row->add_to(2);
                row->add_to(9);
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("transitions from 1"), HasSubstr("9"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_transitions()->set_allow_all(false);
                p->mutable_transitions()->add_rows()->set_from(9);
              }),
              StatusIs(kInvalid, HasSubstr("transitions from 9")));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_transitions()->set_allow_all(false);
                p->mutable_transitions()->add_rows()->set_from(4);
                p->mutable_transitions()->add_rows()->set_from(4);
              }),
              StatusIs(kInvalid, AllOf(HasSubstr("transitions from 4"),
                                       HasSubstr("twice"))));
}

TEST(RuleSetValidationTest, ExampleNeedsEighteenValidRatings) {
  const absl::Status s = EditedStatus([](v1::RuleSet* p) {
    p->mutable_examples(4)->mutable_ratings()->RemoveLast();
  });
  EXPECT_THAT(s, StatusIs(kInvalid,
                          AllOf(HasSubstr("example 5"), HasSubstr("cluster 5"),
                                HasSubstr("17 ratings"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_examples(0)->set_ratings(16, 5);  // item D
              }),
              StatusIs(kInvalid, AllOf(HasSubstr("example 1"),
                                       HasSubstr("item D"), HasSubstr("5"))));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_examples(8)->set_cluster(9);
              }),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("example 9"), HasSubstr("cluster 9"))));
}

TEST(RuleSetValidationTest, ProvenanceIsRequired) {
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_provenance()->clear_source();
              }),
              StatusIs(kInvalid, HasSubstr("provenance.source")));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_provenance()->clear_financial_year();
              }),
              StatusIs(kInvalid, HasSubstr("provenance.financial_year")));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_provenance()->set_effective_from("2013-02-30");
              }),
              StatusIs(kInvalid, HasSubstr("provenance.effective_from")));
  EXPECT_THAT(EditedStatus([](v1::RuleSet* p) {
                p->mutable_provenance()->set_effective_to("2012-03-31");
              }),
              StatusIs(kInvalid, HasSubstr("provenance.effective_to")));
}

// --- Text syntax ---------------------------------------------------------

TEST(RuleSetValidationTest, SyntaxErrorGivesLineAndColumn) {
  // Line 3, column 18: the value where a ':' should be.
  const std::string text =
      "provenance {\n"
      "  source: \"x\"\n"
      "  financial_year 2016\n"
      "}\n";
  EXPECT_THAT(ParseRuleSetText(text, "bad.textproto"),
              StatusIs(kInvalid, HasSubstr("bad.textproto:3:18")));
  // In the frozen file: a word where min_known_items' number should be.
  const std::string broken =
      FrozenTextWith("min_known_items: 12", "min_known_items: twelve");
  const size_t at = broken.find("twelve");
  ASSERT_NE(at, std::string::npos);
  // Counted from the text: lines before it, and its place in its line.
  const int line = 1 + static_cast<int>(std::count(broken.begin(),
                                                   broken.begin() + at, '\n'));
  const int column = 1 + static_cast<int>(at - (broken.rfind('\n', at) + 1));
  EXPECT_EQ(column, 18);
  EXPECT_THAT(
      ParseRuleSetText(broken, "frozen.textproto"),
      StatusIs(kInvalid, HasSubstr("frozen.textproto:" + std::to_string(line) +
                                   ":" + std::to_string(column))));
}

TEST(RuleSetValidationTest, UnknownFieldIsAnError) {
  const std::string text =
      FrozenTextWith("min_known_items: 12", "min_known_items: 12\nmin_know: 3");
  EXPECT_THAT(ParseRuleSetText(text, "typo.textproto"),
              StatusIs(kInvalid, AllOf(HasSubstr("typo.textproto:"),
                                       HasSubstr("min_know"))));
}

TEST(RuleSetValidationTest, EmptySourceIsAnError) {
  EXPECT_THAT(ParseRuleSetText("", "empty.textproto"),
              StatusIs(kInvalid, HasSubstr("empty.textproto")));
  EXPECT_THAT(ParseRuleSetText("# only a comment\n", "c.textproto"),
              StatusIs(kInvalid));
}

// --- Transition tables ---------------------------------------------------

TEST(RuleSetTransitionsTest, TableAllowsOnlyListedMovesAndZero) {
  v1::RuleSet proto = FrozenProto();
  proto.mutable_transitions()->set_allow_all(false);
  v1::TransitionRow* one = proto.mutable_transitions()->add_rows();
  one->set_from(1);
  one->add_to(2);
  one->add_to(3);
  v1::TransitionRow* four = proto.mutable_transitions()->add_rows();
  four->set_from(4);
  four->add_to(10);
  auto rules = FromProto(proto);
  ASSERT_THAT(rules, IsOk());
  auto listed = [](int from, int to) {
    return (from == 1 && (to == 2 || to == 3)) || (from == 4 && to == 10);
  };
  for (int f = 0; f < Cluster::kCount; ++f) {
    for (int t = 0; t < Cluster::kCount; ++t) {
      const Cluster from = Cluster::FromIndex(f), to = Cluster::FromIndex(t);
      // Moves to and from 0, and staying put, are always allowed.
      const bool expected = listed(from.code(), to.code()) ||
                            from.is_variance() || to.is_variance() ||
                            from == to;
      EXPECT_EQ((*rules)->TransitionAllowed(from, to), expected)
          << from.code() << " -> " << to.code();
    }
  }
  EXPECT_FALSE((*rules)->transitions().allows_all());
}

TEST(RuleSetTransitionsTest, AllowAllOrNoTableAllowsEverything) {
  v1::RuleSet with_flag = FrozenProto();
  with_flag.mutable_transitions()->set_allow_all(true);
  v1::TransitionRow* row = with_flag.mutable_transitions()->add_rows();
  row->set_from(1);
  row->add_to(2);  // ignored with allow_all
  v1::RuleSet without = FrozenProto();
  without.clear_transitions();
  for (const v1::RuleSet& proto : {with_flag, without}) {
    auto rules = FromProto(proto);
    ASSERT_THAT(rules, IsOk());
    EXPECT_TRUE((*rules)->transitions().allows_all());
    EXPECT_TRUE((*rules)->TransitionAllowed(C(1), C(21)));
    EXPECT_TRUE((*rules)->TransitionAllowed(C(14), C(3)));
  }
}

// --- Writing back out ----------------------------------------------------

void ExpectSameRules(const RuleSet& a, const RuleSet& b) {
  const RuleSetContents& x = a.contents();
  const RuleSetContents& y = b.contents();
  EXPECT_EQ(x.provenance.source, y.provenance.source);
  EXPECT_EQ(x.provenance.financial_year, y.provenance.financial_year);
  EXPECT_EQ(x.provenance.effective_from, y.provenance.effective_from);
  EXPECT_EQ(x.provenance.effective_to, y.provenance.effective_to);
  EXPECT_EQ(x.provenance.notes, y.provenance.notes);
  EXPECT_EQ(x.provenance.version, y.provenance.version);
  ASSERT_EQ(x.items.size(), y.items.size());
  for (size_t i = 0; i < x.items.size(); ++i) {
    EXPECT_EQ(x.items[i].code, y.items[i].code);
    EXPECT_EQ(x.items[i].name, y.items[i].name);
    EXPECT_EQ(x.items[i].section, y.items[i].section);
  }
  for (int k = 0; k < Cluster::kCount; ++k) {
    const ClusterInfo& p = a.clusters()[k];
    const ClusterInfo& q = b.clusters()[k];
    EXPECT_EQ(p.cluster, q.cluster);
    EXPECT_EQ(p.name, q.name);
    EXPECT_EQ(p.superclass, q.superclass);
    EXPECT_EQ(p.subgroup, q.subgroup);
    EXPECT_EQ(p.max_review.count, q.max_review.count);
    EXPECT_EQ(p.max_review.unit, q.max_review.unit);
  }
  for (int k = 0; k < Cluster::kProfiled; ++k) {
    const Cluster c = Cluster::FromProfileIndex(k);
    for (int i = 0; i < kItemCount; ++i) {
      EXPECT_EQ(a.has_must(c, ItemAt(i)), b.has_must(c, ItemAt(i)));
      for (int v = 0; v < kRatingCount; ++v) {
        EXPECT_EQ(a.band(c, ItemAt(i), v), b.band(c, ItemAt(i), v));
      }
    }
  }
  for (int band = 0; band < kBandCount; ++band) {
    EXPECT_EQ(a.weight_milli(static_cast<Band>(band)),
              b.weight_milli(static_cast<Band>(band)));
  }
  EXPECT_EQ(a.min_known_items(), b.min_known_items());
  EXPECT_EQ(a.day_count(), b.day_count());
  for (int f = 0; f < Cluster::kCount; ++f) {
    for (int t = 0; t < Cluster::kCount; ++t) {
      EXPECT_EQ(
          a.TransitionAllowed(Cluster::FromIndex(f), Cluster::FromIndex(t)),
          b.TransitionAllowed(Cluster::FromIndex(f), Cluster::FromIndex(t)));
    }
  }
  ASSERT_EQ(a.examples().size(), b.examples().size());
  for (size_t e = 0; e < a.examples().size(); ++e) {
    EXPECT_EQ(a.examples()[e].cluster, b.examples()[e].cluster);
    EXPECT_EQ(a.examples()[e].ratings, b.examples()[e].ratings);
  }
}

TEST(RuleSetTextTest, FrozenRulesRoundTripThroughText) {
  auto first = ParseRuleSetText(FrozenRulesText(), "frozen");
  ASSERT_THAT(first, IsOk());
  const std::string text = RuleSetToText(**first);
  auto second = ParseRuleSetText(text, "written");
  ASSERT_THAT(second, IsOk());
  ExpectSameRules(**first, **second);
  // Writing again gives the same text.
  EXPECT_EQ(RuleSetToText(**second), text);
}

TEST(RuleSetTextTest, EditedRulesRoundTripThroughText) {
  v1::RuleSet proto = FrozenProto();
  proto.mutable_weights()->set_must(2.5);
  proto.mutable_weights()->set_unlikely(-1.25);
  proto.mutable_weights()->set_likely(0.001);
  proto.set_min_known_items(9);
  proto.mutable_provenance()->set_effective_to("2017-03-31");
  proto.set_day_count(v1::MHSDS);
  proto.mutable_transitions()->set_allow_all(false);
  v1::TransitionRow* row = proto.mutable_transitions()->add_rows();
  row->set_from(11);
  row->add_to(12);
  row->add_to(0);
  RowOf(&proto, 3, "7")->set_bands("MMMEU");
  proto.clear_examples();
  auto first = FromProto(proto);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ((*first)->day_count(), DayCount::kMhsds);
  ASSERT_TRUE((*first)->provenance().effective_to.has_value());
  auto second = ParseRuleSetText(RuleSetToText(**first), "written");
  ASSERT_THAT(second, IsOk());
  ExpectSameRules(**first, **second);
  EXPECT_EQ((*second)->weight_milli(Band::kMust), 2500);
  EXPECT_EQ((*second)->weight_milli(Band::kLikely), 1);
  EXPECT_TRUE((*second)->TransitionAllowed(C(11), C(12)));
  EXPECT_FALSE((*second)->TransitionAllowed(C(11), C(13)));
  EXPECT_TRUE((*second)->has_must(C(3), Item::kDepressedMood));
  EXPECT_TRUE((*second)->BreaksRedRule(C(3), Item::kDepressedMood, 3));
  EXPECT_FALSE((*second)->BreaksRedRule(C(3), Item::kDepressedMood, 2));
  EXPECT_TRUE((*second)->InForce(absl::CivilDay(2017, 3, 31)));
  EXPECT_FALSE((*second)->InForce(absl::CivilDay(2017, 4, 1)));
  EXPECT_FALSE((*second)->InForce(absl::CivilDay(2013, 3, 31)));
}

// --- Files and the default -----------------------------------------------

TEST(RuleSetFileTest, MissingFileIsNotFoundNamingThePath) {
  const std::string path = testing::TestDataPath("no_such_rules.textproto");
  EXPECT_THAT(LoadRuleSetFile(path),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
}

TEST(RuleSetFileTest, LoadsTheFrozenFile) {
  auto rules = LoadRuleSetFile(testing::FrozenRulesPath());
  ASSERT_THAT(rules, IsOk());
  EXPECT_EQ((*rules)->provenance().version, "mhpbr-reference-1");
  EXPECT_EQ((*rules)->clusters().size(), 21u);
  // Errors in a file name the file.
  EXPECT_THAT(ParseRuleSetText(
                  FrozenTextWith("min_known_items: 12", "min_known_items: 0"),
                  testing::FrozenRulesPath()),
              StatusIs(kInvalid, StartsWith(testing::FrozenRulesPath())));
}

TEST(RuleSetFileTest, DefaultRuleSetParsesFromItsText) {
  EXPECT_FALSE(DefaultRuleSetText().empty());
  auto a = DefaultRuleSet();
  ASSERT_THAT(a, IsOk());
  auto b = ParseRuleSetText(DefaultRuleSetText(), "again");
  ASSERT_THAT(b, IsOk());
  ExpectSameRules(**a, **b);
  // Each call builds a new rule set.
  auto c = DefaultRuleSet();
  ASSERT_THAT(c, IsOk());
  EXPECT_NE(a->get(), c->get());
}

}  // namespace
}  // namespace mhpbr
