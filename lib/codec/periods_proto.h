// Translation between the periods stage's wire types (PeriodRequest,
// PeriodResponse) and its domain types. The C API decodes with these, runs
// BuildPeriods and encodes; nothing here runs the stage.

#ifndef MHPBR_LIB_CODEC_PERIODS_PROTO_H_
#define MHPBR_LIB_CODEC_PERIODS_PROTO_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mhpbr/period_build.h"
#include "mhpbr/period_event.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/transition_table.h"
#include "mhpbr/v1/periods.pb.h"

namespace mhpbr {

struct PeriodRequestContents {
  absl::CivilDay as_of;
  // None: the rule set's own table.
  std::optional<TransitionTable> transitions;
  std::vector<PeriodEvent> events;
  // Events that could not be read, each naming its field
  // ("events[3].date: ..."); line = the request's line, else position + 1.
  std::vector<EventError> rejected;
};

// A trust's transition table (allow_all: every move allowed).
absl::StatusOr<TransitionTable> TransitionTableFromProto(
    const v1::TransitionTable& table);

// Appends the good events to `out` and the malformed ones, each naming
// its field ("events[3].date: ..."), to `rejected`; line = the event's
// line, else its position + 1.
void EventsFromProto(
    const google::protobuf::RepeatedPtrField<v1::PeriodEvent>& events,
    std::vector<PeriodEvent>* out, std::vector<EventError>* rejected);

// Fails only for a bad as-of date or transition table; malformed events
// go to `rejected`, like the CSV reader's rejects.
absl::StatusOr<PeriodRequestContents> PeriodRequestFromProto(
    const v1::PeriodRequest& request);

// `errors`: every event not used, sorted by line.
v1::PeriodResponse PeriodResponseToProto(const PeriodBuild& build,
                                         const std::vector<EventError>& errors,
                                         const PeriodSummary& summary);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_PERIODS_PROTO_H_
