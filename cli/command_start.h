// What every row-reading command does first, in one place: parse its
// options, refuse positional arguments, check the required options, read
// --as-of, and load the rule set (--rules) and the transition table
// (--transitions). Usage errors print the command's synopsis; an
// unreadable rule set or table prints the error alone.

#ifndef MHPBR_CLI_COMMAND_START_H_
#define MHPBR_CLI_COMMAND_START_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "args.h"
#include "mhpbr/period_build.h"
#include "mhpbr/period_event.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/transition_table.h"
#include "progress.h"

namespace mhpbr::cli {

struct CommandSpec {
  const char* name;  // for the synopsis: "cost"
  std::set<std::string> valued;
  std::set<std::string> switches;
  std::vector<std::string> required;
  // --as-of is read (and must be a date) when given, and so are --threads
  // and --progress/--no-progress when `valued` and `switches` name them;
  // add --as-of to `required` where it must be.
  // Valued options that may be given more than once (Args::GetAll); the
  // command checks how many it needs.
  std::set<std::string> repeated = {};
  // Whether --rules may name a bundle of rule sets by date (the command
  // judges each date by the rule set in force on it); otherwise a bundle
  // is refused.
  bool rules_by_date = false;
};

struct CommandStart {
  Args args;
  std::optional<absl::CivilDay> as_of;
  std::shared_ptr<const RuleSet> rules;
  // The rule sets by date (rules_by_date), `rules` being its latest; else
  // `rules` alone.
  std::shared_ptr<const RuleSetBundle> bundle;
  // The rule set's table, or the trust's own from --transitions.
  TransitionTable transitions;
  // Whether `transitions` is the trust's own (for every date).
  bool own_transitions = false;
  // --threads (threads_flag.h) and --progress/--no-progress, read when the
  // spec takes them; a command without them runs on one thread, silently.
  int threads = 1;
  ProgressMode progress = ProgressMode::kOff;
};

// Fills `start` and returns nullopt, or returns the exit status to stop
// with (the error already printed).
std::optional<int> StartCommand(const CommandSpec& spec,
                                const std::vector<std::string>& argv,
                                CommandStart* start);

// Periods from events by the started rule sets: each date's rule set in
// force, with the trust's own transition table when --transitions gave one.
PeriodBuild BuildStartPeriods(const CommandStart& start,
                              absl::Span<const PeriodEvent> events,
                              absl::CivilDay as_of);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_COMMAND_START_H_
