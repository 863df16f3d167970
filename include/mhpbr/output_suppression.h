// What each aggregated output holds, for small-number suppression
// (suppression.h): the one place that says which columns of `mhpbr report`,
// `outcomes`, `cost`, `periods` and `compare` outputs are counts, which are
// statistics resting on which counts, and which are money or labels.
//
//   ReportTable t = ...;  // cost --by-cluster's rows
//   MHPBR_RETURN_IF_ERROR(mhpbr::SuppressTable(
//       t, mhpbr::ClusterCostSuppression(), rules.suppression()));

#ifndef MHPBR_OUTPUT_SUPPRESSION_H_
#define MHPBR_OUTPUT_SUPPRESSION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/suppression.h"

namespace mhpbr {

// FIRST,periods,paired,improved,no_change,deteriorated,mean_change
// (`outcomes --by-cluster`, `--by-team`, `--by-commissioner` and the
// report's outcomes_by_*.csv); mean_change rests on paired.
TableSuppression OutcomeGroupsSuppression(absl::string_view first);
// indicator,numerator,denominator,value_ppm; value_ppm rests on both.
TableSuppression IndicatorsSuppression();
// cost --by-cluster: cluster,periods,days,records,cost_pence; days rests on
// periods, cost_pence is money.
TableSuppression ClusterCostSuppression();
// cost --summary (key,value): the record, period, contact and stay counts;
// bed_days rests on ward_stays_read; the pence are money.
TableSuppression CostSummarySuppression();
// periods --by-cluster: cluster,periods,days,overdue_periods.
TableSuppression PeriodSummarySuppression(absl::string_view first);
// periods --summary (key,value): tool_category_02..06 row counts.
TableSuppression ToolCategorySuppression();
// compare --out: the scenarios' statement lines; every amount is money.
TableSuppression CompareScenariosSuppression();
// compare --by-cluster and --by-commissioner.
TableSuppression CompareAmountsSuppression(absl::string_view first);
// One of the report's CSV figures by its file name; an error for a table
// this list does not know (never published unsuppressed).
absl::StatusOr<TableSuppression> ReportTableSuppression(absl::string_view name);

}  // namespace mhpbr

#endif  // MHPBR_OUTPUT_SUPPRESSION_H_
