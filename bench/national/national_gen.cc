// Writes the national year (bench/national/README.md) into a directory:
//
//   national_gen DIR [--people N] [--activity N]
//
// Defaults 1,500,000 people and 50,000,000 activity records (about 4 GB).

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/national/national_data.h"

int main(int argc, char** argv) {
  mhpbr::bench::NationalSize size;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--people" || a == "--activity") && i + 1 < argc) {
      const long long n = std::atoll(argv[++i]);
      if (n <= 0) {
        std::fprintf(stderr, "national_gen: %s must be > 0\n", a.c_str());
        return 2;
      }
      (a == "--people" ? size.people : size.activity) = n;
    } else if (dir.empty() && a[0] != '-') {
      dir = a;
    } else {
      std::fprintf(stderr,
                   "usage: national_gen DIR [--people N] [--activity N]\n");
      return 2;
    }
  }
  if (dir.empty()) {
    std::fprintf(stderr,
                 "usage: national_gen DIR [--people N] [--activity N]\n");
    return 2;
  }
  mkdir(dir.c_str(), 0755);
  const mhpbr::bench::NationalCounts c =
      mhpbr::bench::WriteNationalYear(dir, size);
  std::printf(
      "%s: %lld events (%lld bad), %lld periods, %lld assessments (%lld "
      "bad), %lld activity records (%lld bad)\n",
      dir.c_str(), static_cast<long long>(c.events),
      static_cast<long long>(c.bad_events), static_cast<long long>(c.periods),
      static_cast<long long>(c.assessments),
      static_cast<long long>(c.bad_assessments),
      static_cast<long long>(c.activity),
      static_cast<long long>(c.bad_activity));
  return 0;
}
