// The `--rules FILE` flag: the rule set a subcommand judges by.

#ifndef MHPBR_CLI_RULE_SET_FLAG_H_
#define MHPBR_CLI_RULE_SET_FLAG_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr::cli {

// The file's rule set, or the default one when no file is named.
inline absl::StatusOr<std::shared_ptr<const RuleSet>> RulesFromFlag(
    const std::optional<std::string>& path) {
  return path ? LoadRuleSetFile(*path) : DefaultRuleSet();
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_RULE_SET_FLAG_H_
