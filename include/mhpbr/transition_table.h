// Care transition protocols: which cluster may follow which at review.
//
// No national table is published in machine-readable form, so the default
// allows every move; a trust loads its own (`mhpbr periods --transitions`,
// text format of mhpbr.v1.TransitionTable). Moves to and from cluster 0,
// and staying in the same cluster, are always allowed. A move the table
// does not allow is flagged, never refused.
//
//   absl::StatusOr<mhpbr::TransitionTable> t =
//       mhpbr::TransitionTable::FromMoves({{1, {1, 2, 3}}, {2, {1, 3}}});
//   bool ok = t->Allowed(from, to);

#ifndef MHPBR_TRANSITION_TABLE_H_
#define MHPBR_TRANSITION_TABLE_H_

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/cluster.h"

namespace mhpbr {

class TransitionTable {
 public:
  // Every move allowed.
  TransitionTable() { allowed_.fill(kAll); }

  struct Row {
    int from = -1;
    std::vector<int> to;
  };
  // Only the listed moves (plus the always-allowed ones). Errors name the
  // row: codes must be real clusters and each `from` listed once.
  static absl::StatusOr<TransitionTable> FromMoves(
      const std::vector<Row>& rows);

  bool Allowed(Cluster from, Cluster to) const {
    return from == to || from.is_variance() || to.is_variance() ||
           ((allowed_[from.index()] >> to.index()) & 1u);
  }
  bool allows_all() const;

 private:
  static constexpr uint32_t kAll = (1u << Cluster::kCount) - 1;
  // Bit t of allowed_[f]: a move from dense index f to t is allowed.
  std::array<uint32_t, Cluster::kCount> allowed_;
};

}  // namespace mhpbr

#endif  // MHPBR_TRANSITION_TABLE_H_
