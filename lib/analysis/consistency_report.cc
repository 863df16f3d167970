#include "lib/analysis/consistency_report.h"

#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "lib/analysis/svg_chart.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

std::string Cell(const std::optional<int64_t>& v) {
  return v ? absl::StrCat(*v) : std::string();
}

// 852000 -> "85.2%".
std::string PercentOfPpm(const std::optional<int64_t>& ppm) {
  return ppm ? absl::StrCat(FormatDecimal(*ppm, 10000, 1), "%") : "n/a";
}

// A change in ppm as signed percentage points: 21000 -> "+2.1 pp".
std::string PointsOfPpm(const std::optional<int64_t>& ppm) {
  if (!ppm) return "";
  return absl::StrCat(*ppm > 0 ? "+" : "", FormatDecimal(*ppm, 10000, 1),
                      " pp");
}

std::vector<std::string> ClusterLabels() {
  std::vector<std::string> labels;
  for (int k = 0; k < Cluster::kCount; ++k) {
    labels.push_back(absl::StrCat(Cluster::FromIndex(k).code()));
  }
  return labels;
}

// (kind, groups) in the order agreement_by_group.csv sorts them.
std::vector<
    std::pair<const char*, const std::map<std::string, AgreementTally>*>>
GroupKinds(const GroupAgreement& g) {
  std::vector<
      std::pair<const char*, const std::map<std::string, AgreementTally>*>>
      kinds;
  if (g.has_clinician) kinds.emplace_back("clinician", &g.by_clinician);
  if (g.has_team) kinds.emplace_back("team", &g.by_team);
  return kinds;
}

std::string AgreementHtml(const ClusteringConsistency& c) {
  if (!c.agreement) {
    return "<p class=\"note\">No assessments were given (--assessments): "
           "agreement between allocated and suggested clusters is not "
           "measured.</p>";
  }
  const AgreementMatrix& m = *c.agreement;
  const AgreementTally& t = m.tally();
  if (t.assessments == 0) {
    // An empty grid would read as perfect disagreement-free data.
    return "<p class=\"note\">No accepted assessment carries an allocated "
           "cluster: there is no agreement to chart.</p>";
  }
  HeatMap map;
  map.title = absl::StrCat("Allocated against suggested cluster (",
                           t.assessments, " assessments)");
  map.row_axis = "allocated";
  map.column_axis = "suggested";
  map.row_labels = ClusterLabels();
  map.column_labels = map.row_labels;
  map.counts.assign(Cluster::kCount,
                    std::vector<long long>(Cluster::kCount, 0));
  for (int a = 0; a < Cluster::kCount; ++a) {
    for (int s = 0; s < Cluster::kCount; ++s) {
      map.counts[a][s] = m.count(Cluster::FromIndex(a), Cluster::FromIndex(s));
    }
  }
  map.diagonal_legend = "outlined: allocated = suggested";
  const std::string kappa = t.KappaDecimal();
  std::string h = absl::StrCat(
      "<p>Does the cluster a clinician allocates match the one the rules "
      "suggest for the same ratings? ",
      t.agree, " of ", t.assessments, " allocations agree (",
      PercentOfPpm(t.AgreementPpm()), "); Cohen's kappa ",
      kappa.empty() ? "n/a" : kappa,
      " (1 = full agreement, 0 = no more than chance).</p>", SvgHeatMap(map));
  for (const auto& [kind, groups] : GroupKinds(c.groups)) {
    absl::StrAppend(&h, "<table><tr><th>", kind,
                    "</th><th>assessments</th><th>agree</th><th>kappa</th>"
                    "</tr>");
    for (const auto& [group, g] : *groups) {
      const std::string k = g.KappaDecimal();
      absl::StrAppend(&h, "<tr><td>", HtmlEscape(group), "</td><td>",
                      g.assessments, "</td><td>",
                      PercentOfPpm(g.AgreementPpm()), "</td><td>",
                      k.empty() ? "n/a" : k, "</td></tr>");
    }
    absl::StrAppend(&h, "</table>");
  }
  return h;
}

std::string TransitionsHtml(const ClusteringConsistency& c) {
  if (c.transitions.empty()) {
    return "<p class=\"note\">No period follows another of the same person "
           "the day after it ends: there are no moves at review to "
           "chart.</p>";
  }
  HeatMap map;
  int64_t moves = 0, outside = 0;
  map.row_axis = "from";
  map.column_axis = "to";
  map.row_labels = ClusterLabels();
  map.column_labels = map.row_labels;
  map.counts.assign(Cluster::kCount,
                    std::vector<long long>(Cluster::kCount, 0));
  map.marked.assign(Cluster::kCount, std::vector<bool>(Cluster::kCount));
  for (const TransitionCount& t : c.transitions) {
    map.counts[t.from.index()][t.to.index()] = t.moves;
    map.marked[t.from.index()][t.to.index()] = !t.in_protocol;
    moves += t.moves;
    if (!t.in_protocol) outside += t.moves;
  }
  map.title = absl::StrCat("Moves between clusters at review (", moves,
                           " moves, ", outside, " outside the protocol)");
  map.marked_legend = "red outline: outside the transition protocol";
  return absl::StrCat(
      "<p>Which cluster follows which when a review changes it, from the "
      "periods; moves the loaded transition protocol does not allow are "
      "outlined in red (moves to or from cluster 0 are always allowed).</p>",
      SvgHeatMap(map));
}

