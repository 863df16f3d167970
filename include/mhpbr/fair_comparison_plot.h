// The funnel plot of a fair comparison: the units as points (ratio against
// E) and the limits sampled densely on log E across the units' E range, so
// that `mhpbr outcomes --funnel` and the report draw the same figure.
//
//   std::string svg = mhpbr::DrawFunnelPlot(
//       mhpbr::FairComparisonPlot(comparison, "Improvement by team"));

#ifndef MHPBR_FAIR_COMPARISON_PLOT_H_
#define MHPBR_FAIR_COMPARISON_PLOT_H_

#include <string>

#include "mhpbr/fair_comparison.h"
#include "mhpbr/funnel_plot.h"

namespace mhpbr {

// `samples` curve points (at least 2) from half the smallest E to twice the
// largest of the units with E above 0; no curve when there is none.
FunnelPlot FairComparisonPlot(const FairComparison& comparison,
                              std::string title, int samples = 200);

}  // namespace mhpbr

#endif  // MHPBR_FAIR_COMPARISON_PLOT_H_
