// mhpbr report --periods FILE --activity FILE --unit-costs FILE --as-of DATE
//              [--assessments FILE] [--events FILE] [--rules FILE]
//              [--transitions FILE] --out FILE.html [--csv-dir DIR]
//              [--rejects FILE] [--strict]
// Are clusters a fair basis for payment? Costs periods as `mhpbr cost`
// does, then writes a self-contained HTML report and its figures as CSV.
// Activity and assessments are streamed.

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "activity_rows.h"
#include "args.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/classifier.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/report.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"
#include "output_file.h"
#include "period_rows.h"
#include "row_ledger.h"
#include "rule_set_flag.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("report", why); }

absl::StatusOr<AssessmentQuality> ReadAssessments(const std::string& path,
                                                  const Classifier& classifier,
                                                  RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<AssessmentCsvReader> reader,
                         AssessmentCsvReader::Open(in.get(), path));
  AssessmentQuality q;
  AssessmentRow row;
  while (reader->Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.record.assessment_id,
                    absl::StrCat(path, ": ", row.error));
      continue;
    }
    ledger.Ok();
    q.Add(classifier.Classify(row.record.ratings));
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return q;
}

absl::StatusOr<PeriodQuality> ReadEvents(const std::string& path,
                                         absl::CivilDay as_of,
                                         const RuleSet& rules,
                                         const TransitionTable& transitions,
                                         RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<EventCsvReader> reader,
                         EventCsvReader::Open(in.get(), path));
  std::vector<PeriodEvent> events;
  EventRow row;
  while (reader->Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.event.patient_id,
                    absl::StrCat(path, ": ", row.error));
      continue;
    }
    events.push_back(row.event);
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  const PeriodBuild build = BuildPeriods(events, as_of, rules, transitions);
  for (const EventError& e : build.errors) {
    ledger.Reject(e.line, e.patient_id, absl::StrCat(path, ": ", e.reason));
  }
  ledger.Ok(static_cast<int64_t>(events.size() - build.errors.size()));
  return PeriodQuality::From(build);
}

absl::Status WriteCsvFiles(OutputSet& outputs, const std::string& dir,
                           const Report& report) {
  MHPBR_RETURN_IF_ERROR(outputs.MakeDirectory(dir));
  MHPBR_RETURN_IF_ERROR(WriteCsv(
      outputs, absl::StrCat(dir, "/homogeneity.csv"), [&](CsvWriter& out) {
        out.Row({"cluster", "measure", "periods", "mean", "median", "sd", "cv",
                 "p5", "p25", "p75", "p95"});
        for (const HomogeneityRow& r : report.homogeneity) {
          out.Field(int64_t{r.cluster.code()});
          out.Field(CostMeasureName(r.measure));
          out.Field(r.periods);
          out.Field(FormatFixed(r.mean));
          out.Field(FormatFixed(r.median));
          out.Field(r.sd ? FormatFixed(*r.sd) : "");
          out.Field(r.cv ? FormatFixed(*r.cv) : "");
          out.Field(FormatFixed(r.p5));
          out.Field(FormatFixed(r.p25));
          out.Field(FormatFixed(r.p75));
          out.Field(FormatFixed(r.p95));
          out.EndRow();
        }
      }));
  MHPBR_RETURN_IF_ERROR(
      WriteCsv(outputs, absl::StrCat(dir, "/summary.csv"), [&](CsvWriter& out) {
        out.Row({"key", "value"});
        for (const auto& [key, value] : ReportSummary(report)) {
          out.Row({key, value});
        }
      }));
  MHPBR_RETURN_IF_ERROR(WriteCsv(
      outputs, absl::StrCat(dir, "/coverage_by_team.csv"), [&](CsvWriter& out) {
        out.Row({"team", "patients", "patients_in_clusters",
                 "patients_only_cluster_0", "patients_unclustered"});
        for (const auto& [team, c] : report.coverage_by_team) {
          out.Field(team);
          out.Field(c.patients);
          out.Field(c.patients_in_clusters);
          out.Field(c.patients_only_cluster_0);
          out.Field(c.patients_unclustered);
          out.EndRow();
        }
      }));
  if (report.assessments) {
    MHPBR_RETURN_IF_ERROR(WriteCsv(
        outputs, absl::StrCat(dir, "/red_items.csv"), [&](CsvWriter& out) {
          out.Row({"item", "red_allocations"});
          for (int i = 0; i < kItemCount; ++i) {
            out.Field(ItemCode(ItemAt(i)));
            out.Field(report.assessments->red_items[i]);
            out.EndRow();
          }
        }));
  }
  return absl::OkStatus();
}

}  // namespace

