#include "mhpbr/version.h"

#include "capi/mhpbr.h"  // MHPBR_VERSION_*: the one source of the version

namespace mhpbr {

#define MHPBR_STR2(x) #x
#define MHPBR_STR(x) MHPBR_STR2(x)

absl::string_view VersionString() {
  return MHPBR_STR(MHPBR_VERSION_MAJOR) "." MHPBR_STR(
      MHPBR_VERSION_MINOR) "." MHPBR_STR(MHPBR_VERSION_PATCH);
}

}  // namespace mhpbr
