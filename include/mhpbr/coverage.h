// How many people can be clustered at all (early pilots expected about 85%
// coverage): people and periods in clusters 1-21, in cluster 0 only, and
// with activity but no cluster; overall and per team when the activity
// names one.
//
//   mhpbr::CoverageCounter c(periods);
//   for (each accepted activity row) c.AddActivity(row.patient_id, team);
//
// Given the ActivityCoster's patient numbering, each row's patient is
// looked up once for costing and coverage together:
//
//   mhpbr::CoverageCounter c(periods, coster.patients());
//   c.AddActivity(attribution.patient, row.patient_id, team);
//   mhpbr::CoverageCounts all = c.Totals();

#ifndef MHPBR_COVERAGE_H_
#define MHPBR_COVERAGE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/huge_page_allocator.h"
#include "mhpbr/patient_index.h"

namespace mhpbr {

struct CoverageCounts {
  // Distinct people in periods or accepted activity.
  int64_t patients = 0;
  // With a period in clusters 1-21.
  int64_t patients_in_clusters = 0;
  // With periods, all in cluster 0.
  int64_t patients_only_cluster_0 = 0;
  // With activity but no period at all.
  int64_t patients_unclustered = 0;
  int64_t periods_in_clusters = 0;
  int64_t periods_cluster_0 = 0;
};

class CoverageCounter {
 public:
  // `numbering`, when given, is the patient numbering the caller's
  // activity lookups use (ActivityCoster::patients()), so that
  // AddActivity(patient, ...) needs no lookup of its own; the periods'
  // patients it lacks are numbered after its own.
  explicit CoverageCounter(
      absl::Span<const PeriodToPrice> periods,
      std::shared_ptr<const PatientIndex> numbering = nullptr);

  // One more period, of the patient numbered `patient` in `numbering`
  // (REQUIRES: 0 <= patient < numbering->size()): for a caller that walks
  // the periods in numbering order and so knows each one's number.
  void AddPeriod(int32_t patient, Cluster cluster);

  // One accepted activity row; `team` may be empty (no per-team figures).
  void AddActivity(absl::string_view patient_id, absl::string_view team);
  // The same with the patient's number in `numbering` already known, or
  // PatientIndex::kNone (then the id is looked up).
  void AddActivity(int32_t patient, absl::string_view patient_id,
                   absl::string_view team);
  // The same for a patient the caller's own lookup in `numbering` did not
  // find: a national year's unknown people are not looked up there twice.
  void AddUnnumberedActivity(absl::string_view patient_id,
                             absl::string_view team);
  // The number AddActivity gives such a patient (kNone only past 2^31
  // people), and a team's number, for AddNumberedActivity: a caller that
  // meets a block's few teams many times numbers each of them once.
  int32_t NumberUnnumbered(absl::string_view patient_id) {
    return NumberOther(patient_id);
  }
  int32_t TeamNumber(absl::string_view team);
  // AddActivity with both numbered: `patient` in `numbering` or by
  // NumberUnnumbered (kNone: nothing counted), `team` by TeamNumber (-1:
  // the row names none).
  void AddNumberedActivity(int32_t patient, int32_t team);

  // A hint that AddActivity(patient, ...) comes soon: its memory is
  // fetched meanwhile. Any number is safe.
  void Prefetch(int32_t patient) const {
    // (Written so: GCC 12 drops the prefetch of `&first_[patient]` behind
    // a `patient >= 0 &&` test.) A negative number converts to a size past
    // any vector's.
    const int32_t* words = first_.data();
    if (static_cast<size_t>(patient) < first_.size()) {
      __builtin_prefetch(words + patient, /*rw=*/1);
    }
  }

  CoverageCounts Totals() const;
  // Per team: the people with activity of that team (periods counts are
  // left 0: periods do not name a team). Sorted by team.
  std::map<std::string, CoverageCounts> ByTeam() const;

 private:
  enum class Status : uint8_t { kUnclustered, kOnlyCluster0, kInClusters };
  Status StatusOf(int32_t patient) const;
  static void Count(Status status, CoverageCounts* c);
  // A number for the id: its number in `numbering_`, or one of our own
  // past it.
  int32_t Number(absl::string_view patient_id);
  // The same for an id `numbering_` lacks.
  int32_t NumberOther(absl::string_view patient_id);
  // The activity of a numbered patient (kNone: none counted).
  void Mark(int32_t patient, absl::string_view team);
  // The patient's first team (kNoTeam: none yet), marked active; null
  // for kNone.
  int32_t* Active(int32_t patient);
  void AddTeam(int32_t& first, int32_t patient, int32_t team);
  int32_t Numbered() const { return base_ + others_.size(); }

  // Shared, not copied: a national year numbers millions of people.
  std::shared_ptr<const PatientIndex> numbering_;
  int32_t base_ = 0;  // numbering_->size()
  // The people numbering_ lacks, numbered from base_.
  PatientIndex others_;
  // Per number: what the patient's periods say.
  std::vector<Status> status_;
  // Per number: which teams' activity saw the patient. A team is a
  // number in teams_; the first team of the patient's rows is in `first_`,
  // any other of the first kMaskTeams teams a bit of `others_mask_`, and
  // the rest go to more_team_patients_. Most people are seen by one team
  // (`first_` also saves the team's lookup by name), where a national year
  // has hundreds: a row then reads and writes only its patient's 4 bytes
  // of `first_`, 6 MB for 1.5 M people, which the caches hold far better
  // than the 24 MB a word of teams and flags per person took.
  static constexpr int32_t kInactive = -2;  // no activity
  static constexpr int32_t kNoTeam = -1;    // activity, none naming a team
  // Read at random: on 4 KB pages nearly every row's number missed the
  // TLB too.
  std::vector<int32_t, HugePageAllocator<int32_t>> first_;
  static constexpr int kMaskTeams = 32;
  std::vector<uint32_t> others_mask_;  // sized when first needed
  int64_t periods_in_clusters_ = 0, periods_cluster_0_ = 0;
  absl::flat_hash_map<std::string, int32_t> team_numbers_;
  std::vector<std::string> teams_;
  int32_t last_team_ = -1;
  // (team number << 32) | patient number, for a patient's teams past the
  // first kMaskTeams other than its `first`.
  absl::flat_hash_set<uint64_t> more_team_patients_;
};

}  // namespace mhpbr

#endif  // MHPBR_COVERAGE_H_
