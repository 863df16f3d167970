// The library's version, the one the C API reports (mhpbr_version_string);
// its single source is MHPBR_VERSION_* in the C header.

#ifndef MHPBR_VERSION_H_
#define MHPBR_VERSION_H_

#include "absl/strings/string_view.h"

namespace mhpbr {

// "MAJOR.MINOR.PATCH".
absl::string_view VersionString();

}  // namespace mhpbr

#endif  // MHPBR_VERSION_H_
