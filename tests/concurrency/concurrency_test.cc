// Many threads sharing one immutable object, as a clinical record system's
// worker threads share them: a Classifier (and its RuleSet), a
// TariffSchedule and Contract, a PackageCatalogue and UnitCosts. Each
// thread's results must equal a single-threaded run's, and under
// ThreadSanitizer (tools/test.sh --tsan) there must be no data race.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mhpbr/classifier.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/package_text.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/rule_set_text.h"
#include "tests/concurrency/run_threads.h"

namespace mhpbr {
namespace {

using ::mhpbr::concurrency_test::kThreads;
using ::mhpbr::concurrency_test::RunThreads;

std::vector<MhctRatings> GeneratedAssessments(int n) {
  std::mt19937 rng(20240401);
  std::uniform_int_distribution<int> rating(0, 5);
  std::uniform_int_distribution<int> cluster(-1, 21);
  std::uniform_int_distribution<int> answer(0, 2);
  std::vector<MhctRatings> out;
  out.reserve(n);
  for (int k = 0; k < n; ++k) {
    MhctRatings r;
    const bool types = k % 5 == 0;
    for (int i = 0; i < kItemCount; ++i) {
      const int v = rating(rng);
      if (types && ItemAt(i) == Item::kOtherProblems) continue;
      EXPECT_TRUE(r.Set(ItemAt(i), v == 5 ? kNotKnown : v).ok());
    }
    if (types) {
      for (int t = 0; t < kItem8TypeCount; ++t) {
        const int v = rating(rng);
        if (v < 5) {
          EXPECT_TRUE(r.SetItem8Type(static_cast<Item8Type>(t), v).ok());
        }
      }
    }
    r.set_organic(static_cast<Answer>(answer(rng)));
    r.set_psychosis(static_cast<Answer>(answer(rng)));
    if (auto c = Cluster::FromCode(cluster(rng)); c.ok()) r.set_allocated(*c);
    out.push_back(r);
  }
  return out;
}

std::string Fingerprint(const Classification& c) {
  std::string s =
      absl::StrCat(c.suggested.code(), ",", c.suggested_fit_milli.value_or(-1),
                   ",", c.runner_up ? c.runner_up->code() : -1, ",",
                   c.runner_up_fit_milli.value_or(-1), ",",
                   static_cast<int>(c.reason), ",", c.known_items, ",",
                   c.fitting_items.bits(), ",", c.misfitting_items.bits());
  if (c.allocation) {
    absl::StrAppend(&s, ",", c.allocation->cluster.code(), ",",
                    c.allocation->red, ",", c.allocation->red_items.bits());
  }
  return s;
}

std::string Fingerprint(const Statement& st) {
  std::string s;
  for (const StatementLine& l : st.lines) {
    absl::StrAppend(&s, l.patient_id, ",", l.cluster ? l.cluster->code() : -1,
                    ",", l.days_in_year, ",", l.units, ",", l.amount_pence, ",",
                    l.social_care_pence, ",", static_cast<int>(l.status), ";");
  }
  const StatementTotals& t = st.totals;
  absl::StrAppend(&s, t.activity_pence, ",", t.risk_shared_pence, ",",
                  t.risk_share_pence, ",", t.withheld_pence, ",",
                  t.earned_pence, ",", t.payment_pence, ",", t.health_pence,
                  ",", t.social_care_pence);
  return s;
}

class ConcurrencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = DefaultRuleSet();
    ASSERT_TRUE(r.ok()) << r.status();
    rules_ = new std::shared_ptr<const RuleSet>(*r);
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }
  static std::shared_ptr<const RuleSet>* rules_;
};

std::shared_ptr<const RuleSet>* ConcurrencyTest::rules_ = nullptr;

