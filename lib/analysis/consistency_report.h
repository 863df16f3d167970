// The clustering consistency part of the report (clustering_consistency.h):
// its summary rows, CSV tables and HTML section, kept apart from the rest
// of report.cc and report_tables.cc, which call these.

#ifndef MHPBR_LIB_ANALYSIS_CONSISTENCY_REPORT_H_
#define MHPBR_LIB_ANALYSIS_CONSISTENCY_REPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "mhpbr/clustering_consistency.h"
#include "mhpbr/report_table.h"

namespace mhpbr {

// agreement_assessments, agreement_ppm and agreement_kappa when
// assessments were given; else none.
std::vector<std::pair<std::string, std::string>> ConsistencySummary(
    const ClusteringConsistency& c);

// agreement.csv (assessments given), agreement_by_group.csv (a team or
// clinician column), transitions.csv and cluster_mix.csv.
void AppendConsistencyTables(const ClusteringConsistency& c,
                             std::vector<ReportTable>& tables);

// The "Clustering consistency" section, numbered `number`: the heat maps
// and the cluster mix table, or notes where there is nothing to draw.
std::string ConsistencyHtml(const ClusteringConsistency& c, int number);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_CONSISTENCY_REPORT_H_
