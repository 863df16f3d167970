// mhpbr spc --in FILE [--direction up|down|neutral] [--target VALUE]
//           [--fix-after N] [--no-screen] [--rules FILE] [--out FILE]
//           [--summary FILE] [--svg FILE] [--rejects FILE] [--strict]
// Making Data Count SPC charts of any monthly series (formats.md, spc.md).

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/exact_decimal.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/spc.h"
#include "mhpbr/spc_svg.h"
#include "mhpbr/spc_table.h"
#include "mhpbr/status_macros.h"
#include "output_file.h"
#include "row_ledger.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("spc", why); }

// One series as read: its months in file order (empty values included, to
// catch a month given twice), and the first direction and target given.
struct SeriesRows {
  std::string name;
  std::vector<std::pair<absl::CivilMonth, std::optional<ExactDecimal>>> rows;
  absl::flat_hash_map<int64_t, int64_t> line_of_month;
  std::optional<SpcDirection> direction;
  std::optional<ExactDecimal> target;
};

struct Defaults {
  SpcDirection direction = SpcDirection::kNeutral;
  std::optional<ExactDecimal> target;
};

absl::StatusOr<std::vector<SpcSeries>> ReadSeries(const std::string& path,
                                                  const Defaults& defaults,
                                                  RowLedger& ledger) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  CsvReader csv(in.get(), path);
  MHPBR_RETURN_IF_ERROR(csv.ReadHeader());
  const std::optional<int> series_col = csv.Column("series"),
                           month_col = csv.Column("month"),
                           value_col = csv.Column("value"),
                           direction_col = csv.Column("direction"),
                           target_col = csv.Column("target");
  for (const auto& [name, col] :
       {std::pair{"series", series_col}, std::pair{"month", month_col},
        std::pair{"value", value_col}}) {
    if (!col) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": no '", name, "' column"));
    }
  }
  std::vector<SeriesRows> all;
  absl::flat_hash_map<std::string, size_t> index;
  CsvRecord rec;
  auto cell = [&](const std::optional<int>& col) {
    return col && *col < static_cast<int>(rec.fields.size())
               ? rec.fields[*col]
               : absl::string_view();
  };
  while (csv.Next(&rec)) {
    const absl::string_view name = cell(series_col);
    if (!rec.error.empty()) {
      ledger.Reject(rec.line, name, rec.error);
      continue;
    }
    if (name.empty()) {
      ledger.Reject(rec.line, name, "series: empty");
      continue;
    }
    auto month = ParseIsoMonth(cell(month_col));
    if (!month.ok()) {
      ledger.Reject(rec.line, name,
                    absl::StrCat("month: ", month.status().message()));
      continue;
    }
    // An empty cell is none; one that cannot be read rejects the row.
    auto read = [&](absl::string_view column, absl::string_view text,
                    auto parse, auto* out) {
      if (text.empty()) return true;
      auto parsed = parse(text);
      if (!parsed.ok()) {
        ledger.Reject(rec.line, name,
                      absl::StrCat(column, ": ", parsed.status().message()));
        return false;
      }
      *out = *parsed;
      return true;
    };
    std::optional<ExactDecimal> value, target;
    std::optional<SpcDirection> direction;
    if (!read("value", cell(value_col), ParseExactDecimal, &value) ||
        !read("direction", cell(direction_col), ParseSpcDirection,
              &direction) ||
        !read("target", cell(target_col), ParseExactDecimal, &target)) {
      continue;
    }
    auto [it, added] = index.try_emplace(name, all.size());
    if (added) {
      all.emplace_back();
      all.back().name = std::string(name);
    }
    SeriesRows& s = all[it->second];
    const int64_t key = month->year() * 12 + month->month();
    auto [seen, first] = s.line_of_month.try_emplace(key, rec.line);
    if (!first) {
      ledger.Reject(rec.line, name,
                    absl::StrCat("duplicate_month: ", FormatIsoMonth(*month),
                                 " is already on line ", seen->second));
      continue;
    }
    s.rows.emplace_back(*month, value);
    if (!s.direction) s.direction = direction;
    if (!s.target) s.target = target;
    ledger.Ok();
  }
  MHPBR_RETURN_IF_ERROR(csv.io_status());

  std::sort(
      all.begin(), all.end(),
      [](const SeriesRows& a, const SeriesRows& b) { return a.name < b.name; });
  std::vector<SpcSeries> series(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    SeriesRows& rows = all[i];
    std::sort(rows.rows.begin(), rows.rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    SpcSeries& s = series[i];
    s.name = std::move(rows.name);
    s.direction = rows.direction.value_or(defaults.direction);
    s.target = rows.target ? rows.target : defaults.target;
    s.months.reserve(rows.rows.size());
    s.values.reserve(rows.rows.size());
    for (const auto& [month, value] : rows.rows) {
      if (!value) continue;  // an empty month is left out
      s.months.push_back(month);
      s.values.push_back(*value);
    }
  }
  return series;
}

