// Cost homogeneity per cluster and the share of cost variance explained by
// cluster (mhpbr/cost_homogeneity.h) on a handful of costed periods. The
// expected figures are worked out by hand in the comments.

#include "mhpbr/cost_homogeneity.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

constexpr long double kTol = 1e-9L;

CostedPeriod Period(const std::string& patient, int cluster, int64_t days,
                    int64_t cost_pence) {
  CostedPeriod p;
  p.period.patient_id = patient;
  p.period.cluster = *Cluster::FromCode(cluster);
  p.period.start = absl::CivilDay(2023, 4, 1);
  p.days = days;
  p.records = cost_pence > 0 ? 1 : 0;
  p.cost_pence = cost_pence;
  return p;
}

std::shared_ptr<const RuleSet> Rules() {
  auto rules = DefaultRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *rules;
}

// Three clusters, given out of order:
//   cluster 3: four periods of 40p over 4, 5, 2 and 1 days;
//   cluster 1: 100p over 10 days, 300p over 20 days, 50p over 0 days;
//   cluster 0: 0p over 0 days.
std::vector<CostedPeriod> ThreeClusters() {
  return {Period("P7", 3, 4, 40), Period("P1", 1, 10, 100),
          Period("P8", 3, 5, 40), Period("P2", 1, 20, 300),
          Period("P9", 3, 2, 40), Period("P0", 0, 0, 0),
          Period("P3", 1, 0, 50), Period("P6", 3, 1, 40)};
}

TEST(AnalysisCostHomogeneityTest, RowsSortedByClusterThenMeasure) {
  const std::vector<HomogeneityRow> rows = CostHomogeneity(ThreeClusters());
  // Cluster 0 has only a 0-day period: no per_day row.
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].cluster.code(), 0);
  EXPECT_EQ(rows[0].measure, CostMeasure::kPerPeriod);
  EXPECT_EQ(rows[1].cluster.code(), 1);
  EXPECT_EQ(rows[1].measure, CostMeasure::kPerDay);
  EXPECT_EQ(rows[2].cluster.code(), 1);
  EXPECT_EQ(rows[2].measure, CostMeasure::kPerPeriod);
  EXPECT_EQ(rows[3].cluster.code(), 3);
  EXPECT_EQ(rows[3].measure, CostMeasure::kPerDay);
  EXPECT_EQ(rows[4].cluster.code(), 3);
  EXPECT_EQ(rows[4].measure, CostMeasure::kPerPeriod);
  EXPECT_EQ(CostMeasureName(CostMeasure::kPerDay), "per_day");
  EXPECT_EQ(CostMeasureName(CostMeasure::kPerPeriod), "per_period");
}

TEST(AnalysisCostHomogeneityTest, Cluster1PerPeriod) {
  // Costs {50, 100, 300} (the 0-day period counts per period): mean 150;
  // deviations -100, -50, 150: squares 10000 + 2500 + 22500 = 35000; over
  // n - 1 = 2: 17500; sd sqrt(17500) = 132.287565553230; cv = sd / 150 =
  // 0.881917103688197. Type 7 with n - 1 = 2: median h 1 -> 100;
  // p5 h 0.1 -> 55; p25 h 0.5 -> 75; p75 h 1.5 -> 200; p95 h 1.9 -> 280.
  const HomogeneityRow r = CostHomogeneity(ThreeClusters())[2];
  EXPECT_EQ(r.periods, 3);
  EXPECT_NEAR(r.mean, 150, kTol);
  EXPECT_NEAR(r.median, 100, kTol);
  ASSERT_TRUE(r.sd.has_value());
  EXPECT_NEAR(*r.sd, 132.287565553230L, kTol);
  ASSERT_TRUE(r.cv.has_value());
  EXPECT_NEAR(*r.cv, 0.881917103688197L, kTol);
  EXPECT_NEAR(r.p5, 55, kTol);
  EXPECT_NEAR(r.p25, 75, kTol);
  EXPECT_NEAR(r.p75, 200, kTol);
  EXPECT_NEAR(r.p95, 280, kTol);
}

