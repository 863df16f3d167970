// mhpbr report --periods FILE --activity FILE --unit-costs FILE --as-of DATE
//              [--assessments FILE] [--events FILE] [--rules FILE]
//              [--transitions FILE] --out FILE.html [--csv-dir DIR]
//              [--rejects FILE] [--strict] [--xlsx FILE]
//              [--suppress [--suppress-threshold N] [--suppress-base N]]
//              [--cost-out FILE] [--cost-by-cluster FILE]
//              [--cost-by-setting FILE] [--cost-summary FILE]
// Are clusters a fair basis for payment? Costs periods as `mhpbr cost`
// does, then writes a self-contained HTML report and its figures as CSV,
// and with --cost-* the outputs `mhpbr cost` would write from that costing.
// Activity and assessments are streamed.

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "activity_rows.h"
#include "args.h"
#include "block_rows.h"
#include "command_start.h"
#include "commands.h"
#include "cost_outputs.h"
#include "csv_output.h"
#include "csv_table.h"
#include "event_rows.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/report_suppression.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/status_macros.h"
#include "mhsds_columns_flag.h"
#include "mhsds_contact_rows.h"
#include "mhsds_referral_file.h"
#include "output_file.h"
#include "period_rows.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "suppress_flag.h"
#include "threads_flag.h"
#include "ward_stay_rows.h"
#include "xlsx_workbook.h"

namespace mhpbr::cli {
namespace {

absl::Status ReadAssessments(const std::string& path, ReportBuilder& builder,
                             RowLedger& ledger, int threads) {
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      (BlockRows<AssessmentCsvReader, AssessmentRow>::Open(
          path, threads, NextRow<AssessmentCsvReader, AssessmentRow>,
          [](AssessmentRow& row, int64_t delta) { row.line += delta; })));
  builder.ExpectAssessments({reader->header_reader().has_team(),
                             reader->header_reader().has_clinician()});
  AssessmentRow row;
  while (reader->Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.record.assessment_id,
                    absl::StrCat(path, ": ", row.error));
      continue;
    }
    ledger.Ok();
    builder.AddAssessment(row.record);
  }
  return reader->io_status();
}

absl::Status ReadEvents(const std::string& path, ReportBuilder& builder,
                        RowLedger& ledger, int threads) {
  EventUnitColumns columns;
  MHPBR_ASSIGN_OR_RETURN(
      std::vector<PeriodEvent> events,
      ReadEventRows(path, absl::StrCat(path, ": "), ledger, &columns, threads));
  const std::vector<EventError> errors = builder.SetEvents(events, columns);
  for (const EventError& e : errors) {
    ledger.Reject(e.line, e.patient_id, absl::StrCat(path, ": ", e.reason));
  }
  ledger.Ok(static_cast<int64_t>(events.size() - errors.size()));
  return absl::OkStatus();
}

absl::Status WriteCsvFiles(OutputSet& outputs, const std::string& dir,
                           const std::vector<ReportTable>& tables) {
  MHPBR_RETURN_IF_ERROR(outputs.MakeDirectory(dir));
  for (const ReportTable& t : tables) {
    MHPBR_RETURN_IF_ERROR(
        WriteTableCsv(outputs, absl::StrCat(dir, "/", t.name), t));
  }
  return absl::OkStatus();
}

}  // namespace

