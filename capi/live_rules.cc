// Live calls on a rule set: a cluster's facts, when a review falls due, and
// whether a move is in the transition protocol (the rule set's, or a
// trust's own mhpbr_transitions).

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/live_util.h"
#include "mhpbr.h"
#include "mhpbr/review_schedule.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/transition_table.h"

namespace {

using mhpbr::capi::CheckSize;
using mhpbr::capi::FromDay;
using mhpbr::capi::InitSized;
using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;
using mhpbr::capi::ToCluster;
using mhpbr::capi::ToDay;

mhpbr_code Allowed(const mhpbr::TransitionTable& table, int32_t from,
                   int32_t to, int32_t* allowed, char** error) {
  if (allowed == nullptr) return Invalid(error, "allowed is NULL");
  mhpbr::Cluster f, t;
  if (absl::Status s = ToCluster(from, "from", &f); !s.ok()) {
    return Report(s, error);
  }
  if (absl::Status s = ToCluster(to, "to", &t); !s.ok()) {
    return Report(s, error);
  }
  *allowed = table.Allowed(f, t) ? 1 : 0;
  return Ok(error);
}

mhpbr_code HandOutTransitions(absl::StatusOr<mhpbr::TransitionTable> table,
                              mhpbr_transitions** out, char** error) {
  if (!table.ok()) return Report(table.status(), error);
  *out = new mhpbr_transitions{*std::move(table)};
  return Ok(error);
}

}  // namespace

extern "C" {

void mhpbr_cluster_info_init_sized(mhpbr_cluster_info* info, size_t size) {
  InitSized(mhpbr_cluster_info MHPBR_CLUSTER_INFO_INIT, info, size);
}

void mhpbr_review_init_sized(mhpbr_review* review, size_t size) {
  InitSized(mhpbr_review MHPBR_REVIEW_INIT, review, size);
}

mhpbr_code mhpbr_rules_cluster(const mhpbr_rules* rules, int32_t cluster,
                               mhpbr_cluster_info* info, char** error) {
  MHPBR_C_TRY
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (info == nullptr) return Invalid(error, "info is NULL");
  if (absl::Status s = CheckSize(*info, "info", "MHPBR_CLUSTER_INFO_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  mhpbr::Cluster c;
  if (absl::Status s = ToCluster(cluster, "cluster", &c); !s.ok()) {
    return Report(s, error);
  }
  const mhpbr::ClusterInfo& facts = rules->rules->cluster(c);
  info->cluster = c.code();
  info->superclass = static_cast<int32_t>(facts.superclass);
  info->review_count = facts.max_review.count;
  info->review_unit = facts.max_review.unit == mhpbr::ReviewPeriod::Unit::kWeeks
                          ? MHPBR_REVIEW_WEEKS
                          : MHPBR_REVIEW_MONTHS;
  info->review_days = mhpbr::ReviewLengthDays(facts.max_review);
  info->name = facts.name.c_str();
  info->subgroup = facts.subgroup.c_str();
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_rules_review_due(const mhpbr_rules* rules, int32_t cluster,
                                  int32_t since, int32_t as_of,
                                  mhpbr_review* review, char** error) {
  MHPBR_C_TRY
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (review == nullptr) return Invalid(error, "review is NULL");
  if (absl::Status s = CheckSize(*review, "review", "MHPBR_REVIEW_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  mhpbr::Cluster c;
  absl::CivilDay from, last;
  absl::Status s = ToCluster(cluster, "cluster", &c);
  if (s.ok()) s = ToDay(since, "since", &from);
  if (s.ok()) s = ToDay(as_of, "as_of", &last);
  if (!s.ok()) return Report(s, error);
  if (last < from) {
    return Invalid(error,
                   absl::StrCat("as_of ", as_of, " is before since ", since));
  }
  // As the periods stage closes a period (lib/periods/period_builder.cc).
  const absl::CivilDay due =
      mhpbr::AddReviewPeriod(from, rules->rules->cluster(c).max_review);
  review->review_due = FromDay(due);
  review->overdue_days = static_cast<int32_t>(mhpbr::OverdueDays(due, last));
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_rules_transition_allowed(const mhpbr_rules* rules,
                                          int32_t from, int32_t to,
                                          int32_t* allowed, char** error) {
  MHPBR_C_TRY
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  return Allowed(rules->rules->transitions(), from, to, allowed, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_transitions_load_text(const char* text, size_t length,
                                       mhpbr_transitions** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (text == nullptr && length > 0) return Invalid(error, "text is NULL");
  return HandOutTransitions(
      mhpbr::ParseTransitionTableText(mhpbr::capi::View(text, length),
                                      "transitions text"),
      out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_transitions_load_file(const char* path,
                                       mhpbr_transitions** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (path == nullptr) return Invalid(error, "path is NULL");
  return HandOutTransitions(mhpbr::LoadTransitionTableFile(path), out, error);
  MHPBR_C_CATCH(error)
}

void mhpbr_transitions_destroy(mhpbr_transitions* t) { delete t; }

mhpbr_code mhpbr_transitions_allowed(const mhpbr_transitions* t, int32_t from,
                                     int32_t to, int32_t* allowed,
                                     char** error) {
  MHPBR_C_TRY
  if (t == nullptr) return Invalid(error, "transitions is NULL");
  return Allowed(t->table, from, to, allowed, error);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
