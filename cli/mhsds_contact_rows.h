// `mhpbr cost|report --mhsds-contacts FILE --mhsds-referrals FILE
// [--team-map FILE]`: MHSDS care contacts costed as contact activity
// (mhsds.md), the ledger accounting for every MHS201 row in file order.

#ifndef MHPBR_CLI_MHSDS_CONTACT_ROWS_H_
#define MHPBR_CLI_MHSDS_CONTACT_ROWS_H_

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
struct ContactFiles {
  std::string contacts;                          // MHS201
  std::shared_ptr<MhsdsReferralFile> referrals;  // MHS101
  std::optional<std::string> team_map;           // CSV team,staff_group
};

// The cost summary's rows `contacts_read` (MHS201 rows, rejected ones too)
// and `contacts_not_attended`. A contact not attended is read and accepted
// (the ledger's ok) but is no activity record.
struct ContactCounts {
  int64_t contacts_read = 0;
  int64_t not_attended = 0;
};

// The files of `--mhsds-contacts`, `--mhsds-referrals` (`referrals`, which
// the ward stays may share) and `--team-map`; none without
// `--mhsds-contacts`.
std::optional<ContactFiles> ContactFilesFlags(
    const Args& args, std::shared_ptr<MhsdsReferralFile> referrals);

// A usage error (its exit status) when the command is given no activity
// (`--activity`, `--mhsds-contacts` or `--mhsds-ward-stays`) or contacts
// without their referrals.
std::optional<int> CheckActivitySources(const Args& args,
                                        absl::string_view command);

// Reads the look-ups whole (a row of theirs that cannot be read fails the
// run) and streams the contacts into the coster (or the report builder).
// Fails only when a file cannot be read or lacks a column.
absl::Status CostContacts(const ContactFiles& files, const UnitCosts& costs,
                          const MhsdsColumnMap& columns, ActivityCoster& coster,
                          RowLedger& ledger, ContactCounts* counts);
absl::Status CostContacts(const ContactFiles& files, const UnitCosts& costs,
                          const MhsdsColumnMap& columns, ReportBuilder& builder,
                          RowLedger& ledger, ContactCounts* counts);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_MHSDS_CONTACT_ROWS_H_
