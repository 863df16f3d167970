#include "mhpbr/period_builder.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "lib/util/parallel_parts.h"
#include "mhpbr/dates.h"
#include "mhpbr/day_number.h"
#include "mhpbr/period_stream.h"
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
  // The id whose 16 bytes (as above) are `bytes`.
  static ShortId FromBytes(const char* bytes) {
    ShortId id;
    std::memcpy(id.words_, bytes, kBytes);
    return id;
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

// The events as the builder reads them, by index: a caller's PeriodEvents
// here, an EventTable (event_table.h) read directly.
class EventSpan {
 public:
  explicit EventSpan(absl::Span<const PeriodEvent> events) : events_(events) {}
  size_t size() const { return events_.size(); }
  absl::string_view id(size_t i) const { return events_[i].patient_id; }
  int32_t day(size_t i) const { return DayNumber(events_[i].date); }
  EventKind kind(size_t i) const { return events_[i].kind; }
  Cluster cluster(size_t i) const { return events_[i].cluster; }
  int64_t line(size_t i) const { return events_[i].line; }
  // Each event is a unit of its own: its team, provider and commissioner
  // are its strings.
  uint32_t unit(size_t i) const { return static_cast<uint32_t>(i); }
  absl::string_view unit_team(uint32_t u) const { return events_[u].team; }
  absl::string_view unit_provider(uint32_t u) const {
    return events_[u].provider;
  }
  absl::string_view unit_commissioner(uint32_t u) const {
    return events_[u].commissioner;
  }
  // An opening allocation's strings lie far away in the input: asking for
  // them some events ahead overlaps the reads. (Short strings are held in
  // the record; a long one's bytes are not asked for.)
  void PrefetchUnit(uint32_t u) const {
    __builtin_prefetch(&events_[u].team);
    __builtin_prefetch(&events_[u].commissioner);
  }

 private:
  absl::Span<const PeriodEvent> events_;
};

// What the sweep needs of an event, so that it reads the (large) events
// only for an error's line: 16 bytes, moved twice or more by the sort.
struct Item {
  int32_t day;    // DayNumber
  uint32_t pos;   // in the events
  uint32_t unit;  // the events' unit(pos)
  EventKind kind;
  Cluster cluster;
  absl::CivilDay date() const { return DayOfNumber(day); }
};

// An EventTable's units are a small table, read from the cache.
void PrefetchUnit(const EventTable&, uint32_t) {}
void PrefetchUnit(const EventSpan& events, uint32_t u) {
  events.PrefetchUnit(u);
}

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

// Each period built, in output order; it may be moved from.
using Sink = absl::FunctionRef<void(ClusterPeriod&)>;

template <typename Events>
class Sweep {
 public:
  // `transitions`: the caller's own table, or nullptr for the one in force
  // on each move's date. Periods go to `sink`, the rest to `out`.
  Sweep(const Events& events, absl::CivilDay as_of, const Rules& rules,
        const TransitionTable* transitions, Sink sink, PeriodBuild* out)
      : events_(events),
        as_of_(as_of),
        rules_(rules),
        transitions_(transitions),
        sink_(sink),
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

  const Events& events_;
  const absl::CivilDay as_of_;
  const Rules& rules_;
  const TransitionTable* transitions_;
  Sink sink_;
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

template <typename Events>
void Sweep<Events>::Patient(absl::string_view id,
                            absl::Span<const Item> items) {
  id_ = id;
  for (size_t i = 0; i < items.size();) {
    size_t j = i + 1;
    while (j < items.size() && items[j].day == items[i].day) ++j;
    Day(items.subspan(i, j - i));
    i = j;
  }
  if (open_) Close(std::nullopt);
}

template <typename Events>
void Sweep<Events>::Day(absl::Span<const Item> items) {
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

template <typename Events>
bool Sweep<Events>::Allocate(const Item& e, int superseded) {
  const absl::CivilDay date = e.date();
  const absl::StatusOr<const RuleSet*> rules = rules_.On(date);
  if (!rules.ok()) {
    out_->errors.push_back({events_.line(e.pos), std::string(id_),
                            std::string(rules.status().message())});
    return false;
  }
  if (open_ && period_.cluster == e.cluster) {
    const absl::CivilDay due = AddReviewPeriod(
        last_review_, review_rules_->cluster(period_.cluster).max_review);
    period_.reviews_late += date > due;
    // Hook for the report's reviews_on_time_ppm (review_months.h): keep.
    out_->review_months.Held(date, due);
    last_review_ = date;
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
    Close(date - 1);
  }
  open_ = true;
  period_ = ClusterPeriod();
  period_.patient_id.assign(id_.data(), id_.size());
  period_.cluster = e.cluster;
  period_.start = date;
  period_.transition_ok = transition_ok;
  period_.superseded = superseded;
  // The period belongs to whoever opened it: a review continues it without
  // moving it to the team or commissioner the review names (outcomes.md, a
  // period's unit).
  const absl::string_view team = events_.unit_team(e.unit);
  const absl::string_view provider = events_.unit_provider(e.unit);
  const absl::string_view commissioner = events_.unit_commissioner(e.unit);
  period_.team.assign(team.data(), team.size());
  period_.provider.assign(provider.data(), provider.size());
  period_.commissioner.assign(commissioner.data(), commissioner.size());
  last_review_ = date;
  opening_rules_ = *rules;
  review_rules_ = *rules;
  return true;
}

template <typename Events>
void Sweep<Events>::Discharge(const Item& e) {
  if (!open_) {
    out_->errors.push_back(
        {events_.line(e.pos), std::string(id_),
         absl::StrCat("discharge on ", FormatIsoDate(e.date()),
                      " with no open cluster period")});
    return;
  }
  out_->events_used += 1;
  Close(e.date());
}

template <typename Events>
void Sweep<Events>::Close(std::optional<absl::CivilDay> end) {
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
  sink_(period_);
  open_ = false;
}

// Work is cut into parts for threads of no fewer events than this: a
// thread costs more than a few records.
constexpr size_t kLeastPerPart = 1 << 14;

// An event for the sweep with its patient's id: sorted stably by id, each
// patient's events lie together, in input order.
template <typename Id>
struct Keyed {
  Id id;
  Item item;
};

// Leaves a new element default-initialised (a trivial one as it finds
// it): every record of the sort is written before it is read, and zeroing
// a national year's records first wrote 120 MB twice over.
template <typename T>
struct Unzeroed : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = Unzeroed<U>;
  };
  Unzeroed() = default;
  template <typename U>
  Unzeroed(const Unzeroed<U>&) {}  // NOLINT: rebinding
  template <typename U>
  void construct(U* p) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename Id>
using KeyedEvents = std::vector<Keyed<Id>, Unzeroed<Keyed<Id>>>;

// A radix sort, a byte at a time from the last: no comparisons, and a byte
// every id shares (the padding, a common prefix such as a letter) costs no
// pass of its own.
void SortById(KeyedEvents<ShortId>& keyed) {
  constexpr int kBytes = ShortId::kBytes;
  std::vector<std::array<uint32_t, 256>> counts(kBytes);
  for (const Keyed<ShortId>& k : keyed) {
    for (int b = 0; b < kBytes; ++b) ++counts[b][k.id.byte(b)];
  }
  KeyedEvents<ShortId> sorted(keyed.size());
  for (int b = kBytes - 1; b >= 0; --b) {
    std::array<uint32_t, 256>& at = counts[b];
    if (std::find(at.begin(), at.end(), keyed.size()) != at.end()) continue;
    uint32_t sum = 0;
    for (uint32_t& n : at) sum += std::exchange(n, sum);
    for (const Keyed<ShortId>& k : keyed) sorted[at[k.id.byte(b)]++] = k;
    keyed.swap(sorted);
  }
}

void SortById(KeyedEvents<LongId>& keyed) {
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const Keyed<LongId>& a, const Keyed<LongId>& b) {
                     return a.id < b.id;
                   });
}

