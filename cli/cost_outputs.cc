#include "cost_outputs.h"

#include <array>
#include <charconv>
#include <optional>
#include <string>

#include "absl/types/span.h"
#include "csv_output.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/output_suppression.h"
#include "row_bytes.h"
#include "suppress_flag.h"

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
  // After the period's columns: at most 20 bytes a number, a separator
  // before each, the line end.
  char* out = rows->Room(PeriodColumnsMaxBytes(p.patient_id) +
                         (numbers.size() + 1) * 21 + 1);
  out = WritePeriodColumns(p, out);
  const auto number = [&out](int64_t n) {
    *out++ = ',';
    out = std::to_chars(out, out + 20, n).ptr;
  };
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

absl::Status WriteCostOutputs(OutputSet& outputs, const Args& args,
                              const CostOutputFlags& flags,
                              const ActivityCoster& coster,
                              const ContactCounts& contacts,
                              const WardStayCounts& stays,
                              const std::optional<SuppressionRules>& suppress) {
  absl::Status written = absl::OkStatus();
  if (!suppress && (flags.periods_to_stdout || args.Has(flags.periods))) {
    written = WriteCsv(outputs, args.Get(flags.periods), [&](CsvWriter& out) {
      out.Row({"patient_id", "cluster", "start", "end", "days", "records",
               "cost_pence", "cost_per_day_pence"});
      WritePeriodRows(out, coster, [](const CostedPeriod& c) {
        return PeriodNumbers<3>{
            c.records, c.cost_pence,
            c.days > 0 ? std::optional<int64_t>(*RoundDiv(c.cost_pence, c.days))
                       : std::nullopt};
      });
    });
  }
  if (written.ok() && args.Has(flags.by_cluster)) {
    written = WriteAggregateCsv(
        outputs, args.Get(flags.by_cluster), ClusterCostSuppression(), suppress,
        [&](CsvWriter& out) {
          out.Row({"cluster", "periods", "days", "records", "cost_pence"});
          for (const ClusterCost& c : coster.ByCluster()) {
            out.Field(int64_t{c.cluster.code()});
            out.Field(c.periods);
            out.Field(c.days);
            out.Field(c.records);
            out.Field(c.cost_pence);
            out.EndRow();
          }
        });
  }
  if (written.ok() && args.Has(flags.by_setting)) {
    written =
        WriteCsv(outputs, args.Get(flags.by_setting), [&](CsvWriter& out) {
          out.Row({"patient_id", "cluster", "start", "end", "days",
                   "admitted_days", "community_days", "admitted_pence",
                   "community_pence"});
          WritePeriodRows(out, coster, [](const CostedPeriod& c) {
            return PeriodNumbers<4>{c.admitted_days, c.community_days,
                                    c.admitted_pence, c.community_pence};
          });
        });
  }
  if (written.ok() && args.Has(flags.summary)) {
    const CostingTotals& t = coster.totals();
    written = WriteAggregateCsv(
        outputs, args.Get(flags.summary), CostSummarySuppression(), suppress,
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
                          static_cast<int64_t>(coster.period_count()));
          if (args.Has("mhsds-contacts")) {
            out.KeyValueRow("contacts_read", contacts.contacts_read);
            out.KeyValueRow("contacts_not_attended", contacts.not_attended);
          }
          if (args.Has("mhsds-ward-stays")) {
            out.KeyValueRow("ward_stays_read", stays.stays_read);
            out.KeyValueRow("bed_days", stays.bed_days);
          }
        });
  }
  return written;
}

}  // namespace mhpbr::cli
