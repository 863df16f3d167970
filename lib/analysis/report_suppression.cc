#include "mhpbr/report_suppression.h"

#include "absl/strings/str_cat.h"
#include "lib/analysis/report_spc_suppression.h"
#include "lib/analysis/svg_chart.h"
#include "mhpbr/dates.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/suppression.h"

namespace mhpbr {

absl::StatusOr<std::vector<ReportTable>> SuppressedReportTables(
    const Report& report, const SuppressionRules& rule) {
  std::vector<ReportTable> tables = ReportTables(report);
  for (ReportTable& t : tables) {
    if (t.name == "spc_points.csv" || t.name == "spc_summary.csv") {
      SuppressSpcTable(t, report, rule);
    }
    MHPBR_ASSIGN_OR_RETURN(const TableSuppression spec,
                           ReportTableSuppression(t.name));
    MHPBR_RETURN_IF_ERROR(SuppressTable(t, spec, rule));
  }
  return tables;
}

std::string RenderSuppressedReportHtml(const Report& report,
                                       absl::Span<const ReportTable> tables,
                                       const SuppressionRules& rule) {
  std::string h = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>mhpbr report: are clusters a fair basis for payment? "
      "(small numbers suppressed)</title><style>"
      "body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;"
      "margin:2em auto;max-width:1100px;color:#1d2733;padding:0 1em}"
      "h2{border-bottom:2px solid #005eb8;margin-top:2em}"
      "table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
      "th,td{border:1px solid #c8d1db;padding:.3em .6em;text-align:right}"
      "th{background:#eef2f6}.note{color:#4c6272}"
      "</style></head><body>\n"
      "<h1>Are clusters a fair basis for payment?</h1>\n<p class=\"note\">As "
      "of ",
      FormatIsoDate(report.as_of), ". Rules: ", HtmlEscape(report.rules_source),
      ". Unit costs: ", HtmlEscape(report.unit_costs_source),
      ". Made by mhpbr; the tables are the report's CSV files.</p>\n"
      "<p class=\"note\">",
      HtmlEscape(SuppressionNote(rule)),
      " Charts are left out: their bars and labels would show the numbers "
      "hidden here.</p>\n");
  for (const ReportTable& t : tables) {
    absl::StrAppend(&h, "<h2>", HtmlEscape(t.name), "</h2><table><tr>");
    for (const std::string& c : t.columns) {
      absl::StrAppend(&h, "<th>", HtmlEscape(c), "</th>");
    }
    absl::StrAppend(&h, "</tr>");
    for (const std::vector<std::string>& row : t.rows) {
      absl::StrAppend(&h, "<tr>");
      for (const std::string& cell : row) {
        absl::StrAppend(&h, "<td>", HtmlEscape(cell), "</td>");
      }
      absl::StrAppend(&h, "</tr>");
    }
    absl::StrAppend(&h, "</table>\n");
  }
  absl::StrAppend(&h, "</body></html>\n");
  return h;
}

}  // namespace mhpbr
