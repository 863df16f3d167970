// The analysis stage's runner: everything the report needs, from domain
// inputs to the Report (report.h), which the tool, the C API
// (mhpbr_report_build) and any program linking the library render as the
// HTML page (RenderReportHtml) and the CSV figures (ReportTables).
//
//   auto b = mhpbr::ReportBuilder::Create(periods, as_of, rules,
//                                         transitions, unit_costs);
//   (*b)->AddActivity(next_row, on_row);     // streamed, in batches
//   (*b)->ExpectOutcomes();                  // optional, before activity
//   (*b)->AddAssessment(record);             // optional, one at a time
//   (*b)->SetEvents(events);                 // optional
//   mhpbr::Report report = (*b)->Finish();
//
// Activity and assessments are streamed: memory grows with the periods
// and people, not with the records. Not thread-safe (it accumulates);
// build one per report.

#ifndef MHPBR_REPORT_BUILDER_H_
#define MHPBR_REPORT_BUILDER_H_

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/activity_facts.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/assessment_record.h"
#include "mhpbr/classifier.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/clustering_consistency.h"
#include "mhpbr/coverage.h"
#include "mhpbr/input_row.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/monthly_tally.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/period_build.h"
#include "mhpbr/period_event.h"
#include "mhpbr/report.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/transition_table.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// Which optional columns the assessments have: agreement is then also
// given per team and per clinician.
struct AssessmentColumns {
  bool team = false;
  bool clinician = false;
};

class ReportBuilder {
 public:
  // Fails, naming the line, for a period ActivityCoster refuses. With
  // `threads` > 1 the figures of the periods alone are tallied on a
  // second thread while the coster is built.
  static absl::StatusOr<std::unique_ptr<ReportBuilder>> Create(
      std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
      std::shared_ptr<const RuleSet> rules, TransitionTable transitions,
      const UnitCosts& unit_costs, int threads = 1);
  ~ReportBuilder();

