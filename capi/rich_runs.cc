#include "capi/rich_runs.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/codec/assessment_proto.h"
#include "lib/codec/commissioner_proto.h"
#include "lib/codec/compare_proto.h"
#include "lib/codec/costing_proto.h"
#include "lib/codec/in_year_proto.h"
#include "lib/codec/outcomes_proto.h"
#include "lib/codec/package_proto.h"
#include "lib/codec/periods_proto.h"
#include "lib/codec/pricing_proto.h"
#include "lib/codec/report_proto.h"
#include "lib/codec/spc_proto.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/commissioner_statements.h"
#include "mhpbr/contract_comparison.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/dates.h"
#include "mhpbr/delivered_care.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/in_year.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/spc.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/tariff_setting.h"

namespace mhpbr::capi {
namespace {

// A request's `as_of` as a date; the error names the field.
absl::StatusOr<absl::CivilDay> RequestAsOf(const std::string& text) {
  absl::StatusOr<absl::CivilDay> day = ParseIsoDate(text);
  if (!day.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of: ", day.status().message()));
  }
  return *day;
}

// Fills `row` from the request's next activity record (line = position
// + 1); false past the last.
bool NextActivity(
    const google::protobuf::RepeatedPtrField<v1::ActivityRecord>& activity,
    int* next, InputRow<ActivityRecord>* row) {
  if (*next == activity.size()) return false;
  const v1::ActivityRecord& in = activity[(*next)++];
  row->line = *next;
  row->id = in.activity_id();
  absl::StatusOr<ActivityRecord> record = ActivityFromProto(in);
  if (record.ok()) {
    row->value = *std::move(record);
    row->value.line = *next;
  } else {
    row->error = std::string(record.status().message());
  }
  return true;
}

void AddError(google::protobuf::RepeatedPtrField<v1::RecordError>* errors,
              int64_t line, absl::string_view id, absl::string_view reason) {
  v1::RecordError* e = errors->Add();
  e->set_line(line);
  e->set_id(std::string(id));
  e->set_reason(std::string(reason));
}

}  // namespace

absl::StatusOr<v1::PeriodResponse> RunPeriods(
    const RuleSet& rules, const v1::PeriodRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(PeriodRequestContents in,
                         PeriodRequestFromProto(request));
  const PeriodBuild build =
      BuildPeriods(in.events, in.as_of, rules,
                   in.transitions ? *in.transitions : rules.transitions());
  // Events the request could not give and events the stage could not use,
  // in line order, as the tool's rejects are.
  std::vector<EventError> errors = std::move(in.rejected);
  errors.insert(errors.end(), build.errors.begin(), build.errors.end());
  std::stable_sort(
      errors.begin(), errors.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  return PeriodResponseToProto(build, errors, SummarisePeriods(build.periods));
}

namespace {

// A request with `contracts`: one per commissioner, as `mhpbr price` with
// several --contract options. A record whose commissioner has no contract
// is an error (the tool rejects the row; a request has no rejects).
absl::StatusOr<v1::Statement> RunPricingByCommissioner(
    const RuleSet& rules, const v1::PriceRequest& request) {
  if (request.has_contract()) {
    return absl::InvalidArgumentError(
        "contract, contracts: give one contract or one per commissioner, "
        "not both");
  }
  std::vector<Contract> contracts;
  for (int i = 0; i < request.contracts_size(); ++i) {
    auto c = ContractFromProto(request.contracts(i));
    if (!c.ok()) {
      return absl::Status(
          c.status().code(),
          absl::StrCat("contracts[", i, "]: ", c.status().message()));
    }
    contracts.push_back(*std::move(c));
  }
  MHPBR_ASSIGN_OR_RETURN(TariffSchedule tariff,
                         TariffFromProto(request.tariff()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<PeriodToPrice> periods,
                         PeriodsFromProto(request.periods()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<MeasuredIndicator> indicators,
                         IndicatorsFromProto(request.indicators()));
  const std::vector<OneOff> one_offs = OneOffsFromProto(request.one_offs());
  if (request.as_of().empty()) {
    MHPBR_ASSIGN_OR_RETURN(CommissionerStatements cs,
                           PriceByCommissioner(periods, one_offs, tariff,
                                               contracts, rules, indicators));
    if (!cs.without_contract.empty())
      return WithoutContractError(cs.without_contract[0]);
    return CommissionerStatementsToProto(cs);
  }
  MHPBR_ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                         RequestAsOf(request.as_of()));
  MHPBR_ASSIGN_OR_RETURN(
      CommissionerInYear iy,
      PriceInYearByCommissioner(periods, one_offs, tariff, contracts, rules,
                                as_of, indicators));
  if (!iy.forecast.without_contract.empty()) {
    return WithoutContractError(iy.forecast.without_contract[0]);
  }
  v1::Statement out = CommissionerStatementsToProto(iy.forecast);
  // The provider's in-year figures, in the shape of one commissioner's.
  InYearStatement total;
  total.as_of = iy.as_of;
  total.months = iy.months;
  total.earned_to_date_pence = iy.earned_to_date_pence;
  total.forecast.totals = iy.forecast.totals;
  total.assumptions = iy.assumptions;
  InYearToProto(total, out.mutable_in_year());
  for (size_t i = 0; i < iy.in_year.size(); ++i) {
    iy.in_year[i].forecast.totals =
        iy.forecast.commissioners[i].statement.totals;
    InYearToProto(iy.in_year[i], out.mutable_commissioners(static_cast<int>(i))
                                     ->mutable_statement()
                                     ->mutable_in_year());
  }
  return out;
}

}  // namespace

absl::StatusOr<v1::Statement> RunPricing(const RuleSet& rules,
                                         const v1::PriceRequest& request) {
  if (request.contracts_size() > 0) {
    return RunPricingByCommissioner(rules, request);
  }
  MHPBR_ASSIGN_OR_RETURN(Contract contract,
                         ContractFromProto(request.contract()));
  MHPBR_ASSIGN_OR_RETURN(TariffSchedule tariff,
                         TariffFromProto(request.tariff()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<PeriodToPrice> periods,
                         PeriodsFromProto(request.periods()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<MeasuredIndicator> indicators,
                         IndicatorsFromProto(request.indicators()));
  if (!request.as_of().empty()) {
    MHPBR_ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                           RequestAsOf(request.as_of()));
    // As `mhpbr price --as-of`: the statement is the forecast outturn.
    MHPBR_ASSIGN_OR_RETURN(
        InYearStatement in_year,
        PriceInYear(periods, OneOffsFromProto(request.one_offs()), tariff,
                    contract, rules, as_of, indicators));
    v1::Statement out = StatementToProto(in_year.forecast);
    InYearToProto(in_year, out.mutable_in_year());
    return out;
  }
  MHPBR_ASSIGN_OR_RETURN(
      Statement statement,
      PriceContract(periods, OneOffsFromProto(request.one_offs()), tariff,
                    contract, rules, indicators));
  return StatementToProto(statement);
}

absl::StatusOr<v1::CompareResponse> RunCompare(
    const RuleSet& rules, const v1::CompareRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(CompareRequestContents in,
                         CompareRequestFromProto(request));
  MHPBR_ASSIGN_OR_RETURN(Comparison comparison,
                         CompareContracts(in.periods, in.Scenarios(), rules));
  return ComparisonToProto(comparison);
}

absl::StatusOr<v1::CostResponse> RunCosting(const RuleSet& rules,
                                            const v1::CostRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                         RequestAsOf(request.as_of()));
  MHPBR_ASSIGN_OR_RETURN(UnitCosts costs,
                         UnitCostsFromProto(request.unit_costs()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<PeriodToPrice> periods,
                         PeriodsFromProto(request.periods()));
  MHPBR_ASSIGN_OR_RETURN(ActivityCoster coster,
                         ActivityCoster::Create(std::move(periods), as_of,
                                                costs, rules.day_count()));
  v1::CostResponse out;
  int next = 0;
  CostActivityRows(
      coster,
      [&](InputRow<ActivityRecord>* row) {
        if (next == request.activity_size()) return false;
        const v1::ActivityRecord& in = request.activity(next++);
        row->line = next;
        row->id = in.activity_id();
        absl::StatusOr<ActivityRecord> record = ActivityFromProto(in);
        if (record.ok()) {
          row->value = *std::move(record);
          row->value.line = next;
        } else {
          row->error = std::string(record.status().message());
        }
        return true;
      },
      [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
        if (a.status.ok()) return;
        v1::RecordError* e = out.add_errors();
        e->set_line(row.line);
        e->set_id(row.id);
        e->set_reason(
            absl::StrCat("activity[", row.line - 1, "]: ", a.status.message()));
      });
  CostResponseToProto(coster.periods(), coster.ByCluster(), coster.totals(),
                      &out);
  return out;
}

absl::StatusOr<v1::TariffResponse> RunTariffSetting(
    const RuleSet& rules, const v1::TariffRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(TariffRequestContents in,
                         TariffRequestFromProto(request));
  MHPBR_ASSIGN_OR_RETURN(TariffSetting setting,
                         SetTariffs(in.samples, in.settings, rules));
  return TariffResponseToProto(setting);
}

absl::StatusOr<v1::PackageCostResponse> RunPackageCosting(
    const RuleSet&, const v1::PackageCostRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(auto catalogue, RequestCatalogue(request.catalogue()));
  MHPBR_ASSIGN_OR_RETURN(UnitCosts costs,
                         RequestUnitCosts(request.unit_costs()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<PackageCost> rows,
                         CostCatalogue(*catalogue, costs));
  v1::PackageCostResponse out;
  PackageCostsToProto(rows, &out);
  return out;
}

absl::StatusOr<v1::PlanResponse> RunPlan(const RuleSet&,
                                         const v1::PlanRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(auto catalogue, RequestCatalogue(request.catalogue()));
  MHPBR_ASSIGN_OR_RETURN(UnitCosts costs,
                         RequestUnitCosts(request.unit_costs()));
  MHPBR_ASSIGN_OR_RETURN(PlanChoices choices, PlanFromProto(request.plan()));
  MHPBR_ASSIGN_OR_RETURN(PersonalPlan plan,
                         BuildPlan(choices, *catalogue, costs));
  v1::PlanResponse out;
  PlanToProto(plan, &out);
  if (request.activity_size() == 0) return out;

  absl::CivilDay as_of =
      plan.choices.period_end.value_or(plan.choices.period_start);
  if (!request.as_of().empty()) {
    MHPBR_ASSIGN_OR_RETURN(as_of, RequestAsOf(request.as_of()));
  } else if (!plan.choices.period_end) {
    return absl::InvalidArgumentError(
        "as_of: needed to compare delivered care with an open period's plan");
  }
  std::vector<ActivityRecord> activity;
  for (int i = 0; i < request.activity_size(); ++i) {
    auto r = ActivityFromProto(request.activity(i));
    if (!r.ok()) {
      v1::UnmatchedActivity* u = out.add_unmatched();
      u->set_activity_id(request.activity(i).activity_id());
      u->set_date(request.activity(i).date());
      u->set_reason(absl::StrCat("activity[", i, "]: ", r.status().message()));
      continue;
    }
    r->line = i + 1;
    activity.push_back(*std::move(r));
  }
  DeliveryToProto(CompareDelivered(plan, activity, costs, as_of), &out);
  return out;
}

absl::StatusOr<v1::ReportResponse> RunReport(
    std::shared_ptr<const RuleSet> rules, const v1::ReportRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                         RequestAsOf(request.as_of()));
  MHPBR_ASSIGN_OR_RETURN(UnitCosts costs,
                         UnitCostsFromProto(request.unit_costs()));
  MHPBR_ASSIGN_OR_RETURN(std::vector<PeriodToPrice> periods,
                         PeriodsFromProto(request.periods()));
  TransitionTable transitions = rules->transitions();
  if (request.has_transitions()) {
    MHPBR_ASSIGN_OR_RETURN(transitions,
                           TransitionTableFromProto(request.transitions()));
  }
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<ReportBuilder> builder,
                         ReportBuilder::Create(std::move(periods), as_of, rules,
                                               std::move(transitions), costs));
  v1::ReportResponse out;
  const bool with_events = request.with_events() || request.events_size() > 0;
  const bool with_assessments =
      request.with_assessments() || request.assessments_size() > 0;
  // As `mhpbr report` does, before the activity.
  if (with_events && with_assessments) builder->ExpectOutcomes();
  int next = 0;
  builder->AddActivity(
      [&](InputRow<ActivityRecord>* row) {
        return NextActivity(request.activity(), &next, row);
      },
      [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
        if (a.status.ok()) return;
        AddError(
            out.mutable_errors(), row.line, row.id,
            absl::StrCat("activity[", row.line - 1, "]: ", a.status.message()));
      });
  if (with_assessments) builder->ExpectAssessments();
  for (int i = 0; i < request.assessments_size(); ++i) {
    const v1::Assessment& a = request.assessments(i);
    absl::StatusOr<MhctRatings> ratings = AssessmentFromProto(a);
    if (!ratings.ok()) {
      AddError(
          out.mutable_errors(), i + 1, a.assessment_id(),
          absl::StrCat("assessments[", i, "]: ", ratings.status().message()));
      continue;
    }
    // AssessmentFromProto checked the date.
    builder->AddAssessment(AssessmentRecord{a.assessment_id(), a.patient_id(),
                                            *ParseIsoDate(a.date()),
                                            *std::move(ratings)});
  }
  if (with_events) {
    std::vector<PeriodEvent> events;
    std::vector<EventError> rejected;
    EventsFromProto(request.events(), &events, &rejected);
    std::vector<EventError> unused = builder->SetEvents(events);
    rejected.insert(rejected.end(), unused.begin(), unused.end());
    std::stable_sort(rejected.begin(), rejected.end(),
                     [](const EventError& a, const EventError& b) {
                       return a.line < b.line;
                     });
    for (const EventError& e : rejected) {
      AddError(out.mutable_errors(), e.line, e.patient_id, e.reason);
    }
  }
  const Report report = builder->Finish();
  ReportTablesToProto(ReportTables(report), &out);
  if (!request.no_html()) out.set_html(RenderReportHtml(report));
  return out;
}

absl::StatusOr<v1::OutcomesResponse> RunOutcomes(
    const RuleSet& rules, const v1::OutcomesRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                         RequestAsOf(request.as_of()));
  std::optional<UnitColumn> unit;
  if (!request.unit_column().empty()) {
    unit = ParseUnitColumn(request.unit_column());
    if (!unit) {
      return absl::InvalidArgumentError(
          absl::StrCat("unit_column: '", request.unit_column(),
                       "' is not team, provider or commissioner"));
    }
  }
  MHPBR_ASSIGN_OR_RETURN(
      const std::vector<ReferenceStratum> reference,
      ReferenceFromProto(request.reference(), rules.outcomes()));
  v1::OutcomesResponse out;
  std::vector<PeriodEvent> events;
  std::vector<EventError> rejected;
  EventsFromProto(request.events(), &events, &rejected);
  const PeriodBuild build = BuildPeriods(events, as_of, rules);
  rejected.insert(rejected.end(), build.errors.begin(), build.errors.end());
  std::stable_sort(
      rejected.begin(), rejected.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  for (const EventError& e : rejected) {
    AddError(out.mutable_errors(), e.line, e.patient_id, e.reason);
  }

  std::vector<ScoredAssessment> assessments;
  assessments.reserve(request.assessments_size());
  for (int i = 0; i < request.assessments_size(); ++i) {
    const v1::Assessment& a = request.assessments(i);
    const std::string where = absl::StrCat("assessments[", i, "]: ");
    absl::StatusOr<MhctRatings> ratings = AssessmentFromProto(a);
    if (!ratings.ok()) {
      AddError(out.mutable_errors(), i + 1, a.assessment_id(),
               absl::StrCat(where, ratings.status().message()));
      continue;
    }
    if (a.patient_id().empty()) {
      AddError(out.mutable_errors(), i + 1, a.assessment_id(),
               absl::StrCat(where, "no_patient"));
      continue;
    }
    // AssessmentFromProto checked the date.
    assessments.push_back({a.patient_id(), a.assessment_id(),
                           *ParseIsoDate(a.date()),
                           ScoreHonos(*ratings, rules.outcomes())});
  }

  std::vector<ActivityRecord> activity;
  for (int i = 0; i < request.activity_size(); ++i) {
    absl::StatusOr<ActivityRecord> r = ActivityFromProto(request.activity(i));
    if (!r.ok()) {
      AddError(out.mutable_errors(), i + 1, request.activity(i).activity_id(),
               absl::StrCat("activity[", i, "]: ", r.status().message()));
      continue;
    }
    r->line = i + 1;
    activity.push_back(*std::move(r));
  }

  MHPBR_ASSIGN_OR_RETURN(
      OutcomesResult result,
      MeasureOutcomes(build.periods, assessments, activity, as_of, rules));
  OutcomesToProto(build.periods, assessments, result, &out);
  if (unit) {
    std::optional<absl::Span<const ReferenceStratum>> rates;
    if (!reference.empty()) rates = absl::MakeConstSpan(reference);
    MHPBR_ASSIGN_OR_RETURN(
        const FairComparison fair,
        CompareUnits(build.periods, result.periods, assessments, *unit, rates,
                     as_of, rules.outcomes()));
    FairComparisonToProto(fair, rules.outcomes(), &out);
  }
  return out;
}

absl::StatusOr<v1::SpcResponse> RunSpcCharts(const RuleSet& rules,
                                             const v1::SpcRequest& request) {
  MHPBR_ASSIGN_OR_RETURN(SpcInput in, SpcInputFromProto(request));
  MHPBR_ASSIGN_OR_RETURN(std::vector<SpcChart> charts,
                         RunSpc(in.series, in.options, rules.spc()));
  v1::SpcResponse out;
  SpcChartsToProto(charts, &out);
  return out;
}

}  // namespace mhpbr::capi
