#include "mhpbr/report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/analysis/consistency_report.h"
#include "lib/analysis/fair_comparison_html.h"
#include "lib/analysis/svg_chart.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/spc_svg.h"
#include "mhpbr/statistics.h"

namespace mhpbr {
namespace {

std::string Share(int64_t part, int64_t whole) {
  if (whole <= 0) return "";
  return FormatFixed(static_cast<long double>(part) / whole);
}

std::string Optional(const std::optional<long double>& v) {
  return v ? FormatFixed(*v) : "";
}

std::string SuperclassKey(Superclass s) {
  switch (s) {
    case Superclass::kNonPsychotic:
      return "non_psychotic";
    case Superclass::kPsychotic:
      return "psychotic";
    case Superclass::kOrganic:
      return "organic";
    case Superclass::kVariance:
      break;
  }
  return "variance";
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "n/a";
  return absl::StrCat(
      FormatFixed(100.0L * static_cast<long double>(part) / whole, 1), "%");
}

long double Fraction0(int64_t part, int64_t whole) {
  return whole <= 0 ? 0 : static_cast<long double>(part) / whole;
}

// The cells of a group's outcome figures, periods to mean change.
std::string CountCells(const OutcomeCounts& c) {
  return absl::StrCat(
      "<td>", c.periods, "</td><td>", c.paired, "</td><td>", c.improved,
      "</td><td>", c.no_change, "</td><td>", c.deteriorated, "</td><td>",
      c.paired > 0 ? FormatDecimal(c.change_sum, c.paired, 2) : "", "</td>");
}

// Outcomes per team or commissioner; the periods naming none as "(none)".
std::string UnitTable(absl::string_view first,
                      const std::vector<UnitOutcomes>& units) {
  std::string h = absl::StrCat(
      "<table><tr><th>", first,
      "</th><th>periods</th><th>paired</th><th>improved</th><th>no change"
      "</th><th>deteriorated</th><th>mean change</th></tr>");
  for (const UnitOutcomes& u : units) {
    absl::StrAppend(&h, "<tr><td>",
                    u.unit.empty() ? "(none)" : HtmlEscape(u.unit), "</td>",
                    CountCells(u), "</tr>");
  }
  absl::StrAppend(&h, "</table>");
  return h;
}

// The monthly series as Making Data Count charts, drawn as `mhpbr spc
// --svg` draws them; a series too short to chart is a line of a table.
std::string SpcSectionHtml(const Report& r) {
  std::string h =
      "<h2>Monthly measures (SPC)</h2><p>Each series by calendar month as a "
      "statistical process control chart: the mean, the process limits and "
      "the points that signal special cause, with the variation and "
      "assurance icons. Figures are in spc_points.csv and spc_summary.csv."
      "</p>";
  if (!r.spc_not_drawn.empty()) {
    absl::StrAppend(&h, "<p class=\"note\">The series could not be charted: ",
                    HtmlEscape(r.spc_not_drawn), ".</p>");
    return h;
  }
  std::string short_rows;
  for (const SpcChart& c : r.spc) {
    if (c.points.size() >= 2) {
      absl::StrAppend(&h, SvgSpcChart(c));
    } else {
      absl::StrAppend(&short_rows, "<tr><td>", HtmlEscape(c.name),
                      "</td><td>one month with a value: too few to "
                      "chart</td></tr>");
    }
  }
  for (const std::string& name : r.spc_without_points) {
    absl::StrAppend(&short_rows, "<tr><td>", HtmlEscape(name),
                    "</td><td>no month with a value: nothing to chart"
                    "</td></tr>");
  }
  if (!short_rows.empty()) {
    absl::StrAppend(&h, "<table><tr><th>series</th><th>not charted</th></tr>",
                    short_rows, "</table>");
  }
  return h;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ReportSummary(
    const Report& r) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&out](std::string key, std::string value) {
    out.emplace_back(std::move(key), std::move(value));
  };
  auto count = [&add](std::string key, int64_t v) {
    add(std::move(key), absl::StrCat(v));
  };
  add("as_of", FormatIsoDate(r.as_of));
  add("r_squared_per_period", Optional(r.r_squared.per_period));
  add("r_squared_per_day", Optional(r.r_squared.per_day));
  for (const auto& [s, v] : r.r_squared_by_superclass) {
    add(absl::StrCat("r_squared_per_period_", SuperclassKey(s)),
        Optional(v.per_period));
    add(absl::StrCat("r_squared_per_day_", SuperclassKey(s)),
        Optional(v.per_day));
  }
  const CoverageCounts& c = r.coverage;
  count("patients", c.patients);
  count("patients_in_clusters", c.patients_in_clusters);
  count("patients_only_cluster_0", c.patients_only_cluster_0);
  count("patients_unclustered", c.patients_unclustered);
  add("share_patients_in_clusters", Share(c.patients_in_clusters, c.patients));
  add("share_patients_only_cluster_0",
      Share(c.patients_only_cluster_0, c.patients));
  add("share_patients_unclustered", Share(c.patients_unclustered, c.patients));
  count("periods", r.periods);
  count("periods_in_clusters", c.periods_in_clusters);
  count("periods_cluster_0", c.periods_cluster_0);
  add("share_periods_in_clusters", Share(c.periods_in_clusters, r.periods));
  add("share_periods_cluster_0", Share(c.periods_cluster_0, r.periods));
  count("periods_without_activity", r.periods_without_activity);
  add("share_periods_without_activity",
      Share(r.periods_without_activity, r.periods));
  const CostingTotals& t = r.costing;
  count("activity_records", t.records_read);
  count("activity_rejected", t.records_rejected);
  count("activity_without_period", t.unclustered_records);
  add("share_activity_without_period",
      Share(t.unclustered_records, t.records_read - t.records_rejected));
  count("clustered_pence", t.clustered_pence);
  count("unclustered_pence", t.unclustered_pence);
  count("total_pence", t.total_pence);
  if (r.assessments) {
    const AssessmentQuality& a = *r.assessments;
    count("assessments", a.assessments);
    count("assessments_too_few_known", a.too_few_known);
    add("share_assessments_too_few_known",
        Share(a.too_few_known, a.assessments));
    count("assessments_no_fit", a.no_fit);
    count("allocations", a.allocated);
    count("allocations_red", a.red);
    add("share_allocations_red", Share(a.red, a.allocated));
    count("allocations_agree", a.agree);
    add("share_allocations_agree", Share(a.agree, a.allocated));
  }
  for (auto& [key, value] : ConsistencySummary(r.consistency)) {
    add(std::move(key), std::move(value));
  }
  if (r.events) {
    const PeriodQuality& e = *r.events;
    count("event_periods", e.periods);
    count("periods_overdue", e.overdue);
    add("share_periods_overdue", Share(e.overdue, e.periods));
    count("moves", e.moves);
    count("moves_outside_protocol", e.moves_outside_protocol);
    add("share_moves_outside_protocol",
        Share(e.moves_outside_protocol, e.moves));
  }
  return out;
}

std::string RenderReportHtml(const Report& r) {
  std::string h = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>mhpbr report: are clusters a fair basis for payment?</title>"
      "<style>"
      "body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;"
      "margin:2em auto;max-width:1100px;color:#1d2733;padding:0 1em}"
      "h1{font-size:1.6em}h2{border-bottom:2px solid #005eb8;padding-bottom:"
      ".2em;margin-top:2em}table{border-collapse:collapse;margin:1em 0;"
      "font-size:.9em}th,td{border:1px solid #c8d1db;padding:.3em .6em;"
      "text-align:right}th{background:#eef2f6}td:first-child,th:first-child{"
      "text-align:left}.note{color:#4c6272;font-size:.9em}"
      "svg{display:block;margin:1em 0;font-size:12px}svg .ct{font-weight:"
      "bold;font-size:13px}svg .bar{fill:#005eb8}svg .box{fill:#cfe2f3;"
      "stroke:#005eb8}svg .median{stroke:#d5281b;stroke-width:2}svg .whisker"
      "{stroke:#005eb8}svg .grid{stroke:#e3e8ee}svg .n{fill:#4c6272;"
      "font-size:10px}.kpi{display:inline-block;border:1px solid #c8d1db;"
      "padding:.6em 1em;margin:.3em;border-radius:4px}.kpi b{display:block;"
      "font-size:1.5em}"
      "</style></head><body>\n"
      "<h1>Are clusters a fair basis for payment?</h1>\n<p class=\"note\">"
      "As of ",
      FormatIsoDate(r.as_of), ". Rules: ", HtmlEscape(r.rules_source),
      ". Unit costs: ", HtmlEscape(r.unit_costs_source),
      ". Made by mhpbr; figures are also in the report's CSV files.</p>\n");