  // Costs activity rows as mhpbr::CostActivityRows does (activity_rows.h),
  // counting coverage from the costed ones; `done` sees each row's
  // outcome in order. May be called more than once.
  void AddActivity(absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
                   absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                                          const Attribution&)>
                       done);
  // The same for blocks of rows priced already by pricer(), on any thread
  // (mhpbr::CostPricedRows).
  void AddActivity(absl::FunctionRef<bool(PricedActivityRows*)> next,
                   absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                                          const Attribution&)>
                       done);
  // The same a block at a time (mhpbr::CostPricedBlocks): `done` sees
  // each block once it is added and counted. `next` gives each block's
  // facts as GatherActivity left them, or null (then the block's rows are
  // read here).
  void AddActivityBlocks(
      absl::FunctionRef<bool(PricedActivityRows*, const ActivityFacts**)> next,
      absl::FunctionRef<void(const CommittedBlock&)> done);
  // What AddActivityBlocks counts of a block priced by pricer(), gathered
  // on any thread (it reads the block alone), such as the one that priced
  // it, and added to `facts` (cleared for each block: a block may be
  // gathered in parts, in order, while its rows are in the cache). The
  // facts view the block's rows.
  static void GatherActivity(const PricedActivityRows& block,
                             ActivityFacts* facts);
  // The costing so far; once the activity is in, the costed periods.
  const ActivityCoster& pricer() const { return coster_; }
  // Costs a ward stay as ActivityCoster::AddStay does, counting coverage
  // (and, with ExpectOutcomes, keeping the bed days) from its records.
  void AddStay(const WardStay& stay, StayAttribution* out);
  // Counts an activity row rejected before it could be costed (a reader's
  // reject), as the costing's records_rejected.
  void CountRejected() { coster_.CountRejected(); }

  // Assessments were given: the agreement and red-rule figures appear,
  // even when none is added; per team and clinician when `columns` has
  // them.
  void ExpectAssessments(AssessmentColumns columns = {});
  // One accepted assessment, classified with the rule set for those
  // figures (implies ExpectAssessments).
  void AddAssessment(const MhctRatings& ratings);
  // The same, and with ExpectOutcomes its HoNOS scores are kept (only
  // they: a record without patient_id is classified, never paired); its
  // team and clinician count for the agreement per group.
  void AddAssessment(const AssessmentRecord& record);

  // Measure outcomes (outcomes.md, as MeasureOutcomes) when events and
  // assessment records are given: call before AddActivity, whose bed days
  // and contacts are then kept (slimmed) for follow_up_7_days.
  void ExpectOutcomes();

  // The events the periods came from, rebuilt with the rule set and the
  // transition table for the overdue and transition figures; returns the
  // events that could not be used (the report's rejects). Outcomes are
  // also given per team and per commissioner when `columns` says the
  // events have that column.
  std::vector<EventError> SetEvents(absl::Span<const PeriodEvent> events,
                                    EventUnitColumns columns = {});
  // Before SetEvents: rebuild the events' periods by the rule set in force
  // on each date (period_builder.h), with the builder's transition table
  // for every date only when `own_transitions`. The other figures keep the
  // builder's rule set.
  void SetRulesByDate(std::shared_ptr<const RuleSetBundle> bundle,
                      bool own_transitions) {
    bundle_ = std::move(bundle);
    own_transitions_ = own_transitions;
  }

  // Threads Finish may use for the periods' figures (default 1).
  void SetThreads(int threads) { threads_ = threads; }

  // The report; the builder is spent. It only reads pricer(), which other
  // threads may read meanwhile (the tool writes cost's outputs from it).
  Report Finish();

 private:
  struct PeriodFigures;
  ReportBuilder(absl::CivilDay as_of, std::shared_ptr<const RuleSet> rules,
                TransitionTable transitions, std::string unit_costs_source,
                ActivityCoster coster, CoverageCounter coverage,
                ClusteringConsistency consistency,
                std::unique_ptr<PeriodFigures> period_figures);
  // What a committed block's accepted rows add to the coverage, the
  // monthly costs and the outcomes' activity: its facts gathered here.
  void CountActivity(const PricedActivityRows& block);
  // The same from the block's facts gathered before Commit (its rows are
  // not read), unless a record was rejected after they were gathered;
  // false then, counting nothing.
  bool CountActivity(const CommittedBlock& committed,
                     const ActivityFacts& facts);
  // What both add to the coverage and the monthly costs.
  void CountFacts(absl::Span<const PricedRecord> priced,
                  const ActivityFacts& facts);
  // Fills report.outcomes, or why they were not measured; gives what the
  // monthly series need of the result (each event period's outcome and the
  // follow-ups by month; empty when not measured).
  OutcomesResult MeasureReportOutcomes(Report& report);
  // What the rules suggest for one assessment, as `mhpbr classify` gives
  // it: the one place that picks the rule set, so the rule set in force on
  // the assessment's date can replace the report's one here.
  Classification Classify(const AssessmentRecord& record) const;

  absl::CivilDay as_of_;
  std::shared_ptr<const RuleSet> rules_;
  TransitionTable transitions_;
  std::string unit_costs_source_;
  ActivityCoster coster_;
  CoverageCounter coverage_;
  Classifier classifier_;
  std::optional<AssessmentQuality> assessments_;
  std::optional<PeriodQuality> events_;
  // With ExpectOutcomes only.
  bool outcomes_expected_ = false;
  std::vector<ActivityRecord> outcome_activity_;
  std::vector<ScoredAssessment> scored_;
  std::vector<ClusterPeriod> event_periods_;
  EventUnitColumns event_columns_;
  std::shared_ptr<const RuleSetBundle> bundle_;  // null: rules_ for every date
  bool own_transitions_ = false;
  ClusteringConsistency consistency_;
  // Counted per month for the SPC charts (report_spc.h). Assessments given
  // as bare ratings have no date and count for no month.
  MonthlyTally<int64_t> month_cost_pence_;  // a month per activity row
  std::map<absl::CivilMonth, int64_t> month_event_allocations_;
  std::map<absl::CivilMonth, std::pair<int64_t, int64_t>> month_agreement_;
  ReviewMonths event_reviews_;
  bool dated_assessments_ = true;
  int threads_ = 1;
  // Tallied in Create (never null).
  std::unique_ptr<PeriodFigures> period_figures_;
  // CountActivity's numbers for a block's teams and the facts it gathers
  // itself, kept for their memory.
  std::vector<int32_t> team_numbers_;
  ActivityFacts gathered_;
};

}  // namespace mhpbr

#endif  // MHPBR_REPORT_BUILDER_H_
