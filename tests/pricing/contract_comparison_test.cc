// CompareContracts: three periods priced under a cluster tariff, a block
// contract and a blended (cap and collar) contract on another tariff,
// worked by hand. Contract year 2023/24, MFF 1, day prices:
//
//   period              cluster  days in year  tariff A  tariff B
//   a 2023-04-01..04-10    1         10          100/day   150/day
//   b 2023-05-01..05-20    2         20          200/day   120/day
//   c 2024-03-22..04-15    1         10 (cut at 31 March)
//
//   activity under A: cluster 1 (10 + 10) * 100 = 2000, cluster 2
//     20 * 200 = 4000; total 6000.
//   activity under B: cluster 1 20 * 150 = 3000, cluster 2 20 * 120 =
//     2400; total 5400.
//   cluster (A, no bands):      payment = activity = 6000.
//   block (A, baseline 5000, one band at rate 0): payment 5000; -1000.
//   blended (B, baseline 5000, cap and collar): activity 5400 is +8%;
//     P = 5000 + (5250 - 5000) * 1 + (5400 - 5250) * 0.5 = 5325; -675.
//   per cluster against the baseline (cluster): block 0 and 0; blended
//     cluster 1 3000 - 2000 = +1000, cluster 2 2400 - 4000 = -1600.

#include "mhpbr/contract_comparison.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::C;
using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::HasSubstr;

class CompareContractsTest : public ::testing::Test {
 protected:
  CompareContractsTest()
      : rules_(Rules()),
        tariff_a_(
            Tariff({Entry(1, Basis::kDay, 100), Entry(2, Basis::kDay, 200)})),
        tariff_b_(
            Tariff({Entry(1, Basis::kDay, 150), Entry(2, Basis::kDay, 120)})),
        cluster_(YearContract(2023)),
        block_(YearContract(2023)),
        blended_(YearContract(2023)) {
    periods_ = {Period("a", 1, D(2023, 4, 1), D(2023, 4, 10), 2),
                Period("b", 2, D(2023, 5, 1), D(2023, 5, 20), 3),
                Period("c", 1, D(2024, 3, 22), D(2024, 4, 15), 4)};
    block_.baseline_pence = 5000;
    block_.risk_bands = {RiskBand{}};  // -inf to +inf at rate 0
    blended_.baseline_pence = 5000;
    blended_.risk_bands = CapAndCollar();
  }

  std::vector<Scenario> Three() {
    return {Scenario{"cluster", cluster_, tariff_a_},
            Scenario{"block", block_, tariff_a_},
            Scenario{"blended", blended_, tariff_b_}};
  }

  std::shared_ptr<const RuleSet> rules_;
  TariffSchedule tariff_a_, tariff_b_;
  Contract cluster_, block_, blended_;
  std::vector<PeriodToPrice> periods_;
};

