// The plain baselines of issue 19 for `mhpbr cost` on the national year:
// one thread, no rules, no checks, so that national_bench can show what the
// tool costs beyond moving and parsing the bytes. Both read the periods and
// then the activity in 1 MB pieces, cut lines (memchr) and fields (commas;
// the generated files have no quotes) and parse the dates and numbers
// (std::from_chars).
// - parse (the floor): adds every record's minutes, count and pence to
//   totals and writes them: what reading and parsing alone cost.
// - join (the plain program): keeps the periods in a std::unordered_map by
//   patient, finds each record's patient and the period holding its date,
//   adds the record to that period, and writes one row a period (patient,
//   start, the three sums): costing as a plain program would do it.
//
//   plain_cost_baseline parse|join PERIODS ACTIVITY OUT   (prints rows read)

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/plain_fields.h"

namespace {

// Days since 1970-01-01 of a YYYY-MM-DD date; -1 when it is not one.
int64_t Day(std::string_view s) {
  if (s.size() != 10) return -1;
  int y = 0, m = 0, d = 0;
  std::from_chars(s.data(), s.data() + 4, y);
  std::from_chars(s.data() + 5, s.data() + 7, m);
  std::from_chars(s.data() + 8, s.data() + 10, d);
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t Number(std::string_view s) {
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Calls `row` with each data line's fields (the header skipped).
template <typename Row>
long long ForEachLine(std::FILE* in, Row row) {
  std::vector<char> buf(1 << 20);
  std::vector<std::string_view> fields;
  size_t have = 0;
  long long rows = 0;
  bool header = true;
  for (;;) {
    const size_t n = std::fread(buf.data() + have, 1, buf.size() - have, in);
    have += n;
    size_t start = 0;
    for (;;) {
      const char* nl = static_cast<const char*>(
          std::memchr(buf.data() + start, '\n', have - start));
      if (nl == nullptr && (n != 0 || start == have)) break;
      const size_t end =
          nl == nullptr ? have : static_cast<size_t>(nl - buf.data());
      const std::string_view line(buf.data() + start, end - start);
      start = nl == nullptr ? have : end + 1;
      if (header) {
        header = false;
        continue;
      }
      ++rows;
      SplitAtCommas(line, &fields);
      row(fields);
    }
    std::memmove(buf.data(), buf.data() + start, have - start);
    have -= start;
    if (n == 0) break;
  }
  return rows;
}

struct Period {
  int64_t start = 0, end = 0;  // end: INT64_MAX while open
  int64_t minutes = 0, count = 0, pence = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const bool join = argc == 5 && std::strcmp(argv[1], "join") == 0;
  if (argc != 5 || (!join && std::strcmp(argv[1], "parse") != 0)) {
    std::fprintf(stderr,
                 "usage: plain_cost_baseline parse|join PERIODS ACTIVITY "
                 "OUT\n");
    return 2;
  }
  std::FILE* periods_in = std::fopen(argv[2], "rb");
  std::FILE* activity_in = std::fopen(argv[3], "rb");
  std::FILE* out = std::fopen(argv[4], "wb");
  if (periods_in == nullptr || activity_in == nullptr || out == nullptr) {
    std::fprintf(stderr, "plain_cost_baseline: cannot open files\n");
    return 2;
  }
  // periods.csv: patient_id,cluster,start,end,team
  std::unordered_map<std::string, std::vector<Period>> patients;
  std::vector<std::string> order;
  Period totals;
  long long rows =
      ForEachLine(periods_in, [&](const std::vector<std::string_view>& f) {
        if (f.size() < 4) return;
        if (!join) {
          totals.start += Day(f[2]);
          totals.end += f[3].empty() ? 0 : Day(f[3]);
          return;
        }
        auto [it, added] = patients.try_emplace(std::string(f[0]));
        if (added) order.push_back(it->first);
        Period p;
        p.start = Day(f[2]);
        p.end = f[3].empty() ? INT64_MAX : Day(f[3]);
        it->second.push_back(p);
      });
  // activity.csv: activity_id,patient_id,date,kind,staff_group,minutes,ward,
  // count,attendees,cost_pence,team,setting
  std::string key;
  rows += ForEachLine(activity_in, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 10) return;
    if (!join) {
      totals.minutes += Day(f[2]) + Number(f[5]);
      totals.count += Number(f[7]);
      totals.pence += Number(f[9]);
      return;
    }
    key.assign(f[1]);
    const auto it = patients.find(key);
    if (it == patients.end()) return;
    const int64_t day = Day(f[2]);
    for (Period& p : it->second) {
      if (day >= p.start && day <= p.end) {
        p.minutes += Number(f[5]);
        p.count += Number(f[7]);
        p.pence += Number(f[9]);
        break;
      }
    }
  });
  std::string text;
  bool ok = true;
  char num[24];
  if (!join) {
    order.push_back("total");
    patients["total"].push_back(totals);
  }
  for (const std::string& id : order) {
    for (const Period& p : patients[id]) {
      text.append(id);
      for (int64_t v : {p.start, p.minutes, p.count, p.pence}) {
        text.push_back(',');
        const auto r = std::to_chars(num, num + sizeof num, v);
        text.append(num, static_cast<size_t>(r.ptr - num));
      }
      text.push_back('\n');
      if (text.size() >= (1 << 16)) {
        ok &= std::fwrite(text.data(), 1, text.size(), out) == text.size();
        text.clear();
      }
    }
  }
  ok &= std::fwrite(text.data(), 1, text.size(), out) == text.size();
  ok &= std::fclose(out) == 0;
  std::fclose(periods_in);
  std::fclose(activity_in);
  std::printf("%lld\n", rows);
  return ok ? 0 : 2;
}
