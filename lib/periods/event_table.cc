#include "mhpbr/event_table.h"

namespace mhpbr {

void EventTable::Reserve(size_t events, size_t text_bytes) {
  events_.reserve(events);
  text_.reserve(text_bytes);
}

void EventTable::Add(const PeriodEvent& e) {
  Event& out = events_.emplace_back();
  out.text = text_.size();
  out.date = e.date;
  out.line = e.line;
  out.id_size = static_cast<uint32_t>(e.patient_id.size());
  out.team_size = static_cast<uint32_t>(e.team.size());
  out.provider_size = static_cast<uint32_t>(e.provider.size());
  out.commissioner_size = static_cast<uint32_t>(e.commissioner.size());
  out.kind = e.kind;
  out.cluster = e.cluster;
  text_.append(e.patient_id);
  text_.append(e.team);
  text_.append(e.provider);
  text_.append(e.commissioner);
}

void EventTable::Append(const EventTable& other) {
  const uint64_t shift = text_.size();
  for (const Event& e : other.events_) {
    events_.push_back(e);
    events_.back().text += shift;
  }
  text_.append(other.text_);
}

void EventTable::Clear() {
  events_.clear();
  text_.clear();
}

}  // namespace mhpbr
