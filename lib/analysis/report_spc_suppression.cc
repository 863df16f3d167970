#include "lib/analysis/report_spc_suppression.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "mhpbr/dates.h"
#include "mhpbr/exact_decimal.h"
#include "mhpbr/spc.h"
#include "mhpbr/suppression.h"

namespace mhpbr {
namespace {

// One series' cells as they may be published.
struct JudgedSeries {
  // Each point's month (as written) and its value cell; none when the
  // value is written as it is.
  std::vector<std::string> months;
  std::vector<std::optional<std::string>> values;
  bool any_withheld = false;
};

JudgedSeries Judge(const SpcChart& chart, const SpcSeriesBasis* basis,
                   const SuppressionRules& rule) {
  JudgedSeries j;
  const bool known =
      basis != nullptr && basis->points.size() == chart.points.size();
  for (size_t i = 0; i < chart.points.size(); ++i) {
    j.months.push_back(FormatIsoMonth(chart.points[i].month));
    std::optional<std::string> cell;
    if (!known) {
      cell = std::string(kSuppressedCell);
    } else {
      const SpcPointBasis& b = basis->points[i];
      switch (basis->kind) {
        case SpcBasisKind::kCount: {
          // Written as the table writes values, at the chart's places.
          cell = SuppressedCount(b.whole, rule);
          int64_t rounded = 0;
          if (absl::SimpleAtoi(*cell, &rounded)) {
            cell = FormatExactDecimal({rounded, 0}, SpcFigurePlaces(chart));
          }
          break;
        }
        case SpcBasisKind::kShare:
          if (BelowThreshold(b.part, rule) || BelowThreshold(b.whole, rule)) {
            cell = std::string(kSuppressedCell);
          }
          break;
        case SpcBasisKind::kMoneyPerCount:
          if (BelowThreshold(b.whole, rule)) {
            cell = std::string(kSuppressedCell);
          }
          break;
      }
    }
    j.any_withheld |= cell && *cell == kSuppressedCell;
    j.values.push_back(std::move(cell));
  }
  return j;
}

int ColumnOf(const ReportTable& t, absl::string_view name) {
  for (size_t k = 0; k < t.columns.size(); ++k) {
    if (t.columns[k] == name) return static_cast<int>(k);
  }
  return -1;
}

}  // namespace

void SuppressSpcTable(ReportTable& table, const Report& report,
                      const SuppressionRules& rule) {
  std::map<std::string, JudgedSeries> judged;
  for (size_t i = 0; i < report.spc.size(); ++i) {
    const SpcSeriesBasis* basis =
        i < report.spc_basis.size() &&
                report.spc_basis[i].name == report.spc[i].name
            ? &report.spc_basis[i]
            : nullptr;
    judged[report.spc[i].name] = Judge(report.spc[i], basis, rule);
  }
  const int series = ColumnOf(table, "series");
  const int month = ColumnOf(table, "month");
  const int value = ColumnOf(table, "value");
  const std::string star(kSuppressedCell);
  // Points come in each chart's order (SpcPointsTable).
  std::map<std::string, size_t> next_point;
  for (std::vector<std::string>& row : table.rows) {
    auto it = series >= 0 ? judged.find(row[series]) : judged.end();
    const JudgedSeries* j = it == judged.end() ? nullptr : &it->second;
    bool withhold_all = j == nullptr || j->any_withheld;
    if (series >= 0 && value >= 0 && month >= 0) {
      const size_t at = next_point[row[series]]++;
      if (j != nullptr && at < j->values.size() &&
          j->months[at] == row[month]) {
        if (j->values[at]) row[value] = *j->values[at];
      } else {
        row[value] = star;
        withhold_all = true;
      }
    }
    if (!withhold_all) continue;
    for (const char* c : {"mean", "lpl", "upl"}) {
      const int k = ColumnOf(table, c);
      if (k >= 0 && !row[k].empty()) row[k] = star;
    }
  }
}

}  // namespace mhpbr
