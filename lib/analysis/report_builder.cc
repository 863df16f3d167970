#include "mhpbr/report_builder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "lib/analysis/report_spc.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/cost_homogeneity.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/period_step.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

// Coverage of the coster's periods. It numbers the people in the order of
// its periods (ActivityCoster::patients), so when the periods came sorted
// (`sorted`: their steps are in the coster's order) a period's number is
// how many patients came before it: a national year's 3 M periods need no
// lookup. Were the numbering otherwise, each id is looked up.
CoverageCounter PeriodCoverage(const ActivityCoster& coster,
                               absl::Span<const PeriodStep> steps, bool sorted,
                               absl::string_view first_id,
                               absl::string_view last_id) {
  const std::shared_ptr<const PatientIndex>& numbering = coster.patients();
  const int32_t people = numbering == nullptr ? 0 : numbering->size();
  if (sorted) {
    int64_t n = -1;
    for (const PeriodStep& s : steps) n += !s.same_patient;
    if (n + 1 == people && (n < 0 || (numbering->Find(first_id) == 0 &&
                                      numbering->Find(last_id) == n))) {
      CoverageCounter coverage({}, numbering);
      int32_t patient = -1;
      for (const PeriodStep& s : steps) {
        patient += !s.same_patient;
        coverage.AddPeriod(patient, s.cluster);
      }
      return coverage;
    }
  }
  std::vector<PeriodToPrice> periods;
  periods.reserve(coster.period_count());
  for (size_t i = 0; i < coster.period_count(); ++i) {
    periods.push_back(coster.period_to_price(i));
  }
  return CoverageCounter(periods, numbering);
}

}  // namespace

// What the report takes of the periods alone, whatever the activity.
struct ReportBuilder::PeriodFigures {
  PeriodFigures(absl::CivilDay as_of, DayCount day_count)
      : days(as_of, day_count) {}
  MonthlyTally<int64_t> allocations;  // by start: used when no events
  ClusterDayTally days;
  // Each of the coster's periods' cluster, when they are in the order given
  // (else empty): Finish reads them without a cache line of each period.
  std::vector<Cluster> clusters;
};

absl::StatusOr<std::unique_ptr<ReportBuilder>> ReportBuilder::Create(
    std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
    std::shared_ptr<const RuleSet> rules, TransitionTable transitions,
    const UnitCosts& unit_costs, int threads) {
  if (rules == nullptr) return absl::InvalidArgumentError("rules: missing");
  // What needs the periods themselves is taken before the coster takes
  // them, in one pass into a compact list: a national year's 3 M periods
  // are not copied, and their figures are tallied from the list on a
  // second thread while the coster is built.
  bool sorted = false;
  const std::vector<PeriodStep> steps = PeriodSteps(periods, &sorted);
  std::string first_id, last_id;
  if (!periods.empty()) {
    first_id = periods.front().patient_id;
    last_id = periods.back().patient_id;
  }
  ClusteringConsistency consistency;
  // Out of order, the transitions need the ids to sort by.
  if (!sorted) consistency.transitions = CountTransitions(periods, transitions);
  const DayCount day_count = rules->day_count();
  auto figures = std::make_unique<PeriodFigures>(as_of, day_count);
  auto tally = [&] {
    if (sorted) {
      consistency.transitions = CountTransitionsOfSteps(steps, transitions);
    }
    consistency.cluster_mix = ClusterMixOfSteps(steps, as_of);
    // Sorted, the coster keeps the periods' order.
    if (sorted) figures->clusters.reserve(steps.size());
    for (const PeriodStep& s : steps) {
      ++figures->allocations[absl::CivilMonth(s.start)];
      figures->days.Add(s.start, s.End());
      if (sorted) figures->clusters.push_back(s.cluster);
    }
  };
  std::optional<std::thread> second;
  if (threads > 1) {
    second.emplace(tally);
  } else {
    tally();
  }
  absl::StatusOr<ActivityCoster> coster =
      ActivityCoster::Create(std::move(periods), as_of, unit_costs, day_count);
  if (second) second->join();
  if (!coster.ok()) return coster.status();
  CoverageCounter coverage =
      PeriodCoverage(*coster, steps, sorted, first_id, last_id);
  return std::unique_ptr<ReportBuilder>(new ReportBuilder(
      as_of, std::move(rules), std::move(transitions),
      std::string(unit_costs.source()), *std::move(coster), std::move(coverage),
      std::move(consistency), std::move(figures)));
}

