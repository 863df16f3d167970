#include "mhpbr/assessment_csv.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

std::string ItemColumn(Item i) {
  return absl::StrCat("r", absl::AsciiStrToLower(ItemCode(i)));
}

std::string TypeColumn(Item8Type t) {
  return absl::StrCat("r", absl::AsciiStrToLower(Item8TypeCode(t)));
}

// -1 = not a rating; kNotKnown for empty.
int ParseRatingSlow(absl::string_view cell) {
  cell = absl::StripAsciiWhitespace(cell);
  if (cell.empty()) return kNotKnown;
  if (cell.size() != 1) return -1;
  const int v = cell[0] - '0';
  return (v >= 0 && v <= 4) || v == kNotKnown ? v : -1;
}

// As ParseRatingSlow, with the common cells (one digit, or empty) inline.
inline int ParseRating(absl::string_view cell) {
  if (cell.size() == 1) {
    const int v = cell[0] - '0';
    if ((v >= 0 && v <= 4) || v == kNotKnown) return v;
  } else if (cell.empty()) {
    return kNotKnown;
  }
  return ParseRatingSlow(cell);
}

std::optional<Answer> ParseAnswer(absl::string_view cell) {
  // The common cells first: y, n or empty.
  if (cell.empty()) return Answer::kUnknown;
  if (cell.size() == 1) {
    if (cell[0] == 'y' || cell[0] == 'Y') return Answer::kYes;
    if (cell[0] == 'n' || cell[0] == 'N') return Answer::kNo;
  }
  cell = absl::StripAsciiWhitespace(cell);
  if (cell.empty()) return Answer::kUnknown;
  if (absl::EqualsIgnoreCase(cell, "y") ||
      absl::EqualsIgnoreCase(cell, "yes")) {
    return Answer::kYes;
  }
  if (absl::EqualsIgnoreCase(cell, "n") || absl::EqualsIgnoreCase(cell, "no")) {
    return Answer::kNo;
  }
  return std::nullopt;
}

// Cells are quoted in messages but kept short: a reject file must stay
// readable when a cell holds a megabyte of junk.
std::string Shown(absl::string_view cell) { return ShownText(cell); }

}  // namespace

absl::StatusOr<std::unique_ptr<AssessmentCsvReader>> AssessmentCsvReader::Open(
    std::FILE* file, std::string name) {
  std::unique_ptr<AssessmentCsvReader> r(
      new AssessmentCsvReader(file, std::move(name)));
  CsvReader& csv = r->csv_;
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  r->width_ = csv.header().size();
  CsvColumns cols(csv);
  r->id_ = cols.Required("assessment_id");
  r->date_ = cols.Required("date");
  r->patient_ = cols.Optional("patient_id");
  r->organic_ = cols.Optional("organic");
  r->psychosis_ = cols.Optional("psychosis");
  r->allocated_ = cols.Optional("allocated_cluster");
  r->team_ = cols.Optional("team");
  r->clinician_ = cols.Optional("clinician");
  int types_found = 0;
  for (int t = 0; t < kItem8TypeCount; ++t) {
    r->type_col_[t] = cols.Optional(TypeColumn(static_cast<Item8Type>(t)));
    types_found += r->type_col_[t] >= 0;
  }
  r->has_types_ = types_found > 0;
  for (int i = 0; i < kItemCount; ++i) {
    const Item item = ItemAt(i);
    if (item == Item::kOtherProblems) {
      r->item_col_[i] = cols.Optional("r8");
      if (r->item_col_[i] < 0 && types_found < kItem8TypeCount) {
        cols.Missing(types_found == 0 ? "r8 (or r8a..r8j)" : "r8a..r8j (some)");
      }
      continue;
    }
    r->item_col_[i] = cols.Required(ItemColumn(item));
  }
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  return r;
}

std::unique_ptr<AssessmentCsvReader> AssessmentCsvReader::ForRows(
    std::FILE* file, CsvBlock rows) const {
  std::unique_ptr<AssessmentCsvReader> r(
      new AssessmentCsvReader(file, csv_.name(), std::move(rows)));
  r->width_ = width_;
  r->id_ = id_;
  r->patient_ = patient_;
  r->date_ = date_;
  r->organic_ = organic_;
  r->psychosis_ = psychosis_;
  r->allocated_ = allocated_;
  r->team_ = team_;
  r->clinician_ = clinician_;
  r->item_col_ = item_col_;
  r->type_col_ = type_col_;
  r->has_types_ = has_types_;
  return r;
}

