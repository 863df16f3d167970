#include "mhpbr/funnel_plot.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "lib/analysis/svg_chart.h"
#include "lib/analysis/svg_format.h"

namespace mhpbr {
namespace {

using svg::AxisValue;
using svg::Num;

// The layout, fixed so a plot of 200 units and one of 3 read alike and the
// tests can place E by hand: a 520 x 340 plot area with its top-left corner
// at (64, 40), the legend to its right.
constexpr int kLeft = 64, kTop = 40, kPlotW = 520, kPlotH = 340;
constexpr int kLegendX = kLeft + kPlotW + 20;
constexpr int kWidth = kLegendX + 176;
constexpr int kLabelAll = 30;  // label every unit up to this many

// Above the limits is better than the case mix predicts (more people
// improved), below is worse: blues for one side, orange and red for the
// other, the 99.8% colour the stronger of each pair.
constexpr char kWithin[] = "#aeb7bd";
constexpr char kWithinStroke[] = "#768692";
constexpr char kHigh95[] = "#41b6e6";
constexpr char kLow95[] = "#ed8b00";

struct Style {
  const char* fill;
  const char* legend;
};

Style StyleOf(absl::string_view flag) {
  if (flag == "high_998") return {svg::kBlue, "above 99.8% limit"};
  if (flag == "high_95") return {kHigh95, "above 95% limit"};
  if (flag == "low_998") return {svg::kRed, "below 99.8% limit"};
  if (flag == "low_95") return {kLow95, "below 95% limit"};
  return {kWithin, "within 95% limits"};
}

bool Outside95(absl::string_view flag) {
  return flag == "high_998" || flag == "high_95" || flag == "low_998" ||
         flag == "low_95";
}

// A tick of the E axis: AxisValue's two places would show 0.005 as 0.01.
std::string TickValue(long double v) {
  if (v > 0 && v < 0.01L) return absl::StrFormat("%g", static_cast<double>(v));
  return AxisValue(v);
}

// A tooltip's figure: six significant digits, the precision of the by-unit
// file's decimals for typical E, without AxisValue's 1.2k rounding.
std::string Decimal(long double v) {
  return absl::StrFormat("%.6g", static_cast<double>(v));
}

struct Pixel {
  double x = 0, y = 0;
};

// Liang-Barsky: the part of segment a-b inside the plot area, if any.
std::optional<std::pair<Pixel, Pixel>> ClipSegment(Pixel a, Pixel b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - kLeft, kLeft + kPlotW - a.x, a.y - kTop,
                       kTop + kPlotH - a.y};
  double t0 = 0, t1 = 1;
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return std::nullopt;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 > t1) return std::nullopt;
  }
  return std::make_pair(Pixel{a.x + t0 * dx, a.y + t0 * dy},
                        Pixel{a.x + t1 * dx, a.y + t1 * dy});
}

// A curve through the given pixels, cut to the plot area: one polyline per
// stretch inside it. A missing pixel (a limit not finite) breaks the line.
std::string ClippedPolylines(const std::vector<std::optional<Pixel>>& line,
                             absl::string_view style) {
  std::string out;
  std::vector<Pixel> run;
  auto flush = [&] {
    if (run.size() >= 2) {
      absl::StrAppend(&out, "<polyline fill=\"none\" ", style, " points=\"");
      for (size_t i = 0; i < run.size(); ++i) {
        absl::StrAppend(&out, i == 0 ? "" : " ", Num(run[i].x), ",",
                        Num(run[i].y));
      }
      absl::StrAppend(&out, "\"/>");
    }
    run.clear();
  };
  for (size_t i = 1; i < line.size(); ++i) {
    if (!line[i - 1] || !line[i]) {
      flush();
      continue;
    }
    const auto seg = ClipSegment(*line[i - 1], *line[i]);
    if (!seg) {
      flush();
      continue;
    }
    const bool joins = !run.empty() &&
                       std::abs(run.back().x - seg->first.x) < 1e-9 &&
                       std::abs(run.back().y - seg->first.y) < 1e-9;
    if (!joins) {
      flush();
      run.push_back(seg->first);
    }
    run.push_back(seg->second);
  }
  flush();
  return out;
}

