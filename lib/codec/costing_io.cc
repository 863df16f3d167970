#include "mhpbr/costing_io.h"

#include <cstring>
#include <initializer_list>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/costing_proto.h"
#include "lib/codec/csv_columns.h"
#include "lib/codec/text_proto.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<UnitCosts> ParseUnitCostsText(absl::string_view text,
                                             absl::string_view source_name) {
  v1::UnitCosts proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  auto costs = UnitCostsFromProto(proto);
  if (!costs.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", costs.status().message()));
  }
  return costs;
}

absl::StatusOr<UnitCosts> LoadUnitCostsFile(const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseUnitCostsText(text, path);
}

absl::StatusOr<std::unique_ptr<ActivityCsvReader>> ActivityCsvReader::Open(
    std::FILE* file, std::string name) {
  std::unique_ptr<ActivityCsvReader> r(
      new ActivityCsvReader(file, std::move(name)));
  MHPBR_RETURN_IF_ERROR(r->csv_.ReadHeader());
  r->width_ = r->csv_.header().size();
  CsvColumns cols(r->csv_);
  r->id_ = cols.Required("activity_id");
  r->patient_ = cols.Required("patient_id");
  r->date_ = cols.Required("date");
  r->kind_ = cols.Required("kind");
  r->staff_ = cols.Required("staff_group");
  r->minutes_ = cols.Required("minutes");
  r->ward_ = cols.Required("ward");
  r->count_ = cols.Required("count");
  r->attendees_ = cols.Required("attendees");
  r->cost_ = cols.Required("cost_pence");
  r->element_ = cols.Optional("element_id");
  r->team_ = cols.Optional("team");
  r->provider_ = cols.Optional("provider");
  // Files that name only the provider have always had it read as the team.
  if (r->team_ < 0) r->team_ = r->provider_;
  r->commissioner_ = cols.Optional("commissioner");
  r->setting_ = cols.Optional("setting");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  return r;
}

std::unique_ptr<ActivityCsvReader> ActivityCsvReader::ForRows(
    std::FILE* file, CsvBlock rows) const {
  std::unique_ptr<ActivityCsvReader> r(
      new ActivityCsvReader(file, csv_.name(), std::move(rows)));
  r->width_ = width_;
  r->id_ = id_;
  r->patient_ = patient_;
  r->date_ = date_;
  r->kind_ = kind_;
  r->staff_ = staff_;
  r->minutes_ = minutes_;
  r->ward_ = ward_;
  r->count_ = count_;
  r->attendees_ = attendees_;
  r->cost_ = cost_;
  r->element_ = element_;
  r->team_ = team_;
  r->provider_ = provider_;
  r->commissioner_ = commissioner_;
  r->setting_ = setting_;
  return r;
}

