// The report's figures (ReportSummary) and its HTML page (RenderReportHtml)
// on a small Report filled by hand: keys, order and values worked out in
// the comments; the page self-contained (no script, no network), one box
// per cluster, HTML escaped, and its tags balanced.

#include "mhpbr/report.h"

#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mhpbr {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;
using KeyValues = std::vector<std::pair<std::string, std::string>>;

Cluster C(int code) { return *Cluster::FromCode(code); }

HomogeneityRow Row(int cluster, CostMeasure m, int64_t n, long double mean,
                   long double median) {
  HomogeneityRow r;
  r.cluster = C(cluster);
  r.measure = m;
  r.periods = n;
  r.mean = mean;
  r.median = median;
  if (n >= 2) {
    r.sd = mean / 2;
    r.cv = 0.5L;
  }
  r.p5 = median * 0.5L;
  r.p25 = median * 0.8L;
  r.p75 = median * 1.2L;
  r.p95 = median * 1.5L;
  return r;
}

// A small report:
//   homogeneity rows for clusters 1, 3 and 10 (both measures) and
//   cluster 0 (per period only);
//   R^2 per period 0.8, per day none; non-psychotic {0.8, none},
//   psychotic {none, 0.5}, organic {none, none};
//   coverage: 8 people, 5 in clusters, 1 only cluster 0, 2 unclustered;
//   7 periods in clusters 1-21 and 1 in cluster 0 of 8; 2 without
//   activity;
//   costing: 100 records read, 4 rejected, 12 with no period; 5000p
//   clustered, 600p not, 5600p in all;
//   assessments: 10; 1 too few known; 2 no fit; 8 allocated, 2 red (items
//   6 three times, D once), 6 agree;
//   events: 9 periods, 3 overdue, 4 moves, 1 outside the protocol;
//   teams "north" and "<b>&\"x".
Report SmallReport() {
  Report r;
  r.as_of = absl::CivilDay(2024, 3, 31);
  r.rules_source = "Test rules <v1> & co";
  r.unit_costs_source = "Costs \"2023\"";
  r.homogeneity = {Row(0, CostMeasure::kPerPeriod, 1, 900, 900),
                   Row(1, CostMeasure::kPerDay, 2, 12.5L, 12.5L),
                   Row(1, CostMeasure::kPerPeriod, 3, 150, 100),
                   Row(3, CostMeasure::kPerDay, 4, 19.5L, 15),
                   Row(3, CostMeasure::kPerPeriod, 4, 40, 40),
                   Row(10, CostMeasure::kPerDay, 2, 30, 30),
                   Row(10, CostMeasure::kPerPeriod, 2, 3000, 3000)};
  r.r_squared.per_period = 0.8L;
  r.r_squared_by_superclass = {
      {Superclass::kNonPsychotic, VarianceExplained{0.8L, std::nullopt}},
      {Superclass::kPsychotic, VarianceExplained{std::nullopt, 0.5L}},
      {Superclass::kOrganic, VarianceExplained{}}};
  r.coverage.patients = 8;
  r.coverage.patients_in_clusters = 5;
  r.coverage.patients_only_cluster_0 = 1;
  r.coverage.patients_unclustered = 2;
  r.coverage.periods_in_clusters = 7;
  r.coverage.periods_cluster_0 = 1;
  CoverageCounts north;
  north.patients = 4;
  north.patients_in_clusters = 3;
  north.patients_unclustered = 1;
  CoverageCounts odd;
  odd.patients = 1;
  odd.patients_only_cluster_0 = 1;
  r.coverage_by_team = {{"north", north}, {"<b>&\"x", odd}};
  r.periods = 8;
  r.periods_without_activity = 2;
  r.costing.records_read = 100;
  r.costing.records_rejected = 4;
  r.costing.clustered_records = 84;
  r.costing.unclustered_records = 12;
  r.costing.clustered_pence = 5000;
  r.costing.unclustered_pence = 600;
  r.costing.total_pence = 5600;
  AssessmentQuality a;
  a.assessments = 10;
  a.too_few_known = 1;
  a.no_fit = 2;
  a.allocated = 8;
  a.red = 2;
  a.agree = 6;
  a.red_items[ItemIndex(Item::kHallucinations)] = 3;
  a.red_items[ItemIndex(Item::kEngagement)] = 1;
  r.assessments = a;
  PeriodQuality e;
  e.periods = 9;
  e.overdue = 3;
  e.moves = 4;
  e.moves_outside_protocol = 1;
  r.events = e;
  return r;
}

