// `mhpbr price --bed-days FILE`: the stays that split a period's days into
// admitted and community days for a tariff with setting prices
// (pay_setting.h), and the summary rows that report them.

#ifndef MHPBR_CLI_BED_DAYS_H_
#define MHPBR_CLI_BED_DAYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/statement.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Reads an activity CSV (as `mhpbr cost --activity` reads it), rejecting
// rows it cannot read into the ledger, and sets each period's admitted
// nights from the stays among its rows (admitted_nights.h). Returns how
// many good rows were not stays (other kinds, a bed day flagged community
// or of count 0): read and ignored. Fails only when the file cannot be
// read.
absl::StatusOr<int64_t> ReadBedDays(const std::string& path, RowLedger& ledger,
                                    std::vector<PeriodToPrice>& periods);

// The summary rows of a statement priced by setting, over its lines with
// setting prices: `admitted_days`, `admitted_pence` and `community_pence`
// (the rest of those lines' amounts), then `bed_days_ignored` when
// --bed-days was given.
class SettingSummary {
 public:
  void Add(absl::Span<const StatementLine> lines);
  void Write(std::optional<int64_t> bed_days_ignored, CsvWriter& out) const;

 private:
  int64_t admitted_days_ = 0;
  int64_t admitted_pence_ = 0;
  int64_t community_pence_ = 0;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_BED_DAYS_H_
