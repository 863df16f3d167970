#include "mhpbr/mhct_ratings.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {

bool IsRating(int rating) {
  return (rating >= 0 && rating <= 4) || rating == kNotKnown;
}

absl::Status BadRating(absl::string_view item, int rating) {
  return absl::InvalidArgumentError(absl::StrCat(
      "item ", item, ": rating ", rating, " is not 0-4 or 9 (not known)"));
}

}  // namespace

absl::Status MhctRatings::Set(Item item, int rating) {
  if (!IsRating(rating)) return BadRating(ItemCode(item), rating);
  if (item == Item::kOtherProblems) {
    // Item 8 "not known" as one rating says nothing, so it neither clashes
    // with types given before nor stops them being given after (as the
    // CSV reader treats an empty or 9 r8 beside r8a-r8j).
    if (rating == kNotKnown) {
      if (item8_form_ != Item8Form::kTypes) {
        item8_form_ = Item8Form::kNone;
        ratings_[ItemIndex(item)] = kNotKnown;
      }
      return absl::OkStatus();
    }
    if (item8_form_ == Item8Form::kTypes) {
      return absl::InvalidArgumentError(
          "item 8: given both as one rating and as types 8A-8J");
    }
    item8_form_ = Item8Form::kSingle;
  }
  ratings_[ItemIndex(item)] = static_cast<uint8_t>(rating);
  return absl::OkStatus();
}

bool MhctRatings::SetRows(const std::array<uint8_t, kItemCount>& rows) {
  if (item8_form_ == Item8Form::kTypes) return false;
  bool valid = true;
  for (uint8_t r : rows) valid &= IsRating(r);
  if (!valid) return false;
  ratings_ = rows;
  // As Set(): a plain "not known" item 8 leaves no form behind.
  item8_form_ = rows[ItemIndex(Item::kOtherProblems)] == kNotKnown
                    ? Item8Form::kNone
                    : Item8Form::kSingle;
  return true;
}

absl::Status MhctRatings::SetItem8Type(Item8Type type, int rating) {
  if (!IsRating(rating)) return BadRating(Item8TypeCode(type), rating);
  if (item8_form_ == Item8Form::kSingle) {
    return absl::InvalidArgumentError(
        "item 8: given both as one rating and as types 8A-8J");
  }
  if (item8_form_ == Item8Form::kNone) item8_types_.fill(kNotKnown);
  item8_form_ = Item8Form::kTypes;
  item8_types_[static_cast<int>(type)] = static_cast<uint8_t>(rating);
  int highest = -1;
  for (uint8_t r : item8_types_) {
    if (r != kNotKnown) highest = std::max<int>(highest, r);
  }
  ratings_[ItemIndex(Item::kOtherProblems)] =
      static_cast<uint8_t>(highest < 0 ? kNotKnown : highest);
  return absl::OkStatus();
}

int MhctRatings::known_count() const {
  return static_cast<int>(
      std::count_if(ratings_.begin(), ratings_.end(),
                    [](uint8_t r) { return r != kNotKnown; }));
}

}  // namespace mhpbr
