// Care contacts (MHS201, with their referrals' MHS101 rows) read as activity
// (mhsds.md "Care contacts"): each attended contact is a `contact` record of
// its patient, date and minutes, its staff group the team (through a team
// map when given). The MHS201 rows stream one at a time; only the MHS101
// referrals and the team map are held.
//
//   auto refs = mhpbr::ReadMhs101(f101, "mhs101.csv", columns);
//   auto reader = mhpbr::MhsdsContactReader::Open(f201, "mhs201.csv",
//                                                 *refs, nullptr, costs,
//                                                 columns);
//   mhpbr::InputRow<mhpbr::ActivityRecord> row;
//   while ((*reader)->Next(&row)) { ... row.error: the reject reason ... }

#ifndef MHPBR_MHSDS_CONTACTS_H_
#define MHPBR_MHSDS_CONTACTS_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "mhpbr/activity.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/input_row.h"
#include "mhpbr/mhsds_columns.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

// What a contact takes from its referral when its own row is silent.
struct MhsdsReferral {
  std::string patient;
  std::string team;
  std::string commissioner;
};
using MhsdsReferrals = absl::flat_hash_map<std::string, MhsdsReferral>;

// MHS101 by `ServiceRequestId`. A look-up, so any row that cannot be read
// fails the call naming its line: a ragged or malformed row, an empty
// `ServiceRequestId`, or one listed twice with different values (a row
// repeated unchanged, as monthly extracts repeat referrals, is one).
absl::StatusOr<MhsdsReferrals> ReadMhs101(std::FILE* file,
                                          const std::string& name,
                                          const MhsdsColumnMap& columns);

// Team code -> staff group, from a CSV `team,staff_group`; fails naming the
// line on an empty cell or a team listed twice.
using TeamMap = absl::flat_hash_map<std::string, std::string>;
absl::StatusOr<TeamMap> ReadTeamMap(std::FILE* file, const std::string& name);

class MhsdsContactReader {
 public:
  // Fails when the header cannot be read or lacks a required column
  // (contact id, referral, date, minutes, attendance; all found through
  // `columns`, ignoring case). REQUIRES: every argument outlives the reader.
  static absl::StatusOr<std::unique_ptr<MhsdsContactReader>> Open(
      std::FILE* file, const std::string& name, const MhsdsReferrals& referrals,
      const TeamMap* team_map, const UnitCosts& costs,
      const MhsdsColumnMap& columns);

  // The next attended or rejected contact; false at the end. A rejected
  // row's `error` starts with its reason (`date`, `attendance`, `minutes`,
  // `no_patient`, `team`, `staff_group`, or the CSV's own problem), checked
  // in that order. Contacts not attended (`0`, `2`, `3`, `4`, `7`) are
  // counted and skipped.
  bool Next(InputRow<ActivityRecord>* row);

  int64_t contacts_read() const { return contacts_read_; }
  int64_t not_attended() const { return not_attended_; }
  const absl::Status& io_status() const { return csv_.io_status(); }

 private:
  MhsdsContactReader(std::FILE* file, const std::string& name,
                     const MhsdsReferrals& referrals, const TeamMap* team_map,
                     const UnitCosts& costs)
      : csv_(file, name),
        referrals_(referrals),
        team_map_(team_map),
        costs_(costs) {}
  // Fills `row` from `rec`; false for a contact not attended.
  bool Fill(const CsvRecord& rec, InputRow<ActivityRecord>* row) const;

  CsvReader csv_;
  const MhsdsReferrals& referrals_;
  const TeamMap* team_map_;
  const UnitCosts& costs_;
  int id_ = -1, referral_ = -1, date_ = -1, minutes_ = -1, attendance_ = -1;
  int team_ = -1, commissioner_ = -1, patient_ = -1, provider_ = -1;
  int64_t contacts_read_ = 0;
  int64_t not_attended_ = 0;
};

}  // namespace mhpbr

#endif  // MHPBR_MHSDS_CONTACTS_H_
