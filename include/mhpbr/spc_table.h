// SPC charts (spc.h) as tables of cells: the points and the summary in the
// columns `mhpbr spc` writes (formats.md), so the tool's files and the
// report's spc_points.csv and spc_summary.csv come from one place.
//
//   mhpbr::ReportTable points = mhpbr::SpcPointsTable(*charts);

#ifndef MHPBR_SPC_TABLE_H_
#define MHPBR_SPC_TABLE_H_

#include <functional>
#include <string>

#include "absl/types/span.h"
#include "mhpbr/report_table.h"
#include "mhpbr/spc.h"

namespace mhpbr {

// series,month,value,mean,lpl,upl,side,outside,run,trend,two_in_three,
// special_cause,point_type: one row per point; named spc_points.csv.
ReportTable SpcPointsTable(absl::Span<const SpcChart> charts);

// The header and then each row of SpcPointsTable, one at a time (the cells
// are reused between calls): a large set of series is written without
// holding every row's strings at once.
void ForEachSpcPointRow(
    absl::Span<const SpcChart> charts,
    const std::function<void(absl::Span<const std::string> cells)>& row);

// series,points,mean,lpl,upl,short,variation,assurance: one row per chart;
// named spc_summary.csv.
ReportTable SpcSummaryTable(absl::Span<const SpcChart> charts);

}  // namespace mhpbr

#endif  // MHPBR_SPC_TABLE_H_
