#include "mhpbr/report_builder.h"

#include <algorithm>
#include <map>
#include <utility>

#include "lib/analysis/report_spc.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/cost_homogeneity.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<std::unique_ptr<ReportBuilder>> ReportBuilder::Create(
    std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
    std::shared_ptr<const RuleSet> rules, TransitionTable transitions,
    const UnitCosts& unit_costs) {
  if (rules == nullptr) return absl::InvalidArgumentError("rules: missing");
  MHPBR_ASSIGN_OR_RETURN(
      ActivityCoster coster,
      ActivityCoster::Create(periods, as_of, unit_costs, rules->day_count()));
  // The coster keeps its own copy; coverage needs the periods only while
  // it is made, and then `periods` is dropped.
  return std::unique_ptr<ReportBuilder>(new ReportBuilder(
      as_of, std::move(rules), std::move(transitions),
      std::string(unit_costs.source()), std::move(coster), periods));
}

ReportBuilder::ReportBuilder(absl::CivilDay as_of,
                             std::shared_ptr<const RuleSet> rules,
                             TransitionTable transitions,
                             std::string unit_costs_source,
                             ActivityCoster coster,
                             absl::Span<const PeriodToPrice> periods)
    : as_of_(as_of),
      rules_(rules),
      transitions_(std::move(transitions)),
      unit_costs_source_(std::move(unit_costs_source)),
      coster_(std::move(coster)),
      coverage_(periods, coster_.patients()),
      classifier_(std::move(rules)) {
  consistency_.transitions = CountTransitions(periods, transitions_);
  consistency_.cluster_mix = ClusterMix(periods, as_of_);
}

void ReportBuilder::AddActivity(
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  CostActivityRows(
      coster_, next,
      [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
        if (a.status.ok()) {
          coverage_.AddActivity(a.patient, row.value.patient_id,
                                row.value.team);
          if (a.period >= 0) {
            month_cost_pence_[absl::CivilMonth(row.value.date)] += a.cost_pence;
          }
        }
        if (outcomes_expected_ && row.error.empty()) {
          // What follow_up_7_days reads, as `mhpbr outcomes` keeps it.
          if (auto kept = OutcomeActivity(row.value)) {
            outcome_activity_.push_back(*std::move(kept));
          }
        }
        done(row, a);
      });
}

void ReportBuilder::AddStay(const WardStay& stay, StayAttribution* out) {
  coster_.AddStay(stay, out);
  for (size_t i = 0; i < out->parts.size(); ++i) {
    const ActivityRecord& r = out->records[i];
    if (!out->parts[i].status.ok()) continue;
    coverage_.AddActivity(out->parts[i].patient, r.patient_id, r.team);
    if (out->parts[i].period >= 0) {
      month_cost_pence_[absl::CivilMonth(r.date)] += out->parts[i].cost_pence;
    }
    if (!outcomes_expected_) continue;
    if (auto kept = OutcomeActivity(r)) {
      outcome_activity_.push_back(*std::move(kept));
    }
  }
}

void ReportBuilder::ExpectAssessments(AssessmentColumns columns) {
  if (!assessments_) assessments_.emplace();
  if (!consistency_.agreement) consistency_.agreement.emplace();
  consistency_.groups.has_team |= columns.team;
  consistency_.groups.has_clinician |= columns.clinician;
}

Classification ReportBuilder::Classify(const AssessmentRecord& record) const {
  return classifier_.Classify(record.ratings);
}

void ReportBuilder::AddAssessment(const MhctRatings& ratings) {
  AssessmentRecord record;
  record.ratings = ratings;
  dated_assessments_ = false;
  AddAssessment(record);
  dated_assessments_ = true;
}

void ReportBuilder::AddAssessment(const AssessmentRecord& record) {
  ExpectAssessments();
  const Classification c = Classify(record);
  assessments_->Add(c);
  if (c.allocation) {
    consistency_.agreement->Add(c.allocation->cluster, c.suggested);
    consistency_.groups.Add(record.team, record.clinician,
                            c.allocation->cluster, c.suggested);
    if (dated_assessments_) {
      auto& [agree, allocated] =
          month_agreement_[absl::CivilMonth(record.date)];
      agree += c.agrees();
      ++allocated;
    }
  }
  if (outcomes_expected_ && !record.patient_id.empty()) {
    scored_.push_back(ScoreAssessment(record, rules_->outcomes()));
  }
}

void ReportBuilder::ExpectOutcomes() { outcomes_expected_ = true; }

