// A national year of generated inputs for the tool (fixed seeds, so every
// run writes the same bytes): the events `mhpbr periods` reads, the
// periods they stand for as `mhpbr cost` and `report` read them, the
// assessments `mhpbr classify` reads, the activity `cost` and `report`
// cost, and unit costs. Distributions: bench/national/README.md.

#ifndef MHPBR_BENCH_NATIONAL_NATIONAL_DATA_H_
#define MHPBR_BENCH_NATIONAL_NATIONAL_DATA_H_

#include <cstdint>
#include <string>

namespace mhpbr::bench {

struct NationalSize {
  int64_t people = 1500000;
  int64_t activity = 50000000;
};

// The files under `dir`, by name.
inline constexpr char kEventsFile[] = "events.csv";
inline constexpr char kPeriodsFile[] = "periods.csv";
inline constexpr char kAssessmentsFile[] = "assessments.csv";
inline constexpr char kActivityFile[] = "activity.csv";
inline constexpr char kUnitCostsFile[] = "unit_costs.textproto";
inline constexpr char kNationalAsOf[] = "2024-03-31";

// What was written: rows of each file, bad rows included.
struct NationalCounts {
  int64_t events = 0, periods = 0, assessments = 0, activity = 0;
  int64_t bad_events = 0, bad_assessments = 0, bad_activity = 0;
};

// Writes every file into `dir` (which must exist); exits on a write error.
NationalCounts WriteNationalYear(const std::string& dir,
                                 const NationalSize& size);

}  // namespace mhpbr::bench

#endif  // MHPBR_BENCH_NATIONAL_NATIONAL_DATA_H_
