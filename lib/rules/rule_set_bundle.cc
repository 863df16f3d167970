#include "mhpbr/rule_set_bundle.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

// "rule_sets[1] (version trust-2, 2017/18)": the index is the one in the
// file, so that a person can find it.
std::string Describe(size_t index, const RuleSet& rules) {
  const Provenance& p = rules.provenance();
  std::string label;
  if (!p.version.empty()) label = absl::StrCat("version ", p.version);
  if (!p.financial_year.empty()) {
    absl::StrAppend(&label, label.empty() ? "" : ", ", p.financial_year);
  }
  return absl::StrCat("rule_sets[", index, "]",
                      label.empty() ? "" : absl::StrCat(" (", label, ")"));
}

}  // namespace

std::shared_ptr<const RuleSetBundle> RuleSetBundle::Single(
    std::shared_ptr<const RuleSet> rules) {
  std::shared_ptr<RuleSetBundle> bundle(new RuleSetBundle());
  bundle->rule_sets_.push_back(std::move(rules));
  return bundle;
}

absl::StatusOr<std::shared_ptr<const RuleSetBundle>> RuleSetBundle::Create(
    std::string name, std::vector<std::shared_ptr<const RuleSet>> rule_sets) {
  if (rule_sets.empty()) {
    return absl::InvalidArgumentError("rule_sets: the bundle has none");
  }
  std::vector<size_t> order(rule_sets.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return rule_sets[a]->provenance().effective_from <
           rule_sets[b]->provenance().effective_from;
  });
  for (size_t k = 1; k < order.size(); ++k) {
    const size_t a = order[k - 1], b = order[k];
    const Provenance& pa = rule_sets[a]->provenance();
    const Provenance& pb = rule_sets[b]->provenance();
    const std::string both = absl::StrCat(Describe(a, *rule_sets[a]), " and ",
                                          Describe(b, *rule_sets[b]));
    if (!pa.effective_to) {
      return absl::InvalidArgumentError(absl::StrCat(
          both, " are both in force on ", FormatIsoDate(pb.effective_from),
          ": rule_sets[", a,
          "] has no effective_to, and only the last may be open-ended"));
    }
    if (pb.effective_from <= *pa.effective_to) {
      return absl::InvalidArgumentError(absl::StrCat(
          both, " are both in force on ", FormatIsoDate(pb.effective_from)));
    }
    if (pb.effective_from > *pa.effective_to + 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no rule set in force on ", FormatIsoDate(*pa.effective_to + 1),
          ", between ", both, ": rule_sets[", a, "] ends ",
          FormatIsoDate(*pa.effective_to), " and rule_sets[", b, "] starts ",
          FormatIsoDate(pb.effective_from)));
    }
  }
  std::shared_ptr<RuleSetBundle> bundle(new RuleSetBundle());
  bundle->name_ = std::move(name);
  bundle->dated_ = true;
  for (size_t i : order) bundle->rule_sets_.push_back(rule_sets[i]);
  return std::shared_ptr<const RuleSetBundle>(std::move(bundle));
}

absl::StatusOr<size_t> RuleSetBundle::IndexInForce(absl::CivilDay day) const {
  if (!dated_) return 0;
  // The last rule set starting on or before `day`; the dates are
  // contiguous, so only the ends of the whole bundle can miss.
  const auto after = std::upper_bound(
      rule_sets_.begin(), rule_sets_.end(), day,
      [](absl::CivilDay d, const std::shared_ptr<const RuleSet>& r) {
        return d < r->provenance().effective_from;
      });
  if (after != rule_sets_.begin() && (*(after - 1))->InForce(day)) {
    return static_cast<size_t>(after - rule_sets_.begin() - 1);
  }
  const Provenance& last = rule_sets_.back()->provenance();
  return absl::NotFoundError(absl::StrCat(
      "no rule set in force on ", FormatIsoDate(day), " (the rule sets cover ",
      FormatIsoDate(rule_sets_.front()->provenance().effective_from), " to ",
      last.effective_to ? FormatIsoDate(*last.effective_to) : "open", ")"));
}

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSetBundle::InForce(
    absl::CivilDay day) const {
  absl::StatusOr<size_t> index = IndexInForce(day);
  if (!index.ok()) return index.status();
  return rule_sets_[*index];
}

}  // namespace mhpbr
