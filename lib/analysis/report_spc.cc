#include "lib/analysis/report_spc.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/money.h"
#include "mhpbr/monthly_tally.h"
#include "mhpbr/spc.h"

namespace mhpbr {
namespace {

// Cost per cluster day is held at 4 places: SPC values are decimals, and
// the month's exact pence / days is rounded once, half away from zero.
constexpr int kCostPlaces = 4;

// A series and what its points rest on, built together so that they stay
// point for point.
struct BasedSeries {
  SpcSeries series;
  SpcSeriesBasis basis;
};

absl::StatusOr<BasedSeries> RatioSeries(
    std::string name, const std::map<absl::CivilMonth, MonthlyRatio>& months,
    int64_t scale, int places, SpcDirection direction) {
  BasedSeries b;
  SpcSeries& s = b.series;
  s.name = std::move(name);
  s.direction = direction;
  b.basis.name = s.name;
  b.basis.kind = SpcBasisKind::kShare;
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
    b.basis.points.push_back({r.part, r.whole});
  }
  return b;
}

int DaysInMonth(int64_t y, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

void AddClusterDays(const PeriodToPrice& p, absl::CivilDay as_of,
                    DayCount day_count, MonthlyTally<MonthDays>& tally) {
  AddClusterDays(p.start, p.end, as_of, day_count, tally);
}

void AddClusterDays(absl::CivilDay start, std::optional<absl::CivilDay> end,
                    absl::CivilDay as_of, DayCount day_count,
                    MonthlyTally<MonthDays>& tally) {
  absl::CivilDay last = as_of;
  if (end) {
    // As ClusterPeriod::days: under NHS Digital's derivation a closed
    // period's end day is not counted.
    last = std::min(day_count == DayCount::kMhsds ? *end - 1 : *end, as_of);
  }
  if (last < start) return;
  // One step per month, from the days' fields: a national year has 3 M
  // periods, and differencing civil days (then stepping civil months) is
  // what cost the time.
  const absl::CivilMonth first_month(start);
  const int64_t count =
      (last.year() - start.year()) * 12 + (last.month() - start.month()) + 1;
  MonthDays* months = tally.Months(first_month, count);
  int64_t year = start.year();
  int month = start.month();
  for (int64_t k = 0; k < count; ++k) {
    const int from = k == 0 ? start.day() : 1;
    const int to = k + 1 == count ? last.day() : DaysInMonth(year, month);
    months[k].days += to - from + 1;
    ++months[k].periods;
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
}

std::map<absl::CivilMonth, MonthDays> ClusterDaysByMonth(
    absl::Span<const CostedPeriod> periods, absl::CivilDay as_of,
    DayCount day_count) {
  MonthlyTally<MonthDays> tally;
  for (const CostedPeriod& c : periods) {
    AddClusterDays(c.period, as_of, day_count, tally);
  }
  return tally.ByMonth();
}

std::vector<MonthlyIndicator> IndicatorsByMonth(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes) {
  std::vector<MonthlyIndicator> out(3);
  for (size_t k = 0; k < out.size(); ++k) {
    out[k].name = std::string(IndicatorNames()[k]);
  }
  for (size_t i = 0; i < periods.size() && i < outcomes.size(); ++i) {
    if (!periods[i].end) continue;
    const absl::CivilMonth month(*periods[i].end);
    const PeriodOutcome& o = outcomes[i];
    const bool paired = o.status == PairStatus::kPaired;
    MonthlyRatio& with_start = out[0].months[month];
    with_start.part += o.start.has_value();
    ++with_start.whole;
    MonthlyRatio& completeness = out[1].months[month];
    completeness.part += paired;
    ++completeness.whole;
    if (paired) {
      MonthlyRatio& improved = out[2].months[month];
      improved.part += o.outcome == Outcome::kImproved;
      ++improved.whole;
    }
  }
  return out;
}

void AddReportSpc(const ReportMonthly& monthly,
                  const std::map<absl::CivilMonth, MonthDays>& days,
                  const RuleSet& rules, Report& report) {
  std::map<absl::CivilMonth, MonthlyRatio> cost;
  for (const auto& [month, d] : days) cost[month].whole = d.days;
  for (const auto& [month, pence] : monthly.cost_pence) {
    // Clustered activity lies inside a period, so its month has days.
    cost[month].part += pence;
  }
  std::vector<SpcSeries> series;
  auto add = [&](absl::StatusOr<BasedSeries> s) {
    if (!s.ok()) {
      report.spc_not_drawn = std::string(s.status().message());
      return;
    }
    if (s->series.months.empty()) {
      report.spc_without_points.push_back(std::move(s->series.name));
    } else {
      series.push_back(std::move(s->series));
      report.spc_basis.push_back(std::move(s->basis));
    }
  };
  absl::StatusOr<BasedSeries> cost_series =
      RatioSeries("cost_per_cluster_day_pence", cost, 10000, kCostPlaces,
                  SpcDirection::kNeutral);
  if (cost_series.ok()) {
    // Money is not suppressed: the point rests on the periods whose days
    // are its denominator.
    cost_series->basis.kind = SpcBasisKind::kMoneyPerCount;
    for (size_t i = 0; i < cost_series->series.months.size(); ++i) {
      SpcPointBasis& b = cost_series->basis.points[i];
      b.whole = days.at(cost_series->series.months[i]).periods;
    }
  }
  add(std::move(cost_series));
  BasedSeries allocations;
  allocations.series.name = allocations.basis.name = "allocations";
  for (const auto& [month, n] : monthly.allocations) {
    allocations.series.months.push_back(month);
    allocations.series.values.push_back({n, 0});
    allocations.basis.points.push_back({0, n});
  }
  add(std::move(allocations));
  if (monthly.has_assessments) {
    add(RatioSeries("agreement_ppm", monthly.agreement, kPpm, 0,
                    SpcDirection::kUp));
  }
  if (monthly.reviews_on_time) {
    add(RatioSeries("reviews_on_time_ppm", *monthly.reviews_on_time, kPpm, 0,
                    SpcDirection::kUp));
  }
  for (const MonthlyIndicator& m : monthly.indicators) {
    add(RatioSeries(absl::StrCat(m.name, "_ppm"), m.months, kPpm, 0,
                    SpcDirection::kUp));
  }
  if (!report.spc_not_drawn.empty()) {
    report.spc_basis.clear();
    return;
  }
  absl::StatusOr<std::vector<SpcChart>> charts =
      RunSpc(series, {}, rules.spc());
  if (!charts.ok()) {
    report.spc_not_drawn = std::string(charts.status().message());
    report.spc_basis.clear();
    return;
  }
  report.spc = *std::move(charts);
}

}  // namespace mhpbr
