// The MHS101 extract (`--mhsds-referrals`) that MHSDS contacts and ward
// stays both look their referrals up in: read on first use and kept, so a
// run given both reads it once.

#ifndef MHPBR_CLI_MHSDS_REFERRAL_FILE_H_
#define MHPBR_CLI_MHSDS_REFERRAL_FILE_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "args.h"
#include "mhpbr/mhsds_columns.h"
#include "mhpbr/mhsds_contacts.h"

namespace mhpbr::cli {

class MhsdsReferralFile {
 public:
  explicit MhsdsReferralFile(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }

  // The referrals, read with `columns` the first time (a failure is not
  // kept: the run stops on it).
  absl::StatusOr<const MhsdsReferrals*> Read(const MhsdsColumnMap& columns);

 private:
  std::string path_;
  std::optional<MhsdsReferrals> referrals_;
};

// The file of `--mhsds-referrals`, shared by the contacts and the ward
// stays of one run; an empty path without the option.
std::shared_ptr<MhsdsReferralFile> ReferralFileFlag(const Args& args);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_MHSDS_REFERRAL_FILE_H_
