#include "mhpbr/fair_comparison_plot.h"

#include <algorithm>
#include <utility>

namespace mhpbr {

FunnelPlot FairComparisonPlot(const FairComparison& comparison,
                              std::string title, int samples) {
  FunnelPlot plot;
  plot.title = std::move(title);
  double e_min = 0, e_max = 0;
  for (const UnitComparison& u : comparison.units) {
    FunnelPlotPoint p;
    p.label = u.unit;
    p.expected = u.expected();
    if (u.expected_scaled > 0) {
      p.ratio = static_cast<double>(u.improved) / p.expected;
      e_min = e_min == 0 ? p.expected : std::min(e_min, p.expected);
      e_max = std::max(e_max, p.expected);
    }
    p.flag = std::string(FunnelFlagName(u.flag));
    plot.points.push_back(std::move(p));
  }
  if (e_max > 0) {
    // The drawing's E axis runs from the 1-2-5 step at or below the
    // smallest E to the one at or above the largest, at most 2.5 times
    // beyond either: sampling that far lets the curves reach both edges
    // (the drawing clips what lies outside).
    for (const FunnelSample& s :
         FunnelCurve(e_min / 2.5, e_max * 2.5, std::max(samples, 2))) {
      plot.curve.push_back({s.expected, s.limits.low_998, s.limits.low_95,
                            s.limits.high_95, s.limits.high_998});
    }
  }
  return plot;
}

}  // namespace mhpbr
