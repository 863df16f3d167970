#include "mhpbr/coverage.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

namespace mhpbr {

CoverageCounter::CoverageCounter(absl::Span<const PeriodToPrice> periods,
                                 std::shared_ptr<const PatientIndex> numbering)
    : numbering_(std::move(numbering)),
      base_(numbering_ ? numbering_->size() : 0) {
  status_.assign(base_, Status::kUnclustered);
  absl::string_view last_id;
  int32_t last = PatientIndex::kNone;
  for (const PeriodToPrice& p : periods) {
    // A patient's periods usually come together: one lookup for them all.
    if (last == PatientIndex::kNone || p.patient_id != last_id) {
      last = Number(p.patient_id);
      last_id = p.patient_id;
    }
    if (last == PatientIndex::kNone) continue;  // 2^31 people: cannot happen
    AddPeriod(last, p.cluster);
  }
  first_.resize(status_.size(), kInactive);  // for Prefetch
}

void CoverageCounter::AddPeriod(int32_t patient, Cluster cluster) {
  Status& s = status_[patient];
  if (s == Status::kUnclustered) s = Status::kOnlyCluster0;
  if (cluster.is_variance()) {
    ++periods_cluster_0_;
  } else {
    ++periods_in_clusters_;
    s = Status::kInClusters;
  }
}

int32_t CoverageCounter::Number(absl::string_view patient_id) {
  if (numbering_ != nullptr) {
    const int32_t n = numbering_->Find(patient_id);
    if (n != PatientIndex::kNone) return n;
  }
  return NumberOther(patient_id);
}

int32_t CoverageCounter::NumberOther(absl::string_view patient_id) {
  const int32_t own = others_.Add(patient_id);
  if (own == PatientIndex::kNone ||
      own > std::numeric_limits<int32_t>::max() - 1 - base_) {
    return PatientIndex::kNone;
  }
  const int32_t n = base_ + own;
  if (static_cast<size_t>(n) >= status_.size()) {
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
  if (patient < 0 || patient >= base_) patient = Number(patient_id);
  Mark(patient, team);
}

void CoverageCounter::AddUnnumberedActivity(absl::string_view patient_id,
                                            absl::string_view team) {
  Mark(NumberOther(patient_id), team);
}

int32_t* CoverageCounter::Active(int32_t patient) {
  if (patient == PatientIndex::kNone) return nullptr;
  if (static_cast<size_t>(patient) >= first_.size()) {
    first_.resize(std::max(status_.size(), static_cast<size_t>(patient) + 1),
                  kInactive);
  }
  int32_t& first = first_[patient];
  if (first == kInactive) first = kNoTeam;
  return &first;
}

void CoverageCounter::Mark(int32_t patient, absl::string_view team) {
  int32_t* first = Active(patient);
  if (first == nullptr || team.empty()) return;
  const int32_t t =
      *first >= 0 && teams_[*first] == team ? *first : TeamNumber(team);
  AddTeam(*first, patient, t);
}

void CoverageCounter::AddNumberedActivity(int32_t patient, int32_t team) {
  int32_t* first = Active(patient);
  if (first == nullptr || team < 0) return;
  AddTeam(*first, patient, team);
}

int32_t CoverageCounter::TeamNumber(absl::string_view team) {
  // Rows often repeat the last row's team.
  if (last_team_ < 0 || teams_[last_team_] != team) {
    auto [it, inserted] =
        team_numbers_.try_emplace(team, static_cast<int32_t>(teams_.size()));
    if (inserted) teams_.emplace_back(team);
    last_team_ = it->second;
  }
  return last_team_;
}

void CoverageCounter::AddTeam(int32_t& first, int32_t patient, int32_t t) {
  if (first < 0) {
    first = t;
  } else if (t == first) {
    return;
  } else if (t < kMaskTeams) {
    if (static_cast<size_t>(patient) >= others_mask_.size()) {
      others_mask_.resize(first_.size());
    }
    others_mask_[patient] |= uint32_t{1} << t;
  } else {
    more_team_patients_.insert(static_cast<uint64_t>(t) << 32 |
                               static_cast<uint32_t>(patient));
  }
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
        (n < first_.size() && first_[n] != kInactive)) {
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
  for (size_t n = 0; n < first_.size(); ++n) {
    if (first_[n] < 0) continue;  // no team: no other either
    const Status status = StatusOf(static_cast<int32_t>(n));
    Count(status, by_number[first_[n]]);
    if (n >= others_mask_.size()) continue;
    for (uint32_t bits = others_mask_[n]; bits != 0; bits &= bits - 1) {
      Count(status, by_number[__builtin_ctz(bits)]);
    }
  }
  for (const uint64_t pair : more_team_patients_) {
    Count(StatusOf(static_cast<int32_t>(pair & 0xffffffffu)),
          by_number[pair >> 32]);
  }
  return out;
}

}  // namespace mhpbr
