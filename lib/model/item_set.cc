#include "mhpbr/item_set.h"

namespace mhpbr {

int ItemSet::size() const { return __builtin_popcount(bits_); }

std::vector<Item> ItemSet::items() const {
  std::vector<Item> out;
  for (int i = 0; i < kItemCount; ++i) {
    if ((bits_ >> i) & 1u) out.push_back(ItemAt(i));
  }
  return out;
}

std::string ItemSet::ToString(char separator) const {
  std::string out;
  for (int i = 0; i < kItemCount; ++i) {
    if (!((bits_ >> i) & 1u)) continue;
    if (!out.empty()) out.push_back(separator);
    absl::string_view code = ItemCode(ItemAt(i));
    out.append(code.data(), code.size());
  }
  return out;
}

}  // namespace mhpbr
