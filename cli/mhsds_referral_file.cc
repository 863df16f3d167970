#include "mhsds_referral_file.h"

#include "input_file.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::StatusOr<const MhsdsReferrals*> MhsdsReferralFile::Read(
    const MhsdsColumnMap& columns) {
  if (!referrals_) {
    MHPBR_ASSIGN_OR_RETURN(InputFile file, OpenInput(path_));
    MHPBR_ASSIGN_OR_RETURN(referrals_, ReadMhs101(file.get(), path_, columns));
  }
  return &*referrals_;
}

std::shared_ptr<MhsdsReferralFile> ReferralFileFlag(const Args& args) {
  return std::make_shared<MhsdsReferralFile>(
      args.Get("mhsds-referrals").value_or(""));
}

}  // namespace mhpbr::cli
