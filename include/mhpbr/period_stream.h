// Building a national year's periods without holding them all: from a
// compact EventTable (event_table.h), each period handed to a sink as it
// is built, and ranges of patients built on threads of their own. The
// periods, their order and every count are BuildPeriods' (period_builder.h:
// the same rules, by the same code).
//
//   std::vector<mhpbr::PeriodSink> parts = {write_to_file, write_to_buffer};
//   mhpbr::PeriodBuild b = mhpbr::StreamPeriods(table, as_of, *bundle,
//                                               nullptr, parts);
//   // the file's periods, then the buffer's, are b's periods in order

#ifndef MHPBR_PERIOD_STREAM_H_
#define MHPBR_PERIOD_STREAM_H_

#include <cstddef>
#include <functional>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/event_table.h"
#include "mhpbr/period_build.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {

// Takes one range of patients' periods, in output order (by patient, then
// start), one call per period.
using PeriodSink = std::function<void(const ClusterPeriod&)>;

// Each date by the rule set of `rules` in force on it; moves between
// clusters by `transitions` when given (a trust's own table), else by the
// table in force on the move's date. The patients are cut into at most
// sinks.size() ranges, in order, each built on a thread of its own into
// its sink: the periods of sinks[0], then sinks[1], ... are BuildPeriods'
// periods in order (a sink may get none). The result has no periods; its
// errors (sorted by line), counts and review months are all the ranges'.
// With no sinks the periods are held in the result, as BuildPeriods does.
PeriodBuild StreamPeriods(const EventTable& events, absl::CivilDay as_of,
                          const RuleSetBundle& rules,
                          const TransitionTable* transitions,
                          absl::Span<const PeriodSink> sinks);

// Told that range `range` has had all its periods: on the thread that
// built it, once for every range (one with none too), in no set order.
using RangeDone = std::function<void(size_t range)>;

// The same with the ranges built on `threads` threads, each taking the
// next range in order when it is free, and `done` (when set) called as
// each range ends: cut into many more ranges than threads, a caller can
// write the ranges finished so far in order while the rest are built,
// holding little of the output at once.
PeriodBuild StreamPeriods(const EventTable& events, absl::CivilDay as_of,
                          const RuleSetBundle& rules,
                          const TransitionTable* transitions,
                          absl::Span<const PeriodSink> sinks, int threads,
                          const RangeDone& done);

}  // namespace mhpbr

#endif  // MHPBR_PERIOD_STREAM_H_