ReportBuilder::ReportBuilder(absl::CivilDay as_of,
                             std::shared_ptr<const RuleSet> rules,
                             TransitionTable transitions,
                             std::string unit_costs_source,
                             ActivityCoster coster, CoverageCounter coverage,
                             ClusteringConsistency consistency,
                             std::unique_ptr<PeriodFigures> period_figures)
    : as_of_(as_of),
      rules_(rules),
      transitions_(std::move(transitions)),
      unit_costs_source_(std::move(unit_costs_source)),
      coster_(std::move(coster)),
      coverage_(std::move(coverage)),
      classifier_(std::move(rules)),
      consistency_(std::move(consistency)),
      period_figures_(std::move(period_figures)) {}

ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::AddActivity(
    absl::FunctionRef<bool(InputRow<ActivityRecord>*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  PricingBatches batches(coster_, next);
  AddActivity([&](PricedActivityRows* b) { return batches(b); }, done);
}

void ReportBuilder::AddActivity(
    absl::FunctionRef<bool(PricedActivityRows*)> next,
    absl::FunctionRef<void(const InputRow<ActivityRecord>&, const Attribution&)>
        done) {
  AddActivityBlocks(
      [&](PricedActivityRows* b, const ActivityFacts** facts) {
        *facts = nullptr;
        return next(b);
      },
      [&](const CommittedBlock& committed) {
        ForEachOutcome(committed.block, done);
      });
}

void ReportBuilder::AddActivityBlocks(
    absl::FunctionRef<bool(PricedActivityRows*, const ActivityFacts**)> next,
    absl::FunctionRef<void(const CommittedBlock&)> done) {
  const ActivityFacts* facts = nullptr;
  CostPricedBlocks(
      coster_, [&](PricedActivityRows* b) { return next(b, &facts); },
      [&](const CommittedBlock& committed) {
        // Outcomes keep rows, so read them.
        if (facts == nullptr || outcomes_expected_ ||
            !CountActivity(committed, *facts)) {
          CountActivity(committed.block);
        }
        done(committed);
      });
}

void ReportBuilder::GatherActivity(const PricedActivityRows& block,
                                   ActivityFacts* facts) {
  size_t k = 0;
  const size_t first = facts->team.size();
  // Without rejects, no row's error is read: one cache line fewer a row.
  const bool all_read = block.rows.size() == block.priced.size();
  const absl::Span<const InputRow<ActivityRecord>> rows = block.rows;
  // Pricing reads no team, and a block's rows (a megabyte) have left the
  // core's cache since they were parsed: each row's team is fetched
  // kAhead rows before it is read, so the waits overlap.
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < std::min(kAhead, rows.size()); ++i) {
    __builtin_prefetch(&rows[i].value.team);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i + kAhead < rows.size()) {
      __builtin_prefetch(&rows[i + kAhead].value.team);
    }
    const InputRow<ActivityRecord>& row = rows[i];
    if (!all_read && !row.error.empty()) continue;
    const Attribution& a = block.priced[k].attribution;
    int32_t t = -1;
    if (!row.value.team.empty()) {
      const int32_t next = static_cast<int32_t>(facts->teams.size());
      const uint64_t key = ShortTeamKey(row.value.team);
      t = key != 0
              ? facts->short_team_numbers.try_emplace(key, next).first->second
              : facts->team_numbers.try_emplace(row.value.team, next)
                    .first->second;
      if (t == next) facts->teams.push_back(row.value.team);
    }
    facts->team.push_back(t);
    if (!a.status.ok()) {
      ++facts->unpriced;
    } else {
      if (a.patient == PatientIndex::kNone) {
        facts->unnumbered.push_back({first + k, row.value.patient_id});
      }
      if (a.period >= 0) {
        facts->month_cost_pence[absl::CivilMonth(row.value.date)] +=
            static_cast<uint64_t>(a.cost_pence);
      }
    }
    ++k;
  }
}

