// The C API's struct calls over arbitrary bytes: mhpbr_classify,
// mhpbr_classify_batch and mhpbr_check_allocation with assessments whose
// every byte comes from the fuzzer, odd struct_size values (too small,
// larger than this header's, mixed within a batch) and NULL pointers. The
// caller's side of the contract is kept (buffers as large as the strides
// say); the library's side is checked: a code, a message on failure, and
// results that say which records were classified.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_input.h"
#include "mhpbr.h"

namespace {

// A struct_size for a struct of `size` bytes: 0 exact, 1 larger, 2 too
// small, 3 huge (only valid with one record).
uint32_t StructSize(int variant, uint8_t extra, size_t size) {
  switch (variant & 3) {
    case 0:
      return static_cast<uint32_t>(size);
    case 1:
      return static_cast<uint32_t>(size + extra % 64);
    case 2:
      return static_cast<uint32_t>(extra % size);
    default:
      return 0xFFFFFFF0u;
  }
}

// Bytes for `n` records `stride` apart (at least one whole struct each),
// filled from the fuzz bytes.
std::vector<uint8_t> Records(size_t n, uint32_t stride, size_t size,
                             const uint8_t* data, size_t len) {
  const size_t step = stride >= size && stride <= 4096 ? stride : size;
  std::vector<uint8_t> buf(n * step + size);
  for (size_t i = 0; i < buf.size(); ++i) {
    buf[i] = len == 0 ? 9 : data[i % len];
  }
  return buf;
}

void CheckError(mhpbr_code code, char* error) {
  if (code == MHPBR_OK) {
    MHPBR_FUZZ_CHECK(error == nullptr);
  } else {
    MHPBR_FUZZ_CHECK(error != nullptr && std::strlen(error) > 0);
  }
  mhpbr_free(error);
}

void CheckResult(const mhpbr_result& r) {
  if (r.status != MHPBR_OK) return;
  MHPBR_FUZZ_CHECK(r.suggested_cluster >= 0 && r.suggested_cluster <= 21);
  MHPBR_FUZZ_CHECK(r.reason >= 0 && r.reason <= 2);
  MHPBR_FUZZ_CHECK(r.known_items >= 0 && r.known_items <= MHPBR_ITEM_COUNT);
  MHPBR_FUZZ_CHECK(r.red_items < (1u << MHPBR_ITEM_COUNT));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 6) return 0;
  static mhpbr_classifier* classifier = [] {
    mhpbr_rules* r = nullptr;
    mhpbr_classifier* c = nullptr;
    if (mhpbr_rules_load_default(&r, nullptr) != MHPBR_OK ||
        mhpbr_classifier_create(r, &c, nullptr) != MHPBR_OK) {
      std::abort();
    }
    mhpbr_rules_destroy(r);
    return c;
  }();
  const int op = data[0] % 3;
  const uint8_t flags = data[1];
  const uint8_t in_extra = data[2], out_extra = data[3];
  size_t count = 1 + data[4] % 8;
  const uint8_t odd = data[5];
  const uint8_t* body = data + 6;
  const size_t len = size - 6;

  const uint32_t in_size =
      StructSize(flags & 3, in_extra, sizeof(mhpbr_assessment));
  const uint32_t out_size =
      StructSize((flags >> 2) & 3, out_extra, sizeof(mhpbr_result));
  if (in_size > 4096 || out_size > 4096) count = 1;
  std::vector<uint8_t> in =
      Records(count, in_size, sizeof(mhpbr_assessment), body, len);
  const size_t in_step = in_size >= sizeof(mhpbr_assessment) && in_size <= 4096
                             ? in_size
                             : sizeof(mhpbr_assessment);
  for (size_t i = 0; i < count; ++i) {
    uint32_t s = in_size;
    // One record of a batch may claim another size.
    if ((flags & 16) && i == odd % count && i > 0) s = in_size + 4;
    std::memcpy(&in[i * in_step], &s, sizeof s);
  }
  const size_t out_step = out_size >= sizeof(mhpbr_result) && out_size <= 4096
                              ? out_size
                              : sizeof(mhpbr_result);
  std::vector<uint8_t> out(count * out_step + sizeof(mhpbr_result), 0xAB);
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(&out[i * out_step], &out_size, sizeof out_size);
  }
  const bool null_classifier = (flags & 0xE0) == 0x20;
  const bool null_in = (flags & 0xE0) == 0x40;
  const bool null_out = (flags & 0xE0) == 0x60;
  const mhpbr_classifier* c = null_classifier ? nullptr : classifier;
  const auto* a =
      null_in ? nullptr : reinterpret_cast<const mhpbr_assessment*>(in.data());
  auto* r = null_out ? nullptr : reinterpret_cast<mhpbr_result*>(out.data());
  char* error = reinterpret_cast<char*>(1);

  if (op == 0) {
    const mhpbr_code code = mhpbr_classify(c, a, r, &error);
    CheckError(code, error);
    if (code == MHPBR_OK) {
      MHPBR_FUZZ_CHECK(r->status == MHPBR_OK);
      CheckResult(*r);
    }
  } else if (op == 1) {
    const mhpbr_code code = mhpbr_classify_batch(c, a, count, r, &error);
    CheckError(code, error);
    if (code == MHPBR_OK) {
      for (size_t i = 0; i < count; ++i) {
        mhpbr_result res;
        std::memcpy(&res, &out[i * out_step], sizeof res);
        MHPBR_FUZZ_CHECK(res.status == MHPBR_OK);
        MHPBR_FUZZ_CHECK(res.struct_size == out_size);
        CheckResult(res);
      }
    }
  } else {
    int32_t cluster = 0;
    std::memcpy(&cluster, &data[2], sizeof cluster);
    if (flags & 16) cluster = odd % 23 - 1;
    mhpbr_allocation_check check = MHPBR_ALLOCATION_CHECK_INIT;
    check.struct_size = StructSize(flags >> 2, out_extra, sizeof check);
    if (check.struct_size > sizeof check) check.struct_size = sizeof check;
    const mhpbr_code code = mhpbr_check_allocation(
        c, a, cluster, null_out ? nullptr : &check, &error);
    CheckError(code, error);
    if (code == MHPBR_OK) {
      MHPBR_FUZZ_CHECK(check.red == 0 || check.red == 1);
      MHPBR_FUZZ_CHECK(check.red_items < (1u << MHPBR_ITEM_COUNT));
    }
  }
  return 0;
}
