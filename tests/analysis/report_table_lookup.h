// Finding one of the report's CSV figures (ReportTables) by file name in
// the analysis tests.

#ifndef MHPBR_TESTS_ANALYSIS_REPORT_TABLE_LOOKUP_H_
#define MHPBR_TESTS_ANALYSIS_REPORT_TABLE_LOOKUP_H_

#include <string>
#include <vector>

#include "mhpbr/report_table.h"

namespace mhpbr {

// The table named `name`, or null when the report has none.
inline const ReportTable* Table(const std::vector<ReportTable>& tables,
                                const std::string& name) {
  for (const ReportTable& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace mhpbr

#endif  // MHPBR_TESTS_ANALYSIS_REPORT_TABLE_LOOKUP_H_
