#include "lib/analysis/radix_sort.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace mhpbr {
namespace {

// The sorted values must be the very bits std::sort leaves: the report's
// sums and percentiles are taken over them in order.
void ExpectSameBits(const std::vector<long double>& got,
                    const std::vector<long double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(std::memcmp(&got[i], &want[i], 10), 0) << "at " << i;
  }
}

TEST(RadixSortTest, FewIntegersAsStdSort) {
  std::vector<int64_t> v = {5, -3, 0, 5, -9};
  SortAscending(v);
  EXPECT_EQ(v, (std::vector<int64_t>{-9, -3, 0, 5, 5}));
}

TEST(RadixSortTest, ManyIntegersAsStdSort) {
  // Costs in pence, some negative (credits), many equal, and the extremes.
  std::mt19937_64 random(7);
  std::vector<int64_t> v;
  for (int i = 0; i < 5000; ++i) {
    v.push_back(static_cast<int64_t>(random() % 2000000) - 1000);
  }
  v.push_back(INT64_MIN);
  v.push_back(INT64_MAX);
  v.push_back(0);
  std::vector<int64_t> want = v;
  std::sort(want.begin(), want.end());
  SortAscending(v);
  EXPECT_EQ(v, want);
}

TEST(RadixSortTest, IntegersSharingHighDigits) {
  // All below 2^11: every digit but the lowest is skipped.
  std::vector<int64_t> v;
  for (int i = 0; i < 1000; ++i) v.push_back((i * 37) % 2000);
  std::vector<int64_t> want = v;
  std::sort(want.begin(), want.end());
  SortAscending(v);
  EXPECT_EQ(v, want);
}

TEST(RadixSortTest, CostsPerDayAsStdSort) {
  // Costs per day as the report takes them, pence / days: quotients whose
  // significands differ in their last bits, exact ones, repeats, zeros and
  // a negative cost.
  std::mt19937_64 random(11);
  std::vector<long double> v;
  for (int i = 0; i < 5000; ++i) {
    const int64_t pence = static_cast<int64_t>(random() % 5000000) - 100;
    const int64_t days = 1 + static_cast<int64_t>(random() % 400);
    v.push_back(static_cast<long double>(pence) / days);
  }
  // 1/3 and 2/6 are the same value; 1e-4000L is subnormal in double but
  // not in x87 extended precision; 1e4000L is past double's range.
  for (long double x :
       {1.0L / 3, 2.0L / 6, 0.0L, 1e-4000L, 1e4000L, -1e4000L, -0.5L, 7.0L}) {
    v.push_back(x);
  }
  std::vector<long double> want = v;
  std::sort(want.begin(), want.end());
  SortAscending(v);
  ExpectSameBits(v, want);
}

TEST(RadixSortTest, FewCostsPerDay) {
  std::vector<long double> v = {2.5L, -1, 1.0L / 3, 0};
  SortAscending(v);
  ExpectSameBits(v, {-1, 0, 1.0L / 3, 2.5L});
}

}  // namespace
}  // namespace mhpbr
