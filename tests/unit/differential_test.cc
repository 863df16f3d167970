// Differential test: a slow, obvious classifier written here straight from
// classification.md, using nothing of the library's classifier but the rule
// set's plain accessors (band, has_must, weight_milli, cluster().superclass,
// min_known_items), compared field by field with Classifier::Classify on
// hundreds of thousands of generated assessments.
//
// The generator is biased so that red rules, unknown ratings, too few known
// items, ties, every answer combination and allocations (red or not, and to
// cluster 0) all occur often; the frozen rule set's run checks that they
// did. Other runs use rule sets edited from the frozen one: fractional
// weights and other minimums, weights near the limits of any fixed-width
// shortcut, and random profiles and superclasses.

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/classification.h"
#include "mhpbr/classifier.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "tests/unit/rule_set_proto_util.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::Describe;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::SameClassification;

// ---------------------------------------------------------------------------
// The reference, step by step as classification.md says.

// Step 1: organic yes -> organic only; else psychosis yes -> psychotic only;
// else both no -> non-psychotic only; an unknown answer does not restrict.
bool IsCandidate(Superclass s, Answer organic, Answer psychosis) {
  if (organic == Answer::kYes) return s == Superclass::kOrganic;
  if (psychosis == Answer::kYes) return s == Superclass::kPsychotic;
  if (organic == Answer::kNo && psychosis == Answer::kNo) {
    return s == Superclass::kNonPsychotic;
  }
  return true;
}

// "If a row has any M, a known rating outside the M letters breaks that
// cluster's red rule for the item." Unknown ratings break nothing.
bool BreaksRow(const RuleSet& rs, Cluster c, Item item, int rating) {
  if (rating == kNotKnown) return false;
  return rs.has_must(c, item) && rs.band(c, item, rating) != Band::kMust;
}

// has_must() is "the row has any M" (checked once per rule set).
void ExpectHasMustMatchesTheLetters(const RuleSet& rs) {
  for (int k = 0; k < Cluster::kProfiled; ++k) {
    const Cluster c = Cluster::FromProfileIndex(k);
    for (int i = 0; i < kItemCount; ++i) {
      bool any_m = false;
      for (int v = 0; v < kRatingCount; ++v) {
        if (rs.band(c, ItemAt(i), v) == Band::kMust) any_m = true;
      }
      EXPECT_EQ(rs.has_must(c, ItemAt(i)), any_m)
          << "cluster " << c.code() << " item " << ItemCode(ItemAt(i));
    }
  }
}

