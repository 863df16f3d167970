#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/analysis/consistency_report.h"
#include "mhpbr/item.h"
#include "mhpbr/money.h"
#include "mhpbr/report.h"
#include "mhpbr/spc_table.h"
#include "mhpbr/statistics.h"
#include "mhpbr/unit_comparison_csv.h"

namespace mhpbr {

std::vector<ReportTable> ReportTables(const Report& report) {
  std::vector<ReportTable> tables;
  auto fixed = [](const std::optional<long double>& v) {
    return v ? FormatFixed(*v) : std::string();
  };

  ReportTable& h = tables.emplace_back();
  h.name = "homogeneity.csv";
  h.columns = {"cluster", "measure", "periods", "mean", "median", "sd",
               "cv",      "p5",      "p25",     "p75",  "p95"};
  for (const HomogeneityRow& r : report.homogeneity) {
    h.rows.push_back({absl::StrCat(r.cluster.code()),
                      std::string(CostMeasureName(r.measure)),
                      absl::StrCat(r.periods), FormatFixed(r.mean),
                      FormatFixed(r.median), fixed(r.sd), fixed(r.cv),
                      FormatFixed(r.p5), FormatFixed(r.p25), FormatFixed(r.p75),
                      FormatFixed(r.p95)});
  }

  ReportTable& s = tables.emplace_back();
  s.name = "summary.csv";
  s.columns = {"key", "value"};
  for (auto& [key, value] : ReportSummary(report)) {
    s.rows.push_back({std::move(key), std::move(value)});
  }

  ReportTable& c = tables.emplace_back();
  c.name = "coverage_by_team.csv";
  c.columns = {"team", "patients", "patients_in_clusters",
               "patients_only_cluster_0", "patients_unclustered"};
  for (const auto& [team, n] : report.coverage_by_team) {
    c.rows.push_back({team, absl::StrCat(n.patients),
                      absl::StrCat(n.patients_in_clusters),
                      absl::StrCat(n.patients_only_cluster_0),
                      absl::StrCat(n.patients_unclustered)});
  }

  if (report.assessments) {
    ReportTable& red = tables.emplace_back();
    red.name = "red_items.csv";
    red.columns = {"item", "red_allocations"};
    for (int i = 0; i < kItemCount; ++i) {
      red.rows.push_back({std::string(ItemCode(ItemAt(i))),
                          absl::StrCat(report.assessments->red_items[i])});
    }
  }

  if (report.outcomes) {
    // As `mhpbr outcomes --by-cluster`, `--by-team`, `--by-commissioner`
    // and `--indicators` write them.
    auto groups = [&tables](std::string name, std::string first) {
      ReportTable& t = tables.emplace_back();
      t.name = std::move(name);
      t.columns = {std::move(first), "periods",      "paired",     "improved",
                   "no_change",      "deteriorated", "mean_change"};
      return [&t](std::string key, const OutcomeCounts& c) {
        t.rows.push_back(
            {std::move(key), absl::StrCat(c.periods), absl::StrCat(c.paired),
             absl::StrCat(c.improved), absl::StrCat(c.no_change),
             absl::StrCat(c.deteriorated),
             c.paired > 0 ? FormatDecimal(c.change_sum, c.paired, 4) : ""});
      };
    };
    {
      auto row = groups("outcomes_by_cluster.csv", "cluster");
      for (const ClusterOutcomes& c : report.outcomes->by_cluster) {
        row(absl::StrCat(c.cluster.code()), c);
      }
    }
    for (const auto& [by, name, first] :
         {std::tuple{&report.outcomes->by_team, "outcomes_by_team.csv", "team"},
          std::tuple{&report.outcomes->by_commissioner,
                     "outcomes_by_commissioner.csv", "commissioner"}}) {
      if (!*by) continue;
      auto row = groups(name, first);
      for (const UnitOutcomes& u : **by) row(u.unit, u);
    }
    if (report.outcomes->fair_by_team) {
      // As `mhpbr outcomes --unit team --by-unit` writes it.
      ReportTable& f = tables.emplace_back();
      f.name = "outcomes_by_unit.csv";
      f.columns = UnitComparisonColumns();
      for (const UnitComparison& u : report.outcomes->fair_by_team->units) {
        f.rows.push_back(UnitComparisonCells(u));
      }
    }
    ReportTable& oi = tables.emplace_back();
    oi.name = "outcome_indicators.csv";
    oi.columns = {"indicator", "numerator", "denominator", "value_ppm"};
    for (const MeasuredIndicator& v : report.outcomes->indicators) {
      oi.rows.push_back({v.name, absl::StrCat(v.numerator),
                         absl::StrCat(v.denominator),
                         v.value_ppm ? absl::StrCat(*v.value_ppm) : ""});
    }
  }
  AppendConsistencyTables(report.consistency, tables);
  // As `mhpbr spc --out` and `--summary` write them.
  tables.push_back(SpcPointsTable(report.spc));
  tables.push_back(SpcSummaryTable(report.spc));
  return tables;
}

}  // namespace mhpbr
