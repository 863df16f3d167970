// What each point of the report's SPC series rests on (Report::spc_basis):
// the counts spc.md's publication-safe rule judges it by, kept beside the
// charts because a chart holds only the values.

#ifndef MHPBR_SPC_BASIS_H_
#define MHPBR_SPC_BASIS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mhpbr {

enum class SpcBasisKind : uint8_t {
  // The value is a count (`whole`): rounded to the base, or `*` below the
  // threshold.
  kCount,
  // The value is part / whole: `*` when either is below the threshold.
  kShare,
  // Money over days (`whole` = the periods whose days they are): money is
  // not suppressed, so `*` only when those periods are below the threshold.
  kMoneyPerCount,
};

struct SpcPointBasis {
  int64_t part = 0;
  int64_t whole = 0;
};

// One per chart, in the order of Report::spc; one point per chart point.
struct SpcSeriesBasis {
  std::string name;
  SpcBasisKind kind = SpcBasisKind::kCount;
  std::vector<SpcPointBasis> points;
};

}  // namespace mhpbr

#endif  // MHPBR_SPC_BASIS_H_