std::vector<EventError> ReportBuilder::SetEvents(
    absl::Span<const PeriodEvent> events, EventUnitColumns columns) {
  PeriodBuild build =
      bundle_ == nullptr ? BuildPeriods(events, as_of_, *rules_, transitions_)
      : own_transitions_ ? BuildPeriods(events, as_of_, *bundle_, transitions_)
                         : BuildPeriods(events, as_of_, *bundle_);
  events_ = PeriodQuality::From(build);
  month_event_allocations_.clear();
  for (const PeriodEvent& e : events) {
    if (e.kind == EventKind::kAllocate) {
      ++month_event_allocations_[absl::CivilMonth(e.date)];
    }
  }
  event_columns_ = columns;
  if (outcomes_expected_) event_periods_ = std::move(build.periods);
  return std::move(build.errors);
}

Report ReportBuilder::Finish() {
  Report report;
  report.as_of = as_of_;
  report.rules_source = rules_->provenance().source;
  report.unit_costs_source = unit_costs_source_;
  const std::vector<CostedPeriod> costed = coster_.periods();
  report.homogeneity = CostHomogeneity(costed);
  report.r_squared = ClusterRSquared(costed, *rules_);
  for (Superclass s : {Superclass::kNonPsychotic, Superclass::kPsychotic,
                       Superclass::kOrganic}) {
    report.r_squared_by_superclass.emplace_back(
        s, ClusterRSquared(costed, *rules_, s));
  }
  report.coverage = coverage_.Totals();
  report.coverage_by_team = coverage_.ByTeam();
  report.costing = coster_.totals();
  report.periods = static_cast<int64_t>(costed.size());
  for (const CostedPeriod& p : costed) {
    report.periods_without_activity += p.records == 0;
  }
  report.assessments = assessments_;
  report.events = events_;
  report.consistency = std::move(consistency_);
  MeasureReportOutcomes(report);
  ReportMonthly monthly;
  monthly.cost_pence = month_cost_pence_;
  if (events_) {
    monthly.allocations = month_event_allocations_;
  } else {
    for (const CostedPeriod& p : costed) {
      ++monthly.allocations[absl::CivilMonth(p.period.start)];
    }
  }
  monthly.has_assessments = assessments_.has_value();
  for (const auto& [month, counts] : month_agreement_) {
    monthly.agreement[month] = {counts.first, counts.second};
  }
  AddReportSpc(monthly, costed, rules_->spc(), report);
  return report;
}

void ReportBuilder::MeasureReportOutcomes(Report& report) {
  if (!events_ && !assessments_) {
    report.outcomes_not_measured =
        "no events (--events) and no assessments (--assessments) were given";
    return;
  }
  if (!events_) {
    report.outcomes_not_measured = "no events were given (--events)";
    return;
  }
  if (!assessments_) {
    report.outcomes_not_measured = "no assessments were given (--assessments)";
    return;
  }
  if (!outcomes_expected_) {
    report.outcomes_not_measured =
        "they were not asked for (ReportBuilder::ExpectOutcomes)";
    return;
  }
  absl::StatusOr<OutcomesResult> result = MeasureOutcomes(
      event_periods_, scored_, outcome_activity_, as_of_, *rules_);
  if (!result.ok()) {
    report.outcomes_not_measured = std::string(result.status().message());
    return;
  }
  ReportOutcomes& o = report.outcomes.emplace();
  o.source = rules_->outcomes().source;
  o.reliable_change = rules_->outcomes().reliable_change;
  o.clinical_cutoff = rules_->outcomes().clinical_cutoff;
  o.periods = static_cast<int64_t>(event_periods_.size());
  o.assessments_unscorable = result->assessments_unscorable;
  o.indicators = std::move(result->indicators);
  o.by_cluster = std::move(result->by_cluster);
  if (event_columns_.team) {
    o.by_team = std::move(result->by_team);
    absl::StatusOr<FairComparison> fair = CompareUnits(
        event_periods_, result->periods, scored_, UnitColumn::kTeam,
        std::nullopt, as_of_, rules_->outcomes());
    // The spans come from MeasureOutcomes itself, so this cannot fail;
    // were it to, the table is left out rather than the outcomes.
    if (fair.ok()) o.fair_by_team = *std::move(fair);
  }
  if (event_columns_.commissioner) {
    o.by_commissioner = std::move(result->by_commissioner);
  }
  std::map<int, std::vector<long double>> changes;
  for (size_t i = 0; i < event_periods_.size(); ++i) {
    const PeriodOutcome& p = result->periods[i];
    if (p.status != PairStatus::kPaired) continue;
    changes[event_periods_[i].cluster.code()].push_back(p.change);
  }
  for (const ClusterOutcomes& c : o.by_cluster) {
    auto it = changes.find(c.cluster.code());
    if (it == changes.end()) continue;
    std::vector<long double>& v = it->second;
    std::sort(v.begin(), v.end());
    o.change.push_back({c.cluster, static_cast<int64_t>(v.size()), v.front(),
                        Quantile7(v, 0.25L), Quantile7(v, 0.5L),
                        Quantile7(v, 0.75L), v.back()});
  }
}

}  // namespace mhpbr
