// Publication-safe figures (spc.md "Publication-safe figures"): the small-
// number suppression NHS England applies to MHSDS statistics. A count of
// people, periods, records or assessments below the threshold (0 included)
// is written `*`, any other is rounded to the nearest multiple of the base,
// half away from zero (base 5: 7 -> 5, 8 -> 10, 12 -> 10, 13 -> 15); a
// share, rate, mean or other statistic is `*` when a count it rests on is
// below the threshold; money is never suppressed. Every aggregated output
// declares its columns once (TableSuppression) and goes through
// SuppressTable, so the rule is applied in one place.
//
//   const mhpbr::SuppressionRules rule;            // threshold 5, base 5
//   mhpbr::SuppressedCount(4, rule);               // "*"
//   mhpbr::SuppressedCount(13, rule);              // "15"
//   mhpbr::SuppressTable(table, spec, rule);       // every cell at once

#ifndef MHPBR_SUPPRESSION_H_
#define MHPBR_SUPPRESSION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/report_table.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// The text a suppressed cell is written as.
inline constexpr absl::string_view kSuppressedCell = "*";

// True when a figure resting on `count` must not be published.
bool BelowThreshold(int64_t count, const SuppressionRules& rule);

// `*` below the threshold, else the count rounded to the base.
std::string SuppressedCount(int64_t count, const SuppressionRules& rule);

// `text` (a statistic's cell, possibly empty) unless one of `counts` is
// below the threshold, then `*`.
std::string SuppressedStatistic(absl::string_view text,
                                absl::Span<const int64_t> counts,
                                const SuppressionRules& rule);

// What a column (or, in a key,value table, a key's value) holds.
enum class CellKind {
  kLabel,      // kept: names, codes, dates, flags
  kCount,      // people, periods, records, assessments: SuppressedCount
  kStatistic,  // SuppressedStatistic of the counts named in `counts`
  kMoney,      // kept
};

struct CellRule {
  // The column's name, or the key of a key,value table's row.
  std::string name;
  CellKind kind = CellKind::kLabel;
  // For kStatistic: the count columns (keys) of the same row (table) it
  // rests on, read before they are rounded.
  std::vector<std::string> counts = {};
};

// How one output is suppressed. A table with columns key,value is declared
// by its keys; any other by its columns. Fail-safe: a column or key the
// declaration does not name is an error, never published as it is.
struct TableSuppression {
  std::vector<CellRule> cells;
};

// Suppresses every cell of `table` in place. A count cell must be empty or
// an integer; an error names the table, line (header = 1) and column.
absl::Status SuppressTable(ReportTable& table, const TableSuppression& spec,
                           const SuppressionRules& rule);

// The note an output's reader needs: "counts below 5 are shown as *; other
// counts are rounded to the nearest 5; ...".
std::string SuppressionNote(const SuppressionRules& rule);

}  // namespace mhpbr

#endif  // MHPBR_SUPPRESSION_H_
