// The outputs of a cost run (formats.md, `mhpbr cost`): the costed
// periods, the cluster totals, the split by setting and the summary.
// `mhpbr cost` writes them under its own option names; `mhpbr report`
// writes the same bytes under `--cost-*` names from the costing it does
// anyway, so that a national year is read and costed once for both.

#ifndef MHPBR_CLI_COST_OUTPUTS_H_
#define MHPBR_CLI_COST_OUTPUTS_H_

#include <optional>

#include "absl/status/status.h"
#include "args.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/rule_set.h"
#include "mhsds_contact_rows.h"
#include "output_file.h"
#include "ward_stay_rows.h"

namespace mhpbr::cli {

// The option that names each output's file.
struct CostOutputFlags {
  const char* periods;
  const char* by_cluster;
  const char* by_setting;
  const char* summary;
  // Without its option the periods go to standard output (`mhpbr cost`);
  // otherwise they are written only when asked for.
  bool periods_to_stdout;
};

inline constexpr CostOutputFlags kCostCommandOutputs = {
    "out", "by-cluster", "by-setting", "summary", true};
inline constexpr CostOutputFlags kReportCostOutputs = {
    "cost-out", "cost-by-cluster", "cost-by-setting", "cost-summary", false};

// Writes the outputs `flags` asks for into `outputs`. With `suppress` only
// the aggregated ones (cluster totals, summary) are written, suppressed;
// the caller has refused the row-level options already.
absl::Status WriteCostOutputs(OutputSet& outputs, const Args& args,
                              const CostOutputFlags& flags,
                              const ActivityCoster& coster,
                              const ContactCounts& contacts,
                              const WardStayCounts& stays,
                              const std::optional<SuppressionRules>& suppress);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_COST_OUTPUTS_H_
