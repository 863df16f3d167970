// The default rule set's text, embedded at build time from
// lib/rules/mhct_reference.textproto by cmake/EmbedFile.cmake. Regenerated
// on every build; edit the .textproto, never the generated .cc.

#ifndef MHPBR_LIB_RULES_DEFAULT_RULES_DATA_H_
#define MHPBR_LIB_RULES_DEFAULT_RULES_DATA_H_

#include <cstddef>

namespace mhpbr {
namespace internal {

extern const char kDefaultRuleSetText[];
extern const size_t kDefaultRuleSetTextSize;

}  // namespace internal
}  // namespace mhpbr

#endif  // MHPBR_LIB_RULES_DEFAULT_RULES_DATA_H_
