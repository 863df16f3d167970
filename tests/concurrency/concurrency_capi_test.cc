// The C API from many threads, as an EPR's worker threads call it: one
// mhpbr_classifier handle shared by every thread (mhpbr_classify,
// mhpbr_classify_batch, mhpbr_check_allocation), and one mhpbr_rules handle
// shared by the rich calls (mhpbr_periods_build, mhpbr_price, mhpbr_cost,
// mhpbr_package_cost). Results must equal a single-threaded run's; under
// ThreadSanitizer there must be no race. Linked to the C library alone.

#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/v1/care_package.pb.h"
#include "mhpbr/v1/costing.pb.h"
#include "mhpbr/v1/periods.pb.h"
#include "mhpbr/v1/pricing.pb.h"
#include "tests/concurrency/run_threads.h"

namespace {

using ::mhpbr::concurrency_test::kThreads;
using ::mhpbr::concurrency_test::RunThreads;

std::vector<mhpbr_assessment> Assessments(int n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> rating(0, 5);
  std::uniform_int_distribution<int> cluster(-1, 21);
  std::uniform_int_distribution<int> answer(0, 2);
  std::vector<mhpbr_assessment> out(n);
  for (int k = 0; k < n; ++k) {
    mhpbr_assessment& a = out[k];
    mhpbr_assessment_init(&a);
    for (int i = 0; i < MHPBR_ITEM_COUNT; ++i) {
      const int v = rating(rng);
      a.ratings[i] = static_cast<uint8_t>(v == 5 ? 9 : v);
    }
    if (k % 4 == 0) {
      a.item8_form = MHPBR_ITEM8_TYPES;
      a.ratings[MHPBR_ITEM_8] = MHPBR_NOT_KNOWN;
      for (int t = 0; t < MHPBR_ITEM8_TYPE_COUNT; ++t) {
        const int v = rating(rng);
        a.item8_types[t] = static_cast<uint8_t>(v == 5 ? 9 : v);
      }
    }
    a.organic = answer(rng);
    a.psychosis = answer(rng);
    const int c = cluster(rng);
    a.allocated_cluster = c == 9 ? MHPBR_NO_CLUSTER : c;
    // Every 50th record is invalid: a batch must report it and go on.
    if (k % 50 == 49) a.ratings[3] = 7;
  }
  return out;
}

bool SameResult(const mhpbr_result& a, const mhpbr_result& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

class CapiConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, nullptr), MHPBR_OK);
    ASSERT_EQ(mhpbr_classifier_create(rules_, &classifier_, nullptr), MHPBR_OK);
  }
  void TearDown() override {
    mhpbr_classifier_destroy(classifier_);
    mhpbr_rules_destroy(rules_);
  }
  mhpbr_rules* rules_ = nullptr;
  mhpbr_classifier* classifier_ = nullptr;
};

