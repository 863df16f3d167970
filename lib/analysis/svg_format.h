// Number formatting and axis scales shared by the SVG charts (svg_chart.cc,
// funnel_plot.cc), so every chart rounds, labels and sizes alike.
// Internal to the library: not part of the public headers.

#ifndef MHPBR_LIB_ANALYSIS_SVG_FORMAT_H_
#define MHPBR_LIB_ANALYSIS_SVG_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mhpbr {
namespace svg {

// The report's palette (NHS identity colours, as its style sheet uses), for
// charts that colour by presentation attributes so they stand alone.
inline constexpr char kBlue[] = "#005eb8";
inline constexpr char kRed[] = "#d5281b";
inline constexpr char kInk[] = "#1d2733";
inline constexpr char kMuted[] = "#4c6272";
inline constexpr char kGrid[] = "#e3e8ee";

// A coordinate to one decimal: finer than a pixel, short in the file.
std::string Num(long double v);

// A round number at or above v for an axis maximum (1, 2, 2.5, 5 x 10^k).
long double NiceMax(long double v);

// An axis label: 1.2k, 3.4m, whole numbers bare, else up to 2 places.
std::string AxisValue(long double v);

// Wide enough for the chart's bold 13px title: browsers clip an SVG's text
// at its edge, and 8px a character is above any common sans-serif's mean.
int FitTitle(int width, absl::string_view title);

// The top of a linear axis from 0: the multiple of LinearTicks' step at or
// above v, so the axis ends on a tick without the slack of NiceMax.
long double LinearAxisMax(long double v, int target = 5);

// Ticks 0, step, 2 step, ... up to max, with a 1-2-5 x 10^k step giving
// about `target` intervals: labels a reader can add up by eye.
std::vector<long double> LinearTicks(long double max, int target = 5);

// The range of a log axis: the 1-2-5 x 10^k value at or below `low` and
// the one at or above `high` (both > 0), one step apart at least, so the
// axis starts and ends on a labelled tick.
struct LogRange {
  long double low = 1;
  long double high = 10;
};
LogRange NiceLogRange(long double low, long double high);

// Ticks for a log axis over [low, high] (both > 0): 1-2-5 in every decade
// when the range spans up to about three decades (at most 11 labels), else
// the decades only, so the labels never crowd.
std::vector<long double> LogTicks(long double low, long double high);

}  // namespace svg
}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_SVG_FORMAT_H_
