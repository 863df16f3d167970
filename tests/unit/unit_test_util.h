// Shared helpers for the unit tests: the frozen test rule set, short ways to
// write clusters and ratings, a FILE holding given bytes, and a field-by-field
// comparison of classifications.
//
// The frozen rule set (tests/data/test_rules.textproto) is a copy of the
// default rules as of mhpbr 0.1.0; its profile is the one in the spec's
// profiles.csv, so the hand-worked figures in the tests can be checked
// against that table.

#ifndef MHPBR_TESTS_UNIT_UNIT_TEST_UTIL_H_
#define MHPBR_TESTS_UNIT_UNIT_TEST_UTIL_H_

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "mhpbr/classification.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "mhpbr/item_set.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"

#ifndef MHPBR_TEST_DATA_DIR
#error "MHPBR_TEST_DATA_DIR must name tests/data"
#endif

namespace mhpbr::testing {

inline std::string TestDataPath(const std::string& name) {
  return std::string(MHPBR_TEST_DATA_DIR) + "/" + name;
}

inline std::string FrozenRulesPath() {
  return TestDataPath("test_rules.textproto");
}

// The frozen rule set's text; empty (and a test failure) if unreadable.
inline std::string FrozenRulesText() {
  std::ifstream in(FrozenRulesPath(), std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << FrozenRulesPath();
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The frozen rule set, parsed once per test binary.
inline const absl::StatusOr<std::shared_ptr<const RuleSet>>& FrozenRules() {
  static const auto* rules = new absl::StatusOr<std::shared_ptr<const RuleSet>>(
      LoadRuleSetFile(FrozenRulesPath()));
  return *rules;
}

inline Cluster C(int code) { return Cluster::FromCode(code).value(); }

// Ratings in profile row order (1-13, A-E); 9 = not known.
using Row18 = std::array<int, kItemCount>;

inline MhctRatings Ratings(const Row18& row, Answer organic = Answer::kUnknown,
                           Answer psychosis = Answer::kUnknown,
                           std::optional<int> allocated = std::nullopt) {
  MhctRatings r;
  for (int i = 0; i < kItemCount; ++i) {
    EXPECT_TRUE(r.Set(ItemAt(i), row[i]).ok()) << "row " << i;
  }
  r.set_organic(organic);
  r.set_psychosis(psychosis);
  if (allocated) r.set_allocated(C(*allocated));
  return r;
}

// An ItemSet from item codes, e.g. Items({"3", "6", "D"}).
inline ItemSet Items(std::initializer_list<const char*> codes) {
  ItemSet s;
  for (const char* code : codes) s.Add(ParseItemCode(code).value());
  return s;
}

// The spec's examples.csv: each cluster's typical ratings.
struct SpecExample {
  int cluster;
  Row18 ratings;
};
inline const std::array<SpecExample, 20>& SpecExamples() {
  static const std::array<SpecExample, 20> kExamples = {{
      {1, {0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}},
      {2, {0, 0, 0, 0, 1, 1, 3, 3, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}},
      {3, {0, 0, 0, 0, 1, 1, 3, 3, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0}},
      {4, {0, 0, 0, 0, 1, 1, 4, 4, 3, 1, 0, 3, 0, 0, 0, 0, 0, 1}},
      {5, {2, 3, 0, 0, 1, 1, 3, 4, 3, 3, 2, 3, 0, 0, 3, 0, 0, 3}},
      {6, {0, 0, 0, 0, 1, 1, 3, 3, 3, 3, 0, 3, 3, 0, 0, 0, 0, 3}},
      {7, {0, 0, 0, 0, 1, 1, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 3}},
      {8, {3, 3, 3, 0, 1, 1, 2, 2, 3, 0, 3, 3, 0, 0, 3, 0, 3, 3}},
      {10, {0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0}},
      {11, {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0}},
      {12, {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 2, 0}},
      {13, {2, 0, 0, 0, 1, 3, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 2, 3}},
      {14, {3, 0, 0, 0, 1, 3, 2, 2, 3, 3, 0, 1, 0, 3, 0, 0, 0, 3}},
      {15, {0, 2, 0, 0, 1, 3, 4, 2, 1, 3, 0, 3, 0, 0, 0, 0, 0, 3}},
      {16, {2, 0, 3, 0, 1, 3, 2, 2, 3, 0, 3, 1, 0, 0, 0, 0, 3, 3}},
      {17, {3, 0, 0, 0, 1, 3, 2, 2, 3, 0, 0, 1, 0, 3, 0, 0, 3, 3}},
      {18, {0, 0, 0, 2, 1, 0, 2, 2, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0}},
      {19, {0, 0, 0, 3, 1, 0, 2, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 3}},
      {20, {3, 0, 0, 3, 1, 2, 2, 3, 3, 3, 3, 1, 0, 0, 0, 0, 0, 3}},
      {21, {0, 0, 0, 3, 3, 0, 2, 2, 1, 4, 0, 1, 0, 0, 0, 0, 2, 3}},
  }};
  return kExamples;
}

inline const Row18& SpecExample(int cluster) {
  for (const auto& e : SpecExamples()) {
    if (e.cluster == cluster) return e.ratings;
  }
  ADD_FAILURE() << "no example for cluster " << cluster;
  return SpecExamples()[0].ratings;
}

// Every field of a Classification, with the field named on a mismatch.
inline ::testing::AssertionResult SameClassification(const Classification& a,
                                                     const Classification& b) {
  auto differ = [](const char* field, const std::string& x,
                   const std::string& y) {
    return ::testing::AssertionFailure()
           << field << " differs: " << x << " vs " << y;
  };
  auto opt = [](const auto& o) {
    return o ? std::to_string(static_cast<int64_t>(*o)) : std::string("none");
  };
  auto opt_cluster = [](const std::optional<Cluster>& c) {
    return c ? c->ToString() : std::string("none");
  };
  if (a.suggested != b.suggested) {
    return differ("suggested", a.suggested.ToString(), b.suggested.ToString());
  }
  if (a.suggested_fit_milli != b.suggested_fit_milli) {
    return differ("suggested_fit_milli", opt(a.suggested_fit_milli),
                  opt(b.suggested_fit_milli));
  }
  if (a.runner_up != b.runner_up) {
    return differ("runner_up", opt_cluster(a.runner_up),
                  opt_cluster(b.runner_up));
  }
  if (a.runner_up_fit_milli != b.runner_up_fit_milli) {
    return differ("runner_up_fit_milli", opt(a.runner_up_fit_milli),
                  opt(b.runner_up_fit_milli));
  }
  if (a.reason != b.reason) {
    return differ("reason", std::string(VarianceReasonName(a.reason)),
                  std::string(VarianceReasonName(b.reason)));
  }
  if (a.known_items != b.known_items) {
    return differ("known_items", std::to_string(a.known_items),
                  std::to_string(b.known_items));
  }
  if (a.fitting_items != b.fitting_items) {
    return differ("fitting_items", a.fitting_items.ToString(),
                  b.fitting_items.ToString());
  }
  if (a.misfitting_items != b.misfitting_items) {
    return differ("misfitting_items", a.misfitting_items.ToString(),
                  b.misfitting_items.ToString());
  }
  if (a.allocation.has_value() != b.allocation.has_value()) {
    return differ("allocation", a.allocation ? "set" : "none",
                  b.allocation ? "set" : "none");
  }
  if (a.allocation) {
    if (a.allocation->cluster != b.allocation->cluster) {
      return differ("allocation.cluster", a.allocation->cluster.ToString(),
                    b.allocation->cluster.ToString());
    }
    if (a.allocation->red != b.allocation->red) {
      return differ("allocation.red", a.allocation->red ? "y" : "n",
                    b.allocation->red ? "y" : "n");
    }
    if (a.allocation->red_items != b.allocation->red_items) {
      return differ("allocation.red_items", a.allocation->red_items.ToString(),
                    b.allocation->red_items.ToString());
    }
  }
  if (a.agrees() != b.agrees()) {
    return differ("agrees()", a.agrees() ? "y" : "n", b.agrees() ? "y" : "n");
  }
  return ::testing::AssertionSuccess();
}

// A readable one-line account of ratings, for failure messages.
inline std::string Describe(const MhctRatings& r) {
  std::string out = "ratings [";
  for (int i = 0; i < kItemCount; ++i) {
    if (i > 0) out += ',';
    out += std::to_string(r.rating(ItemAt(i)));
  }
  out += "] organic=" + std::to_string(static_cast<int>(r.organic())) +
         " psychosis=" + std::to_string(static_cast<int>(r.psychosis())) +
         " allocated=" + (r.allocated() ? r.allocated()->ToString() : "none");
  return out;
}

// A temporary FILE holding `bytes`, positioned at the start.
struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

inline FilePtr FileWith(const std::string& bytes) {
  FilePtr f(std::tmpfile());
  if (f == nullptr) {
    ADD_FAILURE() << "tmpfile() failed";
    return f;
  }
  if (!bytes.empty() &&
      std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size()) {
    ADD_FAILURE() << "writing the temporary file failed";
  }
  std::rewind(f.get());
  return f;
}

// Everything in `f` from the start.
inline std::string ContentsOf(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

}  // namespace mhpbr::testing

#endif  // MHPBR_TESTS_UNIT_UNIT_TEST_UTIL_H_
