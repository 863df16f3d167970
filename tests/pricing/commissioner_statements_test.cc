// Statements by commissioner (PriceByCommissioner), worked by hand to the
// penny.
//
// 2024/25 runs 2024-04-01..2025-03-31 (365 days); days count inclusive of
// a closed period's end (the default rules). Tariff: cluster 3 at 1000 p a
// day, cluster 11 at 2000 p a day.
//
// Contract A (commissioner "A", provider "RX1"): MFF 1.100000, nothing
// else. Contract B (commissioner "B"): MFF 1.085430, baseline 72000 p with
// the cap and collar of pricing.md 4 (nothing below -5%, all within +-5%,
// half above +5%).
//
// Records:
//   line 1  p1 cluster 3  2024-04-01..04-10 (10 days)  A
//           10 * 1000 * 1.1 = 11000
//   line 2  p2 cluster 11 2024-05-01..05-20 (20 days)  B
//           20 * 2000 * 1.08543 = 43417.2 -> 43417
//   line 3  p3 cluster 3  2024-06-01..06-30 (30 days)  B
//           30 * 1000 * 1.08543 = 32562.9 -> 32563
//   line 4  p4 cluster 3  2024-07-01..07-05 (5 days)   none: line of 0
//   line 5  p5 cluster 3  2024-08-01..08-02            C: no contract
//   one-off 1 "ect" 2 x 500 A: 2 * 500 * 1.1 = 1100
//   one-off 2 "ect" 1 x 1000 B: 1000 * 1.08543 = 1085.43 -> 1085
//   one-off 3 "crisis" 3 x 100 none: line of 0, units 3
//
// A: activity 11000 + 1100 = 12100 = payment.
// B: activity 43417 + 32563 + 1085 = 77065; +5% of 72000 is 75600, so
//    P = 72000 + 3600 + (77065 - 75600) / 2 = 76332.5 -> 76333;
//    risk share 76333 - 77065 = -732.
// Provider: baseline 72000, activity 89165, risk shared 88433, risk share
//    -732, payment 88433, health 89165; lines 2 + 3 = 5.
// Clusters: 3: patients 1 + 1, periods 2, days 40, 11000 + 32563 = 43563;
//    11: 1, 1, 20, 43417.

#include "mhpbr/commissioner_statements.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/in_year.h"
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

PeriodToPrice Of(PeriodToPrice p, std::string commissioner) {
  p.commissioner = std::move(commissioner);
  return p;
}

OneOff Item(std::string item, int64_t count, int64_t price, int64_t line,
            std::string commissioner) {
  return {std::move(item), count, price, line, std::move(commissioner)};
}

class CommissionerStatementsTest : public ::testing::Test {
 protected:
  CommissionerStatementsTest() {
    a_ = YearContract(2024, 1100000);
    a_.commissioner = "A";
    a_.provider = "RX1";
    b_ = YearContract(2024, 1085430);
    b_.commissioner = "B";
    b_.baseline_pence = 72000;
    b_.risk_bands = CapAndCollar();
    periods_ = {
        Of(Period("p1", 3, D(2024, 4, 1), D(2024, 4, 10), 1), "A"),
        Of(Period("p2", 11, D(2024, 5, 1), D(2024, 5, 20), 2), "B"),
        Of(Period("p3", 3, D(2024, 6, 1), D(2024, 6, 30), 3), "B"),
        Of(Period("p4", 3, D(2024, 7, 1), D(2024, 7, 5), 4), ""),
        Of(Period("p5", 3, D(2024, 8, 1), D(2024, 8, 2), 5), "C"),
    };
    one_offs_ = {Item("ect", 2, 500, 1, "A"), Item("ect", 1, 1000, 2, "B"),
                 Item("crisis", 3, 100, 3, "")};
  }

  CommissionerStatements Price(const std::vector<Contract>& contracts) {
    auto s =
        PriceByCommissioner(periods_, one_offs_, tariff_, contracts, *rules_);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *std::move(s) : CommissionerStatements();
  }

