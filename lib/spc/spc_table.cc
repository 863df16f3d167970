#include "mhpbr/spc_table.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"

namespace mhpbr {

ReportTable SpcPointsTable(absl::Span<const SpcChart> charts) {
  ReportTable t;
  t.name = "spc_points.csv";
  t.columns = {"series",       "month",         "value",     "mean", "lpl",
               "upl",          "side",          "outside",   "run",  "trend",
               "two_in_three", "special_cause", "point_type"};
  auto yn = [](bool b) { return std::string(b ? "y" : "n"); };
  for (const SpcChart& c : charts) {
    if (c.points.empty()) continue;
    const int places = SpcFigurePlaces(c);
    // One baseline per series: its figures are formatted once.
    const std::string mean = c.mean->ToDecimal(places);
    const std::string lpl = c.lpl ? c.lpl->ToDecimal(places) : "";
    const std::string upl = c.upl ? c.upl->ToDecimal(places) : "";
    for (const SpcPoint& p : c.points) {
      t.rows.push_back({c.name, FormatIsoMonth(p.month),
                        FormatExactDecimal(p.value, places), mean, lpl, upl,
                        absl::StrCat(p.side), yn(p.outside), yn(p.run),
                        yn(p.trend), yn(p.two_in_three), yn(p.special_cause),
                        std::string(SpcPointTypeName(p.type))});
    }
  }
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
