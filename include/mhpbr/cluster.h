// Care clusters: the 21 codes a person can be allocated to.
//
// A `Cluster` can only hold 0-8 or 10-21, so code that has one never needs
// to check it again:
//
//   absl::StatusOr<mhpbr::Cluster> c = mhpbr::Cluster::FromCode(14);
//   if (c.ok()) rules.cluster(*c).superclass ...
//
// Everything else about a cluster (name, superclass, review period) is data
// in the rule set: see `RuleSet::cluster()`.

#ifndef MHPBR_CLUSTER_H_
#define MHPBR_CLUSTER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr {

enum class Superclass : uint8_t {
  kVariance = 0,
  kNonPsychotic = 1,
  kPsychotic = 2,
  kOrganic = 3,
};

// "variance", "non-psychotic", "psychotic" or "organic".
absl::string_view SuperclassName(Superclass s);

class Cluster {
 public:
  // Number of valid codes (0-8 and 10-21) and of clusters with a profile.
  static constexpr int kCount = 21;
  static constexpr int kProfiled = 20;

  // Cluster 0 (variance).
  constexpr Cluster() : code_(0) {}

  // REQUIRES nothing: any int is checked. Errors for 9, negatives and > 21.
  static absl::StatusOr<Cluster> FromCode(int code);
  // Parses "0".."21" or two-digit "00".."21" (as in MHSDS), no spaces.
  static absl::StatusOr<Cluster> Parse(absl::string_view text);
  // True for 0-8 and 10-21.
  static constexpr bool IsValidCode(int code) {
    return code >= 0 && code <= 21 && code != 9;
  }
  // The cluster at dense index 0..20 (0-8 then 10-21).
  // REQUIRES: 0 <= index < kCount.
  static constexpr Cluster FromIndex(int index) {
    return Cluster(static_cast<int8_t>(index < 9 ? index : index + 1));
  }

  static constexpr Cluster Variance() { return Cluster(); }

  constexpr int code() const { return code_; }
  // Dense index 0..20, for tables.
  constexpr int index() const { return code_ < 9 ? code_ : code_ - 1; }
  // Dense index among clusters with a profile (1-8, 10-21): 0..19.
  // REQUIRES: !is_variance().
  constexpr int profile_index() const { return index() - 1; }
  static constexpr Cluster FromProfileIndex(int i) { return FromIndex(i + 1); }

  constexpr bool is_variance() const { return code_ == 0; }

  std::string ToString() const;

  friend constexpr bool operator==(Cluster a, Cluster b) {
    return a.code_ == b.code_;
  }
  friend constexpr bool operator!=(Cluster a, Cluster b) {
    return a.code_ != b.code_;
  }
  friend constexpr bool operator<(Cluster a, Cluster b) {
    return a.code_ < b.code_;
  }

 private:
  constexpr explicit Cluster(int8_t code) : code_(code) {}
  int8_t code_;
};

}  // namespace mhpbr

#endif  // MHPBR_CLUSTER_H_