// The rows of `table` (SpcPointsTable, SpcSummaryTable) under its header.
void WriteTable(const ReportTable& table, CsvWriter& out) {
  for (const std::string& c : table.columns) out.Field(c);
  out.EndRow();
  for (const std::vector<std::string>& row : table.rows) {
    for (const std::string& cell : row) out.Field(cell);
    out.EndRow();
  }
}

}  // namespace

int RunSpc(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop = StartCommand({"spc",
                                {"in", "direction", "target", "fix-after",
                                 "rules", "out", "summary", "svg", "rejects"},
                                {"no-screen", "strict"},
                                {"in"}},
                               argv, &start)) {
    return *stop;
  }
  const Args& args = start.args;
  Defaults defaults;
  if (auto d = args.Get("direction")) {
    auto direction = ParseSpcDirection(*d);
    if (!direction.ok()) {
      return Usage(absl::StrCat("--direction: ", direction.status().message()));
    }
    defaults.direction = *direction;
  }
  if (auto t = args.Get("target")) {
    auto target = ParseExactDecimal(*t);
    if (!target.ok()) {
      return Usage(absl::StrCat("--target: ", target.status().message()));
    }
    defaults.target = *target;
  }
  SpcOptions options;
  options.screen = !args.Has("no-screen");
  if (auto f = args.Get("fix-after")) {
    auto n = ParseInteger(*f);
    if (!n.ok() || *n < 2 || *n > 1000000) {
      return Usage(absl::StrCat("--fix-after: '", *f,
                                "' is not a whole number of points from 2"));
    }
    options.fix_after = static_cast<int>(*n);
  }
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args.Get("rejects"), args.Has("strict"));
  if (!ledger.ok()) return DataError(ledger.status());
  auto series = ReadSeries(*args.Get("in"), defaults, **ledger);
  if (!series.ok()) return DataError(series.status());
  auto charts = mhpbr::RunSpc(*series, options, start.rules->spc());
  if (!charts.ok()) return DataError(charts.status());

  absl::Status written =
      WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
        ForEachSpcPointRow(*charts, [&out](absl::Span<const std::string> row) {
          for (const std::string& cell : row) out.Field(cell);
          out.EndRow();
        });
      });
  if (written.ok() && args.Has("summary")) {
    written = WriteCsv(outputs, args.Get("summary"), [&](CsvWriter& out) {
      WriteTable(SpcSummaryTable(*charts), out);
    });
  }
  if (written.ok() && args.Has("svg")) {
    auto file = outputs.Open(args.Get("svg"));
    if (!file.ok()) {
      written = file.status();
    } else {
      // A short write is reported by Finish(), which commits nothing then.
      WriteAll(*file, SpcSvgPage(*charts, "SPC charts"));
    }
  }
  if (!written.ok()) return DataError(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