namespace {

ABSL_ATTRIBUTE_NOINLINE absl::string_view Stripped(absl::string_view cell) {
  return absl::StripAsciiWhitespace(cell);
}

// absl::StripAsciiWhitespace, at a glance for the usual cell that starts
// and ends with neither whitespace nor any other byte up to a space (in
// line: a call per cell was 2% of a national `report`).
inline absl::string_view Trimmed(absl::string_view cell) {
  if (cell.empty() || (static_cast<unsigned char>(cell.front()) > ' ' &&
                       static_cast<unsigned char>(cell.back()) > ' ')) {
    return cell;
  }
  return Stripped(cell);
}

// The kind a cell names, read in line for every record (a StatusOr made
// and checked per record cost more than the compare); false for any other
// cell, which ParseActivityKind then explains.
inline bool KindNamed(absl::string_view cell, ActivityKind* kind) {
  struct Named {
    absl::string_view name;
    ActivityKind kind;
  };
  // The commonest first.
  static constexpr Named kKinds[] = {{"contact", ActivityKind::kContact},
                                     {"bed_day", ActivityKind::kBedDay},
                                     {"group", ActivityKind::kGroup},
                                     {"other", ActivityKind::kOther}};
  for (const Named& k : kKinds) {
    if (cell == k.name) {
      *kind = k.kind;
      return true;
    }
  }
  return false;
}

// Copies a cell into a string of a row read before: in place when it fits
// in the old text, as ids and codes of one file nearly always do, without
// the library's general assign and its call to copy (five a record, 8% of
// reading an activity file).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void SetCell(std::string* s,
                                                 absl::string_view cell) {
  const size_t n = cell.size();
  if (n <= s->size()) {
    char* to = &(*s)[0];
    const char* from = cell.data();
    // Up to 16 bytes as two overlapping words, not a call.
    if (n >= 8 && n <= 16) {
      std::memcpy(to, from, 8);
      std::memcpy(to + n - 8, from + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(to, from, 4);
      std::memcpy(to + n - 4, from + n - 4, 4);
    } else if (n > 16) {
      std::memcpy(to, from, n);
    } else {
      for (size_t i = 0; i < n; ++i) to[i] = from[i];
    }
    s->erase(n);
  } else {
    s->assign(cell.data(), cell.size());
  }
}

void Fail(std::string* err, absl::string_view col, absl::string_view what) {
  absl::StrAppend(err, err->empty() ? "" : "; ", col, ": ", what);
}

// A count that must be a whole number >= 0 (`empty_value` when blank, or
// -1: blank is an error). A cell of up to 18 digits, nearly every one, is
// read here; anything else is ParseInteger's to judge and explain.
void ReadCount(absl::string_view cell, absl::string_view name,
               int64_t empty_value, int64_t* out, std::string* err) {
  if (cell.empty() && empty_value >= 0) {
    *out = empty_value;
    return;
  }
  if (!cell.empty() && cell.size() <= 18) {
    int64_t v = 0;
    size_t i = 0;
    for (; i < cell.size(); ++i) {
      const unsigned digit = static_cast<unsigned char>(cell[i]) - '0';
      if (digit > 9) break;
      v = v * 10 + digit;
    }
    if (i == cell.size()) {
      *out = v;
      return;
    }
  }
  auto v = ParseInteger(cell);
  if (!v.ok()) {
    Fail(err, name, v.status().message());
  } else if (*v < 0) {
    Fail(err, name, "must not be negative");
  } else {
    *out = *v;
  }
}

// An optional column's trimmed cell into `*out` (empty without the column).
inline void OptionalCell(const std::vector<absl::string_view>& f, int col,
                         std::string* out) {
  if (col < 0) {
    out->clear();
    return;
  }
  SetCell(out, Trimmed(f[col]));
}

}  // namespace

