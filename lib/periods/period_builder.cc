#include "mhpbr/period_builder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/review_schedule.h"

namespace mhpbr {

absl::string_view EventKindName(EventKind k) {
  return k == EventKind::kAllocate ? "allocate" : "discharge";
}

namespace {

// A patient id of at most 15 bytes held in place: its bytes, zero padding,
// then its length. Events are grouped by patient by sorting them with their
// ids, and an id held in place moves with its event where a view into the
// events would cost a cache miss on every comparison. The 16 bytes order as
// the ids do bytewise: the padding puts a prefix first, and the length
// settles a prefix that is followed by zero bytes.
class ShortId {
 public:
  static constexpr int kBytes = 16;
  static bool Fits(absl::string_view id) { return id.size() < kBytes; }
  ShortId() = default;
  // REQUIRES: Fits(id).
  explicit ShortId(absl::string_view id) {
    std::memcpy(words_, id.data(), id.size());
    bytes()[kBytes - 1] = static_cast<char>(id.size());
  }
  absl::string_view view() const {
    return absl::string_view(bytes(), byte(kBytes - 1));
  }
  // The ids order as their bytes do, from byte 0.
  unsigned char byte(int i) const {
    return static_cast<unsigned char>(bytes()[i]);
  }
  friend bool operator==(const ShortId& a, const ShortId& b) {
    return a.words_[0] == b.words_[0] && a.words_[1] == b.words_[1];
  }

 private:
  char* bytes() { return reinterpret_cast<char*>(words_); }
  const char* bytes() const { return reinterpret_cast<const char*>(words_); }

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
    // Hook for the report's reviews_on_time_ppm (review_months.h): keep.
    out_->review_months.Held(e.date, due);
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
  // Hook for the report's reviews_on_time_ppm (review_months.h): keep.
  out_->review_months.Ended(period_);
  out_->periods.push_back(std::move(period_));
  open_ = false;
}

// An event for the sweep with its patient's id: sorted stably by id, each
// patient's events lie together, in input order.
template <typename Id>
struct Keyed {
  Id id;
  Item item;
};

// A radix sort, a byte at a time from the last: no comparisons, and a byte
// every id shares (the padding, a common prefix such as a letter) costs no
// pass of its own.
void SortById(std::vector<Keyed<ShortId>>& keyed) {
  constexpr int kBytes = ShortId::kBytes;
  std::vector<std::array<uint32_t, 256>> counts(kBytes);
  for (const Keyed<ShortId>& k : keyed) {
    for (int b = 0; b < kBytes; ++b) ++counts[b][k.id.byte(b)];
  }
  std::vector<Keyed<ShortId>> sorted(keyed.size());
  for (int b = kBytes - 1; b >= 0; --b) {
    std::array<uint32_t, 256>& at = counts[b];
    if (std::find(at.begin(), at.end(), keyed.size()) != at.end()) continue;
    uint32_t sum = 0;
    for (uint32_t& n : at) sum += std::exchange(n, sum);
    for (const Keyed<ShortId>& k : keyed) sorted[at[k.id.byte(b)]++] = k;
    keyed.swap(sorted);
  }
}

void SortById(std::vector<Keyed<LongId>>& keyed) {
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const Keyed<LongId>& a, const Keyed<LongId>& b) {
                     return a.id < b.id;
                   });
}

// Builds into `out`, or returns false, leaving it untouched, when an id does
// not fit `Id`.
template <typename Id>
bool Build(absl::Span<const PeriodEvent> events, absl::CivilDay as_of,
           const Rules& rules, const TransitionTable* transitions,
           PeriodBuild* out) {
  std::vector<Keyed<Id>> keyed;
  keyed.reserve(events.size());
  int64_t after_as_of = 0;
  size_t allocations = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const PeriodEvent& e = events[i];
    if (!Id::Fits(e.patient_id)) return false;
    if (e.date > as_of) {
      ++after_as_of;
      continue;
    }
    keyed.push_back({Id(e.patient_id),
                     {e.date, static_cast<uint32_t>(i), e.kind, e.cluster}});
    allocations += e.kind == EventKind::kAllocate;
  }
  out->events_after_as_of = after_as_of;
  // Sorted by id, patients are swept in the order the output is sorted in.
  SortById(keyed);

  // Each period starts with an allocation.
  out->periods.reserve(allocations);
  Sweep sweep(events, as_of, rules, transitions, out);
  const auto by_date = [](const Item& a, const Item& b) {
    return a.date < b.date;
  };
  std::vector<Item> items;
  constexpr size_t kReadAhead = 16;
  for (size_t i = 0; i < keyed.size();) {
    items.clear();
    size_t j = i;
    for (; j < keyed.size() && keyed[j].id == keyed[i].id; ++j) {
      items.push_back(keyed[j].item);
      // An opening allocation's team, provider and commissioner are read
      // from its event, far away in the input: asking for them some events
      // ahead overlaps the reads.
      if (j + kReadAhead < keyed.size()) {
        const PeriodEvent& ahead = events[keyed[j + kReadAhead].item.pos];
        __builtin_prefetch(&ahead.team);
        __builtin_prefetch(&ahead.commissioner);
      }
    }
    // Extract order is by date already; stable keeps input order within a
    // date.
    if (!std::is_sorted(items.begin(), items.end(), by_date)) {
      std::stable_sort(items.begin(), items.end(), by_date);
    }
    sweep.Patient(keyed[i].id.view(), items);
    i = j;
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
