// mhpbr tariff --in FILE [--basis day|period|year] [--iqr-k K]
//              [--uplift-ppm N] [--efficiency-ppm N] [--min-periods N]
//              [--rules FILE] [--out FILE] [--evidence FILE]
//              [--by-setting FILE] [--rejects FILE] [--strict]
// Local prices from a reference year's costed periods (formats.md,
// pricing.md 2). The --out file is the tariff `mhpbr price` reads.

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "args.h"
#include "block_rows.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/money.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/tariff_setting.h"
#include "output_file.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "threads_flag.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("tariff", why); }

void WriteOptional(const std::optional<int64_t>& v, CsvWriter& out) {
  if (v) {
    out.Field(*v);
  } else {
    out.EmptyField();
  }
}

// --by-setting: each period's split by setting, by its PeriodKey.
absl::StatusOr<std::map<std::string, SettingSplit>> ReadSplits(
    const std::string& path, RowLedger& ledger, int threads) {
  std::map<std::string, SettingSplit> splits;
  MHPBR_RETURN_IF_ERROR((ForEachRow<SettingSplitCsvReader, PeriodSettingSplit>(
      path, absl::StrCat(path, ": "), ledger,
      [&](PeriodSettingSplit& row) {
        if (!splits.emplace(row.key, row.split).second) {
          return absl::InvalidArgumentError(
              absl::StrCat("period ", row.key, " is listed twice"));
        }
        return absl::OkStatus();
      },
      threads)));
  return splits;
}

// A sample and, with --by-setting, its period's key, taken as the row is
// read (the reader's PeriodKey is of its last row, and rows may be read on
// other threads).
struct SampleRow : InputRow<CostSample> {
  std::string key;
};

// The samples of --in; with `splits`, each with the split of its period,
// a sample without one (or whose split does not add up to its cost) being
// rejected.
absl::StatusOr<std::vector<CostSample>> ReadSamples(
    const std::string& path, const std::map<std::string, SettingSplit>* splits,
    absl::string_view splits_path, RowLedger& ledger, int threads) {
  std::vector<CostSample> samples;
  const bool keys = splits != nullptr;
  MHPBR_ASSIGN_OR_RETURN(auto reader,
                         (BlockRows<CostSampleCsvReader, SampleRow>::Open(
                             path, threads,
                             [keys](CostSampleCsvReader& r, SampleRow* row) {
                               if (!r.Next(row)) return false;
                               if (keys) row->key = r.PeriodKey();
                               return true;
                             },
                             [](SampleRow& row, int64_t delta) {
                               ShiftRowLines<CostSample>(row, delta);
                             })));
  SampleRow row;
  while (reader->Next(&row)) {
    if (row.error.empty() && splits != nullptr) {
      const std::string& key = row.key;
      auto it = key.empty() ? splits->end() : splits->find(key);
      if (key.empty()) {
        row.error = "patient_id, start, end: needed to match --by-setting";
      } else if (it == splits->end()) {
        row.error = absl::StrCat("no row for this period in ", splits_path);
      } else if (Int128(it->second.admitted_days) + it->second.community_days !=
                 row.value.days) {
        row.error = absl::StrCat("days: not the days in ", splits_path);
      } else if (Int128(it->second.admitted_pence) +
                     it->second.community_pence !=
                 row.value.cost_pence) {
        row.error = absl::StrCat(
            "cost_pence: not admitted_pence + "
            "community_pence in ",
            splits_path);
      } else {
        row.value.split = it->second;
      }
    }
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.id, row.error);
      continue;
    }
    ledger.Ok();
    samples.push_back(row.value);
  }
  MHPBR_RETURN_IF_ERROR(reader->io_status());
  return samples;
}

}  // namespace

