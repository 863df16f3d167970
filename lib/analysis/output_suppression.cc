#include "mhpbr/output_suppression.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {

CellRule Label(absl::string_view name) {
  return {std::string(name), CellKind::kLabel};
}
CellRule Count(absl::string_view name) {
  return {std::string(name), CellKind::kCount};
}
CellRule Money(absl::string_view name) {
  return {std::string(name), CellKind::kMoney};
}
CellRule Statistic(absl::string_view name, std::vector<std::string> counts) {
  return {std::string(name), CellKind::kStatistic, std::move(counts)};
}

// A share whose numerator and denominator are both keys (columns).
CellRule Share(absl::string_view name, absl::string_view part,
               absl::string_view whole) {
  return Statistic(name, {std::string(part), std::string(whole)});
}

// The report's summary.csv (ReportSummary, ConsistencySummary).
TableSuppression ReportSummarySuppression() {
  TableSuppression s;
  s.cells = {
      Label("as_of"),
      Count("patients"),
      Count("patients_in_clusters"),
      Count("patients_only_cluster_0"),
      Count("patients_unclustered"),
      Share("share_patients_in_clusters", "patients_in_clusters", "patients"),
      Share("share_patients_only_cluster_0", "patients_only_cluster_0",
            "patients"),
      Share("share_patients_unclustered", "patients_unclustered", "patients"),
      Count("periods"),
      Count("periods_in_clusters"),
      Count("periods_cluster_0"),
      Share("share_periods_in_clusters", "periods_in_clusters", "periods"),
      Share("share_periods_cluster_0", "periods_cluster_0", "periods"),
      Count("periods_without_activity"),
      Share("share_periods_without_activity", "periods_without_activity",
            "periods"),
      Count("activity_records"),
      Count("activity_rejected"),
      Count("activity_without_period"),
      // Its denominator is the records read less those rejected: neither
      // is below the threshold when that difference is not.
      Statistic("share_activity_without_period",
                {"activity_without_period", "activity_records"}),
      Money("clustered_pence"),
      Money("unclustered_pence"),
      Money("total_pence"),
      Count("assessments"),
      Count("assessments_too_few_known"),
      Share("share_assessments_too_few_known", "assessments_too_few_known",
            "assessments"),
      Count("assessments_no_fit"),
      Count("allocations"),
      Count("allocations_red"),
      Share("share_allocations_red", "allocations_red", "allocations"),
      Count("allocations_agree"),
      Share("share_allocations_agree", "allocations_agree", "allocations"),
      Count("agreement_assessments"),
      Statistic("agreement_ppm", {"agreement_assessments"}),
      Statistic("agreement_kappa", {"agreement_assessments"}),
      Count("event_periods"),
      Count("periods_overdue"),
      Share("share_periods_overdue", "periods_overdue", "event_periods"),
      Count("moves"),
      Count("moves_outside_protocol"),
      Share("share_moves_outside_protocol", "moves_outside_protocol", "moves"),
  };
  // Cost variance explained rests on the costed periods in clusters.
  for (const char* measure : {"per_period", "per_day"}) {
    for (const char* within :
         {"", "_non_psychotic", "_psychotic", "_organic"}) {
      s.cells.push_back(Statistic(absl::StrCat("r_squared_", measure, within),
                                  {"periods_in_clusters"}));
    }
  }
  return s;
}

}  // namespace

TableSuppression OutcomeGroupsSuppression(absl::string_view first) {
  return {{Label(first), Count("periods"), Count("paired"), Count("improved"),
           Count("no_change"), Count("deteriorated"),
           Statistic("mean_change", {"paired"})}};
}

TableSuppression IndicatorsSuppression() {
  return {{Label("indicator"), Count("numerator"), Count("denominator"),
           Share("value_ppm", "numerator", "denominator")}};
}

TableSuppression ClusterCostSuppression() {
  return {{Label("cluster"), Count("periods"), Statistic("days", {"periods"}),
           Count("records"), Money("cost_pence")}};
}

TableSuppression CostSummarySuppression() {
  return {{Count("records_read"), Count("records_rejected"),
           Count("clustered_records"), Money("clustered_pence"),
           Count("unclustered_records"), Money("unclustered_pence"),
           Count("unknown_patient_records"), Money("total_pence"),
           Count("periods"), Count("contacts_read"),
           Count("contacts_not_attended"), Count("ward_stays_read"),
           Statistic("bed_days", {"ward_stays_read"})}};
}

