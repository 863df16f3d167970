#include "mhpbr/period_builder.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/review_schedule.h"

namespace mhpbr {

absl::string_view EventKindName(EventKind k) {
  return k == EventKind::kAllocate ? "allocate" : "discharge";
}

namespace {

// One event's place in the sweep: patient (by sorted id), date, then input
// position, so that same-date events keep their input order.
struct Key {
  uint32_t patient;
  int64_t day;
  uint32_t pos;
  bool operator<(const Key& o) const {
    return std::tie(patient, day, pos) < std::tie(o.patient, o.day, o.pos);
  }
};

class Sweep {
 public:
  Sweep(absl::CivilDay as_of, const RuleSet& rules,
        const TransitionTable& transitions, PeriodBuild* out)
      : as_of_(as_of), rules_(rules), transitions_(transitions), out_(out) {}

  // Processes one patient's events of one date, in input order.
  void Day(absl::Span<const PeriodEvent* const> events);
  // Ends the patient: an open period stays open at the as-of date.
  void EndPatient();

 private:
  void Close(std::optional<absl::CivilDay> end);
  void Allocate(const PeriodEvent& e, int superseded);
  void Discharge(const PeriodEvent& e);

  const absl::CivilDay as_of_;
  const RuleSet& rules_;
  const TransitionTable& transitions_;
  PeriodBuild* out_;

  bool open_ = false;
  ClusterPeriod period_;
  absl::CivilDay last_review_;
};

void Sweep::Day(absl::Span<const PeriodEvent* const> events) {
  // Only the day's last allocation counts. A discharge before it is
  // overtaken by it too (a period cannot end on the day a new one starts);
  // discharges after it end the day's period.
  int last_alloc = -1;
  for (int i = 0; i < static_cast<int>(events.size()); ++i) {
    if (events[i]->kind == EventKind::kAllocate) last_alloc = i;
  }
  if (last_alloc >= 0) {
    Allocate(*events[last_alloc], last_alloc);
    out_->superseded += last_alloc;
    out_->events_used += 1;
  }
  for (size_t i = last_alloc + 1; i < events.size(); ++i) {
    Discharge(*events[i]);
  }
}

void Sweep::Allocate(const PeriodEvent& e, int superseded) {
  if (open_ && period_.cluster == e.cluster) {
    last_review_ = e.date;
    ++period_.reviews;
    period_.superseded += superseded;
    return;
  }
  bool transition_ok = true;
  if (open_) {
    transition_ok = transitions_.Allowed(period_.cluster, e.cluster);
    Close(e.date - 1);
  }
  open_ = true;
  period_ = ClusterPeriod();
  period_.patient_id = e.patient_id;
  period_.cluster = e.cluster;
  period_.start = e.date;
  period_.transition_ok = transition_ok;
  period_.superseded = superseded;
  last_review_ = e.date;
}

void Sweep::Discharge(const PeriodEvent& e) {
  if (!open_) {
    out_->errors.push_back({e.line, e.patient_id,
                            absl::StrCat("discharge on ", FormatIsoDate(e.date),
                                         " with no open cluster period")});
    return;
  }
  out_->events_used += 1;
  Close(e.date);
}

void Sweep::Close(std::optional<absl::CivilDay> end) {
  const absl::CivilDay last = end.value_or(as_of_);
  period_.end = end;
  period_.days = last - period_.start + 1;
  if (end && rules_.day_count() == DayCount::kMhsds) {
    period_.days = *end - period_.start;
  }
  period_.review_due =
      AddReviewPeriod(last_review_, rules_.cluster(period_.cluster).max_review);
  period_.overdue_days = OverdueDays(period_.review_due, last);
  out_->periods.push_back(std::move(period_));
  open_ = false;
}

void Sweep::EndPatient() {
  if (open_) Close(std::nullopt);
}

}  // namespace

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules) {
  return BuildPeriods(events, as_of, rules, rules.transitions());
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules,
                         const TransitionTable& transitions) {
  PeriodBuild out;

  // Patients ranked by id, so that output sorts by patient with integer
  // comparisons only.
  absl::flat_hash_map<absl::string_view, uint32_t> patient_index;
  std::vector<absl::string_view> patients;
  std::vector<uint32_t> event_patient(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    auto [it, inserted] = patient_index.try_emplace(
        events[i].patient_id, static_cast<uint32_t>(patients.size()));
    if (inserted) patients.push_back(events[i].patient_id);
    event_patient[i] = it->second;
  }
  std::vector<uint32_t> order(patients.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return patients[a] < patients[b]; });
  std::vector<uint32_t> rank(patients.size());
  for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;

  const absl::CivilDay epoch(1970, 1, 1);
  std::vector<Key> keys;
  keys.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].date > as_of) {
      ++out.events_after_as_of;
      continue;
    }
    keys.push_back({rank[event_patient[i]], events[i].date - epoch,
                    static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end());

  Sweep sweep(as_of, rules, transitions, &out);
  std::vector<const PeriodEvent*> day;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    day.clear();
    while (j < keys.size() && keys[j].patient == keys[i].patient &&
           keys[j].day == keys[i].day) {
      day.push_back(&events[keys[j].pos]);
      ++j;
    }
    sweep.Day(day);
    if (j == keys.size() || keys[j].patient != keys[i].patient) {
      sweep.EndPatient();
    }
    i = j;
  }
  std::sort(
      out.errors.begin(), out.errors.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  return out;
}

}  // namespace mhpbr
