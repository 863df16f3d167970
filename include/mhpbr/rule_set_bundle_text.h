// Reading rule-set bundles in protobuf text format
// (mhpbr.v1.RuleSetBundle, proto/mhpbr/v1/rule_set.proto), and the default
// bundle compiled into the library.
//
// A file is read as a bundle when it has a top-level `rule_sets` field:
//
//   name: "trust rules 2016-2018"
//   rule_sets { provenance { financial_year: "2016/17"
//                            effective_from: "2016-04-01"
//                            effective_to: "2017-03-31" } ... }
//   rule_sets { provenance { financial_year: "2017/18"
//                            effective_from: "2017-04-01" } ... }
//
// Any other file is one mhpbr.v1.RuleSet, read as before and used for every
// date (RuleSetBundle::Single), so every existing rule-set file keeps its
// meaning.

#ifndef MHPBR_RULE_SET_BUNDLE_TEXT_H_
#define MHPBR_RULE_SET_BUNDLE_TEXT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/rule_set_bundle.h"

namespace mhpbr {

// The default rule set, used for every date.
absl::StatusOr<std::shared_ptr<const RuleSetBundle>> DefaultRuleSetBundle();

// Parses and validates a bundle or a single rule set. Errors name
// `source_name`, then `rule_sets[i]` and the cluster or field at fault, or
// both rule sets whose dates overlap or leave a gap.
absl::StatusOr<std::shared_ptr<const RuleSetBundle>> ParseRuleSetBundleText(
    absl::string_view text, absl::string_view source_name = "rule sets");
absl::StatusOr<std::shared_ptr<const RuleSetBundle>> LoadRuleSetBundleFile(
    const std::string& path);

// True when `text` has a top-level `rule_sets` field (comments and quoted
// text aside), whether or not the rest of it is valid.
bool IsRuleSetBundleText(absl::string_view text);

}  // namespace mhpbr

#endif  // MHPBR_RULE_SET_BUNDLE_TEXT_H_
