// The analysis report with small numbers suppressed (`mhpbr report
// --suppress`, suppression.h): the CSV figures go through SuppressTable
// by the declarations of output_suppression.h, and the HTML page is drawn
// from those suppressed figures, so the page shows `*` exactly where the
// CSV files do and no count that the files hide.
//
//   auto tables = mhpbr::SuppressedReportTables(report, rules.suppression());
//   std::string html =
//       mhpbr::RenderSuppressedReportHtml(report, *tables,
//       rules.suppression());

#ifndef MHPBR_REPORT_SUPPRESSION_H_
#define MHPBR_REPORT_SUPPRESSION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/report.h"
#include "mhpbr/report_table.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// ReportTables(report) with every figure suppressed; an error names a
// table or cell the declarations do not cover.
absl::StatusOr<std::vector<ReportTable>> SuppressedReportTables(
    const Report& report, const SuppressionRules& rule);

// A self-contained page of the suppressed figures, one HTML table per CSV
// figure under its file name, after the rule's note. It has no charts:
// a bar's length or a box plot's n would give a hidden count away.
std::string RenderSuppressedReportHtml(const Report& report,
                                       absl::Span<const ReportTable> tables,
                                       const SuppressionRules& rule);

}  // namespace mhpbr

#endif  // MHPBR_REPORT_SUPPRESSION_H_
