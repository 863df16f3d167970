// The funnel plot's SVG (DrawFunnelPlot) on small hand-made plots: it is
// well-formed XML, one circle per unit with a ratio, the flagged units in
// their colours, labels for all units up to 30 and for the flagged ones only
// at 200, text escaped, curves inside the plot area, points placed on the
// log E axis where the layout puts them by hand, nothing to run or fetch.
// Also the shared axis helpers of lib/analysis/svg_format.h it draws with.

#include "mhpbr/funnel_plot.h"

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/analysis/svg_format.h"

namespace mhpbr {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

size_t Count(const std::string& s, const std::string& what) {
  return std::vector<absl::string_view>(absl::StrSplit(s, what)).size() - 1;
}

// A small XML well-formedness check, enough for what the drawing writes:
// one root element, tags nested and closed in order, attributes quoted
// with no '<' in them, every '&' an entity, no '<' or '>' loose in text.
// Returns the first fault, or "" when well-formed.
std::string XmlFault(const std::string& xml) {
  std::vector<std::string> open;
  int roots = 0;
  auto entity_ok = [&](size_t at) {
    const size_t semi = xml.find(';', at);
    if (semi == std::string::npos || semi - at > 8) return false;
    const std::string name = xml.substr(at + 1, semi - at - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
        name == "apos") {
      return true;
    }
    if (name.size() < 2 || name[0] != '#') return false;
    for (size_t i = 1; i < name.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
  };
  size_t i = 0;
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == '&') {
      if (!entity_ok(i)) return absl::StrCat("bad entity at ", i);
      ++i;
      continue;
    }
    if (c == '>') return absl::StrCat("loose > at ", i);
    if (c != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(c))) {
        return absl::StrCat("text outside the root at ", i);
      }
      ++i;
      continue;
    }
    const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    const size_t name_start = j;
    while (j < xml.size() &&
           (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-' ||
            xml[j] == ':' || xml[j] == '_')) {
      ++j;
    }
    const std::string name = xml.substr(name_start, j - name_start);
    if (name.empty()) return absl::StrCat("no tag name at ", i);
    // Attributes: name="value" pairs until > or />.
    bool self_closing = false;
    while (true) {
      while (j < xml.size() && std::isspace(static_cast<unsigned char>(xml[j])))
        ++j;
      if (j >= xml.size()) return "unterminated tag";
      if (xml[j] == '>') {
        ++j;
        break;
      }
      if (xml[j] == '/' && j + 1 < xml.size() && xml[j + 1] == '>') {
        self_closing = true;
        j += 2;
        break;
      }
      if (closing) return absl::StrCat("attribute on closing tag at ", j);
      const size_t attr_start = j;
      while (j < xml.size() && xml[j] != '=' && xml[j] != '>' &&
             !std::isspace(static_cast<unsigned char>(xml[j]))) {
        ++j;
      }
      if (j == attr_start || j + 1 >= xml.size() || xml[j] != '=' ||
          (xml[j + 1] != '"' && xml[j + 1] != '\'')) {
        return absl::StrCat("bad attribute at ", attr_start);
      }
      const char quote = xml[j + 1];
      const size_t end = xml.find(quote, j + 2);
      if (end == std::string::npos) return "unterminated attribute";
      for (size_t k = j + 2; k < end; ++k) {
        if (xml[k] == '<') return absl::StrCat("< in attribute at ", k);
        if (xml[k] == '&' && !entity_ok(k)) {
          return absl::StrCat("bad entity in attribute at ", k);
        }
      }
      j = end + 1;
      if (j < xml.size() && !std::isspace(static_cast<unsigned char>(xml[j])) &&
          xml[j] != '>' && xml[j] != '/') {
        return absl::StrCat("no space after attribute at ", j);
      }
    }
    if (closing) {
      if (open.empty() || open.back() != name) {
        return absl::StrCat("</", name, "> does not close ",
                            open.empty() ? "anything" : open.back());
      }
      open.pop_back();
    } else {
      if (open.empty() && ++roots > 1) return "more than one root";
      if (!self_closing) open.push_back(name);
    }
    i = j;
  }
  if (!open.empty()) return absl::StrCat("<", open.back(), "> never closed");
  if (roots != 1) return "no root element";
  return "";
}

