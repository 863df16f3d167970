// A validated, immutable MHCT rule set: items, clusters, rating profiles,
// fit weights, the minimum of known items and the transition table, with the
// provenance (source document, financial year, dates in force).
//
// Build one from plain contents, usually through the text-format reader in
// "mhpbr/rule_set_text.h", then share the pointer: a RuleSet never changes
// after `Create`, so it is thread-safe to read from any number of threads.
//
//   absl::StatusOr<std::shared_ptr<const mhpbr::RuleSet>> rules =
//       mhpbr::DefaultRuleSet();
//   const mhpbr::ClusterInfo& c14 = (*rules)->cluster(*Cluster::FromCode(14));

#ifndef MHPBR_RULE_SET_H_
#define MHPBR_RULE_SET_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {

// A profile cell: how a rating sits in a cluster's picture.
enum class Band : uint8_t {
  kMust = 0,      // M: must score; a known rating outside M breaks a red rule
  kExpected = 1,  // E: expected to score
  kLikely = 2,    // L: may score
  kUnlikely = 3,  // U: unlikely to score
};
inline constexpr int kBandCount = 4;
inline constexpr int kRatingCount = 5;  // ratings 0-4

// How a cluster period's days are counted (periods.md).
enum class DayCount : uint8_t {
  // Both ends: end - start + 1. The default.
  kInclusive = 0,
  // NHS Digital's MHSDS derivation: a closed period counts end - start (the
  // end day not included); an open one counts through the as-of date.
  kMhsds = 1,
};

struct ReviewPeriod {
  enum class Unit : uint8_t { kWeeks, kMonths };
  int count = 0;
  Unit unit = Unit::kMonths;
};

struct Provenance {
  std::string source;
  std::string financial_year;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_to;  // none = still in force
  std::string notes;
  std::string version;
};

enum class ItemSection : uint8_t { kCurrent, kHistorical, kItem8Type };

struct ItemInfo {
  std::string code;  // "1".."13", "8A".."8J", "A".."E"
  std::string name;
  ItemSection section = ItemSection::kCurrent;
};

struct ClusterInfo {
  Cluster cluster;
  std::string name;
  Superclass superclass = Superclass::kVariance;
  std::string subgroup;
  ReviewPeriod max_review;
};

// How outcomes are measured (outcomes.md): the scorable rule, the pairing
// windows, the reliable change and clinical cut-off of the HoNOS total, and
// the follow-up after an inpatient stay. The defaults are mhpbr's (the
// change and cut-off from Parabiaghi et al. 2005); a rule set that omits a
// field gets its default.
struct OutcomeRules {
  std::string source;
  int max_unknown_items = 2;   // of HoNOS items 1-12; 0-12
  int start_before_days = 14;  // start window before the period start
  int start_after_days = 7;    // and after it
  int min_interval_days = 14;  // start to follow-up, at least
  int end_after_days = 1;      // follow-up at most this after the last day
  int reliable_change = 8;     // 1-48
  int clinical_cutoff = 11;    // 1-48
  int follow_up_days = 7;      // after a stay's last bed day, at least 1
  // Fair comparison's strata: the highest start total of each band but the
  // last, strictly rising within 0-47 (0-10, 11-15, 16-20, 21+).
  std::vector<int> band_upper = {10, 15, 20};
};

// Small-number suppression of published figures (spc.md "Publication-safe
// figures", suppression.h): counts below `threshold` are hidden, the rest
// rounded to a multiple of `base`. NHS England's MHSDS publications use 5
// and 5.
struct SuppressionRules {
  int threshold = 5;  // 0-1000000
  int base = 5;       // 1-1000000
};

// The XmR chart constants of spc.md (the Making Data Count guidance, as
// NHS-R's NHSRplotthedots implements it): limits at 2.66 x amR, near
// limits at 2/3 of that, moving ranges screened at 3.267 x amR, runs and
// trends of 7, fewer than 12 points short.
struct SpcRules {
  std::string source = {};
  int limit_milli = 2660;  // 1-100000
  int near_numerator = 2;  // 1 <= numerator <= denominator <= 100
  int near_denominator = 3;
  int screen_milli = 3267;  // 1001-100000
  int run_length = 7;       // 2-1000
  int trend_length = 7;     // 2-1000
  int short_below = 12;     // 1-1000
};