TableSuppression PeriodSummarySuppression(absl::string_view first) {
  return {{Label(first), Count("periods"), Statistic("days", {"periods"}),
           Count("overdue_periods")}};
}

TableSuppression ToolCategorySuppression() {
  TableSuppression s;
  for (const char* category : {"02", "03", "04", "05", "06"}) {
    s.cells.push_back(Count(absl::StrCat("tool_category_", category)));
  }
  return s;
}

TableSuppression CompareScenariosSuppression() {
  TableSuppression s = {
      {Label("scenario"), Label("contract"), Label("tariff"), Count("lines")}};
  for (const char* money :
       {"baseline_pence", "activity_pence", "risk_shared_pence",
        "withheld_pence", "earned_pence", "payment_pence",
        "difference_pence"}) {
    s.cells.push_back(Money(money));
  }
  return s;
}

TableSuppression CompareAmountsSuppression(absl::string_view first) {
  return {{Label(first), Label("scenario"), Count("periods"),
           Statistic("days", {"periods"}), Money("amount_pence"),
           Money("difference_pence")}};
}

absl::StatusOr<TableSuppression> ReportTableSuppression(
    absl::string_view name) {
  if (name == "summary.csv") return ReportSummarySuppression();
  if (name == "homogeneity.csv") {
    // The spread of cost over a cluster's periods rests on their number.
    TableSuppression s = {
        {Label("cluster"), Label("measure"), Count("periods")}};
    for (const char* c :
         {"mean", "median", "sd", "cv", "p5", "p25", "p75", "p95"}) {
      s.cells.push_back(Statistic(c, {"periods"}));
    }
    return s;
  }
  if (name == "coverage_by_team.csv") {
    return TableSuppression{
        {Label("team"), Count("patients"), Count("patients_in_clusters"),
         Count("patients_only_cluster_0"), Count("patients_unclustered")}};
  }
  if (name == "red_items.csv") {
    return TableSuppression{{Label("item"), Count("red_allocations")}};
  }
  if (name == "outcomes_by_cluster.csv") {
    return OutcomeGroupsSuppression("cluster");
  }
  if (name == "outcomes_by_team.csv") return OutcomeGroupsSuppression("team");
  if (name == "outcomes_by_commissioner.csv") {
    return OutcomeGroupsSuppression("commissioner");
  }
  if (name == "outcome_indicators.csv") return IndicatorsSuppression();
  if (name == "agreement.csv") {
    return TableSuppression{
        {Label("allocated"), Label("suggested"), Count("assessments")}};
  }
  if (name == "agreement_by_group.csv") {
    return TableSuppression{{Label("group_kind"), Label("group"),
                             Count("assessments"),
                             Statistic("agreement_ppm", {"assessments"}),
                             Statistic("kappa", {"assessments"})}};
  }
  if (name == "transitions.csv") {
    return TableSuppression{
        {Label("from"), Label("to"), Count("moves"), Label("in_protocol")}};
  }
  if (name == "cluster_mix.csv") {
    // A cluster's share of a year's periods: the year's total is at least
    // the cluster's, so the cluster's count alone decides.
    return TableSuppression{{Label("year"), Label("cluster"), Count("periods"),
                             Statistic("share_ppm", {"periods"}),
                             Statistic("change_ppm", {"periods"})}};
  }
  if (name == "spc_points.csv" || name == "spc_summary.csv") {
    // value, mean, lpl and upl rest on monthly counts (periods, allocations,
    // assessments) that these tables do not carry, so the rule cannot be
    // judged from the cells: SuppressedReportTables suppresses them first
    // from the report's own counts (SuppressSpcTable) and they are kept as
    // written here. Months, flags, point types and icons say nothing of a
    // count; points is a number of months.
    TableSuppression s;
    for (const char* c :
         {"series", "month", "value", "mean", "lpl", "upl", "side", "outside",
          "run", "trend", "two_in_three", "special_cause", "point_type",
          "points", "short", "variation", "assurance"}) {
      s.cells.push_back(Label(c));
    }
    return s;
  }
  return absl::NotFoundError(
      absl::StrCat(name, ": no suppression rule for this figure"));
}

}  // namespace mhpbr
