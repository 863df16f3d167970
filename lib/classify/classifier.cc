#include "mhpbr/classifier.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <numeric>
#include <type_traits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/str_cat.h"
#include "lib/util/parallel_parts.h"

namespace mhpbr {
namespace {

static_assert(kItemCount == 18, "the rating masks read rows 0-15 and 2-17");
static_assert(Cluster::kProfiled == 20, "three vectors of eight lanes");

// Index into the [organic][psychosis] candidate table.
int AnswerIndex(Answer a) { return static_cast<int>(a); }

// The narrow path ranks clusters by one signed 16-bit key per lane,
// score * 32 + (31 - k), so that a single maximum gives the highest score
// and, among equal scores, the lowest cluster (lanes ascend with the code).
// That needs |score| * 32 + 31 <= INT16_MAX.
constexpr int kKeyShift = 5;
constexpr int kIndexBits = (1 << kKeyShift) - 1;
constexpr int32_t kMaxNarrowScore = (INT16_MAX - kIndexBits) >> kKeyShift;

#if defined(__SSE2__)

// Below every real key (the lowest is -kMaxNarrowScore * 32 + 12).
constexpr int16_t kDeadKey = INT16_MIN;

// The highest of the 24 keys.
int16_t MaxKey(__m128i k0, __m128i k1, __m128i k2) {
  __m128i m = _mm_max_epi16(_mm_max_epi16(k0, k1), k2);
  m = _mm_max_epi16(m, _mm_shuffle_epi32(m, 0x4E));
  m = _mm_max_epi16(m, _mm_shuffle_epi32(m, 0xB1));
  m = _mm_max_epi16(m, _mm_shufflelo_epi16(m, 0xB1));
  return static_cast<int16_t>(_mm_cvtsi128_si32(m));
}

// Lanes 8j..8j+7 as keys; lanes whose bit in `alive` is clear are dead.
__m128i Keys(__m128i acc, uint32_t alive, int j) {
  const __m128i lane_bit = _mm_setr_epi16(1, 2, 4, 8, 16, 32, 64, 128);
  const __m128i bits =
      _mm_set1_epi16(static_cast<int16_t>((alive >> (8 * j)) & 0xFF));
  const __m128i live = _mm_cmpeq_epi16(_mm_and_si128(bits, lane_bit), lane_bit);
  const int b = kIndexBits - 8 * j;
  const __m128i index =
      _mm_setr_epi16(static_cast<int16_t>(b), static_cast<int16_t>(b - 1),
                     static_cast<int16_t>(b - 2), static_cast<int16_t>(b - 3),
                     static_cast<int16_t>(b - 4), static_cast<int16_t>(b - 5),
                     static_cast<int16_t>(b - 6), static_cast<int16_t>(b - 7));
  const __m128i key = _mm_or_si128(_mm_slli_epi16(acc, kKeyShift), index);
  return _mm_or_si128(_mm_and_si128(live, key),
                      _mm_andnot_si128(live, _mm_set1_epi16(kDeadKey)));
}

// `key` with the lanes equal to `k` made dead.
__m128i Kill(__m128i key, int16_t k) {
  const __m128i eq = _mm_cmpeq_epi16(key, _mm_set1_epi16(k));
  return _mm_or_si128(_mm_andnot_si128(eq, key),
                      _mm_and_si128(eq, _mm_set1_epi16(kDeadKey)));
}

#endif  // __SSE2__

}  // namespace

Classifier::Classifier(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)) {
  // Known-item counts do not depend on the rules.
  for (auto& pair : narrow_score_) {
    for (int a = 0; a < kRatingSlots; ++a) {
      for (int b = 0; b < kRatingSlots; ++b) {
        pair[a * kRatingSlots + b].lane[kKnownLane] =
            static_cast<int16_t>((a != 5) + (b != 5));
      }
    }
  }
  if (rules_ == nullptr) {  // min_known_ > 18: everything is variance
    narrow_ = true;
    return;
  }
  const RuleSet& rs = *rules_;
  min_known_ = rs.min_known_items();
  uint32_t by_superclass[4] = {0, 0, 0, 0};
  // item_red[item][slot]: bit k set when cluster k's red rule breaks.
  std::array<std::array<uint32_t, kRatingSlots>, kItemCount> item_red{};
  for (int k = 0; k < kProfiled; ++k) {
    const Cluster c = Cluster::FromProfileIndex(k);
    by_superclass[static_cast<int>(rs.cluster(c).superclass)] |= 1u << k;
    for (int i = 0; i < kItemCount; ++i) {
      const Item item = ItemAt(i);
      const uint32_t row = 1u << i;
      for (int rating = 0; rating < kRatingCount; ++rating) {
        const Band band = rs.band(c, item, rating);
        wide_score_[i][rating].lane[k] = rs.weight_milli(band);
        if (rs.BreaksRedRule(c, item, rating)) {
          item_red[i][rating] |= 1u << k;
          red_rows_[k][rating] |= row;
        }
        if (band == Band::kMust || band == Band::kExpected) {
          fit_rows_[k][rating] |= row;
        } else if (band == Band::kUnlikely) {
          misfit_rows_[k][rating] |= row;
        }
      }
    }
  }
  for (int p = 0; p < kPairs; ++p) {
    for (int a = 0; a < kRatingSlots; ++a) {
      for (int b = 0; b < kRatingSlots; ++b) {
        pair_red_[p][a * kRatingSlots + b] =
            item_red[2 * p][a] | item_red[2 * p + 1][b];
      }
    }
  }

  // The narrow tables count in the weights' greatest common divisor; they
  // serve when no cluster's score can leave the key's range.
  int32_t unit = 0;
  for (int b = 0; b < kBandCount; ++b) {
    unit = std::gcd(unit, std::abs(rs.weight_milli(static_cast<Band>(b))));
  }
  if (unit == 0) unit = 1;  // all weights zero: every score is 0
  int32_t widest = 0;
  for (int k = 0; k < kProfiled; ++k) {
    int32_t bound = 0;
    for (int i = 0; i < kItemCount; ++i) {
      int32_t most = 0;
      for (int rating = 0; rating < kRatingCount; ++rating) {
        most = std::max(most, std::abs(wide_score_[i][rating].lane[k]) / unit);
      }
      bound += most;
    }
    widest = std::max(widest, bound);
  }
  narrow_ = widest <= kMaxNarrowScore;
  unit_milli_ = unit;
  if (narrow_) {
    for (int p = 0; p < kPairs; ++p) {
      for (int a = 0; a < kRatingSlots; ++a) {
        for (int b = 0; b < kRatingSlots; ++b) {
          NarrowRow& row = narrow_score_[p][a * kRatingSlots + b];
          for (int k = 0; k < kProfiled; ++k) {
            row.lane[k] =
                static_cast<int16_t>((wide_score_[2 * p][a].lane[k] +
                                      wide_score_[2 * p + 1][b].lane[k]) /
                                     unit);
          }
        }
      }
    }
  }

  // The decision tree's first questions; an unknown answer restricts
  // nothing.
  const uint32_t all = (1u << kProfiled) - 1;
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

Classifier::RatingMasks Classifier::MasksByRating(const MhctRatings& ratings) {
  const uint8_t* r = ratings.row_ratings().data();
  RatingMasks m;
#if defined(__SSE2__)
  // Rows 0-15, and rows 2-17 for the last two.
  const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r));
  const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r + 2));
  for (int v = 0; v < kRatingCount; ++v) {
    const __m128i x = _mm_set1_epi8(static_cast<char>(v));
    const uint32_t a =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(lo, x)));
    const uint32_t b =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(hi, x)));
    m[v] = a | (b >> 14 << 16);
  }
