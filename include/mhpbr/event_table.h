// Period events held compactly, for building a national year's periods
// (StreamPeriods, period_stream.h): a PeriodEvent is 160 bytes with four
// strings, and faulting in and freeing five million of them cost more than
// building their periods. Here an event is a fixed record of dates, kinds
// and sizes, and its patient id, team, provider and commissioner are bytes
// in one shared text, so a table grows by appending and frees at once.
//
//   mhpbr::EventTable table;
//   for (const mhpbr::PeriodEvent& e : events) table.Add(e);
//   table.id(0), table.date(0), table.team(0) ...

#ifndef MHPBR_EVENT_TABLE_H_
#define MHPBR_EVENT_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/cluster.h"
#include "mhpbr/period_event.h"

namespace mhpbr {

class EventTable {
 public:
  // Room for `events` events of about `text_bytes` bytes of ids and units
  // in all; room never used is never touched.
  void Reserve(size_t events, size_t text_bytes);
  void Add(const PeriodEvent& e);
  // Appends `other`'s events after this table's, in order (tables filled
  // from blocks of a file on several threads, joined in file order).
  void Append(const EventTable& other);
  void Clear();

  size_t size() const { return events_.size(); }
  absl::string_view id(size_t i) const {
    const Event& e = events_[i];
    return {text_.data() + e.text, e.id_size};
  }
  absl::CivilDay date(size_t i) const { return events_[i].date; }
  EventKind kind(size_t i) const { return events_[i].kind; }
  Cluster cluster(size_t i) const { return events_[i].cluster; }
  int64_t line(size_t i) const { return events_[i].line; }
  // Empty when the event names none.
  absl::string_view team(size_t i) const {
    const Event& e = events_[i];
    return {text_.data() + e.text + e.id_size, e.team_size};
  }
  absl::string_view provider(size_t i) const {
    const Event& e = events_[i];
    return {text_.data() + e.text + e.id_size + e.team_size, e.provider_size};
  }
  absl::string_view commissioner(size_t i) const {
    const Event& e = events_[i];
    return {text_.data() + e.text + e.id_size + e.team_size + e.provider_size,
            e.commissioner_size};
  }
  // Asks for event i's record ahead of reading it, and then (once the
  // record is at hand: finding its text reads it) for its text.
  void PrefetchRecord(size_t i) const { __builtin_prefetch(&events_[i]); }
  void PrefetchText(size_t i) const {
    __builtin_prefetch(text_.data() + events_[i].text);
  }

 private:
  struct Event {
    // Where the event's id, team, provider and commissioner start in
    // text_, one after the other.
    uint64_t text = 0;
    absl::CivilDay date;
    int64_t line = 0;
    uint32_t id_size = 0;
    uint32_t team_size = 0;
    uint32_t provider_size = 0;
    uint32_t commissioner_size = 0;
    EventKind kind = EventKind::kAllocate;
    Cluster cluster;
  };

  std::vector<Event> events_;
  std::string text_;
};

}  // namespace mhpbr

#endif  // MHPBR_EVENT_TABLE_H_
