// The ratings of one MHCT assessment, always valid by construction.
//
// Every setter validates, so a `MhctRatings` value never holds a rating
// outside 0-4 or "not known", and never both forms of item 8. Classifying
// one therefore cannot fail.
//
//   mhpbr::MhctRatings r;                       // everything not known
//   absl::Status s = r.Set(mhpbr::Item::kDepressedMood, 3);
//   if (s.ok()) s = r.SetItem8Type(mhpbr::Item8Type::kAnxiety, 2);
//   r.set_psychosis(mhpbr::Answer::kNo);

#ifndef MHPBR_MHCT_RATINGS_H_
#define MHPBR_MHCT_RATINGS_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "mhpbr/cluster.h"
#include "mhpbr/item.h"

namespace mhpbr {

// A rating value meaning "not known" (as in files).
inline constexpr int kNotKnown = 9;

// The clinician's answer to one of the decision tree's first questions.
enum class Answer : uint8_t { kUnknown = 0, kNo = 1, kYes = 2 };

class MhctRatings {
 public:
  MhctRatings() { ratings_.fill(kNotKnown); }

  // Rates one profile row, 0-4 or kNotKnown. For item 8 this is the plain
  // HoNOS form; a rating 0-4 fails if item 8 was already rated by type
  // (kNotKnown is then a no-op: it says nothing either way).
  absl::Status Set(Item item, int rating);
  // Rates one type of item 8, 0-4 or kNotKnown. Item 8's rating is the
  // highest known type rating. Fails if item 8 was rated 0-4 in the plain
  // form.
  absl::Status SetItem8Type(Item8Type type, int rating);

  // Rates every profile row at once, item 8 in the plain form: what Set()
  // of each row in turn leaves, for readers that have checked the ratings
  // already. False, with nothing changed, when one is not 0-4 or kNotKnown
  // or item 8 was rated by type.
  bool SetRows(const std::array<uint8_t, kItemCount>& rows);

  void set_organic(Answer a) { organic_ = a; }
  void set_psychosis(Answer a) { psychosis_ = a; }
  void set_allocated(std::optional<Cluster> c) {
    allocated_ = c ? static_cast<int8_t>(c->code()) : -1;
  }

  // 0-4 or kNotKnown.
  int rating(Item item) const { return ratings_[ItemIndex(item)]; }
  bool known(Item item) const { return rating(item) != kNotKnown; }
  int known_count() const;
  Answer organic() const { return organic_; }
  Answer psychosis() const { return psychosis_; }
  std::optional<Cluster> allocated() const {
    if (allocated_ < 0) return std::nullopt;
    // allocated_ is always a valid code; this avoids FromCode's StatusOr on
    // the classifier's hot path.
    return Cluster::FromIndex(allocated_ < 9 ? allocated_ : allocated_ - 1);
  }

  // 0-4 or kNotKnown; kNotKnown for every type when item 8 was given in
  // the plain form.
  int item8_type(Item8Type type) const {
    return item8_form_ == Item8Form::kTypes
               ? item8_types_[static_cast<int>(type)]
               : kNotKnown;
  }

  // The ratings in profile row order, for table look-ups.
  const std::array<uint8_t, kItemCount>& row_ratings() const {
    return ratings_;
  }

 private:
  // The C API's hot path (capi/mhpbr_c.cc) checks a whole assessment at
  // once and fills a valid one directly, leaving invalid ones to the
  // setters, which name the fault.
  friend struct MhctRatingsFastFill;

  enum class Item8Form : uint8_t { kNone, kSingle, kTypes };

  std::array<uint8_t, kItemCount> ratings_;
  // Kept so that re-rating a type lowers item 8 again when it should.
  std::array<uint8_t, kItem8TypeCount> item8_types_{};
  Item8Form item8_form_ = Item8Form::kNone;
  Answer organic_ = Answer::kUnknown;
  Answer psychosis_ = Answer::kUnknown;
  int8_t allocated_ = -1;
};

}  // namespace mhpbr

#endif  // MHPBR_MHCT_RATINGS_H_
