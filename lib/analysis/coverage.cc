#include "mhpbr/coverage.h"

#include <utility>

namespace mhpbr {

CoverageCounter::CoverageCounter(absl::Span<const PeriodToPrice> periods,
                                 std::shared_ptr<const PatientIndex> numbering)
    : index_(numbering ? *numbering : PatientIndex()) {
  status_.assign(index_.size(), Status::kUnclustered);
  for (const PeriodToPrice& p : periods) {
    const int32_t n = Number(p.patient_id);
    if (n == PatientIndex::kNone) continue;  // 2^31 people: cannot happen
    if (status_[n] == Status::kUnclustered) status_[n] = Status::kOnlyCluster0;
    if (p.cluster.is_variance()) {
      ++periods_cluster_0_;
    } else {
      ++periods_in_clusters_;
      status_[n] = Status::kInClusters;
    }
  }
}

int32_t CoverageCounter::Number(absl::string_view patient_id) {
  const int32_t n = index_.Add(patient_id);
  if (n != PatientIndex::kNone && static_cast<size_t>(n) >= status_.size()) {
    status_.resize(n + 1, Status::kUnclustered);
  }
  return n;
}

CoverageCounter::Status CoverageCounter::StatusOf(int32_t patient) const {
  return static_cast<size_t>(patient) < status_.size() ? status_[patient]
                                                       : Status::kUnclustered;
}

void CoverageCounter::AddActivity(absl::string_view patient_id,
                                  absl::string_view team) {
  AddActivity(PatientIndex::kNone, patient_id, team);
}

void CoverageCounter::AddActivity(int32_t patient, absl::string_view patient_id,
                                  absl::string_view team) {
  // A number outside the numbering (a caller's mistake) is looked up
  // rather than trusted.
  if (patient < 0 || patient >= index_.size()) patient = Number(patient_id);
  if (patient == PatientIndex::kNone) return;
  if (static_cast<size_t>(patient) >= seen_.size()) {
    seen_.resize(status_.size(), 0);
  }
  uint64_t bits = kActive;
  if (!team.empty()) {
    // Rows often repeat the last row's team.
    if (last_team_ < 0 || teams_[last_team_] != team) {
      auto [it, inserted] =
          team_numbers_.try_emplace(team, static_cast<int32_t>(teams_.size()));
      if (inserted) teams_.emplace_back(team);
      last_team_ = it->second;
    }
    if (last_team_ < kMaskTeams) {
      bits |= uint64_t{1} << last_team_;
    } else {
      more_team_patients_.insert(static_cast<uint64_t>(last_team_) << 32 |
                                 static_cast<uint32_t>(patient));
    }
  }
  seen_[patient] |= bits;
}

void CoverageCounter::Count(Status status, CoverageCounts* c) {
  ++c->patients;
  switch (status) {
    case Status::kInClusters:
      ++c->patients_in_clusters;
      break;
    case Status::kOnlyCluster0:
      ++c->patients_only_cluster_0;
      break;
    case Status::kUnclustered:
      ++c->patients_unclustered;
      break;
  }
}

CoverageCounts CoverageCounter::Totals() const {
  CoverageCounts c;
  for (size_t n = 0; n < status_.size(); ++n) {
    // People without periods count only when they have activity.
    if (status_[n] != Status::kUnclustered ||
        (n < seen_.size() && (seen_[n] & kActive) != 0)) {
      Count(status_[n], &c);
    }
  }
  c.periods_in_clusters = periods_in_clusters_;
  c.periods_cluster_0 = periods_cluster_0_;
  return c;
}

std::map<std::string, CoverageCounts> CoverageCounter::ByTeam() const {
  std::map<std::string, CoverageCounts> out;
  std::vector<CoverageCounts*> by_number;
  for (const std::string& team : teams_) by_number.push_back(&out[team]);
  for (size_t n = 0; n < seen_.size(); ++n) {
    for (uint64_t bits = seen_[n] & ~kActive; bits != 0; bits &= bits - 1) {
      Count(StatusOf(static_cast<int32_t>(n)),
            by_number[__builtin_ctzll(bits)]);
    }
  }
  for (const uint64_t pair : more_team_patients_) {
    Count(StatusOf(static_cast<int32_t>(pair & 0xffffffffu)),
          by_number[pair >> 32]);
  }
  return out;
}

}  // namespace mhpbr