TEST(AnalysisReportSummaryTest, KeysOrderAndValues) {
  const KeyValues want = {
      {"as_of", "2024-03-31"},
      {"r_squared_per_period", "0.8000"},
      {"r_squared_per_day", ""},  // undefined: empty
      {"r_squared_per_period_non_psychotic", "0.8000"},
      {"r_squared_per_day_non_psychotic", ""},
      {"r_squared_per_period_psychotic", ""},
      {"r_squared_per_day_psychotic", "0.5000"},
      {"r_squared_per_period_organic", ""},
      {"r_squared_per_day_organic", ""},
      {"patients", "8"},
      {"patients_in_clusters", "5"},
      {"patients_only_cluster_0", "1"},
      {"patients_unclustered", "2"},
      {"share_patients_in_clusters", "0.6250"},     // 5 / 8
      {"share_patients_only_cluster_0", "0.1250"},  // 1 / 8
      {"share_patients_unclustered", "0.2500"},     // 2 / 8
      {"periods", "8"},
      {"periods_in_clusters", "7"},
      {"periods_cluster_0", "1"},
      {"share_periods_in_clusters", "0.8750"},  // 7 / 8
      {"share_periods_cluster_0", "0.1250"},    // 1 / 8
      {"periods_without_activity", "2"},
      {"share_periods_without_activity", "0.2500"},  // 2 / 8
      {"activity_records", "100"},
      {"activity_rejected", "4"},
      {"activity_without_period", "12"},
      // Of the 96 accepted records: 12 / 96 = 0.125.
      {"share_activity_without_period", "0.1250"},
      {"clustered_pence", "5000"},
      {"unclustered_pence", "600"},
      {"total_pence", "5600"},
      {"assessments", "10"},
      {"assessments_too_few_known", "1"},
      {"share_assessments_too_few_known", "0.1000"},  // 1 / 10
      {"assessments_no_fit", "2"},
      {"allocations", "8"},
      {"allocations_red", "2"},
      {"share_allocations_red", "0.2500"},  // 2 / 8
      {"allocations_agree", "6"},
      {"share_allocations_agree", "0.7500"},  // 6 / 8
      {"event_periods", "9"},
      {"periods_overdue", "3"},
      {"share_periods_overdue", "0.3333"},  // 3 / 9
      {"moves", "4"},
      {"moves_outside_protocol", "1"},
      {"share_moves_outside_protocol", "0.2500"},  // 1 / 4
  };
  EXPECT_THAT(ReportSummary(SmallReport()), ElementsAreArray(want));
}

std::map<std::string, std::string> AsMap(const KeyValues& kv) {
  return std::map<std::string, std::string>(kv.begin(), kv.end());
}

TEST(AnalysisReportSummaryTest, WithoutAssessmentsOrEvents) {
  Report r = SmallReport();
  r.assessments.reset();
  r.events.reset();
  const auto m = AsMap(ReportSummary(r));
  for (const char* key :
       {"assessments", "allocations_red", "share_allocations_red",
        "allocations_agree", "event_periods", "periods_overdue", "moves",
        "moves_outside_protocol"}) {
    EXPECT_EQ(m.count(key), 0u) << key;
  }
  EXPECT_EQ(m.at("patients"), "8");
  EXPECT_EQ(m.at("total_pence"), "5600");
}