  TariffSchedule tariff_ =
      Tariff({Entry(3, Basis::kDay, 1000), Entry(11, Basis::kDay, 2000)});
  std::shared_ptr<const RuleSet> rules_ = Rules();
  Contract a_, b_;
  std::vector<PeriodToPrice> periods_;
  std::vector<OneOff> one_offs_;
};

TEST_F(CommissionerStatementsTest, OneStatementPerCommissionerAndATotal) {
  // Given B first: statements come in commissioner order all the same.
  const CommissionerStatements s = Price({b_, a_});
  EXPECT_EQ(s.provider, "RX1");
  ASSERT_EQ(s.commissioners.size(), 2u);

  const CommissionerStatement& a = s.commissioners[0];
  EXPECT_EQ(a.commissioner, "A");
  EXPECT_EQ(a.provider, "RX1");
  ASSERT_EQ(a.statement.lines.size(), 2u);
  EXPECT_TRUE(a.statement.lines[0].one_off);
  EXPECT_EQ(a.statement.lines[0].amount_pence, 1100);
  EXPECT_EQ(a.statement.lines[1].patient_id, "p1");
  EXPECT_EQ(a.statement.lines[1].amount_pence, 11000);
  EXPECT_EQ(a.statement.lines[1].commissioner, "A");
  EXPECT_EQ(a.statement.totals.activity_pence, 12100);
  EXPECT_EQ(a.statement.totals.payment_pence, 12100);

  const CommissionerStatement& b = s.commissioners[1];
  EXPECT_EQ(b.commissioner, "B");
  // B names no provider: the one A names.
  EXPECT_EQ(b.provider, "RX1");
  ASSERT_EQ(b.statement.lines.size(), 3u);
  EXPECT_EQ(b.statement.lines[0].amount_pence, 1085);
  EXPECT_EQ(b.statement.lines[1].amount_pence, 43417);
  EXPECT_EQ(b.statement.lines[2].amount_pence, 32563);
  EXPECT_EQ(b.statement.totals.activity_pence, 77065);
  EXPECT_EQ(b.statement.totals.risk_shared_pence, 76333);
  EXPECT_EQ(b.statement.totals.risk_share_pence, -732);
  EXPECT_EQ(b.statement.totals.payment_pence, 76333);

  EXPECT_EQ(s.lines, 5);
  EXPECT_EQ(s.totals.baseline_pence, 72000);
  EXPECT_EQ(s.totals.activity_pence, 89165);
  EXPECT_EQ(s.totals.risk_shared_pence, 88433);
  EXPECT_EQ(s.totals.risk_share_pence, -732);
  EXPECT_EQ(s.totals.withheld_pence, 0);
  EXPECT_EQ(s.totals.earned_pence, 0);
  EXPECT_EQ(s.totals.payment_pence, 88433);
  EXPECT_EQ(s.totals.health_pence, 89165);
  EXPECT_EQ(s.totals.social_care_pence, 0);

  ASSERT_EQ(s.clusters.size(), 2u);
  EXPECT_EQ(s.clusters[0].cluster, C(3));
  EXPECT_EQ(s.clusters[0].patients, 2);
  EXPECT_EQ(s.clusters[0].periods, 2);
  EXPECT_EQ(s.clusters[0].days, 40);
  EXPECT_EQ(s.clusters[0].amount_pence, 43563);
  EXPECT_EQ(s.clusters[1].cluster, C(11));
  EXPECT_EQ(s.clusters[1].periods, 1);
  EXPECT_EQ(s.clusters[1].days, 20);
  EXPECT_EQ(s.clusters[1].amount_pence, 43417);
}