TEST_F(ConcurrencyTest, OneClassifierManyThreads) {
  const std::vector<MhctRatings> in = GeneratedAssessments(4000);
  const Classifier classifier(*rules_);
  std::vector<std::string> want;
  for (const MhctRatings& r : in) {
    want.push_back(Fingerprint(classifier.Classify(r)));
  }
  std::vector<std::vector<std::string>> got(kThreads);
  RunThreads([&](int t) {
    // Each thread starts at a different place, so they overlap in time on
    // different records, and mixes single calls, batches and checks.
    std::vector<std::string>& mine = got[t];
    mine.resize(in.size());
    const size_t n = in.size();
    const size_t start = n * t / kThreads;
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (start + k) % n;
      mine[i] = Fingerprint(classifier.Classify(in[i]));
      if (in[i].allocated()) {
        const AllocationCheck a =
            classifier.CheckAllocation(in[i], *in[i].allocated());
        EXPECT_EQ(a.red_items.bits(),
                  classifier.Classify(in[i]).allocation->red_items.bits());
      }
    }
    std::vector<Classification> batch(n);
    EXPECT_TRUE(classifier.ClassifyBatch(in, absl::MakeSpan(batch)).ok());
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(Fingerprint(batch[i]), want[i]) << "thread " << t;
    }
  });
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(got[t], want) << "thread " << t;
  }
}

TEST_F(ConcurrencyTest, ClassifiersBuiltConcurrentlyFromOneRuleSet) {
  const std::vector<MhctRatings> in = GeneratedAssessments(500);
  const Classifier reference(*rules_);
  std::vector<std::string> want;
  for (const MhctRatings& r : in) {
    want.push_back(Fingerprint(reference.Classify(r)));
  }
  RunThreads([&](int t) {
    // Each thread builds its own classifier from the shared rule set (the
    // shared_ptr's count changes on every thread) and reads the rules.
    const Classifier mine(*rules_);
    for (size_t i = 0; i < in.size(); ++i) {
      ASSERT_EQ(Fingerprint(mine.Classify(in[i])), want[i]) << "thread " << t;
    }
    EXPECT_EQ((*rules_)->provenance().source,
              reference.rules().provenance().source);
  });
}

TEST_F(ConcurrencyTest, RuleSetsParsedConcurrently) {
  const std::string want = RuleSetToText(**rules_);
  std::vector<std::string> got(kThreads);
  RunThreads([&](int t) {
    auto mine = DefaultRuleSet();
    ASSERT_TRUE(mine.ok()) << mine.status();
    got[t] = RuleSetToText(**mine);
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], want) << t;
}

constexpr char kContract[] = R"(
year_start: "2023-04-01"
mff_ppm: 1085430
partial_period: PRO_RATA
social_care: DECOUPLED
baseline_pence: 250000000
risk_bands { to_pct: -5 rate_ppm: 0 }
risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }
risk_bands { from_pct: 5 rate_ppm: 500000 }
withhold_ppm: 25000
outcomes { name: "a" weight_ppm: 600000 attainment_ppm: 812000 }
outcomes { name: "b" weight_ppm: 400000 attainment_ppm: 455000 }
)";

