// Classifies cluster 10's typical ratings through the installed C++ API.
#include <cstdio>

#include "mhpbr/classifier.h"
#include "mhpbr/rule_set_text.h"

int main() {
  auto rules = mhpbr::DefaultRuleSet();
  if (!rules.ok()) return 1;
  const mhpbr::Classifier classifier(*rules);
  const int typical[mhpbr::kItemCount] = {0, 0, 0, 0, 1, 3, 0, 0, 2,
                                          2, 0, 2, 0, 0, 0, 0, 0, 0};
  mhpbr::MhctRatings r;
  for (int i = 0; i < mhpbr::kItemCount; ++i) {
    if (!r.Set(mhpbr::ItemAt(i), typical[i]).ok()) return 1;
  }
  const mhpbr::Classification c = classifier.Classify(r);
  std::printf("cluster %d\n", c.suggested.code());
  return c.suggested.code() == 10 ? 0 : 1;
}
