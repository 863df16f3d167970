// Risk share (pricing.md 4) and the outcome-linked withhold (5), worked by
// hand: P(A) = B + integral from B to A of r(x) dx, rounded once.

#include "mhpbr/risk_share.h"

#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::YearContract;

Contract Banded(int64_t baseline, std::vector<RiskBand> bands) {
  Contract c = YearContract(2023);
  c.baseline_pence = baseline;
  c.risk_bands = std::move(bands);
  EXPECT_TRUE(ValidateContract(c).ok()) << ValidateContract(c);
  return c;
}

int64_t Pay(int64_t activity, const Contract& c) {
  absl::StatusOr<int64_t> p = RiskSharedPayment(activity, c);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.value_or(-1);
}

RiskBand Band(std::optional<int> from, std::optional<int> to, int64_t rate) {
  RiskBand b;
  b.from_pct = from;
  b.to_pct = to;
  b.rate_ppm = rate;
  return b;
}

TEST(RiskShareTest, TheSpecsCapAndCollar) {
  // B = 1,000,000 p. A = 0.90 B: P = B - (50000 at rate 1 between 0.95 B
  // and B, nothing below the collar) = 950,000 = 0.95 B.
  // A = 1.10 B: P = B + 50000 * 1 + 50000 * 0.5 = 1,075,000 = 1.075 B.
  const Contract c = Banded(1000000, CapAndCollar());
  EXPECT_EQ(Pay(900000, c), 950000);
  EXPECT_EQ(Pay(1100000, c), 1075000);
  EXPECT_EQ(Pay(1000000, c), 1000000);  // P(B) = B
}

TEST(RiskShareTest, BandBoundariesExactlyHit) {
  const Contract c = Banded(1000000, CapAndCollar());
  // At the cap (A = 1.05 B) and the collar (A = 0.95 B) the rate-1 band
  // pays activity in full.
  EXPECT_EQ(Pay(1050000, c), 1050000);
  EXPECT_EQ(Pay(950000, c), 950000);
  // One penny over the cap pays half a penny: 1,050,000.5 -> 1,050,001
  // (half away from zero); three pence over pays 1.5 -> 1,050,002.
  EXPECT_EQ(Pay(1050001, c), 1050001);
  EXPECT_EQ(Pay(1050002, c), 1050001);
  EXPECT_EQ(Pay(1050003, c), 1050002);
  // One penny under the collar pays nothing more: still 950,000.
  EXPECT_EQ(Pay(949999, c), 950000);
}

TEST(RiskShareTest, FarAboveAndFarBelow) {
  const Contract c = Banded(1000000, CapAndCollar());
  // A = 10 B: 1,050,000 + (10,000,000 - 1,050,000) * 0.5 = 1,050,000 +
  // 4,475,000 = 5,525,000.
  EXPECT_EQ(Pay(10000000, c), 5525000);
  // A = 0 (and anything below the collar): the floor 950,000.
  EXPECT_EQ(Pay(0, c), 950000);
  EXPECT_EQ(Pay(1, c), 950000);
  // Very large activity stays exact: A = 10^15, B = 10^6:
  // 1,050,000 + (10^15 - 1,050,000) / 2 = 500,000,000,525,000.
  EXPECT_EQ(Pay(1000000000000000, c), 500000000525000);
}

TEST(RiskShareTest, BlockContractPaysTheBaseline) {
  // One band, rate 0: P = B whatever the activity.
  const Contract c = Banded(250000000, {Band(std::nullopt, std::nullopt, 0)});
  EXPECT_EQ(Pay(0, c), 250000000);
  EXPECT_EQ(Pay(250000000, c), 250000000);
  EXPECT_EQ(Pay(999999999, c), 250000000);
}

TEST(RiskShareTest, NoBandsPaysActivity) {
  Contract c = YearContract(2023);
  c.baseline_pence = 500;
  EXPECT_EQ(Pay(123456, c), 123456);
  EXPECT_EQ(Pay(0, c), 0);
}

TEST(RiskShareTest, OneFullRateBandPaysActivity) {
  const Contract c = Banded(1000, {Band(std::nullopt, std::nullopt, 1000000)});
  EXPECT_EQ(Pay(0, c), 0);
  EXPECT_EQ(Pay(777, c), 777);
  EXPECT_EQ(Pay(5000, c), 5000);
}

TEST(RiskShareTest, HalfPenniesRoundAwayFromZero) {
  // One band at 50%: P = B + (A - B) / 2. B = 100:
  // A = 101 -> 100.5 -> 101; A = 99 -> 99.5 -> 100; A = 103 -> 101.5 -> 102.
  const Contract half = Banded(100, {Band(std::nullopt, std::nullopt, 500000)});
  EXPECT_EQ(Pay(101, half), 101);
  EXPECT_EQ(Pay(99, half), 100);
  EXPECT_EQ(Pay(103, half), 102);
  EXPECT_EQ(Pay(0, half), 50);
}

