// Moved to the public header; kept so internal includes stay short.
#ifndef MHPBR_LIB_UTIL_STATUS_MACROS_H_
#define MHPBR_LIB_UTIL_STATUS_MACROS_H_
#include "mhpbr/status_macros.h"
#endif  // MHPBR_LIB_UTIL_STATUS_MACROS_H_
