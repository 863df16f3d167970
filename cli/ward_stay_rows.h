// `mhpbr cost|report --mhsds-ward-stays FILE --mhsds-spells FILE
// --mhsds-referrals FILE`: MHSDS ward stays costed as bed days (mhsds.md),
// the ledger accounting for every MHS502 row in file order.

#ifndef MHPBR_CLI_WARD_STAY_ROWS_H_
#define MHPBR_CLI_WARD_STAY_ROWS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "args.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/mhsds_columns.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/unit_costs.h"
#include "mhsds_referral_file.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// The extracts' paths.
struct WardStayFiles {
  std::string stays;                             // MHS502
  std::string spells;                            // MHS501
  std::shared_ptr<MhsdsReferralFile> referrals;  // MHS101
};

// The cost summary's rows `ward_stays_read` (MHS502 rows, rejected ones
// too) and `bed_days` (the nights costed).
struct WardStayCounts {
  int64_t stays_read = 0;
  int64_t bed_days = 0;
};

// The files of `--mhsds-ward-stays`, `--mhsds-spells` and
// `--mhsds-referrals` (`referrals`, which the contacts may share); none
// without `--mhsds-ward-stays`.
std::optional<WardStayFiles> WardStayFilesFlags(
    const Args& args, std::shared_ptr<MhsdsReferralFile> referrals);

// A usage error (its exit status) when ward stays come without their
// spells and referrals, or spells without ward stays.
std::optional<int> CheckWardStayFlags(const Args& args,
                                      absl::string_view command);

// Reads the look-ups whole (a row of theirs that cannot be read fails the
// run) and streams the stays into the coster (or the report builder).
// Fails only when a file cannot be read or lacks a column.
absl::Status CostWardStays(const WardStayFiles& files, const UnitCosts& costs,
                           const MhsdsColumnMap& columns,
                           ActivityCoster& coster, RowLedger& ledger,
                           WardStayCounts* counts);
absl::Status CostWardStays(const WardStayFiles& files, const UnitCosts& costs,
                           const MhsdsColumnMap& columns,
                           ReportBuilder& builder, RowLedger& ledger,
                           WardStayCounts* counts);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_WARD_STAY_ROWS_H_