TEST(AnalysisCostHomogeneityTest, Cluster1PerDayExcludesZeroDayPeriods) {
  // 100/10 = 10 and 300/20 = 15; the 0-day period is left out: n 2,
  // mean 12.5, median 12.5; sd sqrt(2 * 2.5^2 / 1) = sqrt(12.5) =
  // 3.53553390593274; cv 0.282842712474619. n - 1 = 1 so h = p:
  // p5 10.25, p25 11.25, p75 13.75, p95 14.75.
  const HomogeneityRow r = CostHomogeneity(ThreeClusters())[1];
  EXPECT_EQ(r.periods, 2);
  EXPECT_NEAR(r.mean, 12.5L, kTol);
  EXPECT_NEAR(r.median, 12.5L, kTol);
  ASSERT_TRUE(r.sd.has_value());
  EXPECT_NEAR(*r.sd, 3.53553390593274L, kTol);
  ASSERT_TRUE(r.cv.has_value());
  EXPECT_NEAR(*r.cv, 0.282842712474619L, kTol);
  EXPECT_NEAR(r.p5, 10.25L, kTol);
  EXPECT_NEAR(r.p25, 11.25L, kTol);
  EXPECT_NEAR(r.p75, 13.75L, kTol);
  EXPECT_NEAR(r.p95, 14.75L, kTol);
}

TEST(AnalysisCostHomogeneityTest, Cluster3PerDay) {
  // 40/4 = 10, 40/5 = 8, 40/2 = 20, 40/1 = 40; sorted {8, 10, 20, 40}:
  // sum 78, mean 19.5; deviations -11.5, -9.5, 0.5, 20.5: squares 132.25 +
  // 90.25 + 0.25 + 420.25 = 643; over 3: 214.333...; sd sqrt(643/3) =
  // 14.6401275039985; cv = sd / 19.5 = 0.750775769435821. n - 1 = 3:
  // median h 1.5 -> 15; p5 h 0.15 -> 8.3; p25 h 0.75 -> 9.5;
  // p75 h 2.25 -> 20 + 0.25 * 20 = 25; p95 h 2.85 -> 20 + 0.85 * 20 = 37.
  const HomogeneityRow r = CostHomogeneity(ThreeClusters())[3];
  EXPECT_EQ(r.periods, 4);
  EXPECT_NEAR(r.mean, 19.5L, kTol);
  EXPECT_NEAR(r.median, 15, kTol);
  ASSERT_TRUE(r.sd.has_value());
  EXPECT_NEAR(*r.sd, 14.6401275039985L, kTol);
  ASSERT_TRUE(r.cv.has_value());
  EXPECT_NEAR(*r.cv, 0.750775769435821L, kTol);
  EXPECT_NEAR(r.p5, 8.3L, kTol);
  EXPECT_NEAR(r.p25, 9.5L, kTol);
  EXPECT_NEAR(r.p75, 25, kTol);
  EXPECT_NEAR(r.p95, 37, kTol);
}

TEST(AnalysisCostHomogeneityTest, Cluster3PerPeriodAllEqual) {
  // Four periods of 40p: mean, median and every percentile 40; sd 0, cv 0.
  const HomogeneityRow r = CostHomogeneity(ThreeClusters())[4];
  EXPECT_EQ(r.periods, 4);
  EXPECT_EQ(r.mean, 40);
  EXPECT_EQ(r.median, 40);
  ASSERT_TRUE(r.sd.has_value());
  EXPECT_EQ(*r.sd, 0);
  ASSERT_TRUE(r.cv.has_value());
  EXPECT_EQ(*r.cv, 0);
  EXPECT_EQ(r.p5, 40);
  EXPECT_EQ(r.p25, 40);
  EXPECT_EQ(r.p75, 40);
  EXPECT_EQ(r.p95, 40);
}

TEST(AnalysisCostHomogeneityTest, OnePeriodHasNoSdOrCv) {
  // Cluster 0's single period of 0p: n 1, everything 0, no sd, no cv.
  const HomogeneityRow r = CostHomogeneity(ThreeClusters())[0];
  EXPECT_EQ(r.periods, 1);
  EXPECT_EQ(r.mean, 0);
  EXPECT_EQ(r.median, 0);
  EXPECT_FALSE(r.sd.has_value());
  EXPECT_FALSE(r.cv.has_value());
  EXPECT_EQ(r.p5, 0);
  EXPECT_EQ(r.p95, 0);
}

TEST(AnalysisCostHomogeneityTest, NoPeriodsNoRows) {
  EXPECT_TRUE(CostHomogeneity({}).empty());
}