int RunTariff(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"tariff",
                        {"in", "basis", "iqr-k", "uplift-ppm", "efficiency-ppm",
                         "min-periods", "rules", "out", "evidence",
                         "by-setting", "rejects", "threads"},
                        {"strict", "progress", "no-progress"},
                        {"in"}},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  const absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return Usage(threads.status().message());
  const std::string in_path = *args->Get("in");
  TariffSettings settings;
  if (auto b = args->Get("basis")) {
    auto basis = ParseBasis(*b);
    if (!basis.ok())
      return Usage(absl::StrCat("--basis: ", basis.status().message()));
    settings.basis = *basis;
  }
  if (auto k = args->Get("iqr-k")) {
    auto f = ParseMultiplier(*k);
    if (!f.ok()) return Usage(absl::StrCat("--iqr-k: ", f.status().message()));
    settings.iqr_k = *f;
  }
  struct IntFlag {
    const char* name;
    int64_t* value;
  };
  for (IntFlag flag : {IntFlag{"uplift-ppm", &settings.uplift_ppm},
                       IntFlag{"efficiency-ppm", &settings.efficiency_ppm},
                       IntFlag{"min-periods", &settings.min_periods}}) {
    if (auto v = args->Get(flag.name)) {
      auto n = ParseInteger(*v);
      if (!n.ok()) {
        return Usage(absl::StrCat("--", flag.name, ": ", n.status().message()));
      }
      *flag.value = *n;
    }
  }
  if (args->Has("by-setting")) {
    if (settings.basis != Basis::kDay) {
      return Usage("--by-setting needs --basis day");
    }
    settings.by_setting = true;
  }
  auto fail = DataError;
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());
  std::optional<std::map<std::string, SettingSplit>> splits;
  const std::optional<std::string> splits_path = args->Get("by-setting");
  if (splits_path) {
    auto read = ReadSplits(*splits_path, **ledger, *threads);
    if (!read.ok()) return fail(read.status());
    splits = *std::move(read);
  }
  // `cluster`, `days` and `cost_pence` of a `mhpbr cost` output.
  auto samples = ReadSamples(in_path, splits ? &*splits : nullptr,
                             splits_path.value_or(""), **ledger, *threads);
  if (!samples.ok()) return fail(samples.status());
  auto result = SetTariffs(*samples, settings, *start.rules);
  if (!result.ok()) return fail(result.status());

  absl::Status written =
      WriteCsv(outputs, args->Get("out"), [&](CsvWriter& out) {
        if (settings.by_setting) {
          out.Row({"cluster", "basis", "price_pence", "admitted_price_pence",
                   "community_price_pence"});
        } else {
          out.Row({"cluster", "basis", "price_pence"});
        }
        for (const TariffEntry& e : result->schedule.entries()) {
          out.Field(int64_t{e.cluster.code()});
          out.Field(BasisName(e.basis));
          out.Field(e.price_pence);
          if (settings.by_setting) {
            WriteOptional(e.admitted_price_pence, out);
            WriteOptional(e.community_price_pence, out);
          }
          out.EndRow();
        }
      });
  if (written.ok() && args->Has("evidence")) {
    written = WriteCsv(outputs, args->Get("evidence"), [&](CsvWriter& out) {
      for (absl::string_view column :
           {"cluster", "periods", "used", "excluded", "lower_fence",
            "upper_fence", "mean_per_day", "median_per_day", "cv",
            "price_day_pence", "price_period_pence", "price_year_pence",
            "status"}) {
        out.Field(column);
      }
      // The setting columns trail the others, so readers of the default
      // columns are not disturbed.
      if (settings.by_setting) {
        for (absl::string_view column :
             {"admitted_days", "community_days", "admitted_price_pence",
              "community_price_pence"}) {
          out.Field(column);
        }
      }
      out.EndRow();
      for (const ClusterEvidence& ev : result->evidence) {
        const bool stats = ev.lower_fence.has_value();
        out.Field(int64_t{ev.cluster.code()});
        out.Field(ev.periods);
        // Below the minimum sample nothing is trimmed or used: 0 and 0.
        out.Field(ev.used);
        out.Field(ev.excluded);
        if (stats) {
          out.Field(ev.lower_fence->ToDecimal(4));
          out.Field(ev.upper_fence->ToDecimal(4));
          out.Field(FormatFixed(*ev.mean_per_day));
          out.Field(ev.median_per_day->ToDecimal(4));
          out.Field(ev.cv ? FormatFixed(*ev.cv) : std::string());
        } else {
          for (int i = 0; i < 5; ++i) out.EmptyField();
        }
        for (const auto& p :
             {ev.price_day_pence, ev.price_period_pence, ev.price_year_pence}) {
          if (p) {
            out.Field(*p);
          } else {
            out.EmptyField();
          }
        }
        out.Field(EvidenceStatusName(ev.status));
        if (settings.by_setting) {
          out.Field(ev.admitted_days);
          out.Field(ev.community_days);
          WriteOptional(ev.admitted_price_pence, out);
          WriteOptional(ev.community_price_pence, out);
        }
        out.EndRow();
      }
    });
  }
  if (!written.ok()) return fail(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
