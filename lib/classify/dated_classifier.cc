#include "mhpbr/dated_classifier.h"

#include <utility>

namespace mhpbr {

DatedClassifier::DatedClassifier(std::shared_ptr<const RuleSetBundle> bundle)
    : bundle_(std::move(bundle)) {
  classifiers_.reserve(bundle_->rule_sets().size());
  for (const std::shared_ptr<const RuleSet>& rules : bundle_->rule_sets()) {
    classifiers_.emplace_back(rules);
  }
}

absl::StatusOr<const Classifier*> DatedClassifier::For(
    absl::CivilDay day) const {
  absl::StatusOr<size_t> index = bundle_->IndexInForce(day);
  if (!index.ok()) return index.status();
  return &classifiers_[*index];
}

}  // namespace mhpbr