TEST(AnalysisClusterRSquaredTest, TwoClustersOneWayAnova) {
  // Per period: cluster 1 {10, 20}, cluster 2 {30, 40}. Grand mean 25;
  // SS_total = 15^2 + 5^2 + 5^2 + 15^2 = 500; group means 15 and 35:
  // SS_between = 2 * 10^2 + 2 * 10^2 = 400; R^2 = 400 / 500 = 0.8.
  // Per day: costs over 1, 2, 3 and 4 days are all 10p a day: no variance,
  // so none. The cluster 0 period (5000p, 1 day) is left out; were it in,
  // both figures would differ.
  const std::vector<CostedPeriod> periods = {
      Period("A", 1, 1, 10), Period("B", 1, 2, 20), Period("C", 2, 3, 30),
      Period("D", 2, 4, 40), Period("Z", 0, 1, 5000)};
  const VarianceExplained r = ClusterRSquared(periods, *Rules());
  ASSERT_TRUE(r.per_period.has_value());
  EXPECT_NEAR(*r.per_period, 0.8L, kTol);
  EXPECT_FALSE(r.per_day.has_value());
}

TEST(AnalysisClusterRSquaredTest, PerDaySkipsZeroDayPeriods) {
  // Per day: cluster 1 {10/1 = 10, 40/2 = 20}, cluster 2 {90/3 = 30,
  // 160/4 = 40}, and a 0-day period in cluster 2 that has no cost per day:
  // R^2 = 0.8 as above. Per period: {10, 40} and {90, 160, 7}: grand mean
  // 307 / 5 = 61.4; SS_total = 51.4^2 + 21.4^2 + 28.6^2 + 98.6^2 + 54.4^2 =
  // 2641.96 + 457.96 + 817.96 + 9721.96 + 2959.36 = 16599.2; group means 25
  // and 257/3 = 85.666...: SS_between = 2 * 36.4^2 + 3 * 24.2666...^2 =
  // 2649.92 + 1766.6133... = 4416.5333...; R^2 = 0.266069...
  const std::vector<CostedPeriod> periods = {
      Period("A", 1, 1, 10), Period("B", 1, 2, 40), Period("C", 2, 3, 90),
      Period("D", 2, 4, 160), Period("E", 2, 0, 7)};
  const VarianceExplained r = ClusterRSquared(periods, *Rules());
  ASSERT_TRUE(r.per_day.has_value());
  EXPECT_NEAR(*r.per_day, 0.8L, kTol);
  ASSERT_TRUE(r.per_period.has_value());
  EXPECT_NEAR(*r.per_period, 4416.53333333333L / 16599.2L, 1e-9L);
}

// Clusters across superclasses, one period a day each so both measures are
// equal:
//   non-psychotic: cluster 1 {10, 20}, cluster 2 {30, 40};
//   psychotic: cluster 10 {100, 300}, cluster 11 {200};
//   organic: none; cluster 0: {5000}, always left out.
std::vector<CostedPeriod> AcrossSuperclasses() {
  return {Period("A", 1, 1, 10),   Period("B", 1, 1, 20),
          Period("C", 2, 1, 30),   Period("D", 2, 1, 40),
          Period("E", 10, 1, 100), Period("F", 10, 1, 300),
          Period("G", 11, 1, 200), Period("Z", 0, 1, 5000)};
}

TEST(AnalysisClusterRSquaredTest, AllClusters) {
  // Values 10, 20, 30, 40, 100, 300, 200: sum 700, n 7, grand mean 100.
  // SS_total = 90^2 + 80^2 + 70^2 + 60^2 + 0 + 200^2 + 100^2 = 8100 + 6400 +
  // 4900 + 3600 + 40000 + 10000 = 73000. Group means 15, 35, 200, 200:
  // SS_between = 2 * 85^2 + 2 * 65^2 + 2 * 100^2 + 1 * 100^2 = 14450 + 8450
  // + 20000 + 10000 = 52900 (SS_within 50 + 50 + 20000 + 0 = 20100 checks).
  // R^2 = 52900 / 73000 = 0.724657534246575.
  const VarianceExplained r = ClusterRSquared(AcrossSuperclasses(), *Rules());
  ASSERT_TRUE(r.per_period.has_value());
  EXPECT_NEAR(*r.per_period, 0.724657534246575L, kTol);
  ASSERT_TRUE(r.per_day.has_value());
  EXPECT_NEAR(*r.per_day, 0.724657534246575L, kTol);
}

