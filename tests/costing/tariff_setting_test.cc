// Tariff setting (pricing.md 2), worked by hand: type-7 quartiles, fences
// [Q1 - k IQR, Q3 + k IQR] (a value on a fence is kept), base = kept cost /
// kept days, price = base * (1e6 + uplift - efficiency) / 1e6 rounded once.

#include "mhpbr/tariff_setting.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

Cluster C(int code) { return Cluster::FromCode(code).value(); }

// A sample from its cost per day and days.
CostSample PerDay(int cluster, int64_t per_day, int64_t days) {
  return CostSample{C(cluster), days, per_day * days};
}

// The worked example's 11 periods of cluster 3, given out of order, and a
// 0-day period that must be ignored.
std::vector<CostSample> WorkedExample() {
  return {PerDay(3, 300, 45), PerDay(3, 120, 14), PerDay(3, 1000, 5),
          PerDay(3, 150, 30), PerDay(3, 360, 9),  PerDay(3, 180, 7),
          PerDay(3, 330, 31), PerDay(3, 200, 28), PerDay(3, 240, 60),
          PerDay(3, 310, 20), PerDay(3, 260, 10), CostSample{C(3), 0, 500}};
}

TariffSettings WorkedSettings() {
  TariffSettings s;
  s.iqr_k = Fraction{3, 2};
  s.uplift_ppm = 25000;
  s.efficiency_ppm = 11000;
  return s;
}

class TariffSettingTest : public ::testing::Test {
 protected:
  TariffSetting Set(const std::vector<CostSample>& samples,
                    const TariffSettings& settings) {
    absl::StatusOr<TariffSetting> t = SetTariffs(samples, settings, *rules_);
    EXPECT_TRUE(t.ok()) << t.status();
    return *std::move(t);
  }
  const ClusterEvidence& Evidence(const TariffSetting& t, int cluster) {
    for (const ClusterEvidence& e : t.evidence) {
      if (e.cluster.code() == cluster) return e;
    }
    ADD_FAILURE() << "no evidence for cluster " << cluster;
    return t.evidence.at(0);
  }
  std::shared_ptr<const RuleSet> rules_ = DefaultRuleSet().value();
};

TEST_F(TariffSettingTest, TheSpecsWorkedExample) {
  // Sorted cost per day: 120 150 180 200 240 260 300 310 330 360 1000.
  // Q1 at position 2.5 (0-based): 180 + 0.5 * 20 = 190; Q3 at 7.5: 310 +
  // 0.5 * 20 = 320; IQR 130; fences 190 - 195 = -5 and 320 + 195 = 515:
  // 1000 is excluded. Kept costs 1680 + 4500 + 1260 + 5600 + 14400 + 2600
  // + 13500 + 6200 + 10230 + 3240 = 63210 over 14 + 30 + 7 + 28 + 60 + 10
  // + 45 + 20 + 31 + 9 = 254 days = 248.858 p/day; * 1.014 = 252.342 ->
  // 252. Per review period (183 days): 46116; per year: 91980.
  // Mean of kept = 2450 / 10 = 245; median (240 + 260) / 2 = 250;
  // CV = sqrt(58850 / 9) / 245 = 80.8634 / 245 = 0.33005.
  const TariffSetting t = Set(WorkedExample(), WorkedSettings());
  ASSERT_EQ(t.evidence.size(), 1u);
  const ClusterEvidence& e = t.evidence[0];
  EXPECT_EQ(e.cluster.code(), 3);
  EXPECT_EQ(e.periods, 11);  // the 0-day period is left out
  EXPECT_EQ(e.used, 10);
  EXPECT_EQ(e.excluded, 1);
  ASSERT_TRUE(e.lower_fence && e.upper_fence);
  EXPECT_TRUE(*e.lower_fence == (Fraction{-5, 1}));
  EXPECT_TRUE(*e.upper_fence == (Fraction{515, 1}));
  ASSERT_TRUE(e.median_per_day);
  EXPECT_TRUE(*e.median_per_day == (Fraction{250, 1}));
  ASSERT_TRUE(e.mean_per_day);
  EXPECT_NEAR(static_cast<double>(*e.mean_per_day), 245.0, 1e-9);
  ASSERT_TRUE(e.cv);
  EXPECT_NEAR(static_cast<double>(*e.cv), 0.3300547, 1e-6);
  EXPECT_EQ(FormatDecimal(static_cast<int64_t>(std::llround(*e.cv * 1e6)),
                          1000000, 4),
            "0.3301");
  EXPECT_EQ(e.price_day_pence, 252);
  EXPECT_EQ(e.price_period_pence, 46116);
  EXPECT_EQ(e.price_year_pence, 91980);
  EXPECT_EQ(e.status, EvidenceStatus::kPriced);
  EXPECT_EQ(EvidenceStatusName(e.status), "priced");
  ASSERT_EQ(t.schedule.entries().size(), 1u);
  EXPECT_EQ(t.schedule.entries()[0].cluster.code(), 3);
  EXPECT_EQ(t.schedule.entries()[0].basis, Basis::kDay);
  EXPECT_EQ(t.schedule.entries()[0].price_pence, 252);
}

