// mhpbr rules show|export|check [--rules FILE] [--out FILE]
//   show:   the rule set's provenance and clusters;
//   export: the rule set in text format (a starting point for a trust's own);
//   check:  validates the rule set and runs its worked examples; exit 1 if
//           any example does not classify to its cluster.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "commands.h"
#include "help.h"
#include "mhpbr/classifier.h"
#include "mhpbr/dates.h"
#include "mhpbr/rule_set_text.h"
#include "output_file.h"
#include "row_ledger.h"
#include "rule_set_flag.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("rules", why); }

int Write(const std::optional<std::string>& path, const std::string& text) {
  OutputSet outputs;
  auto out = outputs.Open(path);
  if (!out.ok()) return DataError(out.status());
  WriteAll(*out, text);
  if (absl::Status s = outputs.Commit(); !s.ok()) return DataError(s);
  return kExitDone;
}

std::string Show(const RuleSet& rules) {
  const Provenance& p = rules.provenance();
  std::string text = absl::StrCat(
      "source: ", p.source, "\nfinancial year: ", p.financial_year,
      "\nversion: ", p.version, "\nin force: ", FormatIsoDate(p.effective_from),
      " to ", p.effective_to ? FormatIsoDate(*p.effective_to) : "(open)",
      "\nminimum known items: ", rules.min_known_items(), "\n\n");
  for (const ClusterInfo& c : rules.clusters()) {
    absl::StrAppend(
        &text, c.cluster.code(), "\t", SuperclassName(c.superclass), "\t",
        c.max_review.count,
        c.max_review.unit == ReviewPeriod::Unit::kWeeks ? " weeks" : " months",
        "\t", c.name, "\n");
  }
  return text;
}

}  // namespace

int RunRules(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"rules", "out"}, {});
  if (!args.ok()) return Usage(args.status().message());
  if (args->positional().size() != 1) return Usage("name one action");
  const std::string& action = args->positional()[0];
  if (action == "check") {
    if (absl::Status s = args->OnlyUsing({"rules"}, "rules check"); !s.ok()) {
      return Usage(s.message());
    }
  } else if (action != "show" && action != "export") {
    return Usage(absl::StrCat("unknown action ", action));
  }
  auto rules = RulesFromFlag(args->Get("rules"));
  if (!rules.ok()) {
    PrintError(rules.status().message());
    return kExitUsage;
  }
  if (action == "show") return Write(args->Get("out"), Show(**rules));
  if (action == "export") {
    const std::string text = args->Get("rules")
                                 ? RuleSetToText(**rules)
                                 : std::string(DefaultRuleSetText());
    return Write(args->Get("out"), text);
  }

  const Classifier classifier(*rules);
  int failed = 0;
  for (const RuleSetExample& ex : (*rules)->examples()) {
    MhctRatings r;
    for (int i = 0; i < kItemCount; ++i) (void)r.Set(ItemAt(i), ex.ratings[i]);
    const Classification c = classifier.Classify(r);
    if (c.suggested != ex.cluster) {
      ++failed;
      const std::string reason(VarianceReasonName(c.reason));
      std::fprintf(stderr, "example for cluster %d classifies to %d%s%s%s\n",
                   ex.cluster.code(), c.suggested.code(),
                   reason.empty() ? "" : " (", reason.c_str(),
                   reason.empty() ? "" : ")");
    }
  }
  std::fprintf(stderr, "rule set valid; %zu examples, %d failed\n",
               (*rules)->examples().size(), failed);
  return failed == 0 ? kExitDone : kExitStrictRejects;
}

}  // namespace mhpbr::cli