TEST(AnalysisClusterRSquaredTest, WithinEachSuperclass) {
  const auto rules = Rules();
  // Non-psychotic: clusters 1 and 2 only: 0.8 as in the two-cluster case.
  const VarianceExplained np =
      ClusterRSquared(AcrossSuperclasses(), *rules, Superclass::kNonPsychotic);
  ASSERT_TRUE(np.per_period.has_value());
  EXPECT_NEAR(*np.per_period, 0.8L, kTol);
  ASSERT_TRUE(np.per_day.has_value());
  EXPECT_NEAR(*np.per_day, 0.8L, kTol);
  // Psychotic: {100, 300} and {200}: grand mean 200, both group means 200:
  // SS_between 0, SS_total 20000: R^2 = 0 (defined, and nothing explained).
  const VarianceExplained ps =
      ClusterRSquared(AcrossSuperclasses(), *rules, Superclass::kPsychotic);
  ASSERT_TRUE(ps.per_period.has_value());
  EXPECT_NEAR(*ps.per_period, 0.0L, kTol);
  // Organic: no periods: none.
  const VarianceExplained org =
      ClusterRSquared(AcrossSuperclasses(), *rules, Superclass::kOrganic);
  EXPECT_FALSE(org.per_period.has_value());
  EXPECT_FALSE(org.per_day.has_value());
}

TEST(AnalysisClusterRSquaredTest, EachClusterOnePeriodExplainsEverything) {
  // One period per cluster: every group mean is its value, so SS_between =
  // SS_total and R^2 = 1.
  const std::vector<CostedPeriod> periods = {
      Period("A", 1, 1, 10), Period("B", 2, 1, 50), Period("C", 3, 1, 90)};
  const VarianceExplained r = ClusterRSquared(periods, *Rules());
  ASSERT_TRUE(r.per_period.has_value());
  EXPECT_NEAR(*r.per_period, 1.0L, kTol);
}

TEST(AnalysisClusterRSquaredTest, UndefinedWithoutVariance) {
  const auto rules = Rules();
  // No period.
  VarianceExplained r = ClusterRSquared({}, *rules);
  EXPECT_FALSE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value());
  // One period (n < 2).
  r = ClusterRSquared({Period("A", 1, 1, 10)}, *rules);
  EXPECT_FALSE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value());
  // Equal costs in two clusters: SS_total 0.
  r = ClusterRSquared({Period("A", 1, 1, 10), Period("B", 2, 1, 10)}, *rules);
  EXPECT_FALSE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value());
  // Only cluster 0 (left out), however much the costs vary.
  r = ClusterRSquared({Period("A", 0, 1, 10), Period("B", 0, 1, 1000)}, *rules);
  EXPECT_FALSE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value());
  // Only 0-day periods: no cost per day at all.
  r = ClusterRSquared({Period("A", 1, 0, 10), Period("B", 2, 0, 30)}, *rules);
  EXPECT_TRUE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value());
}

TEST(AnalysisClusterRSquaredTest,
     UndefinedWhenEqualCostsPerDayAreNotExactBinary) {
  // Three periods, in clusters 1, 2 and 3, each 100p over 7 days: every
  // cost per day is 100/7 = 14.2857...p, so there is no variance to
  // explain and R^2 per day is none, exactly as per period (100p each).
  // 100/7 is not a binary fraction: summing three copies and dividing by
  // 3 need not give 100/7 back, and a round-off SS_total of ~1e-36 must
  // not be taken for variance (it would report R^2 = 1).
  const std::vector<CostedPeriod> periods = {
      Period("A", 1, 7, 100), Period("B", 2, 7, 100), Period("C", 3, 7, 100)};
  const VarianceExplained r = ClusterRSquared(periods, *Rules());
  EXPECT_FALSE(r.per_period.has_value());
  EXPECT_FALSE(r.per_day.has_value())
      << "R^2 per day reported as " << static_cast<double>(*r.per_day)
      << " for equal costs per day";
}

}  // namespace
}  // namespace mhpbr

