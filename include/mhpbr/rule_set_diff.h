// What changed between two rule sets, one row per difference, for a person
// to read (`mhpbr rules diff A B`).
//
//   for (const auto& d : mhpbr::DiffRuleSets(*old_rules, *new_rules)) {
//     // d.section "review_period", d.key "cluster 3",
//     // d.a "12 weeks", d.b "6 months"
//   }

#ifndef MHPBR_RULE_SET_DIFF_H_
#define MHPBR_RULE_SET_DIFF_H_

#include <string>
#include <vector>

#include "mhpbr/rule_set.h"

namespace mhpbr {

struct RuleSetDifference {
  // One of: cluster, example, item, outcome, profile, provenance,
  // red_rule, review_period, setting, spc, suppression, transition,
  // weight.
  std::string section;
  std::string key;  // "cluster 3 item 7", "must", "from 3", ...
  std::string a;    // the value in the first rule set; "" when absent
  std::string b;
};

// Everything that differs, sorted by section (alphabetically), then within
// a section in cluster code, then item row order. Values are written as:
// profile rows as their five band letters (ratings 0-4); red rules as the
// ratings banded M ("2 3 4", "none" for no red rule); weights as decimals;
// review periods as "26 weeks" or "6 months"; transitions as the clusters
// a move from the key's cluster may go to, other than itself and 0 ("1 2
// 3", "all", "none"). No rows when the two agree.
std::vector<RuleSetDifference> DiffRuleSets(const RuleSet& a, const RuleSet& b);

}  // namespace mhpbr

#endif  // MHPBR_RULE_SET_DIFF_H_