  // Headline figures.
  const CoverageCounts& c = r.coverage;
  auto kpi = [&h](absl::string_view label, const std::string& value) {
    absl::StrAppend(&h, "<div class=\"kpi\"><b>", HtmlEscape(value), "</b>",
                    HtmlEscape(label), "</div>");
  };
  kpi("people in clusters 1-21", Percent(c.patients_in_clusters, c.patients));
  kpi("cost variance explained by cluster (per period)",
      r.r_squared.per_period
          ? Percent(static_cast<int64_t>(*r.r_squared.per_period * 1000000),
                    1000000)
          : "n/a");
  kpi("activity with no cluster period",
      Percent(r.costing.unclustered_records,
              r.costing.records_read - r.costing.records_rejected));
  if (r.assessments) {
    kpi("red allocations",
        Percent(r.assessments->red, r.assessments->allocated));
  }

  // 1. Cost homogeneity.
  absl::StrAppend(
      &h,
      "<h2>1. Cost homogeneity</h2><p>How alike the cost of care is within "
      "each cluster. A currency groups people fairly when costs vary little "
      "within clusters (low coefficient of variation) and much between them "
      "(high R&sup2;).</p>");
  std::vector<Box> per_period, per_day;
  for (const HomogeneityRow& row : r.homogeneity) {
    Box b{absl::StrCat(row.cluster.code()),
          row.p5,
          row.p25,
          row.median,
          row.p75,
          row.p95,
          row.periods};
    (row.measure == CostMeasure::kPerPeriod ? per_period : per_day)
        .push_back(b);
  }
  absl::StrAppend(
      &h,
      SvgBoxPlot("Cost per period by cluster (pence; box p25-p75, whiskers "
                 "p5-p95)",
                 per_period, "pence"),
      SvgBoxPlot("Cost per cluster day by cluster (pence)", per_day, "pence"));
  absl::StrAppend(&h,
                  "<table><tr><th>cluster</th><th>measure</th><th>periods</th>"
                  "<th>mean</th><th>median</th><th>sd</th><th>cv</th>"
                  "<th>p5</th><th>p25</th><th>p75</th><th>p95</th></tr>");
  for (const HomogeneityRow& row : r.homogeneity) {
    absl::StrAppend(
        &h, "<tr><td>", row.cluster.code(), "</td><td>",
        CostMeasureName(row.measure), "</td><td>", row.periods, "</td><td>",
        FormatFixed(row.mean, 2), "</td><td>", FormatFixed(row.median, 2),
        "</td><td>", row.sd ? FormatFixed(*row.sd, 2) : "", "</td><td>",
        row.cv ? FormatFixed(*row.cv, 3) : "", "</td><td>",
        FormatFixed(row.p5, 2), "</td><td>", FormatFixed(row.p25, 2),
        "</td><td>", FormatFixed(row.p75, 2), "</td><td>",
        FormatFixed(row.p95, 2), "</td></tr>");
  }
  absl::StrAppend(&h,
                  "</table><table><tr><th>share of cost variance "
                  "explained by cluster (R&sup2;)</th><th>per period</th>"
                  "<th>per day</th></tr><tr><td>all clusters 1-21</td><td>",
                  Optional(r.r_squared.per_period), "</td><td>",
                  Optional(r.r_squared.per_day), "</td></tr>");
  for (const auto& [s, v] : r.r_squared_by_superclass) {
    absl::StrAppend(&h, "<tr><td>within ", SuperclassName(s), "</td><td>",
                    Optional(v.per_period), "</td><td>", Optional(v.per_day),
                    "</td></tr>");
  }
  absl::StrAppend(&h, "</table>");

