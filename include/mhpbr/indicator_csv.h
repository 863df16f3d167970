// Reading measured indicators, the file `mhpbr outcomes --indicators`
// writes and `mhpbr price --indicators` reads (formats.md):
// `indicator,numerator,denominator,value_ppm`, value_ppm empty when the
// denominator is 0. The whole file is read or none of it: a bad row (an
// unknown indicator, a count that is not a whole number >= 0, a value
// outside 0..1000000, an indicator given twice) fails the file, naming the
// line and field, since paying on part of the measures would be silently
// wrong.
//
//   absl::StatusOr<std::vector<mhpbr::MeasuredIndicator>> m =
//       mhpbr::ReadIndicatorCsv(file, "indicators.csv");

#ifndef MHPBR_INDICATOR_CSV_H_
#define MHPBR_INDICATOR_CSV_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mhpbr/measured_indicator.h"

namespace mhpbr {

// In file order; each row's `line` is its line in the file. Errors read
// "NAME: line N: value_ppm: ...".
absl::StatusOr<std::vector<MeasuredIndicator>> ReadIndicatorCsv(
    std::FILE* file, const std::string& name);

}  // namespace mhpbr

#endif  // MHPBR_INDICATOR_CSV_H_
