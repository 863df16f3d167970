#include "text_then_file.h"

#include <sys/types.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace mhpbr::cli {
namespace {

struct TextThenFile {
  std::string text;
  size_t pos = 0;
  std::FILE* rest = nullptr;
};

ssize_t ReadTextThenFile(void* cookie, char* buf, size_t size) {
  TextThenFile& s = *static_cast<TextThenFile*>(cookie);
  if (s.pos < s.text.size()) {
    const size_t n = std::min(size, s.text.size() - s.pos);
    std::memcpy(buf, s.text.data() + s.pos, n);
    s.pos += n;
    return static_cast<ssize_t>(n);
  }
  if (s.rest == nullptr) return 0;
  const size_t n = std::fread(buf, 1, size, s.rest);
  // A read error of `rest` becomes this stream's, for the reader to report.
  if (n == 0 && std::ferror(s.rest)) return -1;
  return static_cast<ssize_t>(n);
}

int CloseTextThenFile(void* cookie) {
  delete static_cast<TextThenFile*>(cookie);
  return 0;
}

}  // namespace

Stream OpenTextThenFile(std::string text, std::FILE* rest) {
  cookie_io_functions_t io = {};
  io.read = ReadTextThenFile;
  io.close = CloseTextThenFile;
  auto* s = new TextThenFile{std::move(text), 0, rest};
  std::FILE* f = fopencookie(s, "r", io);
  if (f == nullptr) delete s;
  return Stream(f);
}

}  // namespace mhpbr::cli
