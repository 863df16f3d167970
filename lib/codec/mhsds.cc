#include "mhpbr/mhsds.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

std::string Cell(absl::string_view f) {
  return std::string(absl::StripAsciiWhitespace(f));
}

// Appends "col: what" to a "; "-joined problem list.
void Fail(std::string* err, absl::string_view col, absl::string_view what) {
  absl::StrAppend(err, err->empty() ? "" : "; ", col, ": ", what);
}

struct Mhs803Row {
  std::string patient;
  std::string id;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  Cluster cluster;
  int64_t line;
  std::string provider;
  std::string commissioner;
};

}  // namespace

absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file,
                                       const std::string& name) {
  return ReadMhs803(file, name, nullptr, "");
}

absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file, const std::string& name,
                                       std::FILE* tool_file,
                                       const std::string& tool_name) {
  return ReadMhs803(file, name, tool_file, tool_name,
                    MhsdsColumnMap::Default());
}

absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file, const std::string& name,
                                       std::FILE* tool_file,
                                       const std::string& tool_name,
                                       const MhsdsColumnMap& columns) {
  // What an MHS801 row gives the MHS803 rows of its ClustId.
  struct ToolRow {
    std::string patient;
    std::string provider;
  };
  absl::flat_hash_map<std::string, ToolRow> tool_rows;
  bool tool_provider = false;
  if (tool_file != nullptr) {
    CsvReader tool(tool_file, tool_name);
    if (absl::Status s = tool.ReadHeader(); !s.ok()) return s;
    MhsdsColumns tcols(tool, columns, "MHS801");
    const int t_id = tcols.Required("clust_id");
    const int t_patient = tcols.Optional("patient");
    const int t_provider = tcols.Optional("provider");
    if (absl::Status s = tcols.Check(); !s.ok()) return s;
    tool_provider = t_provider >= 0;
    CsvRecord rec;
    while (tool.Next(&rec)) {
      // A bad MHS801 row is `mhpbr classify`'s to reject; here it names no
      // one.
      if (!rec.error.empty() ||
          !RaggedRow(rec.fields.size(), tool.header().size()).empty()) {
        continue;
      }
      ToolRow& t = tool_rows[Cell(rec.fields[t_id])];
      if (t_patient >= 0) t.patient = Cell(rec.fields[t_patient]);
      if (t_provider >= 0) t.provider = Cell(rec.fields[t_provider]);
    }
    if (!tool.io_status().ok()) return tool.io_status();
  }

  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  MhsdsColumns cols(csv, columns, "MHS803");
  const int id = cols.Required("clust_id");
  // With the MHS801 beside it, the patient may come from there instead.
  const int patient = tool_file != nullptr ? cols.Optional("patient")
                                           : cols.Required("patient");
  const int start = cols.Required("start");
  const int end = cols.Required("end");
  const int cluster = cols.Required("cluster");
  const int provider = cols.Optional("provider");
  const int commissioner = cols.Optional("commissioner");
  // The final codes of the other tools, and the category each stands for.
  const std::pair<int, const char*> other_codes[] = {
      {cols.Optional("ld_cluster"), "03"},
      {cols.Optional("fmh_cluster"), "04"},
      {cols.Optional("fld_cluster"), "05"}};
  if (absl::Status s = cols.Check(); !s.ok()) return s;

  MhsdsEvents out;
  out.columns.provider = provider >= 0 || tool_provider;
  out.columns.commissioner = commissioner >= 0;
  std::vector<Mhs803Row> rows;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    ++out.rows_read;
    const auto& f = rec.fields;
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(f.size(), csv.header().size());
    Mhs803Row row;
    row.line = rec.line;
    if (f.size() > static_cast<size_t>(id)) row.id = Cell(f[id]);
    if (err.empty() && Cell(f[cluster]).empty()) {
      const char* category = nullptr;
      for (const auto& [col, cat] : other_codes) {
        if (col >= 0 && !Cell(f[col]).empty()) {
          category = cat;
          break;
        }
      }
      if (category != nullptr) {
        ++out.tool_categories[category];
        continue;
      }
    }
    if (err.empty()) {
      if (patient >= 0) row.patient = Cell(f[patient]);
      if (provider >= 0) row.provider = Cell(f[provider]);
      auto t = tool_rows.find(row.id);
      if (t != tool_rows.end()) {
        if (row.patient.empty()) row.patient = t->second.patient;
        if (row.provider.empty()) row.provider = t->second.provider;
      }
      if (row.patient.empty()) {
        Fail(&err, "LocalPatientId",
             tool_file != nullptr ? "no_patient" : "empty");
      }
      if (auto d = ParseIsoDate(Cell(f[start])); d.ok()) {
        row.start = *d;
      } else {
        Fail(&err, "StartDateCareClust", d.status().message());
      }
      if (const std::string e = Cell(f[end]); !e.empty()) {
        if (auto d = ParseIsoDate(e); d.ok()) {
          row.end = *d;
        } else {
          Fail(&err, "EndDateCareClust", d.status().message());
        }
      }
      if (auto c = Cluster::Parse(Cell(f[cluster])); c.ok()) {
        row.cluster = *c;
      } else {
        Fail(&err, "AMHCareClustCodeFin", c.status().message());
      }
      if (commissioner >= 0) row.commissioner = Cell(f[commissioner]);
      if (err.empty() && row.end && *row.end < row.start) {
        Fail(&err, "EndDateCareClust", "before StartDateCareClust");
      }
    }
    if (!err.empty()) {
      out.rejects.push_back({name, rec.line, row.id, std::move(err)});
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!csv.io_status().ok()) return csv.io_status();

  // Starts by patient and day (counted, so that a row's own start does not
  // hide its end), to see whether an end date is followed by a start.
  absl::flat_hash_map<std::pair<std::string, int64_t>, int> starts;
  const absl::CivilDay epoch(1970, 1, 1);
  for (const Mhs803Row& r : rows) ++starts[{r.patient, r.start - epoch}];
  auto starting = [&](const std::string& patient, int64_t day) {
    auto it = starts.find({patient, day});
    return it == starts.end() ? 0 : it->second;
  };
  for (const Mhs803Row& r : rows) {
    PeriodEvent allocate;
    allocate.patient_id = r.patient;
    allocate.date = r.start;
    allocate.cluster = r.cluster;
    allocate.line = r.line;
    allocate.provider = r.provider;
    allocate.commissioner = r.commissioner;
    out.events.push_back(allocate);
    if (!r.end) continue;
    const int64_t e = *r.end - epoch;
    const int others = starting(r.patient, e) - (r.start == *r.end ? 1 : 0) +
                       starting(r.patient, e + 1);
    if (others > 0) continue;
    PeriodEvent discharge;
    discharge.patient_id = r.patient;
    discharge.date = *r.end;
    discharge.kind = EventKind::kDischarge;
    discharge.line = r.line;
    out.events.push_back(std::move(discharge));
  }
  return out;
}

