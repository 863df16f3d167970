#include "tool_category_summary.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "mhpbr/output_suppression.h"
#include "suppress_flag.h"

namespace mhpbr::cli {

void PrintToolCategories(const std::map<std::string, int64_t>& counts) {
  if (counts.empty()) return;
  std::string line = "other clustering tools, not classified:";
  for (const auto& [category, n] : counts) {
    absl::StrAppend(&line, " tool_category_", category, " ", n, ";");
  }
  line.back() = '\n';
  std::fputs(line.c_str(), stderr);
}

absl::Status WriteToolCategorySummary(
    OutputSet& outputs, const std::optional<std::string>& path,
    const std::map<std::string, int64_t>& counts,
    const std::optional<SuppressionRules>& suppress) {
  if (!path) return absl::OkStatus();
  return WriteAggregateCsv(
      outputs, path, ToolCategorySuppression(), suppress, [&](CsvWriter& out) {
        out.Row({"key", "value"});
        for (const char* category : {"02", "03", "04", "05", "06"}) {
          auto it = counts.find(category);
          out.Field(absl::StrCat("tool_category_", category));
          out.Field(it == counts.end() ? int64_t{0} : it->second);
          out.EndRow();
        }
      });
}

}  // namespace mhpbr::cli
