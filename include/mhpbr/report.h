// The analysis report: are clusters a fair basis for payment? It gathers
// cost homogeneity, coverage and data quality, and renders them as one
// self-contained HTML page with SVG charts (no JavaScript, no network) and
// as key/value figures for CSV.
//
//   mhpbr::Report r = ...;                      // filled by the caller
//   std::string html = mhpbr::RenderReportHtml(r);
//   for (const auto& [key, value] : mhpbr::ReportSummary(r)) ...

#ifndef MHPBR_REPORT_H_
#define MHPBR_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/clustering_consistency.h"
#include "mhpbr/cost_homogeneity.h"
#include "mhpbr/coverage.h"
#include "mhpbr/data_quality.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/report_table.h"
#include "mhpbr/spc.h"
#include "mhpbr/spc_basis.h"

namespace mhpbr {

// The spread of one cluster's total HoNOS change over its paired periods
// (type-7 quartiles; negative = better).
struct ChangeDistribution {
  Cluster cluster;
  int64_t paired = 0;
  long double min = 0, p25 = 0, median = 0, p75 = 0, max = 0;
};

// Outcomes measured over the periods built from the events (outcomes.md),
// as `mhpbr outcomes` measures them.
struct ReportOutcomes {
  // The rule set's thresholds the outcomes were judged by, and their
  // source (OutcomeRules).
  std::string source;
  int reliable_change = 0;
  int clinical_cutoff = 0;
  int64_t periods = 0;
  int64_t assessments_unscorable = 0;
  // In the order of IndicatorNames().
  std::vector<MeasuredIndicator> indicators;
  // The clusters that have periods, by code.
  std::vector<ClusterOutcomes> by_cluster;
  // When the events have a `team` (`commissioner`) column: OutcomesByUnit.
  std::optional<std::vector<UnitOutcomes>> by_team;
  std::optional<std::vector<UnitOutcomes>> by_commissioner;
  // The clusters that have paired periods, by code.
  std::vector<ChangeDistribution> change;
  // When the events have a `team` column: fair comparison by team against
  // the report's own strata (CompareUnits).
  std::optional<FairComparison> fair_by_team = {};
};

struct Report {
  absl::CivilDay as_of;
  std::string rules_source;
  std::string unit_costs_source;

  std::vector<HomogeneityRow> homogeneity;
  VarianceExplained r_squared;
  // Within each superclass that has periods (non-psychotic, psychotic,
  // organic).
  std::vector<std::pair<Superclass, VarianceExplained>> r_squared_by_superclass;

  CoverageCounts coverage;
  std::map<std::string, CoverageCounts> coverage_by_team;

  CostingTotals costing;
  int64_t periods = 0;
  int64_t periods_without_activity = 0;

  // Present when assessments were given.
  std::optional<AssessmentQuality> assessments;
  // Present when events were given.
  std::optional<PeriodQuality> events;
  // Present when outcomes were measured (events and assessments given);
  // else why not.
  std::optional<ReportOutcomes> outcomes;
  std::string outcomes_not_measured;
  // Agreement (with assessments), moves at review and the cluster mix per
  // financial year (clustering_consistency.h).
  ClusteringConsistency consistency = {};
  // Monthly series as SPC charts (spc.h), in this order:
  // cost_per_cluster_day_pence, allocations, with assessments
  // agreement_ppm, with events reviews_on_time_ppm, and when outcomes were
  // measured valid_mhct_at_allocation_ppm, paired_completeness_ppm and
  // reliably_improved_ppm (README, the report's SPC series); those with no
  // month of value are named in spc_without_points instead. spc_not_drawn
  // says why there are no charts when the series could not be charted.
  std::vector<SpcChart> spc = {};
  std::vector<std::string> spc_without_points = {};
  std::string spc_not_drawn = {};
  // What each chart's points rest on, chart by chart (spc_basis.h); empty
  // when not known (a report read back from its proto), and then a
  // suppressed table withholds every figure of the charts.
  std::vector<SpcSeriesBasis> spc_basis = {};
};

// key,value figures (summary.csv), in a fixed order: r_squared_per_period,
// r_squared_per_day, r_squared_<measure>_<superclass>, patients,
// patients_in_clusters, patients_only_cluster_0, patients_unclustered,
// their shares, periods_in_clusters, periods_cluster_0, their shares, and the
// data-quality counts and shares (with assessments, agreement_assessments,
// agreement_ppm and agreement_kappa after the allocation figures). Decimals
// have 4 places; an undefined figure is empty.
std::vector<std::pair<std::string, std::string>> ReportSummary(const Report& r);

std::string RenderReportHtml(const Report& r);

// homogeneity.csv, summary.csv, coverage_by_team.csv, when assessments
// were given red_items.csv, and when outcomes were measured
// outcomes_by_cluster.csv and outcome_indicators.csv (formats.md, README),
// and outcomes_by_team.csv / outcomes_by_commissioner.csv when the events
// have that column; then the clustering consistency figures: agreement.csv
// and, with a team or clinician column, agreement_by_group.csv (when
// assessments were given), transitions.csv and cluster_mix.csv.
std::vector<ReportTable> ReportTables(const Report& r);

}  // namespace mhpbr

#endif  // MHPBR_REPORT_H_