TEST(AnalysisReportSummaryTest, EmptyDenominatorsGiveEmptyShares) {
  // Nothing at all: counts 0, every share undefined (empty), never "nan".
  Report r;
  r.as_of = absl::CivilDay(2024, 1, 1);
  r.assessments = AssessmentQuality{};
  r.events = PeriodQuality{};
  for (const auto& [key, value] : ReportSummary(r)) {
    if (absl::StartsWith(key, "share_") || absl::StartsWith(key, "r_squared")) {
      EXPECT_EQ(value, "") << key;
    } else if (key != "as_of") {
      EXPECT_EQ(value, "0") << key;
    }
  }
}

TEST(AnalysisReportSummaryTest, SharesOfAllAcceptedRecordsRoundAtFourPlaces) {
  Report r;
  r.as_of = absl::CivilDay(2024, 1, 1);
  // 2 of 3 people in clusters: 0.66666... -> 0.6667; 1 of 3: 0.3333.
  r.coverage.patients = 3;
  r.coverage.patients_in_clusters = 2;
  r.coverage.patients_unclustered = 1;
  // Every record rejected: no accepted record, the share is undefined.
  r.costing.records_read = 5;
  r.costing.records_rejected = 5;
  const auto m = AsMap(ReportSummary(r));
  EXPECT_EQ(m.at("share_patients_in_clusters"), "0.6667");
  EXPECT_EQ(m.at("share_patients_unclustered"), "0.3333");
  EXPECT_EQ(m.at("share_patients_only_cluster_0"), "0.0000");
  EXPECT_EQ(m.at("share_activity_without_period"), "");
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

// The first attribute such as ` onload=` (" on", letters, "="), or "".
std::string EventHandlerAttribute(const std::string& html) {
  for (size_t at = html.find(" on"); at != std::string::npos;
       at = html.find(" on", at + 1)) {
    size_t i = at + 3;
    while (i < html.size() &&
           std::islower(static_cast<unsigned char>(html[i]))) {
      ++i;
    }
    if (i > at + 3 && i < html.size() && html[i] == '=') {
      return html.substr(at, i - at + 1);
    }
  }
  return "";
}

// Checks that every element opened is closed, in order (void elements and
// self-closing SVG elements aside), and returns what is wrong, or "".
std::string TagBalance(const std::string& html) {
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    const size_t end = html.find('>', i);
    if (end == std::string::npos) return absl::StrCat("unclosed < at ", i);
    const std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // <!DOCTYPE html>
    const bool closing = tag[0] == '/';
    size_t n = closing ? 1 : 0;
    std::string name;
    while (
        n < tag.size() &&
        (std::isalnum(static_cast<unsigned char>(tag[n])) || tag[n] == '-')) {
      name.push_back(tag[n++]);
    }
    if (name.empty()) return absl::StrCat("bad tag <", tag, ">");
    if (closing) {
      if (open.empty() || open.back() != name) {
        return absl::StrCat("</", name, "> closes <",
                            open.empty() ? "nothing" : open.back(), ">");
      }
      open.pop_back();
      continue;
    }
    if (tag.back() == '/' || name == "meta" || name == "br" || name == "hr" ||
        name == "img" || name == "link" || name == "input") {
      continue;
    }
    open.push_back(name);
  }
  if (!open.empty()) return absl::StrCat("<", open.back(), "> never closed");
  return "";
}

TEST(AnalysisRenderReportHtmlTest, SelfContainedAndBalanced) {
  const std::string html = RenderReportHtml(SmallReport());
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<SCRIPT")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  // No event handler attributes (onload= and the like).
  EXPECT_EQ(EventHandlerAttribute(html), "");
  // The only address is the SVG namespace, which is a name, not a fetch.
  const std::string no_ns =
      absl::StrReplaceAll(html, {{"http://www.w3.org/2000/svg", ""}});
  EXPECT_THAT(no_ns, Not(HasSubstr("http://")));
  EXPECT_THAT(no_ns, Not(HasSubstr("https://")));
  EXPECT_THAT(no_ns, Not(HasSubstr("url(")));
  EXPECT_THAT(no_ns, Not(HasSubstr("<img")));
  EXPECT_THAT(no_ns, Not(HasSubstr("<link")));
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  // Two box plots, the coverage bars, the data-quality bars and the red
  // items: five charts.
  EXPECT_EQ(Count(html, "<svg"), 5);
  EXPECT_EQ(TagBalance(html), "");
  EXPECT_TRUE(absl::EndsWith(html, "</html>\n"));
}

