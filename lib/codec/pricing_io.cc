#include "mhpbr/pricing_io.h"

#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/codec/pricing_proto.h"
#include "lib/codec/text_proto.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

void Fail(std::string* err, absl::string_view col, absl::string_view what) {
  absl::StrAppend(err, err->empty() ? "" : "; ", col, ": ", what);
}

absl::string_view Trim(absl::string_view s) {
  return absl::StripAsciiWhitespace(s);
}

// An optional column's trimmed cell into `*out` (left empty when the file
// has no such column).
void OptionalCell(const std::vector<absl::string_view>& fields, int col,
                  std::string* out) {
  if (col < 0) return;
  const absl::string_view cell = Trim(fields[col]);
  out->assign(cell.data(), cell.size());
}

// The optional per-day setting prices of a tariff row: both or neither,
// only on basis day, never negative.
void ReadSettingPrices(const std::vector<absl::string_view>& f, int admitted,
                       int community, TariffEntry& e, std::string* err) {
  struct Column {
    int col;
    const char* name;
    std::optional<int64_t>* out;
  };
  const Column columns[] = {
      {admitted, "admitted_price_pence", &e.admitted_price_pence},
      {community, "community_price_pence", &e.community_price_pence}};
  for (const Column& c : columns) {
    if (c.col < 0 || Trim(f[c.col]).empty()) continue;
    if (auto p = ParseInteger(f[c.col]); !p.ok()) {
      Fail(err, c.name, p.status().message());
    } else if (*p < 0) {
      Fail(err, c.name, "must not be negative");
    } else {
      *c.out = *p;
    }
  }
  if (!err->empty()) return;
  for (const Column& c : columns) {
    if (!c.out->has_value() && (e.admitted_price_pence.has_value() ||
                                e.community_price_pence.has_value())) {
      Fail(err, c.name, "empty, but the other setting price is given");
    }
  }
  if (e.has_setting_prices() && e.basis != Basis::kDay) {
    Fail(err, "admitted_price_pence",
         absl::StrCat("setting prices need basis day, not ",
                      BasisName(e.basis)));
  }
}

// The optional dates a tariff row is in force (empty: unbounded).
void ReadEffectiveDates(const std::vector<absl::string_view>& f, int from,
                        int to, TariffEntry& e, std::string* err) {
  struct Column {
    int col;
    const char* name;
    std::optional<absl::CivilDay>* out;
  };
  for (const Column& c : {Column{from, "effective_from", &e.effective_from},
                          Column{to, "effective_to", &e.effective_to}}) {
    if (c.col < 0 || Trim(f[c.col]).empty()) continue;
    if (auto d = ParseIsoDate(Trim(f[c.col])); d.ok()) {
      *c.out = *d;
    } else {
      Fail(err, c.name, d.status().message());
    }
  }
  if (err->empty() && e.effective_from && e.effective_to &&
      *e.effective_to < *e.effective_from) {
    Fail(err, "effective_to", "is before effective_from");
  }
}

}  // namespace

absl::StatusOr<int64_t> ParseInteger(absl::string_view cell) {
  cell = Trim(cell);
  if (cell.empty()) return absl::InvalidArgumentError("empty");
  size_t i = (cell[0] == '-' || cell[0] == '+') ? 1 : 0;
  if (i == cell.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", ShownText(cell), "' is not a whole number"));
  }
  for (size_t j = i; j < cell.size(); ++j) {
    if (cell[j] < '0' || cell[j] > '9') {
      return absl::InvalidArgumentError(
          absl::StrCat("'", ShownText(cell), "' is not a whole number"));
    }
  }
  int64_t v = 0;
  if (!absl::SimpleAtoi(cell, &v)) {
    return absl::OutOfRangeError(
        absl::StrCat("'", ShownText(cell), "' does not fit in 64 bits"));
  }
  return v;
}

