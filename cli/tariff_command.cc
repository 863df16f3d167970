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
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "lib/codec/csv_columns.h"
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

// The sample limits within which SetTariffs promises exact arithmetic
// (tariff_setting.h).
constexpr int64_t kMaxSampleDays = 100000;
constexpr int64_t kMaxSampleCostPence = 10000000000000;

// Reads `cluster`, `days` and `cost_pence` of a `mhpbr cost` output.
absl::StatusOr<std::vector<CostSample>> ReadSamples(const std::string& path,
                                                    RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  CsvReader csv(in.get(), path);
  MHPBR_RETURN_IF_ERROR(csv.ReadHeader());
  CsvColumns cols(csv);
  const int cluster = cols.Required("cluster");
  const int days = cols.Required("days");
  const int cost = cols.Required("cost_pence");
  const int patient = cols.Optional("patient_id");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  std::vector<CostSample> samples;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    std::string id;
    if (patient >= 0 && static_cast<size_t>(patient) < rec.fields.size()) {
      id = std::string(rec.fields[patient]);
    }
    CostSample s;
    if (err.empty()) {
      auto fail = [&err](absl::string_view col, absl::string_view what) {
        absl::StrAppend(&err, err.empty() ? "" : "; ", col, ": ", what);
      };
      if (auto c = Cluster::Parse(rec.fields[cluster]); c.ok()) {
        s.cluster = *c;
      } else {
        fail("cluster", c.status().message());
      }
      // Out-of-range samples are rejected here, naming their line:
      // SetTariffs would fail the whole run naming only a sample number.
      if (auto d = ParseInteger(rec.fields[days]);
          d.ok() && *d >= 0 && *d <= kMaxSampleDays) {
        s.days = *d;
      } else {
        fail("days", !d.ok()  ? d.status().message()
                     : *d < 0 ? "must not be negative"
                              : "must be at most 100000");
      }
      if (auto p = ParseInteger(rec.fields[cost]);
          p.ok() && *p >= 0 && *p <= kMaxSampleCostPence) {
        s.cost_pence = *p;
      } else {
        fail("cost_pence", !p.ok()  ? p.status().message()
                           : *p < 0 ? "must not be negative"
                                    : "must be at most 10^13");
      }
    }
    if (!err.empty()) {
      ledger.Reject(rec.line, id, err);
      continue;
    }
    ledger.Ok();
    samples.push_back(s);
  }
  MHPBR_RETURN_IF_ERROR(csv.io_status());
  return samples;
}

}  // namespace

int RunTariff(const std::vector<std::string>& argv) {
  auto args =
      Args::Parse(argv,
                  {"in", "basis", "iqr-k", "uplift-ppm", "efficiency-ppm",
                   "min-periods", "rules", "out", "evidence", "rejects"},
                  {"strict"});
  if (!args.ok()) return Usage(args.status().message());
  if (!args->positional().empty()) {
    return Usage(absl::StrCat("unexpected argument ", args->positional()[0]));
  }
  auto in_path = args->Require("in");
  if (!in_path.ok()) return Usage(in_path.status().message());
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
  auto fail = [](const absl::Status& s) {
    PrintError(s.message());
    return kExitUsage;
  };
  auto rules = RulesFromFlag(args->Get("rules"));
  if (!rules.ok()) return fail(rules.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());
  auto samples = ReadSamples(*in_path, **ledger);
  if (!samples.ok()) return fail(samples.status());
  auto result = SetTariffs(*samples, settings, **rules);
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