TEST_F(CommissionerStatementsTest, RecordsWithoutACommissionerAreReported) {
  const CommissionerStatements s = Price({a_, b_});
  EXPECT_EQ(s.periods_without_commissioner, 1);
  EXPECT_EQ(s.one_offs_without_commissioner, 1);
  ASSERT_EQ(s.no_commissioner.size(), 2u);
  const StatementLine& crisis = s.no_commissioner[0];
  EXPECT_TRUE(crisis.one_off);
  EXPECT_EQ(crisis.item, "crisis");
  EXPECT_EQ(crisis.units, 3);
  EXPECT_EQ(crisis.amount_pence, 0);
  EXPECT_EQ(crisis.status, LineStatus::kNoCommissioner);
  const StatementLine& p4 = s.no_commissioner[1];
  EXPECT_EQ(p4.patient_id, "p4");
  EXPECT_EQ(p4.cluster, C(3));
  EXPECT_EQ(p4.days_in_year, 5);
  EXPECT_EQ(p4.units, 0);
  EXPECT_FALSE(p4.basis.has_value());
  EXPECT_EQ(p4.amount_pence, 0);
  EXPECT_EQ(p4.status, LineStatus::kNoCommissioner);
  EXPECT_EQ(LineStatusName(p4.status), "no_commissioner");
}

TEST_F(CommissionerStatementsTest, ACommissionerWithoutAContractHasNoContract) {
  one_offs_.push_back(Item("ect", 1, 100, 4, "D"));
  const CommissionerStatements s = Price({a_, b_});
  ASSERT_EQ(s.without_contract.size(), 2u);
  EXPECT_FALSE(s.without_contract[0].one_off);
  EXPECT_EQ(s.without_contract[0].line, 5);
  EXPECT_EQ(s.without_contract[0].id, "p5");
  EXPECT_EQ(s.without_contract[0].commissioner, "C");
  EXPECT_TRUE(s.without_contract[1].one_off);
  EXPECT_EQ(s.without_contract[1].line, 4);
  EXPECT_EQ(s.without_contract[1].id, "ect");
  EXPECT_EQ(s.without_contract[1].commissioner, "D");
  // Not priced anywhere: the totals are those above.
  EXPECT_EQ(s.totals.activity_pence, 89165);
}

TEST_F(CommissionerStatementsTest, EachStatementIsPriceContractsOfItsRecords) {
  const CommissionerStatements s = Price({a_, b_});
  auto b = PriceContract({periods_[1], periods_[2]}, {one_offs_[1]}, tariff_,
                         b_, *rules_);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(s.commissioners[1].statement.lines.size(), b->lines.size());
  for (size_t i = 0; i < b->lines.size(); ++i) {
    EXPECT_EQ(s.commissioners[1].statement.lines[i].amount_pence,
              b->lines[i].amount_pence);
  }
  EXPECT_EQ(s.commissioners[1].statement.totals.payment_pence,
            b->totals.payment_pence);
}

TEST_F(CommissionerStatementsTest,
       ASingleContractWithoutACommissionerIsAsToday) {
  const Contract only = YearContract(2024, 1100000);
  const CommissionerStatements s = Price({only});
  auto today = PriceContract(periods_, one_offs_, tariff_, only, *rules_);
  ASSERT_TRUE(today.ok()) << today.status();
  ASSERT_EQ(s.commissioners.size(), 1u);
  EXPECT_EQ(s.commissioners[0].commissioner, "");
  // Every record is priced, whatever its commissioner column says.
  ASSERT_EQ(s.commissioners[0].statement.lines.size(), 8u);
  ASSERT_EQ(today->lines.size(), 8u);
  for (size_t i = 0; i < today->lines.size(); ++i) {
    EXPECT_EQ(s.commissioners[0].statement.lines[i].amount_pence,
              today->lines[i].amount_pence);
    EXPECT_EQ(s.commissioners[0].statement.lines[i].commissioner, "");
  }
  EXPECT_EQ(s.totals.payment_pence, today->totals.payment_pence);
  EXPECT_TRUE(s.no_commissioner.empty());
  EXPECT_TRUE(s.without_contract.empty());
  EXPECT_EQ(s.periods_without_commissioner, 0);
}

