#include "bench/national/national_data.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/bench_data.h"
#include "bench/gen_writer.h"

namespace mhpbr::bench {
namespace {

// Periods run from 2023-01-01 (a quarter before the year, so that some
// open before it) to the as-of date.
const absl::CivilDay kFirstDay(2023, 1, 1);
const absl::CivilDay kLastDay(2024, 3, 31);
const int64_t kDays = kLastDay - kFirstDay + 1;

const std::vector<std::string>& Dates() {
  static const auto* table =
      new std::vector<std::string>(IsoDates(kFirstDay, kLastDay));
  return *table;
}

// Clusters 1-8, 10-21 evenly, and 0 in 3 of 100.
int ClusterOf(uint64_t r) {
  if (r % 100 < 3) return 0;
  const int i = static_cast<int>((r >> 8) % 20);
  return i < 8 ? i + 1 : i + 2;
}

// One person's periods, from their number alone, so that events, periods,
// assessments and activity agree without being stored: 1-3 consecutive
// periods (2 on average) starting within the first 60 days, each 30-129
// days long; the last open for half the people, else discharged 0-59
// days after its 30th day. The largest span is 59 + 3 * 129 < 456 days.
struct Person {
  int n = 1;
  int64_t start[4] = {};  // start[n] is the day after the last period
  int cluster[3] = {};
  bool open = false;
  bool review[3] = {};  // a same-cluster allocation mid-period
  int64_t last() const { return start[n] - 1; }
};

Person PersonAt(int64_t i) {
  uint64_t r = Mix(static_cast<uint64_t>(i) * 0x51ed27 + 3);
  Person p;
  p.n = 1 + static_cast<int>(r % 3);
  p.start[0] = static_cast<int64_t>((r >> 2) % 60);
  p.open = ((r >> 9) & 1) != 0;
  int previous = -1;
  for (int j = 0; j < p.n; ++j) {
    r = Mix(r);
    int c = ClusterOf(r);
    if (c == previous) c = c == 21 ? 1 : c + (c == 8 ? 2 : 1);
    p.cluster[j] = previous = c;
    p.review[j] = ((r >> 40) & 1) != 0;
    const int64_t len = j + 1 == p.n && !p.open
                            ? 30 + static_cast<int64_t>((r >> 20) % 60)
                            : 30 + static_cast<int64_t>((r >> 20) % 100);
    p.start[j + 1] = std::min(p.start[j] + len, kDays);
  }
  return p;
}

void Id(Writer& w, char prefix, int64_t n, int width) {
  w.Char(prefix);
  w.Int(n, width);
}

// Events in extract order (by date across people): a person's k-th event
// is its allocation, review or discharge, packed with the date so that one
// sort of 8-byte keys orders six million of them.
int64_t WriteEvents(const std::string& path, int64_t people, int64_t* bad) {
  std::vector<uint64_t> keys;
  keys.reserve(static_cast<size_t>(people) * 4);
  for (int64_t i = 0; i < people; ++i) {
    const Person p = PersonAt(i);
    uint64_t k = 0;
    auto add = [&](int64_t day) {
      keys.push_back(static_cast<uint64_t>(day) << 32 |
                     static_cast<uint64_t>(i) << 3 | k++);
    };
    for (int j = 0; j < p.n; ++j) {
      add(p.start[j]);
      if (p.review[j]) add((p.start[j] + p.start[j + 1]) / 2);
    }
    if (!p.open) add(p.last());
  }
  std::sort(keys.begin(), keys.end());
  const auto& dates = Dates();
  Rng rng(20240331);
  Writer w(path);
  w.Str("patient_id,date,event,cluster,team\n");
  for (uint64_t key : keys) {
    const int64_t i = static_cast<int64_t>((key >> 3) & 0x1fffffff);
    const int64_t day = static_cast<int64_t>(key >> 32);
    const Person p = PersonAt(i);
    // Which event of the person this is: replay the order of `add`.
    int64_t k = static_cast<int64_t>(key & 7), seen = 0;
    int cluster = -1;
    for (int j = 0; j < p.n && cluster < 0; ++j) {
      if (seen++ == k) cluster = p.cluster[j];
      if (p.review[j] && cluster < 0 && seen++ == k) cluster = p.cluster[j];
    }
    Id(w, 'P', i, 7);
    w.Char(',');
    if (rng.Uniform(10000) == 0) {
      w.Str("2023-02-30");  // no such day: a rejected row
      ++*bad;
    } else {
      w.Str(dates[day]);
    }
    if (cluster < 0) {
      w.Str(",discharge,");
    } else {
      w.Str(",allocate,");
      w.Int(cluster);
    }
    w.Str(",T");
    w.Int(i % 400, 3);
    w.EndRow();
  }
  return static_cast<int64_t>(keys.size());
}

int64_t WritePeriods(const std::string& path, int64_t people) {
  const auto& dates = Dates();
  Writer w(path);
  w.Str("patient_id,cluster,start,end,team\n");
  int64_t n = 0;
  for (int64_t i = 0; i < people; ++i) {
    const Person p = PersonAt(i);
    for (int j = 0; j < p.n; ++j, ++n) {
      Id(w, 'P', i, 7);
      w.Char(',');
      w.Int(p.cluster[j]);
      w.Char(',');
      w.Str(dates[p.start[j]]);
      w.Char(',');
      if (j + 1 < p.n || !p.open) w.Str(dates[p.start[j + 1] - 1]);
      w.Str(",T");
      w.Int(i % 400, 3);
      w.EndRow();
    }
  }
  return n;
}

// One assessment at the start of each period, allocating its cluster.
int64_t WriteAssessments(const std::string& path, int64_t people,
                         int64_t* bad) {
  static const char* const kItems[18] = {"1",  "2", "3", "4",  "5",  "6",
                                         "7",  "8", "9", "10", "11", "12",
                                         "13", "a", "b", "c",  "d",  "e"};
  static const char* const kAnswers[3] = {"", "n", "y"};
  const auto& dates = Dates();
  AssessmentGenerator gen(20230401);
  Writer w(path);
  w.Str("assessment_id,patient_id,date");
  for (const char* item : kItems) {
    w.Str(",r");
    w.Str(item);
  }
  w.Str(",organic,psychosis,allocated_cluster\n");
  int64_t n = 0;
  for (int64_t i = 0; i < people; ++i) {
    const Person p = PersonAt(i);
    for (int j = 0; j < p.n; ++j, ++n) {
      const GeneratedAssessment a = gen.Next();
      const bool broken = gen.Uniform(1000) == 0;  // a rating of 7
      *bad += broken;
      Id(w, 'S', n, 8);
      w.Char(',');
      Id(w, 'P', i, 7);
      w.Char(',');
      w.Str(dates[p.start[j]]);
      for (int k = 0; k < 18; ++k) {
        w.Char(',');
        if (broken && k == 4) {
          w.Char('7');
        } else if (a.ratings[k] != 9) {
          w.Char(static_cast<char>('0' + a.ratings[k]));
        }
      }
      w.Char(',');
      w.Str(kAnswers[a.organic]);
      w.Char(',');
      w.Str(kAnswers[a.psychosis]);
      w.Char(',');
      w.Int(p.cluster[j]);
      w.EndRow();
    }
  }
  return n;
}

constexpr const char* kStaff[] = {"pwp",           "nurse_b6", "psychologist",
                                  "psychiatrist",  "ot",       "support_worker",
                                  "social_worker", "hca"};
constexpr const char* kWards[] = {"acute_adult", "picu", "older_adult",
                                  "rehab"};
constexpr int kMinutes[] = {15, 30, 45, 60, 90};

void WriteUnitCosts(const std::string& path) {
  Writer w(path);
  w.Str(
      "source: \"national bench (illustrative)\"\n"
      "overhead_ppm: 175000\n"
      "staff { code: \"pwp\" pence_per_hour: 3900 }\n"
      "staff { code: \"nurse_b6\" pence_per_hour: 5200 }\n"
      "staff { code: \"psychologist\" pence_per_hour: 7400 }\n"
      "staff { code: \"psychiatrist\" pence_per_hour: 14500 }\n"
      "staff { code: \"ot\" pence_per_hour: 5000 }\n"
      "staff { code: \"support_worker\" pence_per_hour: 2900 }\n"
      "staff { code: \"social_worker\" pence_per_hour: 4700 }\n"
      "staff { code: \"hca\" pence_per_hour: 2600 }\n"
      "ward { code: \"acute_adult\" pence_per_day: 45500 }\n"
      "ward { code: \"picu\" pence_per_day: 98000 }\n"
      "ward { code: \"older_adult\" pence_per_day: 41000 }\n"
      "ward { code: \"rehab\" pence_per_day: 36000 }\n");
}

// Records of people in a fixed shuffled order (every one once per
// people + 1% rows); see README.md for the mix.
int64_t WriteActivity(const std::string& path, int64_t people, int64_t records,
                      int64_t* bad) {
  const auto& dates = Dates();
  const int64_t unknown = people / 100;
  const int64_t everyone = people + unknown;
  Writer w(path);
  w.Str(
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,team,setting\n");
  Rng rng(20230402);
  for (int64_t k = 0; k < records; ++k) {
    const uint64_t r = rng.Next();
    // 7919 is prime to 1,515,000 (2^3 3 5^4 101), so this visits everyone.
    const int64_t person = (k * 7919 + 12345) % everyone;
    int64_t day;
    if (person >= people || (r >> 40) % 100 < 3) {
      day = static_cast<int64_t>((r >> 20) % kDays);
    } else {
      const Person p = PersonAt(person);
      day = p.start[0] +
            static_cast<int64_t>((r >> 20) % (p.last() - p.start[0] + 1));
    }
    const uint64_t s = rng.Next();
    const int kind = static_cast<int>(s % 100);
    Id(w, 'A', k, 9);
    w.Char(',');
    Id(w, 'P', person, 7);
    w.Char(',');
    if ((s >> 48) % 10000 == 0) {
      w.Str("2023-13-01");  // no such month: a rejected row
      ++*bad;
    } else {
      w.Str(dates[day]);
    }
    if (kind < 78) {
      w.Str(",contact,");
      w.Str(kStaff[(s >> 8) % 8]);
      w.Char(',');
      w.Int(kMinutes[(s >> 16) % 5]);
      w.Str(",,,,");
    } else if (kind < 84) {
      w.Str(",group,ot,");
      w.Int(kMinutes[(s >> 16) % 5]);
      w.Str(",,,");
      w.Int(3 + static_cast<int64_t>((s >> 24) % 6));
      w.Char(',');
    } else if (kind < 94) {
      w.Str(",bed_day,,,");
      w.Str(kWards[(s >> 8) % 4]);
      w.Char(',');
      w.Int(1 + static_cast<int64_t>((s >> 16) % 7));
      w.Str(",,");
    } else {
      w.Str(",other,,,,,,");
      w.Int(500 + static_cast<int64_t>((s >> 16) % 20000));
    }
    w.Str(",T");
    w.Int(person % 400, 3);
    w.Char(',');
    const int setting = static_cast<int>((s >> 32) % 100);
    if (setting < 3) {
      w.Str("admitted");
    } else if (setting < 10) {
      w.Str("community");
    }
    w.EndRow();
  }
  return records;
}

}  // namespace

NationalCounts WriteNationalYear(const std::string& dir,
                                 const NationalSize& size) {
  NationalCounts c;
  const std::string d = dir + "/";
  WriteUnitCosts(d + kUnitCostsFile);
  c.events = WriteEvents(d + kEventsFile, size.people, &c.bad_events);
  c.periods = WritePeriods(d + kPeriodsFile, size.people);
  c.assessments =
      WriteAssessments(d + kAssessmentsFile, size.people, &c.bad_assessments);
  c.activity = WriteActivity(d + kActivityFile, size.people, size.activity,
                             &c.bad_activity);
  return c;
}

}  // namespace mhpbr::bench