TEST_F(CapiConcurrencyTest, OneClassifierHandleManyThreads) {
  const std::vector<mhpbr_assessment> in = Assessments(3000);
  const size_t n = in.size();
  std::vector<mhpbr_result> want(n);
  std::vector<mhpbr_code> want_code(n);
  std::vector<mhpbr_allocation_check> want_check(n);
  for (size_t i = 0; i < n; ++i) {
    mhpbr_result_init(&want[i]);
    want_code[i] = mhpbr_classify(classifier_, &in[i], &want[i], nullptr);
    want_check[i] = mhpbr_allocation_check MHPBR_ALLOCATION_CHECK_INIT;
    mhpbr_check_allocation(classifier_, &in[i], static_cast<int32_t>(i % 22),
                           &want_check[i], nullptr);
  }
  std::vector<int> failures(kThreads, 0);
  RunThreads([&](int t) {
    int& bad = failures[t];
    const size_t start = n * t / kThreads;
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (start + k) % n;
      mhpbr_result r = MHPBR_RESULT_INIT;
      char* error = nullptr;
      const mhpbr_code code = mhpbr_classify(classifier_, &in[i], &r, &error);
      bad += code != want_code[i] || !SameResult(r, want[i]);
      bad += (code == MHPBR_OK) == (error != nullptr);
      mhpbr_free(error);
      mhpbr_allocation_check c = MHPBR_ALLOCATION_CHECK_INIT;
      mhpbr_check_allocation(classifier_, &in[i], static_cast<int32_t>(i % 22),
                             &c, nullptr);
      bad += std::memcmp(&c, &want_check[i], sizeof c) != 0;
    }
    std::vector<mhpbr_result> batch(n);
    for (mhpbr_result& r : batch) mhpbr_result_init(&r);
    char* error = nullptr;
    const mhpbr_code code =
        mhpbr_classify_batch(classifier_, in.data(), n, batch.data(), &error);
    // Every 50th record is invalid: reported, and the rest classified.
    bad += code != MHPBR_INVALID_ARGUMENT || error == nullptr;
    mhpbr_free(error);
    for (size_t i = 0; i < n; ++i) {
      if (want_code[i] == MHPBR_OK) {
        bad += !SameResult(batch[i], want[i]);
      } else {
        bad += batch[i].status != want_code[i];
      }
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << t;
}

// Calls a rich entry point; returns the response bytes, or "error: ...".
std::string Rich(mhpbr_code (*fn)(const mhpbr_rules*, const void*, size_t,
                                  void**, size_t*, char**),
                 const mhpbr_rules* rules, const std::string& request) {
  void* response = nullptr;
  size_t size = 0;
  char* error = nullptr;
  const mhpbr_code code =
      fn(rules, request.data(), request.size(), &response, &size, &error);
  std::string out = code == MHPBR_OK
                        ? std::string(static_cast<const char*>(response), size)
                        : std::string("error: ") + error;
  mhpbr_free(response);
  mhpbr_free(error);
  return out;
}

TEST_F(CapiConcurrencyTest, OneRulesHandleRichCallsManyThreads) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> cluster(1, 21);
  std::uniform_int_distribution<int> day(1, 28);
  std::uniform_int_distribution<int> month(1, 12);

  mhpbr::v1::PeriodRequest periods;
  periods.set_as_of("2024-03-31");
  mhpbr::v1::PriceRequest price;
  mhpbr::v1::Contract* contract = price.mutable_contract();
  contract->set_year_start("2023-04-01");
  contract->set_mff_ppm(1085430);
  contract->set_baseline_pence(50000000);
  contract->set_partial_period(mhpbr::v1::PRO_RATA);
  contract->set_social_care(mhpbr::v1::POOLED);
  mhpbr::v1::CostRequest cost;
  cost.set_as_of("2024-03-31");
  mhpbr::v1::UnitCosts* uc = cost.mutable_unit_costs();
  uc->set_source("generated");
  uc->set_overhead_ppm(180000);
  auto* staff = uc->add_staff();
  staff->set_code("nurse");
  staff->set_pence_per_hour(5200);
  for (int c = 1; c <= 21; ++c) {
    if (c == 9) continue;
    auto* e = price.mutable_tariff()->add_entries();
    e->set_cluster(c);
    e->set_basis(static_cast<mhpbr::v1::Basis>(1 + c % 3));
    e->set_price_pence(1000 + 41 * c);
  }
  for (int i = 0; i < 1500; ++i) {
    int c = cluster(rng);
    if (c == 9) c = 10;
    const int m = month(rng), d = day(rng);
    const std::string date = "2023-" + std::string(m < 10 ? "0" : "") +
                             std::to_string(m) + (d < 10 ? "-0" : "-") +
                             std::to_string(d);
    auto* e = periods.add_events();
    e->set_patient_id("P" + std::to_string(i % 300));
    e->set_date(date);
    e->set_kind(i % 9 == 0 ? mhpbr::v1::DISCHARGE : mhpbr::v1::ALLOCATE);
    e->set_cluster(c);
    auto* p = price.add_periods();
    p->set_patient_id("P" + std::to_string(i));
    p->set_cluster(c);
    p->set_start(date);
    *cost.add_periods() = *p;
    auto* a = cost.add_activity();
    a->set_activity_id("A" + std::to_string(i));
    a->set_patient_id("P" + std::to_string(i % 1700));
    a->set_date(date);
    a->set_kind(mhpbr::v1::CONTACT);
    a->set_staff_group(i % 13 == 0 ? "unknown" : "nurse");
    a->set_minutes(15 + i % 60);
  }
  const std::string requests[] = {periods.SerializeAsString(),
                                  price.SerializeAsString(),
                                  cost.SerializeAsString(), std::string()};
  using Fn = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t, void**,
                            size_t*, char**);
  const Fn fns[] = {mhpbr_periods_build, mhpbr_price, mhpbr_cost,
                    mhpbr_package_cost};
  std::vector<std::string> want;
  for (int k = 0; k < 4; ++k) {
    want.push_back(Rich(fns[k], rules_, requests[k]));
    EXPECT_NE(want.back().rfind("error: ", 0), 0u) << k << " " << want.back();
  }
  std::vector<std::vector<std::string>> got(kThreads);
  RunThreads([&](int t) {
    for (int k = 0; k < 4; ++k) {
      const int j = (k + t) % 4;
      got[t].resize(4);
      got[t][j] = Rich(fns[j], rules_, requests[j]);
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], want) << t;
}

}  // namespace
