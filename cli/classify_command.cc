// mhpbr classify --in FILE [--rules FILE] [--out FILE] [--rejects FILE]
//                [--strict] [--threads N] [--progress | --no-progress]
// One output row per accepted input row, in input order (formats.md).
// With a bundle of rule sets (--rules), each assessment is classified by the
// rule set in force on its date; a date none covers rejects the row.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "classify_rows.h"
#include "commands.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/classifier.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dated_classifier.h"
#include "mhpbr/dates.h"
#include "mhpbr/mhsds.h"
#include "mhpbr/status_macros.h"
#include "mhsds_columns_flag.h"
#include "output_file.h"
#include "progress.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "threads_flag.h"
#include "tool_category_summary.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("classify", why); }

}  // namespace

// Reads MHS801/MHS802 extracts in full (an assessment's ratings may sit
// anywhere in MHS802) and classifies them in MHS801 order.
absl::Status ClassifyMhsds(const Args& args, const DatedClassifier& classifiers,
                           CsvWriter& out, RowLedger& ledger,
                           std::map<std::string, int64_t>* tool_categories) {
  MHPBR_ASSIGN_OR_RETURN(MhsdsColumnMap columns, MhsdsColumnsFlag(args));
  MHPBR_ASSIGN_OR_RETURN(std::string tool_path, args.Require("mhsds-tool"));
  MHPBR_ASSIGN_OR_RETURN(std::string ratings_path,
                         args.Require("mhsds-ratings"));
  MHPBR_ASSIGN_OR_RETURN(std::string map_path, args.Require("item-map"));
  MHPBR_ASSIGN_OR_RETURN(InputFile map_file, OpenInput(map_path));
  MHPBR_ASSIGN_OR_RETURN(ItemMap map, ReadItemMap(map_file.get(), map_path));
  MHPBR_ASSIGN_OR_RETURN(InputFile tool, OpenInput(tool_path));
  MHPBR_ASSIGN_OR_RETURN(InputFile ratings, OpenInput(ratings_path));
  MHPBR_ASSIGN_OR_RETURN(MhsdsAssessments extract,
                         ReadMhs801And802(tool.get(), tool_path, ratings.get(),
                                          ratings_path, map, columns));
  *tool_categories = extract.tool_categories;
  for (const RowReject& r : extract.rejects) {
    ledger.Reject(r.line, r.id, absl::StrCat(r.file, ": ", r.reason));
  }
  ledger.Ok(extract.rows_read - static_cast<int64_t>(extract.rejects.size()));
  RowBytes row;
  for (const MhsdsAssessment& a : extract.assessments) {
    auto classifier = classifiers.For(a.record.date);
    if (!classifier.ok()) {
      ledger.RejectAccepted(a.line, a.record.assessment_id,
                            classifier.status().message());
      continue;
    }
    AppendClassifiedRow((*classifier)->rules(), a.record,
                        (*classifier)->Classify(a.record.ratings), &row);
    out.Rows(row.view());
    row.clear();
  }
  return absl::OkStatus();
}

int RunClassify(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {"in", "rules", "out", "rejects", "mhsds-tool", "mhsds-ratings",
       "item-map", "mhsds-columns", "summary", "threads"},
      {"strict", "progress", "no-progress"});
  if (!args.ok()) return Usage(args.status().message());
  if (!args->positional().empty()) {
    return Usage(absl::StrCat("unexpected argument ", args->positional()[0]));
  }
  const bool mhsds = args->Has("mhsds-tool") || args->Has("mhsds-ratings") ||
                     args->Has("item-map");
  if (mhsds == args->Has("in")) {
    return Usage("give --in, or --mhsds-tool, --mhsds-ratings and --item-map");
  }
  auto threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return Usage(threads.status().message());
  auto progress = ProgressFromArgs(*args);
  if (!progress.ok()) return Usage(progress.status().message());

  auto bundle = BundleFromFlag(args->Get("rules"));
  if (!bundle.ok()) {
    PrintError(bundle.status().message());
    return kExitUsage;
  }
  std::unique_ptr<AssessmentCsvReader> reader;
  InputFile in;
  std::string in_path;
  if (!mhsds) {
    in_path = *args->Get("in");
    auto opened = OpenInput(in_path);
    if (!opened.ok()) {
      PrintError(opened.status().message());
      return kExitUsage;
    }
    in = *std::move(opened);
    auto r = AssessmentCsvReader::Open(in.get(), in_path);
    if (!r.ok()) {
      PrintError(r.status().message());
      return kExitUsage;
    }
    reader = *std::move(r);
  }
  OutputSet outputs;
  auto out_file = outputs.Open(args->Get("out"));
  if (!out_file.ok()) {
    PrintError(out_file.status().message());
    return kExitUsage;
  }
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) {
    PrintError(ledger.status().message());
    return kExitUsage;
  }
  (*ledger)->SetProgress(*progress);

  const DatedClassifier classifiers(*bundle);
  CsvWriter out(*out_file);
  out.Row({"assessment_id", "patient_id", "date", "suggested_cluster",
           "suggested_fit", "runner_up_cluster", "runner_up_fit", "superclass",
           "allocated_cluster", "allocation_red", "red_items", "reason"});
  std::map<std::string, int64_t> tool_categories;
  if (mhsds) {
    if (absl::Status s =
            ClassifyMhsds(*args, classifiers, out, **ledger, &tool_categories);
        !s.ok()) {
      PrintError(s.message());
      return kExitUsage;
    }
  } else {
    if (absl::Status s = ClassifyRows(*reader, in.get(), in_path, classifiers,
                                      *threads, out, **ledger);
        !s.ok()) {
      PrintError(s.message());
      return kExitUsage;
    }
  }
  out.Flush();  // a failed write is reported by Finish()
  if (absl::Status s = WriteToolCategorySummary(outputs, args->Get("summary"),
                                                tool_categories);
      !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  PrintToolCategories(tool_categories);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
