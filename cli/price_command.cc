// mhpbr price --periods FILE --tariff FILE --contract FILE [--contract ...]
//             [--one-offs FILE] [--indicators FILE] [--rules FILE]
//             [--out FILE] [--summary FILE] [--by-cluster FILE]
//             [--by-commissioner FILE] [--rejects FILE] [--strict]
//             [--as-of DATE [--months FILE]] [--bed-days FILE]
//             [--xlsx FILE]
// The statement a commissioner pays from (formats.md, pricing.md 3-6).
// With --as-of, an in-year statement (in_year.h): the statement and
// summary figures are the forecast outturn, the summary adds the earnings
// to date and the forecast's assumptions, --months the months to date.
// With contracts naming their commissioners, one statement per
// commissioner (commissioner_statements.h): the outputs gain a leading
// `commissioner` column and the summary is the provider's total.

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "bed_days.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/commissioner_statements.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/in_year.h"
#include "mhpbr/indicator_csv.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"
#include "output_file.h"
#include "period_rows.h"
#include "pricing_inputs.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "xlsx_workbook.h"

namespace mhpbr::cli {
namespace {

constexpr absl::string_view kStatementColumns[] = {
    "patient_id",        "cluster", "start", "end",
    "days_in_year",      "basis",   "units", "amount_pence",
    "social_care_pence", "status"};

// One statement row, after any leading columns the caller wrote.
void WriteLine(const StatementLine& l, CsvWriter& out) {
  out.Field(l.patient_id);
  if (l.cluster) {
    out.Field(int64_t{l.cluster->code()});
    out.Field(FormatIsoDate(l.start));
    out.Field(l.end ? FormatIsoDate(*l.end) : std::string());
    out.Field(l.days_in_year);
  } else {
    // A one-off has no cluster, dates or days; formats.md's columns
    // have no place for its item, so one-offs keep their input order.
    out.EmptyField();
    out.EmptyField();
    out.EmptyField();
    out.EmptyField();
  }
  if (l.one_off) {
    out.Field("one_off");
  } else if (l.basis) {
    out.Field(BasisName(*l.basis));
  } else {
    out.EmptyField();
  }
  out.Field(l.units);
  out.Field(l.amount_pence);
  out.Field(l.social_care_pence);
  out.Field(LineStatusName(l.status));
  out.EndRow();
}

void WriteStatement(const Statement& st, CsvWriter& out) {
  for (absl::string_view column : kStatementColumns) out.Field(column);
  out.EndRow();
  for (const StatementLine& l : st.lines) WriteLine(l, out);
}

// By commissioner: each one's lines (in code order), then those naming
// none.
void WriteCommissionerStatement(const CommissionerStatements& cs,
                                CsvWriter& out) {
  out.Field("commissioner");
  for (absl::string_view column : kStatementColumns) out.Field(column);
  out.EndRow();
  for (const CommissionerStatement& c : cs.commissioners) {
    for (const StatementLine& l : c.statement.lines) {
      out.Field(c.commissioner);
      WriteLine(l, out);
    }
  }
  for (const StatementLine& l : cs.no_commissioner) {
    out.EmptyField();
    WriteLine(l, out);
  }
}

// The rows every summary starts with (formats.md).
void WriteTotals(int64_t lines, const StatementTotals& t, bool decoupled,
                 CsvWriter& out) {
  out.Row({"key", "value"});
  out.KeyValueRow("lines", lines);
  out.KeyValueRow("baseline_pence", t.baseline_pence);
  out.KeyValueRow("activity_pence", t.activity_pence);
  out.KeyValueRow("risk_shared_pence", t.risk_shared_pence);
  out.KeyValueRow("risk_share_pence", t.risk_share_pence);
  out.KeyValueRow("withheld_pence", t.withheld_pence);
  out.KeyValueRow("earned_pence", t.earned_pence);
  out.KeyValueRow("payment_pence", t.payment_pence);
  if (decoupled) {
    out.KeyValueRow("health_pence", t.health_pence);
    out.KeyValueRow("social_care_pence", t.social_care_pence);
  }
}

// `attainments`: with --indicators, one attainment_ppm:NAME row per
// outcome (formats.md).
void WriteSummary(const Statement& st, bool attainments, CsvWriter& out) {
  WriteTotals(static_cast<int64_t>(st.lines.size()), st.totals, st.decoupled,
              out);
  if (attainments) {
    for (const OutcomeAttainment& a : st.outcomes) {
      out.Field(absl::StrCat("attainment_ppm:", a.name));
      out.Field(a.attainment_ppm);
      out.EndRow();
    }
  }
}

// The provider's totals, then attainment_ppm:COMMISSIONER:NAME rows (each
// commissioner's contract has its own outcomes) and the counts of
// commissioners and of records naming none.
void WriteCommissionerSummary(const CommissionerStatements& cs,
                              bool attainments, CsvWriter& out) {
  WriteTotals(cs.lines, cs.totals, cs.decoupled, out);
  if (attainments) {
    for (const CommissionerStatement& c : cs.commissioners) {
      for (const OutcomeAttainment& a : c.statement.outcomes) {
        out.KeyValueRow(
            absl::StrCat("attainment_ppm:", c.commissioner, ":", a.name),
            a.attainment_ppm);
      }
    }
  }
  out.KeyValueRow("commissioners",
                  static_cast<int64_t>(cs.commissioners.size()));
  out.KeyValueRow("periods_without_commissioner",
                  cs.periods_without_commissioner);
  out.KeyValueRow("one_offs_without_commissioner",
                  cs.one_offs_without_commissioner);
}

void WriteByCommissioner(const CommissionerStatements& cs, CsvWriter& out) {
  out.Row({"commissioner", "provider", "lines", "activity_pence",
           "risk_share_pence", "withheld_pence", "earned_pence",
           "payment_pence", "health_pence", "social_care_pence"});
  auto row = [&](absl::string_view commissioner, absl::string_view provider,
                 int64_t lines, const StatementTotals& t) {
    out.Field(commissioner);
    out.Field(provider);
    out.Field(lines);
    out.Field(t.activity_pence);
    out.Field(t.risk_share_pence);
    out.Field(t.withheld_pence);
    out.Field(t.earned_pence);
    out.Field(t.payment_pence);
    out.Field(t.health_pence);
    out.Field(t.social_care_pence);
    out.EndRow();
  };
  for (const CommissionerStatement& c : cs.commissioners) {
    row(c.commissioner, c.provider,
        static_cast<int64_t>(c.statement.lines.size()), c.statement.totals);
  }
  row("total", cs.provider, cs.lines, cs.totals);
}

// The in-year rows after the annual ones: as_of, earned to date, the
// forecast's activity and payment, and its assumptions.
void WriteInYearSummary(
    absl::CivilDay as_of, int64_t earned_to_date_pence,
    const StatementTotals& forecast,
    const std::vector<std::pair<std::string, std::string>>& assumptions,
    CsvWriter& out) {
  out.KeyValueRow("as_of", FormatIsoDate(as_of));
  out.KeyValueRow("earned_to_date_pence", earned_to_date_pence);
  out.KeyValueRow("forecast_activity_pence", forecast.activity_pence);
  out.KeyValueRow("forecast_payment_pence", forecast.payment_pence);
  for (const auto& [key, value] : assumptions) out.KeyValueRow(key, value);
}

// `commissioner`: the leading column's value, or none for no such column.
void WriteMonthRows(absl::Span<const InYearMonth> months,
                    std::optional<absl::string_view> commissioner,
                    CsvWriter& out) {
  for (const InYearMonth& m : months) {
    if (commissioner) out.Field(*commissioner);
    out.Field(absl::FormatCivilTime(m.month));
    out.Field(m.periods);
    out.Field(m.days);
    out.Field(m.amount_pence);
    out.Field(m.cumulative_pence);
    out.EndRow();
  }
}

constexpr absl::string_view kMonthColumns[] = {
    "month", "periods", "days", "amount_pence", "cumulative_pence"};

void WriteMonths(const InYearStatement& iy, CsvWriter& out) {
  for (absl::string_view column : kMonthColumns) out.Field(column);
  out.EndRow();
  WriteMonthRows(iy.months, std::nullopt, out);
}

// Each commissioner's months, then the provider's as `total`.
void WriteCommissionerMonths(const CommissionerInYear& iy, CsvWriter& out) {
  out.Field("commissioner");
  for (absl::string_view column : kMonthColumns) out.Field(column);
  out.EndRow();
  for (size_t i = 0; i < iy.in_year.size(); ++i) {
    WriteMonthRows(iy.in_year[i].months,
                   iy.forecast.commissioners[i].commissioner, out);
  }
  WriteMonthRows(iy.months, "total", out);
}

void WriteByCluster(absl::Span<const ClusterStatement> clusters,
                    CsvWriter& out) {
  out.Row({"cluster", "patients", "periods", "days", "amount_pence"});
  for (const ClusterStatement& c : clusters) {
    out.Field(int64_t{c.cluster.code()});
    out.Field(c.patients);
    out.Field(c.periods);
    out.Field(c.days);
    out.Field(c.amount_pence);
    out.EndRow();
  }
}

// The inputs every pricing run reads, loaded before any output is written.
struct PriceInputs {
  // A tariff schedule has no empty state: it is read first.
  explicit PriceInputs(TariffSchedule t) : tariff(std::move(t)) {}

