#include "lib/analysis/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/analysis/svg_format.h"

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

using svg::AxisValue;
using svg::FitTitle;
using svg::NiceMax;
using svg::Num;

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
      FitTitle(label_w + bar_w + 90, title), "\" height=\"", height,
      "\" aria-label=\"", HtmlEscape(title), "\"><title>", HtmlEscape(title),
      "</title>", "<text x=\"0\" y=\"18\" class=\"ct\">", HtmlEscape(title),
      "</text>");
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
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"",
      FitTitle(width, title), "\" height=\"", top + plot_h + bottom,
      "\" aria-label=\"", HtmlEscape(title), "\"><title>", HtmlEscape(title),
      "</title>", "<text x=\"0\" y=\"18\" class=\"ct\">", HtmlEscape(title),
      "</text>");
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

std::string SvgHeatMap(const HeatMap& map) {
  // Presentation attributes, not the page's style sheet: the chart is
  // whole on its own.
  static constexpr char kMarkStroke[] =
      "fill=\"none\" stroke=\"#d5281b\" stroke-width=\"3\"";
  static constexpr char kDiagonalStroke[] =
      "fill=\"none\" stroke=\"#1d2733\" stroke-width=\"1.5\"";
  const int cell = 30, left = 60, top = 66, legend_h = 20;
  const int rows = static_cast<int>(map.row_labels.size());
  const int cols = static_cast<int>(map.column_labels.size());
  long long max = 0;
  for (const auto& row : map.counts) {
    for (long long n : row) max = std::max(max, n);
  }
  std::vector<std::string> legend;
  if (!map.diagonal_legend.empty()) legend.push_back(map.diagonal_legend);
  if (!map.marked_legend.empty()) legend.push_back(map.marked_legend);
  legend.push_back(absl::StrCat("darker = more (most in a cell: ", max, ")"));
  // 7px a character of 12px text, as FitTitle's 8px for the bold title.
  int width = left + cols * cell + 10;
  for (const std::string& l : legend) {
    width = std::max(width, 30 + 7 * static_cast<int>(l.size()) + 10);
  }
  width = FitTitle(width, map.title);
  const int grid_bottom = top + rows * cell;
  const int height =
      grid_bottom + 14 + legend_h * static_cast<int>(legend.size()) + 6;
  std::string svg = absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"", width,
      "\" height=\"", height, "\" aria-label=\"", HtmlEscape(map.title),
      "\"><title>", HtmlEscape(map.title), "</title>",
      "<text x=\"0\" y=\"18\" class=\"ct\">", HtmlEscape(map.title), "</text>",
      "<text x=\"", left + cols * cell / 2,
      "\" y=\"40\" text-anchor=\"middle\">", HtmlEscape(map.column_axis),
      " \u2192</text>", "<text x=\"16\" y=\"", top + rows * cell / 2,
      "\" text-anchor=\"middle\" transform=\"rotate(-90 16 ",
      top + rows * cell / 2, ")\">", HtmlEscape(map.row_axis), "</text>");
  for (int c = 0; c < cols; ++c) {
    absl::StrAppend(&svg, "<text x=\"", left + c * cell + cell / 2,
                    "\" y=\"58\" text-anchor=\"middle\">",
                    HtmlEscape(map.column_labels[c]), "</text>");
  }
  auto cell_at = [&](int r, int c) {
    return r < static_cast<int>(map.counts.size()) &&
                   c < static_cast<int>(map.counts[r].size())
               ? map.counts[r][c]
               : 0;
  };
  std::string outlines;
  for (int r = 0; r < rows; ++r) {
    const int y = top + r * cell;
    absl::StrAppend(&svg, "<text x=\"", left - 6, "\" y=\"", y + cell / 2 + 4,
                    "\" text-anchor=\"end\">", HtmlEscape(map.row_labels[r]),
                    "</text>");
    for (int c = 0; c < cols; ++c) {
      const int x = left + c * cell;
      const long long n = cell_at(r, c);
      // At least a pale tint for any count, so one stands out from none.
      const long double shade =
          n == 0 ? 0 : 0.12L + 0.88L * static_cast<long double>(n) / max;
      absl::StrAppend(
          &svg, "<rect x=\"", x, "\" y=\"", y, "\" width=\"", cell,
          "\" height=\"", cell, "\" stroke=\"#e3e8ee\" fill=\"",
          n == 0 ? std::string("#fafbfc")
                 : absl::StrFormat("#005eb8\" fill-opacity=\"%.2f",
                                   static_cast<double>(shade)),
          "\"><title>", HtmlEscape(map.row_axis), " ",
          HtmlEscape(map.row_labels[r]), ", ", HtmlEscape(map.column_axis), " ",
          HtmlEscape(map.column_labels[c]), ": ", n, "</title></rect>");
      if (n > 0) {
        absl::StrAppend(&svg, "<text x=\"", x + cell / 2, "\" y=\"",
                        y + cell / 2 + 4,
                        "\" text-anchor=\"middle\" font-size=\"10\" fill=\"",
                        shade > 0.55L ? "#ffffff" : "#1d2733", "\">",
                        n < 10000 ? absl::StrCat(n) : AxisValue(n), "</text>");
      }
      const bool marked = r < static_cast<int>(map.marked.size()) &&
                          c < static_cast<int>(map.marked[r].size()) &&
                          map.marked[r][c];
      // Drawn last, so no neighbouring cell covers an outline.
      if (marked || (r == c && !map.diagonal_legend.empty())) {
        absl::StrAppend(&outlines, "<rect x=\"", x + 1, "\" y=\"", y + 1,
                        "\" width=\"", cell - 2, "\" height=\"", cell - 2,
                        "\" ", marked ? kMarkStroke : kDiagonalStroke, "/>");
      }
    }
  }
  absl::StrAppend(&svg, outlines);
  for (size_t i = 0; i < legend.size(); ++i) {
    const int y = grid_bottom + 14 + legend_h * static_cast<int>(i);
    const bool last = i + 1 == legend.size();
    const bool mark =
        !last && !map.marked_legend.empty() && legend[i] == map.marked_legend;
    absl::StrAppend(&svg, "<rect x=\"4\" y=\"", y,
                    "\" width=\"14\" height=\"14\" ",
                    last ? "fill=\"#005eb8\" fill-opacity=\"0.60\""
                         : (mark ? kMarkStroke : kDiagonalStroke),
                    "/><text x=\"24\" y=\"", y + 11, "\">",
                    HtmlEscape(legend[i]), "</text>");
  }
  absl::StrAppend(&svg, "</svg>");
  return svg;
}

}  // namespace mhpbr
