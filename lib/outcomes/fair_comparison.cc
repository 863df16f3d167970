#include "mhpbr/fair_comparison.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "boost/math/special_functions/gamma.hpp"

namespace mhpbr {
namespace {

// The library reports errors as values: Boost must not throw. The
// arguments are always in its domain (shape > 0, 0 < p < 1), so the
// policy only guards against surprises.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<
        boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<
        boost::math::policies::errno_on_error>>;

// G(p, a): the p-quantile of the gamma distribution of shape a, scale 1.
double GammaQuantile(double p, double a) {
  return boost::math::gamma_p_inv(a, p, NoThrow());
}

// Stratum key: dense cluster index and band.
using StratumKey = std::pair<int, int>;

struct UnitTally {
  UnitComparison row;
  // Paired periods and the improved among them by stratum, indexed as the
  // input's strata: E is computed once per stratum.
  std::vector<std::pair<int64_t, int64_t>> strata;
};

// The periods' indices ordered by patient, then start: the identity when
// they already are (as BuildPeriods gives them), so the usual case costs
// one pass of comparisons and no sort.
std::vector<uint32_t> ByPatientThenStart(
    absl::Span<const ClusterPeriod> periods) {
  auto before = [&periods](uint32_t a, uint32_t b) {
    const int c = periods[a].patient_id.compare(periods[b].patient_id);
    return c != 0 ? c < 0 : periods[a].start < periods[b].start;
  };
  std::vector<uint32_t> order(periods.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  bool sorted = true;
  for (size_t i = 1; i < order.size() && sorted; ++i) {
    sorted = !before(order[i], order[i - 1]);
  }
  if (!sorted) std::stable_sort(order.begin(), order.end(), before);
  return order;
}

// For each period ended by a discharge, whether the same patient has an
// allocation (a period start) 1 to 90 days after its end. A patient's
// periods do not overlap, so the first start after the end is the next
// period's in patient-then-start order.
std::vector<bool> ReallocatedWithin90(absl::Span<const ClusterPeriod> periods) {
  std::vector<bool> back(periods.size(), false);
  const std::vector<uint32_t> order = ByPatientThenStart(periods);
  size_t first = 0;  // The first position of the current patient.
  for (size_t k = 0; k < order.size(); ++k) {
    const ClusterPeriod& p = periods[order[k]];
    if (periods[order[first]].patient_id != p.patient_id) first = k;
    if (!p.end || p.reallocated) continue;
    // The patient's later periods start after this one; skip any that
    // start on or before its end (a malformed overlap) as upper_bound
    // would.
    for (size_t n = k + 1; n < order.size(); ++n) {
      const ClusterPeriod& next = periods[order[n]];
      if (next.patient_id != p.patient_id) break;
      if (next.start > *p.end) {
        back[order[k]] = next.start <= *p.end + 90;
        break;
      }
    }
  }
  return back;
}

}  // namespace

std::optional<UnitColumn> ParseUnitColumn(absl::string_view name) {
  for (UnitColumn c :
       {UnitColumn::kTeam, UnitColumn::kProvider, UnitColumn::kCommissioner}) {
    if (UnitColumnName(c) == name) return c;
  }
  return std::nullopt;
}

int StartTotalBand(int start_total, const OutcomeRules& rules) {
  const std::vector<int>& upper = rules.band_upper;
  for (size_t b = 0; b < upper.size(); ++b) {
    if (start_total <= upper[b]) return static_cast<int>(b);
  }
  return static_cast<int>(upper.size());
}

std::string StartTotalBandName(int band, const OutcomeRules& rules) {
  const std::vector<int>& upper = rules.band_upper;
  const int low = band == 0 ? 0 : upper[band - 1] + 1;
  if (static_cast<size_t>(band) == upper.size()) return absl::StrCat(low, "+");
  return absl::StrCat(low, "-", upper[band]);
}

std::optional<int> ParseStartTotalBand(absl::string_view name,
                                       const OutcomeRules& rules) {
  for (size_t b = 0; b <= rules.band_upper.size(); ++b) {
    if (StartTotalBandName(static_cast<int>(b), rules) == name) {
      return static_cast<int>(b);
    }
  }
  return std::nullopt;
}

FunnelLimits FunnelLimitsAt(double e) {
  FunnelLimits l;
  l.low_998 = GammaQuantile(0.001, e) / e;
  l.low_95 = GammaQuantile(0.025, e) / e;
  l.high_95 = GammaQuantile(0.975, e + 1) / e;
  l.high_998 = GammaQuantile(0.999, e + 1) / e;
  return l;
}

std::vector<FunnelSample> FunnelCurve(double e_min, double e_max, int samples) {
  std::vector<FunnelSample> out;
  out.reserve(samples);
  const double lo = std::log(e_min), hi = std::log(e_max);
  for (int i = 0; i < samples; ++i) {
    // The ends exactly, so the curves span every point.
    const double e = i == 0 ? e_min
                     : i == samples - 1
                         ? e_max
                         : std::exp(lo + (hi - lo) * i / (samples - 1));
    out.push_back({e, FunnelLimitsAt(e)});
  }
  return out;
}

absl::string_view FunnelFlagName(FunnelFlag f) {
  switch (f) {
    case FunnelFlag::kNone:
      return "";
    case FunnelFlag::kWithin:
      return "within";
    case FunnelFlag::kHigh998:
      return "high_998";
    case FunnelFlag::kHigh95:
      return "high_95";
    case FunnelFlag::kLow998:
      return "low_998";
    case FunnelFlag::kLow95:
      return "low_95";
  }
  return "";
}

Int128 ExpectedScale() {
  Int128 s = 1;
  for (int i = 0; i < kExpectedScaleDigits; ++i) s *= 10;
  return s;
}

double UnitComparison::expected() const {
  return static_cast<double>(static_cast<long double>(expected_scaled) /
                             static_cast<long double>(ExpectedScale()));
}

std::string UnitComparison::ExpectedDecimal(int places) const {
  return FormatDecimal(expected_scaled, ExpectedScale(), places);
}

std::string UnitComparison::RatioDecimal(int places) const {
  if (expected_scaled == 0) return "";
  return FormatDecimal(Int128{improved} * ExpectedScale(), expected_scaled,
                       places);
}

absl::StatusOr<FairComparison> CompareUnits(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes,
    absl::Span<const ScoredAssessment> assessments, UnitColumn column,
    std::optional<absl::Span<const ReferenceStratum>> reference,
    absl::CivilDay as_of, const OutcomeRules& rules) {
  if (periods.size() != outcomes.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("fair comparison: ", periods.size(), " periods but ",
                     outcomes.size(), " outcomes"));
  }
  const int bands = static_cast<int>(rules.band_upper.size()) + 1;
  // The input's strata, indexed [cluster index][band].
  std::vector<std::pair<int64_t, int64_t>> input(
      static_cast<size_t>(Cluster::kCount) * bands);
  auto at = [bands](int cluster_index, int band) {
    return static_cast<size_t>(cluster_index) * bands + band;
  };

