// The MHCT classifier: ratings in, suggested cluster and allocation check
// out, exactly as the rule set's profiles, red rules and weights say.
//
// Built once from a rule set into tables indexed by item and rating, then
// only read: a Classifier is immutable and thread-safe, and one instance
// may serve every thread of a process.
//
//   auto rules = mhpbr::DefaultRuleSet();           // StatusOr
//   mhpbr::Classifier classifier(*rules);
//   mhpbr::Classification c = classifier.Classify(ratings);
//   if (c.allocation && c.allocation->red) ... c.allocation->red_items ...

#ifndef MHPBR_CLASSIFIER_H_
#define MHPBR_CLASSIFIER_H_

#include <array>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "mhpbr/classification.h"
#include "mhpbr/cluster.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

class Classifier {
 public:
  // REQUIRES: rules != nullptr (a null rule set gives a classifier that
  // suggests cluster 0 with too_few_known for everything).
  explicit Classifier(std::shared_ptr<const RuleSet> rules);

  const RuleSet& rules() const { return *rules_; }

  // Suggests a cluster and, when the ratings carry one, checks the
  // allocation. Cannot fail: MhctRatings is valid by construction.
  Classification Classify(const MhctRatings& ratings) const;

  // Classifies in[i] into out[i]. Fails only when the spans differ in size.
  absl::Status ClassifyBatch(absl::Span<const MhctRatings> in,
                             absl::Span<Classification> out) const;
  // The same on up to `threads` threads, each a contiguous part of the
  // batch: the same results (threads <= 1: on the calling thread).
  absl::Status ClassifyBatch(absl::Span<const MhctRatings> in,
                             absl::Span<Classification> out, int threads) const;

  // Checks an allocation to `cluster` against its red rules.
  AllocationCheck CheckAllocation(const MhctRatings& ratings,
                                  Cluster cluster) const;

 private:
  // Ratings 0-4 index themselves; "not known" (9) maps to slot 5, whose
  // table entries are all zero, so the hot loops have no branch.
  static constexpr int kRatingSlots = 6;
  static constexpr int kProfiled = Cluster::kProfiled;
  // Score lanes: the 20 profiled clusters, padded to 24.
  static constexpr int kLanes = 24;
  // Items are looked up two at a time: pair p is rows 2p and 2p+1, indexed
  // by slot(2p) * kRatingSlots + slot(2p+1).
  static constexpr int kPairs = kItemCount / 2;
  static constexpr int kPairSlots = kRatingSlots * kRatingSlots;
  // In the narrow tables, the lane after the clusters counts known items.
  static constexpr int kKnownLane = kProfiled;

  // The narrow tables: each score in units of the weights' greatest common
  // divisor, as int16. Used when every cluster's highest possible |score|
  // fits beside a 5-bit cluster index in an int16 sort key (see
  // classifier.cc), which the default weights (3, 2, 1, -2) do easily.
  struct alignas(16) NarrowRow {
    std::array<int16_t, kLanes> lane;
  };
  // The wide tables, for rule sets whose weights do not fit the narrow
  // ones: each score in thousandths, one item at a time.
  struct alignas(16) WideRow {
    std::array<int32_t, kLanes> lane;
  };

  static int Slot(int rating) { return rating < 5 ? rating : 5; }

  // Items rated 0..4, one bit mask per rating (bit i = profile row i).
  using RatingMasks = std::array<uint32_t, kRatingCount>;
  static RatingMasks MasksByRating(const MhctRatings& ratings);
  // Rows of cluster k whose rating falls in `table[k][rating]`.
  static uint32_t RowsOf(
      const std::array<std::array<uint32_t, kRatingCount>, kProfiled>& table,
      int k, const RatingMasks& masks);
  // The red-rule check of `cluster` from masks already computed.
  AllocationCheck CheckAllocationMasks(Cluster cluster,
                                       const RatingMasks& masks) const;

  // Sets the suggestion (profile index `best`), the runner-up (`second`,
  // when >= 0), their fits, and the suggestion's fitting and misfitting
  // rows.
  void Finish(int best, int32_t best_milli, int second, int32_t second_milli,
              const RatingMasks& masks, Classification* out) const;
  Classification ClassifyNarrow(const MhctRatings& ratings) const;
  Classification ClassifyWide(const MhctRatings& ratings) const;

  std::shared_ptr<const RuleSet> rules_;
  int min_known_ = kItemCount + 1;
  bool narrow_ = false;
  // The narrow tables' unit, in thousandths.
  int32_t unit_milli_ = 1;
  // narrow_score_[pair][pair slot]: each cluster's weight for the pair's
  // two ratings, and the number of them known.
  std::array<std::array<NarrowRow, kPairSlots>, kPairs> narrow_score_{};
  // wide_score_[item][slot]: each cluster's weight in thousandths.
  std::array<std::array<WideRow, kRatingSlots>, kItemCount> wide_score_{};
  // Bit k set: profiled cluster k's red rule breaks, for the pair's two
  // ratings.
  std::array<std::array<uint32_t, kPairSlots>, kPairs> pair_red_{};
  // [cluster][rating]: the rows where that rating breaks the cluster's red
  // rule (red_rows_), or falls in its M/E band (fit_rows_) or U band
  // (misfit_rows_).
  std::array<std::array<uint32_t, kRatingCount>, kProfiled> red_rows_{};
  std::array<std::array<uint32_t, kRatingCount>, kProfiled> fit_rows_{};
  std::array<std::array<uint32_t, kRatingCount>, kProfiled> misfit_rows_{};
  // Candidate clusters by [organic][psychosis] answer.
  std::array<std::array<uint32_t, 3>, 3> candidates_{};
};

}  // namespace mhpbr

#endif  // MHPBR_CLASSIFIER_H_