TEST_F(CommissionerStatementsTest, ContractsThatCannotBePricedTogether) {
  auto error = [&](std::vector<Contract> contracts,
                   std::vector<std::string> names = {}) {
    auto s = PriceByCommissioner(periods_, one_offs_, tariff_, contracts,
                                 *rules_, {}, names);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(s.status().message());
  };
  Contract other_a = b_;
  other_a.commissioner = "A";
  EXPECT_EQ(error({a_, b_, other_a}),
            "contracts[0] and contracts[2] are both for commissioner 'A'");
  EXPECT_EQ(error({a_, other_a}, {"a.textproto", "a2.textproto"}),
            "a.textproto and a2.textproto are both for commissioner 'A'");

  Contract none = YearContract(2024);
  EXPECT_THAT(error({a_, none}),
              HasSubstr("contracts[1]: commissioner: empty; several "
                        "contracts are priced one per commissioner"));
  EXPECT_THAT(error({none, YearContract(2024)}, {"x.textproto", "y.textproto"}),
              HasSubstr("x.textproto, y.textproto: commissioner: empty"));

  Contract next_year = b_;
  next_year.year_start = D(2025, 4, 1);
  EXPECT_EQ(error({a_, next_year}),
            "contracts[1]: year_start 2025-04-01 differs from contracts[0]'s "
            "2024-04-01; contracts priced together cover one year");

  Contract other_provider = b_;
  other_provider.provider = "RX2";
  EXPECT_EQ(error({a_, other_provider}),
            "contracts[1]: provider 'RX2' differs from contracts[0]'s 'RX1'; "
            "contracts priced together are for one provider");

  Contract bad = b_;
  bad.mff_ppm = 0;
  EXPECT_THAT(error({a_, bad}, {"a.textproto", "b.textproto"}),
              HasSubstr("b.textproto: "));

  EXPECT_EQ(error({}), "no contract");
}

// In-year by commissioner: each commissioner's PriceInYear, the months
// summed. Through 2024-05-31: April earns A's one-off (1100) and p1
// (11000) and B's one-off (1085); May earns p2 (43417): April 13185,
// May 43417, cumulative 56602.
TEST_F(CommissionerStatementsTest, InYearSumsTheCommissionersMonths) {
  auto iy = PriceInYearByCommissioner(periods_, one_offs_, tariff_, {a_, b_},
                                      *rules_, D(2024, 5, 31));
  ASSERT_TRUE(iy.ok()) << iy.status();
  ASSERT_EQ(iy->in_year.size(), 2u);
  ASSERT_EQ(iy->months.size(), 2u);
  EXPECT_EQ(iy->months[0].month, absl::CivilMonth(2024, 4));
  EXPECT_EQ(iy->months[0].amount_pence, 13185);
  EXPECT_EQ(iy->months[0].periods, 1);
  EXPECT_EQ(iy->months[0].days, 10);
  EXPECT_EQ(iy->months[1].amount_pence, 43417);
  EXPECT_EQ(iy->months[1].days, 20);
  EXPECT_EQ(iy->months[1].cumulative_pence, 56602);
  EXPECT_EQ(iy->earned_to_date_pence, 56602);
  EXPECT_EQ(iy->in_year[0].earned_to_date_pence, 12100);
  EXPECT_EQ(iy->in_year[1].earned_to_date_pence, 44502);
  // The forecast: every period here is closed, so the annual statements.
  EXPECT_EQ(iy->forecast.totals.payment_pence, 88433);
  EXPECT_EQ(iy->forecast.commissioners[1].statement.totals.payment_pence,
            76333);
  EXPECT_EQ(iy->forecast.periods_without_commissioner, 1);
  bool open_count = false;
  for (const auto& [key, value] : iy->assumptions) {
    if (key == "forecast_assumption:open_periods_count") {
      open_count = true;
      EXPECT_EQ(value, "0");
    }
  }
  EXPECT_TRUE(open_count);
}

}  // namespace
}  // namespace mhpbr
