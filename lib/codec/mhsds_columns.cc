#include "mhpbr/mhsds_columns.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/codec/csv_columns.h"

namespace mhpbr {
namespace {

// mhsds.md's tables; where the specification renamed a column the newer
// name comes first. `patient` also reads the derived `Person_ID` that
// flattened extracts carry.
std::vector<MhsdsColumnAliases> DefaultEntries() {
  return {
      {"MHS101", "referral", {"ServiceRequestId"}},
      {"MHS101", "patient", {"LocalPatientId"}},
      {"MHS101", "team", {"CareProfTeamLocalId"}},
      {"MHS101", "commissioner", {"OrgIDComm"}},
      {"MHS201", "contact_id", {"CareContactId"}},
      {"MHS201", "referral", {"ServiceRequestId"}},
      {"MHS201", "date", {"CareContDate"}},
      {"MHS201", "minutes", {"ClinContDurOfCareCont"}},
      {"MHS201", "attendance", {"AttendStatus", "AttendOrDNACode"}},
      {"MHS201", "team", {"OtherCareProfTeamLocalID", "CareProfTeamLocalId"}},
      {"MHS201", "commissioner", {"OrgIDComm"}},
      {"MHS201", "patient", {"LocalPatientId", "Person_ID"}},
      {"MHS201", "provider", {"OrgIDProv"}},
      {"MHS501", "spell", {"HospProvSpellID", "HospProvSpellNum"}},
      {"MHS501", "referral", {"ServiceRequestId"}},
      {"MHS501", "patient", {"LocalPatientId", "Person_ID"}},
      {"MHS501", "provider", {"OrgIDProv"}},
      {"MHS502", "ward_stay_id", {"WardStayId"}},
      {"MHS502", "spell", {"HospProvSpellID", "HospProvSpellNum"}},
      {"MHS502", "start", {"StartDateWardStay"}},
      {"MHS502", "end", {"EndDateWardStay"}},
      {"MHS502", "ward", {"WardCode"}},
      {"MHS502", "patient", {"LocalPatientId", "Person_ID"}},
      {"MHS502", "provider", {"OrgIDProv"}},
      {"MHS801", "clust_id", {"ClustId"}},
      {"MHS801", "patient", {"LocalPatientId", "Person_ID"}},
      {"MHS801", "date", {"AssToolCompDate"}},
      {"MHS801", "clust_cat", {"ClustCat"}},
      {"MHS801", "allocated_cluster", {"AMHCareClustCodeInit"}},
      {"MHS801", "provider", {"OrgIDProv"}},
      {"MHS802", "clust_id", {"ClustId"}},
      {"MHS802", "concept", {"CodedAssToolType"}},
      {"MHS802", "score", {"PersScore"}},
      {"MHS803", "clust_id", {"ClustId"}},
      {"MHS803", "patient", {"LocalPatientId", "Person_ID"}},
      {"MHS803", "start", {"StartDateCareClust"}},
      {"MHS803", "end", {"EndDateCareClust"}},
      {"MHS803", "cluster", {"AMHCareClustCodeFin"}},
      {"MHS803", "ld_cluster", {"LDCareClustCodeFin"}},
      {"MHS803", "fmh_cluster", {"FMHCareClustCodeFin"}},
      {"MHS803", "fld_cluster", {"FLDCareClustCodeFin"}},
      {"MHS803", "provider", {"OrgIDProv"}},
      {"MHS803", "commissioner", {"OrgIDComm"}},
  };
}

}  // namespace

const MhsdsColumnMap& MhsdsColumnMap::Default() {
  static const MhsdsColumnMap* const map = [] {
    auto* m = new MhsdsColumnMap;
    m->entries_ = DefaultEntries();
    return m;
  }();
  return *map;
}

const std::vector<std::string>& MhsdsColumnMap::Columns(
    absl::string_view table, absl::string_view field) const {
  static const std::vector<std::string>* const none =
      new std::vector<std::string>;
  for (const MhsdsColumnAliases& e : entries_) {
    if (e.table == table && e.field == field) return e.columns;
  }
  return *none;
}

absl::StatusOr<MhsdsColumnMap> MhsdsColumnMap::Read(std::FILE* file,
                                                    const std::string& name) {
  MhsdsColumnMap map = Default();
  // The trust's names go before the built-in ones, in file order.
  std::vector<std::vector<std::string>> added(map.entries_.size());
  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  CsvColumns cols(csv);
  const int table_col = cols.Required("table");
  const int field_col = cols.Required("field");
  const int column_col = cols.Required("column");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    if (!err.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": ", err));
    }
    const std::string table(absl::StripAsciiWhitespace(rec.fields[table_col]));
    const std::string field(absl::StripAsciiWhitespace(rec.fields[field_col]));
    std::string column(absl::StripAsciiWhitespace(rec.fields[column_col]));
    size_t k = 0;
    while (k < map.entries_.size() &&
           !(absl::EqualsIgnoreCase(map.entries_[k].table, table) &&
             map.entries_[k].field == field)) {
      ++k;
    }
    if (k == map.entries_.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": mhpbr reads no field '",
                       field, "' of table '", table, "'"));
    }
    if (column.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": column is empty"));
    }
    added[k].push_back(std::move(column));
  }
  if (!csv.io_status().ok()) return csv.io_status();
  for (size_t k = 0; k < added.size(); ++k) {
    std::vector<std::string>& c = map.entries_[k].columns;
    c.insert(c.begin(), added[k].begin(), added[k].end());
  }
  return map;
}

int FindColumnNoCase(const std::vector<std::string>& header,
                     absl::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (absl::EqualsIgnoreCase(header[i], name)) return static_cast<int>(i);
  }
  return -1;
}

int MhsdsColumns::Optional(absl::string_view field) const {
  for (const std::string& c : map_.Columns(table_, field)) {
    if (int i = FindColumnNoCase(csv_.header(), c); i >= 0) return i;
  }
  return -1;
}

int MhsdsColumns::Required(absl::string_view field) {
  const int i = Optional(field);
  if (i < 0) {
    missing_.push_back(absl::StrJoin(map_.Columns(table_, field), " or "));
  }
  return i;
}

absl::Status MhsdsColumns::Check() const {
  if (missing_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      csv_.name(), ": missing column", missing_.size() > 1 ? "s " : " ",
      absl::StrJoin(missing_, ", ")));
}

}  // namespace mhpbr