TEST(AnalysisRenderReportHtmlTest, OneBoxPerClusterAndMeasure) {
  const std::string html = RenderReportHtml(SmallReport());
  // Per period: clusters 0, 1, 3, 10; per day: 1, 3, 10 = 7 boxes.
  EXPECT_EQ(Count(html, "<g><title>"), 7);
  EXPECT_EQ(Count(html, "<g><title>0: n=1,"), 1);
  EXPECT_EQ(Count(html, "<g><title>1: n=2,"), 1);  // per day
  EXPECT_EQ(Count(html, "<g><title>1: n=3,"), 1);  // per period
  EXPECT_EQ(Count(html, "<g><title>3: n=4,"), 2);
  EXPECT_EQ(Count(html, "<g><title>10: n=2,"), 2);
  // Each box: whiskers, a box and a median line.
  EXPECT_EQ(Count(html, "class=\"whisker\""), 7);
  EXPECT_EQ(Count(html, "class=\"box\""), 7);
  EXPECT_EQ(Count(html, "class=\"median\""), 7);
}

TEST(AnalysisRenderReportHtmlTest, EscapesText) {
  const std::string html = RenderReportHtml(SmallReport());
  EXPECT_THAT(html, HasSubstr("<td>&lt;b&gt;&amp;&quot;x</td>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>&\"x")));
  EXPECT_THAT(html, HasSubstr("Test rules &lt;v1&gt; &amp; co"));
  EXPECT_THAT(html, HasSubstr("Costs &quot;2023&quot;"));
}

TEST(AnalysisRenderReportHtmlTest, SectionsAndFigures) {
  const std::string html = RenderReportHtml(SmallReport());
  EXPECT_THAT(html, HasSubstr("<h2>1. Cost homogeneity</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>2. Coverage</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>3. Data quality</h2>"));
  EXPECT_THAT(html, HasSubstr("As of 2024-03-31"));
  // Homogeneity table: cluster 1 per day, n 2, mean 12.50, median 12.50,
  // sd 6.25 (mean / 2 in SmallReport), cv 0.500.
  EXPECT_THAT(html, HasSubstr("<tr><td>1</td><td>per_day</td><td>2</td>"
                              "<td>12.50</td><td>12.50</td><td>6.25</td>"
                              "<td>0.500</td>"));
  // Cluster 0 has one period: no sd or cv.
  EXPECT_THAT(html, HasSubstr("<tr><td>0</td><td>per_period</td><td>1</td>"
                              "<td>900.00</td><td>900.00</td><td></td>"
                              "<td></td>"));
  // R^2 rows.
  EXPECT_THAT(html, HasSubstr("<td>all clusters 1-21</td><td>0.8000</td>"
                              "<td></td>"));
  // Coverage: 5 of 8 people = 62.5%; 2 of 8 = 25.0%; periods 7 of 8 =
  // 87.5%, 1 of 8 = 12.5%.
  EXPECT_THAT(html, HasSubstr("<td>people in clusters 1-21</td><td>5</td>"
                              "<td>62.5%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>people with activity but no cluster</td>"
                              "<td>2</td><td>25.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>periods in clusters 1-21</td><td>7</td>"
                              "<td>87.5%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>periods in cluster 0</td><td>1</td>"
                              "<td>12.5%</td>"));
  // Per team: north 4 people, 3 in clusters (75.0%), 0 only 0, 1 none
  // (25.0%).
  EXPECT_THAT(html, HasSubstr("<tr><td>north</td><td>4</td><td>75.0%</td>"
                              "<td>0.0%</td><td>25.0%</td></tr>"));
  // Data quality: count, of, share.
  EXPECT_THAT(html, HasSubstr("<td>periods with no activity</td><td>2</td>"
                              "<td>8</td><td>25.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>activity with no period</td><td>12</td>"
                              "<td>96</td><td>12.5%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>assessments with too few known items</td>"
                              "<td>1</td><td>10</td><td>10.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>red allocations</td><td>2</td><td>8</td>"
                              "<td>25.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>allocated = suggested cluster</td><td>6"
                              "</td><td>8</td><td>75.0%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>periods overdue for review</td><td>3</td>"
                              "<td>9</td><td>33.3%</td>"));
  EXPECT_THAT(html, HasSubstr("<td>moves outside the transition protocol"
                              "</td><td>1</td><td>4</td><td>25.0%</td>"));
  // The items breaking red rules: 6 (three times) and D (once) only.
  EXPECT_THAT(html, HasSubstr(">item 6</text>"));
  EXPECT_THAT(html, HasSubstr(">item D</text>"));
  EXPECT_THAT(html, Not(HasSubstr(">item 7</text>")));
  // Totals: 5600p = GBP 56.00, 600p = GBP 6.00.
  EXPECT_THAT(html, HasSubstr("100 activity records read, 4 rejected"));
  EXPECT_THAT(html, HasSubstr("\u00a356.00"));
  EXPECT_THAT(html, HasSubstr("\u00a36.00"));
}

