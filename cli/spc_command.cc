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
#include "csv_table.h"
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

// One series as read: its months in file order with their lines (empty
// values included, to catch a month given twice), and the first direction
// and target given. A series' months mostly come in order, and a month
// after every one before it cannot repeat one: the months are hashed only
// once one comes out of order.
struct SeriesRows {
  // Small, as a file may hold millions: the month as MonthKey, places -1
  // for no value.
  struct Row {
    int64_t units = 0;
    int64_t line = 0;
    int32_t month = 0;
    int32_t places = -1;
  };
  std::string name;
  std::vector<Row> rows;
  bool in_order = true;
  absl::flat_hash_map<int32_t, int64_t> line_of_month;  // once out of order
  std::optional<SpcDirection> direction;
  std::optional<ExactDecimal> target;
};

// Months from 1800 to 9999 (ParseIsoMonth), counted from year 0.
int32_t MonthKey(absl::CivilMonth m) {
  return static_cast<int32_t>(m.year() * 12 + m.month() - 1);
}

struct Defaults {
  SpcDirection direction = SpcDirection::kNeutral;
  std::optional<ExactDecimal> target;
};

// `rows` as a series, months rising; its rows are let go.
SpcSeries TakeSeries(SeriesRows& rows, const Defaults& defaults) {
  if (!rows.in_order) {
    std::sort(rows.rows.begin(), rows.rows.end(),
              [](const SeriesRows::Row& a, const SeriesRows::Row& b) {
                return a.month < b.month;
              });
  }
  SpcSeries s;
  s.name = std::move(rows.name);
  s.direction = rows.direction.value_or(defaults.direction);
  s.target = rows.target ? rows.target : defaults.target;
  s.months.reserve(rows.rows.size());
  s.values.reserve(rows.rows.size());
  for (const SeriesRows::Row& row : rows.rows) {
    if (row.places < 0) continue;  // an empty month is left out
    s.months.emplace_back(row.month / 12, row.month % 12 + 1);
    s.values.push_back(ExactDecimal{row.units, row.places});
  }
  rows = SeriesRows();
  return s;
}

// The series of the file at `path`, sorted by name.
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
  // A series' rows mostly follow one another: the last one is tried first.
  size_t last = 0;
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
    if (all.empty() || all[last].name != name) {
      auto [it, added] = index.try_emplace(name, all.size());
      if (added) {
        // Series are mostly of one length: room for as many as the last.
        const size_t room = all.empty() ? 0 : all.back().rows.size();
        all.emplace_back();
        all.back().name = std::string(name);
        all.back().rows.reserve(room);
      }
      last = it->second;
    }
    SeriesRows& s = all[last];
    const int32_t key = MonthKey(*month);
    if (s.in_order && !s.rows.empty() && s.rows.back().month >= key) {
      s.in_order = false;
      for (const SeriesRows::Row& row : s.rows) {
        s.line_of_month.try_emplace(row.month, row.line);
      }
    }
    if (!s.in_order) {
      auto [seen, first] = s.line_of_month.try_emplace(key, rec.line);
      if (!first) {
        ledger.Reject(rec.line, name,
                      absl::StrCat("duplicate_month: ", FormatIsoMonth(*month),
                                   " is already on line ", seen->second));
        continue;
      }
    }
    s.rows.push_back(
        {value ? value->units : 0, rec.line, key, value ? value->places : -1});
    if (!s.direction) s.direction = direction;
    if (!s.target) s.target = target;
    ledger.Ok();
  }
  MHPBR_RETURN_IF_ERROR(csv.io_status());

  std::sort(
      all.begin(), all.end(),
      [](const SeriesRows& a, const SeriesRows& b) { return a.name < b.name; });
  std::vector<SpcSeries> series;
  series.reserve(all.size());
  for (SeriesRows& rows : all) series.push_back(TakeSeries(rows, defaults));
  return series;
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
  // Checked first, so that a bad series stops the run before any chart is
  // written (to standard output, say).
  for (const SpcSeries& s : *series) {
    if (absl::Status checked = CheckSpcSeries(s); !checked.ok()) {
      return DataError(checked);
    }
  }

  // Each chart is drawn, written (its rows, and its part of the SVG page)
  // and let go, so memory does not grow with the points.
  const bool want_summary = args.Has("summary");
  std::FILE* svg = nullptr;
  if (args.Has("svg")) {
    auto file = outputs.Open(args.Get("svg"));
    if (!file.ok()) return DataError(file.status());
    svg = *file;
    // A short write is reported by Finish(), which commits nothing then.
    WriteAll(svg, SpcSvgPageHead(series->size(), "SPC charts"));
  }
  ReportTable summary = SpcSummaryTable({});
  absl::Status drawn;
  size_t drawn_charts = 0;
  absl::Status written =
      WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
        // Rows are formatted into one buffer, reused, and handed over a
        // megabyte at a time: CsvWriter::Rows writes a block that large
        // straight to the file, not copying it into its own buffer.
        constexpr size_t kBlock = 1 << 20;
        std::string text;
        text.reserve(kBlock + (1 << 16));
        const SpcPointRows::RowFn append_row =
            [&text](absl::Span<const absl::string_view> row) {
              AppendCsvRow(row, &text);
            };
        append_row(SpcPointRows::Header());
        SpcPointRows rows;
        for (const SpcSeries& s : *series) {
          auto chart = mhpbr::RunSpc(absl::MakeConstSpan(&s, 1), options,
                                     start.rules->spc());
          if (!chart.ok()) {
            drawn = chart.status();
            return;
          }
          rows.ForChart(chart->front(), append_row);
          if (text.size() >= kBlock) {
            out.Rows(text);
            text.clear();
          }
          if (want_summary) {
            summary.rows.push_back(SpcSummaryRow(chart->front()));
          }
          if (svg != nullptr) {
            WriteAll(svg, SpcSvgPageChart(drawn_charts++, chart->front()));
          }
        }
        out.Rows(text);
      });
  if (!drawn.ok()) return DataError(drawn);
  if (written.ok() && want_summary) {
    written = WriteTableCsv(outputs, args.Get("summary"), summary);
  }
  if (svg != nullptr) WriteAll(svg, SpcSvgPageTail());
  if (!written.ok()) return DataError(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
