// Translation of the report's tables (ReportTables) into the wire
// ReportResponse.

#ifndef MHPBR_LIB_CODEC_REPORT_PROTO_H_
#define MHPBR_LIB_CODEC_REPORT_PROTO_H_

#include <vector>

#include "mhpbr/report_table.h"
#include "mhpbr/v1/report.pb.h"

namespace mhpbr {

void ReportTablesToProto(const std::vector<ReportTable>& tables,
                         v1::ReportResponse* out);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_REPORT_PROTO_H_
