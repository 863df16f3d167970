// The report's monthly series (report.h, Report::spc): what is counted per
// calendar month while the report is built, and the SPC charts drawn from
// it once it is finished.

#ifndef MHPBR_LIB_ANALYSIS_REPORT_SPC_H_
#define MHPBR_LIB_ANALYSIS_REPORT_SPC_H_

#include <cstdint>
#include <map>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/costed_period.h"
#include "mhpbr/report.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// A part and a whole per month (a share, or pence over days).
struct MonthlyRatio {
  int64_t part = 0;
  int64_t whole = 0;
};

struct ReportMonthly {
  // Clustered activity pence by the month of the record's date.
  std::map<absl::CivilMonth, int64_t> cost_pence;
  // Allocations by the month of their date: of the events when given,
  // else the periods' starts.
  std::map<absl::CivilMonth, int64_t> allocations;
  // Allocated assessments (whole) and those whose allocation is the
  // suggested cluster (part), by the month of the assessment.
  std::map<absl::CivilMonth, MonthlyRatio> agreement;
  bool has_assessments = false;
};

// Calendar days of each period from its start to its end or the as-of
// date, whichever is earlier, both ends counted, by month.
std::map<absl::CivilMonth, int64_t> ClusterDaysByMonth(
    absl::Span<const CostedPeriod> periods, absl::CivilDay as_of);

// Fills report.spc and report.spc_without_points from the monthly counts;
// an SPC error (none is expected of these series) leaves the charts out
// and says why in report.spc_not_drawn.
void AddReportSpc(const ReportMonthly& monthly,
                  absl::Span<const CostedPeriod> periods, const SpcRules& rules,
                  Report& report);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_REPORT_SPC_H_
