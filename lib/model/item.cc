#include "mhpbr/item.h"

#include <array>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {

constexpr std::array<absl::string_view, kItemCount> kItemCodes = {
    "1", "2", "3",  "4",  "5",  "6", "7", "8", "9",
    "10", "11", "12", "13", "A", "B", "C", "D", "E"};
constexpr std::array<absl::string_view, kItem8TypeCount> kItem8TypeCodes = {
    "8A", "8B", "8C", "8D", "8E", "8F", "8G", "8H", "8I", "8J"};

}  // namespace

absl::string_view ItemCode(Item i) { return kItemCodes[ItemIndex(i)]; }

absl::string_view Item8TypeCode(Item8Type t) {
  return kItem8TypeCodes[static_cast<int>(t)];
}

absl::StatusOr<Item> ParseItemCode(absl::string_view code) {
  for (int i = 0; i < kItemCount; ++i) {
    if (absl::EqualsIgnoreCase(code, kItemCodes[i])) return ItemAt(i);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "item '", code, "' is not an MHCT profile item (1-13, A-E)"));
}

absl::StatusOr<Item8Type> ParseItem8TypeCode(absl::string_view code) {
  for (int i = 0; i < kItem8TypeCount; ++i) {
    if (absl::EqualsIgnoreCase(code, kItem8TypeCodes[i])) {
      return static_cast<Item8Type>(i);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("item '", code, "' is not an item 8 type (8A-8J)"));
}

}  // namespace mhpbr
