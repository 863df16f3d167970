// mhpbr price --periods FILE --tariff FILE --contract FILE [--one-offs FILE]
//             [--indicators FILE] [--rules FILE] [--out FILE]
//             [--summary FILE] [--by-cluster FILE] [--rejects FILE]
//             [--strict] [--as-of DATE [--months FILE]]
// The statement a commissioner pays from (formats.md, pricing.md 3-6).
// With --as-of, an in-year statement (in_year.h): the statement and
// summary figures are the forecast outturn, the summary adds the earnings
// to date and the forecast's assumptions, --months the months to date.

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
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

namespace mhpbr::cli {
namespace {

void WriteStatement(const Statement& st, CsvWriter& out) {
  out.Row({"patient_id", "cluster", "start", "end", "days_in_year", "basis",
           "units", "amount_pence", "social_care_pence", "status"});
  for (const StatementLine& l : st.lines) {
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
    out.Field(l.one_off ? absl::string_view("priced")
                        : LineStatusName(l.status));
    out.EndRow();
  }
}

// `attainments`: with --indicators, one attainment_ppm:NAME row per
// outcome (formats.md).
void WriteSummary(const Statement& st, bool attainments, CsvWriter& out) {
  const StatementTotals& t = st.totals;
  out.Row({"key", "value"});
  auto row = [&](absl::string_view key, int64_t value) {
    out.Field(key);
    out.Field(value);
    out.EndRow();
  };
  row("lines", static_cast<int64_t>(st.lines.size()));
  row("baseline_pence", t.baseline_pence);
  row("activity_pence", t.activity_pence);
  row("risk_shared_pence", t.risk_shared_pence);
  row("risk_share_pence", t.risk_share_pence);
  row("withheld_pence", t.withheld_pence);
  row("earned_pence", t.earned_pence);
  row("payment_pence", t.payment_pence);
  if (st.decoupled) {
    row("health_pence", t.health_pence);
    row("social_care_pence", t.social_care_pence);
  }
  if (attainments) {
    for (const OutcomeAttainment& a : st.outcomes) {
      row(absl::StrCat("attainment_ppm:", a.name), a.attainment_ppm);
    }
  }
}

// The in-year rows after the annual ones: as_of, earned to date, the
// forecast's activity and payment, and its assumptions.
void WriteInYearSummary(const InYearStatement& iy, CsvWriter& out) {
  auto row = [&](absl::string_view key, absl::string_view value) {
    out.Field(key);
    out.Field(value);
    out.EndRow();
  };
  row("as_of", FormatIsoDate(iy.as_of));
  row("earned_to_date_pence", absl::StrCat(iy.earned_to_date_pence));
  row("forecast_activity_pence",
      absl::StrCat(iy.forecast.totals.activity_pence));
  row("forecast_payment_pence", absl::StrCat(iy.forecast.totals.payment_pence));
  for (const auto& [key, value] : iy.assumptions) row(key, value);
}

void WriteMonths(const InYearStatement& iy, CsvWriter& out) {
  out.Row({"month", "periods", "days", "amount_pence", "cumulative_pence"});
  for (const InYearMonth& m : iy.months) {
    out.Field(absl::FormatCivilTime(m.month));
    out.Field(m.periods);
    out.Field(m.days);
    out.Field(m.amount_pence);
    out.Field(m.cumulative_pence);
    out.EndRow();
  }
}

void WriteByCluster(const Statement& st, CsvWriter& out) {
  out.Row({"cluster", "patients", "periods", "days", "amount_pence"});
  for (const ClusterStatement& c : st.clusters) {
    out.Field(int64_t{c.cluster.code()});
    out.Field(c.patients);
    out.Field(c.periods);
    out.Field(c.days);
    out.Field(c.amount_pence);
    out.EndRow();
  }
}

}  // namespace

int RunPrice(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop = StartCommand(
          {"price",
           {"periods", "tariff", "contract", "one-offs", "indicators", "rules",
            "out", "summary", "by-cluster", "rejects", "as-of", "months"},
           {"strict"},
           {"periods", "tariff", "contract"}},
          argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  if (args->Has("months") && !start.as_of) {
    return UsageError("price", "--months needs --as-of");
  }
  auto fail = DataError;
  auto contract = LoadContractFile(*args->Get("contract"));
  if (!contract.ok()) return fail(contract.status());
  auto tariff = ReadTariffFile(*args->Get("tariff"));
  if (!tariff.ok()) return fail(tariff.status());
  // Measured indicators: the whole file or the run stops (exit 2).
  const std::optional<std::string> indicators_path = args->Get("indicators");
  auto indicators = ReadIndicatorsFile(indicators_path);
  if (!indicators.ok()) return fail(indicators.status());
  OutputSet outputs;
  auto out_file = outputs.Open(args->Get("out"));
  if (!out_file.ok()) return fail(out_file.status());
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());

  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger);
  if (!periods.ok()) return fail(periods.status());
  auto one_offs = ReadOneOffsFile(args->Get("one-offs"), **ledger);
  if (!one_offs.ok()) return fail(one_offs.status());
  // With --as-of the statement is the in-year forecast outturn: the same
  // statement PriceContract writes for these inputs.
  std::optional<InYearStatement> in_year;
  std::optional<Statement> annual;
  if (start.as_of) {
    auto iy = PriceInYear(*periods, *one_offs, *tariff, *contract, *start.rules,
                          *start.as_of, *indicators);
    if (!iy.ok()) return fail(iy.status());
    in_year = *std::move(iy);
  } else {
    auto st = PriceContract(*periods, *one_offs, *tariff, *contract,
                            *start.rules, *indicators);
    if (!st.ok()) return fail(st.status());
    annual = *std::move(st);
  }
  const Statement* statement = in_year ? &in_year->forecast : &*annual;
  for (const OutcomeAttainment& a : statement->outcomes) {
    if (!a.no_value) continue;
    std::fprintf(stderr,
                 "%s: indicator %s has no value (denominator 0): its outcome "
                 "earns 0\n",
                 indicators_path->c_str(), a.name.c_str());
  }

  {
    CsvWriter out(*out_file);
    WriteStatement(*statement, out);
  }
  // Optional outputs: only when asked for (no path would mean stdout).
  if (args->Has("summary")) {
    if (absl::Status s =
            WriteCsv(outputs, args->Get("summary"),
                     [&](CsvWriter& w) {
                       WriteSummary(*statement, indicators_path.has_value(), w);
                       if (in_year) WriteInYearSummary(*in_year, w);
                     });
        !s.ok()) {
      return fail(s);
    }
  }
  if (args->Has("by-cluster")) {
    if (absl::Status s =
            WriteCsv(outputs, args->Get("by-cluster"),
                     [&](CsvWriter& w) { WriteByCluster(*statement, w); });
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
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
