// Ward stays (MHS502, with their spells' MHS501 rows and those spells'
// referrals' MHS101 rows) read as stays to cost as bed days (mhsds.md "Ward
// stays"; ward_stay.h splits them into nights). The MHS502 rows stream one
// at a time; only the MHS501 spells and MHS101 referrals are held.
//
//   auto spells = mhpbr::ReadMhs501(f501, "mhs501.csv", columns);
//   auto reader = mhpbr::MhsdsWardStayReader::Open(
//       f502, "mhs502.csv", &*spells, &*referrals, costs, columns);
//   mhpbr::InputRow<mhpbr::WardStay> row;
//   while ((*reader)->Next(&row)) { ... row.error: the reject reason ... }

#ifndef MHPBR_MHSDS_WARD_STAYS_H_
#define MHPBR_MHSDS_WARD_STAYS_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/input_row.h"
#include "mhpbr/mhsds_columns.h"
#include "mhpbr/mhsds_contacts.h"
#include "mhpbr/unit_costs.h"
#include "mhpbr/ward_stay.h"

namespace mhpbr {

// What a ward stay takes from its hospital provider spell.
struct MhsdsSpell {
  std::string referral;
  // Flattened extracts name the patient on the spell itself.
  std::string patient;
};
using MhsdsSpells = absl::flat_hash_map<std::string, MhsdsSpell>;

// MHS501 by `HospProvSpellID` (`HospProvSpellNum` in v4.1). A look-up, so
// any row that cannot be read fails the call naming its line: a ragged or
// malformed row, an empty spell id, or one listed twice with different
// values (a row repeated unchanged, as monthly extracts repeat, is one).
absl::StatusOr<MhsdsSpells> ReadMhs501(std::FILE* file, const std::string& name,
                                       const MhsdsColumnMap& columns);

class MhsdsWardStayReader {
 public:
  // Fails when the header cannot be read or lacks a required column (ward
  // stay id, start, end, ward; and the spell unless the rows name their
  // patient), all found through `columns`, ignoring case. `spells` and
  // `referrals` may be null (then only the row's own patient counts).
  // REQUIRES: every argument outlives the reader.
  static absl::StatusOr<std::unique_ptr<MhsdsWardStayReader>> Open(
      std::FILE* file, const std::string& name, const MhsdsSpells* spells,
      const MhsdsReferrals* referrals, const UnitCosts& costs,
      const MhsdsColumnMap& columns);

  // The next stay, read or rejected; false at the end. A rejected row's
  // `error` starts with its reason (`date`, `dates`, `ward`, `no_patient`,
  // or the CSV's own problem), checked in that order.
  bool Next(InputRow<WardStay>* row);

  const absl::Status& io_status() const { return csv_.io_status(); }

 private:
  MhsdsWardStayReader(std::FILE* file, const std::string& name,
                      const MhsdsSpells* spells,
                      const MhsdsReferrals* referrals, const UnitCosts& costs)
      : csv_(file, name),
        spells_(spells),
        referrals_(referrals),
        costs_(costs) {}
  // The row's patient: its own, else its spell's, else the spell's
  // referral's; empty, with why in `*why`, when none names one.
  std::string PatientOf(const CsvRecord& rec, std::string* why) const;

  CsvReader csv_;
  const MhsdsSpells* spells_;
  const MhsdsReferrals* referrals_;
  const UnitCosts& costs_;
  int id_ = -1, spell_ = -1, start_ = -1, end_ = -1, ward_ = -1;
  int patient_ = -1, provider_ = -1;
};

}  // namespace mhpbr

#endif  // MHPBR_MHSDS_WARD_STAYS_H_
