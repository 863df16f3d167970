#include "ward_stay_rows.h"

#include <memory>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/mhsds_contacts.h"
#include "mhpbr/mhsds_ward_stays.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {
namespace {

using AddStay = absl::FunctionRef<void(const WardStay&, StayAttribution*)>;
using CountRejected = absl::FunctionRef<void()>;

absl::Status ReadStays(const WardStayFiles& files, const UnitCosts& costs,
                       const MhsdsColumnMap& columns, AddStay add,
                       CountRejected count_rejected, RowLedger& ledger,
                       WardStayCounts* counts) {
  MHPBR_ASSIGN_OR_RETURN(InputFile spell_file, OpenInput(files.spells));
  MHPBR_ASSIGN_OR_RETURN(MhsdsSpells spells,
                         ReadMhs501(spell_file.get(), files.spells, columns));
  MHPBR_ASSIGN_OR_RETURN(const MhsdsReferrals* referrals,
                         files.referrals->Read(columns));
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(files.stays));
  MHPBR_ASSIGN_OR_RETURN(
      std::unique_ptr<MhsdsWardStayReader> reader,
      MhsdsWardStayReader::Open(in.get(), files.stays, &spells, referrals,
                                costs, columns));
  const std::string prefix = absl::StrCat(files.stays, ": ");
  InputRow<WardStay> row;
  StayAttribution a;
  while (reader->Next(&row)) {
    ++counts->stays_read;
    if (!row.error.empty()) {
      count_rejected();
      ledger.Reject(row.line, row.id, absl::StrCat(prefix, row.error));
      continue;
    }
    add(row.value, &a);
    if (!a.status.ok()) {
      ledger.Reject(row.line, row.id, absl::StrCat(prefix, a.status.message()));
      continue;
    }
    for (const ActivityRecord& r : a.records) counts->bed_days += r.count;
    ledger.Ok();
  }
  return reader->io_status();
}

}  // namespace

std::optional<WardStayFiles> WardStayFilesFlags(
    const Args& args, std::shared_ptr<MhsdsReferralFile> referrals) {
  auto stays = args.Get("mhsds-ward-stays");
  if (!stays) return std::nullopt;
  return WardStayFiles{*stays, args.Get("mhsds-spells").value_or(""),
                       std::move(referrals)};
}

std::optional<int> CheckWardStayFlags(const Args& args,
                                      absl::string_view command) {
  if (args.Has("mhsds-ward-stays") &&
      (!args.Has("mhsds-spells") || !args.Has("mhsds-referrals"))) {
    return UsageError(
        command,
        "--mhsds-ward-stays needs --mhsds-spells and --mhsds-referrals");
  }
  if (args.Has("mhsds-spells") && !args.Has("mhsds-ward-stays")) {
    return UsageError(command, "--mhsds-spells needs --mhsds-ward-stays");
  }
  return std::nullopt;
}

absl::Status CostWardStays(const WardStayFiles& files, const UnitCosts& costs,
                           const MhsdsColumnMap& columns,
                           ActivityCoster& coster, RowLedger& ledger,
                           WardStayCounts* counts) {
  return ReadStays(
      files, costs, columns,
      [&](const WardStay& s, StayAttribution* a) { coster.AddStay(s, a); },
      [&] { coster.CountRejected(); }, ledger, counts);
}

absl::Status CostWardStays(const WardStayFiles& files, const UnitCosts& costs,
                           const MhsdsColumnMap& columns,
                           ReportBuilder& builder, RowLedger& ledger,
                           WardStayCounts* counts) {
  return ReadStays(
      files, costs, columns,
      [&](const WardStay& s, StayAttribution* a) { builder.AddStay(s, a); },
      [&] { builder.CountRejected(); }, ledger, counts);
}

}  // namespace mhpbr::cli
