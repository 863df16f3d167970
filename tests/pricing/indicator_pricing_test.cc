// Paying on measured indicators (outcomes.md "Paying on indicators",
// extending pricing.md 5): attainment from a floor and a target, the
// withhold and bonus modes, the contract's validation and the indicator
// CSV reader. Every figure is worked by hand beside it.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/indicator_csv.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/risk_share.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::AllOf;
using ::testing::HasSubstr;

OutcomeIndicator Measured(const std::string& name, int64_t weight,
                          int64_t floor, int64_t target) {
  OutcomeIndicator o;
  o.name = name;
  o.weight_ppm = weight;
  o.floor_ppm = floor;
  o.target_ppm = target;
  return o;
}

OutcomeIndicator Typed(const std::string& name, int64_t weight,
                       int64_t attainment) {
  OutcomeIndicator o;
  o.name = name;
  o.weight_ppm = weight;
  o.attainment_ppm = attainment;
  return o;
}

MeasuredIndicator Value(const std::string& name, std::optional<int64_t> value) {
  MeasuredIndicator m;
  m.name = name;
  m.value_ppm = value;
  return m;
}

// ---- attainment from a floor and a target -------------------------------

TEST(AttainmentFromValueTest, AtBelowBetweenAbove) {
  // Floor 50%, target 90%.
  EXPECT_EQ(AttainmentFromValue(400000, 500000, 900000), 0);        // below
  EXPECT_EQ(AttainmentFromValue(500000, 500000, 900000), 0);        // at floor
  EXPECT_EQ(AttainmentFromValue(700000, 500000, 900000), 500000);   // 2/4
  EXPECT_EQ(AttainmentFromValue(600000, 500000, 900000), 250000);   // 1/4
  EXPECT_EQ(AttainmentFromValue(900000, 500000, 900000), 1000000);  // target
  EXPECT_EQ(AttainmentFromValue(950000, 500000, 900000), 1000000);  // above
  EXPECT_EQ(AttainmentFromValue(0, 0, 1000000), 0);
  EXPECT_EQ(AttainmentFromValue(1000000, 0, 1000000), 1000000);
}

TEST(AttainmentFromValueTest, RoundsOnceHalfAwayFromZero) {
  // Floor 0, target 400000: value 1 -> 1e6 / 400000 = 2.5 -> 3; value 3 ->
  // 7.5 -> 8.
  EXPECT_EQ(AttainmentFromValue(1, 0, 400000), 3);
  EXPECT_EQ(AttainmentFromValue(3, 0, 400000), 8);
  // Target 800000: 1.25 -> 1; 300000: 3.33... -> 3; 100000 -> 333333.33 ->
  // 333333; 200000 -> 666666.67 -> 666667.
  EXPECT_EQ(AttainmentFromValue(1, 0, 800000), 1);
  EXPECT_EQ(AttainmentFromValue(1, 0, 300000), 3);
  EXPECT_EQ(AttainmentFromValue(100000, 0, 300000), 333333);
  EXPECT_EQ(AttainmentFromValue(200000, 0, 300000), 666667);
  // Floor 100000, target 100003: value 100001 -> 1e6 / 3 = 333333.33 ->
  // 333333; 100002 -> 666666.67 -> 666667.
  EXPECT_EQ(AttainmentFromValue(100001, 100000, 100003), 333333);
  EXPECT_EQ(AttainmentFromValue(100002, 100000, 100003), 666667);
}

// ---- pricing -------------------------------------------------------------

// One cluster 3 period by the day at 1000 p for 45 days (1 May - 14 Jun
// 2023), MFF 1, no risk bands: A = P = 45000.
absl::StatusOr<Statement> Price(const Contract& c,
                                std::vector<MeasuredIndicator> measured) {
  const std::shared_ptr<const RuleSet> rules = Rules();
  return PriceContract({Period("P1", 3, D(2023, 5, 1), D(2023, 6, 14))}, {},
                       Tariff({Entry(3, Basis::kDay, 1000)}), c, *rules,
                       measured);
}

