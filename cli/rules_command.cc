// mhpbr rules show|export|check [--rules FILE] [--out FILE]
// mhpbr rules diff A B [--out FILE]
//   show:   the rule set's provenance and clusters;
//   export: the rule set in text format (a starting point for a trust's own);
//   check:  validates the rule set, or each of a bundle's and their dates,
//           and runs the worked examples; exit 1 if any example does not
//           classify to its cluster;
//   diff:   what differs between two rule sets, as section,key,a,b.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "commands.h"
#include "help.h"
#include "mhpbr/classifier.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/rule_set_diff.h"
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

// Exit 2 when either file cannot be read or is not one rule set.
int Diff(const Args& args) {
  if (absl::Status s = args.OnlyUsing({"out"}, "rules diff"); !s.ok()) {
    return Usage(s.message());
  }
  if (args.positional().size() != 3) return Usage("diff takes two files");
  auto a = RulesFromFlag(args.positional()[1]);
  if (!a.ok()) return DataError(a.status());
  auto b = RulesFromFlag(args.positional()[2]);
  if (!b.ok()) return DataError(b.status());
  OutputSet outputs;
  auto out = outputs.Open(args.Get("out"));
  if (!out.ok()) return DataError(out.status());
  CsvWriter csv(*out);
  csv.Row({"section", "key", "a", "b"});
  for (const RuleSetDifference& d : DiffRuleSets(**a, **b)) {
    csv.Row({d.section, d.key, d.a, d.b});
  }
  csv.Flush();  // a failed write is reported by Commit()
  if (absl::Status s = outputs.Commit(); !s.ok()) return DataError(s);
  return kExitDone;
}

// Runs one rule set's worked examples; returns how many failed.
int RunExamples(const std::shared_ptr<const RuleSet>& rules,
                const std::string& prefix) {
  const Classifier classifier(rules);
  int failed = 0;
  for (const RuleSetExample& ex : rules->examples()) {
    MhctRatings r;
    for (int i = 0; i < kItemCount; ++i) (void)r.Set(ItemAt(i), ex.ratings[i]);
    const Classification c = classifier.Classify(r);
    if (c.suggested != ex.cluster) {
      ++failed;
      const std::string reason(VarianceReasonName(c.reason));
      std::fprintf(stderr, "%sexample for cluster %d classifies to %d%s%s%s\n",
                   prefix.c_str(), ex.cluster.code(), c.suggested.code(),
                   reason.empty() ? "" : " (", reason.c_str(),
                   reason.empty() ? "" : ")");
    }
  }
  return failed;
}

}  // namespace

int RunRules(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"rules", "out"}, {});
  if (!args.ok()) return Usage(args.status().message());
  if (args->positional().empty()) return Usage("name one action");
  const std::string& action = args->positional()[0];
  if (action == "diff") return Diff(*args);
  if (args->positional().size() != 1) return Usage("name one action");
  if (action == "check") {
    if (absl::Status s = args->OnlyUsing({"rules"}, "rules check"); !s.ok()) {
      return Usage(s.message());
    }
    auto bundle = BundleFromFlag(args->Get("rules"));
    if (!bundle.ok()) {
      PrintError(bundle.status().message());
      return kExitUsage;
    }
    int failed = 0;
    size_t examples = 0;
    for (const std::shared_ptr<const RuleSet>& rules : (*bundle)->rule_sets()) {
      const Provenance& p = rules->provenance();
      const std::string prefix =
          (*bundle)->dated()
              ? absl::StrCat("rule set in force from ",
                             FormatIsoDate(p.effective_from), ": ")
              : "";
      failed += RunExamples(rules, prefix);
      examples += rules->examples().size();
    }
    if ((*bundle)->dated()) {
      std::fprintf(stderr, "bundle valid; %zu rule sets, ",
                   (*bundle)->rule_sets().size());
    } else {
      std::fprintf(stderr, "rule set valid; ");
    }
    std::fprintf(stderr, "%zu examples, %d failed\n", examples, failed);
    return failed == 0 ? kExitDone : kExitStrictRejects;
  }
  if (action != "show" && action != "export") {
    return Usage(absl::StrCat("unknown action ", action));
  }
  auto rules = RulesFromFlag(args->Get("rules"));
  if (!rules.ok()) {
    PrintError(rules.status().message());
    return kExitUsage;
  }
  if (action == "show") return Write(args->Get("out"), Show(**rules));
  const std::string text = args->Get("rules")
                               ? RuleSetToText(**rules)
                               : std::string(DefaultRuleSetText());
  return Write(args->Get("out"), text);  // export
}

}  // namespace mhpbr::cli
