/* Installed as include/mhpbr.h: the C API's former include path, kept
 * working for existing callers. The header itself is include/mhpbr/mhpbr.h
 * (capi/mhpbr.h in the source tree); new code writes
 * `#include <mhpbr/mhpbr.h>`. */
#ifndef MHPBR_FORWARD_H_
#define MHPBR_FORWARD_H_

#include "mhpbr/mhpbr.h"

#endif /* MHPBR_FORWARD_H_ */
