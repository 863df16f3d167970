// The report's SPC tables (spc_points.csv, spc_summary.csv) with small
// numbers suppressed point by point, by what each point rests on
// (Report::spc_basis) and spc.md's publication-safe rule.

#ifndef MHPBR_LIB_ANALYSIS_REPORT_SPC_SUPPRESSION_H_
#define MHPBR_LIB_ANALYSIS_REPORT_SPC_SUPPRESSION_H_

#include "mhpbr/report.h"
#include "mhpbr/report_table.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// Rewrites the value, mean, lpl and upl cells of `table` (SpcPointsTable
// or SpcSummaryTable of report.spc) in place:
// - a point's value: a count rounded to the base, or `*` below the
//   threshold; a share `*` when its part or whole is below it; money per
//   day `*` only when the periods it rests on are below it;
// - a series' mean and limits `*` when any of its points is, as they
//   would give the hidden value away, else as they are;
// - every figure of a series whose basis is not known `*`.
// The other cells (months, flags, types, icons) say nothing of a count.
void SuppressSpcTable(ReportTable& table, const Report& report,
                      const SuppressionRules& rule);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_REPORT_SPC_SUPPRESSION_H_