  std::vector<std::string> contract_paths;
  std::vector<Contract> contracts;
  TariffSchedule tariff;
  std::optional<std::string> indicators_path;
  std::vector<MeasuredIndicator> indicators;
  std::vector<PeriodToPrice> periods;
  std::vector<OneOff> one_offs;
  // --bed-days read (the tariff has setting prices): its rows not stays.
  std::optional<int64_t> bed_days_ignored;
};

void WarnNoValue(const std::optional<std::string>& indicators_path,
                 const Statement& st) {
  for (const OutcomeAttainment& a : st.outcomes) {
    if (!a.no_value) continue;
    std::fprintf(stderr,
                 "%s: indicator %s has no value (denominator 0): its outcome "
                 "earns 0\n",
                 indicators_path->c_str(), a.name.c_str());
  }
}

// Contracts naming their commissioners: one statement each, the outputs
// with a leading `commissioner` column, the summary the provider's total.
int PriceByCommissioners(const CommandStart& start, const PriceInputs& in,
                         OutputSet& outputs, std::FILE* out_file,
                         RowLedger& ledger) {
  const Args* args = &start.args;
  auto fail = DataError;
  std::optional<CommissionerInYear> in_year;
  std::optional<CommissionerStatements> annual;
  if (start.as_of) {
    auto iy = PriceInYearByCommissioner(
        in.periods, in.one_offs, in.tariff, in.contracts, *start.rules,
        *start.as_of, in.indicators, in.contract_paths);
    if (!iy.ok()) return fail(iy.status());
    in_year = *std::move(iy);
  } else {
    auto st =
        PriceByCommissioner(in.periods, in.one_offs, in.tariff, in.contracts,
                            *start.rules, in.indicators, in.contract_paths);
    if (!st.ok()) return fail(st.status());
    annual = *std::move(st);
  }
  const CommissionerStatements& cs = in_year ? in_year->forecast : *annual;
  for (const RecordWithoutContract& u : cs.without_contract) {
    ledger.RejectAccepted(
        u.line, u.id,
        absl::StrCat(u.one_off ? *args->Get("one-offs") : *args->Get("periods"),
                     ": commissioner: '", u.commissioner, "' has no contract"));
  }
  for (const CommissionerStatement& c : cs.commissioners) {
    WarnNoValue(in.indicators_path, c.statement);
  }
  {
    CsvWriter out(out_file);
    WriteCommissionerStatement(cs, out);
  }
  auto summary = [&](CsvWriter& w) {
    WriteCommissionerSummary(cs, in.indicators_path.has_value(), w);
    if (in_year) {
      WriteInYearSummary(in_year->as_of, in_year->earned_to_date_pence,
                         cs.totals, in_year->assumptions, w);
    }
    if (in.tariff.has_setting_prices()) {
      SettingSummary by_setting;
      for (const CommissionerStatement& c : cs.commissioners) {
        by_setting.Add(c.statement.lines);
      }
      by_setting.Write(in.bed_days_ignored, w);
    }
  };
  if (args->Has("summary")) {
    if (absl::Status s = WriteCsv(outputs, args->Get("summary"), summary);
        !s.ok()) {
      return fail(s);
    }
  }
  if (args->Has("by-cluster")) {
    if (absl::Status s =
            WriteCsv(outputs, args->Get("by-cluster"),
                     [&](CsvWriter& w) { WriteByCluster(cs.clusters, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (args->Has("by-commissioner")) {
    if (absl::Status s =
            WriteCsv(outputs, args->Get("by-commissioner"),
                     [&](CsvWriter& w) { WriteByCommissioner(cs, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (in_year && args->Has("months")) {
    if (absl::Status s = WriteCsv(
            outputs, args->Get("months"),
            [&](CsvWriter& w) { WriteCommissionerMonths(*in_year, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (auto xlsx = args->Get("xlsx")) {
    std::vector<CsvSheet> sheets = {
        {"statement", [&](CsvWriter& w) { WriteCommissionerStatement(cs, w); }},
        {"summary", summary},
        {"by_cluster", [&](CsvWriter& w) { WriteByCluster(cs.clusters, w); }},
        {"by_commissioner", [&](CsvWriter& w) { WriteByCommissioner(cs, w); }}};
    if (in_year) {
      sheets.push_back({"months", [&](CsvWriter& w) {
                          WriteCommissionerMonths(*in_year, w);
                        }});
    }
    for (const CommissionerStatement& c : cs.commissioners) {
      sheets.push_back({c.commissioner, [&c](CsvWriter& w) {
                          WriteStatement(c.statement, w);
                        }});
    }
    if (absl::Status s = WriteCsvWorkbook(outputs, *xlsx, sheets); !s.ok()) {
      return fail(s);
    }
  }
  return ledger.Finish();
}

}  // namespace

int RunPrice(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop =
          StartCommand({"price",
                        {"periods", "tariff", "one-offs", "indicators", "rules",
                         "out", "summary", "by-cluster", "by-commissioner",
                         "rejects", "as-of", "months", "bed-days", "xlsx"},
                        {"strict"},
                        {"periods", "tariff"},
                        {"contract"},
                        /*rules_by_date=*/true},
                       argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  std::vector<std::string> contract_paths = args->GetAll("contract");
  if (contract_paths.empty() ||
      std::any_of(contract_paths.begin(), contract_paths.end(),
                  [](const std::string& p) { return p.empty(); })) {
    return UsageError("price", "--contract is required");
  }
  if (args->Has("months") && !start.as_of) {
    return UsageError("price", "--months needs --as-of");
  }
  auto fail = DataError;
  if (start.bundle->dated() && (start.as_of || args->Has("by-commissioner"))) {
    return UsageError("price",
                      "--rules: a bundle of rule sets by date prices the "
                      "whole year of one contract (not with --as-of or "
                      "commissioners' contracts)");
  }
  std::vector<Contract> contracts;
  for (const std::string& path : contract_paths) {
    auto contract = LoadContractFile(path);
    if (!contract.ok()) return fail(contract.status());
    contracts.push_back(*std::move(contract));
  }
  const bool by_commissioner = PricesByCommissioner(contracts);
  if (args->Has("by-commissioner") && !by_commissioner) {
    return UsageError("price",
                      "--by-commissioner needs contracts that name their "
                      "commissioner");
  }
  if (absl::Status s = ValidateCommissionerContracts(contracts, contract_paths);
      !s.ok()) {
    return fail(s);
  }
  auto tariff = ReadTariffFile(*args->Get("tariff"));
  if (!tariff.ok()) return fail(tariff.status());
  PriceInputs in(*std::move(tariff));
  in.contract_paths = std::move(contract_paths);
  in.contracts = std::move(contracts);
  // Measured indicators: the whole file or the run stops (exit 2).
  in.indicators_path = args->Get("indicators");
  auto indicators = ReadIndicatorsFile(in.indicators_path);
  if (!indicators.ok()) return fail(indicators.status());
  in.indicators = *std::move(indicators);
  OutputSet outputs;
  auto out_file = outputs.Open(args->Get("out"));
  if (!out_file.ok()) return fail(out_file.status());
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());

  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger);
  if (!periods.ok()) return fail(periods.status());
  in.periods = *std::move(periods);
  // Without setting prices in the tariff, admitted nights change nothing.
  if (auto path = args->Get("bed-days");
      path && in.tariff.has_setting_prices()) {
    auto ignored = ReadBedDays(*path, **ledger, in.periods);
    if (!ignored.ok()) return fail(ignored.status());
    in.bed_days_ignored = *ignored;
  }
  auto one_offs = ReadOneOffsFile(args->Get("one-offs"), **ledger);
  if (!one_offs.ok()) return fail(one_offs.status());
  in.one_offs = *std::move(one_offs);
  if (by_commissioner && start.bundle->dated()) {
    return UsageError("price",
                      "--rules: a bundle of rule sets by date prices one "
                      "contract without a commissioner");
  }
  if (by_commissioner) {
    return PriceByCommissioners(start, in, outputs, *out_file, **ledger);
  }
  const Contract& contract = in.contracts[0];
  // With --as-of the statement is the in-year forecast outturn: the same
  // statement PriceContract writes for these inputs.
  std::optional<InYearStatement> in_year;
  std::optional<Statement> annual;
  if (start.as_of) {
    auto iy = PriceInYear(in.periods, in.one_offs, in.tariff, contract,
                          *start.rules, *start.as_of, in.indicators);
    if (!iy.ok()) return fail(iy.status());
    in_year = *std::move(iy);
  } else {
    auto st = PriceContract(in.periods, in.one_offs, in.tariff, contract,
                            *start.bundle, in.indicators);
    if (!st.ok()) return fail(st.status());
    annual = *std::move(st);
  }
  const Statement* statement = in_year ? &in_year->forecast : &*annual;
  WarnNoValue(in.indicators_path, *statement);

  {
    CsvWriter out(*out_file);
    WriteStatement(*statement, out);
  }
  // Optional outputs: only when asked for (no path would mean stdout).
  auto summary = [&](CsvWriter& w) {
    WriteSummary(*statement, in.indicators_path.has_value(), w);
    if (in_year) {
      WriteInYearSummary(in_year->as_of, in_year->earned_to_date_pence,
                         in_year->forecast.totals, in_year->assumptions, w);
    }
    if (in.tariff.has_setting_prices()) {
      SettingSummary by_setting;
      by_setting.Add(statement->lines);
      by_setting.Write(in.bed_days_ignored, w);
    }
  };
  if (args->Has("summary")) {
    if (absl::Status s = WriteCsv(outputs, args->Get("summary"), summary);
        !s.ok()) {
      return fail(s);
    }
  }
  if (args->Has("by-cluster")) {
    if (absl::Status s = WriteCsv(
            outputs, args->Get("by-cluster"),
            [&](CsvWriter& w) { WriteByCluster(statement->clusters, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (in_year && args->Has("months")) {
    if (absl::Status s =
            WriteCsv(outputs, args->Get("months"),
                     [&](CsvWriter& w) { WriteMonths(*in_year, w); });
        !s.ok()) {
      return fail(s);
    }
  }
  if (auto xlsx = args->Get("xlsx")) {
    std::vector<CsvSheet> sheets = {
        {"statement", [&](CsvWriter& w) { WriteStatement(*statement, w); }},
        {"summary", summary},
        {"by_cluster",
         [&](CsvWriter& w) { WriteByCluster(statement->clusters, w); }}};
    if (in_year) {
      sheets.push_back(
          {"months", [&](CsvWriter& w) { WriteMonths(*in_year, w); }});
    }
    if (absl::Status s = WriteCsvWorkbook(outputs, *xlsx, sheets); !s.ok()) {
      return fail(s);
    }
  }
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
