/* mhpbr.h on its own in a C99 translation unit, built with -Wall -Wextra
 * -Wpedantic -Wstrict-prototypes -Werror: the header needs nothing else
 * included first and its prototypes and macros are clean C. Building this
 * file is the test. */
#include "mhpbr.h"

/* The live calls' init macros too. */
static int mhpbr_header_alone_live_c(void) {
  mhpbr_cluster_info info = MHPBR_CLUSTER_INFO_INIT;
  mhpbr_review review = MHPBR_REVIEW_INIT;
  mhpbr_period period = MHPBR_PERIOD_INIT;
  mhpbr_payment payment = MHPBR_PAYMENT_INIT;
  mhpbr_activity activity = MHPBR_ACTIVITY_INIT;
  mhpbr_attribution attribution = MHPBR_ATTRIBUTION_INIT;
  mhpbr_period_cost period_cost = MHPBR_PERIOD_COST_INIT;
  mhpbr_cluster_cost cluster_cost = MHPBR_CLUSTER_COST_INIT;
  mhpbr_cost_totals totals = MHPBR_COST_TOTALS_INIT;
  mhpbr_package_element element = MHPBR_PACKAGE_ELEMENT_INIT;
  mhpbr_template_cost template_cost = MHPBR_TEMPLATE_COST_INIT;
  MHPBR_PERIOD_INIT_SIZED(&period);
  MHPBR_ACTIVITY_INIT_SIZED(&activity);
  return (int)(info.struct_size + review.struct_size + period.struct_size +
               payment.struct_size + activity.struct_size +
               attribution.struct_size + period_cost.struct_size +
               cluster_cost.struct_size + totals.struct_size +
               element.struct_size + template_cost.struct_size) +
         MHPBR_NO_DATE;
}

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
         MHPBR_VERSION_NUMBER + MHPBR_ITEM_COUNT + MHPBR_NOT_KNOWN +
         mhpbr_header_alone_live_c();
}