TEST(AnalysisRenderReportHtmlTest, RedItemsMostOftenFirst) {
  // Of 4 red allocations: item 1 once, item 6 three times, D once, E
  // three times: 6 and E (ties keep profile row order), then 1, then D.
  Report r = SmallReport();
  r.assessments->red = 4;
  r.assessments->red_items = {};
  r.assessments->red_items[ItemIndex(Item::kAggression)] = 1;
  r.assessments->red_items[ItemIndex(Item::kHallucinations)] = 3;
  r.assessments->red_items[ItemIndex(Item::kEngagement)] = 1;
  r.assessments->red_items[ItemIndex(Item::kVulnerability)] = 3;
  const std::string html = RenderReportHtml(r);
  const size_t six = html.find(">item 6</text>"),
               e = html.find(">item E</text>"),
               one = html.find(">item 1</text>"),
               d = html.find(">item D</text>");
  ASSERT_NE(six, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  ASSERT_NE(one, std::string::npos);
  ASSERT_NE(d, std::string::npos);
  EXPECT_LT(six, e);
  EXPECT_LT(e, one);
  EXPECT_LT(one, d);
  EXPECT_THAT(html, HasSubstr(">3 (75.0%)</text>"));
  EXPECT_THAT(html, HasSubstr(">1 (25.0%)</text>"));
}

TEST(AnalysisRenderReportHtmlTest, NotesWhatWasNotGiven) {
  Report r = SmallReport();
  r.assessments.reset();
  r.events.reset();
  const std::string html = RenderReportHtml(r);
  EXPECT_THAT(html, HasSubstr("No assessments were given"));
  EXPECT_THAT(html, HasSubstr("No events were given"));
  EXPECT_THAT(html, Not(HasSubstr("red allocations</td>")));
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(TagBalance(html), "");
}

TEST(AnalysisRenderReportHtmlTest, EmptyReportStillRenders) {
  Report r;
  r.as_of = absl::CivilDay(2024, 1, 1);
  const std::string html = RenderReportHtml(r);
  EXPECT_EQ(Count(html, "<g><title>"), 0);
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(TagBalance(html), "");
  EXPECT_THAT(html, Not(HasSubstr("nan")));
  EXPECT_THAT(html, Not(HasSubstr("inf\"")));
  EXPECT_THAT(html, HasSubstr("n/a"));
}

}  // namespace
}  // namespace mhpbr