// Sweeps the patients of keyed[begin, end), whole patients, in order;
// id_of(k) gives k's id (a ShortId or LongId).
template <typename Id, typename Events, typename IdOf>
void SweepRange(const KeyedEvents<Id>& keyed, size_t begin, size_t end,
                const IdOf& id_of, Sweep<Events>& sweep, const Events& events) {
  const auto by_date = [](const Item& a, const Item& b) {
    return a.day < b.day;
  };
  std::vector<Item> items;
  // How far ahead a unit is asked for.
  constexpr size_t kAhead = 16;
  for (size_t i = begin; i < end;) {
    items.clear();
    size_t j = i;
    for (; j < end && keyed[j].id == keyed[i].id; ++j) {
      items.push_back(keyed[j].item);
      if (j + kAhead < keyed.size()) {
        PrefetchUnit(events, keyed[j + kAhead].item.unit);
      }
    }
    // Extract order is by date already; stable keeps input order within a
    // date.
    if (!std::is_sorted(items.begin(), items.end(), by_date)) {
      std::stable_sort(items.begin(), items.end(), by_date);
    }
    const auto id = id_of(keyed[i]);
    sweep.Patient(id.view(), items);
    i = j;
  }
}

// The first index at or after `i` where a patient's events start.
template <typename Id>
size_t PatientStart(const KeyedEvents<Id>& keyed, size_t i) {
  while (i > 0 && i < keyed.size() && keyed[i].id == keyed[i - 1].id) ++i;
  return i;
}

