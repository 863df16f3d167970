// The C API's rich calls as C++: decode the request (lib/codec), run the
// stage's runner, encode the response. Nothing here re-implements a stage.
// Internal to capi/ (and its tests).

#ifndef MHPBR_CAPI_RICH_RUNS_H_
#define MHPBR_CAPI_RICH_RUNS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/v1/care_package.pb.h"
#include "mhpbr/v1/compare.pb.h"
#include "mhpbr/v1/costing.pb.h"
#include "mhpbr/v1/outcomes.pb.h"
#include "mhpbr/v1/periods.pb.h"
#include "mhpbr/v1/pricing.pb.h"
#include "mhpbr/v1/report.pb.h"
#include "mhpbr/v1/spc.pb.h"

namespace mhpbr::capi {

absl::StatusOr<v1::PeriodResponse> RunPeriods(const RuleSet& rules,
                                              const v1::PeriodRequest& request);
// With as_of, the statement is the in-year forecast outturn and carries
// the in-year statement (in_year.h); as_of outside the contract year fails.
absl::StatusOr<v1::Statement> RunPricing(const RuleSet& rules,
                                         const v1::PriceRequest& request);
// The what-if comparison (contract_comparison.h); errors name the scenario
// ("scenarios[1].name: ...", "scenario block: ...").
absl::StatusOr<v1::CompareResponse> RunCompare(
    const RuleSet& rules, const v1::CompareRequest& request);
// Malformed or uncostable activity records come back in `errors` (line =
// their 1-based position) and are counted as rejected; a bad as_of, unit
// cost table or period fails the call.
absl::StatusOr<v1::CostResponse> RunCosting(const RuleSet& rules,
                                            const v1::CostRequest& request);
absl::StatusOr<v1::TariffResponse> RunTariffSetting(
    const RuleSet& rules, const v1::TariffRequest& request);

absl::StatusOr<v1::PackageCostResponse> RunPackageCosting(
    const RuleSet& rules, const v1::PackageCostRequest& request);
// The plan, and with activity, care delivered against it.
absl::StatusOr<v1::PlanResponse> RunPlan(const RuleSet& rules,
                                         const v1::PlanRequest& request);

// Malformed activity, assessments and events come back in `errors` and
// are left out; a bad as_of, unit cost table, period or transition table
// fails the call.
absl::StatusOr<v1::ReportResponse> RunReport(
    std::shared_ptr<const RuleSet> rules, const v1::ReportRequest& request);

// Events the request cannot give or the periods stage cannot use,
// assessments that cannot be read or have no patient_id, and activity that
// cannot be read come back in `errors`; a bad as_of fails the call.
absl::StatusOr<v1::OutcomesResponse> RunOutcomes(
    const RuleSet& rules, const v1::OutcomesRequest& request);

// The SPC charts of the request's series (spc.h), with the rule set's spc
// constants; a value, month or option that cannot be read fails the call,
// naming the series.
absl::StatusOr<v1::SpcResponse> RunSpcCharts(const RuleSet& rules,
                                             const v1::SpcRequest& request);

}  // namespace mhpbr::capi

#endif  // MHPBR_CAPI_RICH_RUNS_H_
