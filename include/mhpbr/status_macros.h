// Early-return helpers for absl::Status and absl::StatusOr, which Abseil
// 20220623 (Debian 12) lacks. Public so that code calling mhpbr can use
// them too; they expand to nothing but standard Abseil calls.
//
//   MHPBR_RETURN_IF_ERROR(ratings.Set(mhpbr::Item::kDepressedMood, 3));
//   MHPBR_ASSIGN_OR_RETURN(auto rules, mhpbr::LoadRuleSetFile(path));

#ifndef MHPBR_STATUS_MACROS_H_
#define MHPBR_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define MHPBR_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::absl::Status mhpbr_status_ = (expr);         \
    if (!mhpbr_status_.ok()) return mhpbr_status_; \
  } while (0)

#define MHPBR_STATUS_CONCAT_INNER_(a, b) a##b
#define MHPBR_STATUS_CONCAT_(a, b) MHPBR_STATUS_CONCAT_INNER_(a, b)

// MHPBR_ASSIGN_OR_RETURN(auto x, FunctionReturningStatusOr());
#define MHPBR_ASSIGN_OR_RETURN(lhs, expr) \
  MHPBR_ASSIGN_OR_RETURN_IMPL_(           \
      MHPBR_STATUS_CONCAT_(mhpbr_statusor_, __LINE__), lhs, expr)

#define MHPBR_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)  \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // MHPBR_STATUS_MACROS_H_