#else
  m.fill(0);
  for (int i = 0; i < kItemCount; ++i) {
    if (r[i] < kRatingCount) m[r[i]] |= 1u << i;
  }
#endif
  return m;
}

uint32_t Classifier::RowsOf(
    const std::array<std::array<uint32_t, kRatingCount>, kProfiled>& table,
    int k, const RatingMasks& masks) {
  uint32_t rows = 0;
  for (int v = 0; v < kRatingCount; ++v) rows |= table[k][v] & masks[v];
  return rows;
}

void Classifier::Finish(int best, int32_t best_milli, int second,
                        int32_t second_milli, const RatingMasks& masks,
                        Classification* out) const {
  out->suggested = Cluster::FromProfileIndex(best);
  out->suggested_fit_milli = best_milli;
  if (second >= 0) {
    out->runner_up = Cluster::FromProfileIndex(second);
    out->runner_up_fit_milli = second_milli;
  }
  out->fitting_items = ItemSet::FromBits(RowsOf(fit_rows_, best, masks));
  out->misfitting_items = ItemSet::FromBits(RowsOf(misfit_rows_, best, masks));
}

Classification Classifier::Classify(const MhctRatings& ratings) const {
  // Both return prvalues, so the result is built in place.
  return narrow_ ? ClassifyNarrow(ratings) : ClassifyWide(ratings);
}

