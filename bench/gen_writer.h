// What the generators of benchmark inputs share: a deterministic random
// source (splitmix64, so that a fixed seed gives the same file on every
// machine) and a buffered writer that formats numbers without printf,
// which would dominate generating tens of millions of rows.

#ifndef MHPBR_BENCH_GEN_WRITER_H_
#define MHPBR_BENCH_GEN_WRITER_H_

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace mhpbr::bench {

[[noreturn]] inline void DieGenerating(const std::string& what) {
  std::fprintf(stderr, "bench: %s\n", what.c_str());
  std::exit(2);
}

inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return Mix(state_++); }
  int64_t Uniform(int64_t n) { return static_cast<int64_t>(Next() % n); }

 private:
  uint64_t state_;
};

// "YYYY-MM-DD" for every day from `first` to `last`, indexed by days
// after `first`.
inline std::vector<std::string> IsoDates(absl::CivilDay first,
                                         absl::CivilDay last) {
  std::vector<std::string> out;
  for (absl::CivilDay d = first; d <= last; ++d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                  d.month(), d.day());
    out.push_back(buf);
  }
  return out;
}

class Writer {
 public:
  explicit Writer(const std::string& path) : path_(path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (f_ == nullptr) {
      DieGenerating("cannot write " + path + ": " + std::strerror(errno));
    }
    buf_.reserve(kSize + 256);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { Close(); }
  void Close() {
    if (f_ == nullptr) return;
    Flush();
    if (std::fclose(f_) != 0) DieGenerating("write failed: " + path_);
    f_ = nullptr;
  }
  void Str(const char* s, size_t n) { buf_.append(s, n); }
  void Str(const char* s) { buf_.append(s); }
  void Str(const std::string& s) { buf_.append(s); }
  void Char(char c) { buf_.push_back(c); }
  // Zero-padded to `width` digits (v >= 0).
  void Int(int64_t v, int width = 0) {
    char tmp[24];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v > 0);
    while (n < width) tmp[n++] = '0';
    while (n > 0) buf_.push_back(tmp[--n]);
  }
  void EndRow() {
    buf_.push_back('\n');
    if (buf_.size() >= kSize) Flush();
  }
  int64_t bytes() const { return bytes_ + static_cast<int64_t>(buf_.size()); }

 private:
  static constexpr size_t kSize = 8 << 20;
  void Flush() {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      DieGenerating("write failed: " + path_);
    }
    bytes_ += static_cast<int64_t>(buf_.size());
    buf_.clear();
  }
  std::string path_;
  std::FILE* f_ = nullptr;
  std::string buf_;
  int64_t bytes_ = 0;
};

}  // namespace mhpbr::bench

#endif  // MHPBR_BENCH_GEN_WRITER_H_
