// Turning each person's dated allocations and discharges into cluster
// periods (periods.md): sorted by date (input order within a date), an
// allocation opens a period, the next allocation or a discharge ends it,
// an allocation to the same cluster is a review, and open periods are cut
// at the caller's as-of date (there is no hidden clock). A period's team,
// provider and commissioner are those of the allocation that opened it (on
// a date with several, the one that counts); a review naming others does
// not change them.
//
//   mhpbr::PeriodBuild b = mhpbr::BuildPeriods(events, as_of, *rules);
//   for (const mhpbr::ClusterPeriod& p : b.periods) ...
//   for (const mhpbr::EventError& e : b.errors) report e.line, e.reason
//
// Rules by date: given a bundle (rule_set_bundle.h), each allocation and
// review is judged by the rule set in force on its date. A review falls
// due by the maximum review period of the rule set in force on the day the
// clock started (the start or the last review), so a due date straddling
// a rule change keeps the rules it was set under: the clinician planned
// the review by them. A move between clusters is checked against the
// transition table in force on the move's date (unless the caller gives
// its own), and a period counts its days by the day count of the rule set
// that opened it. An allocation dated where the bundle has no rule set is
// an error event naming the date. A single rule set (or an undated
// bundle) is used for every date, exactly as before.
//
// Pure and thread-safe: it reads the rule sets and the events only.

#ifndef MHPBR_PERIOD_BUILDER_H_
#define MHPBR_PERIOD_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/period_build.h"
#include "mhpbr/period_event.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {

// Uses the rule set's review periods, transition table and day count.
PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules);
// The same with a trust's own transition table in place of the rule set's.
PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules,
                         const TransitionTable& transitions);
// Each date by the rule set in force on it (above).
PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules);
// The same with a trust's own transition table for every date.
PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules,
                         const TransitionTable& transitions);

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_BUILDER_H_
