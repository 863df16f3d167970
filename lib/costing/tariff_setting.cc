#include "mhpbr/tariff_setting.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
#include "mhpbr/review_schedule.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::string_view EvidenceStatusName(EvidenceStatus s) {
  switch (s) {
    case EvidenceStatus::kPriced:
      return "priced";
    case EvidenceStatus::kTooFewPeriods:
      return "too_few_periods";
    case EvidenceStatus::kVariance:
      return "variance";
  }
  return "variance";
}

absl::StatusOr<Fraction> ParseMultiplier(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", ShownText(text),
        "' is not a decimal from 0 to 100 with at most 6 decimal places"));
  };
  Int128 num = 0, den = 1;
  bool point = false, digits = false;
  for (char ch : text) {
    if (ch == '.' && !point) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') return bad();
    digits = true;
    num = num * 10 + (ch - '0');
    if (point) den *= 10;
    if (den > 1000000 || num > Int128(100) * den * 10) return bad();
  }
  if (!digits || num > Int128(100) * den) return bad();
  return Fraction::Of(num, den);
}

namespace {

// Type-7 quantile at p = q/4 of sorted values: x[j] + f * (x[j+1] - x[j])
// with h = (n - 1) * q / 4, j = floor(h), f = h - j.
Fraction Quartile(const std::vector<Fraction>& x, int q) {
  const int64_t n = static_cast<int64_t>(x.size());
  const int64_t h4 = (n - 1) * q;  // h in quarters
  const int64_t j = h4 / 4, f = h4 % 4;
  if (f == 0) return x[j];
  return x[j] + (x[j + 1] - x[j]) * Fraction{f, 4};
}

// The kept periods' days and cost by setting.
struct SettingTotals {
  Int128 admitted_days = 0, community_days = 0;
  Int128 admitted_pence = 0, community_pence = 0;
  void Add(const SettingSplit& s) {
    admitted_days += s.admitted_days;
    community_days += s.community_days;
    admitted_pence += s.admitted_pence;
    community_pence += s.community_pence;
  }
};

ClusterEvidence Evidence(Cluster cluster, std::vector<CostSample> samples,
                         const TariffSettings& s, const RuleSet& rules,
                         absl::Status* error) {
  ClusterEvidence ev;
  ev.cluster = cluster;
  ev.periods = static_cast<int64_t>(samples.size());
  if (ev.periods < s.min_periods) {
    ev.status = cluster.is_variance() ? EvidenceStatus::kVariance
                                      : EvidenceStatus::kTooFewPeriods;
    return ev;
  }
  auto per_day = [](const CostSample& c) {
    return Fraction::Of(c.cost_pence, c.days);
  };
  std::stable_sort(samples.begin(), samples.end(),
                   [&](const CostSample& a, const CostSample& b) {
                     return per_day(a) < per_day(b);
                   });
  std::vector<Fraction> x;
  x.reserve(samples.size());
  for (const CostSample& c : samples) x.push_back(per_day(c));
  // Fences are exact fractions while their terms fit in 128 bits: costs up
  // to 10^11 p, periods up to 10000 days, k with at most 3 decimals. Past
  // that (still within SetTariffs' limits) they are computed in extended
  // precision and held to a millionth of a penny; the price itself stays
  // exact either way.
  int64_t max_cost = 0, max_days = 0;
  for (const CostSample& c : samples) {
    max_cost = std::max(max_cost, c.cost_pence);
    max_days = std::max(max_days, c.days);
  }
  if (max_cost <= 100000000000 && max_days <= 10000 && s.iqr_k.den <= 1000) {
    const Fraction q1 = Quartile(x, 1), q3 = Quartile(x, 3);
    const Fraction spread = (q3 - q1) * s.iqr_k;
    ev.lower_fence = q1 - spread;
    ev.upper_fence = q3 + spread;
  } else {
    std::vector<long double> v;
    for (const Fraction& f : x) v.push_back(f.ToLongDouble());
    const long double q1 = Quantile7(v, 0.25L), q3 = Quantile7(v, 0.75L);
    const long double spread = (q3 - q1) * s.iqr_k.ToLongDouble();
    auto micro = [](long double f) {
      return Fraction::Of(Int128(std::round(f * 1000000.0L)), 1000000);
    };
    ev.lower_fence = micro(q1 - spread);
    ev.upper_fence = micro(q3 + spread);
  }

  Int128 cost = 0, days = 0;
  SettingTotals by_setting;
  std::vector<Fraction> kept;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] < *ev.lower_fence || *ev.upper_fence < x[i]) {
      ++ev.excluded;
      continue;
    }
    kept.push_back(x[i]);
    cost += samples[i].cost_pence;
    days += samples[i].days;
    if (samples[i].split) by_setting.Add(*samples[i].split);
  }
  ev.used = static_cast<int64_t>(kept.size());
  const size_t m = kept.size();
  // The median lies between the quartiles, but with k under 1/2 no period
  // need lie between the fences (two periods, k = 0): nothing to price from.
  if (m == 0) {
    *error = absl::InvalidArgumentError(absl::StrCat(
        "cluster ", cluster.code(), ": all ", ev.periods,
        " periods lie outside the fences; iqr_k is too small to keep any"));
    return ev;
  }
  ev.median_per_day = m % 2 == 1
                          ? kept[m / 2]
                          : (kept[m / 2 - 1] + kept[m / 2]) * Fraction{1, 2};
  std::vector<long double> per_day_values;
  for (const Fraction& v : kept) per_day_values.push_back(v.ToLongDouble());
  const Describe d = DescribeValues(per_day_values);
  ev.mean_per_day = d.mean;
  ev.cv = d.cv;

  if (cluster.is_variance()) {
    ev.status = EvidenceStatus::kVariance;
    return ev;
  }
  const Int128 factor = Int128(kPpm) + s.uplift_ppm - s.efficiency_ppm;
  auto price = RoundDiv(cost * factor, days * kPpm);
  if (!price.ok()) {
    *error = price.status();
    return ev;
  }
  ev.price_day_pence = *price;
  const int64_t review_days =
      ReviewLengthDays(rules.cluster(cluster).max_review);
  ev.price_period_pence = *price * review_days;
  ev.price_year_pence = *price * 365;
  ev.status = EvidenceStatus::kPriced;
  if (s.by_setting) {
    ev.admitted_days = static_cast<int64_t>(by_setting.admitted_days);
    ev.community_days = static_cast<int64_t>(by_setting.community_days);
    auto per_day = [&](Int128 pence,
                       Int128 d) -> absl::StatusOr<std::optional<int64_t>> {
      if (d == 0) return std::nullopt;
      MHPBR_ASSIGN_OR_RETURN(int64_t p, RoundDiv(pence * factor, d * kPpm));
      return p;
    };
    auto admitted =
        per_day(by_setting.admitted_pence, by_setting.admitted_days);
    auto community =
        per_day(by_setting.community_pence, by_setting.community_days);
    if (!admitted.ok() || !community.ok()) {
      *error = admitted.ok() ? community.status() : admitted.status();
      return ev;
    }
    ev.admitted_price_pence = *admitted;
    ev.community_price_pence = *community;
  }
  return ev;
}

