// Quoting input in error messages without flooding them: at most `max`
// bytes, cut on a UTF-8 character boundary (a reject file must stay valid
// UTF-8), with "..." when cut.

#ifndef MHPBR_LIB_UTIL_SHOWN_TEXT_H_
#define MHPBR_LIB_UTIL_SHOWN_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace mhpbr {

inline std::string ShownText(absl::string_view text, size_t max = 40) {
  if (text.size() <= max) return std::string(text);
  size_t n = max;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (n > 0 && (static_cast<uint8_t>(text[n]) & 0xC0) == 0x80) --n;
  return std::string(text.substr(0, n)) + "...";
}

}  // namespace mhpbr

#endif  // MHPBR_LIB_UTIL_SHOWN_TEXT_H_