TEST(FunnelPlotXmlCheckTest, FindsFaults) {
  // The checker must fail on what it is there to catch.
  EXPECT_EQ(XmlFault("<svg><text>a</text></svg>"), "");
  EXPECT_NE(XmlFault("<svg><text>a</svg>"), "");
  EXPECT_NE(XmlFault("<svg><text>a & b</text></svg>"), "");
  EXPECT_NE(XmlFault("<svg><text>a < b</text></svg>"), "");
  EXPECT_NE(XmlFault("<svg x=\"<\"></svg>"), "");
  EXPECT_NE(XmlFault("<svg></svg><svg></svg>"), "");
}

// The value of attribute `name` in the first tag at or after `from`.
std::string Attr(const std::string& svg, size_t from, const std::string& name) {
  const size_t end = svg.find('>', from);
  const std::string key = absl::StrCat(" ", name, "=\"");
  const size_t at = svg.find(key, from);
  if (at == std::string::npos || at > end) return "";
  const size_t v = at + key.size();
  return svg.substr(v, svg.find('"', v) - v);
}

// Every <circle> with a tooltip (a unit; the legend's circles have none):
// its cx, cy, fill and tooltip.
struct Circle {
  std::string cx, cy, fill, title;
};
std::vector<Circle> Units(const std::string& svg) {
  std::vector<Circle> out;
  for (size_t at = svg.find("<circle"); at != std::string::npos;
       at = svg.find("<circle", at + 1)) {
    const size_t tag_end = svg.find('>', at);
    if (svg[tag_end - 1] == '/') continue;
    const size_t t = svg.find("<title>", tag_end);
    const size_t t_end = svg.find("</title>", t);
    out.push_back({Attr(svg, at, "cx"), Attr(svg, at, "cy"),
                   Attr(svg, at, "fill"), svg.substr(t + 7, t_end - t - 7)});
  }
  return out;
}

// The labels next to the points (10px text).
std::vector<std::string> Labels(const std::string& svg) {
  std::vector<std::string> out;
  for (size_t at = svg.find("font-size=\"10\""); at != std::string::npos;
       at = svg.find("font-size=\"10\"", at + 1)) {
    const size_t start = svg.find('>', at) + 1;
    out.push_back(svg.substr(start, svg.find("</text>", start) - start));
  }
  return out;
}

// Curves sampled at 1-2-5 steps from 0.01 to 1000 with limits shaped as
// the real ones (wide at small E, high ones huge there, low ones 0):
// 1 -+ k / sqrt(E), k = 2 for 95% and 3 for 99.8%.
std::vector<FunnelCurvePoint> Curve() {
  std::vector<FunnelCurvePoint> curve;
  for (double e = 0.01; e <= 1000.5; e *= 1.2) {
    const double s = 1 / std::sqrt(e);
    curve.push_back({e, std::max(0.0, 1 - 3 * s), std::max(0.0, 1 - 2 * s),
                     1 + 2 * s, 1 + 3 * s});
  }
  return curve;
}

FunnelPlot ThreeUnits() {
  FunnelPlot plot;
  plot.title = "Improvement by team";
  plot.curve = Curve();
  plot.points = {{"Small", 1, 0.0, "within"},
                 {"Middle", 10, 1.6, "high_95"},
                 {"Large", 100, 0.5, "low_998"},
                 {"Nobody paired", 0, std::nullopt, ""}};
  return plot;
}

