#include "mhpbr/indicator_csv.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/codec/csv_columns.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<std::vector<MeasuredIndicator>> ReadIndicatorCsv(
    std::FILE* file, const std::string& name) {
  CsvReader csv(file, name);
  MHPBR_RETURN_IF_ERROR(csv.ReadHeader());
  CsvColumns cols(csv);
  const int indicator = cols.Required("indicator");
  const int numerator = cols.Required("numerator");
  const int denominator = cols.Required("denominator");
  const int value = cols.Required("value_ppm");
  MHPBR_RETURN_IF_ERROR(cols.Check());
  std::vector<MeasuredIndicator> out;
  MHPBR_RETURN_IF_ERROR(ForEachWholeFileRow(csv, [&](const CsvRecord& rec) {
    auto fail = [&](absl::string_view what) {
      return LineError(name, rec.line, what);
    };
    const auto& f = rec.fields;
    MeasuredIndicator m;
    m.line = rec.line;
    m.name = std::string(absl::StripAsciiWhitespace(f[indicator]));
    auto count = [&](int col, absl::string_view field,
                     int64_t* v) -> absl::Status {
      absl::StatusOr<int64_t> n = ParseInteger(f[col]);
      if (!n.ok()) return fail(absl::StrCat(field, ": ", n.status().message()));
      *v = *n;
      return absl::OkStatus();
    };
    MHPBR_RETURN_IF_ERROR(count(numerator, "numerator", &m.numerator));
    MHPBR_RETURN_IF_ERROR(count(denominator, "denominator", &m.denominator));
    if (!absl::StripAsciiWhitespace(f[value]).empty()) {
      int64_t v = 0;
      MHPBR_RETURN_IF_ERROR(count(value, "value_ppm", &v));
      m.value_ppm = v;
    }
    if (absl::Status s = ValidateIndicator(m); !s.ok()) {
      return fail(s.message());
    }
    for (const MeasuredIndicator& prior : out) {
      if (prior.name == m.name) {
        return fail(absl::StrCat("indicator: '", m.name,
                                 "' is given twice (first at line ", prior.line,
                                 ")"));
      }
    }
    out.push_back(std::move(m));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace mhpbr
