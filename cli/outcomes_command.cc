// mhpbr outcomes --events FILE --assessments FILE --as-of DATE
//                [--activity FILE] [--rules FILE] [--out FILE]
//                [--indicators FILE] [--by-cluster FILE] [--by-team FILE]
//                [--by-commissioner FILE] [--unit COLUMN --by-unit FILE
//                [--reference FILE] [--write-reference FILE]
//                [--funnel FILE.svg]] [--rejects FILE] [--strict]
//                [--suppress [--suppress-threshold N] [--suppress-base N]]
// HoNOS change over cluster periods and the indicators paid on
// (outcomes.md, formats.md). Assessments are scored as they are read:
// only their scores are held.

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "event_rows.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/fair_comparison_plot.h"
#include "mhpbr/funnel_plot.h"
#include "mhpbr/money.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/reference_strata_csv.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/unit_comparison_csv.h"
#include "output_file.h"
#include "row_ledger.h"
#include "suppress_flag.h"

namespace mhpbr::cli {
namespace {

// Scores each assessment as it is read; a row without patient_id is
// rejected (no_patient).
absl::StatusOr<std::vector<ScoredAssessment>> ReadAssessments(
    const std::string& path, const OutcomeRules& rules, RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<AssessmentCsvReader> reader,
                         AssessmentCsvReader::Open(in.get(), path));
  std::vector<ScoredAssessment> out;
  AssessmentRow row;
  while (reader->Next(&row)) {
    AssessmentRecord& r = row.record;
    if (!row.error.empty()) {
      ledger.Reject(row.line, r.assessment_id,
                    absl::StrCat(path, ": ", row.error));
      continue;
    }
    if (r.patient_id.empty()) {
      ledger.Reject(row.line, r.assessment_id,
                    absl::StrCat(path, ": no_patient"));
      continue;
    }
    ledger.Ok();
    out.push_back(ScoreAssessment(r, rules));
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return out;
}

// The bed days and contacts of the activity, the rest dropped.
absl::StatusOr<std::vector<ActivityRecord>> ReadActivity(
    const std::string& path, RowLedger& ledger) {
  std::vector<ActivityRecord> kept;
  MHPBR_RETURN_IF_ERROR((ForEachRow<ActivityCsvReader, ActivityRecord>(
      path, absl::StrCat(path, ": "), ledger, [&](ActivityRecord& r) {
        if (auto k = OutcomeActivity(r)) kept.push_back(*std::move(k));
        return absl::OkStatus();
      })));
  return kept;
}

void OptionalDate(CsvWriter& out, bool present, absl::CivilDay day) {
  if (present) {
    out.Field(FormatIsoDate(day));
  } else {
    out.EmptyField();
  }
}

void WritePeriods(CsvWriter& out, absl::Span<const ClusterPeriod> periods,
                  absl::Span<const ScoredAssessment> assessments,
                  const OutcomesResult& result) {
  out.Row({"patient_id", "cluster", "start", "end", "status",
           "start_assessment", "start_date", "start_total",
           "follow_up_assessment", "follow_up_date", "follow_up_total",
           "change", "change_behaviour", "change_impairment", "change_symptoms",
           "change_social", "outcome", "clinically_significant"});
  for (size_t i = 0; i < periods.size(); ++i) {
    const ClusterPeriod& p = periods[i];
    const PeriodOutcome& r = result.periods[i];
    out.Field(p.patient_id);
    out.Field(int64_t{p.cluster.code()});
    out.Field(FormatIsoDate(p.start));
    OptionalDate(out, p.end.has_value(), p.end.value_or(p.start));
    out.Field(PairStatusName(r.status));
    for (const std::optional<size_t>& a : {r.start, r.follow_up}) {
      if (a) {
        out.Field(assessments[*a].assessment_id);
        out.Field(FormatIsoDate(assessments[*a].date));
        out.Field(int64_t{assessments[*a].score.total});
      } else {
        for (int k = 0; k < 3; ++k) out.EmptyField();
      }
    }
    if (r.status == PairStatus::kPaired) {
      out.Field(int64_t{r.change});
      for (int c : r.subscale_change) out.Field(int64_t{c});
      out.Field(OutcomeName(r.outcome));
      out.Field(r.clinically_significant ? "y" : "n");
    } else {
      for (int k = 0; k < 7; ++k) out.EmptyField();
    }
    out.EndRow();
  }
}

// `first` then periods,paired,improved,no_change,deteriorated,mean_change:
// one row per group, its first cell `key(group)`.
template <typename Group, typename Key>
void WriteGroups(CsvWriter& out, absl::string_view first,
                 absl::Span<const Group> groups, Key key) {
  out.Row({first, "periods", "paired", "improved", "no_change", "deteriorated",
           "mean_change"});
  for (const Group& g : groups) {
    key(g);
    const OutcomeCounts& c = g;
    out.Field(c.periods);
    out.Field(c.paired);
    out.Field(c.improved);
    out.Field(c.no_change);
    out.Field(c.deteriorated);
    if (c.paired > 0) {
      out.Field(FormatDecimal(c.change_sum, c.paired, 4));
    } else {
      out.EmptyField();
    }
    out.EndRow();
  }
}

bool HasColumn(const EventUnitColumns& columns, UnitColumn c) {
  // In UnitColumn's order.
  const bool has[] = {columns.team, columns.provider, columns.commissioner};
  return has[static_cast<int>(c)];
}

// --by-unit, --write-reference and --funnel, when --unit is given.
absl::Status WriteFairComparison(const Args& args, OutputSet& outputs,
                                 const FairComparison& f,
                                 const OutcomeRules& rules,
                                 absl::string_view column) {
  if (args.Has("by-unit")) {
    MHPBR_RETURN_IF_ERROR(WriteCsv(
        outputs, args.Get("by-unit"),
        [&](CsvWriter& out) { WriteUnitComparisonCsv(out, f.units); }));
  }
  if (args.Has("write-reference")) {
    MHPBR_RETURN_IF_ERROR(WriteCsv(
        outputs, args.Get("write-reference"),
        [&](CsvWriter& out) { WriteReferenceCsv(out, f.strata, rules); }));
  }
  if (args.Has("funnel")) {
    MHPBR_ASSIGN_OR_RETURN(std::FILE * file, outputs.Open(args.Get("funnel")));
    WriteAll(file, DrawFunnelPlot(FairComparisonPlot(
                       f, absl::StrCat("Reliable improvement by ", column,
                                       ": observed / expected"))));
  }
  return absl::OkStatus();
}

}  // namespace

int RunOutcomes(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop = StartCommand(
          {"outcomes",
           {"events", "assessments", "as-of", "activity", "rules", "out",
            "indicators", "by-cluster", "by-team", "by-commissioner", "unit",
            "by-unit", "reference", "write-reference", "funnel", "rejects",
            kSuppressThreshold, kSuppressBase},
           {"strict", kSuppress},
           {"events", "assessments", "as-of"},
           {},
           /*rules_by_date=*/true},
          argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  const absl::CivilDay as_of = *start.as_of;
  const RuleSet& rules = *start.rules;
  // With --suppress only the aggregated outputs are written: the periods
  // (--out, else standard output) are one row per period.
  auto suppress = SuppressionFromArgs(*args, rules.suppression(), {"out"});
  if (!suppress.ok()) {
    return UsageError("outcomes", suppress.status().message());
  }
  // The fair comparison's outputs declare no suppression yet: refused
  // rather than published as they are.
  if (*suppress && args->Has("unit")) {
    return UsageError("outcomes",
                      "--suppress does not cover --unit and its outputs");
  }
  if (*suppress && !args->Has("indicators") && !args->Has("by-cluster") &&
      !args->Has("by-team") && !args->Has("by-commissioner")) {
    return UsageError("outcomes",
                      "--suppress writes only the aggregated outputs: give "
                      "--indicators, --by-cluster, --by-team or "
                      "--by-commissioner");
  }
  std::optional<UnitColumn> unit;
  if (auto name = args->Get("unit")) {
    unit = ParseUnitColumn(*name);
    if (!unit) {
      return UsageError(
          "outcomes", absl::StrCat("--unit: '", *name,
                                   "' is not team, provider or commissioner"));
    }
  } else {
    for (const char* needs :
         {"by-unit", "reference", "write-reference", "funnel"}) {
      if (args->Has(needs)) {
        return UsageError("outcomes",
                          absl::StrCat("--", needs, " needs --unit COLUMN"));
      }
    }
  }
  // Read before any output is opened: a bad reference stops the run.
  std::optional<std::vector<ReferenceStratum>> reference;
  if (auto path = args->Get("reference")) {
    auto file = OpenInput(*path);
    if (!file.ok()) return DataError(file.status());
    auto read = ReadReferenceCsv(file->get(), *path, rules.outcomes());
    if (!read.ok()) return DataError(read.status());
    reference = *std::move(read);
  }
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return DataError(ledger.status());

  const std::string events_path = *args->Get("events");
  EventUnitColumns columns;
  auto events = ReadEventRows(events_path, absl::StrCat(events_path, ": "),
                              **ledger, &columns);
  if (!events.ok()) return DataError(events.status());
  if (unit && !HasColumn(columns, *unit)) {
    return UsageError("outcomes",
                      absl::StrCat("--unit: ", events_path, " has no column '",
                                   UnitColumnName(*unit), "'"));
  }
  const PeriodBuild build = BuildStartPeriods(start, *events, as_of);
  for (const EventError& e : build.errors) {
    (*ledger)->Reject(e.line, e.patient_id,
                      absl::StrCat(events_path, ": ", e.reason));
  }
  (*ledger)->Ok(static_cast<int64_t>(events->size() - build.errors.size()));

  auto assessments =
      ReadAssessments(*args->Get("assessments"), rules.outcomes(), **ledger);
  if (!assessments.ok()) return DataError(assessments.status());
  std::vector<ActivityRecord> activity;
  if (auto path = args->Get("activity")) {
    auto read = ReadActivity(*path, **ledger);
    if (!read.ok()) return DataError(read.status());
    activity = *std::move(read);
  }

  auto result =
      MeasureOutcomes(build.periods, *assessments, activity, as_of, rules);
  if (!result.ok()) return DataError(result.status());

  absl::Status written = absl::OkStatus();
  if (!*suppress) {
    written = WriteCsv(outputs, args->Get("out"), [&](CsvWriter& out) {
      WritePeriods(out, build.periods, *assessments, *result);
    });
  }
  if (written.ok() && args->Has("indicators")) {
    written = WriteAggregateCsv(
        outputs, args->Get("indicators"), IndicatorsSuppression(), *suppress,
        [&](CsvWriter& out) {
          out.Row({"indicator", "numerator", "denominator", "value_ppm"});
          for (const MeasuredIndicator& v : result->indicators) {
            out.Field(v.name);
            out.Field(v.numerator);
            out.Field(v.denominator);
            if (v.value_ppm) {
              out.Field(*v.value_ppm);
            } else {
              out.EmptyField();
            }
            out.EndRow();
          }
        });
  }
  if (written.ok() && args->Has("by-cluster")) {
    written = WriteAggregateCsv(
        outputs, args->Get("by-cluster"), OutcomeGroupsSuppression("cluster"),
        *suppress, [&](CsvWriter& out) {
          WriteGroups(out, "cluster", absl::MakeConstSpan(result->by_cluster),
                      [&out](const ClusterOutcomes& c) {
                        out.Field(int64_t{c.cluster.code()});
                      });
        });
  }
  const struct {
    const char* option;
    const char* column;
    const std::vector<UnitOutcomes>& groups;
  } by_unit[] = {{"by-team", "team", result->by_team},
                 {"by-commissioner", "commissioner", result->by_commissioner}};
  for (const auto& u : by_unit) {
    if (!written.ok() || !args->Has(u.option)) continue;
    written = WriteAggregateCsv(
        outputs, args->Get(u.option), OutcomeGroupsSuppression(u.column),
        *suppress, [&](CsvWriter& out) {
          WriteGroups(out, u.column, absl::MakeConstSpan(u.groups),
                      [&out](const UnitOutcomes& g) { out.Field(g.unit); });
        });
  }
  std::optional<FairComparison> fair;
  if (written.ok() && unit) {
    std::optional<absl::Span<const ReferenceStratum>> rates;
    if (reference) rates = absl::MakeConstSpan(*reference);
    auto compared = CompareUnits(build.periods, result->periods, *assessments,
                                 *unit, rates, as_of, rules.outcomes());
    if (!compared.ok()) return DataError(compared.status());
    fair = *std::move(compared);
    written = WriteFairComparison(*args, outputs, *fair, rules.outcomes(),
                                  UnitColumnName(*unit));
  }
  if (!written.ok()) return DataError(written);
  std::fprintf(stderr,
               "%zu periods; %lld assessments unscorable; %lld stays, %lld "
               "not yet due for follow-up\n",
               build.periods.size(),
               static_cast<long long>(result->assessments_unscorable),
               static_cast<long long>(result->stays),
               static_cast<long long>(result->stays_not_yet_due));
  if (fair) {
    std::fprintf(stderr,
                 "%zu units by %s; %lld periods with no %s; %lld paired "
                 "periods unadjusted (no reference pairs in their stratum)\n",
                 fair->units.size(), std::string(UnitColumnName(*unit)).c_str(),
                 static_cast<long long>(fair->no_unit),
                 std::string(UnitColumnName(*unit)).c_str(),
                 static_cast<long long>(fair->unadjusted));
  }
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