// Every return is of `out`, so that it is built in the caller's memory: a
// copy from a temporary of fields just stored one by one stalls on store
// forwarding.
Classification Classifier::ClassifyNarrow(const MhctRatings& ratings) const {
  Classification out;
  const auto& r = ratings.row_ratings();

  uint32_t red = 0;
#if defined(__SSE2__)
  __m128i acc0 = _mm_setzero_si128();
  __m128i acc1 = _mm_setzero_si128();
  __m128i acc2 = _mm_setzero_si128();
  for (int p = 0; p < kPairs; ++p) {
    const int slot = Slot(r[2 * p]) * kRatingSlots + Slot(r[2 * p + 1]);
    const int16_t* row = narrow_score_[p][slot].lane.data();
    acc0 = _mm_add_epi16(acc0,
                         _mm_load_si128(reinterpret_cast<const __m128i*>(row)));
    acc1 = _mm_add_epi16(
        acc1, _mm_load_si128(reinterpret_cast<const __m128i*>(row + 8)));
    acc2 = _mm_add_epi16(
        acc2, _mm_load_si128(reinterpret_cast<const __m128i*>(row + 16)));
    red |= pair_red_[p][slot];
  }
  const int known =
      static_cast<int16_t>(_mm_extract_epi16(acc2, kKnownLane - 16));
#else
  std::array<int16_t, kLanes> acc{};
  for (int p = 0; p < kPairs; ++p) {
    const int slot = Slot(r[2 * p]) * kRatingSlots + Slot(r[2 * p + 1]);
    const auto& row = narrow_score_[p][slot].lane;
    for (int k = 0; k < kLanes; ++k) {
      acc[k] = static_cast<int16_t>(acc[k] + row[k]);
    }
    red |= pair_red_[p][slot];
  }
  const int known = acc[kKnownLane];
#endif
  out.known_items = known;

  const RatingMasks masks = MasksByRating(ratings);
  if (const auto allocated = ratings.allocated()) {
    out.allocation = CheckAllocationMasks(*allocated, masks);
  }

  if (known < min_known_) {
    out.reason = VarianceReason::kTooFewKnown;
    return out;
  }
  const uint32_t alive = candidates_[AnswerIndex(ratings.organic())]
                                    [AnswerIndex(ratings.psychosis())] &
                         ~red;
  if (alive == 0) {
    out.reason = VarianceReason::kNoFit;
    return out;
  }

  int best, second = -1;
  int32_t best_score, second_score = 0;
#if defined(__SSE2__)
  __m128i k0 = Keys(acc0, alive, 0);
  __m128i k1 = Keys(acc1, alive, 1);
  __m128i k2 = Keys(acc2, alive, 2);
  const int16_t best_key = MaxKey(k0, k1, k2);
  best = kIndexBits - (best_key & kIndexBits);
  best_score = (best_key - (best_key & kIndexBits)) / (1 << kKeyShift);
  if ((alive & (alive - 1)) != 0) {  // more than one candidate
    k0 = Kill(k0, best_key);
    k1 = Kill(k1, best_key);
    k2 = Kill(k2, best_key);
    const int16_t second_key = MaxKey(k0, k1, k2);
    second = kIndexBits - (second_key & kIndexBits);
    second_score = (second_key - (second_key & kIndexBits)) / (1 << kKeyShift);
  }
#else
  // Lanes ascend with the cluster code, so keeping the first maximum gives
  // ties to the lower cluster.
  best = -1;
  for (uint32_t m = alive; m != 0; m &= m - 1) {
    const int k = __builtin_ctz(m);
    if (best < 0 || acc[k] > acc[best]) {
      second = best;
      best = k;
    } else if (second < 0 || acc[k] > acc[second]) {
      second = k;
    }
  }
  best_score = acc[best];
  if (second >= 0) second_score = acc[second];
#endif
  Finish(best, best_score * unit_milli_, second, second_score * unit_milli_,
         masks, &out);
  return out;
}

