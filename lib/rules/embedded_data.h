// Data files embedded at build time by cmake/EmbedFile.cmake (see
// lib/CMakeLists.txt): regenerated on every build from the .textproto
// files beside this header; edit those, never the generated .cc files.

#ifndef MHPBR_LIB_RULES_EMBEDDED_DATA_H_
#define MHPBR_LIB_RULES_EMBEDDED_DATA_H_

#include <cstddef>

namespace mhpbr {
namespace internal {

// mhct_reference.textproto: the default MHCT rule set.
extern const char kDefaultRuleSetText[];
extern const size_t kDefaultRuleSetTextSize;

// example_catalogue.textproto: the example care-package catalogue.
extern const char kExampleCatalogueText[];
extern const size_t kExampleCatalogueTextSize;

// example_unit_costs.textproto: illustrative unit costs.
extern const char kExampleUnitCostsText[];
extern const size_t kExampleUnitCostsTextSize;

}  // namespace internal
}  // namespace mhpbr

#endif  // MHPBR_LIB_RULES_EMBEDDED_DATA_H_
