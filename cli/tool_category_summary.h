// The clustering-tool categories an MHSDS extract held besides the adult
// tool (mhsds.md `ClustCat`): counted, not classified, and reported so that
// nothing leaves the run unseen.

#ifndef MHPBR_CLI_TOOL_CATEGORY_SUMMARY_H_
#define MHPBR_CLI_TOOL_CATEGORY_SUMMARY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "mhpbr/rule_set.h"
#include "output_file.h"

namespace mhpbr::cli {

// Prints "other clustering tools, not classified: tool_category_03 2, ..."
// to standard error when there were any.
void PrintToolCategories(const std::map<std::string, int64_t>& counts);

// `--summary FILE`: `key,value` rows `tool_category_02` .. `tool_category_06`
// (0 when none), the counts suppressed by `suppress` when given
// (suppress_flag.h). Nothing without a path.
absl::Status WriteToolCategorySummary(
    OutputSet& outputs, const std::optional<std::string>& path,
    const std::map<std::string, int64_t>& counts,
    const std::optional<SuppressionRules>& suppress = std::nullopt);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_TOOL_CATEGORY_SUMMARY_H_
