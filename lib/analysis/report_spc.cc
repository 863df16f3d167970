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

void ClusterDayTally::Add(absl::CivilDay start,
                          std::optional<absl::CivilDay> end) {
  absl::CivilDay last = as_of_;
  if (end) {
    // As ClusterPeriod::days: under NHS Digital's derivation a closed
    // period's end day is not counted.
    last = std::min(day_count_ == DayCount::kMhsds ? *end - 1 : *end, as_of_);
  }
  if (last < start) return;
  Edges& first = edges_[absl::CivilMonth(start)];
  ++first.starting;
  first.outside += start.day() - 1;
  Edges& closing = edges_[absl::CivilMonth(last)];
  ++closing.ending;
  closing.outside += DaysInMonth(last.year(), last.month()) - last.day();
}

std::map<absl::CivilMonth, MonthDays> ClusterDayTally::ByMonth() const {
  std::map<absl::CivilMonth, MonthDays> out;
  const std::map<absl::CivilMonth, Edges> edges = edges_.ByMonth();
  int64_t periods = 0;  // covering the month
  auto it = edges.begin();
  for (absl::CivilMonth m = edges.empty() ? absl::CivilMonth() : it->first;
       it != edges.end(); ++m) {
    int64_t outside = 0, ending = 0;
    if (it->first == m) {
      periods += it->second.starting;
      outside = it->second.outside;
      ending = it->second.ending;
      ++it;
    }
    if (periods > 0) {
      out.emplace_hint(
          out.end(), m,
          MonthDays{periods * DaysInMonth(m.year(), m.month()) - outside,
                    periods});
    }
    periods -= ending;
  }
  return out;
}

std::map<absl::CivilMonth, MonthDays> ClusterDaysByMonth(
    absl::Span<const CostedPeriod> periods, absl::CivilDay as_of,
    DayCount day_count) {
  ClusterDayTally tally(as_of, day_count);
  for (const CostedPeriod& c : periods) tally.Add(c.period);
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