TEST_F(CompareContractsTest, TotalsAndDifferencesWorkedByHand) {
  const std::vector<Scenario> scenarios = Three();
  absl::StatusOr<Comparison> c = CompareContracts(periods_, scenarios, *rules_);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->scenarios.size(), 3u);

  const ScenarioResult& cluster = c->scenarios[0];
  EXPECT_EQ(cluster.name, "cluster");
  EXPECT_EQ(cluster.lines, 3);
  EXPECT_EQ(cluster.totals.baseline_pence, 0);
  EXPECT_EQ(cluster.totals.activity_pence, 6000);
  EXPECT_EQ(cluster.totals.risk_shared_pence, 6000);
  EXPECT_EQ(cluster.totals.payment_pence, 6000);
  EXPECT_EQ(cluster.difference_pence, 0);

  const ScenarioResult& block = c->scenarios[1];
  EXPECT_EQ(block.name, "block");
  EXPECT_EQ(block.totals.activity_pence, 6000);
  EXPECT_EQ(block.totals.risk_shared_pence, 5000);
  EXPECT_EQ(block.totals.risk_share_pence, -1000);
  EXPECT_EQ(block.totals.withheld_pence, 0);
  EXPECT_EQ(block.totals.earned_pence, 0);
  EXPECT_EQ(block.totals.payment_pence, 5000);
  EXPECT_EQ(block.difference_pence, -1000);

  const ScenarioResult& blended = c->scenarios[2];
  EXPECT_EQ(blended.totals.activity_pence, 5400);
  EXPECT_EQ(blended.totals.risk_shared_pence, 5325);
  EXPECT_EQ(blended.totals.payment_pence, 5325);
  EXPECT_EQ(blended.difference_pence, -675);

  ASSERT_EQ(c->clusters.size(), 2u);
  const ClusterComparison& one = c->clusters[0];
  EXPECT_EQ(one.cluster, C(1));
  ASSERT_EQ(one.scenarios.size(), 3u);
  EXPECT_EQ(one.scenarios[0].periods, 2);
  EXPECT_EQ(one.scenarios[0].days, 20);
  EXPECT_EQ(one.scenarios[0].amount_pence, 2000);
  EXPECT_EQ(one.scenarios[0].difference_pence, 0);
  EXPECT_EQ(one.scenarios[1].amount_pence, 2000);
  EXPECT_EQ(one.scenarios[1].difference_pence, 0);
  EXPECT_EQ(one.scenarios[2].amount_pence, 3000);
  EXPECT_EQ(one.scenarios[2].difference_pence, 1000);

  const ClusterComparison& two = c->clusters[1];
  EXPECT_EQ(two.cluster, C(2));
  EXPECT_EQ(two.scenarios[0].periods, 1);
  EXPECT_EQ(two.scenarios[0].days, 20);
  EXPECT_EQ(two.scenarios[0].amount_pence, 4000);
  EXPECT_EQ(two.scenarios[2].amount_pence, 2400);
  EXPECT_EQ(two.scenarios[2].difference_pence, -1600);
}

// The block pays its baseline whatever the activity: double the periods.
TEST_F(CompareContractsTest, BlockPaysTheBaselineWhateverTheActivity) {
  std::vector<PeriodToPrice> twice = periods_;
  twice.push_back(Period("d", 2, D(2023, 6, 1), D(2023, 6, 30), 5));
  const std::vector<Scenario> scenarios = Three();
  absl::StatusOr<Comparison> c = CompareContracts(twice, scenarios, *rules_);
  ASSERT_TRUE(c.ok()) << c.status();
  // Cluster tariff: 6000 + 30 * 200 = 12000; block still 5000.
  EXPECT_EQ(c->scenarios[0].totals.payment_pence, 12000);
  EXPECT_EQ(c->scenarios[1].totals.activity_pence, 12000);
  EXPECT_EQ(c->scenarios[1].totals.payment_pence, 5000);
  EXPECT_EQ(c->scenarios[1].difference_pence, -7000);
}

// One-offs belong to a scenario: 2 * 50 = 100 into blended's activity,
// 5500 = +10%: P = 5000 + 250 + (5500 - 5250) * 0.5 = 5375.
TEST_F(CompareContractsTest, OneOffsPricedIntoTheirScenario) {
  OneOff o;
  o.item = "x";
  o.count = 2;
  o.price_pence = 50;
  o.line = 2;
  const std::vector<OneOff> one_offs = {o};
  std::vector<Scenario> scenarios = Three();
  scenarios[2].one_offs = one_offs;
  absl::StatusOr<Comparison> c = CompareContracts(periods_, scenarios, *rules_);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->scenarios[0].lines, 3);
  EXPECT_EQ(c->scenarios[2].lines, 4);
  EXPECT_EQ(c->scenarios[2].totals.activity_pence, 5500);
  EXPECT_EQ(c->scenarios[2].totals.payment_pence, 5375);
  EXPECT_EQ(c->scenarios[2].difference_pence, -625);
  // One-offs are in no cluster.
  EXPECT_EQ(c->clusters[0].scenarios[2].amount_pence, 3000);
}

