#include "args.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mhpbr::cli {

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                                 const std::set<std::string>& valued,
                                 const std::set<std::string>& switches,
                                 const std::set<std::string>& repeated) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (!absl::StartsWith(a, "--")) {
      args.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name)) {
      if (value) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      args.values_[name] = "";
    } else if (valued.count(name) || repeated.count(name)) {
      if (!value) {
        if (i + 1 >= argv.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("--", name, " needs a value"));
        }
        value = argv[++i];
      }
      if (repeated.count(name)) {
        args.repeated_[name].push_back(*value);
        continue;
      }
      if (args.values_.count(name)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " given twice"));
      }
      args.values_[name] = *value;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", a));
    }
  }
  return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  auto it = repeated_.find(name);
  if (it == repeated_.end()) return {};
  return it->second;
}

absl::StatusOr<std::string> Args::Require(const std::string& name) const {
  auto v = Get(name);
  if (!v || v->empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, " is required"));
  }
  return *v;
}

absl::Status Args::OnlyUsing(const std::set<std::string>& used,
                             absl::string_view action) const {
  for (const auto& [name, value] : values_) {
    if (used.count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " is not used by ", action));
    }
  }
  for (const auto& [name, values] : repeated_) {
    if (used.count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " is not used by ", action));
    }
  }
  return absl::OkStatus();
}

}  // namespace mhpbr::cli