// Puts each point's label beside it where it overlaps the labels already
// placed the least (above or below, right or left of the point), so a
// cluster of flagged units near the funnel's mouth stays legible; a label
// stays in the plot area's width where it can.
class LabelPlacer {
 public:
  // `chars` is the label's length, `text` its escaped form.
  std::string Place(double cx, double cy, size_t chars,
                    absl::string_view text) {
    // 10px text: 6px a character is above a sans-serif's mean, 11px tall.
    const double w = 6.0 * chars, h = 11;
    struct Candidate {
      double x, y;  // the text's anchor, at its baseline
      bool end;     // anchored at its end (to the left of the point)
    };
    const Candidate candidates[4] = {{cx + 7, cy - 6, false},
                                     {cx + 7, cy + 14, false},
                                     {cx - 7, cy - 6, true},
                                     {cx - 7, cy + 14, true}};
    Box boxes[4];
    double best = 0;
    int best_i = -1;
    for (int i = 0; i < 4; ++i) {
      const Candidate& c = candidates[i];
      boxes[i] = {c.end ? c.x - w : c.x, c.y - h + 2, w, h};
      double cost = 0;
      for (const Box& b : placed_) cost += Overlap(boxes[i], b);
      // Leaving the plot's width counts as a full overlap.
      if (boxes[i].x < kLeft || boxes[i].x + w > kLeft + kPlotW + 16) {
        cost += w * h;
      }
      if (best_i < 0 || cost < best) {
        best = cost;
        best_i = i;
      }
    }
    placed_.push_back(boxes[best_i]);
    const Candidate& c = candidates[best_i];
    return absl::StrCat(
        "<text x=\"", Num(c.x), "\" y=\"", Num(c.y), "\" font-size=\"10\"",
        c.end ? " text-anchor=\"end\"" : "", ">", text, "</text>");
  }

 private:
  struct Box {
    double x = 0, y = 0, w = 0, h = 0;
  };
  static double Overlap(const Box& a, const Box& b) {
    const double dx = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double dy = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return dx > 0 && dy > 0 ? dx * dy : 0;
  }
  std::vector<Box> placed_;
};

std::string Open(int width, int height, absl::string_view title) {
  const std::string t = HtmlEscape(title);
  // Presentation attributes, not the report's style sheet: the same text
  // is a file of its own.
  return absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"", width,
      "\" height=\"", height, "\" viewBox=\"0 0 ", width, " ", height,
      "\" font-family=\"system-ui, -apple-system, 'Segoe UI', Arial, "
      "sans-serif\" font-size=\"12\" fill=\"",
      svg::kInk, "\" aria-label=\"", t, "\"><title>", t,
      "</title><text x=\"0\" y=\"18\" class=\"ct\" font-weight=\"bold\" "
      "font-size=\"13\">",
      t, "</text>");
}

bool Drawable(const FunnelPlotPoint& p) {
  return p.ratio && std::isfinite(*p.ratio) && *p.ratio >= 0 &&
         std::isfinite(p.expected) && p.expected > 0;
}

std::string NotDrawnNote(size_t n) {
  return absl::StrCat(n, n == 1 ? " unit has" : " units have",
                      " no ratio (E = 0) and ", n == 1 ? "is" : "are",
                      " not drawn.");
}

}  // namespace

