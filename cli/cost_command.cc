// mhpbr cost --periods FILE --activity FILE --unit-costs FILE --as-of DATE
//            [--rules FILE] [--out FILE] [--by-cluster FILE]
//            [--by-setting FILE] [--summary FILE] [--rejects FILE] [--strict]
//            [--suppress [--suppress-threshold N] [--suppress-base N]]
// What each cluster period cost (formats.md, pricing.md 1). Activity is
// streamed: memory grows with the periods, not the activity.

#include <array>
#include <charconv>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "activity_rows.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"
#include "mhsds_columns_flag.h"
#include "mhsds_contact_rows.h"
#include "mhsds_referral_file.h"
#include "output_file.h"
#include "period_rows.h"
#include "row_bytes.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "suppress_flag.h"
#include "threads_flag.h"
#include "ward_stay_rows.h"

namespace mhpbr::cli {
namespace {

// A per-period row's figures after its days; none: an empty field.
template <size_t n>
using PeriodNumbers = std::array<std::optional<int64_t>, n>;

// patient_id,cluster,start,end,days and then `numbers`, formatted straight
// into bytes (as `periods` writes its rows): a national year has 3 M
// periods, and a CsvWriter field at a time was a tenth of the set-up.
void AppendPeriodRow(const PeriodToPrice& p, const CostedPeriod& c,
                     absl::Span<const std::optional<int64_t>> numbers,
                     RowBytes* rows) {
  // Two dates, at most 20 bytes a number, a separator before each field
  // after the first, the line end.
  const size_t rest = 2 * 11 + (numbers.size() + 2) * 21 + 1;
  char* out = rows->Room(CsvFieldMaxBytes(p.patient_id) + rest);
  out = WriteCsvField(p.patient_id, out);
  const auto number = [&out](int64_t n) {
    *out++ = ',';
    out = std::to_chars(out, out + 20, n).ptr;
  };
  number(p.cluster.code());
  *out++ = ',';
  out = WriteIsoDate(p.start, out);
  *out++ = ',';
  if (p.end) out = WriteIsoDate(*p.end, out);
  number(c.days);
  for (const std::optional<int64_t>& n : numbers) {
    if (n) {
      number(*n);
    } else {
      *out++ = ',';
    }
  }
  *out++ = '\n';
  rows->Keep(out);
}

// Each period's figures made as its row is written: a national year's 3 M
// periods copied at once would be half a gigabyte more.
template <typename Numbers>
void WritePeriodRows(CsvWriter& out, const ActivityCoster& coster,
                     Numbers numbers) {
  RowBytes rows;
  for (size_t i = 0; i < coster.period_count(); ++i) {
    const CostedPeriod c = coster.Figures(i);
    AppendPeriodRow(coster.period_to_price(i), c, numbers(c), &rows);
    constexpr size_t kWriteAt = 1 << 20;
    if (rows.size() >= kWriteAt) {
      out.Rows(rows.view());
      rows.clear();
    }
  }
  out.Rows(rows.view());
}

}  // namespace

int RunCost(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop = StartCommand(
          {"cost",
           {"periods", "activity", "unit-costs", "as-of", "rules", "out",
            "by-cluster", "by-setting", "summary", "rejects", "mhsds-contacts",
            "mhsds-referrals", "team-map", "mhsds-columns", "mhsds-ward-stays",
            "mhsds-spells", "threads", kSuppressThreshold, kSuppressBase},
           {"strict", "progress", "no-progress", kSuppress},
           {"periods", "unit-costs", "as-of"}},
          argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  const absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return UsageError("cost", threads.status().message());
  if (auto stop = CheckActivitySources(*args, "cost")) return *stop;
  // With --suppress only --by-cluster and --summary are written: the
  // periods (--out, else standard output) and --by-setting are one row per
  // period.
  auto suppress = SuppressionFromArgs(*args, start.rules->suppression(),
                                      {"out", "by-setting"});
  if (!suppress.ok()) return UsageError("cost", suppress.status().message());
  if (*suppress && !args->Has("by-cluster") && !args->Has("summary")) {
    return UsageError("cost",
                      "--suppress writes only the aggregated outputs: give "
                      "--by-cluster or --summary");
  }
  if (auto stop = CheckWardStayFlags(*args, "cost")) return *stop;
  const absl::CivilDay as_of = *start.as_of;
  auto fail = DataError;
  auto costs = LoadUnitCostsFile(*args->Get("unit-costs"));
  if (!costs.ok()) return fail(costs.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());
  // Rejected period rows are reported and counted like activity rows; the
  // activity they would have covered falls to the unclustered bucket.
  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger, *threads);
  if (!periods.ok()) return fail(periods.status());
  auto coster = ActivityCoster::Create(*std::move(periods), as_of, *costs,
                                       start.rules->day_count());
  if (!coster.ok()) return fail(coster.status());

  if (auto activity = args->Get("activity")) {
    if (absl::Status s =
            CostActivityRows(*activity, "", *coster, **ledger, *threads);
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
    if (absl::Status s = CostContacts(*files, *costs, *mhsds_columns, *coster,
                                      **ledger, &contacts);
        !s.ok()) {
      return fail(s);
    }
  }
  WardStayCounts stays;
  if (auto files = WardStayFilesFlags(*args, referrals)) {
    if (absl::Status s = CostWardStays(*files, *costs, *mhsds_columns, *coster,
                                       **ledger, &stays);
        !s.ok()) {
      return fail(s);
    }
  }

  absl::Status written = absl::OkStatus();
  if (!*suppress) {
    written = WriteCsv(outputs, args->Get("out"), [&](CsvWriter& out) {
      out.Row({"patient_id", "cluster", "start", "end", "days", "records",
               "cost_pence", "cost_per_day_pence"});
      WritePeriodRows(out, *coster, [](const CostedPeriod& c) {
        return PeriodNumbers<3>{
            c.records, c.cost_pence,
            c.days > 0 ? std::optional<int64_t>(*RoundDiv(c.cost_pence, c.days))
                       : std::nullopt};
      });
    });
  }
  if (written.ok() && args->Has("by-cluster")) {
    written = WriteAggregateCsv(
        outputs, args->Get("by-cluster"), ClusterCostSuppression(), *suppress,
        [&](CsvWriter& out) {
          out.Row({"cluster", "periods", "days", "records", "cost_pence"});
          for (const ClusterCost& c : coster->ByCluster()) {
            out.Field(int64_t{c.cluster.code()});
            out.Field(c.periods);
            out.Field(c.days);
            out.Field(c.records);
            out.Field(c.cost_pence);
            out.EndRow();
          }
        });
  }
  if (written.ok() && args->Has("by-setting")) {
    written = WriteCsv(outputs, args->Get("by-setting"), [&](CsvWriter& out) {
      out.Row({"patient_id", "cluster", "start", "end", "days", "admitted_days",
               "community_days", "admitted_pence", "community_pence"});
      WritePeriodRows(out, *coster, [](const CostedPeriod& c) {
        return PeriodNumbers<4>{c.admitted_days, c.community_days,
                                c.admitted_pence, c.community_pence};
      });
    });
  }
  if (written.ok() && args->Has("summary")) {
    const CostingTotals& t = coster->totals();
    written = WriteAggregateCsv(
        outputs, args->Get("summary"), CostSummarySuppression(), *suppress,
        [&](CsvWriter& out) {
          out.Row({"key", "value"});
          // A contact not attended is read but is no activity record.
          out.KeyValueRow("records_read",
                          t.records_read + contacts.not_attended);
          out.KeyValueRow("records_rejected", t.records_rejected);
          out.KeyValueRow("clustered_records", t.clustered_records);
          out.KeyValueRow("clustered_pence", t.clustered_pence);
          out.KeyValueRow("unclustered_records", t.unclustered_records);
          out.KeyValueRow("unclustered_pence", t.unclustered_pence);
          out.KeyValueRow("unknown_patient_records", t.unknown_patient_records);
          out.KeyValueRow("total_pence", t.total_pence);
          out.KeyValueRow("periods",
                          static_cast<int64_t>(coster->period_count()));
          if (args->Has("mhsds-contacts")) {
            out.KeyValueRow("contacts_read", contacts.contacts_read);
            out.KeyValueRow("contacts_not_attended", contacts.not_attended);
          }
          if (args->Has("mhsds-ward-stays")) {
            out.KeyValueRow("ward_stays_read", stays.stays_read);
            out.KeyValueRow("bed_days", stays.bed_days);
          }
        });
  }
  if (!written.ok()) return fail(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
