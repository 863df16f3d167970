#include "mhpbr/suppression.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

const CellRule* FindRule(const TableSuppression& spec, absl::string_view name) {
  for (const CellRule& r : spec.cells) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

// A count cell's value; none when empty (nothing to count, kept empty).
absl::StatusOr<std::optional<int64_t>> CountOf(absl::string_view cell,
                                               absl::string_view where) {
  if (cell.empty()) return std::nullopt;
  int64_t n = 0;
  if (!absl::SimpleAtoi(cell, &n) || n < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": \"", cell, "\" is not a count"));
  }
  return n;
}

// Suppresses one row whose cells are named by `names` (columns, or the
// keys of a key,value table) and follow `rules` (one per name).
absl::Status SuppressCells(const std::vector<std::string>& names,
                           const std::vector<const CellRule*>& rules,
                           const std::vector<std::string*>& cells,
                           const SuppressionRules& rule,
                           const std::vector<std::string>& wheres) {
  // Statistics are judged on the exact counts, so read them all first.
  std::map<std::string, std::optional<int64_t>> counts;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (rules[i]->kind != CellKind::kCount) continue;
    auto n = CountOf(*cells[i], wheres[i]);
    if (!n.ok()) return n.status();
    counts[names[i]] = *n;
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    const CellRule& r = *rules[i];
    if (r.kind == CellKind::kCount) {
      const std::optional<int64_t>& n = counts[names[i]];
      if (n) *cells[i] = SuppressedCount(*n, rule);
    } else if (r.kind == CellKind::kStatistic) {
      std::vector<int64_t> basis;
      for (const std::string& c : r.counts) {
        auto it = counts.find(c);
        if (it == counts.end()) {
          return absl::InvalidArgumentError(absl::StrCat(
              wheres[i], ": rests on ", c, ", which is not a count here"));
        }
        // An empty count is none at all: below any threshold above 0.
        basis.push_back(it->second.value_or(0));
      }
      *cells[i] = SuppressedStatistic(*cells[i], basis, rule);
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool BelowThreshold(int64_t count, const SuppressionRules& rule) {
  return count < rule.threshold;
}

std::string SuppressedCount(int64_t count, const SuppressionRules& rule) {
  if (BelowThreshold(count, rule)) return std::string(kSuppressedCell);
  // Counts and bases are small: RoundDiv cannot fail here.
  const int64_t multiples = RoundDiv(count, rule.base).value_or(0);
  return absl::StrCat(multiples * rule.base);
}

std::string SuppressedStatistic(absl::string_view text,
                                absl::Span<const int64_t> counts,
                                const SuppressionRules& rule) {
  for (int64_t n : counts) {
    if (BelowThreshold(n, rule)) return std::string(kSuppressedCell);
  }
  return std::string(text);
}

absl::Status SuppressTable(ReportTable& table, const TableSuppression& spec,
                           const SuppressionRules& rule) {
  const bool key_value = table.columns.size() == 2 &&
                         table.columns[0] == "key" &&
                         table.columns[1] == "value";
  auto where = [&table](size_t row, absl::string_view name) {
    return absl::StrCat(table.name, " line ", row + 2, " ", name);
  };
  if (key_value) {
    std::vector<std::string> names;
    std::vector<const CellRule*> rules;
    std::vector<std::string*> cells;
    std::vector<std::string> wheres;
    for (size_t i = 0; i < table.rows.size(); ++i) {
      std::vector<std::string>& row = table.rows[i];
      if (row.size() != 2) {
        return absl::InvalidArgumentError(
            absl::StrCat(where(i, ""), "has ", row.size(), " cells"));
      }
      const CellRule* r = FindRule(spec, row[0]);
      if (r == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            where(i, row[0]), ": no suppression rule for this key"));
      }
      names.push_back(row[0]);
      rules.push_back(r);
      cells.push_back(&row[1]);
      wheres.push_back(where(i, row[0]));
    }
    return SuppressCells(names, rules, cells, rule, wheres);
  }
  std::vector<const CellRule*> rules;
  for (const std::string& c : table.columns) {
    const CellRule* r = FindRule(spec, c);
    if (r == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          table.name, " column ", c, ": no suppression rule for this column"));
    }
    rules.push_back(r);
  }
  for (size_t i = 0; i < table.rows.size(); ++i) {
    std::vector<std::string>& row = table.rows[i];
    if (row.size() != table.columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat(where(i, ""), "has ",
                                                     row.size(), " cells, not ",
                                                     table.columns.size()));
    }
    std::vector<std::string*> cells;
    std::vector<std::string> wheres;
    for (size_t k = 0; k < row.size(); ++k) {
      cells.push_back(&row[k]);
      wheres.push_back(where(i, table.columns[k]));
    }
    if (absl::Status s =
            SuppressCells(table.columns, rules, cells, rule, wheres);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

std::string SuppressionNote(const SuppressionRules& rule) {
  return absl::StrCat(
      "Small numbers suppressed: counts below ", rule.threshold,
      " are shown as *, other counts are rounded to the nearest ", rule.base,
      ", and a share, rate, mean or other statistic resting on a count "
      "below ",
      rule.threshold, " is shown as *; money is not suppressed.");
}

}  // namespace mhpbr
