// Classifies one assessment through the C++ API and shows a clinician why.

#include <cstdio>
#include <string>

#include "mhpbr/classifier.h"
#include "mhpbr/rule_set_text.h"

int main() {
  auto rules = mhpbr::DefaultRuleSet();
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 1;
  }
  const mhpbr::Classifier classifier(*rules);

  mhpbr::MhctRatings r;
  // Every setter validates; these are all in range.
  (void)r.Set(mhpbr::Item::kHallucinations, 3);
  (void)r.Set(mhpbr::Item::kDepressedMood, 0);
  (void)r.SetItem8Type(mhpbr::Item8Type::kAnxiety, 0);
  for (mhpbr::Item i :
       {mhpbr::Item::kAggression, mhpbr::Item::kSelfInjury,
        mhpbr::Item::kSubstanceUse, mhpbr::Item::kCognitive,
        mhpbr::Item::kLivingConditions, mhpbr::Item::kOvervaluedIdeas,
        mhpbr::Item::kAgitation, mhpbr::Item::kRepeatSelfHarm,
        mhpbr::Item::kSafeguarding, mhpbr::Item::kEngagement,
        mhpbr::Item::kVulnerability}) {
    (void)r.Set(i, 0);
  }
  (void)r.Set(mhpbr::Item::kPhysical, 1);
  (void)r.Set(mhpbr::Item::kRelationships, 2);
  (void)r.Set(mhpbr::Item::kDailyLiving, 2);
  (void)r.Set(mhpbr::Item::kOccupation, 2);
  r.set_allocated(*mhpbr::Cluster::FromCode(3));

  const mhpbr::Classification c = classifier.Classify(r);
  const mhpbr::ClusterInfo& info = classifier.rules().cluster(c.suggested);
  std::printf("suggested: cluster %d, %s (fit %s)\n", c.suggested.code(),
              info.name.c_str(),
              c.suggested_fit_milli ? mhpbr::FormatFit(*c.suggested_fit_milli).c_str()
                                    : "-");
  std::printf("items that fit: %s; items that do not: %s\n",
              c.fitting_items.ToString(' ').c_str(),
              c.misfitting_items.ToString(' ').c_str());
  if (c.allocation) {
    std::printf("allocation to cluster %d: %s %s\n",
                c.allocation->cluster.code(),
                c.allocation->red ? "RED on items" : "not red",
                c.allocation->red_items.ToString(' ').c_str());
  }
  return 0;
}
