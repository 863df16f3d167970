#include "mhpbr/reference_strata_csv.h"

#include <optional>
#include <string>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<std::vector<ReferenceStratum>> ReadReferenceCsv(
    std::FILE* file, const std::string& name, const OutcomeRules& rules) {
  CsvReader csv(file, name);
  MHPBR_RETURN_IF_ERROR(csv.ReadHeader());
  CsvColumns cols(csv);
  const int cluster = cols.Required("cluster");
  const int band = cols.Required("band");
  const int paired = cols.Required("paired");
  const int improved = cols.Required("improved");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  std::vector<ReferenceStratum> out;
  std::vector<int64_t> lines;
  MHPBR_RETURN_IF_ERROR(ForEachWholeFileRow(csv, [&](const CsvRecord& rec) {
    auto fail = [&](absl::string_view what) {
      return LineError(name, rec.line, what);
    };
    const auto& f = rec.fields;
    ReferenceStratum r;
    absl::StatusOr<Cluster> c =
        Cluster::Parse(absl::StripAsciiWhitespace(f[cluster]));
    if (!c.ok()) return fail(absl::StrCat("cluster: ", c.status().message()));
    r.cluster = *c;
    const absl::string_view band_name = absl::StripAsciiWhitespace(f[band]);
    std::optional<int> b = ParseStartTotalBand(band_name, rules);
    if (!b) {
      std::string names;
      for (size_t i = 0; i <= rules.band_upper.size(); ++i) {
        absl::StrAppend(&names, i == 0 ? "" : ", ",
                        StartTotalBandName(static_cast<int>(i), rules));
      }
      return fail(
          absl::StrCat("band: '", band_name, "' is not one of ", names));
    }
    r.band = *b;
    for (auto [col, field, v] :
         {std::tuple{paired, "paired", &r.paired},
          std::tuple{improved, "improved", &r.improved}}) {
      absl::StatusOr<int64_t> n = ParseInteger(f[col]);
      if (!n.ok()) return fail(absl::StrCat(field, ": ", n.status().message()));
      if (*n < 0 || *n > kMaxReferencePaired) {
        return fail(absl::StrCat(field, ": ", *n, " is not within 0-",
                                 kMaxReferencePaired));
      }
      *v = *n;
    }
    if (r.improved > r.paired) {
      return fail(absl::StrCat("improved: ", r.improved, " is above paired (",
                               r.paired, ")"));
    }
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i].cluster == r.cluster && out[i].band == r.band) {
        return fail(absl::StrCat("cluster ", r.cluster.code(), " band ",
                                 band_name, ": given twice (first at line ",
                                 lines[i], ")"));
      }
    }
    out.push_back(r);
    lines.push_back(rec.line);
    return absl::OkStatus();
  }));
  return out;
}

void WriteReferenceCsv(CsvWriter& out,
                       absl::Span<const ReferenceStratum> strata,
                       const OutcomeRules& rules) {
  out.Row({"cluster", "band", "paired", "improved"});
  for (const ReferenceStratum& r : strata) {
    out.Field(int64_t{r.cluster.code()});
    out.Field(StartTotalBandName(r.band, rules));
    out.Field(r.paired);
    out.Field(r.improved);
    out.EndRow();
  }
}

}  // namespace mhpbr
