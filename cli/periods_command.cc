// mhpbr periods (--in FILE | --mhsds-clusters FILE [--mhsds-tool FILE])
//               --as-of DATE [--rules FILE] [--transitions FILE]
//               [--out FILE] [--rejects FILE] [--by-patient FILE]
//               [--by-cluster FILE] [--strict]
//               [--suppress [--suppress-threshold N] [--suppress-base N]]
// Cluster periods sorted by patient then start (formats.md), with
// per-patient and per-cluster summaries on request.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "event_rows.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/mhsds.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/period_stream.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/status_macros.h"
#include "mhsds_columns_flag.h"
#include "output_file.h"
#include "row_bytes.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "suppress_flag.h"
#include "threads_flag.h"
#include "tool_category_summary.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("periods", why); }

// Ranges of patients per thread when building on several: enough that a
// range's bytes (a national year's output is 170 MB) are few megabytes
// and the threads end close together.
constexpr size_t kRangesPerThread = 32;

// `columns` are the optional event columns the input had: written after
// the spec's columns, so the output feeds `mhpbr price` and `cost` as it is.
// Formatted straight into bytes: a national year has 3 M periods.
void AppendPeriodRow(const ClusterPeriod& p, const EventUnitColumns& columns,
                     RowBytes* rows) {
  // After the period's columns and the other strings: a date, three
  // numbers, y/n, the separators and the line end.
  constexpr size_t kRestBytes = 10 + 3 * 20 + 1 + 10;
  char* out =
      rows->Room(PeriodColumnsMaxBytes(p.patient_id) +
                 CsvFieldMaxBytes(p.team) + CsvFieldMaxBytes(p.provider) +
                 CsvFieldMaxBytes(p.commissioner) + kRestBytes);
  const auto number = [&out](int64_t n) {
    out = std::to_chars(out, out + 20, n).ptr;
    *out++ = ',';
  };
  out = WritePeriodColumns(p, out);
  *out++ = ',';
  number(p.days);
  out = WriteIsoDate(p.review_due, out);
  *out++ = ',';
  number(p.overdue_days);
  *out++ = p.transition_ok ? 'y' : 'n';
  *out++ = ',';
  out = std::to_chars(out, out + 20, p.superseded).ptr;
  for (auto [present, text] :
       {std::pair{columns.team, &p.team},
        std::pair{columns.provider, &p.provider},
        std::pair{columns.commissioner, &p.commissioner}}) {
    if (!present) continue;
    *out++ = ',';
    out = WriteCsvField(*text, out);
  }
  *out++ = '\n';
  rows->Keep(out);
}

// Writes a key,periods,days,overdue_periods summary, suppressed by
// `suppress` when given; false on failure.
template <typename Map>
bool WriteSummary(OutputSet& outputs, const std::optional<std::string>& path,
                  absl::string_view key_name, const Map& rows,
                  const std::optional<SuppressionRules>& suppress) {
  if (!path) return true;
  // A failed write is reported when the outputs are committed.
  absl::Status s = WriteAggregateCsv(
      outputs, path, PeriodSummarySuppression(key_name), suppress,
      [&](CsvWriter& out) {
        out.Row({key_name, "periods", "days", "overdue_periods"});
        for (const auto& [key, t] : rows) {
          if constexpr (std::is_same_v<typename Map::key_type, int>) {
            out.Field(int64_t{key});
          } else {
            out.Field(key);
          }
          out.Field(t.periods);
          out.Field(t.days);
          out.Field(t.overdue_periods);
          out.EndRow();
        }
      });
  if (!s.ok()) PrintError(s.message());
  return s.ok();
}

// The events of --in (streamed, bad rows rejected one by one) or of an
// MHS803 extract. Rejected rows go to the ledger; the accepted ones are
// counted once periods are built.
struct Events {
  EventTable events;
  // Accepted input rows (an extract row may give two events).
  int64_t rows = 0;
  EventUnitColumns columns;
  // MHS803 rows of the other clustering tools, by category.
  std::map<std::string, int64_t> tool_categories = {};
};

