// MHCT items: the 18 rows a cluster profile rates, and the ten types of
// HoNOS item 8.
//
//   mhpbr::Item i = mhpbr::Item::kDepressedMood;       // item 7
//   absl::string_view code = mhpbr::ItemCode(i);       // "7"
//   absl::StatusOr<mhpbr::Item> d = mhpbr::ParseItemCode("D");
//
// Items are named, never bare indices; `ItemIndex` gives the dense row index
// for tables and `ItemAt` goes back.

#ifndef MHPBR_ITEM_H_
#define MHPBR_ITEM_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

// Profile rows in the booklet's order: HoNOS 1-13 then historical A-E.
enum class Item : uint8_t {
  kAggression = 0,          // 1 overactive, aggressive, disruptive
  kSelfInjury = 1,          // 2 non-accidental self-injury
  kSubstanceUse = 2,        // 3 problem drinking or drug-taking
  kCognitive = 3,           // 4 cognitive problems
  kPhysical = 4,            // 5 physical illness or disability
  kHallucinations = 5,      // 6 hallucinations and delusions
  kDepressedMood = 6,       // 7 depressed mood
  kOtherProblems = 7,       // 8 other mental and behavioural problems
  kRelationships = 8,       // 9 relationships
  kDailyLiving = 9,         // 10 activities of daily living
  kLivingConditions = 10,   // 11 living conditions
  kOccupation = 11,         // 12 occupation and activities
  kOvervaluedIdeas = 12,    // 13 strong unreasonable beliefs
  kAgitation = 13,          // A historical agitated behaviour / expansive mood
  kRepeatSelfHarm = 14,     // B historical repeat self-harm
  kSafeguarding = 15,       // C safeguarding children and dependants
  kEngagement = 16,         // D engagement
  kVulnerability = 17,      // E vulnerability
};
inline constexpr int kItemCount = 18;

// Item 8's problem types 8A-8J.
enum class Item8Type : uint8_t {
  kPhobic = 0,
  kAnxiety = 1,
  kObsessiveCompulsive = 2,
  kStress = 3,
  kDissociative = 4,
  kSomatoform = 5,
  kEating = 6,
  kSleep = 7,
  kSexual = 8,
  kOther = 9,
};
inline constexpr int kItem8TypeCount = 10;

constexpr int ItemIndex(Item i) { return static_cast<int>(i); }
// REQUIRES: 0 <= index < kItemCount.
constexpr Item ItemAt(int index) { return static_cast<Item>(index); }

// "1".."13" or "A".."E".
absl::string_view ItemCode(Item i);
// "8A".."8J".
absl::string_view Item8TypeCode(Item8Type t);

// Accepts the codes above, case-insensitive for letters.
absl::StatusOr<Item> ParseItemCode(absl::string_view code);
absl::StatusOr<Item8Type> ParseItem8TypeCode(absl::string_view code);

}  // namespace mhpbr

#endif  // MHPBR_ITEM_H_
