#include "sheet_names.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mhpbr::cli {
namespace {

constexpr size_t kMaxChars = 31;

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The first `n` UTF-8 characters of `s`: Excel's limit counts characters,
// and a cut inside one would leave invalid UTF-8.
std::string Cut(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsContinuation(s[i])) continue;
    if (chars == n) return s.substr(0, i);
    ++chars;
  }
  return s;
}

std::string Clean(const std::string& wanted) {
  std::string name = wanted;
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) {
      c = '_';
    }
  }
  name = Cut(name, kMaxChars);
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet";
  if (absl::AsciiStrToLower(name) == "history") name = "History_";
  return name;
}

}  // namespace

std::vector<std::string> ExcelSheetNames(
    const std::vector<std::string>& wanted) {
  std::vector<std::string> names;
  std::set<std::string> taken;  // lower case: Excel ignores case
  for (const std::string& w : wanted) {
    const std::string base = Clean(w);
    std::string name = base;
    for (int n = 2; taken.count(absl::AsciiStrToLower(name)) > 0; ++n) {
      const std::string suffix = absl::StrCat(" (", n, ")");
      name = absl::StrCat(Cut(base, kMaxChars - suffix.size()), suffix);
    }
    taken.insert(absl::AsciiStrToLower(name));
    names.push_back(name);
  }
  return names;
}

}  // namespace mhpbr::cli
