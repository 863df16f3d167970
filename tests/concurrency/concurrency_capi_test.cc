// The C API from many threads, as an EPR's worker threads call it: one
// mhpbr_classifier handle shared by every thread (mhpbr_classify,
// mhpbr_classify_batch, mhpbr_check_allocation), and one mhpbr_rules handle
// shared by the rich calls (mhpbr_periods_build, mhpbr_price, mhpbr_cost,
// mhpbr_package_cost). Results must equal a single-threaded run's; under
// ThreadSanitizer there must be no race. Linked to the C library alone.
// The live calls too: one mhpbr_rules, mhpbr_transitions, mhpbr_tariff and
// mhpbr_catalogue handle read by every thread, and one mhpbr_coster that
// every thread adds to (one record at a time and in batches) while others
// read its running figures; its totals must then equal a single-threaded
// run's.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
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

// ---- Live calls ------------------------------------------------------------

constexpr char kLiveContract[] =
    "year_start: \"2023-04-01\" mff_ppm: 1085430 partial_period: PRO_RATA "
    "social_care: DECOUPLED";
constexpr char kLiveTariff[] =
    "cluster,basis,price_pence,social_care_ppm\n"
    "1,period,38000,0\n2,period,52000,0\n3,day,252,50000\n4,day,310,50000\n"
    "7,year,160000,150000\n10,year,520000,0\n14,day,5200,0\n"
    "18,period,41000,200000\n21,day,450,250000\n";
constexpr char kLiveTransitions[] =
    "rows { from: 1 to: [1, 2, 3, 4] } rows { from: 3 to: [2, 4, 5] }";
constexpr char kLiveUnitCosts[] =
    "source: \"test\" overhead_ppm: 180000 "
    "staff { code: \"nurse\" pence_per_hour: 5200 } "
    "staff { code: \"doctor\" pence_per_hour: 14500 } "
    "ward { code: \"acute\" pence_per_day: 45500 }";

int32_t Ymd(absl::CivilDay d) {
  return static_cast<int32_t>(d.year() * 10000 + d.month() * 100 + d.day());
}

bool Same(const void* a, const void* b, size_t n) {
  return std::memcmp(a, b, n) == 0;
}

class LiveConcurrencyTest : public CapiConcurrencyTest {
 protected:
  void SetUp() override {
    CapiConcurrencyTest::SetUp();
    ASSERT_EQ(mhpbr_transitions_load_text(kLiveTransitions,
                                          sizeof kLiveTransitions - 1,
                                          &transitions_, nullptr),
              MHPBR_OK);
    ASSERT_EQ(mhpbr_tariff_create(rules_, kLiveContract,
                                  sizeof kLiveContract - 1, kLiveTariff,
                                  sizeof kLiveTariff - 1, &tariff_, nullptr),
              MHPBR_OK);
    ASSERT_EQ(
        mhpbr_catalogue_create(nullptr, 0, nullptr, 0, &catalogue_, nullptr),
        MHPBR_OK);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> cluster(0, 20);
    std::uniform_int_distribution<int> day(0, 900);
    std::uniform_int_distribution<int> len(0, 300);
    for (int p = 0; p < 500; ++p) ids_.push_back("P" + std::to_string(p));
    for (int i = 0; i < 2000; ++i) {
      mhpbr_period p = MHPBR_PERIOD_INIT;
      const int c = cluster(rng);
      p.cluster = c < 9 ? c : c + 1;
      const absl::CivilDay start = absl::CivilDay(2022, 1, 1) + day(rng);
      p.start = Ymd(start);
      p.end = i % 5 == 0 ? MHPBR_NO_DATE : Ymd(start + len(rng));
      p.patient_id = ids_[i % ids_.size()].c_str();
      periods_.push_back(p);
    }
    // For the coster: one period a patient at a time, none after as-of.
    for (int i = 0; i < 500; ++i) {
      mhpbr_period p = periods_[i];
      p.patient_id = ids_[i].c_str();
      if (p.start > 20240331) p.start = 20240101;
      if (p.end != MHPBR_NO_DATE && p.end < p.start) p.end = p.start;
      cost_periods_.push_back(p);
    }
    const char* staff[] = {"nurse", "doctor", "unknown"};
    for (int i = 0; i < 20000; ++i) {
      mhpbr_activity a = MHPBR_ACTIVITY_INIT;
      a.patient_id = ids_[(i * 7) % ids_.size()].c_str();
      if (i % 11 == 0) a.patient_id = "nobody";
      a.date = Ymd(absl::CivilDay(2022, 1, 1) + day(rng));
      a.kind = i % 9 == 0 ? MHPBR_ACTIVITY_BED_DAY : MHPBR_ACTIVITY_CONTACT;
      a.staff_group = staff[i % 3 == 0 && i % 2 == 0 ? 2 : i % 2];
      a.minutes = 10 + i % 50;
      a.ward = "acute";
      a.count = 1 + i % 3;
      if (i % 101 == 0) a.date = 20230230;  // rejected
      activity_.push_back(a);
    }
  }
  void TearDown() override {
    mhpbr_catalogue_destroy(catalogue_);
    mhpbr_tariff_destroy(tariff_);
    mhpbr_transitions_destroy(transitions_);
    CapiConcurrencyTest::TearDown();
  }
  mhpbr_coster* NewCoster() {
    mhpbr_coster* c = nullptr;
    EXPECT_EQ(
        mhpbr_coster_create(rules_, kLiveUnitCosts, sizeof kLiveUnitCosts - 1,
                            cost_periods_.data(), cost_periods_.size(),
                            20240331, &c, nullptr),
        MHPBR_OK);
    return c;
  }