bool ActivityCsvReader::Next(InputRow<ActivityRecord>* row) {
  if (!csv_.Next(&rec_)) return false;
  ActivityRecord& a = row->value;
  row->line = a.line = rec_.line;
  if (rec_.error.empty()) {
    row->error.clear();
  } else {
    row->error = rec_.error;
  }
  const auto& f = rec_.fields;
  if (f.size() > static_cast<size_t>(id_)) {
    SetCell(&a.activity_id, f[id_]);
    SetCell(&row->id, f[id_]);
  } else {
    row->id.clear();
  }
  if (!row->error.empty()) return true;
  if (f.size() != width_) {
    row->error = RaggedRow(f.size(), width_);
    return true;
  }
  std::string* err = &row->error;
  auto cell = [&f](int col) { return Trimmed(f[col]); };

  SetCell(&a.patient_id, f[patient_]);
  if (a.patient_id.empty()) Fail(err, "patient_id", "empty");
  if (!ParseIsoDateTo(cell(date_), &a.date)) {
    // Only to say why.
    Fail(err, "date", ParseIsoDate(cell(date_)).status().message());
  }
  // Optional columns: the care-package element delivered and the team.
  OptionalCell(f, element_, &a.element_id);
  OptionalCell(f, team_, &a.team);
  OptionalCell(f, provider_, &a.provider);
  OptionalCell(f, commissioner_, &a.commissioner);
  a.setting.reset();
  if (setting_ >= 0) {
    const absl::string_view setting = cell(setting_);
    if (!setting.empty()) {
      if (auto st = ParsePaySetting(setting); st.ok()) {
        a.setting = *st;
      } else {
        Fail(err, "setting", st.status().message());
      }
    }
  }
  a.minutes = a.count = a.cost_pence = 0;
  a.attendees = 1;
  if (!KindNamed(cell(kind_), &a.kind)) {
    Fail(err, "kind", ParseActivityKind(cell(kind_)).status().message());
    a.staff_group.clear();
    a.ward.clear();
    return true;
  }
  // Only the kind's own cell is kept (the other's string keeps its text
  // when it is the kind's).
  if (a.kind != ActivityKind::kContact && a.kind != ActivityKind::kGroup) {
    a.staff_group.clear();
  }
  if (a.kind != ActivityKind::kBedDay) a.ward.clear();
  switch (a.kind) {
    case ActivityKind::kGroup:
      ReadCount(cell(attendees_), "attendees", 1, &a.attendees, err);
      if (a.attendees == 0) Fail(err, "attendees", "must be at least 1");
      [[fallthrough]];
    case ActivityKind::kContact: {
      SetCell(&a.staff_group, cell(staff_));
      if (a.staff_group.empty()) Fail(err, "staff_group", "empty");
      ReadCount(cell(minutes_), "minutes", -1, &a.minutes, err);
      break;
    }
    case ActivityKind::kBedDay: {
      SetCell(&a.ward, cell(ward_));
      if (a.ward.empty()) Fail(err, "ward", "empty");
      ReadCount(cell(count_), "count", -1, &a.count, err);
      break;
    }
    case ActivityKind::kOther:
      ReadCount(cell(cost_), "cost_pence", -1, &a.cost_pence, err);
      break;
  }
  return true;
}

namespace {
constexpr int64_t kMaxSampleDays = 100000;
constexpr int64_t kMaxSampleCostPence = 10000000000000;

// A period's cells joined, for matching rows of two files of one cost run.
std::string PeriodKeyOf(const std::vector<absl::string_view>& f,
                        std::initializer_list<int> cols) {
  std::string key;
  for (int c : cols) {
    if (c < 0 || static_cast<size_t>(c) >= f.size()) return std::string();
    absl::StrAppend(&key, key.empty() ? "" : ",",
                    absl::StripAsciiWhitespace(f[c]));
  }
  return key;
}
}  // namespace

absl::StatusOr<std::unique_ptr<CostSampleCsvReader>> CostSampleCsvReader::Open(
    std::FILE* file, std::string name) {
  std::unique_ptr<CostSampleCsvReader> r(
      new CostSampleCsvReader(file, std::move(name)));
  MHPBR_RETURN_IF_ERROR(r->csv_.ReadHeader());
  CsvColumns cols(r->csv_);
  r->cluster_ = cols.Required("cluster");
  r->days_ = cols.Required("days");
  r->cost_ = cols.Required("cost_pence");
  r->patient_ = cols.Optional("patient_id");
  r->start_ = cols.Optional("start");
  r->end_ = cols.Optional("end");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  return r;
}

std::string CostSampleCsvReader::PeriodKey() const {
  return PeriodKeyOf(rec_.fields, {patient_, cluster_, start_, end_});
}

absl::StatusOr<std::unique_ptr<SettingSplitCsvReader>>
SettingSplitCsvReader::Open(std::FILE* file, std::string name) {
  std::unique_ptr<SettingSplitCsvReader> r(
      new SettingSplitCsvReader(file, std::move(name)));
  MHPBR_RETURN_IF_ERROR(r->csv_.ReadHeader());
  CsvColumns cols(r->csv_);
  r->patient_ = cols.Required("patient_id");
  r->cluster_ = cols.Required("cluster");
  r->start_ = cols.Required("start");
  r->end_ = cols.Required("end");
  r->days_ = cols.Required("days");
  r->admitted_days_ = cols.Required("admitted_days");
  r->community_days_ = cols.Required("community_days");
  r->admitted_pence_ = cols.Required("admitted_pence");
  r->community_pence_ = cols.Required("community_pence");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  return r;
}

