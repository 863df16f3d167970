// What the C API's opaque handles hold. Internal to capi/.

#ifndef MHPBR_CAPI_HANDLES_H_
#define MHPBR_CAPI_HANDLES_H_

#include <memory>

#include "mhpbr/rule_set.h"

struct mhpbr_rules {
  std::shared_ptr<const mhpbr::RuleSet> rules;
};

#endif  // MHPBR_CAPI_HANDLES_H_