absl::StatusOr<Events> ReadEvents(const Args& args, RowLedger& ledger,
                                  int threads) {
  Events out;
  if (auto path = args.Get("mhsds-clusters")) {
    MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(*path));
    std::optional<InputFile> tool;
    if (auto tool_path = args.Get("mhsds-tool")) {
      MHPBR_ASSIGN_OR_RETURN(tool, OpenInput(*tool_path));
    }
    MHPBR_ASSIGN_OR_RETURN(MhsdsColumnMap columns, MhsdsColumnsFlag(args));
    MHPBR_ASSIGN_OR_RETURN(
        MhsdsEvents extract,
        ReadMhs803(in.get(), *path, tool ? tool->get() : nullptr,
                   args.Get("mhsds-tool").value_or(""), columns));
    out.tool_categories = extract.tool_categories;
    for (const RowReject& r : extract.rejects) {
      ledger.Reject(r.line, r.id, r.reason);
    }
    out.rows = extract.rows_read - static_cast<int64_t>(extract.rejects.size());
    for (const PeriodEvent& e : extract.events) out.events.Add(e);
    out.columns = extract.columns;
    return out;
  }
  MHPBR_ASSIGN_OR_RETURN(std::string path, args.Require("in"));
  MHPBR_ASSIGN_OR_RETURN(out.events,
                         ReadEventTable(path, ledger, &out.columns, threads));
  out.rows = static_cast<int64_t>(out.events.size());
  return out;
}

}  // namespace

