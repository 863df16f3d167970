#include "lib/analysis/svg_format.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mhpbr {
namespace svg {

std::string Num(long double v) {
  return absl::StrFormat("%.1f", static_cast<double>(v));
}

long double NiceMax(long double v) {
  if (v <= 0) return 1;
  const long double p = std::pow(10.0L, std::floor(std::log10(v)));
  for (long double m : {1.0L, 2.0L, 2.5L, 5.0L, 10.0L}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

std::string AxisValue(long double v) {
  // Below 0 (an SPC lower limit of a share) as above, or "-394047.62"
  // overflows the chart's margin where "394.0k" fits.
  if (v < 0) {
    std::string s = AxisValue(-v);
    return s == "0" ? s : absl::StrCat("-", s);
  }
  if (v >= 1e6) return absl::StrFormat("%.1fm", static_cast<double>(v / 1e6));
  if (v >= 1e3) return absl::StrFormat("%.1fk", static_cast<double>(v / 1e3));
  if (v == std::floor(v))
    return absl::StrFormat("%.0f", static_cast<double>(v));
  // A fine scale (a box plot of small changes): 0.25, not 0.
  std::string s = absl::StrFormat("%.2f", static_cast<double>(v));
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

int FitTitle(int width, absl::string_view title) {
  return std::max(width, 8 * static_cast<int>(title.size()) + 10);
}

namespace {

// m x 10^k as the nearest long double to the decimal (0.2, not 2 x 0.1's
// rounding), so ticks print and compare as written.
long double Scaled(long double m, int k) {
  long double p = 1;
  for (int i = 0; i < std::abs(k); ++i) p *= 10;
  return k >= 0 ? m * p : m / p;
}

// A 1-2-5 x 10^k step giving about `target` intervals up to max.
long double NiceStep(long double max, int target) {
  const int k = static_cast<int>(std::floor(std::log10(max / target)));
  for (long double m : {1.0L, 2.0L, 5.0L}) {
    if (Scaled(m, k) >= max / target) return Scaled(m, k);
  }
  return Scaled(1, k + 1);
}

// The 1-2-5 steps of a log axis around v: the one at or below it and the
// one at or above it (equal when v is one).
LogRange Steps125(long double v) {
  const int k = static_cast<int>(std::floor(std::log10(v)));
  LogRange r{Scaled(1, k), Scaled(1, k + 1)};
  for (long double m : {1.0L, 2.0L, 5.0L, 10.0L}) {
    if (Scaled(m, k) <= v * (1 + 1e-9L)) r.low = Scaled(m, k);
    if (Scaled(m, k) >= v * (1 - 1e-9L)) {
      r.high = Scaled(m, k);
      break;
    }
  }
  return r;
}

}  // namespace

long double LinearAxisMax(long double v, int target) {
  if (!(v > 0) || target < 1) return 1;
  const long double step = NiceStep(v, target);
  return std::ceil(v / step * (1 - 1e-12L)) * step;
}

std::vector<long double> LinearTicks(long double max, int target) {
  if (!(max > 0) || target < 1) return {0};
  const long double step = NiceStep(max, target);
  std::vector<long double> ticks;
  // Multiples computed afresh, not summed, so 0.1 steps do not drift; the
  // small slack keeps a tick that lands on max despite rounding.
  for (int i = 0; i * step <= max * (1 + 1e-9L); ++i) ticks.push_back(i * step);
  return ticks;
}

LogRange NiceLogRange(long double low, long double high) {
  if (!(low > 0) || !(high > 0)) return {};
  if (high < low) std::swap(low, high);
  LogRange r{Steps125(low).low, Steps125(high).high};
  if (r.high <= r.low * (1 + 1e-9L)) {
    // One value: a step either side of it.
    r.low = Steps125(r.low * (1 - 1e-6L)).low;
    r.high = Steps125(r.high * (1 + 1e-6L)).high;
  }
  return r;
}

std::vector<long double> LogTicks(long double low, long double high) {
  std::vector<long double> ticks;
  if (!(low > 0) || !(high >= low)) return ticks;
  const bool decades_only = high / low > 2000;
  const int first = static_cast<int>(std::floor(std::log10(low)));
  const int last = static_cast<int>(std::ceil(std::log10(high)));
  for (int k = first; k <= last; ++k) {
    for (long double m : {1.0L, 2.0L, 5.0L}) {
      if (decades_only && m != 1) continue;
      const long double v = Scaled(m, k);
      if (v >= low * (1 - 1e-9L) && v <= high * (1 + 1e-9L)) ticks.push_back(v);
    }
  }
  return ticks;
}

}  // namespace svg
}  // namespace mhpbr
