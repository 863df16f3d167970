// Dense numbers for patient ids: each distinct id gets the next number, 0,
// 1, 2, ..., in the order it was first added.
//
// Costing and coverage look every activity record's patient up, millions
// of times over a table of hundreds of thousands of people, so the lookup
// is built for memory, not generality: ids up to kInlineBytes long live in
// the table's 32-byte slots (a lookup usually reads one cache line), and
// Prefetch() lets a caller overlap the memory waits of a batch of records.
// Longer ids work too, one extra read each. Each id may carry a Range its
// owner sets when adding it (the coster: where the patient's periods lie),
// kept in the id's slot, so that reading it costs no further cache miss.
//
//   mhpbr::PatientIndex index;
//   int32_t n = index.Add("RX0012345");    // 0
//   index.Find("RX0012345");               // 0
//   index.Find("unknown");                 // PatientIndex::kNone
//
// Immutable once built: const calls are safe from many threads.

#ifndef MHPBR_PATIENT_INDEX_H_
#define MHPBR_PATIENT_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mhpbr/huge_page_allocator.h"

namespace mhpbr {

class PatientIndex {
 public:
  static constexpr int32_t kNone = -1;
  static constexpr size_t kInlineBytes = 19;

  // What an owner keeps with an id; {0, 0} unless given to Add.
  struct Range {
    int32_t begin = 0;
    int32_t end = 0;
  };

  PatientIndex();

  // The id's number, adding the id if it is new; kNone only when the index
  // already holds 2^31 - 1 ids.
  int32_t Add(absl::string_view id) { return Add(id, Hash(id)); }
  // The same with the id's Hash(), so that a caller adding many ids can
  // Prefetch() the slots of those to come (each is a cache miss), and the
  // range kept with a new id (an id already there keeps its own).
  int32_t Add(absl::string_view id, uint64_t hash) {
    return Add(id, hash, Range());
  }
  int32_t Add(absl::string_view id, uint64_t hash, Range range);

  // Makes room for `ids` ids in all, so that adding them never regrows
  // (and re-places) the table.
  void Reserve(size_t ids);

  // The id's number, or kNone.
  int32_t Find(absl::string_view id) const { return Find(id, Hash(id)); }
  // The same with the id's Hash() computed by the caller, who may have
  // called Prefetch() with it a little earlier.
  int32_t Find(absl::string_view id, uint64_t hash) const;
  // The same, with the range kept with the id in `*range` when it is found.
  int32_t Find(absl::string_view id, uint64_t hash, Range* range) const;
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&slots_[hash & mask_]);
  }
  static uint64_t Hash(absl::string_view id);

  // How many ids have numbers.
  int32_t size() const { return size_; }

 private:
  struct alignas(32) Slot {
    int32_t number = kNone;
    Range range;
    // kLong: the id is in long_ids_, its index in `key`.
    uint8_t length = 0;
    char key[kInlineBytes];
  };
  static constexpr uint8_t kLong = 0xff;
  static_assert(kInlineBytes < kLong, "inline lengths must not read as kLong");
  static_assert(sizeof(Slot) == 32, "two slots a cache line");

  bool Matches(const Slot& s, absl::string_view id) const;
  const Slot* FindSlot(absl::string_view id, uint64_t hash) const;
  void Place(const Slot& s, uint64_t hash);
  void Grow();
  // To `slots` slots (a power of two, more than now), every id re-placed.
  void Resize(size_t slots);

  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  uint64_t mask_;
  int32_t size_ = 0;
  std::vector<std::string> long_ids_;
};

}  // namespace mhpbr

#endif  // MHPBR_PATIENT_INDEX_H_
