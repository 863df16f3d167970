// Small inline SVG charts for the HTML report: bars and box plots, drawn
// server-side so the page needs no script to view.

#ifndef MHPBR_LIB_ANALYSIS_SVG_CHART_H_
#define MHPBR_LIB_ANALYSIS_SVG_CHART_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mhpbr {

struct Bar {
  std::string label;
  long double value = 0;
  std::string text;  // shown at the bar's end, e.g. "85.2%"
};

// Horizontal bars scaled to `max` (or the largest value when 0).
std::string SvgBarChart(absl::string_view title, const std::vector<Bar>& bars,
                        long double max = 0);

struct Box {
  std::string label;
  long double p5 = 0, p25 = 0, median = 0, p75 = 0, p95 = 0;
  long long n = 0;
};

// Vertical box plots on one scale: box from p25 to p75, a line at the
// median, whiskers to p5 and p95 (named `low` and `high` in each box's
// tooltip). `unit` labels the axis. The scale starts at 0, or is symmetric
// about 0 when a whisker is below it.
std::string SvgBoxPlot(absl::string_view title, const std::vector<Box>& boxes,
                       absl::string_view unit, absl::string_view low = "p5",
                       absl::string_view high = "p95");

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string HtmlEscape(absl::string_view text);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_SVG_CHART_H_
