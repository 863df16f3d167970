#include "lib/analysis/radix_sort.h"

#include <algorithm>
#include <cfloat>
#include <cstddef>
#include <cstring>
#include <utility>

namespace mhpbr {
namespace {

// Below this a comparison sort is as fast as clearing the counts.
constexpr size_t kRadixFrom = 256;
constexpr int kDigitBits = 11;
constexpr uint32_t kDigitMask = (1u << kDigitBits) - 1;

// Least significant digit first, `digits` digits of `Digit(record, d)`
// (each under 2^kDigitBits); a digit all records share is skipped. Stable
// passes, so the order is by the whole key.
template <int digits, typename T, typename Digit>
void LsdRadixSort(std::vector<T>& v, Digit digit) {
  const size_t n = v.size();
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  std::vector<size_t> counts(static_cast<size_t>(digits) * kBuckets, 0);
  for (const T& x : v) {
    for (int d = 0; d < digits; ++d) ++counts[d * kBuckets + digit(x, d)];
  }
  std::vector<T> buffer(n);
  for (int d = 0; d < digits; ++d) {
    size_t* count = &counts[d * kBuckets];
    if (std::find(count, count + kBuckets, n) != count + kBuckets) continue;
    size_t at = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const size_t c = count[b];
      count[b] = at;
      at += c;
    }
    for (const T& x : v) buffer[count[digit(x, d)]++] = x;
    v.swap(buffer);
  }
}

// An 80-bit x87 value as an unsigned key of the same order: sign and
// exponent (`high`) then significand (`low`), negatives' bits inverted.
struct ExtendedKey {
  uint64_t low = 0;
  uint16_t high = 0;
};
constexpr bool kX87 =
    LDBL_MANT_DIG == 64 && LDBL_MAX_EXP == 16384 && sizeof(long double) >= 10;

ExtendedKey KeyOf(long double x) {
  unsigned char bytes[sizeof(long double)];
  std::memcpy(bytes, &x, sizeof x);
  ExtendedKey k;
  std::memcpy(&k.low, bytes, 8);
  std::memcpy(&k.high, bytes + 8, 2);
  if (k.high & 0x8000) {
    k.low = ~k.low;
    k.high = static_cast<uint16_t>(~k.high);
  } else {
    k.high |= 0x8000;
  }
  return k;
}

long double ValueOf(ExtendedKey k) {
  if (k.high & 0x8000) {
    k.high &= 0x7fff;
  } else {
    k.low = ~k.low;
    k.high = static_cast<uint16_t>(~k.high);
  }
  unsigned char bytes[sizeof(long double)] = {};
  std::memcpy(bytes, &k.low, 8);
  std::memcpy(bytes + 8, &k.high, 2);
  long double x;
  std::memcpy(&x, bytes, sizeof x);
  return x;
}

}  // namespace

void SortAscending(std::vector<int64_t>& values) {
  if (values.size() < kRadixFrom) {
    std::sort(values.begin(), values.end());
    return;
  }
  // The sign bit flipped: unsigned order is then signed order.
  constexpr uint64_t kSign = uint64_t{1} << 63;
  for (int64_t& x : values) x = static_cast<int64_t>(uint64_t(x) ^ kSign);
  LsdRadixSort<(64 + kDigitBits - 1) / kDigitBits>(values, [](int64_t x,
                                                              int d) {
    return static_cast<uint32_t>(uint64_t(x) >> (d * kDigitBits)) & kDigitMask;
  });
  for (int64_t& x : values) x = static_cast<int64_t>(uint64_t(x) ^ kSign);
}

void SortAscending(std::vector<long double>& values) {
  if (!kX87 || values.size() < kRadixFrom) {
    std::sort(values.begin(), values.end());
    return;
  }
  std::vector<ExtendedKey> keys;
  keys.reserve(values.size());
  for (const long double x : values) keys.push_back(KeyOf(x));
  // Six digits of the significand, then two of sign and exponent.
  LsdRadixSort<8>(keys, [](const ExtendedKey& k, int d) {
    return d < 6 ? static_cast<uint32_t>(k.low >> (d * kDigitBits)) & kDigitMask
                 : static_cast<uint32_t>(k.high >> ((d - 6) * kDigitBits)) &
                       kDigitMask;
  });
  for (size_t i = 0; i < keys.size(); ++i) values[i] = ValueOf(keys[i]);
}

}  // namespace mhpbr