TEST_F(ConcurrencyTest, OneTariffAndContractManyThreads) {
  std::vector<TariffEntry> entries;
  for (int code = 1; code <= 21; ++code) {
    auto c = Cluster::FromCode(code);
    if (!c.ok()) continue;
    entries.push_back({*c, static_cast<Basis>(code % 3), 1000 + 37 * code,
                       code % 2 == 0 ? 125000 : 0});
  }
  auto tariff = TariffSchedule::Create(entries, "generated");
  ASSERT_TRUE(tariff.ok()) << tariff.status();
  auto contract = ParseContractText(kContract, "contract");
  ASSERT_TRUE(contract.ok()) << contract.status();

  std::mt19937 rng(7);
  std::uniform_int_distribution<int> cluster(0, 21);
  std::uniform_int_distribution<int> day(0, 500);
  std::vector<PeriodToPrice> periods;
  for (int i = 0; i < 3000; ++i) {
    auto c = Cluster::FromCode(cluster(rng));
    if (!c.ok()) continue;
    const absl::CivilDay start = absl::CivilDay(2023, 1, 1) + day(rng);
    std::optional<absl::CivilDay> end;
    if (i % 3 != 0) end = start + day(rng);
    periods.push_back({absl::StrCat("P", i % 700), *c, start, end, i + 2});
  }
  const std::vector<OneOff> one_offs = {{"ect", 3, 180000, 2},
                                        {"assess", 12, 42000, 3}};
  auto single = PriceContract(periods, one_offs, *tariff, *contract, **rules_);
  ASSERT_TRUE(single.ok()) << single.status();
  const std::string want = Fingerprint(*single);

  std::vector<std::string> got(kThreads);
  RunThreads([&](int t) {
    for (int round = 0; round < 3; ++round) {
      auto st = PriceContract(periods, one_offs, *tariff, *contract, **rules_);
      ASSERT_TRUE(st.ok()) << st.status();
      got[t] = Fingerprint(*st);
      if (got[t] != want) return;
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], want) << t;
}

TEST_F(ConcurrencyTest, OneCatalogueManyThreads) {
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto plan_text = ParsePlanText(R"(
patient_id: "P001"
cluster: 1
period_start: "2023-04-03"
period_end: "2023-06-25"
chosen: "c1-hi"
budget: PERSONAL_HEALTH_BUDGET
)",
                                 "plan");
  ASSERT_TRUE(plan_text.ok()) << plan_text.status();

  auto fingerprint = [&]() {
    std::string s;
    auto rows = CostCatalogue(**catalogue, *costs);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) return s;
    for (const PackageCost& c : *rows) {
      absl::StrAppend(&s, c.cluster, ":", c.core_pence, ",", c.essential_pence,
                      ",", c.variance_pence, ",", c.total_pence, ";");
    }
    for (int code = 0; code <= 21; ++code) {
      auto c = Cluster::FromCode(code);
      if (!c.ok()) continue;
      if (const PackageTemplate* t = (*catalogue)->Find(*c)) {
        auto cost = CostPackage(*t, *costs);
        absl::StrAppend(&s, cost.ok() ? cost->total_pence : -1, ",");
      }
    }
    auto plan = BuildPlan(*plan_text, **catalogue, *costs);
    EXPECT_TRUE(plan.ok()) << plan.status();
    if (plan.ok()) absl::StrAppend(&s, "|", plan->notional_budget_pence);
    return s;
  };
  const std::string want = fingerprint();
  std::vector<std::string> got(kThreads);
  RunThreads([&](int t) {
    for (int round = 0; round < 5; ++round) got[t] = fingerprint();
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], want) << t;
}

TEST_F(ConcurrencyTest, PeriodsBuiltFromOneRuleSet) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> cluster(0, 21);
  std::uniform_int_distribution<int> day(0, 700);
  std::vector<PeriodEvent> events;
  for (int i = 0; i < 3000; ++i) {
    PeriodEvent e;
    e.patient_id = absl::StrCat("P", i % 400);
    e.date = absl::CivilDay(2022, 4, 1) + day(rng);
    e.line = i + 2;
    if (i % 7 == 0) {
      e.kind = EventKind::kDischarge;
    } else {
      e.kind = EventKind::kAllocate;
      e.cluster = Cluster::FromCode(cluster(rng)).value_or(Cluster());
    }
    events.push_back(e);
  }
  auto fingerprint = [&]() {
    const PeriodBuild b =
        BuildPeriods(events, absl::CivilDay(2024, 3, 31), **rules_);
    std::string s;
    for (const ClusterPeriod& p : b.periods) {
      absl::StrAppend(&s, p.patient_id, ",", p.cluster.code(), ",", p.days, ",",
                      p.overdue_days, ",", p.transition_ok, ";");
    }
    absl::StrAppend(&s, b.errors.size(), ",", b.superseded);
    return s;
  };
  const std::string want = fingerprint();
  std::vector<std::string> got(kThreads);
  RunThreads([&](int t) { got[t] = fingerprint(); });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], want) << t;
}

}  // namespace
}  // namespace mhpbr