  // 2. Coverage.
  absl::StrAppend(&h,
                  "<h2>2. Coverage</h2><p>How many people can be clustered "
                  "at all (early pilots expected about 85%).</p>");
  std::vector<Bar> cov = {
      {"in clusters 1-21", Fraction0(c.patients_in_clusters, c.patients),
       absl::StrCat(c.patients_in_clusters, " (",
                    Percent(c.patients_in_clusters, c.patients), ")")},
      {"only in cluster 0 (variance)",
       Fraction0(c.patients_only_cluster_0, c.patients),
       absl::StrCat(c.patients_only_cluster_0, " (",
                    Percent(c.patients_only_cluster_0, c.patients), ")")},
      {"activity but no cluster", Fraction0(c.patients_unclustered, c.patients),
       absl::StrCat(c.patients_unclustered, " (",
                    Percent(c.patients_unclustered, c.patients), ")")}};
  absl::StrAppend(
      &h, SvgBarChart(absl::StrCat("People (", c.patients, ")"), cov, 1));
  absl::StrAppend(&h, "<table><tr><th></th><th>count</th><th>share</th></tr>");
  auto row2 = [&h](absl::string_view label, int64_t n, int64_t whole) {
    absl::StrAppend(&h, "<tr><td>", HtmlEscape(label), "</td><td>", n,
                    "</td><td>", Percent(n, whole), "</td></tr>");
  };
  row2("people", c.patients, c.patients);
  row2("people in clusters 1-21", c.patients_in_clusters, c.patients);
  row2("people only in cluster 0", c.patients_only_cluster_0, c.patients);
  row2("people with activity but no cluster", c.patients_unclustered,
       c.patients);
  row2("periods in clusters 1-21", c.periods_in_clusters, r.periods);
  row2("periods in cluster 0", c.periods_cluster_0, r.periods);
  absl::StrAppend(&h, "</table>");
  if (!r.coverage_by_team.empty()) {
    absl::StrAppend(&h,
                    "<table><tr><th>team</th><th>people</th><th>in clusters "
                    "1-21</th><th>only cluster 0</th><th>no cluster</th></tr>");
    for (const auto& [team, t] : r.coverage_by_team) {
      absl::StrAppend(
          &h, "<tr><td>", HtmlEscape(team), "</td><td>", t.patients,
          "</td><td>", Percent(t.patients_in_clusters, t.patients), "</td><td>",
          Percent(t.patients_only_cluster_0, t.patients), "</td><td>",
          Percent(t.patients_unclustered, t.patients), "</td></tr>");
    }
    absl::StrAppend(&h, "</table>");
  }

