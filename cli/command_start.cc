#include "command_start.h"

#include "absl/strings/str_cat.h"
#include "help.h"
#include "mhpbr/dates.h"
#include "mhpbr/rule_set_text.h"
#include "rule_set_flag.h"

namespace mhpbr::cli {

std::optional<int> StartCommand(const CommandSpec& spec,
                                const std::vector<std::string>& argv,
                                CommandStart* start) {
  auto args = Args::Parse(argv, spec.valued, spec.switches, spec.repeated);
  if (!args.ok()) return UsageError(spec.name, args.status().message());
  if (!args->positional().empty()) {
    return UsageError(
        spec.name, absl::StrCat("unexpected argument ", args->positional()[0]));
  }
  for (const std::string& required : spec.required) {
    if (auto s = args->Require(required); !s.ok()) {
      return UsageError(spec.name, s.status().message());
    }
  }
  if (auto text = args->Get("as-of")) {
    auto as_of = ParseIsoDate(*text);
    if (!as_of.ok()) {
      return UsageError(spec.name,
                        absl::StrCat("--as-of: ", as_of.status().message()));
    }
    start->as_of = *as_of;
  }
  auto rules = RulesFromFlag(args->Get("rules"));
  if (!rules.ok()) return DataError(rules.status());
  start->rules = *std::move(rules);
  start->transitions = start->rules->transitions();
  if (auto path = args->Get("transitions")) {
    auto t = LoadTransitionTableFile(*path);
    if (!t.ok()) return DataError(t.status());
    start->transitions = *std::move(t);
  }
  start->args = *std::move(args);
  return std::nullopt;
}

}  // namespace mhpbr::cli
