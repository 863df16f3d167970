#include "mhpbr/spc_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"

namespace mhpbr {

void ForEachSpcPointRow(
    absl::Span<const SpcChart> charts,
    const std::function<void(absl::Span<const std::string> cells)>& row) {
  std::vector<std::string> cells = {
      "series",       "month",         "value",     "mean", "lpl",
      "upl",          "side",          "outside",   "run",  "trend",
      "two_in_three", "special_cause", "point_type"};
  row(cells);
  auto yn = [](bool b) { return b ? "y" : "n"; };
  for (const SpcChart& c : charts) {
    if (c.points.empty()) continue;
    const int places = SpcFigurePlaces(c);
    // One baseline per series: its figures are formatted once.
    cells[0] = c.name;
    cells[3] = c.mean->ToDecimal(places);
    cells[4] = c.lpl ? c.lpl->ToDecimal(places) : "";
    cells[5] = c.upl ? c.upl->ToDecimal(places) : "";
    for (const SpcPoint& p : c.points) {
      // assign() keeps each cell's buffer: no allocation per row.
      cells[1].assign(FormatIsoMonth(p.month));
      cells[2].assign(FormatExactDecimal(p.value, places));
      cells[6].assign(p.side > 0 ? "1" : p.side < 0 ? "-1" : "0");
      cells[7].assign(yn(p.outside));
      cells[8].assign(yn(p.run));
      cells[9].assign(yn(p.trend));
      cells[10].assign(yn(p.two_in_three));
      cells[11].assign(yn(p.special_cause));
      const absl::string_view type = SpcPointTypeName(p.type);
      cells[12].assign(type.data(), type.size());
      row(cells);
    }
  }
}

ReportTable SpcPointsTable(absl::Span<const SpcChart> charts) {
  ReportTable t;
  t.name = "spc_points.csv";
  ForEachSpcPointRow(charts, [&t](absl::Span<const std::string> cells) {
    if (t.columns.empty()) {
      t.columns.assign(cells.begin(), cells.end());
    } else {
      t.rows.emplace_back(cells.begin(), cells.end());
    }
  });
  return t;
}

ReportTable SpcSummaryTable(absl::Span<const SpcChart> charts) {
  ReportTable t;
  t.name = "spc_summary.csv";
  t.columns = {"series", "points", "mean",      "lpl",
               "upl",    "short",  "variation", "assurance"};
  for (const SpcChart& c : charts) {
    const int places = SpcFigurePlaces(c);
    t.rows.push_back(
        {c.name, absl::StrCat(c.points.size()),
         c.mean ? c.mean->ToDecimal(places) : "",
         c.lpl ? c.lpl->ToDecimal(places) : "",
         c.upl ? c.upl->ToDecimal(places) : "", c.short_series ? "y" : "n",
         c.variation ? std::string(SpcPointTypeName(*c.variation)) : "",
         std::string(SpcAssuranceName(c.assurance))});
  }
  return t;
}

}  // namespace mhpbr
