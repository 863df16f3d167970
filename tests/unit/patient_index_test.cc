// PatientIndex: dense numbers in first-added order, short and long ids,
// growth, and agreement with a plain map over many ids.

#include "mhpbr/patient_index.h"

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace mhpbr {
namespace {

TEST(PatientIndexTest, NumbersInFirstAddedOrder) {
  PatientIndex index;
  EXPECT_EQ(index.size(), 0);
  EXPECT_EQ(index.Find("A"), PatientIndex::kNone);
  EXPECT_EQ(index.Add("B"), 0);
  EXPECT_EQ(index.Add("A"), 1);
  EXPECT_EQ(index.Add("B"), 0);
  EXPECT_EQ(index.Find("A"), 1);
  EXPECT_EQ(index.Find("B"), 0);
  EXPECT_EQ(index.size(), 2);
}

TEST(PatientIndexTest, EmptyIdsIdsWithNulsAndLengthsAroundTheInlineLimit) {
  PatientIndex index;
  const std::string nul("a\0b", 3), nul2("a\0c", 3);
  EXPECT_EQ(index.Add(""), 0);
  EXPECT_EQ(index.Add(nul), 1);
  EXPECT_EQ(index.Find(nul2), PatientIndex::kNone);
  const size_t k = PatientIndex::kInlineBytes;
  for (size_t len : {k - 1, k, k + 1, k + 2, size_t{200}}) {
    const std::string id(len, 'x');
    const int32_t n = index.Add(id);
    EXPECT_EQ(index.Find(id), n) << len;
    // An id that is a prefix or an extension of a kept one is another id.
    EXPECT_EQ(index.Find(std::string(len + 3, 'x')), PatientIndex::kNone)
        << len;
  }
  EXPECT_EQ(index.Find(""), 0);
  EXPECT_EQ(index.Find(nul), 1);
  // A long id whose first bytes equal a short one's.
  EXPECT_EQ(index.Find(std::string(k - 1, 'x') + "y"), PatientIndex::kNone);
}

TEST(PatientIndexTest, AgreesWithAMapOverManyIdsThroughGrowth) {
  std::mt19937_64 rng(5);
  PatientIndex index;
  std::unordered_map<std::string, int32_t> reference;
  for (int i = 0; i < 200000; ++i) {
    const uint64_t v = rng() % 150000;
    // A quarter of the ids are longer than the inline limit.
    const std::string id = v % 4 == 0
                               ? absl::StrCat("long-identifier-of-patient-", v)
                               : absl::StrCat("RX", v);
    auto [it, inserted] =
        reference.try_emplace(id, static_cast<int32_t>(reference.size()));
    ASSERT_EQ(index.Add(id), it->second) << id;
  }
  ASSERT_EQ(index.size(), static_cast<int32_t>(reference.size()));
  for (const auto& [id, n] : reference) {
    ASSERT_EQ(index.Find(id), n);
    ASSERT_EQ(index.Find(id, PatientIndex::Hash(id)), n);
  }
  EXPECT_EQ(index.Find("RX150000"), PatientIndex::kNone);
  // A copy keeps the numbers and grows on its own.
  PatientIndex copy = index;
  EXPECT_EQ(copy.Add("new"), index.size());
  EXPECT_EQ(index.Find("new"), PatientIndex::kNone);
  EXPECT_EQ(copy.Find("RX1"), index.Find("RX1"));
}

TEST(PatientIndexTest, AddWithTheCallersHashIsAdd) {
  PatientIndex index;
  const std::string long_id(PatientIndex::kInlineBytes + 5, 'z');
  EXPECT_EQ(index.Add("B", PatientIndex::Hash("B")), 0);
  EXPECT_EQ(index.Add(long_id, PatientIndex::Hash(long_id)), 1);
  EXPECT_EQ(index.Add("B"), 0);
  EXPECT_EQ(index.Add(long_id), 1);
  EXPECT_EQ(index.Find("B"), 0);
  EXPECT_EQ(index.Find(long_id), 1);
  EXPECT_EQ(index.size(), 2);
}

TEST(PatientIndexTest, KeepsEachIdsRangeThroughGrowth) {
  // Ranges {3n, 3n + 2}, on ids short and long (kept elsewhere), added
  // without a Reserve so that the table regrows and re-places them.
  PatientIndex index;
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    ids.push_back(i % 2 == 0 ? absl::StrCat("P", i)
                             : std::string(PatientIndex::kInlineBytes, 'x') +
                                   absl::StrCat(i));
    const int32_t n = index.Add(ids.back(), PatientIndex::Hash(ids.back()),
                                {3 * i, 3 * i + 2});
    ASSERT_EQ(n, i);
  }
  // Adding an id again keeps its number and its first range.
  EXPECT_EQ(index.Add(ids[7], PatientIndex::Hash(ids[7]), {-1, -1}), 7);
  for (int i = 0; i < 1000; ++i) {
    PatientIndex::Range range{-5, -5};
    ASSERT_EQ(index.Find(ids[i], PatientIndex::Hash(ids[i]), &range), i);
    EXPECT_EQ(range.begin, 3 * i) << ids[i];
    EXPECT_EQ(range.end, 3 * i + 2) << ids[i];
  }
  // An id added without a range has {0, 0}; a missing id leaves it be.
  index.Add("plain");
  PatientIndex::Range range{-5, -5};
  EXPECT_EQ(index.Find("plain", PatientIndex::Hash("plain"), &range), 1000);
  EXPECT_EQ(range.begin, 0);
  EXPECT_EQ(range.end, 0);
  range = {-5, -5};
  EXPECT_EQ(index.Find("absent", PatientIndex::Hash("absent"), &range),
            PatientIndex::kNone);
  EXPECT_EQ(range.begin, -5);
}

TEST(PatientIndexTest, ReservedIndexAgreesWithAGrownOne) {
  // Ids of every inline length, differing from each other only in their
  // first or last byte, so that a lookup must compare every byte.
  std::vector<std::string> ids;
  for (size_t len = 1; len <= PatientIndex::kInlineBytes + 2; ++len) {
    for (char c : {'a', 'b'}) {
      ids.push_back(std::string(len, 'x'));
      ids.back().front() = c;
      ids.push_back(std::string(len, 'x'));
      ids.back().back() = c;
    }
  }
  PatientIndex grown, reserved;
  reserved.Reserve(ids.size());
  for (const std::string& id : ids) {
    ASSERT_EQ(reserved.Add(id), grown.Add(id)) << id;
  }
  ASSERT_EQ(reserved.size(), grown.size());
  for (const std::string& id : ids) {
    EXPECT_EQ(reserved.Find(id), grown.Find(id)) << id;
    EXPECT_NE(reserved.Find(id), PatientIndex::kNone) << id;
    EXPECT_EQ(reserved.Find(id + "y"), PatientIndex::kNone) << id;
  }
  // Reserving less than it holds changes nothing.
  reserved.Reserve(1);
  EXPECT_EQ(reserved.Find(ids.back()), grown.Find(ids.back()));
}

}  // namespace
}  // namespace mhpbr