// Where StreamPeriods' periods go (period_stream.h): with no sinks, into
// the result.
struct Streaming {
  absl::Span<const PeriodSink> sinks;
  int threads = 1;
  const RangeDone* done = nullptr;
};

// Sweeps `keyed` (sorted by id) into `out`. With no `sinks` the periods go
// to out->periods (`allocations`: room for them); else the patients are
// cut into at most sinks.size() ranges in order, each swept into its own
// sink, the threads taking the ranges in order.
template <typename Id, typename Events, typename IdOf>
void SweepAll(const Events& events, const KeyedEvents<Id>& keyed,
              const IdOf& id_of, size_t allocations, absl::CivilDay as_of,
              const Rules& rules, const TransitionTable* transitions,
              const Streaming& to, PeriodBuild* out) {
  if (to.sinks.empty()) {
    // Each period starts with an allocation.
    out->periods.reserve(allocations);
    std::vector<ClusterPeriod>& periods = out->periods;
    const auto hold = [&periods](ClusterPeriod& p) {
      periods.push_back(std::move(p));
    };
    Sweep<Events> sweep(events, as_of, rules, transitions, hold, out);
    SweepRange(keyed, 0, keyed.size(), id_of, sweep, events);
    return;
  }
  // A patient's periods are built from its events alone, so ranges of
  // patients are swept apart and their counts added.
  const size_t ranges = to.sinks.size();
  std::vector<PeriodBuild> parts(ranges);
  const size_t count = keyed.size();
  // Ranges of no fewer events than kLeastPerPart, save the only one.
  const size_t used =
      std::max<size_t>(1, std::min(ranges, count / kLeastPerPart));
  std::atomic<size_t> next{0};
  RunInParts(to.threads, to.threads, 1, [&](size_t, size_t, size_t) {
    for (size_t r; (r = next.fetch_add(1)) < ranges;) {
      if (r < used) {
        Sweep<Events> sweep(events, as_of, rules, transitions, to.sinks[r],
                            &parts[r]);
        SweepRange(keyed, PatientStart(keyed, count * r / used),
                   PatientStart(keyed, count * (r + 1) / used), id_of, sweep,
                   events);
      }
      if (to.done != nullptr && *to.done) (*to.done)(r);
    }
  });
  for (PeriodBuild& part : parts) {
    out->errors.insert(out->errors.end(),
                       std::make_move_iterator(part.errors.begin()),
                       std::make_move_iterator(part.errors.end()));
    out->events_used += part.events_used;
    out->superseded += part.superseded;
    out->review_months.Merge(part.review_months);
  }
}

// Builds into `out`, or returns false, leaving it untouched, when an id does
// not fit `Id`.
template <typename Id, typename Events>
bool Build(const Events& events, absl::CivilDay as_of, const Rules& rules,
           const TransitionTable* transitions, const Streaming& to,
           PeriodBuild* out) {
  KeyedEvents<Id> keyed;
  keyed.reserve(events.size());
  int64_t after_as_of = 0;
  size_t allocations = 0;
  const int32_t last_day = DayNumber(as_of);
  for (size_t i = 0; i < events.size(); ++i) {
    const absl::string_view id = events.id(i);
    if (!Id::Fits(id)) return false;
    const int32_t day = events.day(i);
    if (day > last_day) {
      ++after_as_of;
      continue;
    }
    const EventKind kind = events.kind(i);
    keyed.push_back({Id(id),
                     {day, static_cast<uint32_t>(i), events.unit(i), kind,
                      events.cluster(i)}});
    allocations += kind == EventKind::kAllocate;
  }
  out->events_after_as_of = after_as_of;
  // Sorted by id, patients are swept in the order the output is sorted in.
  SortById(keyed);
  SweepAll(
      events, keyed, [](const Keyed<Id>& k) -> const Id& { return k.id; },
      allocations, as_of, rules, transitions, to, out);
  return true;
}

// Short ids as one number that orders as they do: each byte that varies
// between the ids is a digit (its value less the least value it takes, in
// base the number of values from least to most). Ids such as P0000000 to
// P1499999 number under 2^21, which sorts in two passes of a radix sort
// where their bytes took seven, and the records sorted are 24 bytes, not
// 32.
class PackedIds {
 public:
  struct Id {
    uint64_t key;  // no initialiser: see Unzeroed
    friend bool operator==(const Id& a, const Id& b) { return a.key == b.key; }
  };

