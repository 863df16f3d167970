#include "mhpbr/spc_svg.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "lib/analysis/svg_chart.h"
#include "lib/analysis/svg_format.h"

namespace mhpbr {
namespace {

using svg::AxisValue;
using svg::Num;

// NHSRplotthedots' colours for the guidance's point types.
constexpr char kImprovement[] = "#289de0";
constexpr char kConcern[] = "#fab428";
constexpr char kNeutral[] = "#361475";
constexpr char kCommon[] = "#7b7d7d";

constexpr int kWidth = 760, kHeight = 240;
// The page's title and key, above its charts.
constexpr int kPageHeader = 88;
constexpr int kLeft = 64, kRight = 120, kTop = 34, kBottom = 36;

const char* Colour(SpcPointType t) {
  switch (t) {
    case SpcPointType::kImprovement:
      return kImprovement;
    case SpcPointType::kConcern:
      return kConcern;
    case SpcPointType::kHigh:
    case SpcPointType::kLow:
      return kNeutral;
    case SpcPointType::kCommonCause:
      break;
  }
  return kCommon;
}

long double Value(const ExactDecimal& d) {
  long double v = d.units;
  for (int i = 0; i < d.places; ++i) v /= 10;
  return v;
}

// A lettered circle with its meaning in a tooltip; an empty icon is a
// dashed outline, so the reader sees there is none rather than a gap.
std::string Icon(int cx, int cy, absl::string_view colour,
                 absl::string_view letter, absl::string_view tooltip) {
  if (letter.empty()) {
    return absl::StrCat("<g><title>", HtmlEscape(tooltip),
                        "</title><circle cx=\"", cx, "\" cy=\"", cy,
                        "\" r=\"16\" fill=\"none\" stroke=\"", kCommon,
                        "\" stroke-dasharray=\"3 3\"/></g>");
  }
  return absl::StrCat(
      "<g><title>", HtmlEscape(tooltip), "</title><circle cx=\"", cx,
      "\" cy=\"", cy, "\" r=\"16\" fill=\"white\" stroke=\"", colour,
      "\" stroke-width=\"3\"/><text x=\"", cx, "\" y=\"", cy + 5,
      "\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\" "
      "fill=\"",
      colour, "\">", letter, "</text></g>");
}

std::string VariationIcon(const SpcChart& c, int cx, int cy) {
  if (!c.variation) return Icon(cx, cy, kCommon, "", "variation: none");
  const std::string tip =
      absl::StrCat("variation: ", SpcPointTypeName(*c.variation));
  if (*c.variation == SpcPointType::kCommonCause) {
    // The guidance's common-cause icon: a level, unremarkable line.
    return absl::StrCat(Icon(cx, cy, kCommon, " ", tip), "<path d=\"M", cx - 9,
                        " ", cy,
                        " l4 -4 l5 8 l5 -8 l4 4\" fill=\"none\" "
                        "stroke=\"",
                        kCommon, "\" stroke-width=\"2\"/>");
  }
  const bool high = c.points.back().side > 0;
  return Icon(cx, cy, Colour(*c.variation), high ? "H" : "L", tip);
}

std::string AssuranceIcon(const SpcChart& c, int cx, int cy) {
  const std::string tip =
      c.assurance == SpcAssurance::kNone
          ? "assurance: none"
          : absl::StrCat("assurance: ", SpcAssuranceName(c.assurance));
  switch (c.assurance) {
    case SpcAssurance::kConsistentPass:
      return Icon(cx, cy, kImprovement, "P", tip);
    case SpcAssurance::kConsistentFail:
      return Icon(cx, cy, kConcern, "F", tip);
    case SpcAssurance::kInconsistent:
      return Icon(cx, cy, kCommon, "?", tip);
    case SpcAssurance::kNone:
      break;
  }
  return Icon(cx, cy, kCommon, "", tip);
}

std::string ChartBody(const SpcChart& c) {
  const std::string title =
      absl::StrCat(c.name, " (", c.points.size(),
                   c.points.size() == 1 ? " point" : " points",
                   c.short_series ? ", short" : "", ")");
  std::string out = absl::StrCat("<title>", HtmlEscape(title),
                                 "</title><text x=\"0\" y=\"18\" "
                                 "font-weight=\"bold\" font-size=\"13\">",
                                 HtmlEscape(title), "</text>");
  const int plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::vector<long double> ys;
  for (const SpcPoint& p : c.points) ys.push_back(Value(p.value));
  std::vector<long double> all = ys;
  for (const auto& f : {c.mean, c.lpl, c.upl}) {
    if (f) all.push_back(f->ToLongDouble());
  }
  if (c.target) all.push_back(Value(*c.target));
  long double lo = 0, hi = 1;
  if (!all.empty()) {
    lo = *std::min_element(all.begin(), all.end());
    hi = *std::max_element(all.begin(), all.end());
  }
  const long double pad = hi > lo ? (hi - lo) * 0.08L : 1;
  lo -= pad;
  hi += pad;
  const size_t n = c.points.size();
  auto x = [&](size_t i) {
    return kLeft + (n < 2 ? plot_w / 2.0L : plot_w * i / (n - 1.0L));
  };
  auto y = [&](long double v) { return kTop + plot_h * (hi - v) / (hi - lo); };
  absl::StrAppend(&out, "<rect x=\"", kLeft, "\" y=\"", kTop, "\" width=\"",
                  plot_w, "\" height=\"", plot_h, "\" fill=\"none\" stroke=\"",
                  svg::kGrid, "\"/>");
  // Axis labels at the bottom, middle and top of the plot.
  for (long double v : {lo + pad, (lo + hi) / 2, hi - pad}) {
    absl::StrAppend(&out, "<text x=\"", kLeft - 6, "\" y=\"", Num(y(v) + 4),
                    "\" text-anchor=\"end\" font-size=\"11\" fill=\"",
                    svg::kMuted, "\">", AxisValue(v), "</text>");
  }
  auto hline = [&](long double v, absl::string_view colour,
                   absl::string_view dash, absl::string_view label) {
    absl::StrAppend(
        &out, "<line x1=\"", kLeft, "\" x2=\"", kLeft + plot_w, "\" y1=\"",
        Num(y(v)), "\" y2=\"", Num(y(v)), "\" stroke=\"", colour,
        "\" stroke-width=\"1.5\"",
        dash.empty() ? "" : absl::StrCat(" stroke-dasharray=\"", dash, "\""),
        "/><text x=\"", kLeft + plot_w + 4, "\" y=\"", Num(y(v) + 4),
        "\" font-size=\"11\" fill=\"", colour, "\">", label, "</text>");
  };
  if (c.upl) hline(c.upl->ToLongDouble(), svg::kMuted, "6 4", "upper limit");
  if (c.lpl) hline(c.lpl->ToLongDouble(), svg::kMuted, "6 4", "lower limit");
  if (c.mean) hline(c.mean->ToLongDouble(), svg::kInk, "", "mean");
  if (c.target) hline(Value(*c.target), svg::kRed, "2 3", "target");
  if (n > 1) {
    absl::StrAppend(&out, "<polyline fill=\"none\" stroke=\"", kCommon,
                    "\" stroke-width=\"1.5\" points=\"");
    for (size_t i = 0; i < n; ++i) {
      absl::StrAppend(&out, i ? " " : "", Num(x(i)), ",", Num(y(ys[i])));
    }
    absl::StrAppend(&out, "\"/>");
  }
  for (size_t i = 0; i < n; ++i) {
    const SpcPoint& p = c.points[i];
    absl::StrAppend(&out, "<circle cx=\"", Num(x(i)), "\" cy=\"", Num(y(ys[i])),
                    "\" r=\"", p.special_cause ? 4 : 3, "\" fill=\"",
                    Colour(p.type), "\"><title>",
                    absl::FormatCivilTime(p.month), ": ",
                    FormatExactDecimal(p.value, p.value.places), " (",
                    SpcPointTypeName(p.type), ")</title></circle>");
  }
  // Month labels: the first, the last and about five between.
  const size_t step = std::max<size_t>(1, (n + 5) / 6);
  for (size_t i = 0; i < n; ++i) {
    const bool last_apart = i + 1 == n && (n - 1) % step > step / 2;
    if (i % step != 0 && !last_apart) continue;
    absl::StrAppend(
        &out, "<text x=\"", Num(x(i)), "\" y=\"", kTop + plot_h + 16,
        "\" text-anchor=\"middle\" font-size=\"11\" fill=\"", svg::kMuted,
        "\">", absl::FormatCivilTime(c.points[i].month), "</text>");
  }
  absl::StrAppend(&out, VariationIcon(c, kWidth - 60, 18),
                  AssuranceIcon(c, kWidth - 20, 18));
  return out;
}

}  // namespace

std::string SvgSpcChart(const SpcChart& chart) {
  return absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"", kWidth,
      "\" height=\"", kHeight, "\" font-family=\"Arial,sans-serif\">",
      ChartBody(chart), "</svg>");
}

