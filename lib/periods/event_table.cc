#include "mhpbr/event_table.h"

#include <algorithm>
#include <cstring>

namespace mhpbr {

void EventTable::Reserve(size_t events, size_t text_bytes) {
  events_.reserve(events);
  text_.reserve(text_bytes);
}

namespace {

// Up to the last 8 bytes of `s` with its size: where units' names differ.
uint64_t Tail(absl::string_view s) {
  uint64_t word = 0;
  const size_t n = std::min<size_t>(s.size(), sizeof(word));
  // (An empty view may have no data at all: memcpy must not see it.)
  if (n > 0) std::memcpy(&word, s.data() + s.size() - n, n);
  return word ^ s.size();
}

}  // namespace

uint32_t EventTable::UnitOf(absl::string_view team, absl::string_view provider,
                            absl::string_view commissioner) {
  constexpr uint64_t kMix = 0x9E3779B97F4A7C15u;
  const uint64_t hash =
      ((Tail(team) * kMix ^ Tail(provider)) * kMix ^ Tail(commissioner)) * kMix;
  uint32_t& recent = recent_[hash >> (64 - kRecentBits)];
  if (recent != 0 && unit_team(recent - 1) == team &&
      unit_provider(recent - 1) == provider &&
      unit_commissioner(recent - 1) == commissioner) {
    return recent - 1;
  }
  recent = Number(team, provider, commissioner) + 1;
  return recent - 1;
}

uint32_t EventTable::Number(absl::string_view team, absl::string_view provider,
                            absl::string_view commissioner) {
  const uint32_t sizes[3] = {static_cast<uint32_t>(team.size()),
                             static_cast<uint32_t>(provider.size()),
                             static_cast<uint32_t>(commissioner.size())};
  key_.assign(reinterpret_cast<const char*>(sizes), sizeof(sizes));
  key_.append(team.data(), team.size());
  key_.append(provider.data(), provider.size());
  key_.append(commissioner.data(), commissioner.size());
  if (auto it = unit_numbers_.find(key_); it != unit_numbers_.end()) {
    return it->second;
  }
  const uint32_t u = static_cast<uint32_t>(units_.size());
  Unit& unit = units_.emplace_back();
  unit.text = key_.substr(sizeof(sizes));
  unit.team_size = sizes[0];
  unit.provider_size = sizes[1];
  unit_numbers_.emplace(key_, u);
  return u;
}

void EventTable::Add(const PeriodEvent& e) {
  const uint32_t unit = UnitOf(e.team, e.provider, e.commissioner);
  Event& out = events_.emplace_back();
  out.text = text_.size();
  out.line = e.line;
  out.day = DayNumber(e.date);
  out.id_size = static_cast<uint32_t>(e.patient_id.size());
  out.unit = unit;
  out.kind = e.kind;
  out.cluster = e.cluster;
  text_.append(e.patient_id);
}

void EventTable::Append(const EventTable& other) {
  // Each of other's units numbered here once, not each event's.
  std::vector<uint32_t> units(other.units_.size());
  for (uint32_t u = 0; u < units.size(); ++u) {
    units[u] = UnitOf(other.unit_team(u), other.unit_provider(u),
                      other.unit_commissioner(u));
  }
  const uint64_t shift = text_.size();
  for (const Event& e : other.events_) {
    events_.push_back(e);
    events_.back().text += shift;
    events_.back().unit = units[e.unit];
  }
  text_.append(other.text_);
}

void EventTable::Clear() {
  events_.clear();
  text_.clear();
  units_.clear();
  unit_numbers_.clear();
  recent_.fill(0);
}

}  // namespace mhpbr