Classification Classifier::ClassifyWide(const MhctRatings& ratings) const {
  Classification out;
  const auto& r = ratings.row_ratings();

  alignas(16) std::array<int32_t, kLanes> acc{};
  int known = 0;
  for (int i = 0; i < kItemCount; ++i) {
    const int slot = Slot(r[i]);
    known += slot != 5;
    const auto& row = wide_score_[i][slot].lane;
    for (int k = 0; k < kLanes; ++k) acc[k] += row[k];
  }
  uint32_t red = 0;
  for (int p = 0; p < kPairs; ++p) {
    red |= pair_red_[p][Slot(r[2 * p]) * kRatingSlots + Slot(r[2 * p + 1])];
  }
  out.known_items = known;

  const RatingMasks masks = MasksByRating(ratings);
  if (const auto allocated = ratings.allocated()) {
    out.allocation = CheckAllocationMasks(*allocated, masks);
  }

  if (known < min_known_) {
    out.reason = VarianceReason::kTooFewKnown;
    return out;
  }
  const uint32_t alive = candidates_[AnswerIndex(ratings.organic())]
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
  Finish(best, acc[best], second, second >= 0 ? acc[second] : 0, masks, &out);
  return out;
}

absl::Status Classifier::ClassifyBatch(absl::Span<const MhctRatings> in,
                                       absl::Span<Classification> out) const {
  if (in.size() != out.size()) {
    return absl::InvalidArgumentError(absl::StrCat("batch of ", in.size(),
                                                   " assessments but room for ",
                                                   out.size(), " results"));
  }
  // Each result is built in place, not in a temporary and copied: that copy
  // re-reads fields just stored one by one, which stalls on store
  // forwarding. A Classification needs no destructor, so constructing over
  // the old one ends its life.
  static_assert(std::is_trivially_destructible_v<Classification>);
  for (size_t i = 0; i < in.size(); ++i) {
    ::new (static_cast<void*>(&out[i])) Classification(Classify(in[i]));
  }
  return absl::OkStatus();
}

absl::Status Classifier::ClassifyBatch(absl::Span<const MhctRatings> in,
                                       absl::Span<Classification> out,
                                       int threads) const {
  if (in.size() != out.size()) return ClassifyBatch(in, out);
  // A part of a few thousand takes tens of microseconds: less is not worth
  // a thread.
  RunInParts(in.size(), threads, 4096, [&](size_t, size_t begin, size_t end) {
    (void)ClassifyBatch(in.subspan(begin, end - begin),
                        out.subspan(begin, end - begin));
  });
  return absl::OkStatus();
}

AllocationCheck Classifier::CheckAllocation(const MhctRatings& ratings,
                                            Cluster cluster) const {
  return CheckAllocationMasks(cluster, MasksByRating(ratings));
}

AllocationCheck Classifier::CheckAllocationMasks(
    Cluster cluster, const RatingMasks& masks) const {
  AllocationCheck check{cluster, false, {}};
  if (cluster.is_variance()) return check;
  const uint32_t rows = RowsOf(red_rows_, cluster.profile_index(), masks);
  check.red_items = ItemSet::FromBits(rows);
  check.red = rows != 0;
  return check;
}

}  // namespace mhpbr