int RunReport(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"report",
                        {"periods",
                         "activity",
                         "unit-costs",
                         "as-of",
                         "assessments",
                         "events",
                         "rules",
                         "transitions",
                         "out",
                         "csv-dir",
                         "rejects",
                         "mhsds-contacts",
                         "mhsds-referrals",
                         "team-map",
                         "mhsds-columns",
                         "mhsds-ward-stays",
                         "mhsds-spells",
                         "threads",
                         "xlsx",
                         "cost-out",
                         "cost-by-cluster",
                         "cost-by-setting",
                         "cost-summary",
                         kSuppressThreshold,
                         kSuppressBase},
                        {"strict", "progress", "no-progress", kSuppress},
                        {"periods", "unit-costs", "as-of", "out"},
                        {},
                        /*rules_by_date=*/true},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  const absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return UsageError("report", threads.status().message());
  if (auto stop = CheckActivitySources(*args, "report")) return *stop;
  // Every output of the report is aggregated; of cost's, only two.
  auto suppress = SuppressionFromArgs(*args, start.rules->suppression(),
                                      {"cost-out", "cost-by-setting"});
  if (!suppress.ok()) return UsageError("report", suppress.status().message());
  if (auto stop = CheckWardStayFlags(*args, "report")) return *stop;
  auto fail = DataError;
  auto costs = LoadUnitCostsFile(*args->Get("unit-costs"));
  if (!costs.ok()) return fail(costs.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());

  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger, *threads);
  if (!periods.ok()) return fail(periods.status());
  auto builder =
      ReportBuilder::Create(*std::move(periods), *start.as_of, start.rules,
                            start.transitions, *costs, *threads);
  if (!builder.ok()) return fail(builder.status());
  (*builder)->SetRulesByDate(start.bundle, start.own_transitions);
  (*builder)->SetThreads(*threads);
  // Outcomes need the bed days and contacts, kept as the activity streams.
  if (args->Has("events") && args->Has("assessments")) {
    (*builder)->ExpectOutcomes();
  }
  if (auto activity = args->Get("activity")) {
    if (absl::Status s =
            CostActivityRows(*activity, absl::StrCat(*activity, ": "),
                             **builder, **ledger, *threads);
        !s.ok()) {
      return fail(s);
    }
  }
  auto mhsds_columns = MhsdsColumnsFlag(*args);
  if (!mhsds_columns.ok()) return fail(mhsds_columns.status());
  ContactCounts contacts;
  // MHS101, read once for the contacts and the ward stays.
  const std::shared_ptr<MhsdsReferralFile> referrals = ReferralFileFlag(*args);
  if (auto files = ContactFilesFlags(*args, referrals)) {
    if (absl::Status s = CostContacts(*files, *costs, *mhsds_columns, **builder,
                                      **ledger, &contacts);
        !s.ok()) {
      return fail(s);
    }
  }
  WardStayCounts stays;
  if (auto files = WardStayFilesFlags(*args, referrals)) {
    if (absl::Status s = CostWardStays(*files, *costs, *mhsds_columns,
                                       **builder, **ledger, &stays);
        !s.ok()) {
      return fail(s);
    }
  }
  if (auto path = args->Get("assessments")) {
    if (absl::Status s = ReadAssessments(*path, **builder, **ledger, *threads);
        !s.ok()) {
      return fail(s);
    }
  }
  if (auto path = args->Get("events")) {
    if (absl::Status s = ReadEvents(*path, **builder, **ledger, *threads);
        !s.ok()) {
      return fail(s);
    }
  }
  // Cost's outputs are written while Finish() works (it only reads the
  // pricer): a national year's 3 M costed periods take most of a second
  // to format, and Finish() leaves a core idle part of the time.
  absl::Status cost_written;
  auto write_cost = [&] {
    cost_written =
        WriteCostOutputs(outputs, *args, kReportCostOutputs,
                         (*builder)->pricer(), contacts, stays, *suppress);
  };
  std::thread cost_writer;
  if (*threads > 1) {
    cost_writer = std::thread(write_cost);
  } else {
    write_cost();
  }
  const Report report = (*builder)->Finish();
  if (cost_writer.joinable()) cost_writer.join();
  if (!cost_written.ok()) return fail(cost_written);

  // The page, the CSV files and the workbook show the same figures: with
  // --suppress, the page is drawn from the suppressed tables.
  auto tables =
      *suppress
          ? SuppressedReportTables(report, **suppress)
          : absl::StatusOr<std::vector<ReportTable>>(ReportTables(report));
  if (!tables.ok()) return fail(tables.status());
  auto out = outputs.Open(args->Get("out"));
  if (!out.ok()) return fail(out.status());
  WriteAll(*out, *suppress
                     ? RenderSuppressedReportHtml(report, *tables, **suppress)
                     : RenderReportHtml(report));  // checked by Finish()
  if (auto dir = args->Get("csv-dir")) {
    if (absl::Status s = WriteCsvFiles(outputs, *dir, *tables); !s.ok()) {
      return fail(s);
    }
  }
  if (auto xlsx = args->Get("xlsx")) {
    // The tables --csv-dir writes, one sheet each named for its file.
    std::vector<Sheet> sheets;
    for (const ReportTable& t : *tables) {
      sheets.push_back(
          SheetFromTable(std::string(absl::StripSuffix(t.name, ".csv")), t));
    }
    if (absl::Status s = WriteWorkbook(outputs, *xlsx, sheets); !s.ok()) {
      return fail(s);
    }
  }
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