namespace mhpbr {
namespace {

// The report's one pass (CostTally) gives the very values, to the last
// bit, that the separate calls give: per-day sums in the same order.
void ExpectSameBits(const std::optional<long double>& a,
                    const std::optional<long double>& b) {
  ASSERT_EQ(a.has_value(), b.has_value());
  if (a) {
    EXPECT_EQ(*a, *b);
  }
}

void ExpectSameRows(const std::vector<HomogeneityRow>& got,
                    const std::vector<HomogeneityRow>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    const HomogeneityRow &a = got[i], &b = want[i];
    EXPECT_EQ(a.cluster, b.cluster);
    EXPECT_EQ(a.measure, b.measure);
    EXPECT_EQ(a.periods, b.periods);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.median, b.median);
    ExpectSameBits(a.sd, b.sd);
    ExpectSameBits(a.cv, b.cv);
    EXPECT_EQ(a.p5, b.p5);
    EXPECT_EQ(a.p25, b.p25);
    EXPECT_EQ(a.p75, b.p75);
    EXPECT_EQ(a.p95, b.p95);
  }
}

TEST(AnalysisCostTallyTest, OnePassGivesTheSeparateFigures) {
  const auto rules = Rules();
  for (const std::vector<CostedPeriod>& periods :
       {ThreeClusters(), AcrossSuperclasses()}) {
    CostTally tally;
    for (const CostedPeriod& p : periods) tally.Add(p);
    const CostFigures f = std::move(tally).Finish(*rules);
    ExpectSameRows(f.homogeneity, CostHomogeneity(periods));
    const VarianceExplained all = ClusterRSquared(periods, *rules);
    ExpectSameBits(f.r_squared.per_period, all.per_period);
    ExpectSameBits(f.r_squared.per_day, all.per_day);
    ASSERT_EQ(f.r_squared_by_superclass.size(), 3u);
    const Superclass order[] = {Superclass::kNonPsychotic,
                                Superclass::kPsychotic, Superclass::kOrganic};
    for (int s = 0; s < 3; ++s) {
      EXPECT_EQ(f.r_squared_by_superclass[s].first, order[s]);
      const VarianceExplained want = ClusterRSquared(periods, *rules, order[s]);
      ExpectSameBits(f.r_squared_by_superclass[s].second.per_period,
                     want.per_period);
      ExpectSameBits(f.r_squared_by_superclass[s].second.per_day, want.per_day);
    }
  }
}

TEST(AnalysisCostTallyTest, HalvesAppendedOnTwoThreadsGiveTheSameBits) {
  // The report walks a national year's periods in two halves and sorts on
  // two threads: every figure to the last bit as one tally in one pass.
  const auto rules = Rules();
  for (const std::vector<CostedPeriod>& periods :
       {ThreeClusters(), AcrossSuperclasses()}) {
    CostTally whole;
    for (const CostedPeriod& p : periods) whole.Add(p);
    const CostFigures want = std::move(whole).Finish(*rules);
    for (size_t half = 0; half <= periods.size(); ++half) {
      SCOPED_TRACE(half);
      CostTally first, second;
      for (size_t i = 0; i < periods.size(); ++i) {
        (i < half ? first : second).Add(periods[i]);
      }
      first.Append(std::move(second));
      const CostFigures got = std::move(first).Finish(*rules, /*threads=*/2);
      ExpectSameRows(got.homogeneity, want.homogeneity);
      ExpectSameBits(got.r_squared.per_period, want.r_squared.per_period);
      ExpectSameBits(got.r_squared.per_day, want.r_squared.per_day);
    }
  }
}

TEST(AnalysisCostTallyTest, AcrossSuperclassesByHand) {
  // AcrossSuperclasses: all clusters 52900 / 73000 (AllClusters above);
  // non-psychotic 0.8, psychotic 0 (WithinEachSuperclass); organic has no
  // period: none. Homogeneity rows: clusters 0, 1, 2, 10, 11, each per day
  // and per period = 10 rows; cluster 10 per period {100, 300}: mean 200,
  // median 200, sd sqrt(20000) = 141.42...
  CostTally tally;
  for (const CostedPeriod& p : AcrossSuperclasses()) tally.Add(p);
  const CostFigures f = std::move(tally).Finish(*Rules());
  EXPECT_NEAR(*f.r_squared.per_period, 52900.0L / 73000.0L, kTol);
  EXPECT_NEAR(*f.r_squared_by_superclass[0].second.per_day, 0.8L, kTol);
  EXPECT_EQ(*f.r_squared_by_superclass[1].second.per_period, 0.0L);
  EXPECT_FALSE(f.r_squared_by_superclass[2].second.per_period.has_value());
  ASSERT_EQ(f.homogeneity.size(), 10u);
  const HomogeneityRow& r = f.homogeneity[7];
  EXPECT_EQ(r.cluster.code(), 10);
  EXPECT_EQ(r.measure, CostMeasure::kPerPeriod);
  EXPECT_EQ(r.mean, 200.0L);
  EXPECT_EQ(r.median, 200.0L);
  EXPECT_NEAR(*r.sd, 141.4213562373095L, kTol);
  EXPECT_NEAR(r.p5, 110.0L, kTol);  // 100 + 0.05 * (300 - 100)
}

