// The `--rules FILE` flag: the rule set, or the bundle of rule sets by
// date, a subcommand judges by.

#ifndef MHPBR_CLI_RULE_SET_FLAG_H_
#define MHPBR_CLI_RULE_SET_FLAG_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

// The file's rule set or bundle, or the default rule set when no file is
// named.
inline absl::StatusOr<std::shared_ptr<const RuleSetBundle>> BundleFromFlag(
    const std::optional<std::string>& path) {
  return path ? LoadRuleSetBundleFile(*path) : DefaultRuleSetBundle();
}

// For the commands that do not yet choose a rule set by date: a bundle is
// refused by name rather than read as a rule set with an unknown field.
inline absl::StatusOr<std::shared_ptr<const RuleSet>> RulesFromFlag(
    const std::optional<std::string>& path) {
  MHPBR_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSetBundle> bundle,
                         BundleFromFlag(path));
  if (bundle->dated()) {
    return absl::InvalidArgumentError(
        absl::StrCat(*path, ": a bundle of ", bundle->rule_sets().size(),
                     " rule sets by date; this command takes one rule set"));
  }
  return bundle->latest();
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_RULE_SET_FLAG_H_