  // 3. Data quality.
  absl::StrAppend(&h, "<h2>3. Data quality</h2>");
  std::vector<Bar> dq;
  std::string dq_rows;
  auto bar = [&](std::string label, int64_t n, int64_t whole) {
    absl::StrAppend(&dq_rows, "<tr><td>", HtmlEscape(label), "</td><td>", n,
                    "</td><td>", whole, "</td><td>", Percent(n, whole),
                    "</td></tr>");
    dq.push_back(
        {std::move(label), Fraction0(n, whole),
         absl::StrCat(n, " of ", whole, " (", Percent(n, whole), ")")});
  };
  bar("periods with no activity", r.periods_without_activity, r.periods);
  bar("activity with no period", r.costing.unclustered_records,
      r.costing.records_read - r.costing.records_rejected);
  if (r.assessments) {
    const AssessmentQuality& a = *r.assessments;
    bar("assessments with too few known items", a.too_few_known, a.assessments);
    bar("red allocations", a.red, a.allocated);
    bar("allocated = suggested cluster", a.agree, a.allocated);
  }
  if (r.events) {
    bar("periods overdue for review", r.events->overdue, r.events->periods);
    bar("moves outside the transition protocol",
        r.events->moves_outside_protocol, r.events->moves);
  }
  absl::StrAppend(&h, SvgBarChart("Data-quality measures (share)", dq, 1));
  absl::StrAppend(&h,
                  "<table><tr><th>measure</th><th>count</th><th>of</th>"
                  "<th>share</th></tr>");
  absl::StrAppend(&h, dq_rows, "</table>");
  if (!r.assessments) {
    absl::StrAppend(&h,
                    "<p class=\"note\">No assessments were given "
                    "(--assessments): red rules, too few known items and "
                    "agreement are not measured.</p>");
  } else if (r.assessments->red > 0) {
    // Most often first (ties in profile row order): the items to look at.
    std::vector<int> order;
    for (int i = 0; i < kItemCount; ++i) {
      if (r.assessments->red_items[i] > 0) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return r.assessments->red_items[a] > r.assessments->red_items[b];
    });
    std::vector<Bar> items;
    for (int i : order) {
      const int64_t n = r.assessments->red_items[i];
      items.push_back(
          {absl::StrCat("item ", ItemCode(ItemAt(i))),
           static_cast<long double>(n),
           absl::StrCat(n, " (", Percent(n, r.assessments->red), ")")});
    }
    absl::StrAppend(
        &h, SvgBarChart(
                "Items breaking red rules of the "
                "allocated cluster, most often first (times, and share of red "
                "allocations)",
                items));
  }
  if (!r.events) {
    absl::StrAppend(&h,
                    "<p class=\"note\">No events were given (--events): "
                    "overdue reviews and transitions are not measured."
                    "</p>");
  }
  // 4. Outcomes.
  absl::StrAppend(&h,
                  "<h2>4. Outcomes</h2><p>Did care work? HoNOS change (items "
                  "1-12, total 0-48) between the assessment at the start of "
                  "each cluster period and its follow-up; a fall is an "
                  "improvement.</p>");
  if (!r.outcomes) {
    absl::StrAppend(&h, "<p class=\"note\">Outcomes were not measured: ",
                    HtmlEscape(r.outcomes_not_measured), ".</p>");
  } else {
    const ReportOutcomes& o = *r.outcomes;
    std::vector<Box> change;
    for (const ChangeDistribution& d : o.change) {
      change.push_back({absl::StrCat(d.cluster.code()), d.min, d.p25, d.median,
                        d.p75, d.max, d.paired});
    }
    if (change.empty()) {
      // An empty plot would look like a chart of no change.
      absl::StrAppend(&h,
                      "<p class=\"note\">No period has both a start and a "
                      "follow-up assessment yet: there is no change to "
                      "chart.</p>");
    } else {
      absl::StrAppend(
          &h,
          SvgBoxPlot("Change of the HoNOS total per paired period by cluster "
                     "(box p25-p75, whiskers min-max; below 0 = better)",
                     change, "points", "min", "max"));
    }
    absl::StrAppend(&h,
                    "<table><tr><th>cluster</th><th>periods</th><th>paired"
                    "</th><th>improved</th><th>no change</th><th>"
                    "deteriorated</th><th>mean change</th><th>min</th><th>"
                    "p25</th><th>median</th><th>p75</th><th>max</th></tr>");
    size_t k = 0;
    for (const ClusterOutcomes& c : o.by_cluster) {
      absl::StrAppend(&h, "<tr><td>", c.cluster.code(), "</td>", CountCells(c));
      if (k < o.change.size() && o.change[k].cluster == c.cluster) {
        const ChangeDistribution& d = o.change[k++];
        for (long double v : {d.min, d.p25, d.median, d.p75, d.max}) {
          absl::StrAppend(&h, "<td>", FormatFixed(v, 2), "</td>");
        }
      } else {
        absl::StrAppend(&h, "<td></td><td></td><td></td><td></td><td></td>");
      }
      absl::StrAppend(&h, "</tr>");
    }
    absl::StrAppend(&h, "</table>");
    // Each period counts for the team and commissioner of the allocation
    // that opened it.
    if (o.by_team) absl::StrAppend(&h, UnitTable("team", *o.by_team));
    if (o.fair_by_team) {
      absl::StrAppend(&h, FairComparisonHtml(*o.fair_by_team, "team"));
    }
    if (o.by_commissioner) {
      absl::StrAppend(&h, UnitTable("commissioner", *o.by_commissioner));
    }
    absl::StrAppend(&h,
                    "<table><tr><th>indicator</th><th>numerator</th>"
                    "<th>denominator</th><th>value</th></tr>");
    for (const MeasuredIndicator& v : o.indicators) {
      absl::StrAppend(&h, "<tr><td>", HtmlEscape(v.name), "</td><td>",
                      v.numerator, "</td><td>", v.denominator, "</td><td>",
                      v.value_ppm ? Percent(*v.value_ppm, 1000000) : "n/a",
                      "</td></tr>");
    }
    absl::StrAppend(
        &h, "</table><p class=\"note\">", o.periods,
        " periods built from the events; ", o.assessments_unscorable,
        " assessments not scorable. Improved or deteriorated: a change of at "
        "least ",
        o.reliable_change,
        " points of the total (reliable change); clinically significant when "
        "it also crosses the cut-off of ",
        o.clinical_cutoff, ". From the rule set: ", HtmlEscape(o.source),
        "</p>");
  }

  absl::StrAppend(&h, ConsistencyHtml(r.consistency, 5));
  absl::StrAppend(&h, SpcSectionHtml(r));

  absl::StrAppend(&h, "<h2>Totals</h2><p>", r.costing.records_read,
                  " activity records read, ", r.costing.records_rejected,
                  " rejected; costed \u00a3",
                  FormatPounds(r.costing.total_pence), ", of which \u00a3",
                  FormatPounds(r.costing.unclustered_pence),
                  " outside any cluster period.</p>\n</body></html>\n");
  return h;
}

}  // namespace mhpbr