// Enough periods in a cluster (256 or more) that the values are sorted by
// radix, on the calling thread or Finish's second: 1,000 periods in
// cluster 3 of 3 * (999 - i) pence over 3 days, given in falling order,
// so 0..999 pence a day; and 600 in cluster 4 of i pence over 3 days, in
// a scrambled order (i * 7 mod 600), so i / 3 a day, whose significands
// differ in their last bits. Type-7 percentiles over n sorted values
// take h = (n - 1) p: cluster 3's median 499.5, p5 49.95, p25 249.75,
// p75 749.25, p95 949.05; cluster 4's median (299 + 0.5) / 3, p5
// 29.95 / 3, p95 569.05 / 3. The figures are the same bits whatever the
// thread count.
TEST(AnalysisCostTallyTest, ManyPeriodsAtOneTwoAndFourThreads) {
  auto rules = Rules();
  std::vector<CostFigures> figures;
  for (int threads : {1, 2, 4}) {
    CostTally tally;
    for (int i = 0; i < 1000; ++i) tally.Add(Period("P", 3, 3, 3 * (999 - i)));
    for (int i = 0; i < 600; ++i) tally.Add(Period("Q", 4, 3, (i * 7) % 600));
    figures.push_back(std::move(tally).Finish(*rules, threads));
  }
  const std::vector<HomogeneityRow>& rows = figures[0].homogeneity;
  ASSERT_EQ(rows.size(), 4u);
  const HomogeneityRow& day3 = rows[0];
  EXPECT_EQ(day3.measure, CostMeasure::kPerDay);
  EXPECT_EQ(day3.periods, 1000);
  EXPECT_NEAR(day3.mean, 499.5L, kTol);
  EXPECT_NEAR(day3.median, 499.5L, kTol);
  EXPECT_NEAR(day3.p5, 49.95L, kTol);
  EXPECT_NEAR(day3.p25, 249.75L, kTol);
  EXPECT_NEAR(day3.p75, 749.25L, kTol);
  EXPECT_NEAR(day3.p95, 949.05L, kTol);
  const HomogeneityRow& period3 = rows[1];
  EXPECT_EQ(period3.measure, CostMeasure::kPerPeriod);
  EXPECT_NEAR(period3.median, 3 * 499.5L, kTol);
  EXPECT_NEAR(period3.p5, 3 * 49.95L, kTol);
  const HomogeneityRow& day4 = rows[2];
  EXPECT_EQ(day4.periods, 600);
  EXPECT_NEAR(day4.median, 299.5L / 3, kTol);
  EXPECT_NEAR(day4.p5, 29.95L / 3, kTol);
  EXPECT_NEAR(day4.p95, 569.05L / 3, kTol);
  const HomogeneityRow& period4 = rows[3];
  EXPECT_NEAR(period4.median, 299.5L, kTol);
  for (size_t t = 1; t < figures.size(); ++t) {
    SCOPED_TRACE(t);
    ASSERT_EQ(figures[t].homogeneity.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      const HomogeneityRow &a = rows[r], &b = figures[t].homogeneity[r];
      EXPECT_EQ(a.mean, b.mean);
      EXPECT_EQ(a.sd, b.sd);
      EXPECT_EQ(a.median, b.median);
      EXPECT_EQ(a.p5, b.p5);
      EXPECT_EQ(a.p25, b.p25);
      EXPECT_EQ(a.p75, b.p75);
      EXPECT_EQ(a.p95, b.p95);
    }
  }
}

}  // namespace
}  // namespace mhpbr