Classification Reference(const RuleSet& rs, const MhctRatings& r) {
  Classification out;

  int known = 0;
  for (int i = 0; i < kItemCount; ++i) {
    if (r.rating(ItemAt(i)) != kNotKnown) known = known + 1;
  }
  out.known_items = known;

  // Checking an allocation: red if any item breaks that cluster's red rule;
  // cluster 0 is never red.
  if (r.allocated().has_value()) {
    AllocationCheck check;
    check.cluster = *r.allocated();
    if (!check.cluster.is_variance()) {
      for (int i = 0; i < kItemCount; ++i) {
        if (BreaksRow(rs, check.cluster, ItemAt(i), r.rating(ItemAt(i)))) {
          check.red_items.Add(ItemAt(i));
          check.red = true;
        }
      }
    }
    out.allocation = check;
  }

  // Step 4, first half: too few known.
  if (known < rs.min_known_items()) {
    out.reason = VarianceReason::kTooFewKnown;
    return out;
  }

  // Steps 1-2: candidates, without those breaking a red rule.
  struct Candidate {
    Cluster cluster;
    int64_t fit;
  };
  std::vector<Candidate> candidates;
  for (int code = 1; code <= 21; ++code) {
    if (code == 9) continue;
    const Cluster c = Cluster::FromCode(code).value();
    if (!IsCandidate(rs.cluster(c).superclass, r.organic(), r.psychosis())) {
      continue;
    }
    bool broken = false;
    for (int i = 0; i < kItemCount; ++i) {
      if (BreaksRow(rs, c, ItemAt(i), r.rating(ItemAt(i)))) broken = true;
    }
    if (broken) continue;
    // The fit: the weight of each known rating's band.
    int64_t fit = 0;
    for (int i = 0; i < kItemCount; ++i) {
      const int v = r.rating(ItemAt(i));
      if (v == kNotKnown) continue;
      fit = fit + rs.weight_milli(rs.band(c, ItemAt(i), v));
    }
    candidates.push_back({c, fit});
  }

  // Step 4, second half: nothing left.
  if (candidates.empty()) {
    out.reason = VarianceReason::kNoFit;
    return out;
  }

  // Step 3: highest fit, ties to the lower cluster; the runner-up is next.
  std::vector<Candidate> ranked = candidates;
  std::sort(ranked.begin(), ranked.end(),
            [](const Candidate& a, const Candidate& b) {
              if (a.fit != b.fit) return a.fit > b.fit;
              return a.cluster.code() < b.cluster.code();
            });
  out.suggested = ranked[0].cluster;
  out.suggested_fit_milli = static_cast<int32_t>(ranked[0].fit);
  if (ranked.size() > 1) {
    out.runner_up = ranked[1].cluster;
    out.runner_up_fit_milli = static_cast<int32_t>(ranked[1].fit);
  }

  // Step 5: the suggested cluster's rows that fit (M, E) and do not (U).
  for (int i = 0; i < kItemCount; ++i) {
    const int v = r.rating(ItemAt(i));
    if (v == kNotKnown) continue;
    const Band b = rs.band(out.suggested, ItemAt(i), v);
    if (b == Band::kMust || b == Band::kExpected)
      out.fitting_items.Add(ItemAt(i));
    if (b == Band::kUnlikely) out.misfitting_items.Add(ItemAt(i));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Generated assessments.

class AssessmentGenerator {
 public:
  AssessmentGenerator(uint32_t seed, const RuleSet& rules)
      : rng_(seed), rules_(rules) {}

  MhctRatings Next() {
    std::array<int, kItemCount> row{};
    switch (Pick(6)) {
      case 0:
      case 1: {  // a worked example, a few rows changed
        const auto& ex = testing::SpecExamples()[Pick(20)];
        row = ex.ratings;
        const int changes = Pick(4);
        for (int n = 0; n < changes; ++n) {
          const int i = Pick(kItemCount);
          row[i] = Pick(2) == 0 ? std::clamp(row[i] + (Pick(2) ? 1 : -1), 0, 4)
                                : Pick(5);
        }
        break;
      }
      case 2:  // anything, lower ratings likelier
        for (int& v : row) v = std::min(Pick(5), Pick(6));
        break;
      case 3:  // anything
        for (int& v : row) v = Pick(5);
        break;
      case 4: {  // shaped like one cluster's M/E cells: close contests
        const Cluster c = Cluster::FromProfileIndex(Pick(Cluster::kProfiled));
        for (int i = 0; i < kItemCount; ++i) {
          std::vector<int> good;
          for (int v = 0; v < kRatingCount; ++v) {
            const Band b = rules_.band(c, ItemAt(i), v);
            if (b == Band::kMust || b == Band::kExpected) good.push_back(v);
          }
          row[i] = good.empty() || Pick(8) == 0
                       ? Pick(5)
                       : good[Pick(static_cast<int>(good.size()))];
        }
        break;
      }
      default: {  // two values only: many equal scores
        const int a = Pick(5), b = Pick(5);
        for (int& v : row) v = Pick(2) ? a : b;
        break;
      }
    }
    // Not known: none, a few, or many (too few known).
    static constexpr int kUnknownPercent[] = {0, 0, 5, 15, 35, 60};
    const int unknown = kUnknownPercent[Pick(6)];
    for (int& v : row) {
      if (Pick(100) < unknown) v = kNotKnown;
    }

    // Cheap checks: this runs millions of times.
    auto check = [](const absl::Status& s) {
      if (!s.ok()) ADD_FAILURE() << s;
    };
    MhctRatings r;
    const bool by_type = Pick(10) < 3;
    for (int i = 0; i < kItemCount; ++i) {
      const Item item = ItemAt(i);
      if (item == Item::kOtherProblems && by_type) {
        // Types whose highest known rating is row[i] (or all unknown).
        for (int t = 0; t < kItem8TypeCount; ++t) {
          int v = kNotKnown;
          if (row[i] != kNotKnown && Pick(3) == 0) v = Pick(row[i] + 1);
          check(r.SetItem8Type(static_cast<Item8Type>(t), v));
        }
        if (row[i] != kNotKnown) {
          check(r.SetItem8Type(static_cast<Item8Type>(Pick(10)), row[i]));
        }
        if (r.rating(item) != row[i]) ADD_FAILURE() << "item 8 from types";
        continue;
      }
      check(r.Set(item, row[i]));
    }
    r.set_organic(static_cast<Answer>(Pick(3)));
    r.set_psychosis(static_cast<Answer>(Pick(3)));
    if (Pick(2) == 0)
      r.set_allocated(Cluster::FromIndex(Pick(Cluster::kCount)));
    return r;
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::mt19937 rng_;
  const RuleSet& rules_;
};

// What the run covered, so that a generator change cannot quietly stop
// exercising a rule.
struct Coverage {
  int64_t cases = 0, too_few = 0, no_fit = 0, suggested = 0, tied_best = 0,
          no_runner_up = 0, red_allocations = 0, clean_allocations = 0,
          variance_allocations = 0, agreements = 0, negative_fits = 0;
  std::array<int64_t, 22> by_cluster{};
  std::array<std::array<int64_t, 3>, 3> by_answers{};

  void Add(const MhctRatings& r, const Classification& c) {
    ++cases;
    ++by_answers[static_cast<int>(r.organic())]
                [static_cast<int>(r.psychosis())];
    if (c.reason == VarianceReason::kTooFewKnown) ++too_few;
    if (c.reason == VarianceReason::kNoFit) ++no_fit;
    if (c.reason == VarianceReason::kNone) {
      ++suggested;
      ++by_cluster[c.suggested.code()];
      if (!c.runner_up) ++no_runner_up;
      if (c.runner_up && *c.runner_up_fit_milli == *c.suggested_fit_milli) {
        ++tied_best;
      }
      if (*c.suggested_fit_milli < 0) ++negative_fits;
    }
    if (c.allocation) {
      if (c.allocation->cluster.is_variance()) ++variance_allocations;
      (c.allocation->red ? red_allocations : clean_allocations)++;
      if (c.agrees()) ++agreements;
    }
  }
};

struct DifferentialCase {
  std::string name;
  std::function<absl::StatusOr<std::shared_ptr<const RuleSet>>()> rules;
  int cases;
  uint32_t seed;
  bool check_coverage;
};

Coverage RunDifferential(const std::shared_ptr<const RuleSet>& shared,
                         int cases, uint32_t seed) {
  const RuleSet& rules = *shared;
  ExpectHasMustMatchesTheLetters(rules);
  const Classifier classifier(shared);
  AssessmentGenerator gen(seed, rules);
  Coverage coverage;
  int failures = 0;
  for (int n = 0; n < cases; ++n) {
    const MhctRatings r = gen.Next();
    const Classification want = Reference(rules, r);
    const Classification got = classifier.Classify(r);
    coverage.Add(r, want);
    const ::testing::AssertionResult same = SameClassification(got, want);
    if (!same) {
      ADD_FAILURE() << "case " << n << ": " << Describe(r)
                    << "\n  library vs reference: " << same.message();
      if (++failures >= 10) {
        ADD_FAILURE() << "stopping after 10 differences";
        break;
      }
    }
  }
  return coverage;
}

class DifferentialTest : public ::testing::TestWithParam<DifferentialCase> {};

TEST_P(DifferentialTest, LibraryAgreesWithTheSpecReference) {
  auto rules = GetParam().rules();
  ASSERT_THAT(rules, IsOk());
  const Coverage cov =
      RunDifferential(*rules, GetParam().cases, GetParam().seed);
  if (!GetParam().check_coverage) return;
  const int64_t n = cov.cases;
  EXPECT_EQ(n, GetParam().cases);
  EXPECT_GT(cov.too_few, n / 50);
  EXPECT_GT(cov.no_fit, n / 200);
  EXPECT_GT(cov.tied_best, n / 100);
  EXPECT_GT(cov.no_runner_up, 100);
  EXPECT_GT(cov.red_allocations, n / 20);
  EXPECT_GT(cov.clean_allocations, n / 20);
  EXPECT_GT(cov.variance_allocations, 1000);
  EXPECT_GT(cov.agreements, 1000);
  EXPECT_GT(cov.negative_fits, 100);
  for (int code = 1; code <= 21; ++code) {
    if (code == 9) continue;
    EXPECT_GT(cov.by_cluster[code], 100) << "cluster " << code;
  }
  for (const auto& row : cov.by_answers) {
    for (int64_t count : row) EXPECT_GT(count, n / 20);
  }
}

// ---------------------------------------------------------------------------
// The rule sets.

absl::StatusOr<std::shared_ptr<const RuleSet>> Frozen() {
  return testing::FrozenRules();
}

// The frozen rule set with other weights and minimum.
std::function<absl::StatusOr<std::shared_ptr<const RuleSet>>()> Reweighted(
    double must, double expected, double likely, double unlikely,
    int min_known) {
  return [=]() {
    v1::RuleSet proto = testing::FrozenProto();
    proto.mutable_weights()->set_must(must);
    proto.mutable_weights()->set_expected(expected);
    proto.mutable_weights()->set_likely(likely);
    proto.mutable_weights()->set_unlikely(unlikely);
    proto.set_min_known_items(min_known);
    proto.clear_examples();
    return testing::FromProto(proto);
  };
}

// Random bands (with plenty of M rows), random superclasses for 1-21,
// random weights of up to three decimals and a random minimum.
std::function<absl::StatusOr<std::shared_ptr<const RuleSet>>()> RandomRules(
    uint32_t seed, bool whole_weights) {
  return [=]() {
    std::mt19937 rng(seed);
    auto pick = [&rng](int n) {
      return std::uniform_int_distribution<int>(0, n - 1)(rng);
    };
    v1::RuleSet proto = testing::FrozenProto();
    proto.clear_examples();
    for (v1::Cluster& c : *proto.mutable_clusters()) {
      if (c.code() == 0) continue;
      static constexpr v1::Superclass kSuper[] = {v1::NON_PSYCHOTIC,
                                                  v1::PSYCHOTIC, v1::ORGANIC};
      c.set_superclass(kSuper[pick(3)]);
    }
    for (v1::Profile& p : *proto.mutable_profiles()) {
      for (v1::ProfileRow& row : *p.mutable_rows()) {
        std::string bands;
        const bool with_m = pick(4) == 0;
        for (int v = 0; v < kRatingCount; ++v) {
          bands.push_back(with_m && pick(2) ? 'M' : "ELU"[pick(3)]);
        }
        row.set_bands(bands);
      }
    }
    auto weight = [&]() {
      return whole_weights ? pick(21) - 10.0 : (pick(40001) - 20000) / 1000.0;
    };
    proto.mutable_weights()->set_must(weight());
    proto.mutable_weights()->set_expected(weight());
    proto.mutable_weights()->set_likely(weight());
    proto.mutable_weights()->set_unlikely(weight());
    proto.set_min_known_items(1 + pick(kItemCount));
    return testing::FromProto(proto);
  };
}

INSTANTIATE_TEST_SUITE_P(
    RuleSets, DifferentialTest,
    ::testing::Values(
        DifferentialCase{"frozen", &Frozen, 200000, 1, true},
        DifferentialCase{"default", &DefaultRuleSet, 20000, 2, false},
        // Fractional weights, a lower minimum.
        DifferentialCase{"fractional_min8",
                         Reweighted(2.5, 1.75, 0.5, -1.25, 8), 40000, 3, false},
        // Weights sharing no common unit above 0.001, a higher minimum.
        DifferentialCase{"thousandths_min15",
                         Reweighted(3.001, 2, -0.999, -2.003, 15), 40000, 4,
                         false},
        // Scores up to +-56 * 18 = 1008 units, and just beyond.
        DifferentialCase{"units56", Reweighted(56, 1, 0, -56, 12), 30000, 5,
                         false},
        DifferentialCase{"units57", Reweighted(57, 1, 0, -57, 12), 30000, 6,
                         false},
        // The largest weights allowed.
        DifferentialCase{"extremes",
                         Reweighted(1000, -1000, 999.999, -0.001, 1), 30000, 7,
                         false},
        // Weights all multiples of 2.
        DifferentialCase{"even", Reweighted(4, 2, 0, -6, 12), 20000, 11, false},
        DifferentialCase{"random_a", RandomRules(101, false), 30000, 8, false},
        DifferentialCase{"random_b", RandomRules(202, true), 30000, 9, false},
        DifferentialCase{"random_c", RandomRules(303, false), 30000, 10, false},
        DifferentialCase{"random_d", RandomRules(404, true), 30000, 12, false}),
    [](const ::testing::TestParamInfo<DifferentialCase>& info) {
      return info.param.name;
    });

// The reference itself, on figures worked by hand in classifier_test.cc, so
// that a wrong reference cannot agree with a wrong library.
TEST(DifferentialReferenceTest, MatchesHandWorkedFigures) {
  ASSERT_THAT(testing::FrozenRules(), IsOk());
  const RuleSet& rs = **testing::FrozenRules();
  const Classification c =
      Reference(rs, testing::Ratings(testing::SpecExample(1)));
  EXPECT_EQ(c.suggested.code(), 1);
  EXPECT_EQ(c.suggested_fit_milli, 37000);
  EXPECT_EQ(c.runner_up->code(), 2);
  EXPECT_EQ(c.runner_up_fit_milli, 37000);
  const testing::Row18 mixed = {3, 1, 4, 1, 9, 4, 9, 4, 4,
                                3, 0, 9, 2, 9, 0, 4, 0, 0};
  const Classification m = Reference(rs, testing::Ratings(mixed));
  EXPECT_EQ(m.suggested.code(), 14);
  EXPECT_EQ(m.suggested_fit_milli, 13000);
  EXPECT_EQ(m.runner_up->code(), 13);
  EXPECT_EQ(m.misfitting_items.ToString(), "3;8;C");
  const Classification o = Reference(rs, testing::Ratings(mixed, Answer::kYes));
  EXPECT_EQ(o.suggested.code(), 21);
  EXPECT_EQ(o.suggested_fit_milli, -2000);
}

}  // namespace
}  // namespace mhpbr
