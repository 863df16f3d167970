#include "lib/codec/periods_proto.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/util/status_macros.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

void ToProto(const PeriodTotals& t, v1::PeriodTotals* out) {
  out->set_periods(t.periods);
  out->set_days(t.days);
  out->set_overdue_periods(t.overdue_periods);
}

}  // namespace

absl::StatusOr<TransitionTable> TransitionTableFromProto(
    const v1::TransitionTable& table) {
  if (table.allow_all()) return TransitionTable();
  std::vector<TransitionTable::Row> rows;
  for (const v1::TransitionRow& r : table.rows()) {
    rows.push_back({r.from(), {r.to().begin(), r.to().end()}});
  }
  return TransitionTable::FromMoves(rows);
}

void EventsFromProto(
    const google::protobuf::RepeatedPtrField<v1::PeriodEvent>& events,
    std::vector<PeriodEvent>* out, std::vector<EventError>* rejected) {
  out->reserve(out->size() + events.size());
  for (int i = 0; i < events.size(); ++i) {
    const v1::PeriodEvent& from = events[i];
    PeriodEvent e;
    e.patient_id = from.patient_id();
    e.line = from.line() != 0 ? from.line() : i + 1;
    e.team = from.team();
    e.provider = from.provider();
    e.commissioner = from.commissioner();
    std::string err;
    auto fail = [&](absl::string_view field, absl::string_view what) {
      absl::StrAppend(&err, err.empty() ? "" : "; ", "events[", i, "].", field,
                      ": ", what);
    };
    if (e.patient_id.empty()) fail("patient_id", "empty");
    if (auto d = ParseIsoDate(from.date()); d.ok()) {
      e.date = *d;
    } else {
      fail("date", d.status().message());
    }
    if (from.kind() == v1::ALLOCATE) {
      e.kind = EventKind::kAllocate;
      if (auto c = Cluster::FromCode(from.cluster()); c.ok()) {
        e.cluster = *c;
      } else {
        fail("cluster", c.status().message());
      }
    } else if (from.kind() == v1::DISCHARGE) {
      e.kind = EventKind::kDischarge;
    } else {
      fail("kind", "must be ALLOCATE or DISCHARGE");
    }
    if (!err.empty()) {
      rejected->push_back({e.line, e.patient_id, std::move(err)});
      continue;
    }
    out->push_back(std::move(e));
  }
}

absl::StatusOr<PeriodRequestContents> PeriodRequestFromProto(
    const v1::PeriodRequest& request) {
  PeriodRequestContents in;
  auto as_of = ParseIsoDate(request.as_of());
  if (!as_of.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of: ", as_of.status().message()));
  }
  in.as_of = *as_of;
  if (request.has_transitions()) {
    MHPBR_ASSIGN_OR_RETURN(in.transitions,
                           TransitionTableFromProto(request.transitions()));
  }
  EventsFromProto(request.events(), &in.events, &in.rejected);
  return in;
}

v1::PeriodResponse PeriodResponseToProto(const PeriodBuild& build,
                                         const std::vector<EventError>& errors,
                                         const PeriodSummary& summary) {
  v1::PeriodResponse response;
  for (const ClusterPeriod& p : build.periods) {
    v1::ClusterPeriod* out = response.add_periods();
    out->set_patient_id(p.patient_id);
    out->set_cluster(p.cluster.code());
    out->set_start(FormatIsoDate(p.start));
    if (p.end) out->set_end(FormatIsoDate(*p.end));
    out->set_days(p.days);
    out->set_review_due(FormatIsoDate(p.review_due));
    out->set_overdue_days(p.overdue_days);
    out->set_transition_ok(p.transition_ok);
    out->set_superseded(p.superseded);
    out->set_reviews(p.reviews);
    out->set_team(p.team);
    out->set_provider(p.provider);
    out->set_commissioner(p.commissioner);
  }
  for (const EventError& e : errors) {
    v1::EventError* out = response.add_errors();
    out->set_line(e.line);
    out->set_patient_id(e.patient_id);
    out->set_reason(e.reason);
  }
  response.set_events_used(build.events_used);
  response.set_events_after_as_of(build.events_after_as_of);
  response.set_superseded(build.superseded);
  for (const auto& [patient, totals] : summary.by_patient) {
    v1::PatientTotals* out = response.add_by_patient();
    out->set_patient_id(patient);
    ToProto(totals, out->mutable_totals());
  }
  for (const auto& [cluster, totals] : summary.by_cluster) {
    v1::ClusterTotals* out = response.add_by_cluster();
    out->set_cluster(cluster);
    ToProto(totals, out->mutable_totals());
  }
  ToProto(summary.all, response.mutable_all());
  return response;
}

}  // namespace mhpbr
