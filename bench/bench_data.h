// Generated MHCT assessments for the benchmarks: a fixed seed, so every run
// classifies the same data, and a mix that looks like real returns rather
// than uniform noise.
//
//   ratings   per cell: 0 30%, 1 24%, 2 24%, 3 11%, 4 6%, not known 5%;
//             2% of assessments mostly not known (too few known items);
//   item 8    20% given as types 8A-8J, the rest as one rating;
//   answers   organic y 5% / n 80% / unknown 15%, psychosis y 25% / n 60% /
//             unknown 15%;
//   allocated a cluster (0-8, 10-21) on 60% of assessments.

#ifndef MHPBR_BENCH_BENCH_DATA_H_
#define MHPBR_BENCH_BENCH_DATA_H_

#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace mhpbr::bench {

struct GeneratedAssessment {
  std::array<uint8_t, 18> ratings;  // profile row order; 9 = not known
  bool item8_types = false;         // ratings[7] is 9 when true
  std::array<uint8_t, 10> types;    // 8A-8J, used when item8_types
  int organic = 0;                  // 0 unknown, 1 no, 2 yes
  int psychosis = 0;
  int allocated = -1;  // -1 none, else 0-8 or 10-21
};

class AssessmentGenerator {
 public:
  explicit AssessmentGenerator(uint32_t seed = 20240401) : rng_(seed) {}

  int Rating() {
    const int p = Percent();
    if (p < 5) return 9;
    if (p < 5 + 30) return 0;
    if (p < 5 + 30 + 24) return 1;
    if (p < 5 + 30 + 24 + 24) return 2;
    if (p < 5 + 30 + 24 + 24 + 11) return 3;
    return 4;
  }

  GeneratedAssessment Next() {
    GeneratedAssessment a;
    const bool sparse = Percent() < 2;
    for (uint8_t& r : a.ratings) {
      r = static_cast<uint8_t>(sparse && Percent() < 70 ? 9 : Rating());
    }
    a.types.fill(9);
    if (Percent() < 20) {
      a.item8_types = true;
      a.ratings[7] = 9;
      for (uint8_t& t : a.types) t = static_cast<uint8_t>(Rating());
    }
    int p = Percent();
    a.organic = p < 5 ? 2 : p < 85 ? 1 : 0;
    p = Percent();
    a.psychosis = p < 25 ? 2 : p < 85 ? 1 : 0;
    if (Percent() < 60) {
      const int index = static_cast<int>(rng_() % 21);  // dense 0..20
      a.allocated = index < 9 ? index : index + 1;
    }
    return a;
  }

  std::vector<GeneratedAssessment> Many(size_t n) {
    std::vector<GeneratedAssessment> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) out.push_back(Next());
    return out;
  }

  int Percent() { return static_cast<int>(rng_() % 100); }
  uint32_t Uniform(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }

 private:
  std::mt19937 rng_;
};

}  // namespace mhpbr::bench

#endif  // MHPBR_BENCH_BENCH_DATA_H_
