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

  // Checks an allocation to `cluster` against its red rules.
  AllocationCheck CheckAllocation(const MhctRatings& ratings,
                                  Cluster cluster) const;

 private:
  // Ratings 0-4 index themselves; "not known" (9) maps to this row of
  // zeros, so the hot loop has no branch.
  static constexpr int kRatingSlots = 6;
  // Profiled clusters padded to a multiple of 8 lanes for vector adds.
  static constexpr int kLanes = 24;

  struct alignas(32) ScoreRow {
    std::array<int32_t, kLanes> score;
  };

  static int Slot(int rating) { return rating < 5 ? rating : 5; }

  std::shared_ptr<const RuleSet> rules_;
  int min_known_ = kItemCount + 1;
  // score_[item][slot]: the weight of each cluster's band for that rating.
  std::array<std::array<ScoreRow, kRatingSlots>, kItemCount> score_{};
  // Bit k set: profiled cluster k's red rule breaks (red_), or its band is
  // M/E (fit_) or U (misfit_), for that item and rating.
  std::array<std::array<uint32_t, kRatingSlots>, kItemCount> red_{};
  std::array<std::array<uint32_t, kRatingSlots>, kItemCount> fit_{};
  std::array<std::array<uint32_t, kRatingSlots>, kItemCount> misfit_{};
  // Candidate clusters by [organic][psychosis] answer.
  std::array<std::array<uint32_t, 3>, 3> candidates_{};
};

}  // namespace mhpbr

#endif  // MHPBR_CLASSIFIER_H_