TEST(RiskShareTest, OddBaselinePutsBandEdgesBetweenPennies) {
  // B = 10 p with the cap and collar: edges at 10.5 and 9.5 p.
  // A = 11: 10 + 0.5 * 1 + 0.5 * 0.5 = 10.75 -> 11.
  // A = 20: 10 + 0.5 + 9.5 * 0.5 = 15.25 -> 15.
  // A = 9:  10 - 0.5 * 1 - 0.5 * 0 = 9.5 -> 10 (half away from zero).
  // A = 0:  the floor 9.5 -> 10.
  const Contract c = Banded(10, CapAndCollar());
  EXPECT_EQ(Pay(11, c), 11);
  EXPECT_EQ(Pay(20, c), 15);
  EXPECT_EQ(Pay(9, c), 10);
  EXPECT_EQ(Pay(0, c), 10);
  // B = 333: cap edge 349.65. A = 400: 333 + 16.65 + 50.35 * 0.5 =
  // 374.825 -> 375. Collar edge 316.35; A = 300: 333 - 16.65 = 316.35 ->
  // 316.
  const Contract d = Banded(333, CapAndCollar());
  EXPECT_EQ(Pay(400, d), 375);
  EXPECT_EQ(Pay(300, d), 316);
  // B = 1,000,001 (edges 1,050,001.05 and 950,000.95), A = 1,100,000:
  // 1,000,001 + 50,000.05 + 49,998.95 * 0.5 = 1,075,000.525 -> 1,075,001.
  const Contract e = Banded(1000001, CapAndCollar());
  EXPECT_EQ(Pay(1100000, e), 1075001);
}

TEST(RiskShareTest, CorridorWithMarginalRates) {
  // Aligned-payment style: fixed B, variable element at 40% outside a
  // +-2% corridor, 0 inside: (-inf,-2,400000), (-2,2,0), (2,inf,400000).
  // B = 10,000,000. A = 11,000,000: the corridor pays nothing for the
  // first 200,000; the rest, 800,000 at 40% = 320,000: P = 10,320,000.
  // A = 9,000,000: 800,000 below the corridor at 40%: P = 9,680,000.
  // A = 10,150,000: inside the corridor: P = B.
  const Contract c =
      Banded(10000000, {Band(std::nullopt, -2, 400000), Band(-2, 2, 0),
                        Band(2, std::nullopt, 400000)});
  EXPECT_EQ(Pay(11000000, c), 10320000);
  EXPECT_EQ(Pay(9000000, c), 9680000);
  EXPECT_EQ(Pay(10150000, c), 10000000);
}

TEST(WithholdTest, FormatsExampleWeights) {
  // Withhold 2.5%; outcomes (600000, 812000) and (400000, 455000):
  // attainment = 0.6 * 0.812 + 0.4 * 0.455 = 0.4872 + 0.182 = 0.6692.
  Contract c = YearContract(2023);
  c.withhold_ppm = 25000;
  c.outcomes = {{"reviewed_on_time", 600000, 812000},
                {"honos_improved", 400000, 455000}};
  ASSERT_TRUE(ValidateContract(c).ok());
  // P = 250,000,000: withheld 6,250,000; earned 6,250,000 * 0.6692 =
  // 4,182,500.
  absl::StatusOr<Withhold> w = ApplyWithhold(250000000, c);
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->withheld_pence, 6250000);
  EXPECT_EQ(w->earned_pence, 4182500);
  // P = 1,075,000: withheld 26,875; earned 26,875 * 0.6692 = 17,984.75 ->
  // 17,985.
  w = ApplyWithhold(1075000, c);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->withheld_pence, 26875);
  EXPECT_EQ(w->earned_pence, 17985);
  // P = 1,000,001: withheld 25,000.025 -> 25,000 (rounded once); earned
  // from the rounded withheld: 25,000 * 0.6692 = 16,730.
  w = ApplyWithhold(1000001, c);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->withheld_pence, 25000);
  EXPECT_EQ(w->earned_pence, 16730);
  // P = 20: withheld 0.5 -> 1; earned 0.6692 -> 1.
  w = ApplyWithhold(20, c);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->withheld_pence, 1);
  EXPECT_EQ(w->earned_pence, 1);
}

TEST(WithholdTest, FullAndNoAttainment) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 100000;
  c.outcomes = {{"a", 1000000, 1000000}};
  absl::StatusOr<Withhold> w = ApplyWithhold(123457, c);
  ASSERT_TRUE(w.ok());
  // 10% of 123457 = 12345.7 -> 12346, all earned back.
  EXPECT_EQ(w->withheld_pence, 12346);
  EXPECT_EQ(w->earned_pence, 12346);
  c.outcomes = {{"a", 1000000, 0}};
  w = ApplyWithhold(123457, c);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->withheld_pence, 12346);
  EXPECT_EQ(w->earned_pence, 0);
  // No withhold at all.
  Contract none = YearContract(2023);
  w = ApplyWithhold(123457, none);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->withheld_pence, 0);
  EXPECT_EQ(w->earned_pence, 0);
}

}  // namespace
}  // namespace mhpbr
