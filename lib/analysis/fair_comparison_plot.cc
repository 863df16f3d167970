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
    // A margin either side, so the funnel visibly opens and closes around
    // the outermost units.
    for (const FunnelSample& s :
         FunnelCurve(e_min / 2, e_max * 2, std::max(samples, 2))) {
      plot.curve.push_back({s.expected, s.limits.low_998, s.limits.low_95,
                            s.limits.high_95, s.limits.high_998});
    }
  }
  return plot;
}

}  // namespace mhpbr