TEST(IndicatorPricingTest, WithholdOnMeasuredEqualsTypedIn) {
  // Withhold 10% of 45000 = 4500. reviews_on_time 700000 between floor
  // 500000 and target 900000 -> 500000; paired_completeness 3 with floor 0,
  // target 400000 -> 7.5 -> 8. Earned = 4500 * (0.6 * 0.5 + 0.4 *
  // 0.000008) = 4500 * 0.3000032 = 1350.0144 -> 1350; payment 45000 -
  // 4500 + 1350 = 41850.
  Contract measured = YearContract(2023);
  measured.withhold_ppm = 100000;
  measured.outcomes = {Measured("reviews_on_time", 600000, 500000, 900000),
                       Measured("paired_completeness", 400000, 0, 400000)};
  auto m = Price(measured, {Value("paired_completeness", 3),
                            Value("reviews_on_time", 700000)});
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->totals.risk_shared_pence, 45000);
  EXPECT_EQ(m->totals.withheld_pence, 4500);
  EXPECT_EQ(m->totals.earned_pence, 1350);
  EXPECT_EQ(m->totals.payment_pence, 41850);
  ASSERT_EQ(m->outcomes.size(), 2u);
  EXPECT_EQ(m->outcomes[0].name, "reviews_on_time");
  EXPECT_EQ(m->outcomes[0].attainment_ppm, 500000);
  EXPECT_TRUE(m->outcomes[0].measured);
  EXPECT_EQ(m->outcomes[0].value_ppm, 700000);
  EXPECT_EQ(m->outcomes[1].attainment_ppm, 8);

  // The typed-in equivalent pays the same.
  Contract typed = YearContract(2023);
  typed.withhold_ppm = 100000;
  typed.outcomes = {Typed("reviews_on_time", 600000, 500000),
                    Typed("paired_completeness", 400000, 8)};
  auto t = Price(typed, {});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->totals.withheld_pence, m->totals.withheld_pence);
  EXPECT_EQ(t->totals.earned_pence, m->totals.earned_pence);
  EXPECT_EQ(t->totals.payment_pence, m->totals.payment_pence);
  EXPECT_FALSE(t->outcomes[0].measured);
  EXPECT_EQ(t->outcomes[1].attainment_ppm, 8);
  // And ApplyWithhold, on typed-in attainments, agrees.
  auto w = ApplyWithhold(45000, typed);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->earned_pence, 1350);
}

