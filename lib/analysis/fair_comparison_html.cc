#include "lib/analysis/fair_comparison_html.h"

#include "absl/strings/str_cat.h"
#include "lib/analysis/svg_chart.h"
#include "mhpbr/fair_comparison_plot.h"
#include "mhpbr/funnel_plot.h"
#include "mhpbr/unit_comparison_csv.h"

namespace mhpbr {

std::string FairComparisonHtml(const FairComparison& f,
                               absl::string_view column) {
  std::string h = absl::StrCat(
      "<h3>Fair comparison by ", HtmlEscape(column), "</h3><p>Each ",
      HtmlEscape(column),
      "'s reliably improved periods (O) against what its own case mix "
      "predicts (E: the sum, over its paired periods, of the improved share "
      "of all paired periods with the same cluster and start-total band). A "
      "point outside the curves differs from its prediction by more than "
      "chance (95% and 99.8% exact Poisson limits).</p>");
  absl::StrAppend(&h, DrawFunnelPlot(FairComparisonPlot(
                          f, absl::StrCat("Reliable improvement by ", column,
                                          ": observed / expected"))));
  absl::StrAppend(&h, "<table><tr>");
  for (const std::string& c : UnitComparisonColumns()) {
    absl::StrAppend(&h, "<th>", HtmlEscape(c), "</th>");
  }
  absl::StrAppend(&h, "</tr>");
  for (const UnitComparison& u : f.units) {
    absl::StrAppend(&h, "<tr>");
    for (const std::string& c : UnitComparisonCells(u)) {
      absl::StrAppend(&h, "<td>", HtmlEscape(c), "</td>");
    }
    absl::StrAppend(&h, "</tr>");
  }
  absl::StrAppend(&h, "</table><p class=\"note\">", f.no_unit,
                  " periods name no ", HtmlEscape(column),
                  " (they count in the strata only); ", f.unadjusted,
                  " paired periods have no reference pairs in their "
                  "stratum (unadjusted). Re-referral: discharges due 90 days "
                  "before the as-of date, and those followed by a new "
                  "allocation within 90 days.</p>");
  return h;
}

}  // namespace mhpbr
