#include "mhpbr/clustering_consistency.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/strings/str_format.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

std::optional<int64_t> Ppm(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  absl::StatusOr<int64_t> v = RoundDiv(Int128{part} * kPpm, whole);
  if (!v.ok()) return std::nullopt;  // cannot happen: 0 <= part <= whole
  return *v;
}

// The calendar year of the 1 April that starts the financial year of `d`.
int64_t FinancialYearOf(absl::CivilDay d) {
  return d.month() >= 4 ? d.year() : d.year() - 1;
}

}  // namespace

void AgreementTally::Add(Cluster allocated_cluster, Cluster suggested_cluster) {
  ++assessments;
  agree += allocated_cluster == suggested_cluster;
  ++allocated[allocated_cluster.index()];
  ++suggested[suggested_cluster.index()];
}

std::optional<int64_t> AgreementTally::AgreementPpm() const {
  return Ppm(agree, assessments);
}

std::optional<Fraction> AgreementTally::Kappa() const {
  if (assessments == 0) return std::nullopt;
  // n^2 * pe: at most n^2, so n below 2^62 keeps everything in 128 bits.
  Int128 chance = 0;
  for (int k = 0; k < Cluster::kCount; ++k) {
    chance += Int128{allocated[k]} * suggested[k];
  }
  const Int128 n = assessments;
  const Int128 den = n * n - chance;
  if (den == 0) return std::nullopt;  // pe = 1
  return Fraction::Of(n * agree - chance, den);
}

std::string AgreementTally::KappaDecimal() const {
  const std::optional<Fraction> k = Kappa();
  return k ? k->ToDecimal(4) : std::string();
}

void AgreementMatrix::Add(Cluster allocated, Cluster suggested) {
  ++cells_[allocated.index()][suggested.index()];
  tally_.Add(allocated, suggested);
}

void GroupAgreement::Add(const std::string& team, const std::string& clinician,
                         Cluster allocated, Cluster suggested) {
  if (has_team && !team.empty()) by_team[team].Add(allocated, suggested);
  if (has_clinician && !clinician.empty()) {
    by_clinician[clinician].Add(allocated, suggested);
  }
}

std::vector<TransitionCount> CountTransitions(
    absl::Span<const PeriodToPrice> periods, const TransitionTable& table) {
  // Walk the periods by patient then start. They usually come so (a
  // `mhpbr periods` output): checking is one pass, where sorting a
  // national year's 3 M periods by id took longer than the rest.
  bool sorted = false;
  std::vector<PeriodStep> steps = PeriodSteps(periods, &sorted);
  if (!sorted) {
    std::vector<size_t> order(periods.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const PeriodToPrice &x = periods[a], &y = periods[b];
      if (x.patient_id != y.patient_id) return x.patient_id < y.patient_id;
      return x.start < y.start;
    });
    for (size_t k = 0; k < order.size(); ++k) {
      steps[k] =
          StepOf(periods[order[k]], k == 0 ? nullptr : &periods[order[k - 1]]);
    }
  }
  return CountTransitionsOfSteps(steps, table);
}

std::vector<TransitionCount> CountTransitionsOfSteps(
    absl::Span<const PeriodStep> sorted, const TransitionTable& table) {
  std::array<std::array<int64_t, Cluster::kCount>, Cluster::kCount> moves{};
  for (size_t i = 1; i < sorted.size(); ++i) {
    const PeriodStep &earlier = sorted[i - 1], &later = sorted[i];
    if (later.same_patient && !earlier.open && earlier.end + 1 == later.start) {
      ++moves[earlier.cluster.index()][later.cluster.index()];
    }
  }
  std::vector<TransitionCount> out;
  for (int f = 0; f < Cluster::kCount; ++f) {
    for (int t = 0; t < Cluster::kCount; ++t) {
      if (moves[f][t] == 0) continue;
      const Cluster from = Cluster::FromIndex(f), to = Cluster::FromIndex(t);
      out.push_back({from, to, moves[f][t], table.Allowed(from, to)});
    }
  }
  return out;
}

std::vector<ClusterMixRow> ClusterMix(absl::Span<const PeriodToPrice> periods,
                                      absl::CivilDay as_of) {
  bool sorted = false;
  return ClusterMixOfSteps(PeriodSteps(periods, &sorted), as_of);
}

std::vector<ClusterMixRow> ClusterMixOfSteps(
    absl::Span<const PeriodStep> periods, absl::CivilDay as_of) {
  std::vector<ClusterMixRow> out;
  if (periods.empty()) return out;
  absl::CivilDay earliest = periods[0].start;
  for (const PeriodStep& p : periods) earliest = std::min(earliest, p.start);
  const int64_t first = FinancialYearOf(earliest);
  const int64_t last = FinancialYearOf(as_of);
  if (first > last) return out;
  std::vector<std::array<int64_t, Cluster::kCount>> in_force(
      static_cast<size_t>(last - first + 1));
  for (const PeriodStep& p : periods) {
    if (p.start > as_of) continue;
    // In force from the year of its start (it starts by that year's end)
    // to the year of its end (it ends on or after that year's start).
    const int64_t to = p.open ? last : std::min(last, FinancialYearOf(p.end));
    for (int64_t y = FinancialYearOf(p.start); y <= to; ++y) {
      ++in_force[static_cast<size_t>(y - first)][p.cluster.index()];
    }
  }
  std::array<bool, Cluster::kCount> present{};
  for (const auto& year : in_force) {
    for (int k = 0; k < Cluster::kCount; ++k) present[k] |= year[k] > 0;
  }
  std::array<std::optional<int64_t>, Cluster::kCount> before{};
  for (size_t y = 0; y < in_force.size(); ++y) {
    const auto& year = in_force[y];
    const int64_t total = std::accumulate(year.begin(), year.end(), int64_t{0});
    for (int k = 0; k < Cluster::kCount; ++k) {
      if (!present[k]) continue;
      ClusterMixRow& row = out.emplace_back();
      row.year = first + static_cast<int64_t>(y);
      row.cluster = Cluster::FromIndex(k);
      row.periods = year[k];
      row.share_ppm = Ppm(year[k], total);
      if (y > 0 && row.share_ppm && before[k]) {
        row.change_ppm = *row.share_ppm - *before[k];
      }
      before[k] = row.share_ppm;
    }
  }
  return out;
}

std::string FinancialYearName(int64_t year) {
  return absl::StrFormat("%d/%02d", year, (year + 1) % 100);
}

}  // namespace mhpbr