TEST(IndicatorPricingTest, BonusPotWithWeights) {
  // Pot 10000; reviews_on_time 950000 above target 900000 -> 1e6 (weight
  // 0.6); paired_completeness 200000 of target 400000 -> 500000 (weight
  // 0.4). Earned = 10000 * (0.6 + 0.2) = 8000; nothing withheld; payment
  // 45000 + 8000 = 53000.
  Contract c = YearContract(2023);
  c.incentive = Incentive::kBonus;
  c.bonus_pot_pence = 10000;
  c.outcomes = {Measured("reviews_on_time", 600000, 500000, 900000),
                Measured("paired_completeness", 400000, 0, 400000)};
  auto s = Price(c, {Value("reviews_on_time", 950000),
                     Value("paired_completeness", 200000)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->totals.withheld_pence, 0);
  EXPECT_EQ(s->totals.earned_pence, 8000);
  EXPECT_EQ(s->totals.payment_pence, 53000);
}

TEST(IndicatorPricingTest, BonusNeverExceedsThePotAndRoundsOnce) {
  Contract c = YearContract(2023);
  c.incentive = Incentive::kBonus;
  c.bonus_pot_pence = 10000;
  c.outcomes = {Measured("reviews_on_time", 600000, 500000, 900000),
                Measured("paired_completeness", 400000, 0, 400000)};
  // Everything at or above target: exactly the pot.
  auto s = Price(c, {Value("reviews_on_time", 1000000),
                     Value("paired_completeness", 400000)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.earned_pence, 10000);
  EXPECT_EQ(s->totals.payment_pence, 55000);
  // Pot 3, half the weight attained: 1.5 -> 2 (half away from zero).
  c.bonus_pot_pence = 3;
  c.outcomes = {Measured("reviews_on_time", 500000, 0, 1000000),
                Measured("paired_completeness", 500000, 0, 1000000)};
  s = Price(
      c, {Value("reviews_on_time", 1000000), Value("paired_completeness", 0)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.earned_pence, 2);
  // Pot 7, attainments 999999 and 999999: 7 * 0.999999 = 6.999993 -> 7,
  // never 8.
  c.bonus_pot_pence = 7;
  s = Price(c, {Value("reviews_on_time", 999999),
                Value("paired_completeness", 999999)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.earned_pence, 7);
}

TEST(IndicatorPricingTest, EmptyValueEarnsNothingAndIsReported) {
  // follow_up_7_days has no value (denominator 0): attainment 0. Pot
  // 10000: earned = 10000 * 0.6 (reviews_on_time at target) = 6000.
  Contract c = YearContract(2023);
  c.incentive = Incentive::kBonus;
  c.bonus_pot_pence = 10000;
  c.outcomes = {Measured("reviews_on_time", 600000, 500000, 900000),
                Measured("follow_up_7_days", 400000, 0, 500000)};
  auto s = Price(c, {Value("reviews_on_time", 900000),
                     Value("follow_up_7_days", std::nullopt)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->totals.earned_pence, 6000);
  ASSERT_EQ(s->outcomes.size(), 2u);
  EXPECT_FALSE(s->outcomes[0].no_value);
  EXPECT_TRUE(s->outcomes[1].no_value);
  EXPECT_EQ(s->outcomes[1].attainment_ppm, 0);
  EXPECT_EQ(s->outcomes[1].value_ppm, std::nullopt);
}

TEST(IndicatorPricingTest, MissingIndicatorIsAnErrorOfTheWholeRun) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 100000;
  c.outcomes = {Typed("honos_improved", 500000, 455000),
                Measured("reviews_on_time", 500000, 500000, 900000)};
  auto s = Price(c, {Value("paired_completeness", 900000)});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(),
              AllOf(HasSubstr("outcomes[1]"), HasSubstr("reviews_on_time"),
                    HasSubstr("no measured indicator")));
  // No indicators at all: the same.
  s = Price(c, {});
  EXPECT_FALSE(s.ok());
  // Typed-in outcomes need none; extra indicators are ignored.
  c.outcomes = {Typed("honos_improved", 1000000, 455000)};
  s = Price(c, {Value("paired_completeness", 900000)});
  ASSERT_TRUE(s.ok());
  // 4500 * 0.455 = 2047.5 -> 2048.
  EXPECT_EQ(s->totals.earned_pence, 2048);
}

// ---- validation ----------------------------------------------------------

std::string Invalid(const Contract& c) {
  absl::Status s = ValidateContract(c);
  EXPECT_FALSE(s.ok());
  return std::string(s.message());
}

TEST(IndicatorValidationTest, OutcomeFieldsNamed) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 100000;
  c.outcomes = {Measured("reviews_on_time", 1000000, 500000, 900000)};
  EXPECT_TRUE(ValidateContract(c).ok());

  c.outcomes[0].floor_ppm = 900000;  // floor == target
  EXPECT_THAT(Invalid(c), AllOf(HasSubstr("outcomes[0] (reviews_on_time)"),
                                HasSubstr("floor_ppm 900000 is not below "
                                          "target_ppm 900000")));
  c.outcomes[0].floor_ppm = 950000;  // floor above target
  EXPECT_THAT(Invalid(c), HasSubstr("floor_ppm 950000 is not below"));
  c.outcomes[0].floor_ppm = -1;
  EXPECT_THAT(Invalid(c), HasSubstr("floor_ppm -1 is not within 0..1000000"));
  c.outcomes[0].floor_ppm = 0;
  c.outcomes[0].target_ppm = 1000001;
  EXPECT_THAT(Invalid(c),
              HasSubstr("target_ppm 1000001 is not within 0..1000000"));
  c.outcomes[0].target_ppm.reset();
  EXPECT_THAT(Invalid(c), HasSubstr("floor_ppm without target_ppm"));
  c.outcomes[0].floor_ppm.reset();
  c.outcomes[0].target_ppm = 500000;
  EXPECT_THAT(Invalid(c), HasSubstr("target_ppm without floor_ppm"));
  // Both an attainment and a floor/target.
  c.outcomes[0] = Measured("reviews_on_time", 1000000, 0, 500000);
  c.outcomes[0].attainment_ppm = 400000;
  EXPECT_THAT(Invalid(c), AllOf(HasSubstr("outcomes[0]"),
                                HasSubstr("attainment_ppm and floor_ppm")));
  // Not an indicator.
  c.outcomes[0] = Measured("honos_improved", 1000000, 0, 500000);
  EXPECT_THAT(Invalid(c), AllOf(HasSubstr("outcomes[0] (honos_improved)"),
                                HasSubstr("is not an indicator")));
  // A typed-in attainment outside 0..1e6.
  c.outcomes[0] = Typed("honos_improved", 1000000, 1000001);
  EXPECT_THAT(Invalid(c), HasSubstr("attainment_ppm 1000001 is not within"));
}

TEST(IndicatorValidationTest, IncentiveFieldsNamed) {
  Contract c = YearContract(2023);
  c.incentive = Incentive::kBonus;
  c.outcomes = {Typed("honos_improved", 1000000, 500000)};
  EXPECT_THAT(Invalid(c), HasSubstr("bonus_pot_pence"));  // no pot
  c.bonus_pot_pence = -5;
  EXPECT_THAT(Invalid(c), HasSubstr("bonus_pot_pence: -5"));
  c.bonus_pot_pence = 1000;
  EXPECT_TRUE(ValidateContract(c).ok());
  c.withhold_ppm = 25000;
  EXPECT_THAT(Invalid(c), AllOf(HasSubstr("withhold_ppm"), HasSubstr("BONUS")));
  c.withhold_ppm = 0;
  c.incentive = Incentive::kWithhold;
  EXPECT_THAT(Invalid(c), AllOf(HasSubstr("bonus_pot_pence"),
                                HasSubstr("only for incentive BONUS")));
}

TEST(IndicatorValidationTest, ContractText) {
  auto c = ParseContractText(
      R"pb(
        year_start: "2023-04-01"
        mff_ppm: 1000000
        partial_period: PRO_RATA
        social_care: POOLED
        incentive: BONUS
        bonus_pot_pence: 5000
        outcomes {
          name: "reviews_on_time"
          weight_ppm: 600000
          floor_ppm: 500000
          target_ppm: 900000
        }
        outcomes { name: "honos_improved" weight_ppm: 400000 attainment_ppm: 0 }
      )pb",
      "c.textproto");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->incentive, Incentive::kBonus);
  EXPECT_EQ(c->bonus_pot_pence, 5000);
  EXPECT_EQ(c->outcomes[0].floor_ppm, 500000);
  EXPECT_EQ(c->outcomes[0].target_ppm, 900000);
  EXPECT_TRUE(c->outcomes[0].measured());
  EXPECT_FALSE(c->outcomes[1].measured());
  // An attainment of 0 typed in beside a floor and target is still both.
  auto bad = ParseContractText(R"pb(
                                 year_start: "2023-04-01"
                                 mff_ppm: 1000000
                                 partial_period: PRO_RATA
                                 social_care: POOLED
                                 withhold_ppm: 25000
                                 outcomes {
                                   name: "reviews_on_time"
                                   weight_ppm: 1000000
                                   attainment_ppm: 0
                                   floor_ppm: 500000
                                   target_ppm: 900000
                                 }
                               )pb",
                               "c.textproto");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              AllOf(HasSubstr("c.textproto"), HasSubstr("outcomes[0]"),
                    HasSubstr("attainment_ppm and floor_ppm")));
  // Without `incentive` a contract withholds, as before.
  auto plain = ParseContractText(R"pb(
                                   year_start: "2023-04-01"
                                   mff_ppm: 1000000
                                   partial_period: PRO_RATA
                                   social_care: POOLED
                                 )pb",
                                 "c.textproto");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->incentive, Incentive::kWithhold);
}

