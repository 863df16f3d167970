// mhpbr compare --periods FILE --scenario NAME=CONTRACT,TARIFF
//               --scenario NAME=CONTRACT,TARIFF [--scenario ...]
//               [--one-offs FILE] [--indicators FILE] [--rules FILE]
//               [--out FILE] [--by-cluster FILE] [--by-commissioner FILE]
//               [--rejects FILE] [--strict] [--xlsx FILE]
//               [--suppress [--suppress-threshold N] [--suppress-base N]]
// What-if contracts: the same periods priced under each scenario's
// contract and tariff, side by side, with the differences from the first.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/contract_comparison.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/indicator_csv.h"
#include "mhpbr/output_suppression.h"
#include "mhpbr/pricing_io.h"
#include "output_file.h"
#include "period_rows.h"
#include "pricing_inputs.h"
#include "row_ledger.h"
#include "suppress_flag.h"
#include "xlsx_workbook.h"

namespace mhpbr::cli {
namespace {

struct ScenarioFlag {
  std::string name, contract_path, tariff_path;
};

// NAME=CONTRACT_FILE,TARIFF_FILE: the name ends at the first '=', the
// contract's path at the first ',' after it.
absl::StatusOr<ScenarioFlag> ParseScenarioFlag(const std::string& text) {
  const size_t eq = text.find('=');
  const size_t comma = eq == std::string::npos ? eq : text.find(',', eq + 1);
  if (eq == std::string::npos || comma == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--scenario ", text, ": expected NAME=CONTRACT_FILE,TARIFF_FILE"));
  }
  ScenarioFlag s{text.substr(0, eq), text.substr(eq + 1, comma - eq - 1),
                 text.substr(comma + 1)};
  if (s.name.empty() || s.contract_path.empty() || s.tariff_path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--scenario ", text,
        ": the name, the contract file and the tariff file are all needed"));
  }
  return s;
}

void WriteScenarios(const Comparison& c, const std::vector<ScenarioFlag>& flags,
                    CsvWriter& out) {
  out.Row({"scenario", "contract", "tariff", "lines", "baseline_pence",
           "activity_pence", "risk_shared_pence", "withheld_pence",
           "earned_pence", "payment_pence", "difference_pence"});
  for (size_t i = 0; i < c.scenarios.size(); ++i) {
    const ScenarioResult& r = c.scenarios[i];
    out.Field(r.name);
    out.Field(flags[i].contract_path);
    out.Field(flags[i].tariff_path);
    out.Field(r.lines);
    out.Field(r.totals.baseline_pence);
    out.Field(r.totals.activity_pence);
    out.Field(r.totals.risk_shared_pence);
    out.Field(r.totals.withheld_pence);
    out.Field(r.totals.earned_pence);
    out.Field(r.totals.payment_pence);
    out.Field(r.difference_pence);
    out.EndRow();
  }
}

// One row per scenario of a cluster's or a commissioner's amounts.
template <typename Key>
void WriteAmounts(const Comparison& c, const Key& key,
                  const std::vector<ClusterScenarioAmount>& amounts,
                  CsvWriter& out) {
  for (size_t i = 0; i < amounts.size(); ++i) {
    const ClusterScenarioAmount& a = amounts[i];
    out.Field(key);
    out.Field(c.scenarios[i].name);
    out.Field(a.periods);
    out.Field(a.days);
    out.Field(a.amount_pence);
    out.Field(a.difference_pence);
    out.EndRow();
  }
}

void WriteByCluster(const Comparison& c, CsvWriter& out) {
  out.Row({"cluster", "scenario", "periods", "days", "amount_pence",
           "difference_pence"});
  for (const ClusterComparison& k : c.clusters) {
    WriteAmounts(c, int64_t{k.cluster.code()}, k.scenarios, out);
  }
}

void WriteByCommissioner(const Comparison& c, CsvWriter& out) {
  out.Row({"commissioner", "scenario", "periods", "days", "amount_pence",
           "difference_pence"});
  for (const CommissionerComparison& k : c.commissioners) {
    WriteAmounts(c, k.commissioner, k.scenarios, out);
  }
}

}  // namespace