TEST(FunnelPlotTest, WellFormedSelfContainedSvg) {
  const std::string svg = DrawFunnelPlot(ThreeUnits());
  EXPECT_EQ(XmlFault(svg), "");
  EXPECT_TRUE(absl::StartsWith(
      svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
  EXPECT_TRUE(absl::EndsWith(svg, "</svg>"));
  EXPECT_THAT(svg, Not(HasSubstr("<script")));
  const std::string no_ns =
      absl::StrReplaceAll(svg, {{"http://www.w3.org/2000/svg", ""}});
  EXPECT_THAT(no_ns, Not(HasSubstr("http")));
  EXPECT_THAT(no_ns, Not(HasSubstr("href")));
  EXPECT_THAT(no_ns, Not(HasSubstr("url(")));
  EXPECT_THAT(svg, HasSubstr("<title>Improvement by team</title>"));
}

TEST(FunnelPlotTest, PlacesUnitsOnTheLogAxisByHand) {
  const std::string svg = DrawFunnelPlot(ThreeUnits());
  // E spans 1 to 100, already 1-2-5 values, so the axis runs from 1 at the
  // plot's left edge (x 64) to 100 at its right (64 + 520 = 584); 10 is
  // half way in log10, 64 + 260 = 324.
  // y: highest ratio 1.6 (x 1.08 = 1.728); the 99.8% limit over E 1..100
  // peaks near E = 1 (about 1 + 3 = 4) but is capped at max(3, 1.5 x 1.6 =
  // 2.4) = 3; 3 / 5 ticks = 0.6 rounds up to a step of 1, so the axis tops
  // at 3. y = 40 + 340 - r / 3 x 340: ratio 0 at 380, 1.6 at 380 - 181.33 =
  // 198.67, 0.5 at 380 - 56.67 = 323.33.
  const std::vector<Circle> units = Units(svg);
  ASSERT_EQ(units.size(), 3u);  // "Nobody paired" has no ratio: not drawn
  // Within-limit units first, the flagged ones drawn over them.
  EXPECT_EQ(units[0].title, "Small: E 1, ratio 0, within");
  EXPECT_EQ(units[0].cx, "64.0");
  EXPECT_EQ(units[0].cy, "380.0");
  EXPECT_EQ(units[1].title, "Middle: E 10, ratio 1.6, high_95");
  EXPECT_EQ(units[1].cx, "324.0");
  EXPECT_EQ(units[1].cy, "198.7");
  EXPECT_EQ(units[2].title, "Large: E 100, ratio 0.5, low_998");
  EXPECT_EQ(units[2].cx, "584.0");
  EXPECT_EQ(units[2].cy, "323.3");
  // The ratio-1 line at 380 - 113.33 = 266.67, across the plot.
  EXPECT_THAT(svg, HasSubstr("<line x1=\"64\" x2=\"584\" y1=\"266.7\" "
                             "y2=\"266.7\" stroke=\"#1d2733\""));
  // The 1-2-5 ticks of two decades, labelled at their places.
  for (const char* tick : {"1", "2", "5", "10", "20", "50", "100"}) {
    EXPECT_THAT(svg, HasSubstr(absl::StrCat("text-anchor=\"middle\">", tick,
                                            "</text>")));
  }
  EXPECT_THAT(svg, HasSubstr("<text x=\"324.0\" y=\"396\" "
                             "text-anchor=\"middle\">10</text>"));
  // Three units at most 30: all labelled.
  EXPECT_THAT(Labels(svg), ElementsAre("Small", "Middle", "Large"));
  EXPECT_THAT(svg, HasSubstr("E axis log-scaled"));
  EXPECT_THAT(svg, HasSubstr("Limits above a ratio of 3 are cut off"));
  EXPECT_THAT(svg, HasSubstr("1 unit has no ratio (E = 0) and is not drawn."));
}

TEST(FunnelPlotTest, CurvesStayInsideThePlotArea) {
  const std::string svg = DrawFunnelPlot(ThreeUnits());
  const size_t frame = svg.find("class=\"plot-area\"");
  ASSERT_NE(frame, std::string::npos);
  const size_t tag = svg.rfind('<', frame);
  double x = 0, y = 0, w = 0, h = 0;
  ASSERT_TRUE(absl::SimpleAtod(Attr(svg, tag, "x"), &x));
  ASSERT_TRUE(absl::SimpleAtod(Attr(svg, tag, "y"), &y));
  ASSERT_TRUE(absl::SimpleAtod(Attr(svg, tag, "width"), &w));
  ASSERT_TRUE(absl::SimpleAtod(Attr(svg, tag, "height"), &h));
  EXPECT_EQ(x, 64);
  EXPECT_EQ(y, 40);
  int polylines = 0, points = 0;
  bool at_top = false, at_right = false;
  for (size_t at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1)) {
    ++polylines;
    for (absl::string_view pair :
         absl::StrSplit(Attr(svg, at, "points"), ' ')) {
      const std::vector<std::string> xy = absl::StrSplit(pair, ',');
      ASSERT_EQ(xy.size(), 2u) << pair;
      double px = 0, py = 0;
      ASSERT_TRUE(absl::SimpleAtod(xy[0], &px));
      ASSERT_TRUE(absl::SimpleAtod(xy[1], &py));
      EXPECT_GE(px, x) << pair;
      EXPECT_LE(px, x + w) << pair;
      EXPECT_GE(py, y) << pair;
      EXPECT_LE(py, y + h) << pair;
      at_top |= py == y;
      at_right |= px == x + w;
      ++points;
    }
  }
  // Four limit curves, each cut at the top or running the full width.
  EXPECT_GE(polylines, 4);
  EXPECT_GT(points, 40);
  EXPECT_TRUE(at_top);    // the 99.8% high limit reaches 4 > 3 at E = 1
  EXPECT_TRUE(at_right);  // the curves run past E = 100 and are cut there
}

TEST(FunnelPlotTest, EscapesLabels) {
  FunnelPlot plot = ThreeUnits();
  plot.title = "Teams <north> & south";
  plot.points[1].label = "A&B <Crisis>";
  const std::string svg = DrawFunnelPlot(plot);
  EXPECT_EQ(XmlFault(svg), "");
  EXPECT_THAT(svg, Not(HasSubstr("A&B")));
  EXPECT_THAT(svg, Not(HasSubstr("<Crisis>")));
  EXPECT_THAT(svg, HasSubstr(">A&amp;B &lt;Crisis&gt;</text>"));
  EXPECT_THAT(svg, HasSubstr("<title>A&amp;B &lt;Crisis&gt;: E 10"));
  EXPECT_THAT(svg, HasSubstr("<title>Teams &lt;north&gt; &amp; south"));
}

// 200 units: unit i at E = 1 + i / 4 (1 to 50.75). Units 10, 20 and 30 are
// above the 95% limit, 40 above 99.8%, 50 below 95% and 60 below 99.8%;
// the rest within.
FunnelPlot TwoHundredUnits() {
  FunnelPlot plot;
  plot.title = "200 teams";
  plot.curve = Curve();
  for (int i = 0; i < 200; ++i) {
    FunnelPlotPoint p;
    p.label = absl::StrCat("T", 1000 + i);
    p.expected = 1 + i / 4.0;
    p.ratio = 1.0;
    p.flag = "within";
    plot.points.push_back(p);
  }
  for (int i : {10, 20, 30}) {
    plot.points[i].ratio = 2.0;
    plot.points[i].flag = "high_95";
  }
  plot.points[40].ratio = 2.5;
  plot.points[40].flag = "high_998";
  plot.points[50].ratio = 0.2;
  plot.points[50].flag = "low_95";
  plot.points[60].ratio = 0.1;
  plot.points[60].flag = "low_998";
  return plot;
}

TEST(FunnelPlotTest, TwoHundredUnitsLabelOnlyTheFlagged) {
  const std::string svg = DrawFunnelPlot(TwoHundredUnits());
  EXPECT_EQ(XmlFault(svg), "");
  const std::vector<Circle> units = Units(svg);
  ASSERT_EQ(units.size(), 200u);
  int within = 0;
  for (const Circle& c : units) {
    if (absl::EndsWith(c.title, ", within")) {
      ++within;
      EXPECT_EQ(c.fill, "#aeb7bd") << c.title;
    }
  }
  EXPECT_EQ(within, 194);
  // The flagged six come last, in their order, each in its colour.
  EXPECT_EQ(units[194].title, "T1010: E 3.5, ratio 2, high_95");
  EXPECT_EQ(units[194].fill, "#41b6e6");
  EXPECT_EQ(units[195].fill, "#41b6e6");
  EXPECT_EQ(units[196].fill, "#41b6e6");
  EXPECT_EQ(units[197].title, "T1040: E 11, ratio 2.5, high_998");
  EXPECT_EQ(units[197].fill, "#005eb8");
  EXPECT_EQ(units[198].title, "T1050: E 13.5, ratio 0.2, low_95");
  EXPECT_EQ(units[198].fill, "#ed8b00");
  EXPECT_EQ(units[199].title, "T1060: E 16, ratio 0.1, low_998");
  EXPECT_EQ(units[199].fill, "#d5281b");
  EXPECT_THAT(Labels(svg), ElementsAre("T1010", "T1020", "T1030", "T1040",
                                       "T1050", "T1060"));
  EXPECT_THAT(svg, Not(HasSubstr(">T1011<")));
  EXPECT_THAT(svg, HasSubstr("Labels: units outside 95%"));
  // Every unit drawn: no footnote about missing ones.
  EXPECT_THAT(svg, Not(HasSubstr("not drawn")));
}

TEST(FunnelPlotTest, NothingToPlot) {
  FunnelPlot plot;
  plot.title = "Improvement by team";
  std::string svg = DrawFunnelPlot(plot);
  EXPECT_EQ(XmlFault(svg), "");
  EXPECT_THAT(svg, HasSubstr("Nothing to plot"));
  EXPECT_EQ(Count(svg, "<circle"), 0u);

  // Units all with E = 0, and curves: still nothing to plot, and said why.
  plot.curve = Curve();
  plot.points = {{"A", 0, std::nullopt, ""}, {"B", 0, std::nullopt, ""}};
  svg = DrawFunnelPlot(plot);
  EXPECT_EQ(XmlFault(svg), "");
  EXPECT_THAT(svg, HasSubstr("Nothing to plot"));
  EXPECT_THAT(svg, HasSubstr("2 units have no ratio (E = 0) and are not "
                             "drawn."));
  EXPECT_EQ(Count(svg, "<polyline"), 0u);
}

TEST(FunnelPlotTest, OneUnitAndNoCurve) {
  // One E (4): the axis takes the 1-2-5 steps either side, 2 to 5; no
  // curves given, none drawn; ratio 1 on its line.
  FunnelPlot plot;
  plot.points = {{"Only", 4, 1.0, "within"}};
  const std::string svg = DrawFunnelPlot(plot);
  EXPECT_EQ(XmlFault(svg), "");
  EXPECT_EQ(Count(svg, "<polyline"), 0u);
  // x = 64 + log10(4/2) / log10(5/2) x 520 = 64 + 0.75647 x 520 = 457.4.
  const std::vector<Circle> units = Units(svg);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].cx, "457.4");
  EXPECT_THAT(svg, HasSubstr("<title>Funnel plot</title>"));
}

