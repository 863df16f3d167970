// A classifier for each rule set of a bundle: an assessment is classified
// by the rule set in force on its date (RuleSetBundle::InForce).
//
//   mhpbr::DatedClassifier classifiers(*bundle);
//   auto c = classifiers.For(record.date);
//   if (!c.ok()) { reject the row: c.status().message() names the date }
//   mhpbr::Classification result = (*c)->Classify(record.ratings);
//
// Immutable and thread-safe, like Classifier.

#ifndef MHPBR_DATED_CLASSIFIER_H_
#define MHPBR_DATED_CLASSIFIER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mhpbr/classifier.h"
#include "mhpbr/rule_set_bundle.h"

namespace mhpbr {

class DatedClassifier {
 public:
  // REQUIRES: bundle != nullptr.
  explicit DatedClassifier(std::shared_ptr<const RuleSetBundle> bundle);

  const RuleSetBundle& bundle() const { return *bundle_; }
  // The classifier of the rule set in force on `day`; for a single rule
  // set, its classifier whatever the day. The pointer lives as long as
  // this object.
  absl::StatusOr<const Classifier*> For(absl::CivilDay day) const;
  // The newest rule set's: for calls with no date.
  const Classifier& latest() const { return classifiers_.back(); }

 private:
  std::shared_ptr<const RuleSetBundle> bundle_;
  std::vector<Classifier> classifiers_;  // parallel to bundle_->rule_sets()
};

}  // namespace mhpbr

#endif  // MHPBR_DATED_CLASSIFIER_H_
