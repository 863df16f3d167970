/* Prints the size of each struct of the C API and the offset of each of its
 * fields, as the compiler lays them out from capi/mhpbr.h: python/tests/
 * test_live.py checks the Python package's ctypes structures against it.
 *   mhpbr_review 12
 *   mhpbr_review.review_due 4
 */
#include <mhpbr/mhpbr.h>
#include <stddef.h>
#include <stdio.h>

#define SIZE(T) printf("%s %zu\n", #T, sizeof(T))
#define FIELD(T, f) printf("%s.%s %zu\n", #T, #f, offsetof(T, f))

int main(void) {
  SIZE(mhpbr_assessment);
  FIELD(mhpbr_assessment, struct_size);
  FIELD(mhpbr_assessment, ratings);
  FIELD(mhpbr_assessment, item8_types);
  FIELD(mhpbr_assessment, item8_form);
  FIELD(mhpbr_assessment, organic);
  FIELD(mhpbr_assessment, psychosis);
  FIELD(mhpbr_assessment, allocated_cluster);

  SIZE(mhpbr_result);
  FIELD(mhpbr_result, struct_size);
  FIELD(mhpbr_result, status);
  FIELD(mhpbr_result, suggested_cluster);
  FIELD(mhpbr_result, has_suggested_fit);
  FIELD(mhpbr_result, suggested_fit_milli);
  FIELD(mhpbr_result, runner_up_cluster);
  FIELD(mhpbr_result, runner_up_fit_milli);
  FIELD(mhpbr_result, reason);
  FIELD(mhpbr_result, superclass);
  FIELD(mhpbr_result, known_items);
  FIELD(mhpbr_result, allocated_cluster);
  FIELD(mhpbr_result, allocation_red);
  FIELD(mhpbr_result, red_items);
  FIELD(mhpbr_result, fitting_items);
  FIELD(mhpbr_result, misfitting_items);

  SIZE(mhpbr_allocation_check);
  FIELD(mhpbr_allocation_check, struct_size);
  FIELD(mhpbr_allocation_check, cluster);
  FIELD(mhpbr_allocation_check, red);
  FIELD(mhpbr_allocation_check, red_items);

  SIZE(mhpbr_cluster_info);
  FIELD(mhpbr_cluster_info, struct_size);
  FIELD(mhpbr_cluster_info, cluster);
  FIELD(mhpbr_cluster_info, superclass);
  FIELD(mhpbr_cluster_info, review_count);
  FIELD(mhpbr_cluster_info, review_unit);
  FIELD(mhpbr_cluster_info, review_days);
  FIELD(mhpbr_cluster_info, name);
  FIELD(mhpbr_cluster_info, subgroup);

  SIZE(mhpbr_review);
  FIELD(mhpbr_review, struct_size);
  FIELD(mhpbr_review, review_due);
  FIELD(mhpbr_review, overdue_days);

  SIZE(mhpbr_period);
  FIELD(mhpbr_period, struct_size);
  FIELD(mhpbr_period, cluster);
  FIELD(mhpbr_period, start);
  FIELD(mhpbr_period, end);
  FIELD(mhpbr_period, patient_id);

  SIZE(mhpbr_payment);
  FIELD(mhpbr_payment, struct_size);
  FIELD(mhpbr_payment, status);
  FIELD(mhpbr_payment, basis);
  FIELD(mhpbr_payment, days_in_year);
  FIELD(mhpbr_payment, units);
  FIELD(mhpbr_payment, price_pence);
  FIELD(mhpbr_payment, social_care_ppm);
  FIELD(mhpbr_payment, mff_ppm);
  FIELD(mhpbr_payment, amount_pence);
  FIELD(mhpbr_payment, social_care_pence);

  SIZE(mhpbr_activity);
  FIELD(mhpbr_activity, struct_size);
  FIELD(mhpbr_activity, kind);
  FIELD(mhpbr_activity, date);
  FIELD(mhpbr_activity, attendees);
  FIELD(mhpbr_activity, activity_id);
  FIELD(mhpbr_activity, patient_id);
  FIELD(mhpbr_activity, staff_group);
  FIELD(mhpbr_activity, ward);
  FIELD(mhpbr_activity, minutes);
  FIELD(mhpbr_activity, count);
  FIELD(mhpbr_activity, cost_pence);

  SIZE(mhpbr_attribution);
  FIELD(mhpbr_attribution, struct_size);
  FIELD(mhpbr_attribution, status);
  FIELD(mhpbr_attribution, period);
  FIELD(mhpbr_attribution, cost_pence);

  SIZE(mhpbr_period_cost);
  FIELD(mhpbr_period_cost, struct_size);
  FIELD(mhpbr_period_cost, cluster);
  FIELD(mhpbr_period_cost, days);
  FIELD(mhpbr_period_cost, records);
  FIELD(mhpbr_period_cost, cost_pence);

  SIZE(mhpbr_cluster_cost);
  FIELD(mhpbr_cluster_cost, struct_size);
  FIELD(mhpbr_cluster_cost, cluster);
  FIELD(mhpbr_cluster_cost, periods);
  FIELD(mhpbr_cluster_cost, days);
  FIELD(mhpbr_cluster_cost, records);
  FIELD(mhpbr_cluster_cost, cost_pence);

  SIZE(mhpbr_cost_totals);
  FIELD(mhpbr_cost_totals, struct_size);
  FIELD(mhpbr_cost_totals, reserved);
  FIELD(mhpbr_cost_totals, records_read);
  FIELD(mhpbr_cost_totals, records_rejected);
  FIELD(mhpbr_cost_totals, clustered_records);
  FIELD(mhpbr_cost_totals, clustered_pence);
  FIELD(mhpbr_cost_totals, unclustered_records);
  FIELD(mhpbr_cost_totals, unclustered_pence);
  FIELD(mhpbr_cost_totals, unknown_patient_records);
  FIELD(mhpbr_cost_totals, total_pence);
  FIELD(mhpbr_cost_totals, periods);

  SIZE(mhpbr_package_element);
  FIELD(mhpbr_package_element, struct_size);
  FIELD(mhpbr_package_element, cluster);
  FIELD(mhpbr_package_element, tier);
  FIELD(mhpbr_package_element, setting);
  FIELD(mhpbr_package_element, id);
  FIELD(mhpbr_package_element, name);
  FIELD(mhpbr_package_element, intervention);
  FIELD(mhpbr_package_element, guidance);
  FIELD(mhpbr_package_element, staff_group);
  FIELD(mhpbr_package_element, ward);
  FIELD(mhpbr_package_element, share_ppm);
  FIELD(mhpbr_package_element, contacts);
  FIELD(mhpbr_package_element, minutes_per_contact);
  FIELD(mhpbr_package_element, bed_days);
  FIELD(mhpbr_package_element, cost_pence);
  FIELD(mhpbr_package_element, expected_cost_pence);

  SIZE(mhpbr_template_cost);
  FIELD(mhpbr_template_cost, struct_size);
  FIELD(mhpbr_template_cost, cluster);
  FIELD(mhpbr_template_cost, core_pence);
  FIELD(mhpbr_template_cost, essential_pence);
  FIELD(mhpbr_template_cost, variance_pence);
  FIELD(mhpbr_template_cost, total_pence);
  return 0;
}