std::string SpcSvgPageHead(size_t charts, absl::string_view title) {
  const int height =
      kPageHeader + kHeight * static_cast<int>(std::max<size_t>(1, charts));
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
      "xmlns=\"http://www.w3.org/2000/svg\" width=\"",
      kWidth, "\" height=\"", height, "\" viewBox=\"0 0 ", kWidth, " ", height,
      "\" font-family=\"Arial,sans-serif\"><title>", HtmlEscape(title),
      "</title><rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
      "<text x=\"0\" y=\"22\" font-weight=\"bold\" font-size=\"18\">",
      HtmlEscape(title), "</text>");
  // The key: each colour once, and what the two icons' letters mean.
  int kx = 0;
  for (const auto& [colour, label] :
       std::vector<std::pair<const char*, const char*>>{
           {kImprovement, "improvement"},
           {kConcern, "concern"},
           {kNeutral, "special cause (neutral)"},
           {kCommon, "common cause"}}) {
    absl::StrAppend(&out, "<circle cx=\"", kx + 5,
                    "\" cy=\"42\" r=\"5\" "
                    "fill=\"",
                    colour, "\"/><text x=\"", kx + 14,
                    "\" y=\"46\" font-size=\"12\">", label, "</text>");
    kx += 40 + 7 * static_cast<int>(absl::string_view(label).size());
  }
  absl::StrAppend(&out, "<text x=\"0\" y=\"64\" font-size=\"11\" fill=\"",
                  svg::kMuted,
                  "\">Left icon, variation: H high, L low, grey line common "
                  "cause. Right icon, assurance: P consistently</text><text "
                  "x=\"0\" y=\"78\" font-size=\"11\" fill=\"",
                  svg::kMuted,
                  "\">passing the target, F consistently failing it, ? "
                  "inconsistent. A dashed circle: no icon.</text>");
  return out;
}

std::string SpcSvgPageChart(size_t index, const SpcChart& chart) {
  return absl::StrCat("<g transform=\"translate(0,",
                      kPageHeader + kHeight * static_cast<int>(index), ")\">",
                      ChartBody(chart), "</g>");
}

std::string SpcSvgPageTail() { return "</svg>\n"; }

std::string SpcSvgPage(absl::Span<const SpcChart> charts,
                       absl::string_view title) {
  std::string out = SpcSvgPageHead(charts.size(), title);
  for (size_t i = 0; i < charts.size(); ++i) {
    absl::StrAppend(&out, SpcSvgPageChart(i, charts[i]));
  }
  absl::StrAppend(&out, SpcSvgPageTail());
  return out;
}

}  // namespace mhpbr
