// mhpbr tariff --in FILE [--basis day|period|year] [--iqr-k K]
//              [--uplift-ppm N] [--efficiency-ppm N] [--min-periods N]
//              [--rules FILE] [--out FILE] [--evidence FILE]
//              [--rejects FILE] [--strict]
// Local prices from a reference year's costed periods (formats.md,
// pricing.md 2). The --out file is the tariff `mhpbr price` reads.

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/tariff_setting.h"
#include "output_file.h"
#include "row_ledger.h"
#include "rule_set_flag.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("tariff", why); }

}  // namespace

int RunTariff(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"tariff",
                        {"in", "basis", "iqr-k", "uplift-ppm", "efficiency-ppm",
                         "min-periods", "rules", "out", "evidence", "rejects"},
                        {"strict"},
                        {"in"}},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
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
  auto fail = DataError;
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());
  // `cluster`, `days` and `cost_pence` of a `mhpbr cost` output.
  auto samples =
      ReadAllRows<CostSampleCsvReader, CostSample>(in_path, "", **ledger);
  if (!samples.ok()) return fail(samples.status());
  auto result = SetTariffs(*samples, settings, *start.rules);
  if (!result.ok()) return fail(result.status());

  absl::Status written =
      WriteCsv(outputs, args->Get("out"), [&](CsvWriter& out) {
        out.Row({"cluster", "basis", "price_pence"});
        for (const TariffEntry& e : result->schedule.entries()) {
          out.Field(int64_t{e.cluster.code()});
          out.Field(BasisName(e.basis));
          out.Field(e.price_pence);
          out.EndRow();
        }
      });
  if (written.ok() && args->Has("evidence")) {
    written = WriteCsv(outputs, args->Get("evidence"), [&](CsvWriter& out) {
      out.Row({"cluster", "periods", "used", "excluded", "lower_fence",
               "upper_fence", "mean_per_day", "median_per_day", "cv",
               "price_day_pence", "price_period_pence", "price_year_pence",
               "status"});
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
        out.EndRow();
      }
    });
  }
  if (!written.ok()) return fail(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
