// Descriptive statistics for reports: type-7 quantiles (linear
// interpolation between order statistics, as R's default and most
// spreadsheets), mean and sample standard deviation, in extended precision.

#ifndef MHPBR_STATISTICS_H_
#define MHPBR_STATISTICS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"

namespace mhpbr {

// REQUIRES: `sorted` ascending and not empty; 0 <= p <= 1.
long double Quantile7(absl::Span<const long double> sorted, long double p);

struct Describe {
  size_t n = 0;
  long double mean = 0;
  std::optional<long double> sd;  // n - 1 denominator; none when n < 2
  std::optional<long double> cv;  // sd / mean; none when n < 2 or mean 0
};
Describe DescribeValues(absl::Span<const long double> values);

// Fixed-point decimal with `places` places, rounded half away from zero.
std::string FormatFixed(long double v, int places = 4);

}  // namespace mhpbr

#endif  // MHPBR_STATISTICS_H_
