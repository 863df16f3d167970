// The report's monthly series (report.h, Report::spc): what is counted per
// calendar month while the report is built, and the SPC charts drawn from
// it once it is finished.

#ifndef MHPBR_LIB_ANALYSIS_REPORT_SPC_H_
#define MHPBR_LIB_ANALYSIS_REPORT_SPC_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/costed_period.h"
#include "mhpbr/monthly_tally.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/report.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// A part and a whole per month (a share, or pence over days).
struct MonthlyRatio {
  int64_t part = 0;
  int64_t whole = 0;
};

// One outcomes indicator per month (IndicatorsByMonth).
struct MonthlyIndicator {
  std::string name;
  std::map<absl::CivilMonth, MonthlyRatio> months;
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
  // With events: reviews due (whole) and held on time (part) by month, as
  // the period builder judged them (review_months.h).
  std::optional<std::map<absl::CivilMonth, MonthlyRatio>> reviews_on_time =
      std::nullopt;
  // When outcomes were measured: IndicatorsByMonth, then follow_up_7_days
  // (stays followed up / stays due, by the month of the last bed day).
  std::vector<MonthlyIndicator> indicators = {};
};

// The days of a period inside each month, and how many periods have days
// there.
struct MonthDays {
  int64_t days = 0;
  int64_t periods = 0;
  // For MonthlyTally::Merge, when the periods are walked in parts.
  MonthDays& operator+=(const MonthDays& o) {
    days += o.days;
    periods += o.periods;
    return *this;
  }
};

// Periods' days by month as ClusterDaysByMonth counts them, added one
// period at a time, so that a caller walking the periods needs no list of
// them. A period is two additions (where it starts and where it ends)
// whatever its length: the months between are filled in once, by ByMonth,
// for a national year's 3 M periods of many months each.
class ClusterDayTally {
 public:
  ClusterDayTally(absl::CivilDay as_of, DayCount day_count)
      : as_of_(as_of), day_count_(day_count) {}
  // A period from `start` to `end` (none: open).
  void Add(absl::CivilDay start, std::optional<absl::CivilDay> end);
  void Add(const PeriodToPrice& period) { Add(period.start, period.end); }
  // The months with days, in calendar order.
  std::map<absl::CivilMonth, MonthDays> ByMonth() const;

 private:
  // Of the periods whose counted days start or end in a month: how many
  // start, how many end, and their days in that month outside them.
  struct Edges {
    int64_t starting = 0, ending = 0, outside = 0;
  };
  absl::CivilDay as_of_;
  DayCount day_count_;
  MonthlyTally<Edges> edges_;
};

// Each period's days by month, counted as the rule set's day count counts
// them (the period builder's and the coster's days: a closed period's end
// day is left out under kMhsds), up to the as-of date; a period with no
// day counted (kMhsds, ending the day it starts) is in no month.
std::map<absl::CivilMonth, MonthDays> ClusterDaysByMonth(
    absl::Span<const CostedPeriod> periods, absl::CivilDay as_of,
    DayCount day_count);

// The indicators outcomes.md measures over periods, per month: a period
// counts in the month of its end (the last day its follow-up is judged
// against); a period still open at the as-of date is in no month, as its
// pairing may yet change. In IndicatorNames() order:
// valid_mhct_at_allocation (periods with a start assessment / periods),
// paired_completeness (paired / periods), reliably_improved (improved /
// paired). `outcomes` is MeasureOutcomes' result for `periods`, one each.
std::vector<MonthlyIndicator> IndicatorsByMonth(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes);

// Fills report.spc, report.spc_basis and report.spc_without_points from
// the monthly counts; an SPC error (none is expected of these series)
// leaves the charts out and says why in report.spc_not_drawn.
// `days` is the costed periods' ClusterDaysByMonth.
void AddReportSpc(const ReportMonthly& monthly,
                  const std::map<absl::CivilMonth, MonthDays>& days,
                  const RuleSet& rules, Report& report);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_REPORT_SPC_H_