// Checks a sample's split against its days and cost.
absl::Status CheckSplit(const CostSample& c, size_t i) {
  auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "sample ", i + 1, " (cluster ", c.cluster.code(), "): ", why));
  };
  if (!c.split) return fail("no split by setting");
  const SettingSplit& s = *c.split;
  if (s.admitted_days < 0 || s.community_days < 0 || s.admitted_pence < 0 ||
      s.community_pence < 0) {
    return fail("a split by setting is negative");
  }
  if (Int128(s.admitted_days) + s.community_days != c.days) {
    return fail("admitted_days + community_days is not days");
  }
  if (Int128(s.admitted_pence) + s.community_pence != c.cost_pence) {
    return fail("admitted_pence + community_pence is not cost_pence");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TariffSetting> SetTariffs(absl::Span<const CostSample> samples,
                                         const TariffSettings& settings,
                                         const RuleSet& rules) {
  if (settings.iqr_k.num < 0 || Fraction{100, 1} < settings.iqr_k) {
    return absl::InvalidArgumentError("iqr_k: must be within 0..100");
  }
  for (int64_t v : {settings.uplift_ppm, settings.efficiency_ppm}) {
    if (v < 0 || v > kPpm) {
      return absl::InvalidArgumentError(
          "uplift_ppm and efficiency_ppm must be within 0..1000000");
    }
  }
  if (settings.uplift_ppm - settings.efficiency_ppm <= -kPpm) {
    return absl::InvalidArgumentError(
        "efficiency_ppm must leave a positive price factor");
  }
  if (settings.by_setting && settings.basis != Basis::kDay) {
    return absl::InvalidArgumentError(
        "by_setting: setting prices need basis day");
  }
  if (settings.min_periods < 1) {
    return absl::InvalidArgumentError("min_periods: must be at least 1");
  }
  std::map<int, std::vector<CostSample>> by_cluster;
  std::map<int, Cluster> clusters;
  for (size_t i = 0; i < samples.size(); ++i) {
    const CostSample& c = samples[i];
    if (c.days < 0 || c.days > 100000 || c.cost_pence < 0 ||
        c.cost_pence > 10000000000000) {
      return absl::InvalidArgumentError(
          absl::StrCat("sample ", i + 1, " (cluster ", c.cluster.code(),
                       "): days must be 0..100000 and cost_pence 0..10^13"));
    }
    if (settings.by_setting) MHPBR_RETURN_IF_ERROR(CheckSplit(c, i));
    clusters.emplace(c.cluster.code(), c.cluster);
    auto& v = by_cluster[c.cluster.code()];
    if (c.days > 0) v.push_back(c);
  }
  std::vector<ClusterEvidence> evidence;
  std::vector<TariffEntry> entries;
  for (const auto& [code, cluster] : clusters) {
    absl::Status error;
    ClusterEvidence ev =
        Evidence(cluster, std::move(by_cluster[code]), settings, rules, &error);
    MHPBR_RETURN_IF_ERROR(error);
    if (ev.status == EvidenceStatus::kPriced) {
      const int64_t price = settings.basis == Basis::kDay ? *ev.price_day_pence
                            : settings.basis == Basis::kPeriod
                                ? *ev.price_period_pence
                                : *ev.price_year_pence;
      TariffEntry entry{cluster, settings.basis, price, 0};
      // A tariff row has both setting prices or neither.
      if (ev.admitted_price_pence && ev.community_price_pence) {
        entry.admitted_price_pence = ev.admitted_price_pence;
        entry.community_price_pence = ev.community_price_pence;
      }
      entries.push_back(entry);
    }
    evidence.push_back(std::move(ev));
  }
  MHPBR_ASSIGN_OR_RETURN(
      TariffSchedule schedule,
      TariffSchedule::Create(std::move(entries), "mhpbr tariff setting"));
  return TariffSetting{std::move(schedule), std::move(evidence)};
}

}  // namespace mhpbr