bool ReportBuilder::CountActivity(const CommittedBlock& committed,
                                  const ActivityFacts& facts) {
  const PricedActivityRows& block = committed.block;
  const absl::Span<const PricedRecord> priced = block.priced;
  // Commit rejects a record that would overflow a total: the facts, which
  // counted it, are then wrong.
  if (committed.rejected !=
          block.rows.size() - priced.size() + facts.unpriced ||
      facts.team.size() != priced.size()) {
    return false;
  }
  CountFacts(priced, facts);
  return true;
}

void ReportBuilder::CountFacts(absl::Span<const PricedRecord> priced,
                               const ActivityFacts& facts) {
  for (const auto& [month, pence] : facts.month_cost_pence.ByMonth()) {
    int64_t& total = month_cost_pence_[month];
    // Modulo 2^64, as the month's sum is exact when it fits.
    total = static_cast<int64_t>(static_cast<uint64_t>(total) + pence);
  }
  // The block's teams numbered as they are first met, as row by row.
  constexpr int32_t kUnmet = -2;
  team_numbers_.assign(facts.teams.size(), kUnmet);
  // Each row's coverage word is fetched kAhead rows before it is counted:
  // a national year's people do not fit in the caches, and the waits for
  // memory then overlap rather than come one per row.
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < std::min(kAhead, priced.size()); ++i) {
    coverage_.Prefetch(priced[i].attribution.patient);
  }
  size_t next_unnumbered = 0;
  for (size_t k = 0; k < priced.size(); ++k) {
    if (k + kAhead < priced.size()) {
      coverage_.Prefetch(priced[k + kAhead].attribution.patient);
    }
    const Attribution& a = priced[k].attribution;
    if (!a.status.ok()) continue;
    int32_t patient = a.patient;
    if (patient == PatientIndex::kNone) {
      // The coverage shares the coster's numbering (PeriodCoverage).
      patient = coverage_.NumberUnnumbered(
          facts.unnumbered[next_unnumbered++].patient_id);
      if (patient == PatientIndex::kNone) continue;
    }
    int32_t team = facts.team[k];
    if (team >= 0) {
      int32_t& number = team_numbers_[team];
      if (number == kUnmet) number = coverage_.TeamNumber(facts.teams[team]);
      team = number;
    }
    coverage_.AddNumberedActivity(patient, team);
  }
}

void ReportBuilder::CountActivity(const PricedActivityRows& block) {
  // Gathered here, after Commit, whose rejects the statuses then show: one
  // set of counting rules, whichever thread gathers.
  gathered_.Clear();
  GatherActivity(block, &gathered_);
  CountFacts(block.priced, gathered_);
  if (!outcomes_expected_) return;
  for (const InputRow<ActivityRecord>& row : block.rows) {
    if (!row.error.empty()) continue;
    // What follow_up_7_days reads, as `mhpbr outcomes` keeps it.
    if (auto kept = OutcomeActivity(row.value)) {
      outcome_activity_.push_back(*std::move(kept));
    }
  }
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
  event_reviews_ = build.review_months;
  event_columns_ = columns;
  if (outcomes_expected_) event_periods_ = std::move(build.periods);
  return std::move(build.errors);
}