  // Notes the bytes of the ids `other` saw.
  void See(const PackedIds& other) {
    for (int b = 0; b < ShortId::kBytes; ++b) {
      least_[b] = std::min(least_[b], other.least_[b]);
      most_[b] = std::max(most_[b], other.most_[b]);
    }
  }
  // Notes the bytes of one id.
  void See(const ShortId& id) {
    for (int b = 0; b < ShortId::kBytes; ++b) {
      least_[b] = std::min(least_[b], id.byte(b));
      most_[b] = std::max(most_[b], id.byte(b));
    }
  }
  // Sets the digits from the ids seen; false when their number does not
  // fit 64 bits.
  bool Fix() {
    // How many numbers the digits so far make.
    uint64_t weight = 1;
    for (int b = ShortId::kBytes - 1; b >= 0; --b) {
      if (most_[b] < least_[b]) return false;  // no ids seen
      const unsigned base = most_[b] - least_[b] + 1u;
      if (base == 1) continue;
      if (weight > std::numeric_limits<uint64_t>::max() / base) return false;
      digits_.push_back({b, base, weight});
      weight *= base;
    }
    bits_ = 0;
    while (bits_ < 64 && ((weight - 1) >> bits_) != 0) ++bits_;
    return true;
  }
  // The bits the ids' numbers take.
  int bits() const { return bits_; }
  Id Pack(const ShortId& id) const {
    uint64_t key = 0;
    for (const Digit& d : digits_)
      key += (id.byte(d.byte) - least_[d.byte]) * d.weight;
    return {key};
  }
  ShortId Unpack(Id id) const {
    char bytes[ShortId::kBytes];
    for (int b = 0; b < ShortId::kBytes; ++b)
      bytes[b] = static_cast<char>(least_[b]);
    // Least significant digit first: one division gives it and the rest.
    uint64_t rest = id.key;
    for (const Digit& d : digits_) {
      bytes[d.byte] = static_cast<char>(least_[d.byte] + rest % d.base);
      rest /= d.base;
    }
    return ShortId::FromBytes(bytes);
  }

 private:
  struct Digit {
    int byte;
    unsigned base;
    uint64_t weight;
  };
  std::array<unsigned char, ShortId::kBytes> least_ = MostBytes(), most_ = {};
  static std::array<unsigned char, ShortId::kBytes> MostBytes() {
    std::array<unsigned char, ShortId::kBytes> a;
    a.fill(255);
    return a;
  }
  // From the last byte, the least significant.
  std::vector<Digit> digits_;
  int bits_ = 0;
};

// A radix sort of packed ids, 11 bits a pass (2048 counts stay in the
// cache), only over the bits the ids take, on up to `threads` threads:
// each counts and then moves its own part of the records, to places
// counted out bucket by bucket, part by part, so the sort stays stable.
void SortById(KeyedEvents<PackedIds::Id>& keyed, int bits, int threads) {
  constexpr int kDigitBits = 11;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  KeyedEvents<PackedIds::Id> sorted(keyed.size());
  std::vector<std::vector<uint32_t>> at(std::max(threads, 1),
                                        std::vector<uint32_t>(kBuckets));
  for (int shift = 0; shift < bits; shift += kDigitBits) {
    const auto digit = [shift](const Keyed<PackedIds::Id>& k) {
      return (k.id.key >> shift) & (kBuckets - 1);
    };
    const size_t parts =
        RunInParts(keyed.size(), threads, kLeastPerPart,
                   [&](size_t part, size_t begin, size_t end) {
                     std::fill(at[part].begin(), at[part].end(), 0);
                     for (size_t i = begin; i < end; ++i)
                       ++at[part][digit(keyed[i])];
                   });
    uint32_t sum = 0;
    for (size_t d = 0; d < kBuckets; ++d) {
      for (size_t part = 0; part < parts; ++part) {
        sum += std::exchange(at[part][d], sum);
      }
    }
    RunInParts(keyed.size(), threads, kLeastPerPart,
               [&](size_t part, size_t begin, size_t end) {
                 std::vector<uint32_t>& to = at[part];
                 for (size_t i = begin; i < end; ++i) {
                   sorted[to[digit(keyed[i])]++] = keyed[i];
                 }
               });
    keyed.swap(sorted);
  }
}

