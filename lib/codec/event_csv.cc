#include "mhpbr/event_csv.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"

namespace mhpbr {

absl::StatusOr<std::unique_ptr<EventCsvReader>> EventCsvReader::Open(
    std::FILE* file, std::string name) {
  std::unique_ptr<EventCsvReader> r(new EventCsvReader(file, std::move(name)));
  if (absl::Status s = r->csv_.ReadHeader(); !s.ok()) return s;
  r->width_ = r->csv_.header().size();
  CsvColumns cols(r->csv_);
  r->patient_ = cols.Required("patient_id");
  r->date_ = cols.Required("date");
  r->event_ = cols.Required("event");
  r->cluster_ = cols.Required("cluster");
  r->team_ = cols.Optional("team");
  r->provider_ = cols.Optional("provider");
  r->commissioner_ = cols.Optional("commissioner");
  if (absl::Status s = cols.Check(); !s.ok()) return s;
  return r;
}

std::unique_ptr<EventCsvReader> EventCsvReader::ForRows(std::FILE* file,
                                                        CsvBlock rows) const {
  std::unique_ptr<EventCsvReader> r(
      new EventCsvReader(file, csv_.name(), std::move(rows)));
  r->width_ = width_;
  r->patient_ = patient_;
  r->date_ = date_;
  r->event_ = event_;
  r->cluster_ = cluster_;
  r->team_ = team_;
  r->provider_ = provider_;
  r->commissioner_ = commissioner_;
  return r;
}

bool EventCsvReader::Next(EventRow* row) {
  if (!csv_.Next(&rec_)) return false;
  PeriodEvent& e = row->event;
  row->line = e.line = rec_.line;
  row->error.clear();
  e.patient_id.clear();
  e.cluster = Cluster();
  e.team.clear();
  e.provider.clear();
  e.commissioner.clear();
  if (!rec_.error.empty()) {
    row->error = rec_.error;
    return true;
  }
  const auto& f = rec_.fields;
  if (f.size() > static_cast<size_t>(patient_)) {
    e.patient_id.assign(f[patient_].data(), f[patient_].size());
  }
  if (f.size() != width_) {
    row->error =
        absl::StrCat("row has ", f.size(), " fields; the header has ", width_);
    return true;
  }
  std::string& err = row->error;
  auto fail = [&err](absl::string_view col, absl::string_view what) {
    absl::StrAppend(&err, err.empty() ? "" : "; ", col, ": ", what);
  };
  if (e.patient_id.empty()) fail("patient_id", "empty");
  const absl::string_view date = absl::StripAsciiWhitespace(f[date_]);
  // The message built only for a bad date.
  if (!ParseIsoDateTo(date, &e.date)) {
    fail("date", ParseIsoDate(date).status().message());
  }
  const absl::string_view kind = absl::StripAsciiWhitespace(f[event_]);
  const absl::string_view cluster = absl::StripAsciiWhitespace(f[cluster_]);
  if (kind == "allocate") {
    e.kind = EventKind::kAllocate;
    if (auto c = Cluster::Parse(cluster); c.ok()) {
      e.cluster = *c;
    } else {
      fail("cluster",
           cluster.empty() ? "missing for allocate" : c.status().message());
    }
  } else if (kind == "discharge") {
    e.kind = EventKind::kDischarge;
  } else {
    fail("event",
         absl::StrCat("'", ShownText(kind), "' is not allocate or discharge"));
  }
  for (auto [col, to] :
       {std::pair{team_, &e.team}, std::pair{provider_, &e.provider},
        std::pair{commissioner_, &e.commissioner}}) {
    if (col < 0) continue;
    const absl::string_view cell = absl::StripAsciiWhitespace(f[col]);
    to->assign(cell.data(), cell.size());
  }
  return true;
}

}  // namespace mhpbr
