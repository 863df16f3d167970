#include "mhpbr/spc.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "lib/util/shown_text.h"

namespace mhpbr {
namespace {

// Points per series: with values below 2^60 and the rules' constants within
// their ranges, every scaled sum and product below stays within 2^126.
constexpr int64_t kMaxPoints = int64_t{1} << 20;

constexpr int kWindow = 3;  // "two in three": 2 near points in 3
constexpr int kNearInWindow = 2;

Int128 PowerOfTen(int places) {
  Int128 p = 1;
  for (int i = 0; i < places; ++i) p *= 10;
  return p;
}

int Sign(Int128 x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }

absl::Status SeriesError(const SpcSeries& s, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("series '", ShownText(s.name), "': ", what));
}

// Everything scaled by one common denominator Q = 1000 x near_den x b x m'
// (b baseline points, m' moving ranges kept), so each comparison of a
// point with the mean or a limit is one of 128-bit integers.
struct Limits {
  Int128 q = 1;  // the denominator, in units of the series' places
  Int128 mean = 0, upper = 0, lower = 0, near_upper = 0, near_lower = 0;
  bool has = false;  // false for a baseline of one point
};

Limits ComputeLimits(absl::Span<const int64_t> y, int64_t b,
                     const SpcOptions& options, const SpcRules& rules) {
  Limits l;
  Int128 sum = 0;
  for (int64_t i = 0; i < b; ++i) sum += y[i];
  if (b < 2) {
    l.q = b;
    l.mean = sum;
    return l;
  }
  const int64_t ranges = b - 1;
  Int128 range_sum = 0;
  for (int64_t i = 1; i < b; ++i) {
    range_sum +=
        y[i] > y[i - 1] ? Int128(y[i]) - y[i - 1] : Int128(y[i - 1]) - y[i];
  }
  Int128 kept_sum = range_sum;
  int64_t kept = ranges;
  if (options.screen && range_sum > 0) {
    // mR >= screen x amR  <=>  1000 x ranges x mR >= screen_milli x sum.
    kept_sum = 0;
    kept = 0;
    const Int128 bar = Int128(rules.screen_milli) * range_sum;
    for (int64_t i = 1; i < b; ++i) {
      const Int128 mr =
          y[i] > y[i - 1] ? Int128(y[i]) - y[i - 1] : Int128(y[i - 1]) - y[i];
      if (Int128(1000) * ranges * mr < bar) {
        kept_sum += mr;
        ++kept;
      }
    }
  }
  const Int128 nd = rules.near_denominator;
  l.has = true;
  l.q = Int128(1000) * nd * b * kept;
  l.mean = Int128(1000) * nd * kept * sum;
  const Int128 spread = nd * rules.limit_milli * b * kept_sum;
  const Int128 near =
      Int128(rules.near_numerator) * rules.limit_milli * b * kept_sum;
  l.upper = l.mean + spread;
  l.lower = l.mean - spread;
  l.near_upper = l.mean + near;
  l.near_lower = l.mean - near;
  return l;
}

// Marks every point of a maximal block of consecutive points for which
// `same(i)` (point i continues the block of point i - 1) holds, when the
// block has at least `length` points.
template <typename Same>
void MarkBlocks(int64_t n, int length, Same same, std::vector<SpcPoint>& p,
                bool SpcPoint::*flag) {
  int64_t start = 0;
  for (int64_t i = 1; i <= n; ++i) {
    if (i < n && same(i)) continue;
    if (i - start >= length) {
      for (int64_t j = start; j < i; ++j) p[j].*flag = true;
    }
    start = i;
  }
}

SpcPointType TypeOf(const SpcPoint& p, SpcDirection d) {
  if (!p.special_cause) return SpcPointType::kCommonCause;
  switch (d) {
    case SpcDirection::kUp:
      return p.side > 0 ? SpcPointType::kImprovement : SpcPointType::kConcern;
    case SpcDirection::kDown:
      return p.side < 0 ? SpcPointType::kImprovement : SpcPointType::kConcern;
    case SpcDirection::kNeutral:
      break;
  }
  return p.side > 0 ? SpcPointType::kHigh : SpcPointType::kLow;
}

// Everything RunSpc refuses in `s`, checked before any chart is drawn;
// gives the chart's places: the most among the values and the target, and
// (unless null) the values scaled to them in `y`.
absl::StatusOr<int> CheckedPlaces(const SpcSeries& s, std::vector<int64_t>* y) {
  const int64_t n = static_cast<int64_t>(s.months.size());
  if (s.values.size() != s.months.size()) {
    return SeriesError(s, absl::StrCat(s.months.size(), " months but ",
                                       s.values.size(), " values"));
  }
  if (n > kMaxPoints) {
    return SeriesError(s, absl::StrCat(n, " points; at most ", kMaxPoints));
  }
  int places = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0 && s.months[i] <= s.months[i - 1]) {
      return SeriesError(
          s,
          absl::StrCat("month ", absl::FormatCivilTime(s.months[i]),
                       ": not after ", absl::FormatCivilTime(s.months[i - 1])));
    }
    places = std::max(places, s.values[i].places);
  }
  if (s.target) places = std::max(places, s.target->places);
  if (y != nullptr) y->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    auto v = ScaleDecimal(s.values[i], places);
    if (!v.ok()) {
      return SeriesError(
          s, absl::StrCat("month ", absl::FormatCivilTime(s.months[i]),
                          ": value ", v.status().message()));
    }
    if (y != nullptr) (*y)[i] = *v;
  }
  if (s.target) {
    auto t = ScaleDecimal(*s.target, places);
    if (!t.ok())
      return SeriesError(s, absl::StrCat("target ", t.status().message()));
  }
  return places;
}

