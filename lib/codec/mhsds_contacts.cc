#include "mhpbr/mhsds_contacts.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

absl::string_view Cell(const CsvRecord& rec, int col) {
  if (col < 0) return {};
  return absl::StripAsciiWhitespace(rec.fields[col]);
}

absl::Status LineError(const std::string& name, int64_t line,
                       absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": line ", line, ": ", what));
}

enum class Attendance { kAttended, kNotAttended, kUnknown };

// NHS Data Dictionary "attended or did not attend": 5 seen on time, 6 seen
// late; 2 and 4 cancelled, 3 and 7 did not attend or arrived too late, 0
// not applicable.
Attendance ParseAttendance(absl::string_view code) {
  if (code.size() != 1) return Attendance::kUnknown;
  switch (code[0]) {
    case '5':
    case '6':
      return Attendance::kAttended;
    case '0':
    case '2':
    case '3':
    case '4':
    case '7':
      return Attendance::kNotAttended;
    default:
      return Attendance::kUnknown;
  }
}

}  // namespace

absl::StatusOr<MhsdsReferrals> ReadMhs101(std::FILE* file,
                                          const std::string& name,
                                          const MhsdsColumnMap& columns) {
  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  MhsdsColumns cols(csv, columns, "MHS101");
  const int id = cols.Required("referral");
  const int patient = cols.Optional("patient");
  const int team = cols.Optional("team");
  const int commissioner = cols.Optional("commissioner");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  MhsdsReferrals out;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    if (!err.empty()) return LineError(name, rec.line, err);
    const absl::string_view key = Cell(rec, id);
    if (key.empty()) {
      return LineError(name, rec.line, "ServiceRequestId is empty");
    }
    MhsdsReferral r{std::string(Cell(rec, patient)),
                    std::string(Cell(rec, team)),
                    std::string(Cell(rec, commissioner))};
    auto [it, added] = out.try_emplace(key, r);
    if (!added &&
        (it->second.patient != r.patient || it->second.team != r.team ||
         it->second.commissioner != r.commissioner)) {
      return LineError(name, rec.line,
                       absl::StrCat("ServiceRequestId '", ShownText(key),
                                    "' is listed twice with different values"));
    }
  }
  if (!csv.io_status().ok()) return csv.io_status();
  return out;
}

absl::StatusOr<TeamMap> ReadTeamMap(std::FILE* file, const std::string& name) {
  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  CsvColumns cols(csv);
  const int team = cols.Required("team");
  const int group = cols.Required("staff_group");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  TeamMap out;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    if (!err.empty()) return LineError(name, rec.line, err);
    const absl::string_view t = Cell(rec, team);
    const absl::string_view g = Cell(rec, group);
    if (t.empty() || g.empty()) {
      return LineError(name, rec.line, "team and staff_group must be given");
    }
    if (!out.try_emplace(t, g).second) {
      return LineError(
          name, rec.line,
          absl::StrCat("team '", ShownText(t), "' is listed twice"));
    }
  }
  if (!csv.io_status().ok()) return csv.io_status();
  return out;
}

absl::StatusOr<std::unique_ptr<MhsdsContactReader>> MhsdsContactReader::Open(
    std::FILE* file, const std::string& name, const MhsdsReferrals& referrals,
    const TeamMap* team_map, const UnitCosts& costs,
    const MhsdsColumnMap& columns) {
  std::unique_ptr<MhsdsContactReader> r(
      new MhsdsContactReader(file, name, referrals, team_map, costs));
  if (absl::Status s = r->csv_.ReadHeader(); !s.ok()) return s;
  MhsdsColumns cols(r->csv_, columns, "MHS201");
  r->id_ = cols.Required("contact_id");
  r->referral_ = cols.Required("referral");
  r->date_ = cols.Required("date");
  r->minutes_ = cols.Required("minutes");
  r->attendance_ = cols.Required("attendance");
  r->team_ = cols.Optional("team");
  r->commissioner_ = cols.Optional("commissioner");
  r->patient_ = cols.Optional("patient");
  r->provider_ = cols.Optional("provider");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  return r;
}

