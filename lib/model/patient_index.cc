#include "mhpbr/patient_index.h"

#include <cstring>
#include <limits>

#include "absl/hash/hash.h"

namespace mhpbr {

PatientIndex::PatientIndex() : slots_(16), mask_(15) {}

uint64_t PatientIndex::Hash(absl::string_view id) {
  return absl::Hash<absl::string_view>{}(id);
}

namespace {

uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint32_t Load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// a[0, n) == b[0, n) for an inline id, in a few loads rather than a call
// to memcmp per lookup (overlapping loads cover the ends).
bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (Load8(a + i) != Load8(b + i)) return false;
    }
    return Load8(a + n - 8) == Load8(b + n - 8);
  }
  if (n >= 4) {
    return Load4(a) == Load4(b) && Load4(a + n - 4) == Load4(b + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

bool PatientIndex::Matches(const Slot& s, absl::string_view id) const {
  if (s.length == kLong) {
    if (id.size() <= kInlineBytes) return false;
    uint32_t i;
    std::memcpy(&i, s.key, sizeof i);
    return long_ids_[i] == id;
  }
  return s.length == id.size() && SameBytes(s.key, id.data(), s.length);
}

const PatientIndex::Slot* PatientIndex::FindSlot(absl::string_view id,
                                                 uint64_t hash) const {
  // Linear probing over a table at most half full: the run to an empty
  // slot is short and usually within the first cache line.
  for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.number == kNone) return nullptr;
    if (Matches(s, id)) return &s;
  }
}

int32_t PatientIndex::Find(absl::string_view id, uint64_t hash) const {
  const Slot* s = FindSlot(id, hash);
  return s == nullptr ? kNone : s->number;
}

int32_t PatientIndex::Find(absl::string_view id, uint64_t hash,
                           Range* range) const {
  const Slot* s = FindSlot(id, hash);
  if (s == nullptr) return kNone;
  *range = s->range;
  return s->number;
}

void PatientIndex::Place(const Slot& s, uint64_t hash) {
  uint64_t i = hash & mask_;
  while (slots_[i].number != kNone) i = (i + 1) & mask_;
  slots_[i] = s;
}

void PatientIndex::Grow() { Resize(slots_.size() * 2); }

void PatientIndex::Resize(size_t slots) {
  std::vector<Slot, HugePageAllocator<Slot>> old(slots);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.number == kNone) continue;
    absl::string_view id;
    if (s.length == kLong) {
      uint32_t i;
      std::memcpy(&i, s.key, sizeof i);
      id = long_ids_[i];
    } else {
      id = absl::string_view(s.key, s.length);
    }
    Place(s, Hash(id));
  }
}

void PatientIndex::Reserve(size_t ids) {
  size_t slots = slots_.size();
  while (2 * ids > slots) slots *= 2;
  if (slots > slots_.size()) Resize(slots);
}

int32_t PatientIndex::Add(absl::string_view id, uint64_t hash, Range range) {
  if (const int32_t n = Find(id, hash); n != kNone) return n;
  if (size_ == std::numeric_limits<int32_t>::max()) return kNone;
  if (2 * (static_cast<uint64_t>(size_) + 1) > slots_.size()) Grow();
  Slot s;
  s.number = size_++;
  s.range = range;
  if (id.size() <= kInlineBytes) {
    s.length = static_cast<uint8_t>(id.size());
    std::memcpy(s.key, id.data(), id.size());
  } else {
    s.length = kLong;
    const uint32_t i = static_cast<uint32_t>(long_ids_.size());
    long_ids_.emplace_back(id);
    std::memcpy(s.key, &i, sizeof i);
  }
  Place(s, hash);
  return s.number;
}

}  // namespace mhpbr