  if (periods.size() > UINT32_MAX) {
    return absl::InvalidArgumentError(absl::StrCat(
        "fair comparison: ", periods.size(), " periods; at most ", UINT32_MAX));
  }
  const std::vector<bool> reallocated_90 = ReallocatedWithin90(periods);

  FairComparison out;
  absl::flat_hash_map<absl::string_view, UnitTally> units;
  // Consecutive periods mostly share a unit (a patient's periods, a team's
  // caseload): the last tally is reused without hashing.
  absl::string_view last_unit;
  // Paired periods with no unit by stratum (indexed as `input`).
  std::vector<int64_t> no_unit_paired(input.size(), 0);
  UnitTally* last = nullptr;
  for (size_t i = 0; i < periods.size(); ++i) {
    const ClusterPeriod& p = periods[i];
    const PeriodOutcome& o = outcomes[i];
    std::optional<StratumKey> stratum;
    if (o.status == PairStatus::kPaired) {
      if (!o.start || *o.start >= assessments.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "fair comparison: period ", i + 1, " (patient ", p.patient_id,
            "): start: no assessment of the span given"));
      }
      stratum =
          StratumKey{p.cluster.index(), StartTotalBand(o.start_total, rules)};
      auto& s = input[at(stratum->first, stratum->second)];
      ++s.first;
      if (o.outcome == Outcome::kImproved) ++s.second;
    }
    const absl::string_view unit = UnitOf(p, column);
    if (unit.empty()) {
      ++out.no_unit;
      if (stratum) ++no_unit_paired[at(stratum->first, stratum->second)];
      continue;
    }
    if (last == nullptr || unit != last_unit) {
      last = &units[unit];
      last_unit = unit;
      if (last->strata.empty()) last->strata.resize(input.size());
    }
    UnitTally& t = *last;
    ++t.row.periods;
    if (stratum) {
      auto& s = t.strata[at(stratum->first, stratum->second)];
      ++s.first;
      if (o.outcome == Outcome::kImproved) ++s.second;
    }
    if (p.end && !p.reallocated && *p.end + 90 <= as_of) {
      ++t.row.discharges;
      if (reallocated_90[i]) ++t.row.reallocated_90;
    }
  }

  for (int c = 0; c < Cluster::kCount; ++c) {
    for (int b = 0; b < bands; ++b) {
      const auto& s = input[at(c, b)];
      if (s.first > 0) {
        out.strata.push_back({Cluster::FromIndex(c), b, s.first, s.second});
      }
    }
  }

  // The reference rates, indexed as `input`.
  std::vector<std::pair<int64_t, int64_t>> rates = input;
  if (reference) {
    std::fill(rates.begin(), rates.end(), std::make_pair(0, 0));
    std::vector<bool> seen(rates.size(), false);
    for (const ReferenceStratum& r : *reference) {
      const std::string where = absl::StrCat(
          "reference stratum cluster ", r.cluster.code(), " band ", r.band);
      if (r.band < 0 || r.band >= bands) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": band: not one of the rule set's"));
      }
      if (r.paired < 0 || r.paired > kMaxReferencePaired) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": paired: ", r.paired, " is not within 0-",
                         kMaxReferencePaired));
      }
      if (r.improved < 0 || r.improved > r.paired) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": improved: ", r.improved,
                         " is not within 0-paired (", r.paired, ")"));
      }
      const size_t k = at(r.cluster.index(), r.band);
      if (seen[k]) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": given twice"));
      }
      seen[k] = true;
      rates[k] = {r.paired, r.improved};
    }
  }

  out.units.reserve(units.size());
  for (auto& [unit, t] : units) {
    UnitComparison& row = t.row;
    row.unit = std::string(unit);
    for (size_t k = 0; k < t.strata.size(); ++k) {
      const auto& n = t.strata[k];
      if (n.first == 0) continue;
      const auto& rate = rates[k];
      if (rate.first == 0) {
        row.unadjusted += n.first;
        continue;
      }
      row.paired += n.first;
      row.improved += n.second;
      // n * improved_s / paired_s, rounded down once per stratum; split in
      // whole and part so that no product leaves 128 bits.
      const Int128 share = Int128{n.first} * rate.second;
      row.expected_scaled += share / rate.first * ExpectedScale() +
                             share % rate.first * ExpectedScale() / rate.first;
    }
    out.unadjusted += row.unadjusted;
    if (row.expected_scaled > 0) {
      const double e = row.expected();
      row.limits = FunnelLimitsAt(e);
      // O / E against G / E is O against G: the comparison needs no
      // division, so it is exact for the quantiles as computed.
      const auto o = static_cast<double>(row.improved);
      if (o > GammaQuantile(0.999, e + 1)) {
        row.flag = FunnelFlag::kHigh998;
      } else if (o > GammaQuantile(0.975, e + 1)) {
        row.flag = FunnelFlag::kHigh95;
      } else if (o < GammaQuantile(0.001, e)) {
        row.flag = FunnelFlag::kLow998;
      } else if (o < GammaQuantile(0.025, e)) {
        row.flag = FunnelFlag::kLow95;
      } else {
        row.flag = FunnelFlag::kWithin;
      }
    }
    if (row.discharges > 0) {
      absl::StatusOr<int64_t> ppm =
          RoundDiv(Int128{row.reallocated_90} * kPpm, row.discharges);
      if (!ppm.ok()) return ppm.status();
      row.reallocated_90_ppm = *ppm;
    }
    out.units.push_back(std::move(row));
  }
  std::sort(out.units.begin(), out.units.end(),
            [](const UnitComparison& a, const UnitComparison& b) {
              return a.unit < b.unit;
            });
  // Paired periods with no unit still need counting when unadjusted.
  for (size_t k = 0; k < rates.size(); ++k) {
    if (rates[k].first == 0) out.unadjusted += no_unit_paired[k];
  }
  return out;
}

}  // namespace mhpbr
