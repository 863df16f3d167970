// Small inline SVG charts for the HTML report: bars, box plots and heat
// maps, drawn server-side so the page needs no script to view.

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

// A matrix of counts: rows and columns labelled, each cell shaded by its
// count (white for none) with the count written in it when it has any.
struct HeatMap {
  std::string title;
  std::string row_axis;     // "allocated", down the left
  std::string column_axis;  // "suggested", along the top
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  // counts[row][column].
  std::vector<std::vector<long long>> counts;
  // Outline cell (i, i), for a square map: the agreeing cells.
  std::string diagonal_legend;
  // Cells outlined in red (same shape as counts, or empty) and what the
  // outline means.
  std::vector<std::vector<bool>> marked;
  std::string marked_legend;
};

// Cells 30px square (readable at 21 x 21), each with its figure in a
// tooltip; a legend under the grid.
std::string SvgHeatMap(const HeatMap& map);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string HtmlEscape(absl::string_view text);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_SVG_CHART_H_
