// The funnel plot of fair comparison (outcomes.md, "Fair comparison"): each
// unit's ratio of observed to expected improvements against its expected
// count E, with the exact Poisson 95% and 99.8% limits as curves, so a
// reader sees at once which units differ from their case mix's prediction by
// more than chance, and that small units scatter widely without being
// unusual.
//
//   mhpbr::FunnelPlot plot{"Improvement by team", curve, points};
//   std::string svg = mhpbr::DrawFunnelPlot(plot);  // a file or inline HTML
//
// The E axis is log-scaled: the limits change fastest at small E (they
// narrow roughly as 1/sqrt(E)), and units' E often spans two or three
// decades, so a linear axis would crush the small units where the funnel's
// shape matters into its left edge. The y axis runs from 0 to a maximum
// driven by the points and by the curves over the points' E range (capped
// at 1.5 times the highest ratio, at least 3), not by the curves at their
// smallest E, where the high limits can reach hundreds and would flatten
// everything else; curves are clipped to the plot area, and a note says
// when the top cut any off.
//
// Pure: it draws only what it is given (the figures come from the outcomes
// runner), and computes no limits itself.

#ifndef MHPBR_FUNNEL_PLOT_H_
#define MHPBR_FUNNEL_PLOT_H_

#include <optional>
#include <string>
#include <vector>

namespace mhpbr {

// The four limits at one E; the curves are polylines through these points,
// so callers give enough of them (e.g. 100 spaced evenly on log E) across
// at least the points' E range for the curves to look smooth.
struct FunnelCurvePoint {
  double expected = 0;
  double low_998 = 0;
  double low_95 = 0;
  double high_95 = 0;
  double high_998 = 0;
};

// One unit. `ratio` is empty when E is 0: such a unit cannot be placed on a
// log axis nor compared, so it is left out of the drawing and counted in a
// footnote. `flag` is the runner's verdict (within, low_95, high_95,
// low_998, high_998, or empty), taken as given so the colours always agree
// with the table beside the plot.
struct FunnelPlotPoint {
  std::string label;
  double expected = 0;
  std::optional<double> ratio;
  std::string flag;
};

struct FunnelPlot {
  std::string title;
  std::vector<FunnelCurvePoint> curve;
  std::vector<FunnelPlotPoint> points;
};

// A self-contained <svg xmlns="http://www.w3.org/2000/svg" ...> element:
// usable as a .svg file and inline in the report's HTML. No script and no
// external resources, colours as presentation attributes; each point has a
// `title` element as its tooltip (label, E, ratio, flag). Every point is
// labelled when there are at most 30 units, else only those outside the 95%
// limits, which keeps 200 units readable. With no point to draw it says so,
// never fails.
std::string DrawFunnelPlot(const FunnelPlot& plot);

}  // namespace mhpbr

#endif  // MHPBR_FUNNEL_PLOT_H_
