#include "block_reader_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"

namespace mhpbr::cli {
namespace {

constexpr int64_t kChunk = 1 << 16;

absl::Status ReadError() {
  return absl::DataLossError(
      absl::StrCat("read failed (", std::strerror(errno), ")"));
}

// Calls `scan(data, n, offset)` over [from, to) a chunk at a time until it
// returns false.
template <typename Scan>
absl::Status ForChunks(int fd, int64_t from, int64_t to, Scan scan) {
  std::vector<char> buf(kChunk);
  for (int64_t at = from; at < to;) {
    const ssize_t n =
        pread(fd, buf.data(), static_cast<size_t>(std::min(kChunk, to - at)),
              static_cast<off_t>(at));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadError();
    }
    if (n == 0) break;
    if (!scan(buf.data(), static_cast<int64_t>(n), at)) break;
    at += n;
  }
  return absl::OkStatus();
}

struct Tail {
  int fd;
  const std::string* header;
  size_t header_pos = 0;
  int64_t pos;
};

ssize_t ReadTail(void* cookie, char* buf, size_t size) {
  Tail& t = *static_cast<Tail*>(cookie);
  if (t.header_pos < t.header->size()) {
    const size_t n = std::min(size, t.header->size() - t.header_pos);
    std::memcpy(buf, t.header->data() + t.header_pos, n);
    t.header_pos += n;
    return static_cast<ssize_t>(n);
  }
  for (;;) {
    const ssize_t n = pread(t.fd, buf, size, static_cast<off_t>(t.pos));
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) t.pos += n;
    return n;
  }
}

int CloseTail(void* cookie) {
  delete static_cast<Tail*>(cookie);
  return 0;
}

}  // namespace

std::optional<std::string> PlainHeaderLine(int fd, int64_t* file_size) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  *file_size = static_cast<int64_t>(st.st_size);
  std::string header;
  bool plain = false;
  const absl::Status s =
      ForChunks(fd, 0, *file_size, [&](const char* d, int64_t n, int64_t) {
        const char* nl = static_cast<const char*>(std::memchr(d, '\n', n));
        const int64_t take = nl == nullptr ? n : nl - d + 1;
        header.append(d, static_cast<size_t>(take));
        if (nl != nullptr) plain = true;
        return nl == nullptr && header.size() < (1u << 20);
      });
  if (!s.ok() || !plain || header.find('"') != std::string::npos) {
    return std::nullopt;
  }
  return header;
}

absl::StatusOr<int64_t> LineStartAtOrAfter(int fd, int64_t pos, int64_t size) {
  if (pos <= 0) return 0;
  int64_t found = size;
  absl::Status s =
      ForChunks(fd, pos - 1, size, [&](const char* d, int64_t n, int64_t at) {
        const char* nl = static_cast<const char*>(std::memchr(d, '\n', n));
        if (nl == nullptr) return true;
        found = at + (nl - d) + 1;
        return false;
      });
  if (!s.ok()) return s;
  return found;
}

absl::StatusOr<int64_t> CountNewlines(int fd, int64_t from, int64_t to) {
  int64_t lines = 0;
  absl::Status s =
      ForChunks(fd, from, to, [&](const char* d, int64_t n, int64_t) {
        lines += std::count(d, d + n, '\n');
        return true;
      });
  if (!s.ok()) return s;
  return lines;
}

absl::StatusOr<int64_t> SkipLines(int fd, int64_t from, int64_t lines,
                                  int64_t size) {
  if (lines <= 0) return from;
  int64_t found = size;
  absl::Status s =
      ForChunks(fd, from, size, [&](const char* d, int64_t n, int64_t at) {
        for (const char* p = d; p < d + n;) {
          const char* nl =
              static_cast<const char*>(std::memchr(p, '\n', d + n - p));
          if (nl == nullptr) break;
          if (--lines == 0) {
            found = at + (nl - d) + 1;
            return false;
          }
          p = nl + 1;
        }
        return true;
      });
  if (!s.ok()) return s;
  return found;
}

std::FILE* OpenHeaderAndTail(int fd, const std::string& header, int64_t from) {
  cookie_io_functions_t io = {};
  io.read = ReadTail;
  io.close = CloseTail;
  auto* tail = new Tail{fd, &header, 0, from};
  std::FILE* f = fopencookie(tail, "r", io);
  if (f == nullptr) delete tail;
  return f;
}

}  // namespace mhpbr::cli