// By commissioner: a names ccg_a, b ccg_b, c none; a one-off of ccg_b
// (2 * 50 = 100) in the blended scenario only.
//   ccg_a (a: cluster 1, 10 days): A 10 * 100 = 1000 (cluster, block),
//     B 10 * 150 = 1500 (blended, +500).
//   ccg_b (b: cluster 2, 20 days): A 20 * 200 = 4000, B 20 * 120 = 2400
//     + 100 = 2500 (-1500).
//   none (c: cluster 1, 10 days in the year): 1000, 1000, 1500 (+500).
TEST_F(CompareContractsTest, ByCommissionerWorkedByHand) {
  periods_[0].commissioner = "ccg_a";
  periods_[1].commissioner = "ccg_b";
  OneOff o;
  o.item = "x";
  o.count = 2;
  o.price_pence = 50;
  o.commissioner = "ccg_b";
  const std::vector<OneOff> one_offs = {o};
  std::vector<Scenario> scenarios = Three();
  scenarios[2].one_offs = one_offs;
  absl::StatusOr<Comparison> c = CompareContracts(periods_, scenarios, *rules_);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->commissioners.size(), 3u);
  struct Want {
    const char* name;
    int64_t periods, days, amount[3], difference[3];
  };
  const Want want[] = {{"ccg_a", 1, 10, {1000, 1000, 1500}, {0, 0, 500}},
                       {"ccg_b", 1, 20, {4000, 4000, 2500}, {0, 0, -1500}},
                       {"", 1, 10, {1000, 1000, 1500}, {0, 0, 500}}};
  for (size_t k = 0; k < 3; ++k) {
    const CommissionerComparison& got = c->commissioners[k];
    EXPECT_EQ(got.commissioner, want[k].name);
    ASSERT_EQ(got.scenarios.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(got.scenarios[i].periods, want[k].periods) << k << " " << i;
      EXPECT_EQ(got.scenarios[i].days, want[k].days) << k << " " << i;
      EXPECT_EQ(got.scenarios[i].amount_pence, want[k].amount[i])
          << k << " " << i;
      EXPECT_EQ(got.scenarios[i].difference_pence, want[k].difference[i])
          << k << " " << i;
    }
  }
  // The commissioners' amounts add up to each scenario's activity.
  for (size_t i = 0; i < 3; ++i) {
    int64_t sum = 0;
    for (const CommissionerComparison& k : c->commissioners) {
      sum += k.scenarios[i].amount_pence;
    }
    EXPECT_EQ(sum, c->scenarios[i].totals.activity_pence) << i;
  }
}

TEST_F(CompareContractsTest, NoCommissionerTableWhenNoRecordNamesOne) {
  const std::vector<Scenario> scenarios = Three();
  absl::StatusOr<Comparison> c = CompareContracts(periods_, scenarios, *rules_);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->commissioners.empty());
}

TEST_F(CompareContractsTest, RefusesFewerThanTwoScenarios) {
  std::vector<Scenario> one = {Scenario{"cluster", cluster_, tariff_a_}};
  absl::StatusOr<Comparison> c = CompareContracts(periods_, one, *rules_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("at least two scenarios"));
}

TEST_F(CompareContractsTest, RefusesEmptyAndRepeatedNames) {
  std::vector<Scenario> twice = {Scenario{"x", cluster_, tariff_a_},
                                 Scenario{"x", block_, tariff_a_}};
  absl::StatusOr<Comparison> c = CompareContracts(periods_, twice, *rules_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("scenario x: the name is given"));
  std::vector<Scenario> empty = {Scenario{"x", cluster_, tariff_a_},
                                 Scenario{"", block_, tariff_a_}};
  c = CompareContracts(periods_, empty, *rules_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("scenario 2: the name is empty"));
}

TEST_F(CompareContractsTest, RefusesContractsOfDifferentYears) {
  Contract later = YearContract(2024);
  std::vector<Scenario> s = {Scenario{"now", cluster_, tariff_a_},
                             Scenario{"later", later, tariff_a_}};
  absl::StatusOr<Comparison> c = CompareContracts(periods_, s, *rules_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(),
              HasSubstr("scenario later: contract year_start 2024-04-01"));
}

TEST_F(CompareContractsTest, NamesTheScenarioOfAnInvalidContract) {
  Contract bad = YearContract(2023);
  bad.risk_bands = {RiskBand{}};  // bands without a baseline
  std::vector<Scenario> s = {Scenario{"good", cluster_, tariff_a_},
                             Scenario{"bad", bad, tariff_a_}};
  absl::StatusOr<Comparison> c = CompareContracts(periods_, s, *rules_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("scenario bad: "));
  EXPECT_THAT(c.status().message(), HasSubstr("baseline"));
}

}  // namespace
}  // namespace mhpbr