std::string MixHtml(const ClusteringConsistency& c) {
  if (c.cluster_mix.empty()) {
    // Worded without "financial": the page must never show "nan", which
    // the tests look for to catch an undefined figure.
    return "<p class=\"note\">No period is in force in any year (1 April "
           "to 31 March) up to the as-of date: there is no cluster mix.</p>";
  }
  // Rows come by year then cluster: regroup as one row per cluster.
  std::vector<int64_t> years;
  std::map<int, std::vector<const ClusterMixRow*>> by_cluster;
  for (const ClusterMixRow& r : c.cluster_mix) {
    if (years.empty() || years.back() != r.year) years.push_back(r.year);
    by_cluster[r.cluster.code()].push_back(&r);
  }
  std::string h =
      "<p>The cluster mix: each cluster's periods in force in each "
      "year (1 April to 31 March) and its share of that year's "
      "periods, with the change from the year before in percentage "
      "points.</p><table><tr><th>cluster</th>";
  for (size_t i = 0; i < years.size(); ++i) {
    const std::string y = FinancialYearName(years[i]);
    absl::StrAppend(&h, "<th>", y, " periods</th><th>", y, " share</th>");
    if (i > 0) absl::StrAppend(&h, "<th>", y, " change</th>");
  }
  absl::StrAppend(&h, "</tr>");
  for (const auto& [code, rows] : by_cluster) {
    absl::StrAppend(&h, "<tr><td>", code, "</td>");
    for (size_t i = 0; i < rows.size(); ++i) {
      absl::StrAppend(&h, "<td>", rows[i]->periods, "</td><td>",
                      PercentOfPpm(rows[i]->share_ppm), "</td>");
      if (i > 0) {
        absl::StrAppend(&h, "<td>", PointsOfPpm(rows[i]->change_ppm), "</td>");
      }
    }
    absl::StrAppend(&h, "</tr>");
  }
  absl::StrAppend(&h, "</table>");
  return h;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ConsistencySummary(
    const ClusteringConsistency& c) {
  if (!c.agreement) return {};
  const AgreementTally& t = c.agreement->tally();
  return {{"agreement_assessments", absl::StrCat(t.assessments)},
          {"agreement_ppm", Cell(t.AgreementPpm())},
          {"agreement_kappa", t.KappaDecimal()}};
}

void AppendConsistencyTables(const ClusteringConsistency& c,
                             std::vector<ReportTable>& tables) {
  if (c.agreement) {
    ReportTable& a = tables.emplace_back();
    a.name = "agreement.csv";
    a.columns = {"allocated", "suggested", "assessments"};
    for (int x = 0; x < Cluster::kCount; ++x) {
      for (int y = 0; y < Cluster::kCount; ++y) {
        const Cluster allocated = Cluster::FromIndex(x);
        const Cluster suggested = Cluster::FromIndex(y);
        const int64_t n = c.agreement->count(allocated, suggested);
        if (n == 0) continue;
        a.rows.push_back({absl::StrCat(allocated.code()),
                          absl::StrCat(suggested.code()), absl::StrCat(n)});
      }
    }
  }
  if (c.groups.has_team || c.groups.has_clinician) {
    ReportTable& g = tables.emplace_back();
    g.name = "agreement_by_group.csv";
    g.columns = {"group_kind", "group", "assessments", "agreement_ppm",
                 "kappa"};
    for (const auto& [kind, groups] : GroupKinds(c.groups)) {
      for (const auto& [group, t] : *groups) {
        g.rows.push_back({kind, group, absl::StrCat(t.assessments),
                          Cell(t.AgreementPpm()), t.KappaDecimal()});
      }
    }
  }
  ReportTable& tr = tables.emplace_back();
  tr.name = "transitions.csv";
  tr.columns = {"from", "to", "moves", "in_protocol"};
  for (const TransitionCount& t : c.transitions) {
    tr.rows.push_back({absl::StrCat(t.from.code()), absl::StrCat(t.to.code()),
                       absl::StrCat(t.moves), t.in_protocol ? "y" : "n"});
  }
  ReportTable& mix = tables.emplace_back();
  mix.name = "cluster_mix.csv";
  mix.columns = {"year", "cluster", "periods", "share_ppm", "change_ppm"};
  for (const ClusterMixRow& r : c.cluster_mix) {
    mix.rows.push_back({FinancialYearName(r.year),
                        absl::StrCat(r.cluster.code()), absl::StrCat(r.periods),
                        Cell(r.share_ppm), Cell(r.change_ppm)});
  }
}

std::string ConsistencyHtml(const ClusteringConsistency& c, int number) {
  return absl::StrCat(
      "<h2>", number,
      ". Clustering consistency</h2><p>How consistently people are "
      "clustered: by clinicians against the rules, from one review to the "
      "next, and from year to year.</p>",
      AgreementHtml(c), TransitionsHtml(c), MixHtml(c));
}

}  // namespace mhpbr