TEST(SvgFormatTest, AxisScales) {
  EXPECT_THAT(svg::LinearTicks(2.5), ElementsAre(0, 0.5, 1, 1.5, 2, 2.5));
  EXPECT_THAT(svg::LinearTicks(5), ElementsAre(0, 1, 2, 3, 4, 5));
  // Up to 2000-fold: 1-2-5; more: the decades only.
  EXPECT_THAT(svg::LogTicks(0.5, 500),
              ElementsAre(0.5L, 1, 2, 5, 10, 20, 50, 100, 200, 500));
  EXPECT_THAT(svg::LogTicks(1, 100), ElementsAre(1, 2, 5, 10, 20, 50, 100));
  EXPECT_THAT(svg::LogTicks(1, 10000), ElementsAre(1, 10, 100, 1000, 10000));
  EXPECT_THAT(svg::LogTicks(0.2, 0.5), ElementsAre(0.2L, 0.5L));
  EXPECT_EQ(svg::LinearAxisMax(3), 3);
  EXPECT_EQ(svg::LinearAxisMax(2.2), 2.5);
  EXPECT_EQ(svg::LinearAxisMax(3.75), 4);
  svg::LogRange r = svg::NiceLogRange(3, 70);
  EXPECT_EQ(r.low, 2);
  EXPECT_EQ(r.high, 100);
  r = svg::NiceLogRange(10, 10);
  EXPECT_EQ(r.low, 5);
  EXPECT_EQ(r.high, 20);
}

}  // namespace
}  // namespace mhpbr