std::string DrawFunnelPlot(const FunnelPlot& plot) {
  std::vector<const FunnelPlotPoint*> drawn;
  for (const FunnelPlotPoint& p : plot.points) {
    if (Drawable(p)) drawn.push_back(&p);
  }
  const size_t not_drawn = plot.points.size() - drawn.size();
  if (drawn.empty()) {
    // As wide as the full plot: the message and note fit, never clipped.
    std::string svg = Open(svg::FitTitle(kWidth, plot.title), 64,
                           plot.title.empty() ? "Funnel plot" : plot.title);
    absl::StrAppend(&svg, "<text x=\"0\" y=\"40\">Nothing to plot: no unit ",
                    "has a ratio (an expected count above 0).</text>");
    if (not_drawn > 0) {
      absl::StrAppend(&svg, "<text x=\"0\" y=\"56\" fill=\"", svg::kMuted,
                      "\">", NotDrawnNote(not_drawn), "</text>");
    }
    absl::StrAppend(&svg, "</svg>");
    return svg;
  }

  // The E axis spans the points (the curves are cut to it), ending on 1-2-5
  // ticks.
  long double min_e = drawn[0]->expected, max_e = min_e, max_ratio = 0;
  for (const FunnelPlotPoint* p : drawn) {
    min_e = std::min<long double>(min_e, p->expected);
    max_e = std::max<long double>(max_e, p->expected);
    max_ratio = std::max<long double>(max_ratio, *p->ratio);
  }
  const svg::LogRange xr = svg::NiceLogRange(min_e, max_e);
  const long double log_low = std::log10(xr.low);
  const long double log_span = std::log10(xr.high) - log_low;
  auto x_of = [&](long double e) {
    return kLeft + (std::log10(e) - log_low) / log_span * kPlotW;
  };

  // The y axis: the points, and the curves over the points' E range, but
  // not the high limits' climb at tiny E (hundreds at E = 0.01), which
  // would flatten the rest: past 1.5 times the highest ratio (at least 3)
  // the curves are cut off at the top.
  long double curve_top = 0;
  for (const FunnelCurvePoint& c : plot.curve) {
    if (c.expected >= min_e && c.expected <= max_e &&
        std::isfinite(c.high_998)) {
      curve_top = std::max<long double>(curve_top, c.high_998);
    }
  }
  const long double cap = std::max<long double>(3, 1.5L * max_ratio);
  const long double y_max = svg::LinearAxisMax(
      std::max({max_ratio * 1.08L, 1.2L, std::min(curve_top, cap)}));
  auto y_of = [&](long double r) { return kTop + kPlotH - r / y_max * kPlotH; };

  const int axis_y = kTop + kPlotH;
  std::vector<std::string> notes = {
      "E axis log-scaled: the limits change fastest at small E."};
  bool cut = false;
  for (const FunnelCurvePoint& c : plot.curve) {
    if (c.expected >= xr.low && c.expected <= xr.high &&
        (!std::isfinite(c.high_998) || c.high_998 > y_max)) {
      cut = true;
    }
  }
  if (cut) {
    notes.push_back(absl::StrCat("Limits above a ratio of ", AxisValue(y_max),
                                 " are cut off at the top."));
  }
  if (not_drawn > 0) notes.push_back(NotDrawnNote(not_drawn));
  const int height = axis_y + 56 + 16 * static_cast<int>(notes.size());

  std::string svg = Open(svg::FitTitle(kWidth, plot.title), height,
                         plot.title.empty() ? "Funnel plot" : plot.title);
  // Grid and axes.
  for (long double v : svg::LinearTicks(y_max)) {
    absl::StrAppend(&svg, "<line x1=\"", kLeft, "\" x2=\"", kLeft + kPlotW,
                    "\" y1=\"", Num(y_of(v)), "\" y2=\"", Num(y_of(v)),
                    "\" stroke=\"", svg::kGrid, "\"/><text x=\"", kLeft - 6,
                    "\" y=\"", Num(y_of(v) + 4), "\" text-anchor=\"end\">",
                    AxisValue(v), "</text>");
  }
  for (long double e : svg::LogTicks(xr.low, xr.high)) {
    absl::StrAppend(&svg, "<line x1=\"", Num(x_of(e)), "\" x2=\"", Num(x_of(e)),
                    "\" y1=\"", kTop, "\" y2=\"", axis_y, "\" stroke=\"",
                    svg::kGrid, "\"/><text x=\"", Num(x_of(e)), "\" y=\"",
                    axis_y + 16, "\" text-anchor=\"middle\">", TickValue(e),
                    "</text>");
  }
  absl::StrAppend(
      &svg, "<rect class=\"plot-area\" x=\"", kLeft, "\" y=\"", kTop,
      "\" width=\"", kPlotW, "\" height=\"", kPlotH,
      "\" fill=\"none\" stroke=\"", svg::kMuted, "\"/><text x=\"",
      kLeft + kPlotW / 2, "\" y=\"", axis_y + 36,
      "\" text-anchor=\"middle\">expected improvements E (log scale)</text>",
      "<text x=\"16\" y=\"", kTop + kPlotH / 2,
      "\" text-anchor=\"middle\" transform=\"rotate(-90 16 ", kTop + kPlotH / 2,
      ")\">ratio O / E</text>");

  // Limits, then the line of "as expected", then the points on top.
  std::vector<std::optional<Pixel>> lines[4];
  for (const FunnelCurvePoint& c : plot.curve) {
    const double values[4] = {c.low_998, c.low_95, c.high_95, c.high_998};
    const bool on_axis = std::isfinite(c.expected) && c.expected > 0;
    for (int i = 0; i < 4; ++i) {
      if (on_axis && std::isfinite(values[i])) {
        lines[i].push_back(Pixel{static_cast<double>(x_of(c.expected)),
                                 static_cast<double>(y_of(values[i]))});
      } else {
        lines[i].push_back(std::nullopt);
      }
    }
  }
  const std::string solid =
      absl::StrCat("stroke=\"", svg::kMuted, "\" stroke-width=\"1.5\"");
  const std::string dashed = absl::StrCat(solid, " stroke-dasharray=\"6 4\"");
  absl::StrAppend(
      &svg, "<g class=\"limits\">", ClippedPolylines(lines[0], solid),
      ClippedPolylines(lines[1], dashed), ClippedPolylines(lines[2], dashed),
      ClippedPolylines(lines[3], solid), "</g>");
  absl::StrAppend(&svg, "<line x1=\"", kLeft, "\" x2=\"", kLeft + kPlotW,
                  "\" y1=\"", Num(y_of(1)), "\" y2=\"", Num(y_of(1)),
                  "\" stroke=\"", svg::kInk, "\" stroke-width=\"1.5\"/>");

  // Flagged points last, so a crowd of ordinary ones never hides them.
  std::stable_partition(
      drawn.begin(), drawn.end(),
      [](const FunnelPlotPoint* p) { return !Outside95(p->flag); });
  const bool label_all = drawn.size() <= kLabelAll;
  const int radius = label_all ? 5 : 4;
  std::string labels;
  LabelPlacer placer;
  for (const FunnelPlotPoint* p : drawn) {
    const long double cx = x_of(p->expected), cy = y_of(*p->ratio);
    const Style style = StyleOf(p->flag);
    const std::string label = HtmlEscape(p->label);
    absl::StrAppend(
        &svg, "<circle cx=\"", Num(cx), "\" cy=\"", Num(cy), "\" r=\"", radius,
        "\" fill=\"", style.fill, "\" stroke=\"",
        Outside95(p->flag) ? svg::kInk : kWithinStroke, "\"><title>", label,
        ": E ", Decimal(p->expected), ", ratio ", Decimal(*p->ratio), ", ",
        p->flag.empty() ? "no flag" : HtmlEscape(p->flag), "</title></circle>");
    if (label_all || Outside95(p->flag)) {
      absl::StrAppend(&labels, placer.Place(cx, cy, p->label.size(), label));
    }
  }
  absl::StrAppend(&svg, labels);

  // The legend, to the right of the plot.
  int ly = kTop + 6;
  auto legend_line = [&](absl::string_view style, absl::string_view text) {
    absl::StrAppend(&svg, "<line x1=\"", kLegendX, "\" x2=\"", kLegendX + 24,
                    "\" y1=\"", ly, "\" y2=\"", ly, "\" ", style,
                    "/><text x=\"", kLegendX + 30, "\" y=\"", ly + 4, "\">",
                    text, "</text>");
    ly += 18;
  };
  legend_line(absl::StrCat("stroke=\"", svg::kInk, "\" stroke-width=\"1.5\""),
              "ratio 1: as expected");
  legend_line(dashed, "95% limits");
  legend_line(solid, "99.8% limits");
  for (const char* flag :
       {"high_998", "high_95", "within", "low_95", "low_998"}) {
    const Style style = StyleOf(flag);
    absl::StrAppend(&svg, "<circle cx=\"", kLegendX + 12, "\" cy=\"", ly,
                    "\" r=\"5\" fill=\"", style.fill, "\" stroke=\"",
                    Outside95(flag) ? svg::kInk : kWithinStroke,
                    "\"/><text x=\"", kLegendX + 30, "\" y=\"", ly + 4, "\">",
                    style.legend, "</text>");
    ly += 18;
  }
  if (!label_all) {
    absl::StrAppend(&svg, "<text x=\"", kLegendX, "\" y=\"", ly + 4,
                    "\" fill=\"", svg::kMuted,
                    "\">Labels: units outside 95%</text>");
  }

  for (size_t i = 0; i < notes.size(); ++i) {
    absl::StrAppend(&svg, "<text x=\"0\" y=\"",
                    axis_y + 60 + 16 * static_cast<int>(i), "\" fill=\"",
                    svg::kMuted, "\" class=\"note\">", notes[i], "</text>");
  }
  absl::StrAppend(&svg, "</svg>");
  return svg;
}

}  // namespace mhpbr
