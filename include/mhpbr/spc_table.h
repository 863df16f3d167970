// SPC charts (spc.h) as tables of cells: the points and the summary in the
// columns `mhpbr spc` writes (formats.md), so the tool's files and the
// report's spc_points.csv and spc_summary.csv come from one place.
//
//   mhpbr::ReportTable points = mhpbr::SpcPointsTable(*charts);

#ifndef MHPBR_SPC_TABLE_H_
#define MHPBR_SPC_TABLE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
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

// The rows of ForEachSpcPointRow one chart at a time, for a caller that
// draws each chart, writes it and lets it go, so that neither every chart
// nor every row is held at once. The cells are views, valid during the
// call: into the chart, into buffers reused from row to row, or of
// constants, so that no cell is copied.
class SpcPointRows {
 public:
  using RowFn = std::function<void(absl::Span<const absl::string_view> cells)>;

  static absl::Span<const absl::string_view> Header();
  // One row per point of `chart`.
  void ForChart(const SpcChart& chart, const RowFn& row);

 private:
  std::string mean_, lpl_, upl_, month_, value_;
  std::vector<absl::string_view> cells_ = std::vector<absl::string_view>(13);
};

// series,points,mean,lpl,upl,short,variation,assurance: one row per chart;
// named spc_summary.csv.
ReportTable SpcSummaryTable(absl::Span<const SpcChart> charts);
// The row of SpcSummaryTable for `chart`.
std::vector<std::string> SpcSummaryRow(const SpcChart& chart);

}  // namespace mhpbr

#endif  // MHPBR_SPC_TABLE_H_
