#include "mhpbr/transition_table.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mhpbr {

absl::StatusOr<TransitionTable> TransitionTable::FromMoves(
    const std::vector<Row>& rows) {
  TransitionTable t;
  t.allowed_.fill(0);
  uint32_t seen = 0;
  for (const Row& row : rows) {
    const std::string where = absl::StrCat("transitions from ", row.from);
    auto from = Cluster::FromCode(row.from);
    if (!from.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": not a cluster code (0-8, 10-21)"));
    }
    if ((seen >> from->index()) & 1u) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": listed twice"));
    }
    seen |= 1u << from->index();
    for (int code : row.to) {
      auto to = Cluster::FromCode(code);
      if (!to.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, " to ", code, ": not a cluster code (0-8, 10-21)"));
      }
      t.allowed_[from->index()] |= 1u << to->index();
    }
  }
  return t;
}

bool TransitionTable::allows_all() const {
  for (int f = 0; f < Cluster::kCount; ++f) {
    if (allowed_[f] != kAll) return false;
  }
  return true;
}

}  // namespace mhpbr