bool MhsdsContactReader::Next(InputRow<ActivityRecord>* row) {
  CsvRecord rec;
  while (csv_.Next(&rec)) {
    ++contacts_read_;
    if (Fill(rec, row)) return true;
    ++not_attended_;
  }
  return false;
}

bool MhsdsContactReader::Fill(const CsvRecord& rec,
                              InputRow<ActivityRecord>* row) const {
  ActivityRecord& a = row->value;
  row->line = rec.line;
  row->error = rec.error;
  if (row->error.empty()) {
    row->error = RaggedRow(rec.fields.size(), csv_.header().size());
  }
  row->id.clear();
  if (rec.fields.size() > static_cast<size_t>(id_)) {
    row->id = std::string(Cell(rec, id_));
  }
  if (!row->error.empty()) return true;
  a.activity_id = row->id;
  a.line = rec.line;
  a.kind = ActivityKind::kContact;
  auto reject = [&](absl::string_view reason, absl::string_view why) {
    row->error = absl::StrCat(reason, ": ", why);
    return true;
  };

  const absl::string_view date = Cell(rec, date_);
  auto day = ParseIsoDate(date);
  if (!day.ok()) {
    return reject("date", absl::StrCat("'", ShownText(date),
                                       "' is not a date (YYYY-MM-DD)"));
  }
  a.date = *day;
  const absl::string_view attendance = Cell(rec, attendance_);
  switch (ParseAttendance(attendance)) {
    case Attendance::kNotAttended:
      return false;
    case Attendance::kUnknown:
      return reject("attendance",
                    absl::StrCat("'", ShownText(attendance),
                                 "' is not an attendance code (5 or 6 "
                                 "attended; 0, 2, 3, 4 or 7 not)"));
    case Attendance::kAttended:
      break;
  }
  const absl::string_view minutes = Cell(rec, minutes_);
  if (minutes.empty()) return reject("minutes", "no duration");
  if (!absl::SimpleAtoi(minutes, &a.minutes) || a.minutes < 0) {
    return reject("minutes", absl::StrCat("'", ShownText(minutes),
                                          "' is not a whole, non-negative "
                                          "number of minutes"));
  }

  const absl::string_view referral = Cell(rec, referral_);
  auto ref = referrals_.find(referral);
  const MhsdsReferral* r = ref == referrals_.end() ? nullptr : &ref->second;
  a.patient_id = std::string(Cell(rec, patient_));
  if (a.patient_id.empty() && r != nullptr) a.patient_id = r->patient;
  if (a.patient_id.empty()) {
    return reject(
        "no_patient",
        r == nullptr
            ? absl::StrCat("the contact names no patient and referral '",
                           ShownText(referral), "' has no MHS101 row")
            : absl::StrCat("neither the contact nor referral '",
                           ShownText(referral), "' names a patient"));
  }
  a.team = std::string(Cell(rec, team_));
  if (a.team.empty() && r != nullptr) a.team = r->team;
  a.staff_group = a.team;
  if (team_map_ != nullptr) {
    auto t = team_map_->find(a.team);
    if (t == team_map_->end()) {
      return reject("team", absl::StrCat("'", ShownText(a.team),
                                         "' is not in the team map"));
    }
    a.staff_group = t->second;
  }
  if (costs_.StaffPencePerHour(a.staff_group) == nullptr) {
    return reject("staff_group", absl::StrCat("'", ShownText(a.staff_group),
                                              "' is not in the unit costs"));
  }
  a.commissioner = std::string(Cell(rec, commissioner_));
  if (a.commissioner.empty() && r != nullptr) a.commissioner = r->commissioner;
  a.provider = std::string(Cell(rec, provider_));
  return true;
}

}  // namespace mhpbr
