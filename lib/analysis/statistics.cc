#include "mhpbr/statistics.h"

#include <cmath>

#include "absl/strings/str_format.h"

namespace mhpbr {

long double Quantile7(absl::Span<const long double> sorted, long double p) {
  const long double h = (sorted.size() - 1) * p;
  const size_t j = static_cast<size_t>(std::floor(h));
  if (j + 1 >= sorted.size()) return sorted.back();
  return sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]);
}

Describe DescribeValues(absl::Span<const long double> values) {
  Describe d;
  d.n = values.size();
  if (d.n == 0) return d;
  long double sum = 0;
  for (long double v : values) sum += v;
  d.mean = sum / d.n;
  if (d.n >= 2) {
    long double ss = 0;
    for (long double v : values) ss += (v - d.mean) * (v - d.mean);
    d.sd = std::sqrt(ss / (d.n - 1));
    if (d.mean != 0) d.cv = *d.sd / d.mean;
  }
  return d;
}

std::string FormatFixed(long double v, int places) {
  long double scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  // Round half away from zero at the last place, then print exactly.
  const long double r = std::round(v * scale) / scale;
  std::string s = absl::StrFormat("%.*Lf", places, r);
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) {
    s.erase(0, 1);  // no "-0.0000"
  }
  return s;
}

}  // namespace mhpbr
