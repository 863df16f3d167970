#include "mhpbr/period_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/review_schedule.h"

namespace mhpbr {

absl::string_view EventKindName(EventKind k) {
  return k == EventKind::kAllocate ? "allocate" : "discharge";
}

namespace {

// A patient id of at most 15 bytes held in place: its bytes, zero padding,
// then its length. In extract order a patient's events are far apart, so an
// id held as a view into its first event costs a cache miss on every lookup
// and comparison; this copy costs none. The 16 bytes compare as the ids do
// bytewise: the padding puts a prefix first, and the length settles a prefix
// that is followed by zero bytes.
class ShortId {
 public:
  static bool Fits(absl::string_view id) { return id.size() < sizeof words_; }
  // REQUIRES: Fits(id).
  explicit ShortId(absl::string_view id) {
    std::memcpy(words_, id.data(), id.size());
    bytes()[sizeof words_ - 1] = static_cast<char>(id.size());
  }
  absl::string_view view() const {
    return absl::string_view(
        bytes(), static_cast<unsigned char>(bytes()[sizeof words_ - 1]));
  }
  friend bool operator==(const ShortId& a, const ShortId& b) {
    return a.words_[0] == b.words_[0] && a.words_[1] == b.words_[1];
  }
  friend bool operator<(const ShortId& a, const ShortId& b) {
    return std::make_pair(a.BigEndian(0), a.BigEndian(8)) <
           std::make_pair(b.BigEndian(0), b.BigEndian(8));
  }
  template <typename H>
  friend H AbslHashValue(H h, const ShortId& id) {
    return H::combine(std::move(h), id.words_[0], id.words_[1]);
  }

 private:
  char* bytes() { return reinterpret_cast<char*>(words_); }
  const char* bytes() const { return reinterpret_cast<const char*>(words_); }
  // Eight bytes from `at` as an integer that orders as they do bytewise.
  uint64_t BigEndian(int at) const {
    uint64_t v = 0;
    for (int i = at; i < at + 8; ++i) {
      v = v << 8 | static_cast<unsigned char>(bytes()[i]);
    }
    return v;
  }

  uint64_t words_[2] = {0, 0};
};

// Any id, as a view into the events: for inputs with an id too long for
// ShortId.
class LongId {
 public:
  static bool Fits(absl::string_view) { return true; }
  explicit LongId(absl::string_view id) : id_(id) {}
  absl::string_view view() const { return id_; }
  friend bool operator==(const LongId& a, const LongId& b) {
    return a.id_ == b.id_;
  }
  friend bool operator<(const LongId& a, const LongId& b) {
    return a.id_ < b.id_;
  }
  template <typename H>
  friend H AbslHashValue(H h, const LongId& id) {
    return H::combine(std::move(h), id.id_);
  }

 private:
  absl::string_view id_;
};

// What the sweep needs of an event, so that it reads the (large) events
// only for an error's line.
struct Item {
  absl::CivilDay date;
  uint32_t pos;  // in the events
  EventKind kind;
  Cluster cluster;
};

// The rule set for a date: one for every date, or a bundle's by date.
class Rules {
 public:
  explicit Rules(const RuleSet& single) : single_(&single) {}
  explicit Rules(const RuleSetBundle& bundle)
      : single_(bundle.dated() ? nullptr : bundle.latest().get()),
        bundle_(&bundle) {}

  absl::StatusOr<const RuleSet*> On(absl::CivilDay day) const {
    if (single_ != nullptr) return single_;
    absl::StatusOr<size_t> i = bundle_->IndexInForce(day);
    if (!i.ok()) return i.status();
    return bundle_->rule_sets()[*i].get();
  }

 private:
  const RuleSet* single_ = nullptr;
  const RuleSetBundle* bundle_ = nullptr;
};

class Sweep {
 public:
  // `transitions`: the caller's own table, or nullptr for the one in force
  // on each move's date.
  Sweep(absl::Span<const PeriodEvent> events, absl::CivilDay as_of,
        const Rules& rules, const TransitionTable* transitions,
        PeriodBuild* out)
      : events_(events),
        as_of_(as_of),
        rules_(rules),
        transitions_(transitions),
        out_(out) {}

