// Reading and writing rule sets in protobuf text format
// (mhpbr.v1.RuleSet, proto/mhpbr/v1/rule_set.proto), and the default rule
// set compiled into the library.
//
//   auto rules = mhpbr::LoadRuleSetFile("official_grid_2016.textproto");
//   if (!rules.ok()) { report rules.status().message(); }
//
// Each call parses afresh and returns a new immutable rule set; there is no
// process-wide copy to go stale.

#ifndef MHPBR_RULE_SET_TEXT_H_
#define MHPBR_RULE_SET_TEXT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {

// The default rule set (mhpbr's derived reference profile; see its
// provenance).
absl::StatusOr<std::shared_ptr<const RuleSet>> DefaultRuleSet();
// Its text, as embedded at build time.
absl::string_view DefaultRuleSetText();

// Parses and validates. Errors name `source_name`, the line and column of a
// syntax error, or the cluster and item at fault.
absl::StatusOr<std::shared_ptr<const RuleSet>> ParseRuleSetText(
    absl::string_view text, absl::string_view source_name = "rule set");
absl::StatusOr<std::shared_ptr<const RuleSet>> LoadRuleSetFile(
    const std::string& path);

// A trust's own transition table, text format of mhpbr.v1.TransitionTable:
//   rows { from: 1 to: [1, 2, 3, 4] }
//   rows { from: 2 to: [1, 2, 3, 4] }
// Clusters without a row may move only to cluster 0 (or stay). Use
// `allow_all: true` for no restriction.
absl::StatusOr<TransitionTable> ParseTransitionTableText(
    absl::string_view text, absl::string_view source_name = "transitions");
absl::StatusOr<TransitionTable> LoadTransitionTableFile(
    const std::string& path);

// Writes a rule set back out in text format.
std::string RuleSetToText(const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_RULE_SET_TEXT_H_
