#include "mhpbr/mhsds_ward_stays.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

absl::string_view CellAt(const CsvRecord& rec, int col) {
  if (col < 0) return {};
  return absl::StripAsciiWhitespace(rec.fields[col]);
}

}  // namespace

absl::StatusOr<MhsdsSpells> ReadMhs501(std::FILE* file, const std::string& name,
                                       const MhsdsColumnMap& columns) {
  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  MhsdsColumns cols(csv, columns, "MHS501");
  const int id = cols.Required("spell");
  const int referral = cols.Optional("referral");
  const int patient = cols.Optional("patient");
  if (referral < 0 && patient < 0) cols.Required("referral");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  MhsdsSpells out;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    auto fail = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": ", what));
    };
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    if (!err.empty()) return fail(err);
    const absl::string_view key = CellAt(rec, id);
    if (key.empty()) return fail("the spell id is empty");
    MhsdsSpell s{std::string(CellAt(rec, referral)),
                 std::string(CellAt(rec, patient))};
    auto [it, added] = out.try_emplace(key, s);
    if (!added && (it->second.referral != s.referral ||
                   it->second.patient != s.patient)) {
      return fail(absl::StrCat("spell '", ShownText(key),
                               "' is listed twice with different values"));
    }
  }
  if (!csv.io_status().ok()) return csv.io_status();
  return out;
}

absl::StatusOr<std::unique_ptr<MhsdsWardStayReader>> MhsdsWardStayReader::Open(
    std::FILE* file, const std::string& name, const MhsdsSpells* spells,
    const MhsdsReferrals* referrals, const UnitCosts& costs,
    const MhsdsColumnMap& columns) {
  std::unique_ptr<MhsdsWardStayReader> r(
      new MhsdsWardStayReader(file, name, spells, referrals, costs));
  if (absl::Status s = r->csv_.ReadHeader(); !s.ok()) return s;
  MhsdsColumns cols(r->csv_, columns, "MHS502");
  r->id_ = cols.Required("ward_stay_id");
  r->start_ = cols.Required("start");
  r->end_ = cols.Required("end");
  r->ward_ = cols.Required("ward");
  r->patient_ = cols.Optional("patient");
  // Without a patient column the spell is the only way to the patient.
  r->spell_ = r->patient_ < 0 ? cols.Required("spell") : cols.Optional("spell");
  r->provider_ = cols.Optional("provider");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  return r;
}

std::string MhsdsWardStayReader::PatientOf(const CsvRecord& rec,
                                           std::string* why) const {
  std::string patient(CellAt(rec, patient_));
  if (!patient.empty()) return patient;
  const absl::string_view spell_id = CellAt(rec, spell_);
  const MhsdsSpell* spell = nullptr;
  if (spells_ != nullptr) {
    auto it = spells_->find(spell_id);
    if (it != spells_->end()) spell = &it->second;
  }
  if (spell == nullptr) {
    *why = absl::StrCat("the stay names no patient and spell '",
                        ShownText(spell_id), "' has no MHS501 row");
    return "";
  }
  if (!spell->patient.empty()) return spell->patient;
  const MhsdsReferral* referral = nullptr;
  if (referrals_ != nullptr) {
    auto it = referrals_->find(spell->referral);
    if (it != referrals_->end()) referral = &it->second;
  }
  if (referral == nullptr || referral->patient.empty()) {
    *why = absl::StrCat(
        "neither the stay nor spell '", ShownText(spell_id),
        "' names a patient, and referral '", ShownText(spell->referral),
        referral == nullptr ? "' has no MHS101 row" : "' names none");
    return "";
  }
  return referral->patient;
}

bool MhsdsWardStayReader::Next(InputRow<WardStay>* row) {
  CsvRecord rec;
  if (!csv_.Next(&rec)) return false;
  WardStay& s = row->value;
  s = WardStay{};
  row->line = rec.line;
  s.line = rec.line;
  row->error = rec.error;
  if (row->error.empty()) {
    row->error = RaggedRow(rec.fields.size(), csv_.header().size());
  }
  row->id.clear();
  if (rec.fields.size() > static_cast<size_t>(id_)) {
    row->id = std::string(CellAt(rec, id_));
  }
  if (!row->error.empty()) return true;
  s.ward_stay_id = row->id;
  auto reject = [&](absl::string_view reason, absl::string_view why) {
    row->error = absl::StrCat(reason, ": ", why);
    return true;
  };
  auto not_a_date = [&](absl::string_view column, absl::string_view text) {
    return reject("date", absl::StrCat(column, " '", ShownText(text),
                                       "' is not a date (YYYY-MM-DD)"));
  };

  const absl::string_view start = CellAt(rec, start_);
  auto start_day = ParseIsoDate(start);
  if (!start_day.ok()) return not_a_date(csv_.header()[start_], start);
  s.start = *start_day;
  if (const absl::string_view end = CellAt(rec, end_); !end.empty()) {
    auto end_day = ParseIsoDate(end);
    if (!end_day.ok()) return not_a_date(csv_.header()[end_], end);
    s.end = *end_day;
  }
  if (s.end && *s.end < s.start) {
    return reject(
        "dates",
        absl::StrCat("the stay ends (", FormatIsoDate(*s.end),
                     ") before it starts (", FormatIsoDate(s.start), ")"));
  }
  s.ward = std::string(CellAt(rec, ward_));
  if (costs_.WardPencePerDay(s.ward) == nullptr) {
    return reject("ward", absl::StrCat("'", ShownText(s.ward),
                                       "' is not in the unit costs"));
  }
  std::string why;
  s.patient_id = PatientOf(rec, &why);
  if (s.patient_id.empty()) return reject("no_patient", why);
  s.provider = std::string(CellAt(rec, provider_));
  return true;
}

}  // namespace mhpbr