int RunCompare(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"compare",
                        {"periods", "one-offs", "indicators", "rules", "out",
                         "by-cluster", "by-commissioner", "rejects", "xlsx",
                         kSuppressThreshold, kSuppressBase},
                        {"strict", kSuppress},
                        {"periods"},
                        {"scenario"}},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  auto fail = DataError;
  // Every output is aggregated; the workbook has no suppression yet, so it
  // is refused rather than written as it is.
  auto suppress = SuppressionFromArgs(*args, start.rules->suppression(), {});
  if (!suppress.ok()) return UsageError("compare", suppress.status().message());
  if (*suppress && args->Has("xlsx")) {
    return UsageError("compare", "--suppress does not cover --xlsx");
  }
  std::vector<ScenarioFlag> flags;
  std::set<std::string> names;
  for (const std::string& text : args->GetAll("scenario")) {
    auto flag = ParseScenarioFlag(text);
    if (!flag.ok()) return UsageError("compare", flag.status().message());
    if (!names.insert(flag->name).second) {
      return UsageError("compare", absl::StrCat("--scenario ", flag->name,
                                                ": the name is given twice"));
    }
    flags.push_back(*std::move(flag));
  }
  if (flags.size() < 2) {
    return UsageError(
        "compare", absl::StrCat("at least two --scenario options are needed, "
                                "got ",
                                flags.size()));
  }
  // Contracts and tariffs: each whole or the run stops (exit 2). Filled
  // before any Scenario refers to them.
  std::vector<Contract> contracts;
  std::vector<TariffSchedule> tariffs;
  for (const ScenarioFlag& f : flags) {
    auto contract = LoadContractFile(f.contract_path);
    if (!contract.ok()) return fail(contract.status());
    contracts.push_back(*std::move(contract));
    auto tariff = ReadTariffFile(f.tariff_path);
    if (!tariff.ok()) return fail(tariff.status());
    tariffs.push_back(*std::move(tariff));
  }
  auto indicators = ReadIndicatorsFile(args->Get("indicators"));
  if (!indicators.ok()) return fail(indicators.status());
  OutputSet outputs;
  // Opened first unless suppressed: then written through the suppression.
  absl::StatusOr<std::FILE*> out_file = nullptr;
  if (!*suppress) out_file = outputs.Open(args->Get("out"));
  if (!out_file.ok()) return fail(out_file.status());
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());

  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger);
  if (!periods.ok()) return fail(periods.status());
  auto one_offs = ReadOneOffsFile(args->Get("one-offs"), **ledger);
  if (!one_offs.ok()) return fail(one_offs.status());
  std::vector<Scenario> scenarios;
  scenarios.reserve(flags.size());
  for (size_t i = 0; i < flags.size(); ++i) {
    scenarios.push_back(Scenario{flags[i].name, contracts[i], tariffs[i],
                                 *one_offs, *indicators});
  }
  auto comparison = CompareContracts(*periods, scenarios, *start.rules);
  if (!comparison.ok()) return fail(comparison.status());

  if (*out_file != nullptr) {
    CsvWriter out(*out_file);
    WriteScenarios(*comparison, flags, out);
  } else if (absl::Status s = WriteAggregateCsv(
                 outputs, args->Get("out"), CompareScenariosSuppression(),
                 *suppress,
                 [&](CsvWriter& w) { WriteScenarios(*comparison, flags, w); });
             !s.ok()) {
    return fail(s);
  }
  // Only when asked for (no path would mean stdout).
  if (args->Has("by-cluster")) {
    if (absl::Status s = WriteAggregateCsv(
            outputs, args->Get("by-cluster"),
            CompareAmountsSuppression("cluster"), *suppress,
            [&](CsvWriter& w) { WriteByCluster(*comparison, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (args->Has("by-commissioner")) {
    if (absl::Status s = WriteAggregateCsv(
            outputs, args->Get("by-commissioner"),
            CompareAmountsSuppression("commissioner"), *suppress,
            [&](CsvWriter& w) { WriteByCommissioner(*comparison, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (auto xlsx = args->Get("xlsx")) {
    std::vector<CsvSheet> sheets = {
        {"scenarios",
         [&](CsvWriter& w) { WriteScenarios(*comparison, flags, w); }},
        {"by_cluster", [&](CsvWriter& w) { WriteByCluster(*comparison, w); }}};
    if (!comparison->commissioners.empty()) {
      sheets.push_back({"by_commissioner", [&](CsvWriter& w) {
                          WriteByCommissioner(*comparison, w);
                        }});
    }
    if (absl::Status s = WriteCsvWorkbook(outputs, *xlsx, sheets); !s.ok()) {
      return fail(s);
    }
  }
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
