#include "lib/analysis/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mhpbr {

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(ch);
    }
  }
  return out;
}

namespace {

std::string Num(long double v) {
  return absl::StrFormat("%.1f", static_cast<double>(v));
}

// A round number at or above v for an axis maximum.
long double NiceMax(long double v) {
  if (v <= 0) return 1;
  const long double p = std::pow(10.0L, std::floor(std::log10(v)));
  for (long double m : {1.0L, 2.0L, 2.5L, 5.0L, 10.0L}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

std::string AxisValue(long double v) {
  if (v >= 1e6) return absl::StrFormat("%.1fm", static_cast<double>(v / 1e6));
  if (v >= 1e3) return absl::StrFormat("%.1fk", static_cast<double>(v / 1e3));
  return absl::StrFormat("%.0f", static_cast<double>(v));
}

}  // namespace

std::string SvgBarChart(absl::string_view title, const std::vector<Bar>& bars,
                        long double max) {
  const int label_w = 300, bar_w = 400, row_h = 24, top = 30;
  const int height = top + row_h * static_cast<int>(bars.size()) + 10;
  if (max <= 0) {
    for (const Bar& b : bars) max = std::max(max, b.value);
    if (max <= 0) max = 1;
  }
  std::string svg = absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"",
      label_w + bar_w + 90, "\" height=\"", height, "\" aria-label=\"",
      HtmlEscape(title), "\"><title>", HtmlEscape(title), "</title>",
      "<text x=\"0\" y=\"18\" class=\"ct\">", HtmlEscape(title), "</text>");
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = top + static_cast<int>(i) * row_h;
    const long double w = std::max<long double>(0, b.value / max * bar_w);
    absl::StrAppend(&svg, "<text x=\"", label_w - 6, "\" y=\"", y + 16,
                    "\" text-anchor=\"end\">", HtmlEscape(b.label),
                    "</text><rect x=\"", label_w, "\" y=\"", y + 4,
                    "\" width=\"", Num(w), "\" height=\"", row_h - 8,
                    "\" class=\"bar\"/><text x=\"", Num(label_w + w + 6),
                    "\" y=\"", y + 16, "\">", HtmlEscape(b.text), "</text>");
  }
  absl::StrAppend(&svg, "</svg>");
  return svg;
}

std::string SvgBoxPlot(absl::string_view title, const std::vector<Box>& boxes,
                       absl::string_view unit, absl::string_view low,
                       absl::string_view high) {
  const int left = 70, plot_h = 260, top = 36, bottom = 40;
  const int slot = 38;
  const int width = left + slot * std::max<int>(1, boxes.size()) + 20;
  long double max = 0, min = 0;
  for (const Box& b : boxes) {
    max = std::max(max, b.p95);
    min = std::min(min, b.p5);
  }
  max = NiceMax(std::max(max, -min));
  min = min < 0 ? -max : 0;
  auto y = [&](long double v) {
    return top + plot_h -
           std::clamp<long double>((v - min) / (max - min), 0, 1) * plot_h;
  };
  std::string svg = absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"", width,
      "\" height=\"", top + plot_h + bottom, "\" aria-label=\"",
      HtmlEscape(title), "\"><title>", HtmlEscape(title), "</title>",
      "<text x=\"0\" y=\"18\" class=\"ct\">", HtmlEscape(title), "</text>");
  for (int i = 0; i <= 4; ++i) {
    const long double v = min + (max - min) * i / 4;
    absl::StrAppend(&svg, "<line x1=\"", left, "\" x2=\"", width - 10,
                    "\" y1=\"", Num(y(v)), "\" y2=\"", Num(y(v)),
                    "\" class=\"grid\"/><text x=\"", left - 6, "\" y=\"",
                    Num(y(v) + 4), "\" text-anchor=\"end\">", AxisValue(v),
                    "</text>");
  }
  absl::StrAppend(&svg, "<text x=\"", left - 60, "\" y=\"", top - 8, "\">",
                  HtmlEscape(unit), "</text>");
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    const int cx = left + slot * static_cast<int>(i) + slot / 2;
    const int half = slot / 2 - 6;
    absl::StrAppend(
        &svg, "<g><title>", HtmlEscape(b.label), ": n=", b.n, ", ", low, " ",
        AxisValue(b.p5), ", p25 ", AxisValue(b.p25), ", median ",
        AxisValue(b.median), ", p75 ", AxisValue(b.p75), ", ", high, " ",
        AxisValue(b.p95), "</title>", "<line x1=\"", cx, "\" x2=\"", cx,
        "\" y1=\"", Num(y(b.p5)), "\" y2=\"", Num(y(b.p95)),
        "\" class=\"whisker\"/>", "<rect x=\"", cx - half, "\" y=\"",
        Num(y(b.p75)), "\" width=\"", 2 * half, "\" height=\"",
        Num(std::max<long double>(1, y(b.p25) - y(b.p75))),
        "\" class=\"box\"/>", "<line x1=\"", cx - half, "\" x2=\"", cx + half,
        "\" y1=\"", Num(y(b.median)), "\" y2=\"", Num(y(b.median)),
        "\" class=\"median\"/>", "<text x=\"", cx, "\" y=\"", top + plot_h + 16,
        "\" text-anchor=\"middle\">", HtmlEscape(b.label), "</text>",
        "<text x=\"", cx, "\" y=\"", top + plot_h + 30,
        "\" text-anchor=\"middle\" class=\"n\">n=", b.n, "</text></g>");
  }
  absl::StrAppend(&svg, "</svg>");
  return svg;
}

}  // namespace mhpbr
