/* mhpbr.h on its own in a C99 translation unit, built with -Wall -Wextra
 * -Wpedantic -Wstrict-prototypes -Werror: the header needs nothing else
 * included first and its prototypes and macros are clean C. Building this
 * file is the test. */
#include "mhpbr.h"

/* The init macros are valid C99 initializers. */
int mhpbr_header_alone_c(void);
int mhpbr_header_alone_c(void) {
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  mhpbr_result r = MHPBR_RESULT_INIT;
  mhpbr_allocation_check chk = MHPBR_ALLOCATION_CHECK_INIT;
  mhpbr_code (*classify)(const mhpbr_classifier*, const mhpbr_assessment*,
                         mhpbr_result*, char**) = mhpbr_classify;
  const char* (*version)(void) = mhpbr_version;
  (void)classify;
  (void)version;
  /* And the sized init macros are valid C99 statements. */
  MHPBR_ASSESSMENT_INIT_SIZED(&a);
  MHPBR_RESULT_INIT_SIZED(&r);
  MHPBR_ALLOCATION_CHECK_INIT_SIZED(&chk);
  return (int)(a.struct_size + r.struct_size + chk.struct_size) +
         MHPBR_VERSION_NUMBER + MHPBR_ITEM_COUNT + MHPBR_NOT_KNOWN;
}
