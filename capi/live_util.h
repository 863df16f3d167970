// What the C API's calls share: the sized init of every struct, and the
// checks of the live calls' arguments (struct sizes, YYYYMMDD dates,
// cluster codes), each naming the field at fault. Internal to capi/.

#ifndef MHPBR_CAPI_LIVE_UTIL_H_
#define MHPBR_CAPI_LIVE_UTIL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mhpbr.h"
#include "mhpbr/cluster.h"

namespace mhpbr::capi {

// The sized init of every struct (mhpbr.h, "Structs."): copies the first
// `size` bytes of `defaults`, zero-fills past the end of the struct this
// library knows and sets struct_size = size. Writes nothing for NULL, for
// a size that cannot hold struct_size, or for one struct_size cannot hold.
template <typename Struct>
void InitSized(const Struct& defaults, void* out, size_t size) {
  static_assert(offsetof(Struct, struct_size) == 0 &&
                    sizeof(Struct::struct_size) == sizeof(uint32_t),
                "every C API struct starts with uint32_t struct_size");
  if (out == nullptr || size < sizeof(uint32_t) ||
      static_cast<uint64_t>(size) > UINT32_MAX) {
    return;
  }
  char* bytes = static_cast<char*>(out);
  const size_t known = std::min(size, sizeof(Struct));
  std::memcpy(bytes, &defaults, known);
  if (size > known) std::memset(bytes + known, 0, size - known);
  const uint32_t struct_size = static_cast<uint32_t>(size);
  std::memcpy(bytes, &struct_size, sizeof struct_size);
}

// OK when the caller's struct is at least the library's size.
// `name` is the argument ("payment"), `init` its initializer's name.
template <typename Struct>
absl::Status CheckSize(const Struct& s, absl::string_view name,
                       absl::string_view init) {
  if (s.struct_size >= sizeof(Struct)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, ".struct_size ", s.struct_size, " is smaller than ",
                   sizeof(Struct), " (use ", init, ")"));
}

// The stride of an array of structs whose elements are `first.struct_size`
// bytes apart: at least the library's size and a multiple of the struct's
// alignment (any other would misalign every later element).
template <typename Struct>
absl::Status CheckStride(const Struct& first, absl::string_view array) {
  const size_t stride = first.struct_size;
  if (stride < sizeof(Struct)) {
    return absl::InvalidArgumentError(absl::StrCat(array, "[0].struct_size ",
                                                   stride, " is smaller than ",
                                                   sizeof(Struct)));
  }
  if (stride % alignof(Struct) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(array, "[0].struct_size ", stride,
                     " is not a multiple of ", alignof(Struct)));
  }
  return absl::OkStatus();
}

// Years as ParseIsoDate takes them.
inline constexpr int kMinYear = 1800;
inline constexpr int kMaxYear = 9999;

// A YYYYMMDD date, or an error naming `field`: MHPBR_NO_DATE (0) is not a
// date here, nor is a day the calendar does not have (20230229).
inline absl::Status ToDay(int32_t yyyymmdd, absl::string_view field,
                          absl::CivilDay* out) {
  const int year = yyyymmdd / 10000;
  const int month = yyyymmdd / 100 % 100;
  const int day = yyyymmdd % 100;
  if (yyyymmdd == MHPBR_NO_DATE) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is MHPBR_NO_DATE: a date (YYYYMMDD) is needed"));
  }
  if (yyyymmdd > 0 && year >= kMinYear && year <= kMaxYear && month >= 1 &&
      month <= 12 && day >= 1) {
    const absl::CivilDay d(year, month, day);
    // CivilDay normalises 30 February to 2 March: a real date survives.
    if (d.month() == month && d.day() == day) {
      *out = d;
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, " ", yyyymmdd, " is not a date (YYYYMMDD, years 1800-9999)"));
}

// The same where MHPBR_NO_DATE means none (an open period's end).
inline absl::Status ToOptionalDay(int32_t yyyymmdd, absl::string_view field,
                                  std::optional<absl::CivilDay>* out) {
  if (yyyymmdd == MHPBR_NO_DATE) {
    out->reset();
    return absl::OkStatus();
  }
  absl::CivilDay d;
  if (absl::Status s = ToDay(yyyymmdd, field, &d); !s.ok()) return s;
  *out = d;
  return absl::OkStatus();
}

// YYYYMMDD of a day (years up to 214747 fit).
inline int32_t FromDay(absl::CivilDay d) {
  return static_cast<int32_t>(d.year() * 10000 + d.month() * 100 + d.day());
}

// A cluster code 0-8 or 10-21, or an error naming `field`.
inline absl::Status ToCluster(int32_t code, absl::string_view field,
                              Cluster* out) {
  if (Cluster::IsValidCode(code)) {
    *out = Cluster::FromIndex(code < 9 ? code : code - 1);
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, " ", code, " is not a cluster (0-8 or 10-21; there is no 9)"));
}

// A NUL-terminated C string as a view; NULL is empty.
inline absl::string_view View(const char* s) {
  return s == nullptr ? absl::string_view() : absl::string_view(s);
}

// `text` of `length` bytes, which may be NULL only when empty.
inline absl::string_view View(const char* text, size_t length) {
  return text == nullptr ? absl::string_view()
                         : absl::string_view(text, length);
}

}  // namespace mhpbr::capi

#endif  // MHPBR_CAPI_LIVE_UTIL_H_
