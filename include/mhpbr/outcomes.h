// Outcomes (outcomes.md): HoNOS change over cluster periods, and the
// indicators a contract may pay on.
//
// The HoNOS scores of an assessment are its items 1-12 (item 8 as the
// classifier reads it), their total and four subscales; it is scorable when
// at most the rule set's `max_unknown_items` are unknown. Each period is
// paired with a start assessment near its start and the latest follow-up
// before its last day, and the change of the total says whether the person
// improved. The indicators count periods, reviews and inpatient stays.
//
//   std::vector<mhpbr::ScoredAssessment> scored;   // score rows as read:
//   scored.push_back({patient, id, date, mhpbr::ScoreHonos(ratings, o)});
//   absl::StatusOr<mhpbr::OutcomesResult> r = mhpbr::MeasureOutcomes(
//       build.periods, scored, activity, as_of, *rules);
//
// Only the scores of an assessment are held, never its ratings, so a
// caller streams a large file of assessments by scoring each row as it is
// read. Pure and thread-safe: it reads its arguments only.

#ifndef MHPBR_OUTCOMES_H_
#define MHPBR_OUTCOMES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/assessment_record.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// HoNOS subscales as published (Wing et al. 1998): behaviour = items 1-3,
// impairment = 4-5, symptoms = 6-8, social = 9-12.
enum class Subscale : uint8_t {
  kBehaviour = 0,
  kImpairment = 1,
  kSymptoms = 2,
  kSocial = 3,
};
inline constexpr int kSubscaleCount = 4;

struct HonosScore {
  // At most the rule set's max_unknown_items of items 1-12 unknown.
  bool scorable = false;
  int unknown_items = 0;
  // The sum of the known ratings of items 1-12 (no prorating), 0-48.
  int total = 0;
  // Each the sum of the known ratings of its items, by Subscale.
  std::array<int, kSubscaleCount> subscales{};
};

HonosScore ScoreHonos(const MhctRatings& ratings, const OutcomeRules& rules);

// One assessment as outcomes use it. Its place in the span given to
// MeasureOutcomes is its input order.
struct ScoredAssessment {
  std::string patient_id;
  std::string assessment_id;
  absl::CivilDay date;
  HonosScore score;
};

// An assessment scored with the rule set's outcome parameters.
ScoredAssessment ScoreAssessment(const AssessmentRecord& record,
                                 const OutcomeRules& rules);

// The part of an activity record MeasureOutcomes reads (a bed day or a
// contact: patient, date, kind, count, line), or none for a record it
// ignores: what a caller that streams activity keeps.
std::optional<ActivityRecord> OutcomeActivity(const ActivityRecord& record);

enum class PairStatus : uint8_t { kPaired, kNoStart, kNoFollowUp };
// "paired", "no_start" or "no_follow_up".
absl::string_view PairStatusName(PairStatus s);

enum class Outcome : uint8_t { kNoChange, kImproved, kDeteriorated };
// "no_change", "improved" or "deteriorated".
absl::string_view OutcomeName(Outcome o);

// What one period achieved.
struct PeriodOutcome {
  PairStatus status = PairStatus::kNoStart;
  // Indices into the assessments given; none when not found.
  std::optional<size_t> start;
  std::optional<size_t> follow_up;
  // The rest only when paired: follow-up minus start (negative = better).
  int change = 0;
  std::array<int, kSubscaleCount> subscale_change{};
  Outcome outcome = Outcome::kNoChange;
  bool clinically_significant = false;
  // When paired: the start assessment's total, kept so that fair
  // comparison bands a period without going back to the assessments.
  int start_total = 0;
};

// What a group of periods achieved: `mhpbr outcomes --by-cluster`'s
// figures after its first column.
struct OutcomeCounts {
  int64_t periods = 0;
  int64_t paired = 0;
  int64_t improved = 0;
  int64_t no_change = 0;
  int64_t deteriorated = 0;
  // Of the paired periods' total changes; mean = change_sum / paired.
  int64_t change_sum = 0;
};

struct ClusterOutcomes : OutcomeCounts {
  Cluster cluster;
};

// A column of the events that names who a period belongs to: taken from
// the allocation that opened the period (ClusterPeriod).
enum class UnitColumn : uint8_t { kTeam, kProvider, kCommissioner };
// "team", "provider" or "commissioner".
absl::string_view UnitColumnName(UnitColumn c);
// The period's value of the column; empty when its opener names none.
absl::string_view UnitOf(const ClusterPeriod& p, UnitColumn c);

struct UnitOutcomes : OutcomeCounts {
  // Empty: the periods whose opening allocation names none.
  std::string unit;
};

// The figures of `outcomes` (one per period, as MeasureOutcomes gives
// them) grouped by the periods' value of `column`: sorted by value
// bytewise, the periods that name none in a last group with an empty
// value (never dropped); no group when there are no periods.
std::vector<UnitOutcomes> OutcomesByUnit(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes, UnitColumn column);

// Inpatient stays whose follow-up window has closed, by the month of their
// last bed day, and those followed up: follow_up_7_days month by month.
struct FollowUpMonth {
  absl::CivilMonth month;
  int64_t followed_up = 0;
  int64_t due = 0;
};

struct OutcomesResult {
  // One per period given, in the same order.
  std::vector<PeriodOutcome> periods;
  // In the order of IndicatorNames() (measured_indicator.h): what pricing
  // pays on.
  std::vector<MeasuredIndicator> indicators;
  // The clusters that have periods, by code.
  std::vector<ClusterOutcomes> by_cluster;
  // OutcomesByUnit by team and by commissioner.
  std::vector<UnitOutcomes> by_team;
  std::vector<UnitOutcomes> by_commissioner;
  // Assessments given that are not scorable (never paired).
  int64_t assessments_unscorable = 0;
  // Inpatient stays found in the activity, and those whose follow-up
  // window ends after the as-of date (left out of follow_up_7_days).
  int64_t stays = 0;
  int64_t stays_not_yet_due = 0;
  // The due stays by month, in calendar order (their sums are
  // follow_up_7_days' numerator and denominator).
  std::vector<FollowUpMonth> follow_up_by_month = {};
};

// Pairs each period (as BuildPeriods gives them, with their reviews) with
// its start and follow-up assessments and measures the indicators. Only
// the `bed_day` and `contact` records of `activity` are used. Fails, naming
// the record, when a period ends before it starts or starts after the
// as-of date, or a scorable assessment's scores are not ones ScoreHonos
// gives (a total or subscale below 0, a total above 48, a subscale above
// 16).
absl::StatusOr<OutcomesResult> MeasureOutcomes(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const ScoredAssessment> assessments,
    absl::Span<const ActivityRecord> activity, absl::CivilDay as_of,
    const RuleSet& rules);

}  // namespace mhpbr

#endif  // MHPBR_OUTCOMES_H_
