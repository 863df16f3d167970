// The plain baseline of issue 19 for `mhpbr classify`: a program that only
// reads, splits, parses and writes the same file, without classifying or
// checking anything, so that cli_bench can show what the tool costs beyond
// moving the bytes. It reads in 1 MB pieces, cuts lines (memchr) and fields
// (commas; no quotes, which the generated file has none of), parses the
// date and every number (std::from_chars), and writes each row's id,
// patient, date and the sum of its ratings (std::to_chars) to the output.
//
//   plain_csv_baseline IN OUT     (prints rows read to standard output)

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "bench/plain_fields.h"

namespace {

bool Flush(std::string* out, std::FILE* f) {
  const bool ok = std::fwrite(out->data(), 1, out->size(), f) == out->size();
  out->clear();
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: plain_csv_baseline IN OUT\n");
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  std::FILE* out = std::fopen(argv[2], "wb");
  if (in == nullptr || out == nullptr) {
    std::fprintf(stderr, "plain_csv_baseline: cannot open files\n");
    return 2;
  }
  std::vector<char> buf(1 << 20);
  size_t have = 0;
  std::string text;
  text.reserve((1 << 16) + 256);
  std::vector<std::string_view> fields;
  long long rows = 0;
  bool header = true;
  bool ok = true;
  for (;;) {
    const size_t n = std::fread(buf.data() + have, 1, buf.size() - have, in);
    have += n;
    size_t start = 0;
    for (;;) {
      const char* nl = static_cast<const char*>(
          std::memchr(buf.data() + start, '\n', have - start));
      if (nl == nullptr) break;
      const std::string_view line(buf.data() + start,
                                  static_cast<size_t>(nl - buf.data()) - start);
      start = static_cast<size_t>(nl - buf.data()) + 1;
      if (header) {
        header = false;
        continue;
      }
      ++rows;
      SplitAtCommas(line, &fields);
      if (fields.size() < 21) continue;
      int y = 0, m = 0, d = 0;
      const std::string_view date = fields[2];
      if (date.size() == 10) {
        std::from_chars(date.data(), date.data() + 4, y);
        std::from_chars(date.data() + 5, date.data() + 7, m);
        std::from_chars(date.data() + 8, date.data() + 10, d);
      }
      int sum = 0;
      for (size_t i = 3; i < 21; ++i) {
        int v = 0;
        std::from_chars(fields[i].data(), fields[i].data() + fields[i].size(),
                        v);
        sum += v;
      }
      text.append(fields[0]);
      text.push_back(',');
      text.append(fields[1]);
      char num[16];
      for (int v : {y, m, d, sum}) {
        text.push_back(',');
        const auto r = std::to_chars(num, num + sizeof num, v);
        text.append(num, static_cast<size_t>(r.ptr - num));
      }
      text.push_back('\n');
      if (text.size() >= (1 << 16)) ok &= Flush(&text, out);
    }
    std::memmove(buf.data(), buf.data() + start, have - start);
    have -= start;
    if (n == 0) break;
  }
  ok &= Flush(&text, out);
  ok &= std::fclose(out) == 0;
  std::fclose(in);
  std::printf("%lld\n", rows);
  return ok ? 0 : 2;
}