absl::StatusOr<ItemMap> ReadItemMap(std::FILE* file, const std::string& name) {
  CsvReader csv(file, name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  CsvColumns cols(csv);
  const int concept_col = cols.Required("concept_id");
  const int item_col = cols.Required("item");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  ItemMap map;
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    if (!err.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": ", err));
    }
    const std::string concept_id = Cell(rec.fields[concept_col]);
    const std::string code = Cell(rec.fields[item_col]);
    MappedItem m;
    if (code == "8") {
      m.form = MappedItem::Form::kItem8Single;
      m.item = Item::kOtherProblems;
    } else if (auto t = ParseItem8TypeCode(code); t.ok()) {
      m.form = MappedItem::Form::kItem8Type;
      m.type = *t;
    } else if (auto i = ParseItemCode(code); i.ok()) {
      m.item = *i;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": item '", code,
                       "' is not an MHCT item (1-13, 8A-8J, A-E)"));
    }
    if (concept_id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": concept_id is empty"));
    }
    if (!map.emplace(concept_id, m).second) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": line ", rec.line,
                                                     ": concept ", concept_id,
                                                     " is listed twice"));
    }
  }
  if (!csv.io_status().ok()) return csv.io_status();
  return map;
}

absl::StatusOr<MhsdsAssessments> ReadMhs801And802(
    std::FILE* tool_file, const std::string& tool_name, std::FILE* ratings_file,
    const std::string& ratings_name, const ItemMap& item_map) {
  return ReadMhs801And802(tool_file, tool_name, ratings_file, ratings_name,
                          item_map, MhsdsColumnMap::Default());
}