absl::StatusOr<TariffSchedule> ReadTariffCsv(std::FILE* file,
                                             const std::string& name) {
  CsvReader csv(file, name);
  MHPBR_RETURN_IF_ERROR(csv.ReadHeader());
  CsvColumns cols(csv);
  const int cluster = cols.Required("cluster");
  const int basis = cols.Required("basis");
  const int price = cols.Required("price_pence");
  const int social = cols.Optional("social_care_ppm");
  const int admitted = cols.Optional("admitted_price_pence");
  const int community = cols.Optional("community_price_pence");
  const int from = cols.Optional("effective_from");
  const int to = cols.Optional("effective_to");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  std::vector<TariffEntry> entries;
  std::vector<int64_t> lines;  // entries[i]'s line
  CsvRecord rec;
  while (csv.Next(&rec)) {
    std::string err = rec.error;
    if (err.empty()) err = RaggedRow(rec.fields.size(), csv.header().size());
    TariffEntry e;
    if (err.empty()) {
      const auto& f = rec.fields;
      if (auto c = Cluster::Parse(Trim(f[cluster])); c.ok()) {
        e.cluster = *c;
      } else {
        Fail(&err, "cluster", c.status().message());
      }
      if (auto b = ParseBasis(Trim(f[basis])); b.ok()) {
        e.basis = *b;
      } else {
        Fail(&err, "basis", b.status().message());
      }
      if (auto p = ParseInteger(f[price]); p.ok()) {
        e.price_pence = *p;
        if (*p < 0) Fail(&err, "price_pence", "must not be negative");
      } else {
        Fail(&err, "price_pence", p.status().message());
      }
      if (social >= 0 && !Trim(f[social]).empty()) {
        if (auto s = ParseInteger(f[social]); s.ok()) {
          e.social_care_ppm = *s;
        } else {
          Fail(&err, "social_care_ppm", s.status().message());
        }
      }
      ReadSettingPrices(f, admitted, community, e, &err);
      ReadEffectiveDates(f, from, to, e, &err);
    }
    if (!err.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": line ", rec.line, ": ", err));
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      const TariffEntry& prior = entries[i];
      if (prior.cluster != e.cluster) continue;
      if (!prior.dated() && !e.dated()) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": line ", rec.line, ": cluster ",
                         e.cluster.code(), " is priced twice"));
      }
      const bool apart = (prior.effective_to && e.effective_from &&
                          *prior.effective_to < *e.effective_from) ||
                         (e.effective_to && prior.effective_from &&
                          *e.effective_to < *prior.effective_from);
      if (!apart) {
        return absl::InvalidArgumentError(absl::StrCat(
            name, ": line ", rec.line, ": cluster ", e.cluster.code(),
            " in force ", EffectiveDates(e), " overlaps line ", lines[i],
            " (in force ", EffectiveDates(prior), ")"));
      }
    }
    entries.push_back(e);
    lines.push_back(rec.line);
  }
  MHPBR_RETURN_IF_ERROR(csv.io_status());
  auto schedule = TariffSchedule::Create(std::move(entries), name);
  if (!schedule.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", schedule.status().message()));
  }
  return schedule;
}

absl::StatusOr<Contract> ParseContractText(absl::string_view text,
                                           absl::string_view source_name) {
  v1::Contract proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  auto c = ContractFromProto(proto);
  if (!c.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", c.status().message()));
  }
  return c;
}

absl::StatusOr<Contract> LoadContractFile(const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseContractText(text, path);
}

absl::StatusOr<std::unique_ptr<PeriodToPriceCsvReader>>
PeriodToPriceCsvReader::Open(std::FILE* file, std::string name) {
  std::unique_ptr<PeriodToPriceCsvReader> r(
      new PeriodToPriceCsvReader(file, std::move(name)));
  MHPBR_RETURN_IF_ERROR(r->csv_.ReadHeader());
  CsvColumns cols(r->csv_);
  r->patient_ = cols.Required("patient_id");
  r->cluster_ = cols.Required("cluster");
  r->start_ = cols.Required("start");
  r->end_ = cols.Required("end");
  r->commissioner_ = cols.Optional("commissioner");
  r->provider_ = cols.Optional("provider");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  return r;
}

