// A table of figures as the report gives them (ReportTables, report.h).

#ifndef MHPBR_REPORT_TABLE_H_
#define MHPBR_REPORT_TABLE_H_

#include <string>
#include <vector>

namespace mhpbr {

// One of the report's CSV figures: its file name, columns and rows of
// cells, as `mhpbr report --csv-dir` writes them.
struct ReportTable {
  std::string name;  // "homogeneity.csv"
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

}  // namespace mhpbr

#endif  // MHPBR_REPORT_TABLE_H_