TEST_F(TariffSettingTest, BasisPicksTheSchedulesPrice) {
  TariffSettings s = WorkedSettings();
  s.basis = Basis::kPeriod;
  TariffSetting t = Set(WorkedExample(), s);
  ASSERT_EQ(t.schedule.entries().size(), 1u);
  EXPECT_EQ(t.schedule.entries()[0].basis, Basis::kPeriod);
  EXPECT_EQ(t.schedule.entries()[0].price_pence, 46116);
  s.basis = Basis::kYear;
  t = Set(WorkedExample(), s);
  EXPECT_EQ(t.schedule.entries()[0].basis, Basis::kYear);
  EXPECT_EQ(t.schedule.entries()[0].price_pence, 91980);
}

TEST_F(TariffSettingTest, ReviewPeriodPriceUsesTheClustersLength) {
  // The same samples as cluster 1 (12 weeks = 84 days) and cluster 7 (12
  // months = 365 days): 252 * 84 = 21168; 252 * 365 = 91980.
  std::vector<CostSample> samples;
  for (CostSample s : WorkedExample()) {
    s.cluster = C(1);
    samples.push_back(s);
    s.cluster = C(7);
    samples.push_back(s);
  }
  const TariffSetting t = Set(samples, WorkedSettings());
  EXPECT_EQ(Evidence(t, 1).price_period_pence, 21168);
  EXPECT_EQ(Evidence(t, 7).price_period_pence, 91980);
}

TEST_F(TariffSettingTest, KZeroTrimsToTheQuartiles) {
  // k = 0: fences [190, 320]. Kept 200 240 260 300 310 (5 used, 6
  // excluded): costs 5600 + 14400 + 2600 + 13500 + 6200 = 42300 over 28 +
  // 60 + 10 + 45 + 20 = 163 days = 259.509; * 1.014 = 263.142 -> 263.
  // Median 260; mean 1310 / 5 = 262.
  TariffSettings s = WorkedSettings();
  s.iqr_k = Fraction{0, 1};
  const TariffSetting t = Set(WorkedExample(), s);
  const ClusterEvidence& e = t.evidence[0];
  EXPECT_EQ(e.used, 5);
  EXPECT_EQ(e.excluded, 6);
  EXPECT_TRUE(*e.lower_fence == (Fraction{190, 1}));
  EXPECT_TRUE(*e.upper_fence == (Fraction{320, 1}));
  EXPECT_TRUE(*e.median_per_day == (Fraction{260, 1}));
  EXPECT_NEAR(static_cast<double>(*e.mean_per_day), 262.0, 1e-9);
  EXPECT_EQ(e.price_day_pence, 263);
}