bool PeriodToPriceCsvReader::Next(InputRow<PeriodToPrice>* row) {
  if (!csv_.Next(&rec_)) return false;
  PeriodToPrice& p = row->value;
  row->line = p.line = rec_.line;
  row->error = rec_.error;
  row->id.clear();
  p.patient_id.clear();
  p.end.reset();
  p.commissioner.clear();
  p.provider.clear();
  const auto& f = rec_.fields;
  if (f.size() > static_cast<size_t>(patient_)) {
    p.patient_id.assign(f[patient_].data(), f[patient_].size());
    row->id = p.patient_id;
  }
  if (!row->error.empty()) return true;
  row->error = RaggedRow(f.size(), csv_.header().size());
  if (!row->error.empty()) return true;
  std::string& err = row->error;
  OptionalCell(f, commissioner_, &p.commissioner);
  OptionalCell(f, provider_, &p.provider);
  if (p.patient_id.empty()) Fail(&err, "patient_id", "empty");
  if (auto c = Cluster::Parse(Trim(f[cluster_])); c.ok()) {
    p.cluster = *c;
  } else {
    Fail(&err, "cluster", c.status().message());
  }
  // ParseIsoDate only to say why: a Status per cell of millions costs.
  const absl::string_view start = Trim(f[start_]);
  if (!ParseIsoDateTo(start, &p.start)) {
    Fail(&err, "start", ParseIsoDate(start).status().message());
  }
  const absl::string_view end = Trim(f[end_]);
  if (!end.empty()) {
    absl::CivilDay d;
    if (ParseIsoDateTo(end, &d)) {
      p.end = d;
      if (err.empty() && d < p.start) Fail(&err, "end", "before start");
    } else {
      Fail(&err, "end", ParseIsoDate(end).status().message());
    }
  }
  return true;
}

absl::StatusOr<std::unique_ptr<OneOffCsvReader>> OneOffCsvReader::Open(
    std::FILE* file, std::string name) {
  std::unique_ptr<OneOffCsvReader> r(
      new OneOffCsvReader(file, std::move(name)));
  MHPBR_RETURN_IF_ERROR(r->csv_.ReadHeader());
  CsvColumns cols(r->csv_);
  r->item_ = cols.Required("item");
  r->count_ = cols.Required("count");
  r->price_ = cols.Required("price_pence");
  r->commissioner_ = cols.Optional("commissioner");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  return r;
}

bool OneOffCsvReader::Next(InputRow<OneOff>* row) {
  if (!csv_.Next(&rec_)) return false;
  OneOff& o = row->value;
  row->line = o.line = rec_.line;
  row->error = rec_.error;
  row->id.clear();
  o.item.clear();
  o.commissioner.clear();
  const auto& f = rec_.fields;
  if (f.size() > static_cast<size_t>(item_)) {
    o.item.assign(f[item_].data(), f[item_].size());
    row->id = o.item;
  }
  if (!row->error.empty()) return true;
  row->error = RaggedRow(f.size(), csv_.header().size());
  if (!row->error.empty()) return true;
  std::string& err = row->error;
  OptionalCell(f, commissioner_, &o.commissioner);
  if (o.item.empty()) Fail(&err, "item", "empty");
  if (auto c = ParseInteger(f[count_]); c.ok() && *c >= 0) {
    o.count = *c;
  } else {
    Fail(&err, "count", c.ok() ? "must not be negative" : c.status().message());
  }
  if (auto p = ParseInteger(f[price_]); p.ok() && *p >= 0) {
    o.price_pence = *p;
  } else {
    Fail(&err, "price_pence",
         p.ok() ? "must not be negative" : p.status().message());
  }
  return true;
}

}  // namespace mhpbr
