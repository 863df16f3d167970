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
  char buf[kMaxTextBytes];
  return std::string(buf, static_cast<size_t>(WriteTo(separator, buf) - buf));
}

char* ItemSet::WriteTo(char separator, char* out) const {
  const char* const start = out;
  for (uint32_t bits = bits_; bits != 0; bits &= bits - 1) {
    if (out != start) *out++ = separator;
    const absl::string_view code = ItemCode(ItemAt(__builtin_ctz(bits)));
    for (char ch : code) *out++ = ch;
  }
  return out;
}

}  // namespace mhpbr