absl::StatusOr<SpcChart> Chart(const SpcSeries& s, const SpcOptions& options,
                               const SpcRules& rules) {
  std::vector<int64_t> y;
  absl::StatusOr<int> places = CheckedPlaces(s, &y);
  if (!places.ok()) return places.status();
  const int64_t n = static_cast<int64_t>(s.months.size());
  SpcChart chart;
  chart.name = s.name;
  chart.direction = s.direction;
  chart.places = *places;
  std::optional<int64_t> target;
  if (s.target) {
    // CheckedPlaces found the target to scale.
    target = ScaleDecimal(*s.target, chart.places).value_or(0);
    chart.target = ExactDecimal{*target, chart.places};
  }
  chart.short_series = n < rules.short_below;
  if (n == 0) return chart;

  const int64_t b =
      options.fix_after ? std::min<int64_t>(*options.fix_after, n) : n;
  const Limits l = ComputeLimits(y, b, options, rules);
  const Int128 scale = PowerOfTen(chart.places);
  chart.mean = Fraction::Of(l.mean, l.q * scale);
  if (l.has) {
    chart.upl = Fraction::Of(l.upper, l.q * scale);
    chart.lpl = Fraction::Of(l.lower, l.q * scale);
  }

  std::vector<SpcPoint>& p = chart.points;
  p.resize(n);
  // -1, 0 or 1: beyond the near limit below or above, not outside.
  std::vector<int8_t> near(n, 0);
  for (int64_t i = 0; i < n; ++i) {
    SpcPoint& pt = p[i];
    pt.month = s.months[i];
    pt.value = ExactDecimal{y[i], chart.places};
    pt.mean = *chart.mean;
    pt.lpl = chart.lpl;
    pt.upl = chart.upl;
    const Int128 yq = l.q * y[i];
    pt.side = Sign(yq - l.mean);
    if (!l.has) continue;
    pt.outside = yq > l.upper || yq < l.lower;
    if (!pt.outside)
      near[i] = yq > l.near_upper ? 1 : (yq < l.near_lower ? -1 : 0);
  }
  MarkBlocks(
      n, rules.run_length,
      [&](int64_t i) { return p[i].side != 0 && p[i].side == p[i - 1].side; },
      p, &SpcPoint::run);
  MarkBlocks(
      n, rules.trend_length, [&](int64_t i) { return y[i] > y[i - 1]; }, p,
      &SpcPoint::trend);
  MarkBlocks(
      n, rules.trend_length, [&](int64_t i) { return y[i] < y[i - 1]; }, p,
      &SpcPoint::trend);
  for (int64_t i = 0; i < n; ++i) {
    if (near[i] == 0) continue;
    for (int64_t start = std::max<int64_t>(0, i - kWindow + 1);
         start <= i && start + kWindow <= n && !p[i].two_in_three; ++start) {
      int same_side = 0, near_side = 0;
      for (int64_t j = start; j < start + kWindow; ++j) {
        same_side += p[j].side == near[i];
        near_side += near[j] == near[i];
      }
      p[i].two_in_three = same_side == kWindow && near_side >= kNearInWindow;
    }
  }
  for (SpcPoint& pt : p) {
    pt.special_cause = pt.outside || pt.run || pt.trend || pt.two_in_three;
    pt.type = TypeOf(pt, s.direction);
  }
  if (n >= 2) chart.variation = p.back().type;
  if (l.has && target && s.direction != SpcDirection::kNeutral) {
    const Int128 tq = l.q * *target;
    const bool up = s.direction == SpcDirection::kUp;
    if (tq > l.upper) {
      chart.assurance =
          up ? SpcAssurance::kConsistentFail : SpcAssurance::kConsistentPass;
    } else if (tq < l.lower) {
      chart.assurance =
          up ? SpcAssurance::kConsistentPass : SpcAssurance::kConsistentFail;
    } else {
      chart.assurance = SpcAssurance::kInconsistent;
    }
  }
  return chart;
}

}  // namespace

