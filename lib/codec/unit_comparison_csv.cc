#include "mhpbr/unit_comparison_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mhpbr {

std::vector<std::string> UnitComparisonColumns() {
  return {
      "unit",  "periods",    "paired",         "improved",          "expected",
      "ratio", "low_998",    "low_95",         "high_95",           "high_998",
      "flag",  "discharges", "reallocated_90", "reallocated_90_ppm"};
}

std::vector<std::string> UnitComparisonCells(const UnitComparison& u) {
  std::vector<std::string> cells = {u.unit,
                                    absl::StrCat(u.periods),
                                    absl::StrCat(u.paired),
                                    absl::StrCat(u.improved),
                                    u.ExpectedDecimal(kFairComparisonPlaces),
                                    u.RatioDecimal(kFairComparisonPlaces)};
  if (u.limits) {
    for (double v : {u.limits->low_998, u.limits->low_95, u.limits->high_95,
                     u.limits->high_998}) {
      cells.push_back(absl::StrFormat("%.*f", kFairComparisonPlaces, v));
    }
  } else {
    cells.insert(cells.end(), 4, "");
  }
  cells.emplace_back(FunnelFlagName(u.flag));
  cells.push_back(absl::StrCat(u.discharges));
  cells.push_back(absl::StrCat(u.reallocated_90));
  cells.push_back(u.reallocated_90_ppm ? absl::StrCat(*u.reallocated_90_ppm)
                                       : "");
  return cells;
}

void WriteUnitComparisonCsv(CsvWriter& out,
                            absl::Span<const UnitComparison> units) {
  for (const std::string& c : UnitComparisonColumns()) out.Field(c);
  out.EndRow();
  for (const UnitComparison& u : units) {
    for (const std::string& c : UnitComparisonCells(u)) out.Field(c);
    out.EndRow();
  }
}

}  // namespace mhpbr