absl::StatusOr<MhsdsAssessments> ReadMhs801And802(
    std::FILE* tool_file, const std::string& tool_name, std::FILE* ratings_file,
    const std::string& ratings_name, const ItemMap& item_map,
    const MhsdsColumnMap& columns) {
  CsvReader tool(tool_file, tool_name);
  if (absl::Status s = tool.ReadHeader(); !s.ok()) return s;
  MhsdsColumns tcols(tool, columns, "MHS801");
  const int t_id = tcols.Required("clust_id");
  const int t_patient = tcols.Required("patient");
  const int t_date = tcols.Required("date");
  const int t_cat = tcols.Optional("clust_cat");
  const int t_alloc = tcols.Optional("allocated_cluster");
  if (absl::Status s = tcols.Check(); !s.ok()) return s;

  CsvReader ratings(ratings_file, ratings_name);
  if (absl::Status s = ratings.ReadHeader(); !s.ok()) return s;
  MhsdsColumns rcols(ratings, columns, "MHS802");
  const int r_id = rcols.Required("clust_id");
  const int r_concept = rcols.Required("concept");
  const int r_score = rcols.Required("score");
  if (absl::Status s = rcols.Check(); !s.ok()) return s;

  MhsdsAssessments out;
  // Index of each accepted MHS801 row by ClustId, and which rows of it
  // (18 items + 10 types) are already rated.
  absl::flat_hash_map<std::string, size_t> by_id;
  // ClustIds of the other tools' assessments, whose ratings are not used.
  absl::flat_hash_set<std::string> other_tools;
  std::vector<uint32_t> rated;
  std::vector<std::string> bad;  // per assessment: why it fails, if it does
  CsvRecord rec;
  while (tool.Next(&rec)) {
    ++out.rows_read;
    const auto& f = rec.fields;
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(f.size(), tool.header().size());
    MhsdsAssessment a;
    a.line = rec.line;
    if (f.size() > static_cast<size_t>(t_id)) {
      a.record.assessment_id = Cell(f[t_id]);
    }
    if (err.empty() && t_cat >= 0) {
      const std::string cat = Cell(f[t_cat]);
      if (cat.size() == 2 && cat[0] == '0' && cat[1] >= '2' && cat[1] <= '6') {
        ++out.tool_categories[cat];
        other_tools.insert(a.record.assessment_id);
        continue;
      }
      if (!cat.empty() && cat != "01") {
        out.rejects.push_back(
            {tool_name, rec.line, a.record.assessment_id,
             absl::StrCat("clust_cat: ClustCat '", ShownText(cat),
                          "' is not a clustering tool category (01-06)")});
        continue;
      }
    }
    if (err.empty()) {
      if (a.record.assessment_id.empty()) Fail(&err, "ClustId", "empty");
      a.record.patient_id = Cell(f[t_patient]);
      if (auto d = ParseIsoDate(Cell(f[t_date])); d.ok()) {
        a.record.date = *d;
      } else {
        Fail(&err, "AssToolCompDate", d.status().message());
      }
      if (t_alloc >= 0) {
        if (const std::string c = Cell(f[t_alloc]); !c.empty()) {
          if (auto cl = Cluster::Parse(c); cl.ok()) {
            a.record.ratings.set_allocated(*cl);
          } else {
            Fail(&err, "AMHCareClustCodeInit", cl.status().message());
          }
        }
      }
      if (err.empty() && by_id.contains(a.record.assessment_id)) {
        Fail(&err, "ClustId", "appears twice in the extract");
      }
    }
    if (!err.empty()) {
      out.rejects.push_back(
          {tool_name, rec.line, a.record.assessment_id, std::move(err)});
      continue;
    }
    by_id.emplace(a.record.assessment_id, out.assessments.size());
    out.assessments.push_back(std::move(a));
    rated.push_back(0);
    bad.emplace_back();
  }
  if (!tool.io_status().ok()) return tool.io_status();

  while (ratings.Next(&rec)) {
    ++out.rows_read;
    const auto& f = rec.fields;
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(f.size(), ratings.header().size());
    std::string id;
    if (f.size() > static_cast<size_t>(r_id)) id = Cell(f[r_id]);
    auto reject = [&](std::string why) {
      out.rejects.push_back({ratings_name, rec.line, id, std::move(why)});
    };
    if (!err.empty()) {
      reject(std::move(err));
      continue;
    }
    if (other_tools.contains(id)) continue;
    auto at = by_id.find(id);
    if (at == by_id.end()) {
      reject(
          absl::StrCat("ClustId: '", id, "' has no accepted ", "MHS801 row"));
      continue;
    }
    const std::string concept_id = Cell(f[r_concept]);
    auto m = item_map.find(concept_id);
    if (m == item_map.end()) {
      reject(absl::StrCat("CodedAssToolType: concept ", concept_id,
                          " is not in the item map"));
      continue;
    }
    const std::string score = Cell(f[r_score]);
    int v = kNotKnown;
    if (!score.empty()) {
      v = score.size() == 1 ? score[0] - '0' : -1;
      if (!((v >= 0 && v <= 4) || v == kNotKnown)) {
        reject(absl::StrCat("PersScore: '", ShownText(score),
                            "' is not a rating (0-4, 9 or empty)"));
        continue;
      }
    }
    const size_t k = at->second;
    const MappedItem& item = m->second;
    const int slot = item.form == MappedItem::Form::kItem8Type
                         ? kItemCount + static_cast<int>(item.type)
                         : ItemIndex(item.item);
    if ((rated[k] >> slot) & 1u) {
      reject(absl::StrCat("CodedAssToolType: concept ", concept_id,
                          " rates an item this assessment already has"));
      continue;
    }
    rated[k] |= 1u << slot;
    MhctRatings& r = out.assessments[k].record.ratings;
    absl::Status s =
        item.form == MappedItem::Form::kItem8Type
            ? (v == kNotKnown ? absl::OkStatus() : r.SetItem8Type(item.type, v))
            : r.Set(item.item, v);
    if (!s.ok() && bad[k].empty()) bad[k] = std::string(s.message());
  }
  if (!ratings.io_status().ok()) return ratings.io_status();

  // Assessments whose ratings conflict are rejected as a whole.
  std::vector<MhsdsAssessment> kept;
  kept.reserve(out.assessments.size());
  for (size_t k = 0; k < out.assessments.size(); ++k) {
    if (!bad[k].empty()) {
      out.rejects.push_back({tool_name, out.assessments[k].line,
                             out.assessments[k].record.assessment_id, bad[k]});
      continue;
    }
    kept.push_back(std::move(out.assessments[k]));
  }
  out.assessments = std::move(kept);
  return out;
}

}  // namespace mhpbr
