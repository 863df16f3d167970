// The plain baselines' field split (plain_csv_baseline.cc and
// national/plain_cost_baseline.cc): a line cut at every comma, as a plain
// program does it; the benchmark files have no quotes.

#ifndef MHPBR_BENCH_PLAIN_FIELDS_H_
#define MHPBR_BENCH_PLAIN_FIELDS_H_

#include <string_view>
#include <vector>

inline void SplitAtCommas(std::string_view line,
                          std::vector<std::string_view>* fields) {
  fields->clear();
  size_t f = 0;
  for (;;) {
    const size_t comma = line.find(',', f);
    fields->push_back(line.substr(f, comma - f));
    if (comma == std::string_view::npos) break;
    f = comma + 1;
  }
}

#endif  // MHPBR_BENCH_PLAIN_FIELDS_H_