bool AssessmentCsvReader::Next(AssessmentRow* row) {
  if (!csv_.Next(&rec_)) return false;
  AssessmentRecord& out = row->record;
  row->line = rec_.line;
  row->error.clear();
  out.assessment_id.clear();
  out.patient_id.clear();
  out.team.clear();
  out.clinician.clear();
  out.ratings = MhctRatings();
  if (!rec_.error.empty()) {
    row->error = rec_.error;
    return true;
  }
  const auto& f = rec_.fields;
  if (f.size() > static_cast<size_t>(id_))
    out.assessment_id.assign(f[id_].data(), f[id_].size());
  if (f.size() != width_) {
    row->error =
        absl::StrCat("row has ", f.size(), " fields; the header has ", width_);
    return true;
  }
  std::string& err = row->error;
  auto fail = [&err](absl::string_view col, absl::string_view what) {
    absl::StrAppend(&err, err.empty() ? "" : "; ", col, ": ", what);
  };

  if (out.assessment_id.empty()) fail("assessment_id", "empty");
  if (patient_ >= 0)
    out.patient_id.assign(f[patient_].data(), f[patient_].size());
  if (team_ >= 0) out.team.assign(f[team_].data(), f[team_].size());
  if (clinician_ >= 0) {
    out.clinician.assign(f[clinician_].data(), f[clinician_].size());
  }
  if (ParseIsoDateTo(f[date_], &out.date)) {
    // The common cell, without building a Status.
  } else if (auto d = ParseIsoDate(absl::StripAsciiWhitespace(f[date_]));
             d.ok()) {
    out.date = *d;
  } else {
    fail("date", d.status().message());
  }

  MhctRatings& ratings = out.ratings;
  // A bad cell leaves its row not known, as Set() was never called for it.
  // (An empty r8 beside type columns leaves item 8 to the types.)
  std::array<uint8_t, kItemCount> rows;
  rows.fill(kNotKnown);
  for (int i = 0; i < kItemCount; ++i) {
    if (item_col_[i] < 0) continue;
    const absl::string_view cell = f[item_col_[i]];
    const int v = ParseRating(cell);
    if (v < 0) {
      fail(ItemColumn(ItemAt(i)),
           absl::StrCat("'", Shown(cell),
                        "' is not a rating (0-4, 9 or empty)"));
    } else {
      rows[i] = static_cast<uint8_t>(v);
    }
  }
  (void)ratings.SetRows(rows);
  if (has_types_) {
    for (int t = 0; t < kItem8TypeCount; ++t) {
      if (type_col_[t] < 0) continue;
      const absl::string_view cell = f[type_col_[t]];
      const int v = ParseRating(cell);
      const Item8Type type = static_cast<Item8Type>(t);
      if (v < 0) {
        fail(TypeColumn(type), absl::StrCat("'", Shown(cell),
                                            "' is not a rating (0-4, 9 or "
                                            "empty)"));
      } else if (v != kNotKnown) {
        if (!ratings.SetItem8Type(type, v).ok()) {
          fail("r8", "given both as one rating and as types r8a..r8j");
          break;
        }
      }
    }
  }

  // A missing column or a bad cell leaves the answer unknown.
  auto answer = [&](int col, absl::string_view name) {
    if (col < 0) return Answer::kUnknown;
    if (auto a = ParseAnswer(f[col])) return *a;
    fail(name, absl::StrCat("'", Shown(f[col]), "' is not y, n or empty"));
    return Answer::kUnknown;
  };
  ratings.set_organic(answer(organic_, "organic"));
  ratings.set_psychosis(answer(psychosis_, "psychosis"));

  if (allocated_ >= 0) {
    const absl::string_view cell = absl::StripAsciiWhitespace(f[allocated_]);
    if (!cell.empty()) {
      if (auto c = Cluster::Parse(cell); c.ok()) {
        ratings.set_allocated(*c);
      } else {
        fail("allocated_cluster", c.status().message());
      }
    }
  }
  return true;
}

}  // namespace mhpbr