// The contents a rule set is built from, before validation. Profiles keep
// their band letters as text so that validation can name the bad cell.
struct RuleSetContents {
  struct ClusterEntry {
    int code = -1;
    std::string name;
    std::optional<Superclass> superclass;  // none = not given
    std::string subgroup;
    int review_count = 0;
    std::optional<ReviewPeriod::Unit> review_unit;  // none = not given
  };
  struct ProfileRow {
    std::string item;   // "1".."13" or "A".."E"
    std::string bands;  // five letters of M, E, L, U
  };
  struct Profile {
    int cluster = -1;
    std::vector<ProfileRow> rows;
  };
  struct Weights {
    double must = 0, expected = 0, likely = 0, unlikely = 0;
  };
  using Transition = TransitionTable::Row;
  struct Example {
    int cluster = -1;
    std::vector<int> ratings;  // profile row order, kNotKnown = 9
  };

  Provenance provenance;
  std::vector<ItemInfo> items;
  std::vector<ClusterEntry> clusters;
  std::vector<Profile> profiles;
  Weights weights;
  int min_known_items = 0;
  bool allow_all_transitions = true;
  std::vector<Transition> transitions;
  std::vector<Example> examples;
  DayCount day_count = DayCount::kInclusive;
  OutcomeRules outcomes;
  SuppressionRules suppression = {};
  SpcRules spc = {};
};

// A cluster's typical ratings, which the rule set says must classify to it.
struct RuleSetExample {
  Cluster cluster;
  std::array<uint8_t, kItemCount> ratings;  // kNotKnown = 9
};

// Weights are held in thousandths so that fit scores add up exactly.
inline constexpr int kFitScale = 1000;

class RuleSet {
 public:
  // Validates everything and names the cluster, item or field at fault:
  // every cluster 0-8 and 10-21 exactly once; a profile for each of 1-8 and
  // 10-21 with exactly the 18 rows, each five letters of M, E, L, U; weights
  // finite, within +-1000, at most three decimals; 1 <= min_known_items
  // <= 18; transitions and examples naming real clusters; outcome rules
  // within their ranges (day counts 0-3660, follow_up_days and
  // min_interval_days at least 1).
  static absl::StatusOr<std::shared_ptr<const RuleSet>> Create(
      RuleSetContents contents);

  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const Provenance& provenance() const { return contents_.provenance; }
  // True when `day` lies within the provenance's effective dates.
  bool InForce(absl::CivilDay day) const;

  const ClusterInfo& cluster(Cluster c) const { return clusters_[c.index()]; }
  // All 21, in code order.
  absl::Span<const ClusterInfo> clusters() const { return clusters_; }
  absl::Span<const ItemInfo> items() const { return contents_.items; }

  // REQUIRES: !c.is_variance(), 0 <= rating <= 4.
  Band band(Cluster c, Item i, int rating) const {
    return bands_[c.profile_index()][ItemIndex(i)][rating];
  }
  // True when the row has any M: then a known rating outside M breaks the
  // cluster's red rule. REQUIRES: !c.is_variance().
  bool has_must(Cluster c, Item i) const {
    return has_must_[c.profile_index()][ItemIndex(i)];
  }
  // REQUIRES: !c.is_variance(), 0 <= rating <= 4.
  bool BreaksRedRule(Cluster c, Item i, int rating) const {
    return has_must(c, i) && band(c, i, rating) != Band::kMust;
  }

  // Weight of a band in thousandths (kFitScale).
  int32_t weight_milli(Band b) const {
    return weights_milli_[static_cast<int>(b)];
  }
  int min_known_items() const { return contents_.min_known_items; }

  // Moves to and from cluster 0 are always allowed.
  bool TransitionAllowed(Cluster from, Cluster to) const {
    return transitions_.Allowed(from, to);
  }
  const TransitionTable& transitions() const { return transitions_; }
  DayCount day_count() const { return contents_.day_count; }
  const OutcomeRules& outcomes() const { return contents_.outcomes; }
  const SuppressionRules& suppression() const { return contents_.suppression; }
  const SpcRules& spc() const { return contents_.spc; }

  absl::Span<const RuleSetExample> examples() const { return examples_; }

  // What the rule set was built from, for writing it back out.
  const RuleSetContents& contents() const { return contents_; }

 private:
  RuleSet() = default;

  RuleSetContents contents_;
  std::array<ClusterInfo, Cluster::kCount> clusters_;
  std::array<std::array<std::array<Band, kRatingCount>, kItemCount>,
             Cluster::kProfiled>
      bands_;
  std::array<std::array<bool, kItemCount>, Cluster::kProfiled> has_must_;
  std::array<int32_t, kBandCount> weights_milli_;
  TransitionTable transitions_;
  std::vector<RuleSetExample> examples_;
};

}  // namespace mhpbr

#endif  // MHPBR_RULE_SET_H_
