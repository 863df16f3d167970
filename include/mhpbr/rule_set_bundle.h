// Several rule sets, one per financial year, and which is in force on a
// day: each assessment is classified (and, later, each period reviewed and
// priced) by the rule set whose provenance dates cover its date.
//
// A bundle is either dated (read from a RuleSetBundle file: the dates are
// checked and a day outside them has no rule set) or a single rule set
// (read from a plain RuleSet file, or the default compiled in), which is
// used for every day whatever its provenance dates say, as it always was.
//
//   auto bundle = mhpbr::LoadRuleSetBundleFile("rules_2016_2018.textproto");
//   auto rules = (*bundle)->InForce(absl::CivilDay(2017, 4, 1));
//   if (!rules.ok()) { reject the row: rules.status().message() }
//
// Immutable once made: thread-safe to read from any number of threads.

#ifndef MHPBR_RULE_SET_BUNDLE_H_
#define MHPBR_RULE_SET_BUNDLE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

class RuleSetBundle {
 public:
  // A bundle of one rule set used for every day.
  static std::shared_ptr<const RuleSetBundle> Single(
      std::shared_ptr<const RuleSet> rules);

  // Checks that the rule sets' effective dates follow on from each other
  // and keeps them in date order (the order given does not matter). Errors
  // name both rule sets by their index in `rule_sets`, with their version
  // and financial year, and the day at fault: a day in force under two,
  // the first day of a gap, or an open-ended rule set that is not the last.
  // REQUIRES: no null rule set.
  static absl::StatusOr<std::shared_ptr<const RuleSetBundle>> Create(
      std::string name, std::vector<std::shared_ptr<const RuleSet>> rule_sets);

  RuleSetBundle(const RuleSetBundle&) = delete;
  RuleSetBundle& operator=(const RuleSetBundle&) = delete;

  const std::string& name() const { return name_; }
  // False for a single rule set used for every day.
  bool dated() const { return dated_; }
  // In date order; never empty.
  absl::Span<const std::shared_ptr<const RuleSet>> rule_sets() const {
    return rule_sets_;
  }
  // The newest: what a call with no date uses.
  const std::shared_ptr<const RuleSet>& latest() const {
    return rule_sets_.back();
  }

  // The index into rule_sets() of the rule set in force on `day`, or
  // NotFound naming the day and the dates the bundle covers.
  absl::StatusOr<size_t> IndexInForce(absl::CivilDay day) const;
  absl::StatusOr<std::shared_ptr<const RuleSet>> InForce(
      absl::CivilDay day) const;

 private:
  RuleSetBundle() = default;

  std::string name_;
  bool dated_ = false;
  std::vector<std::shared_ptr<const RuleSet>> rule_sets_;
};

}  // namespace mhpbr

#endif  // MHPBR_RULE_SET_BUNDLE_H_
