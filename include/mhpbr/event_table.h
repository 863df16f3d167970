// Period events held compactly, for building a national year's periods
// (StreamPeriods, period_stream.h): a PeriodEvent is 160 bytes with four
// strings, and faulting in and freeing five million of them cost more than
// building their periods. Here an event is a fixed record of a day number,
// kinds and sizes; its patient id is bytes in one shared text, and its
// team, provider and commissioner together are a unit numbered the first
// time the table sees them, so that building the periods carries a number
// where it would read the three strings at random from the table.
//
//   mhpbr::EventTable table;
//   for (const mhpbr::PeriodEvent& e : events) table.Add(e);
//   table.id(0), table.date(0), table.team(0) ...
//   table.unit(0) == table.unit(1) when both name the same three units

#ifndef MHPBR_EVENT_TABLE_H_
#define MHPBR_EVENT_TABLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr/cluster.h"
#include "mhpbr/day_number.h"
#include "mhpbr/period_event.h"

namespace mhpbr {

class EventTable {
 public:
  // Room for `events` events of about `text_bytes` bytes of ids in all;
  // room never used is never touched.
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
  absl::CivilDay date(size_t i) const { return DayOfNumber(events_[i].day); }
  // date(i) as DayNumber gives it.
  int32_t day(size_t i) const { return events_[i].day; }
  EventKind kind(size_t i) const { return events_[i].kind; }
  Cluster cluster(size_t i) const { return events_[i].cluster; }
  int64_t line(size_t i) const { return events_[i].line; }
  // Event i's team, provider and commissioner as one number, the same for
  // events naming the same three (each compared as bytes).
  uint32_t unit(size_t i) const { return events_[i].unit; }
  // Empty when the event names none.
  absl::string_view team(size_t i) const { return unit_team(unit(i)); }
  absl::string_view provider(size_t i) const { return unit_provider(unit(i)); }
  absl::string_view commissioner(size_t i) const {
    return unit_commissioner(unit(i));
  }
  // The team, provider and commissioner of the unit numbered `u`.
  absl::string_view unit_team(uint32_t u) const {
    const Unit& k = units_[u];
    return absl::string_view(k.text).substr(0, k.team_size);
  }
  absl::string_view unit_provider(uint32_t u) const {
    const Unit& k = units_[u];
    return absl::string_view(k.text).substr(k.team_size, k.provider_size);
  }
  absl::string_view unit_commissioner(uint32_t u) const {
    const Unit& k = units_[u];
    return absl::string_view(k.text).substr(k.team_size + k.provider_size);
  }

 private:
  struct Event {
    // Where the event's id starts in text_.
    uint64_t text = 0;
    int64_t line = 0;
    int32_t day = 0;
    uint32_t id_size = 0;
    uint32_t unit = 0;
    EventKind kind = EventKind::kAllocate;
    Cluster cluster;
  };
  struct Unit {
    // The team, provider and commissioner one after the other.
    std::string text;
    uint32_t team_size = 0;
    uint32_t provider_size = 0;
  };

  // The number of the unit of these three, numbering it when new.
  uint32_t UnitOf(absl::string_view team, absl::string_view provider,
                  absl::string_view commissioner);
  // The same by the unit's whole key (UnitOf's slow path).
  uint32_t Number(absl::string_view team, absl::string_view provider,
                  absl::string_view commissioner);

  std::vector<Event> events_;
  std::string text_;
  std::vector<Unit> units_;
  // By the three's sizes and then their bytes, so that no two units share
  // a key.
  absl::flat_hash_map<std::string, uint32_t> unit_numbers_;
  std::string key_;  // UnitOf's, kept for its memory
  // Units seen lately by a cheap hash of their ends, each 1 + its number
  // (0: none): a file names a few hundred units, and finding one here
  // costs less than building its key and hashing it.
  static constexpr int kRecentBits = 10;
  std::array<uint32_t, size_t{1} << kRecentBits> recent_ = {};
};

}  // namespace mhpbr

#endif  // MHPBR_EVENT_TABLE_H_
