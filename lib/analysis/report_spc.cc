#include "lib/analysis/report_spc.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/spc.h"

namespace mhpbr {
namespace {

// Cost per cluster day is held at 4 places: SPC values are decimals, and
// the month's exact pence / days is rounded once, half away from zero.
constexpr int kCostPlaces = 4;

absl::StatusOr<SpcSeries> RatioSeries(
    std::string name, const std::map<absl::CivilMonth, MonthlyRatio>& months,
    int64_t scale, int places, SpcDirection direction) {
  SpcSeries s;
  s.name = std::move(name);
  s.direction = direction;
  for (const auto& [month, r] : months) {
    if (r.whole <= 0) continue;  // no value this month
    absl::StatusOr<int64_t> units =
        RoundDiv(static_cast<Int128>(r.part) * scale, r.whole);
    if (!units.ok()) {
      return absl::OutOfRangeError(absl::StrCat(
          s.name, " ", FormatIsoMonth(month), ": ", units.status().message()));
    }
    s.months.push_back(month);
    s.values.push_back({*units, places});
  }
  return s;
}

}  // namespace

std::map<absl::CivilMonth, int64_t> ClusterDaysByMonth(
    absl::Span<const CostedPeriod> periods, absl::CivilDay as_of) {
  std::map<absl::CivilMonth, int64_t> days;
  for (const CostedPeriod& p : periods) {
    absl::CivilDay last = p.period.end ? std::min(*p.period.end, as_of) : as_of;
    for (absl::CivilDay from = p.period.start; from <= last;) {
      const absl::CivilMonth month(from);
      const absl::CivilDay month_end = absl::CivilDay(month + 1) - 1;
      const absl::CivilDay to = std::min(month_end, last);
      days[month] += (to - from) + 1;
      from = to + 1;
    }
  }
  return days;
}

void AddReportSpc(const ReportMonthly& monthly,
                  absl::Span<const CostedPeriod> periods, const SpcRules& rules,
                  Report& report) {
  std::map<absl::CivilMonth, MonthlyRatio> cost;
  for (const auto& [month, days] : ClusterDaysByMonth(periods, report.as_of)) {
    cost[month].whole = days;
  }
  for (const auto& [month, pence] : monthly.cost_pence) {
    // Clustered activity lies inside a period, so its month has days.
    cost[month].part += pence;
  }
  std::vector<SpcSeries> series;
  auto add = [&](absl::StatusOr<SpcSeries> s) {
    if (!s.ok()) {
      report.spc_not_drawn = std::string(s.status().message());
      return;
    }
    if (s->months.empty()) {
      report.spc_without_points.push_back(std::move(s->name));
    } else {
      series.push_back(*std::move(s));
    }
  };
  add(RatioSeries("cost_per_cluster_day_pence", cost, 10000, kCostPlaces,
                  SpcDirection::kNeutral));
  SpcSeries allocations;
  allocations.name = "allocations";
  for (const auto& [month, n] : monthly.allocations) {
    allocations.months.push_back(month);
    allocations.values.push_back({n, 0});
  }
  add(std::move(allocations));
  if (monthly.has_assessments) {
    add(RatioSeries("agreement_ppm", monthly.agreement, 1000000, 0,
                    SpcDirection::kUp));
  }
  if (!report.spc_not_drawn.empty()) return;
  absl::StatusOr<std::vector<SpcChart>> charts = RunSpc(series, {}, rules);
  if (!charts.ok()) {
    report.spc_not_drawn = std::string(charts.status().message());
    return;
  }
  report.spc = *std::move(charts);
}

}  // namespace mhpbr
