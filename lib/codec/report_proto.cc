#include "lib/codec/report_proto.h"

namespace mhpbr {

void ReportTablesToProto(const std::vector<ReportTable>& tables,
                         v1::ReportResponse* out) {
  for (const ReportTable& t : tables) {
    v1::ReportTable* p = out->add_tables();
    p->set_name(t.name);
    for (const std::string& c : t.columns) p->add_columns(c);
    for (const std::vector<std::string>& row : t.rows) {
      v1::ReportRow* r = p->add_rows();
      for (const std::string& cell : row) r->add_cells(cell);
    }
  }
}

}  // namespace mhpbr
