// A set of profile rows (items 1-13, A-E), kept in row order.
//
//   mhpbr::ItemSet red = check.red_items;
//   for (mhpbr::Item i : red.items()) ...
//   std::string text = red.ToString();   // "6;13;D"

#ifndef MHPBR_ITEM_SET_H_
#define MHPBR_ITEM_SET_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mhpbr/item.h"

namespace mhpbr {

class ItemSet {
 public:
  constexpr ItemSet() = default;
  // Bit i set = row i (ItemIndex) in the set; bits 18 and up are ignored.
  static constexpr ItemSet FromBits(uint32_t bits) {
    return ItemSet(bits & ((1u << kItemCount) - 1));
  }

  void Add(Item i) { bits_ |= 1u << ItemIndex(i); }
  bool Contains(Item i) const { return (bits_ >> ItemIndex(i)) & 1u; }
  bool empty() const { return bits_ == 0; }
  int size() const;
  uint32_t bits() const { return bits_; }

  // In profile row order.
  std::vector<Item> items() const;
  // Item codes in row order joined by `separator`, e.g. "6;13;D".
  std::string ToString(char separator = ';') const;
  // The same written at `out` (room for kMaxTextBytes); returns the end.
  static constexpr size_t kMaxTextBytes = 2 * kItemCount + 4;
  char* WriteTo(char separator, char* out) const;

  friend bool operator==(ItemSet a, ItemSet b) { return a.bits_ == b.bits_; }
  friend bool operator!=(ItemSet a, ItemSet b) { return a.bits_ != b.bits_; }

 private:
  constexpr explicit ItemSet(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = 0;
};

}  // namespace mhpbr

#endif  // MHPBR_ITEM_SET_H_