TEST_F(TariffSettingTest, KThreeKeepsAModerateOutlier) {
  // Replace the 1000 p/day period by 700 p/day over 5 days (3500 p); the
  // quartiles are unchanged. k = 1.5: upper fence 515, 700 excluded, price
  // 252 as before. k = 3: fences [190 - 390, 320 + 390] = [-200, 710], 700
  // kept: (63210 + 3500) / (254 + 5) = 257.568; * 1.014 = 261.17 -> 261.
  std::vector<CostSample> samples = WorkedExample();
  for (CostSample& s : samples) {
    if (s.days == 5) s.cost_pence = 3500;
  }
  TariffSettings s = WorkedSettings();
  TariffSetting t = Set(samples, s);
  EXPECT_EQ(t.evidence[0].excluded, 1);
  EXPECT_EQ(t.evidence[0].price_day_pence, 252);
  s.iqr_k = ParseMultiplier("3").value();
  t = Set(samples, s);
  const ClusterEvidence& e = t.evidence[0];
  EXPECT_TRUE(*e.lower_fence == (Fraction{-200, 1}));
  EXPECT_TRUE(*e.upper_fence == (Fraction{710, 1}));
  EXPECT_EQ(e.used, 11);
  EXPECT_EQ(e.excluded, 0);
  EXPECT_EQ(e.price_day_pence, 261);
}

TEST_F(TariffSettingTest, AValueExactlyOnAFenceIsKept) {
  // Cost per day 10 (70/7), 40 (120/3), 50 (550/11), 60 (780/13), 90
  // (1530/17): none is a whole-pence fraction with the same denominator.
  // n = 5: Q1 = x[1] = 40, Q3 = x[3] = 60, IQR 20; k = 1.5 gives fences
  // [10, 90] exactly: both ends kept; base 3050 / 51 = 59.80 -> 60.
  // k = 1.499999: fences [10.00002, 89.99998]: both excluded; base
  // (120 + 550 + 780) / 27 = 53.70 -> 54.
  // k = 1.500001: both kept again.
  const std::vector<CostSample> samples = {{C(5), 7, 70},
                                           {C(5), 3, 120},
                                           {C(5), 11, 550},
                                           {C(5), 13, 780},
                                           {C(5), 17, 1530}};
  TariffSettings s;
  s.min_periods = 5;
  TariffSetting t = Set(samples, s);
  EXPECT_EQ(t.evidence[0].used, 5);
  EXPECT_EQ(t.evidence[0].excluded, 0);
  EXPECT_TRUE(*t.evidence[0].lower_fence == (Fraction{10, 1}));
  EXPECT_TRUE(*t.evidence[0].upper_fence == (Fraction{90, 1}));
  EXPECT_EQ(t.evidence[0].price_day_pence, 60);
  s.iqr_k = ParseMultiplier("1.499999").value();
  t = Set(samples, s);
  EXPECT_EQ(t.evidence[0].used, 3);
  EXPECT_EQ(t.evidence[0].excluded, 2);
  EXPECT_EQ(t.evidence[0].price_day_pence, 54);
  s.iqr_k = ParseMultiplier("1.500001").value();
  t = Set(samples, s);
  EXPECT_EQ(t.evidence[0].used, 5);
  EXPECT_EQ(t.evidence[0].price_day_pence, 60);
}

TEST_F(TariffSettingTest, TooFewPeriodsGetNoPrice) {
  // Cluster 7: 9 periods with days plus one of 0 days: 9 < 10.
  std::vector<CostSample> samples;
  for (int i = 1; i <= 9; ++i) samples.push_back(PerDay(7, 100 * i, i));
  samples.push_back(CostSample{C(7), 0, 1000});
  const TariffSetting t = Set(samples, TariffSettings());
  ASSERT_EQ(t.evidence.size(), 1u);
  const ClusterEvidence& e = t.evidence[0];
  EXPECT_EQ(e.periods, 9);
  EXPECT_EQ(e.status, EvidenceStatus::kTooFewPeriods);
  EXPECT_EQ(EvidenceStatusName(e.status), "too_few_periods");
  EXPECT_FALSE(e.lower_fence.has_value());
  EXPECT_FALSE(e.median_per_day.has_value());
  EXPECT_FALSE(e.price_day_pence.has_value());
  EXPECT_FALSE(e.price_period_pence.has_value());
  EXPECT_FALSE(e.price_year_pence.has_value());
  EXPECT_TRUE(t.schedule.entries().empty());
  // The same with --min-periods 9 is priced: base = sum(100 i * i) /
  // sum(i) = 100 * 285 / 45 = 633.33 -> 633.
  TariffSettings s;
  s.min_periods = 9;
  const TariffSetting t9 = Set(samples, s);
  EXPECT_EQ(t9.evidence[0].status, EvidenceStatus::kPriced);
  EXPECT_EQ(t9.evidence[0].price_day_pence, 633);
}