// ---- the indicator CSV ---------------------------------------------------

absl::StatusOr<std::vector<MeasuredIndicator>> ReadCsv(
    const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  auto r = ReadIndicatorCsv(f, "ind.csv");
  std::fclose(f);
  return r;
}

TEST(IndicatorCsvTest, ReadsWhatOutcomesWrites) {
  auto r = ReadCsv(
      "indicator,numerator,denominator,value_ppm\n"
      "valid_mhct_at_allocation,3,4,750000\n"
      "paired_completeness,1,400000,3\n"
      "reliably_improved,0,0,\n"
      "reviews_on_time,7,10,700000\n"
      "follow_up_7_days,0,0,\n");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 5u);
  EXPECT_EQ((*r)[0].name, "valid_mhct_at_allocation");
  EXPECT_EQ((*r)[0].numerator, 3);
  EXPECT_EQ((*r)[0].denominator, 4);
  EXPECT_EQ((*r)[0].value_ppm, 750000);
  EXPECT_EQ((*r)[0].line, 2);
  EXPECT_EQ((*r)[2].value_ppm, std::nullopt);
  EXPECT_EQ((*r)[4].line, 6);
  // Columns found by name, in any order; header only is no indicators.
  r = ReadCsv(
      "value_ppm,indicator,denominator,numerator\n5,reviews_on_time,2,1\n");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)[0].value_ppm, 5);
  r = ReadCsv("indicator,numerator,denominator,value_ppm\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(IndicatorCsvTest, RejectsNameLineAndField) {
  const std::string h = "indicator,numerator,denominator,value_ppm\n";
  auto msg = [&](const std::string& body) {
    auto r = ReadCsv(h + body);
    EXPECT_FALSE(r.ok()) << body;
    return std::string(r.status().message());
  };
  EXPECT_THAT(msg("reviews_on_time,1,2,500000\nhonos_improved,1,2,500000\n"),
              AllOf(HasSubstr("ind.csv: line 3: indicator: 'honos_improved' "
                              "is not an indicator")));
  EXPECT_THAT(msg("reviews_on_time,1,2,1000001\n"),
              HasSubstr("ind.csv: line 2: value_ppm: 1000001 is not within "
                        "0..1000000"));
  EXPECT_THAT(msg("reviews_on_time,1,2,-1\n"),
              HasSubstr("line 2: value_ppm: -1 is not within"));
  EXPECT_THAT(msg("reviews_on_time,1,2,half\n"),
              HasSubstr("line 2: value_ppm: 'half' is not a whole number"));
  EXPECT_THAT(msg("reviews_on_time,x,2,500000\n"),
              HasSubstr("line 2: numerator: 'x' is not a whole number"));
  EXPECT_THAT(msg("reviews_on_time,1,-2,500000\n"),
              HasSubstr("line 2: denominator: -2 is below 0"));
  EXPECT_THAT(msg("reviews_on_time,1,2,500000\nfollow_up_7_days,0,0,\n"
                  "reviews_on_time,1,2,500000\n"),
              HasSubstr("ind.csv: line 4: indicator: 'reviews_on_time' is "
                        "given twice (first at line 2)"));
  EXPECT_THAT(msg("reviews_on_time,1,2\n"),
              HasSubstr("line 2: row has 3 fields; the header has 4"));
  auto r = ReadCsv("indicator,numerator,denominator\n");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("ind.csv: missing column value_ppm"));
}

}  // namespace
}  // namespace mhpbr
