#include "mhpbr/classifier.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {

// Index into the [organic][psychosis] candidate table.
int AnswerIndex(Answer a) { return static_cast<int>(a); }

}  // namespace

Classifier::Classifier(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)) {
  if (rules_ == nullptr) return;  // min_known_ > 18: everything is variance
  const RuleSet& rs = *rules_;
  min_known_ = rs.min_known_items();
  uint32_t by_superclass[4] = {0, 0, 0, 0};
  for (int k = 0; k < Cluster::kProfiled; ++k) {
    const Cluster c = Cluster::FromProfileIndex(k);
    by_superclass[static_cast<int>(rs.cluster(c).superclass)] |= 1u << k;
    for (int i = 0; i < kItemCount; ++i) {
      const Item item = ItemAt(i);
      for (int rating = 0; rating < kRatingCount; ++rating) {
        const Band band = rs.band(c, item, rating);
        score_[i][rating].score[k] = rs.weight_milli(band);
        const uint32_t bit = 1u << k;
        if (rs.BreaksRedRule(c, item, rating)) red_[i][rating] |= bit;
        if (band == Band::kMust || band == Band::kExpected) {
          fit_[i][rating] |= bit;
        } else if (band == Band::kUnlikely) {
          misfit_[i][rating] |= bit;
        }
      }
    }
  }
  // The decision tree's first questions; an unknown answer restricts
  // nothing.
  const uint32_t all = (1u << Cluster::kProfiled) - 1;
  for (int o = 0; o < 3; ++o) {
    for (int p = 0; p < 3; ++p) {
      uint32_t mask = all;
      if (o == AnswerIndex(Answer::kYes)) {
        mask = by_superclass[static_cast<int>(Superclass::kOrganic)];
      } else if (p == AnswerIndex(Answer::kYes)) {
        mask = by_superclass[static_cast<int>(Superclass::kPsychotic)];
      } else if (o == AnswerIndex(Answer::kNo) &&
                 p == AnswerIndex(Answer::kNo)) {
        mask = by_superclass[static_cast<int>(Superclass::kNonPsychotic)];
      }
      candidates_[o][p] = mask;
    }
  }
}

Classification Classifier::Classify(const MhctRatings& ratings) const {
  Classification out;
  const auto& r = ratings.row_ratings();

  alignas(32) std::array<int32_t, kLanes> acc{};
  uint32_t red = 0;
  int known = 0;
  for (int i = 0; i < kItemCount; ++i) {
    const int slot = Slot(r[i]);
    known += slot != 5;
    red |= red_[i][slot];
    const auto& row = score_[i][slot].score;
    for (int k = 0; k < kLanes; ++k) acc[k] += row[k];
  }
  out.known_items = known;

  if (const auto allocated = ratings.allocated()) {
    out.allocation = CheckAllocation(ratings, *allocated);
  }

  if (known < min_known_) {
    out.reason = VarianceReason::kTooFewKnown;
    return out;
  }
  uint32_t alive = candidates_[AnswerIndex(ratings.organic())]
                              [AnswerIndex(ratings.psychosis())] &
                   ~red;
  if (alive == 0) {
    out.reason = VarianceReason::kNoFit;
    return out;
  }

  // Lanes ascend with the cluster code, so keeping the first maximum gives
  // ties to the lower cluster.
  int best = -1, second = -1;
  for (uint32_t m = alive; m != 0; m &= m - 1) {
    const int k = __builtin_ctz(m);
    if (best < 0 || acc[k] > acc[best]) {
      second = best;
      best = k;
    } else if (second < 0 || acc[k] > acc[second]) {
      second = k;
    }
  }
  out.suggested = Cluster::FromProfileIndex(best);
  out.suggested_fit_milli = acc[best];
  if (second >= 0) {
    out.runner_up = Cluster::FromProfileIndex(second);
    out.runner_up_fit_milli = acc[second];
  }
  uint32_t fit_rows = 0, misfit_rows = 0;
  for (int i = 0; i < kItemCount; ++i) {
    const int slot = Slot(r[i]);
    fit_rows |= ((fit_[i][slot] >> best) & 1u) << i;
    misfit_rows |= ((misfit_[i][slot] >> best) & 1u) << i;
  }
  out.fitting_items = ItemSet::FromBits(fit_rows);
  out.misfitting_items = ItemSet::FromBits(misfit_rows);
  return out;
}

absl::Status Classifier::ClassifyBatch(absl::Span<const MhctRatings> in,
                                       absl::Span<Classification> out) const {
  if (in.size() != out.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("batch of ", in.size(), " assessments but room for ",
                     out.size(), " results"));
  }
  for (size_t i = 0; i < in.size(); ++i) out[i] = Classify(in[i]);
  return absl::OkStatus();
}

AllocationCheck Classifier::CheckAllocation(const MhctRatings& ratings,
                                            Cluster cluster) const {
  AllocationCheck check{cluster, false, {}};
  if (cluster.is_variance()) return check;
  const int k = cluster.profile_index();
  const auto& r = ratings.row_ratings();
  uint32_t rows = 0;
  for (int i = 0; i < kItemCount; ++i) {
    rows |= ((red_[i][Slot(r[i])] >> k) & 1u) << i;
  }
  check.red_items = ItemSet::FromBits(rows);
  check.red = rows != 0;
  return check;
}

}  // namespace mhpbr