Report ReportBuilder::Finish() {
  Report report;
  report.as_of = as_of_;
  report.rules_source = rules_->provenance().source;
  report.unit_costs_source = unit_costs_source_;
  // One pass over the 3 M costed periods of a national year, one at a
  // time: a copy of them all would be the run's largest allocation.
  struct Part {
    CostTally tally;
    int64_t without_activity = 0;
  };
  const std::vector<Cluster>& clusters = period_figures_->clusters;
  auto walk = [&](size_t from, size_t to, Part& part) {
    for (size_t i = from; i < to; ++i) {
      const CostedPeriod p = coster_.Figures(i);
      part.tally.Add(
          clusters.empty() ? coster_.period_to_price(i).cluster : clusters[i],
          p.days, p.cost_pence);
      part.without_activity += p.records == 0;
    }
  };
  // With threads, the periods' second half is walked on another: the
  // coster is only read, and each half tallies apart, the halves then
  // joined in order (the same sums in the same order).
  const size_t period_count = coster_.period_count();
  Part all, later;
  if (threads_ > 1) {
    const size_t half = period_count / 2;
    std::thread second([&] { walk(half, period_count, later); });
    walk(0, half, all);
    second.join();
    all.tally.Append(std::move(later.tally));
    all.without_activity += later.without_activity;
  } else {
    walk(0, period_count, all);
  }
  report.periods_without_activity = all.without_activity;
  CostFigures figures = std::move(all.tally).Finish(*rules_, threads_);
  report.homogeneity = std::move(figures.homogeneity);
  report.r_squared = figures.r_squared;
  report.r_squared_by_superclass = std::move(figures.r_squared_by_superclass);
  report.coverage = coverage_.Totals();
  report.coverage_by_team = coverage_.ByTeam();
  report.costing = coster_.totals();
  report.periods = static_cast<int64_t>(period_count);
  report.assessments = assessments_;
  report.events = events_;
  report.consistency = std::move(consistency_);
  const OutcomesResult outcomes = MeasureReportOutcomes(report);
  ReportMonthly monthly;
  monthly.cost_pence = month_cost_pence_.ByMonth();
  if (events_) {
    monthly.allocations = month_event_allocations_;
  } else {
    monthly.allocations = period_figures_->allocations.ByMonth();
  }
  monthly.has_assessments = assessments_.has_value();
  for (const auto& [month, counts] : month_agreement_) {
    monthly.agreement[month] = {counts.first, counts.second};
  }
  if (events_) {
    auto& reviews = monthly.reviews_on_time.emplace();
    for (const auto& [month, c] : event_reviews_.ByMonth()) {
      reviews[month] = {c.on_time, c.due};
    }
  }
  if (report.outcomes) {
    monthly.indicators = IndicatorsByMonth(event_periods_, outcomes.periods);
    // follow_up_7_days rests on stays, not periods: by the stay's end.
    MonthlyIndicator& follow_up = monthly.indicators.emplace_back();
    follow_up.name = "follow_up_7_days";
    for (const FollowUpMonth& m : outcomes.follow_up_by_month) {
      follow_up.months[m.month] = {m.followed_up, m.due};
    }
  }
  AddReportSpc(monthly, period_figures_->days.ByMonth(), *rules_, report);
  return report;
}

OutcomesResult ReportBuilder::MeasureReportOutcomes(Report& report) {
  if (!events_ && !assessments_) {
    report.outcomes_not_measured =
        "no events (--events) and no assessments (--assessments) were given";
    return {};
  }
  if (!events_) {
    report.outcomes_not_measured = "no events were given (--events)";
    return {};
  }
  if (!assessments_) {
    report.outcomes_not_measured = "no assessments were given (--assessments)";
    return {};
  }
  if (!outcomes_expected_) {
    report.outcomes_not_measured =
        "they were not asked for (ReportBuilder::ExpectOutcomes)";
    return {};
  }
  absl::StatusOr<OutcomesResult> result = MeasureOutcomes(
      event_periods_, scored_, outcome_activity_, as_of_, *rules_);
  if (!result.ok()) {
    report.outcomes_not_measured = std::string(result.status().message());
    return {};
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
  return *std::move(result);
}

}  // namespace mhpbr