int RunReport(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {"periods", "activity", "unit-costs", "as-of", "assessments", "events",
       "rules", "transitions", "out", "csv-dir", "rejects"},
      {"strict"});
  if (!args.ok()) return Usage(args.status().message());
  if (!args->positional().empty()) {
    return Usage(absl::StrCat("unexpected argument ", args->positional()[0]));
  }
  for (const char* required :
       {"periods", "activity", "unit-costs", "as-of", "out"}) {
    if (auto s = args->Require(required); !s.ok()) {
      return Usage(s.status().message());
    }
  }
  auto as_of = ParseIsoDate(*args->Get("as-of"));
  if (!as_of.ok()) {
    return Usage(absl::StrCat("--as-of: ", as_of.status().message()));
  }
  auto fail = [](const absl::Status& s) {
    PrintError(s.message());
    return kExitUsage;
  };
  auto rules = RulesFromFlag(args->Get("rules"));
  if (!rules.ok()) return fail(rules.status());
  TransitionTable transitions = (*rules)->transitions();
  if (auto path = args->Get("transitions")) {
    auto t = LoadTransitionTableFile(*path);
    if (!t.ok()) return fail(t.status());
    transitions = *t;
  }
  auto costs = LoadUnitCostsFile(*args->Get("unit-costs"));
  if (!costs.ok()) return fail(costs.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());

  Report report;
  report.as_of = *as_of;
  report.rules_source = (*rules)->provenance().source;
  report.unit_costs_source = costs->source();

  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger);
  if (!periods.ok()) return fail(periods.status());
  auto coster =
      ActivityCoster::Create(*periods, *as_of, *costs, (*rules)->day_count());
  if (!coster.ok()) return fail(coster.status());
  CoverageCounter coverage(*periods, coster->patients());
  periods->clear();
  periods->shrink_to_fit();
  const std::string activity = *args->Get("activity");
  if (absl::Status s = CostActivityRows(
          activity, absl::StrCat(activity, ": "), *coster, **ledger,
          [&](const ActivityRecord& r, const Attribution& a) {
            coverage.AddActivity(a.patient, r.patient_id, r.team);
          });
      !s.ok()) {
    return fail(s);
  }
  if (auto path = args->Get("assessments")) {
    const Classifier classifier(*rules);
    auto q = ReadAssessments(*path, classifier, **ledger);
    if (!q.ok()) return fail(q.status());
    report.assessments = *q;
  }
  if (auto path = args->Get("events")) {
    auto q = ReadEvents(*path, *as_of, **rules, transitions, **ledger);
    if (!q.ok()) return fail(q.status());
    report.events = *q;
  }

  const std::vector<CostedPeriod> costed = coster->periods();
  report.homogeneity = CostHomogeneity(costed);
  report.r_squared = ClusterRSquared(costed, **rules);
  for (Superclass s : {Superclass::kNonPsychotic, Superclass::kPsychotic,
                       Superclass::kOrganic}) {
    report.r_squared_by_superclass.emplace_back(
        s, ClusterRSquared(costed, **rules, s));
  }
  report.coverage = coverage.Totals();
  report.coverage_by_team = coverage.ByTeam();
  report.costing = coster->totals();
  report.periods = static_cast<int64_t>(costed.size());
  for (const CostedPeriod& p : costed) {
    report.periods_without_activity += p.records == 0;
  }

  auto out = outputs.Open(args->Get("out"));
  if (!out.ok()) return fail(out.status());
  WriteAll(*out, RenderReportHtml(report));  // checked by Finish()
  if (auto dir = args->Get("csv-dir")) {
    if (absl::Status s = WriteCsvFiles(outputs, *dir, report); !s.ok()) {
      return fail(s);
    }
  }
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