TEST_F(TariffSettingTest, ClusterZeroIsNeverPriced) {
  std::vector<CostSample> samples = WorkedExample();
  for (CostSample& s : samples) s.cluster = C(0);
  samples.push_back(PerDay(4, 100, 1));  // one period: too few
  const TariffSetting t = Set(samples, WorkedSettings());
  ASSERT_EQ(t.evidence.size(), 2u);
  EXPECT_EQ(t.evidence[0].cluster.code(), 0);
  EXPECT_EQ(t.evidence[0].status, EvidenceStatus::kVariance);
  EXPECT_EQ(EvidenceStatusName(t.evidence[0].status), "variance");
  EXPECT_FALSE(t.evidence[0].price_day_pence.has_value());
  EXPECT_EQ(t.evidence[1].cluster.code(), 4);
  EXPECT_EQ(t.evidence[1].status, EvidenceStatus::kTooFewPeriods);
  EXPECT_TRUE(t.schedule.entries().empty());
  // Few cluster 0 periods are still "variance".
  const TariffSetting few = Set({PerDay(0, 10, 1)}, TariffSettings());
  EXPECT_EQ(few.evidence[0].status, EvidenceStatus::kVariance);
}

TEST_F(TariffSettingTest, ZeroDayPeriodsOnlyAreTooFew) {
  const TariffSetting t = Set(
      {CostSample{C(6), 0, 100}, CostSample{C(6), 0, 200}}, TariffSettings());
  ASSERT_EQ(t.evidence.size(), 1u);
  EXPECT_EQ(t.evidence[0].periods, 0);
  EXPECT_EQ(t.evidence[0].status, EvidenceStatus::kTooFewPeriods);
}

TEST_F(TariffSettingTest, SingleValueAndNoSpread) {
  // min 1, one period of 500 p over 2 days: 250 p/day, no CV (fewer than 2
  // used).
  TariffSettings s;
  s.min_periods = 1;
  const TariffSetting t = Set({CostSample{C(8), 2, 500}}, s);
  const ClusterEvidence& e = t.evidence[0];
  EXPECT_EQ(e.used, 1);
  EXPECT_FALSE(e.cv.has_value());
  EXPECT_EQ(e.price_day_pence, 250);
  EXPECT_EQ(e.price_year_pence, 91250);
  // 12 months for cluster 8: 365 days.
  EXPECT_EQ(e.price_period_pence, 91250);
}

TEST_F(TariffSettingTest, InvalidSamplesAndSettings) {
  TariffSettings s;
  auto r = SetTariffs({CostSample{C(3), -1, 100}}, s, *rules_);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("sample 1"));
  r = SetTariffs({PerDay(3, 1, 1), CostSample{C(3), 1, -5}}, s, *rules_);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("sample 2"));
  r = SetTariffs({CostSample{C(3), 1, 10000000000001}}, s, *rules_);
  EXPECT_FALSE(r.ok());
  r = SetTariffs({CostSample{C(3), 100001, 1}}, s, *rules_);
  EXPECT_FALSE(r.ok());
  s.iqr_k = Fraction{101, 1};
  r = SetTariffs({}, s, *rules_);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("iqr_k"));
  s = TariffSettings();
  s.min_periods = 0;
  r = SetTariffs({}, s, *rules_);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("min_periods"));
  s = TariffSettings();
  s.uplift_ppm = -1;
  EXPECT_FALSE(SetTariffs({}, s, *rules_).ok());
  s.uplift_ppm = 0;
  s.efficiency_ppm = 1000001;
  EXPECT_FALSE(SetTariffs({}, s, *rules_).ok());
  s.efficiency_ppm = 1000000;  // factor 0: no positive price
  EXPECT_FALSE(SetTariffs({}, s, *rules_).ok());
}

