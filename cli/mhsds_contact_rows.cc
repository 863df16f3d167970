#include "mhsds_contact_rows.h"

#include <memory>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/mhsds_contacts.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

using Next = absl::FunctionRef<bool(InputRow<ActivityRecord>*)>;
using Done = absl::FunctionRef<void(const InputRow<ActivityRecord>&,
                                    const Attribution&)>;

absl::Status ReadContacts(const ContactFiles& files, const UnitCosts& costs,
                          const MhsdsColumnMap& columns, RowLedger& ledger,
                          ContactCounts* counts,
                          absl::FunctionRef<void(Next, Done)> row_loop) {
  MHPBR_ASSIGN_OR_RETURN(const MhsdsReferrals* referrals,
                         files.referrals->Read(columns));
  std::optional<TeamMap> team_map;
  if (files.team_map) {
    MHPBR_ASSIGN_OR_RETURN(InputFile f, OpenInput(*files.team_map));
    MHPBR_ASSIGN_OR_RETURN(team_map, ReadTeamMap(f.get(), *files.team_map));
  }
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(files.contacts));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<MhsdsContactReader> reader,
                         MhsdsContactReader::Open(
                             in.get(), files.contacts, *referrals,
                             team_map ? &*team_map : nullptr, costs, columns));
  const std::string prefix = absl::StrCat(files.contacts, ": ");
  row_loop([&](InputRow<ActivityRecord>* row) { return reader->Next(row); },
           [&](const InputRow<ActivityRecord>& row, const Attribution& a) {
             ledger.Account(row.line, row.id, a.status, prefix);
           });
  counts->contacts_read += reader->contacts_read();
  counts->not_attended += reader->not_attended();
  ledger.Ok(reader->not_attended());
  return reader->io_status();
}

}  // namespace

std::optional<ContactFiles> ContactFilesFlags(
    const Args& args, std::shared_ptr<MhsdsReferralFile> referrals) {
  auto contacts = args.Get("mhsds-contacts");
  if (!contacts) return std::nullopt;
  return ContactFiles{*contacts, std::move(referrals), args.Get("team-map")};
}

std::optional<int> CheckActivitySources(const Args& args,
                                        absl::string_view command) {
  if (!args.Has("activity") && !args.Has("mhsds-contacts") &&
      !args.Has("mhsds-ward-stays")) {
    return UsageError(command,
                      "--activity, --mhsds-contacts or --mhsds-ward-stays "
                      "is required");
  }
  if (args.Has("mhsds-contacts") && !args.Has("mhsds-referrals")) {
    return UsageError(command, "--mhsds-contacts needs --mhsds-referrals");
  }
  return std::nullopt;
}

absl::Status CostContacts(const ContactFiles& files, const UnitCosts& costs,
                          const MhsdsColumnMap& columns, ActivityCoster& coster,
                          RowLedger& ledger, ContactCounts* counts) {
  return ReadContacts(files, costs, columns, ledger, counts,
                      [&](Next next, Done done) {
                        mhpbr::CostActivityRows(coster, next, done);
                      });
}

absl::Status CostContacts(const ContactFiles& files, const UnitCosts& costs,
                          const MhsdsColumnMap& columns, ReportBuilder& builder,
                          RowLedger& ledger, ContactCounts* counts) {
  return ReadContacts(
      files, costs, columns, ledger, counts,
      [&](Next next, Done done) { builder.AddActivity(next, done); });
}

}  // namespace mhpbr::cli
