// Helpers shared by the fuzz targets: fuzz bytes as a FILE*, split into
// parts, and a check that stops the fuzzer on a broken invariant.

#ifndef MHPBR_FUZZ_FUZZ_INPUT_H_
#define MHPBR_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mhpbr::fuzz {

// Aborts (a crash libFuzzer records) when an invariant does not hold.
#define MHPBR_FUZZ_CHECK(cond)                                        \
  do {                                                                \
    if (!(cond)) {                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                  \
      std::abort();                                                   \
    }                                                                 \
  } while (0)

// A read-only FILE* over `text`, which must outlive it. An empty text
// reads as an empty file.
class MemoryFile {
 public:
  explicit MemoryFile(absl::string_view text) {
    if (text.empty()) {
      file_ = std::fopen("/dev/null", "rb");
    } else {
      file_ = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
    }
    if (file_ == nullptr) std::abort();
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  ~MemoryFile() { std::fclose(file_); }
  std::FILE* get() const { return file_; }

 private:
  std::FILE* file_ = nullptr;
};

// Splits `data` at each 0xFF byte (never part of valid UTF-8) into at most
// `n` parts; missing parts are empty.
inline std::vector<absl::string_view> SplitParts(absl::string_view data,
                                                 size_t n) {
  std::vector<absl::string_view> parts;
  while (parts.size() + 1 < n) {
    const size_t at = data.find('\xFF');
    if (at == absl::string_view::npos) break;
    parts.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  parts.push_back(data);
  parts.resize(n);
  return parts;
}

}  // namespace mhpbr::fuzz

#endif  // MHPBR_FUZZ_FUZZ_INPUT_H_