  mhpbr_transitions* transitions_ = nullptr;
  mhpbr_tariff* tariff_ = nullptr;
  mhpbr_catalogue* catalogue_ = nullptr;
  std::vector<std::string> ids_;
  std::vector<mhpbr_period> periods_;
  std::vector<mhpbr_period> cost_periods_;
  std::vector<mhpbr_activity> activity_;
};

// Every read-only live call, from every thread at once, equals the
// single-threaded answer.
TEST_F(LiveConcurrencyTest, ReadOnlyHandlesManyThreads) {
  const size_t n = periods_.size();
  std::vector<mhpbr_cluster_info> want_info(22);
  std::vector<mhpbr_code> want_info_code(22);
  std::vector<mhpbr_review> want_review(n);
  std::vector<mhpbr_payment> want_payment(n);
  std::vector<int32_t> want_rules_allowed(22 * 22, -1);
  std::vector<int32_t> want_allowed(22 * 22, -1);
  std::vector<mhpbr_template_cost> want_cost(22);
  std::vector<std::vector<mhpbr_package_element>> want_elements(22);
  for (int32_t c = 0; c < 22; ++c) {
    want_info[c] = mhpbr_cluster_info MHPBR_CLUSTER_INFO_INIT;
    want_info_code[c] = mhpbr_rules_cluster(rules_, c, &want_info[c], nullptr);
    want_cost[c] = mhpbr_template_cost MHPBR_TEMPLATE_COST_INIT;
    mhpbr_catalogue_template_cost(catalogue_, c, &want_cost[c], nullptr);
    size_t count = 0;
    mhpbr_catalogue_element_count(catalogue_, c, &count, nullptr);
    for (size_t i = 0; i < count; ++i) {
      mhpbr_package_element e = MHPBR_PACKAGE_ELEMENT_INIT;
      ASSERT_EQ(mhpbr_catalogue_element(catalogue_, c, i, &e, nullptr),
                MHPBR_OK);
      want_elements[c].push_back(e);
    }
    for (int32_t to = 0; to < 22; ++to) {
      mhpbr_rules_transition_allowed(rules_, c, to,
                                     &want_rules_allowed[c * 22 + to], nullptr);
      mhpbr_transitions_allowed(transitions_, c, to, &want_allowed[c * 22 + to],
                                nullptr);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const mhpbr_period& p = periods_[i];
    want_review[i] = mhpbr_review MHPBR_REVIEW_INIT;
    ASSERT_EQ(mhpbr_rules_review_due(rules_, p.cluster, p.start, 20241231,
                                     &want_review[i], nullptr),
              MHPBR_OK);
    want_payment[i] = mhpbr_payment MHPBR_PAYMENT_INIT;
    ASSERT_EQ(mhpbr_tariff_price_period(tariff_, &p, &want_payment[i], nullptr),
              MHPBR_OK);
  }
  std::vector<int> failures(kThreads, 0);
  RunThreads([&](int t) {
    int& bad = failures[t];
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (k + n * t / kThreads) % n;
      const mhpbr_period& p = periods_[i];
      mhpbr_review r = MHPBR_REVIEW_INIT;
      bad += mhpbr_rules_review_due(rules_, p.cluster, p.start, 20241231, &r,
                                    nullptr) != MHPBR_OK;
      bad += !Same(&r, &want_review[i], sizeof r);
      mhpbr_payment pay = MHPBR_PAYMENT_INIT;
      char* error = nullptr;
      bad += mhpbr_tariff_price_period(tariff_, &p, &pay, &error) != MHPBR_OK;
      bad += error != nullptr;
      bad += !Same(&pay, &want_payment[i], sizeof pay);
      // A bad argument from many threads: its own message each time.
      mhpbr_period wrong = p;
      wrong.cluster = 9;
      bad += mhpbr_tariff_price_period(tariff_, &wrong, &pay, &error) !=
             MHPBR_INVALID_ARGUMENT;
      bad += error == nullptr;
      mhpbr_free(error);
    }
    for (int32_t c = 0; c < 22; ++c) {
      mhpbr_cluster_info info = MHPBR_CLUSTER_INFO_INIT;
      bad +=
          mhpbr_rules_cluster(rules_, c, &info, nullptr) != want_info_code[c];
      bad += !Same(&info, &want_info[c], sizeof info);
      mhpbr_template_cost cost = MHPBR_TEMPLATE_COST_INIT;
      mhpbr_catalogue_template_cost(catalogue_, c, &cost, nullptr);
      bad += !Same(&cost, &want_cost[c], sizeof cost);
      size_t count = 99;
      mhpbr_catalogue_element_count(catalogue_, c, &count, nullptr);
      bad += count != want_elements[c].size();
      for (size_t i = 0; i < want_elements[c].size(); ++i) {
        mhpbr_package_element e = MHPBR_PACKAGE_ELEMENT_INIT;
        mhpbr_catalogue_element(catalogue_, c, i, &e, nullptr);
        bad += !Same(&e, &want_elements[c][i], sizeof e);
      }
      for (int32_t to = 0; to < 22; ++to) {
        int32_t a = -1, b = -1;
        mhpbr_rules_transition_allowed(rules_, c, to, &a, nullptr);
        mhpbr_transitions_allowed(transitions_, c, to, &b, nullptr);
        bad += a != want_rules_allowed[c * 22 + to];
        bad += b != want_allowed[c * 22 + to];
      }
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << t;
}

// One coster shared by every thread: each adds its share of the records
// (half one at a time, half in batches) while reading the running figures;
// the end state and every attribution equal a single-threaded run's.
TEST_F(LiveConcurrencyTest, OneCosterManyThreadsAdding) {
  const size_t n = activity_.size();
  mhpbr_coster* alone = NewCoster();
  mhpbr_coster* shared = NewCoster();
  ASSERT_NE(alone, nullptr);
  ASSERT_NE(shared, nullptr);
  std::vector<mhpbr_attribution> want(n);
  for (size_t i = 0; i < n; ++i) {
    want[i] = mhpbr_attribution MHPBR_ATTRIBUTION_INIT;
    mhpbr_coster_add(alone, &activity_[i], &want[i], nullptr);
  }
  std::vector<mhpbr_attribution> got(n);
  for (mhpbr_attribution& a : got) a = mhpbr_attribution MHPBR_ATTRIBUTION_INIT;
  std::vector<int> failures(kThreads, 0);
  RunThreads([&](int t) {
    int& bad = failures[t];
    const size_t lo = n * t / kThreads, hi = n * (t + 1) / kThreads;
    const size_t mid = (lo + hi) / 2;
    for (size_t i = lo; i < mid; ++i) {
      char* error = nullptr;
      const mhpbr_code code =
          mhpbr_coster_add(shared, &activity_[i], &got[i], &error);
      bad += (code == MHPBR_OK) == (error != nullptr);
      mhpbr_free(error);
      if (i % 97 == 0) {
        // Reads while others add: consistent snapshots, no race.
        mhpbr_cost_totals tot = MHPBR_COST_TOTALS_INIT;
        mhpbr_coster_totals(shared, &tot, nullptr);
        bad += tot.total_pence != tot.clustered_pence + tot.unclustered_pence;
        bad += tot.records_read < tot.records_rejected;
        mhpbr_period_cost pc = MHPBR_PERIOD_COST_INIT;
        bad += mhpbr_coster_period(shared, i % cost_periods_.size(), &pc,
                                   nullptr) != MHPBR_OK;
        mhpbr_cluster_cost cc = MHPBR_CLUSTER_COST_INIT;
        bad += mhpbr_coster_cluster(shared, static_cast<int32_t>(i % 9), &cc,
                                    nullptr) != MHPBR_OK;
      }
    }
    for (size_t i = mid; i < hi; i += 64) {
      const size_t k = std::min<size_t>(64, hi - i);
      mhpbr_coster_add_batch(shared, &activity_[i], k, &got[i], nullptr);
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << t;
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(Same(&got[i], &want[i], sizeof got[i])) << i;
  }
  mhpbr_cost_totals a = MHPBR_COST_TOTALS_INIT, b = MHPBR_COST_TOTALS_INIT;
  ASSERT_EQ(mhpbr_coster_totals(alone, &a, nullptr), MHPBR_OK);
  ASSERT_EQ(mhpbr_coster_totals(shared, &b, nullptr), MHPBR_OK);
  EXPECT_TRUE(Same(&a, &b, sizeof a));
  EXPECT_EQ(b.records_read, static_cast<int64_t>(n));
  EXPECT_GT(b.records_rejected, 0);
  EXPECT_GT(b.clustered_records, 0);
  for (size_t i = 0; i < cost_periods_.size(); ++i) {
    mhpbr_period_cost x = MHPBR_PERIOD_COST_INIT, y = MHPBR_PERIOD_COST_INIT;
    ASSERT_EQ(mhpbr_coster_period(alone, i, &x, nullptr), MHPBR_OK);
    ASSERT_EQ(mhpbr_coster_period(shared, i, &y, nullptr), MHPBR_OK);
    EXPECT_TRUE(Same(&x, &y, sizeof x)) << i;
  }
  for (int32_t c = 0; c < 22; ++c) {
    if (c == 9) continue;
    mhpbr_cluster_cost x = MHPBR_CLUSTER_COST_INIT, y = MHPBR_CLUSTER_COST_INIT;
    ASSERT_EQ(mhpbr_coster_cluster(alone, c, &x, nullptr), MHPBR_OK);
    ASSERT_EQ(mhpbr_coster_cluster(shared, c, &y, nullptr), MHPBR_OK);
    EXPECT_TRUE(Same(&x, &y, sizeof x)) << c;
  }
  mhpbr_coster_destroy(alone);
  mhpbr_coster_destroy(shared);
}

// mhpbr_classify_batch_threads: 20000 records (every 50th bad: 400) cut
// into up to 4 parts of at least 4096; each thread count gives the
// results, code and message of the one-thread batch, whose first bad
// record is assessments[49].
TEST_F(CapiConcurrencyTest, BatchOnThreadsEqualsOneThread) {
  const std::vector<mhpbr_assessment> in = Assessments(20000);
  const size_t n = in.size();
  std::vector<mhpbr_result> want(n);
  for (mhpbr_result& r : want) mhpbr_result_init(&r);
  char* want_error = nullptr;
  ASSERT_EQ(
      mhpbr_classify_batch(classifier_, in.data(), n, want.data(), &want_error),
      MHPBR_INVALID_ARGUMENT);
  const std::string want_message = want_error;
  mhpbr_free(want_error);
  EXPECT_EQ(want_message.rfind("400 of 20000 records not classified; first: "
                               "assessments[49]: ",
                               0),
            0u)
      << want_message;
  std::vector<int32_t> dates(n, 20240101);
  for (int32_t threads : {1, 2, 3, 4, 8, 0}) {
    for (const int32_t* d : {static_cast<const int32_t*>(nullptr),
                             static_cast<const int32_t*>(dates.data())}) {
      SCOPED_TRACE(threads);
      std::vector<mhpbr_result> got(n);
      for (mhpbr_result& r : got) mhpbr_result_init(&r);
      char* error = nullptr;
      EXPECT_EQ(mhpbr_classify_batch_threads(classifier_, in.data(), d, n,
                                             got.data(), threads, &error),
                MHPBR_INVALID_ARGUMENT);
      ASSERT_NE(error, nullptr);
      EXPECT_EQ(std::string(error), want_message);
      mhpbr_free(error);
      size_t differ = 0;
      for (size_t i = 0; i < n; ++i) differ += !SameResult(got[i], want[i]);
      EXPECT_EQ(differ, 0u);
    }
  }
  std::vector<mhpbr_result> got(n);
  for (mhpbr_result& r : got) mhpbr_result_init(&r);
  EXPECT_EQ(mhpbr_classify_batch_threads(classifier_, in.data(), nullptr, n,
                                         got.data(), -1, nullptr),
            MHPBR_INVALID_ARGUMENT);
}

}  // namespace
