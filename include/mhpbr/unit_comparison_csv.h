// Fair comparison's table (outcomes.md), as `mhpbr outcomes --by-unit`
// writes it and the report's outcomes_by_unit.csv:
// `unit,periods,paired,improved,expected,ratio,low_998,low_95,high_95,
// high_998,flag,discharges,reallocated_90,reallocated_90_ppm`, one row per
// unit in the order given. `expected` and `ratio` are exact decimals
// rounded half away from zero to kFairComparisonPlaces places; the limits
// (irrational gamma quantiles) are written to the same places; the ratio,
// limits and flag are empty when E is 0, reallocated_90_ppm when there are
// no discharges.

#ifndef MHPBR_UNIT_COMPARISON_CSV_H_
#define MHPBR_UNIT_COMPARISON_CSV_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/fair_comparison.h"

namespace mhpbr {

inline constexpr int kFairComparisonPlaces = 6;

// The header and one unit's cells, for tables that are not written through
// a CsvWriter (the report's ReportTables).
std::vector<std::string> UnitComparisonColumns();
std::vector<std::string> UnitComparisonCells(const UnitComparison& u);

void WriteUnitComparisonCsv(CsvWriter& out,
                            absl::Span<const UnitComparison> units);

}  // namespace mhpbr

#endif  // MHPBR_UNIT_COMPARISON_CSV_H_