absl::string_view SpcDirectionName(SpcDirection d) {
  switch (d) {
    case SpcDirection::kUp:
      return "up";
    case SpcDirection::kDown:
      return "down";
    case SpcDirection::kNeutral:
      break;
  }
  return "neutral";
}

absl::StatusOr<SpcDirection> ParseSpcDirection(absl::string_view text) {
  for (SpcDirection d :
       {SpcDirection::kNeutral, SpcDirection::kUp, SpcDirection::kDown}) {
    if (text == SpcDirectionName(d)) return d;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "'", ShownText(text), "' is not a direction (up, down or neutral)"));
}

absl::string_view SpcPointTypeName(SpcPointType t) {
  switch (t) {
    case SpcPointType::kImprovement:
      return "special_cause_improvement";
    case SpcPointType::kConcern:
      return "special_cause_concern";
    case SpcPointType::kHigh:
      return "special_cause_high";
    case SpcPointType::kLow:
      return "special_cause_low";
    case SpcPointType::kCommonCause:
      break;
  }
  return "common_cause";
}

absl::string_view SpcAssuranceName(SpcAssurance a) {
  switch (a) {
    case SpcAssurance::kConsistentPass:
      return "consistent_pass";
    case SpcAssurance::kConsistentFail:
      return "consistent_fail";
    case SpcAssurance::kInconsistent:
      return "inconsistent";
    case SpcAssurance::kNone:
      break;
  }
  return "";
}

absl::Status CheckSpcSeries(const SpcSeries& series) {
  return CheckedPlaces(series, nullptr).status();
}

absl::StatusOr<std::vector<SpcChart>> RunSpc(absl::Span<const SpcSeries> series,
                                             const SpcOptions& options,
                                             const SpcRules& rules) {
  if (options.fix_after && *options.fix_after < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("fix_after: ", *options.fix_after,
                     " is below 2 (limits need a moving range)"));
  }
  std::vector<SpcChart> charts;
  charts.reserve(series.size());
  for (const SpcSeries& s : series) {
    auto chart = Chart(s, options, rules);
    if (!chart.ok()) return chart.status();
    charts.push_back(*std::move(chart));
  }
  return charts;
}

}  // namespace mhpbr