  // One patient's events, sorted by date (input order within a date); an
  // open period stays open at the as-of date.
  void Patient(absl::string_view id, absl::Span<const Item> items);

 private:
  // One date's events, in input order.
  void Day(absl::Span<const Item> items);
  void Close(std::optional<absl::CivilDay> end);
  // False, with an error event, when no rule set is in force on its date.
  bool Allocate(const Item& e, int superseded);
  void Discharge(const Item& e);

  const absl::Span<const PeriodEvent> events_;
  const absl::CivilDay as_of_;
  const Rules& rules_;
  const TransitionTable* transitions_;
  PeriodBuild* out_;

  absl::string_view id_;
  bool open_ = false;
  ClusterPeriod period_;
  absl::CivilDay last_review_;
  // In force on the day the period opened (its day count) and on its last
  // review (when the next review falls due).
  const RuleSet* opening_rules_ = nullptr;
  const RuleSet* review_rules_ = nullptr;
};

void Sweep::Patient(absl::string_view id, absl::Span<const Item> items) {
  id_ = id;
  for (size_t i = 0; i < items.size();) {
    size_t j = i + 1;
    while (j < items.size() && items[j].date == items[i].date) ++j;
    Day(items.subspan(i, j - i));
    i = j;
  }
  if (open_) Close(std::nullopt);
}

void Sweep::Day(absl::Span<const Item> items) {
  // Only the day's last allocation counts. A discharge before it is
  // overtaken by it too (a period cannot end on the day a new one starts);
  // discharges after it end the day's period.
  int last_alloc = -1;
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    if (items[i].kind == EventKind::kAllocate) last_alloc = i;
  }
  if (last_alloc >= 0 && Allocate(items[last_alloc], last_alloc)) {
    out_->superseded += last_alloc;
    out_->events_used += 1;
  }
  for (size_t i = last_alloc + 1; i < items.size(); ++i) {
    Discharge(items[i]);
  }
}

bool Sweep::Allocate(const Item& e, int superseded) {
  const absl::StatusOr<const RuleSet*> rules = rules_.On(e.date);
  if (!rules.ok()) {
    out_->errors.push_back({events_[e.pos].line, std::string(id_),
                            std::string(rules.status().message())});
    return false;
  }
  if (open_ && period_.cluster == e.cluster) {
    const absl::CivilDay due = AddReviewPeriod(
        last_review_, review_rules_->cluster(period_.cluster).max_review);
    period_.reviews_late += e.date > due;
    last_review_ = e.date;
    review_rules_ = *rules;
    ++period_.reviews;
    period_.superseded += superseded;
    return true;
  }
  bool transition_ok = true;
  if (open_) {
    const TransitionTable& table =
        transitions_ != nullptr ? *transitions_ : (*rules)->transitions();
    transition_ok = table.Allowed(period_.cluster, e.cluster);
    period_.reallocated = true;
    Close(e.date - 1);
  }
  open_ = true;
  period_ = ClusterPeriod();
  period_.patient_id.assign(id_.data(), id_.size());
  period_.cluster = e.cluster;
  period_.start = e.date;
  period_.transition_ok = transition_ok;
  period_.superseded = superseded;
  // The period belongs to whoever opened it: a review continues it without
  // moving it to the team or commissioner the review names (outcomes.md, a
  // period's unit).
  const PeriodEvent& opener = events_[e.pos];
  period_.team = opener.team;
  period_.provider = opener.provider;
  period_.commissioner = opener.commissioner;
  last_review_ = e.date;
  opening_rules_ = *rules;
  review_rules_ = *rules;
  return true;
}

void Sweep::Discharge(const Item& e) {
  if (!open_) {
    out_->errors.push_back({events_[e.pos].line, std::string(id_),
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
  if (end && opening_rules_->day_count() == DayCount::kMhsds) {
    period_.days = *end - period_.start;
  }
  period_.review_due = AddReviewPeriod(
      last_review_, review_rules_->cluster(period_.cluster).max_review);
  period_.overdue_days = OverdueDays(period_.review_due, last);
  out_->periods.push_back(std::move(period_));
  open_ = false;
}

// Builds into `out`, or returns false, leaving it untouched, when an id does
// not fit `Id`.
template <typename Id>
bool Build(absl::Span<const PeriodEvent> events, absl::CivilDay as_of,
           const Rules& rules, const TransitionTable* transitions,
           PeriodBuild* out) {
  // Patients in order of first appearance, with how many events each has
  // on or before the as-of date.
  constexpr uint32_t kAfterAsOf = ~uint32_t{0};
  absl::flat_hash_map<Id, uint32_t> index;
  std::vector<std::pair<Id, uint32_t>> ranked;
  std::vector<uint32_t> kept;
  std::vector<uint32_t> event_patient(events.size());
  int64_t after_as_of = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (!Id::Fits(events[i].patient_id)) return false;
    auto [it, inserted] = index.try_emplace(Id(events[i].patient_id),
                                            static_cast<uint32_t>(kept.size()));
    if (inserted) {
      ranked.emplace_back(it->first, it->second);
      kept.push_back(0);
    }
    if (events[i].date > as_of) {
      event_patient[i] = kAfterAsOf;
      ++after_as_of;
    } else {
      event_patient[i] = it->second;
      ++kept[it->second];
    }
  }
  out->events_after_as_of = after_as_of;

  // Patients ranked by id, so that output sorts by patient as they are
  // swept.
  std::sort(ranked.begin(), ranked.end(),
            [](const std::pair<Id, uint32_t>& a,
               const std::pair<Id, uint32_t>& b) { return a.first < b.first; });

  // A counting sort of the kept events by patient rank: the rank-k
  // patient's events go to items[bounds[k], bounds[k + 1]), in input order.
  // `kept` becomes where each patient's next event goes.
  std::vector<size_t> bounds(ranked.size() + 1);
  size_t at = 0;
  for (size_t k = 0; k < ranked.size(); ++k) {
    bounds[k] = at;
    at += std::exchange(kept[ranked[k].second], static_cast<uint32_t>(at));
  }
  bounds[ranked.size()] = at;
  std::vector<Item> items(at);
  size_t allocations = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (event_patient[i] == kAfterAsOf) continue;
    const PeriodEvent& e = events[i];
    items[kept[event_patient[i]]++] = {e.date, static_cast<uint32_t>(i), e.kind,
                                       e.cluster};
    allocations += e.kind == EventKind::kAllocate;
  }

  // Each period starts with an allocation.
  out->periods.reserve(allocations);
  Sweep sweep(events, as_of, rules, transitions, out);
  const auto by_date = [](const Item& a, const Item& b) {
    return a.date < b.date;
  };
  for (size_t k = 0; k < ranked.size(); ++k) {
    Item* const first = items.data() + bounds[k];
    Item* const last = items.data() + bounds[k + 1];
    // Extract order is by date already; stable keeps input order within a
    // date.
    if (!std::is_sorted(first, last, by_date)) {
      std::stable_sort(first, last, by_date);
    }
    sweep.Patient(ranked[k].first.view(), absl::MakeConstSpan(first, last));
  }
  return true;
}

PeriodBuild BuildAll(absl::Span<const PeriodEvent> events, absl::CivilDay as_of,
                     const Rules& rules, const TransitionTable* transitions) {
  PeriodBuild out;
  // Ids short enough to hold in place are the common case.
  if (!Build<ShortId>(events, as_of, rules, transitions, &out)) {
    Build<LongId>(events, as_of, rules, transitions, &out);
  }
  std::sort(
      out.errors.begin(), out.errors.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  return out;
}

}  // namespace

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules) {
  return BuildAll(events, as_of, Rules(rules), &rules.transitions());
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules,
                         const TransitionTable& transitions) {
  return BuildAll(events, as_of, Rules(rules), &transitions);
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules) {
  return BuildAll(events, as_of, Rules(rules), nullptr);
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules,
                         const TransitionTable& transitions) {
  return BuildAll(events, as_of, Rules(rules), &transitions);
}

}  // namespace mhpbr