bool SettingSplitCsvReader::Next(InputRow<PeriodSettingSplit>* row) {
  if (!csv_.Next(&rec_)) return false;
  row->line = rec_.line;
  row->error = rec_.error;
  if (row->error.empty()) {
    row->error = RaggedRow(rec_.fields.size(), csv_.header().size());
  }
  row->id.clear();
  if (static_cast<size_t>(patient_) < rec_.fields.size()) {
    row->id = std::string(rec_.fields[patient_]);
  }
  row->value = PeriodSettingSplit();
  if (!row->error.empty()) return true;
  std::string& err = row->error;
  PeriodSettingSplit& s = row->value;
  s.key = PeriodKeyOf(rec_.fields, {patient_, cluster_, start_, end_});
  struct Number {
    int col;
    const char* name;
    int64_t* out;
  };
  for (const Number& n :
       {Number{days_, "days", &s.days},
        Number{admitted_days_, "admitted_days", &s.split.admitted_days},
        Number{community_days_, "community_days", &s.split.community_days},
        Number{admitted_pence_, "admitted_pence", &s.split.admitted_pence},
        Number{community_pence_, "community_pence",
               &s.split.community_pence}}) {
    auto v = ParseInteger(rec_.fields[n.col]);
    if (!v.ok() || *v < 0) {
      absl::StrAppend(&err, err.empty() ? "" : "; ", n.name, ": ",
                      v.ok() ? "must not be negative" : v.status().message());
    } else {
      *n.out = *v;
    }
  }
  if (err.empty() &&
      Int128(s.split.admitted_days) + s.split.community_days != s.days) {
    err = "community_days: admitted_days + community_days is not days";
  }
  return true;
}

bool CostSampleCsvReader::Next(InputRow<CostSample>* row) {
  if (!csv_.Next(&rec_)) return false;
  row->line = rec_.line;
  row->error = rec_.error;
  if (row->error.empty()) {
    row->error = RaggedRow(rec_.fields.size(), csv_.header().size());
  }
  row->id.clear();
  if (patient_ >= 0 && static_cast<size_t>(patient_) < rec_.fields.size()) {
    row->id = std::string(rec_.fields[patient_]);
  }
  row->value = CostSample();
  if (!row->error.empty()) return true;
  std::string& err = row->error;
  auto fail = [&err](absl::string_view col, absl::string_view what) {
    absl::StrAppend(&err, err.empty() ? "" : "; ", col, ": ", what);
  };
  CostSample& s = row->value;
  if (auto c = Cluster::Parse(rec_.fields[cluster_]); c.ok()) {
    s.cluster = *c;
  } else {
    fail("cluster", c.status().message());
  }
  // Out-of-range samples are rejected here, naming their line: SetTariffs
  // would fail the whole run naming only a sample number.
  if (auto d = ParseInteger(rec_.fields[days_]);
      d.ok() && *d >= 0 && *d <= kMaxSampleDays) {
    s.days = *d;
  } else {
    fail("days", !d.ok()  ? d.status().message()
                 : *d < 0 ? "must not be negative"
                          : "must be at most 100000");
  }
  if (auto p = ParseInteger(rec_.fields[cost_]);
      p.ok() && *p >= 0 && *p <= kMaxSampleCostPence) {
    s.cost_pence = *p;
  } else {
    fail("cost_pence", !p.ok()  ? p.status().message()
                       : *p < 0 ? "must not be negative"
                                : "must be at most 10^13");
  }
  return true;
}

}  // namespace mhpbr