int RunPeriods(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"periods",
                        {"in", "mhsds-clusters", "mhsds-tool", "as-of", "rules",
                         "transitions", "out", "rejects", "by-patient",
                         "by-cluster", "mhsds-columns", "summary", "threads",
                         kSuppressThreshold, kSuppressBase},
                        {"strict", "progress", "no-progress", kSuppress},
                        {},
                        {},
                        /*rules_by_date=*/true},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  if (args->Has("in") == args->Has("mhsds-clusters")) {
    return Usage("give one of --in or --mhsds-clusters");
  }
  if (args->Has("mhsds-tool") && !args->Has("mhsds-clusters")) {
    return Usage("--mhsds-tool goes with --mhsds-clusters");
  }
  if (!start.as_of) return Usage("--as-of is required");
  // With --suppress only --by-cluster and --summary are written: the
  // periods (--out, else standard output) and --by-patient are one row per
  // period or person.
  auto suppress = SuppressionFromArgs(*args, start.rules->suppression(),
                                      {"out", "by-patient"});
  if (!suppress.ok()) return Usage(suppress.status().message());
  if (*suppress && !args->Has("by-cluster") && !args->Has("summary")) {
    return Usage(
        "--suppress writes only the aggregated outputs: give --by-cluster "
        "or --summary");
  }
  const absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return Usage(threads.status().message());
  const absl::CivilDay as_of = *start.as_of;
  OutputSet outputs;
  absl::StatusOr<std::FILE*> out_file = nullptr;
  if (!*suppress) out_file = outputs.Open(args->Get("out"));
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

  auto events = ReadEvents(*args, **ledger, *threads);
  if (!events.ok()) {
    PrintError(events.status().message());
    return kExitUsage;
  }
  std::optional<CsvWriter> out;
  const EventUnitColumns& columns = events->columns;
  if (*out_file != nullptr) {
    out.emplace(*out_file);
    std::vector<absl::string_view> header = {
        "patient_id", "cluster",      "start",         "end",       "days",
        "review_due", "overdue_days", "transition_ok", "superseded"};
    if (columns.team) header.push_back("team");
    if (columns.provider) header.push_back("provider");
    if (columns.commissioner) header.push_back("commissioner");
    for (absl::string_view name : header) out->Field(name);
    out->EndRow();
  }
  // Each range of patients is formatted and summed as its periods are
  // built. One thread writes straight to the output; on several, the
  // patients are cut into many ranges, each formatted into bytes of its
  // own, and whichever thread ends the range that is next in order writes
  // it (and any finished after it) while the other goes on building:
  // the writing is spread over the threads, and only a few ranges' bytes
  // are held at once.
  const size_t parts =
      *threads <= 1 ? 1 : static_cast<size_t>(*threads) * kRangesPerThread;
  std::vector<RowBytes> texts(parts);
  // Guards `spare` and the writing. Ranges written give their bytes' room
  // to ranges not yet begun: a national year's output faulted in and
  // zeroed once per range in flight, not once over.
  std::mutex write_mu;
  std::vector<RowBytes> spare;
  const auto take_spare = [&write_mu, &spare](RowBytes* text) {
    std::lock_guard<std::mutex> lock(write_mu);
    if (spare.empty()) return;
    std::swap(*text, spare.back());
    spare.pop_back();
  };
  std::vector<PeriodSummariser> sums;
  sums.reserve(parts);
  std::vector<PeriodSink> sinks;
  for (size_t i = 0; i < parts; ++i) {
    sums.emplace_back(args->Has("by-patient"));
    CsvWriter* to_file = parts == 1 && out.has_value() ? &*out : nullptr;
    const bool write = out.has_value();
    RowBytes* text = &texts[i];
    PeriodSummariser* sum = &sums[i];
    const bool reuse = parts > 1;
    sinks.push_back([to_file, write, reuse, text, sum, &columns,
                     &take_spare](const ClusterPeriod& p) {
      if (write) {
        if (reuse && text->size() == 0) take_spare(text);
        AppendPeriodRow(p, columns, text);
        constexpr size_t kWriteAt = 1 << 20;
        if (to_file != nullptr && text->size() >= kWriteAt) {
          to_file->Rows(text->view());
          text->clear();
        }
      }
      sum->Add(p);
    });
  }
  std::vector<bool> finished(parts, false);
  size_t next_to_write = 0;
  const RangeDone write_in_order = [&](size_t range) {
    std::lock_guard<std::mutex> lock(write_mu);
    finished[range] = true;
    for (; next_to_write < parts && finished[next_to_write]; ++next_to_write) {
      RowBytes& text = texts[next_to_write];
      if (out.has_value()) out->Rows(text.view());
      text.clear();
      spare.push_back(std::move(text));
      text = RowBytes();
    }
  };
  const PeriodBuild build =
      StreamPeriods(events->events, as_of, *start.bundle,
                    start.own_transitions ? &start.transitions : nullptr, sinks,
                    *threads, write_in_order);
  // Events the builder could not use are rejects like any other; the rest
  // were accepted (used, superseded, or after the as-of date).
  for (const EventError& e : build.errors) {
    (*ledger)->Reject(e.line, e.patient_id, e.reason);
  }
  (*ledger)->Ok(events->rows - static_cast<int64_t>(build.errors.size()));
  for (size_t i = 1; i < parts; ++i) sums[0].Append(sums[i]);
  out.reset();  // flushed before the outputs are committed
  const PeriodSummary summary = sums[0].Finish();
  if (!WriteSummary(outputs, args->Get("by-patient"), "patient_id",
                    summary.by_patient, std::nullopt) ||
      !WriteSummary(outputs, args->Get("by-cluster"), "cluster",
                    summary.by_cluster, *suppress)) {
    return kExitUsage;
  }
  if (absl::Status s = WriteToolCategorySummary(
          outputs, args->Get("summary"), events->tool_categories, *suppress);
      !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  PrintToolCategories(events->tool_categories);
  std::fprintf(stderr,
               "%zu periods; %lld events after the as-of date not used; "
               "%lld allocations superseded\n",
               static_cast<size_t>(summary.all.periods),
               static_cast<long long>(build.events_after_as_of),
               static_cast<long long>(build.superseded));
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
