#include "mhpbr/spc_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"

namespace mhpbr {

absl::Span<const absl::string_view> SpcPointRows::Header() {
  static constexpr absl::string_view kHeader[] = {
      "series",       "month",         "value",     "mean", "lpl",
      "upl",          "side",          "outside",   "run",  "trend",
      "two_in_three", "special_cause", "point_type"};
  return kHeader;
}

void SpcPointRows::ForChart(const SpcChart& c, const RowFn& row) {
  if (c.points.empty()) return;
  std::vector<absl::string_view>& cells = cells_;
  auto yn = [](bool b) { return absl::string_view(b ? "y" : "n"); };
  const int places = SpcFigurePlaces(c);
  // One baseline per series: its figures are formatted once.
  mean_ = c.mean->ToDecimal(places);
  lpl_ = c.lpl ? c.lpl->ToDecimal(places) : "";
  upl_ = c.upl ? c.upl->ToDecimal(places) : "";
  cells[0] = c.name;
  cells[3] = mean_;
  cells[4] = lpl_;
  cells[5] = upl_;
  for (const SpcPoint& p : c.points) {
    month_ = FormatIsoMonth(p.month);
    value_ = FormatExactDecimal(p.value, places);
    cells[1] = month_;
    cells[2] = value_;
    cells[6] = p.side > 0 ? "1" : p.side < 0 ? "-1" : "0";
    cells[7] = yn(p.outside);
    cells[8] = yn(p.run);
    cells[9] = yn(p.trend);
    cells[10] = yn(p.two_in_three);
    cells[11] = yn(p.special_cause);
    cells[12] = SpcPointTypeName(p.type);
    row(cells);
  }
}

void ForEachSpcPointRow(
    absl::Span<const SpcChart> charts,
    const std::function<void(absl::Span<const std::string> cells)>& row) {
  // assign() keeps each cell's buffer: no allocation per row.
  std::vector<std::string> cells(SpcPointRows::Header().size());
  const SpcPointRows::RowFn copy =
      [&](absl::Span<const absl::string_view> views) {
        for (size_t i = 0; i < views.size(); ++i) {
          cells[i].assign(views[i].data(), views[i].size());
        }
        row(cells);
      };
  copy(SpcPointRows::Header());
  SpcPointRows rows;
  for (const SpcChart& c : charts) rows.ForChart(c, copy);
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

std::vector<std::string> SpcSummaryRow(const SpcChart& c) {
  const int places = SpcFigurePlaces(c);
  return {c.name,
          absl::StrCat(c.points.size()),
          c.mean ? c.mean->ToDecimal(places) : "",
          c.lpl ? c.lpl->ToDecimal(places) : "",
          c.upl ? c.upl->ToDecimal(places) : "",
          c.short_series ? "y" : "n",
          c.variation ? std::string(SpcPointTypeName(*c.variation)) : "",
          std::string(SpcAssuranceName(c.assurance))};
}

ReportTable SpcSummaryTable(absl::Span<const SpcChart> charts) {
  ReportTable t;
  t.name = "spc_summary.csv";
  t.columns = {"series", "points", "mean",      "lpl",
               "upl",    "short",  "variation", "assurance"};
  for (const SpcChart& c : charts) t.rows.push_back(SpcSummaryRow(c));
  return t;
}

}  // namespace mhpbr
