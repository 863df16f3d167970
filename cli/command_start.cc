#include "command_start.h"

#include "absl/strings/str_cat.h"
#include "help.h"
#include "mhpbr/dates.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set_text.h"
#include "rule_set_flag.h"
#include "threads_flag.h"

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
  if (spec.valued.count("threads") > 0) {
    auto threads = ThreadsFromArgs(*args);
    if (!threads.ok()) return UsageError(spec.name, threads.status().message());
    start->threads = *threads;
  }
  if (spec.switches.count("progress") > 0) {
    auto progress = ProgressFromArgs(*args);
    if (!progress.ok()) {
      return UsageError(spec.name, progress.status().message());
    }
    start->progress = *progress;
  }
  if (spec.rules_by_date) {
    auto bundle = BundleFromFlag(args->Get("rules"));
    if (!bundle.ok()) return DataError(bundle.status());
    start->bundle = *std::move(bundle);
    start->rules = start->bundle->latest();
  } else {
    auto rules = RulesFromFlag(args->Get("rules"));
    if (!rules.ok()) return DataError(rules.status());
    start->rules = *std::move(rules);
    start->bundle = RuleSetBundle::Single(start->rules);
  }
  start->transitions = start->rules->transitions();
  if (auto path = args->Get("transitions")) {
    auto t = LoadTransitionTableFile(*path);
    if (!t.ok()) return DataError(t.status());
    start->transitions = *std::move(t);
    start->own_transitions = true;
  }
  start->args = *std::move(args);
  return std::nullopt;
}

PeriodBuild BuildStartPeriods(const CommandStart& start,
                              absl::Span<const PeriodEvent> events,
                              absl::CivilDay as_of) {
  return start.own_transitions
             ? BuildPeriods(events, as_of, *start.bundle, start.transitions)
             : BuildPeriods(events, as_of, *start.bundle);
}

}  // namespace mhpbr::cli