TEST_F(TariffSettingTest, UpliftAndEfficiencyRoundOnce) {
  // Ten periods of 1 day at 100 p: base 100. Uplift 5000 ppm: 100.5 -> 101
  // (half away). Efficiency 5000 ppm: 99.5 -> 100.
  std::vector<CostSample> samples(10, PerDay(2, 100, 1));
  TariffSettings s;
  s.uplift_ppm = 5000;
  EXPECT_EQ(Set(samples, s).evidence[0].price_day_pence, 101);
  s.uplift_ppm = 0;
  s.efficiency_ppm = 5000;
  EXPECT_EQ(Set(samples, s).evidence[0].price_day_pence, 100);
  // The year price is the rounded day price * 365, not 99.5 * 365.
  EXPECT_EQ(Set(samples, s).evidence[0].price_year_pence, 36500);
}

TEST_F(TariffSettingTest, LargeButValidSamplesStayExact) {
  // SetTariffs promises exact arithmetic for days up to 100000 and costs up
  // to 10^13 p. Six periods near both limits, with coprime day counts, all
  // about 99.7-100.0 million p/day: the fences (k = 1.5, the default) lie
  // well outside the values, so all six are kept and the price is
  // 59883333333291 / 599764 = 99844827.85 -> 99844828.
  // (Type-7 quartiles of 6 values interpolate at 1/4 and 3/4, so Q1 and Q3
  // have denominators near 4 * 10^10; their exact difference and the
  // fences need about 130 bits in the intermediate cross products.)
  const int64_t days[] = {99991, 99989, 99971, 99961, 99929, 99923};
  std::vector<CostSample> samples;
  int64_t total = 0;
  for (int i = 0; i < 6; ++i) {
    const int64_t cost = 9999999999991 - i * int64_t{7777777777};
    total += cost;
    samples.push_back(CostSample{C(3), days[i], cost});
  }
  ASSERT_EQ(total, 59883333333291);
  TariffSettings s;
  s.min_periods = 6;
  absl::StatusOr<TariffSetting> t = SetTariffs(samples, s, *rules_);
  ASSERT_TRUE(t.ok()) << t.status();
  const ClusterEvidence& e = t->evidence[0];
  EXPECT_EQ(e.used, 6);
  EXPECT_EQ(e.excluded, 0);
  ASSERT_TRUE(e.lower_fence && e.upper_fence);
  // Every value lies between the fences.
  for (const CostSample& c : samples) {
    const Fraction v = Fraction::Of(c.cost_pence, c.days);
    EXPECT_TRUE(*e.lower_fence < v);
    EXPECT_TRUE(v < *e.upper_fence);
  }
  EXPECT_EQ(e.price_day_pence, 99844828);
}

TEST(ParseMultiplierTest, Accepts) {
  EXPECT_TRUE(ParseMultiplier("1.5").value() == (Fraction{3, 2}));
  EXPECT_TRUE(ParseMultiplier("0").value() == (Fraction{0, 1}));
  EXPECT_TRUE(ParseMultiplier("2.25").value() == (Fraction{9, 4}));
  EXPECT_TRUE(ParseMultiplier("3").value() == (Fraction{3, 1}));
  EXPECT_TRUE(ParseMultiplier("1.123456").value() ==
              (Fraction{1123456, 1000000}));
  EXPECT_TRUE(ParseMultiplier("100").value() == (Fraction{100, 1}));
  EXPECT_TRUE(ParseMultiplier("0.000001").value() == (Fraction{1, 1000000}));
}

TEST(ParseMultiplierTest, Rejects) {
  for (const char* bad : {"-1", "abc", "1.2.3", "1.1234567", "", ".", "1,5",
                          " 1.5", "1.5 ", "+1", "1e3", "100.000001", "101"}) {
    EXPECT_FALSE(ParseMultiplier(bad).ok()) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace mhpbr