// Build with packed ids; false, leaving `out` untouched, when an id is too
// long for ShortId or the ids' number does not fit 64 bits. With sinks,
// on as many threads: the ids are seen, numbered and sorted by parts of
// the events, the records of each part going where the parts before end.
template <typename Events>
bool BuildPacked(const Events& events, absl::CivilDay as_of, const Rules& rules,
                 const TransitionTable* transitions, const Streaming& to,
                 PeriodBuild* out) {
  const int threads = std::max(1, to.threads);
  const int32_t last_day = DayNumber(as_of);
  struct Part {
    PackedIds ids;
    bool fits = true;
    size_t kept = 0;  // events up to the as-of date
    size_t allocations = 0;
  };
  std::vector<Part> parts(threads);
  RunInParts(events.size(), threads, kLeastPerPart,
             [&](size_t part, size_t begin, size_t end) {
               Part& p = parts[part];
               for (size_t i = begin; i < end; ++i) {
                 const absl::string_view id = events.id(i);
                 if (!ShortId::Fits(id)) {
                   p.fits = false;
                   return;
                 }
                 if (events.day(i) > last_day) continue;
                 p.ids.See(ShortId(id));
                 ++p.kept;
                 p.allocations += events.kind(i) == EventKind::kAllocate;
               }
             });
  PackedIds packed;
  size_t kept = 0, allocations = 0;
  for (const Part& p : parts) {
    if (!p.fits) return false;
    packed.See(p.ids);
    kept += p.kept;
    allocations += p.allocations;
  }
  if (!packed.Fix()) return false;
  KeyedEvents<PackedIds::Id> keyed(kept);
  RunInParts(events.size(), threads, kLeastPerPart,
             [&](size_t part, size_t begin, size_t end) {
               size_t at = 0;
               for (size_t p = 0; p < part; ++p) at += parts[p].kept;
               for (size_t i = begin; i < end; ++i) {
                 const int32_t day = events.day(i);
                 if (day > last_day) continue;
                 keyed[at++] = {packed.Pack(ShortId(events.id(i))),
                                {day, static_cast<uint32_t>(i), events.unit(i),
                                 events.kind(i), events.cluster(i)}};
               }
             });
  out->events_after_as_of = static_cast<int64_t>(events.size() - kept);
  SortById(keyed, packed.bits(), threads);
  SweepAll(
      events, keyed,
      [&packed](const Keyed<PackedIds::Id>& k) { return packed.Unpack(k.id); },
      allocations, as_of, rules, transitions, to, out);
  return true;
}

template <typename Events>
PeriodBuild BuildAll(const Events& events, absl::CivilDay as_of,
                     const Rules& rules, const TransitionTable* transitions,
                     const Streaming& to = {}) {
  PeriodBuild out;
  // Ids short enough to hold in place are the common case, and ids that
  // differ in few bytes (a letter and digits) the commonest.
  if (!BuildPacked(events, as_of, rules, transitions, to, &out) &&
      !Build<ShortId>(events, as_of, rules, transitions, to, &out)) {
    Build<LongId>(events, as_of, rules, transitions, to, &out);
  }
  std::sort(
      out.errors.begin(), out.errors.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  return out;
}

}  // namespace

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules) {
  return BuildAll(EventSpan(events), as_of, Rules(rules), &rules.transitions());
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSet& rules,
                         const TransitionTable& transitions) {
  return BuildAll(EventSpan(events), as_of, Rules(rules), &transitions);
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules) {
  return BuildAll(EventSpan(events), as_of, Rules(rules), nullptr);
}

PeriodBuild BuildPeriods(absl::Span<const PeriodEvent> events,
                         absl::CivilDay as_of, const RuleSetBundle& rules,
                         const TransitionTable& transitions) {
  return BuildAll(EventSpan(events), as_of, Rules(rules), &transitions);
}

PeriodBuild StreamPeriods(const EventTable& events, absl::CivilDay as_of,
                          const RuleSetBundle& rules,
                          const TransitionTable* transitions,
                          absl::Span<const PeriodSink> sinks) {
  return BuildAll(events, as_of, Rules(rules), transitions,
                  {sinks, static_cast<int>(sinks.size()), nullptr});
}

PeriodBuild StreamPeriods(const EventTable& events, absl::CivilDay as_of,
                          const RuleSetBundle& rules,
                          const TransitionTable* transitions,
                          absl::Span<const PeriodSink> sinks, int threads,
                          const RangeDone& done) {
  return BuildAll(events, as_of, Rules(rules), transitions,
                  {sinks, std::max(1, threads), &done});
}

}  // namespace mhpbr
