// Expected cost of a package for one review period (care_packages.md 1):
// share * (contacts * minutes * rate / 60 + bed days * ward rate) *
// (1e6 + overhead) / 1e6, each tier summed exactly and rounded once (half
// away from zero), the total the sum of the three rounded tiers. Every
// figure is worked by hand in the comments.

#include "mhpbr/package_costing.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "packages_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::packages_test::BedDays;
using ::mhpbr::packages_test::Contacts;
using ::mhpbr::packages_test::Contents;
using ::mhpbr::packages_test::Template;
using ::mhpbr::packages_test::TestCosts;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

void ExpectCost(const PackageCost& c, int cluster, int64_t core,
                int64_t essential, int64_t variance, int64_t total) {
  EXPECT_EQ(c.cluster, cluster);
  EXPECT_EQ(c.core_pence, core);
  EXPECT_EQ(c.essential_pence, essential);
  EXPECT_EQ(c.variance_pence, variance);
  EXPECT_EQ(c.total_pence, total);
}

TEST(PackageCostTest, FormatsExampleWorkedByHand) {
  // Overhead 180000 ppm (x 1.18).
  // core:      6 x 35 min at 3900 p/h = 210 * 3900 / 60 = 13650 * 1.18
  //            = 16107
  // essential: 8 x 60 min at 7400 p/h = 59200 * 1.18 = 69856, share 15%
  //            = 10478.4 -> 10478
  // variance:  10 bed days at 45500 = 455000 * 1.18 = 536900, share 0.5%
  //            = 2684.5 -> 2685 (half away from zero)
  // total = 16107 + 10478 + 2685 = 29270
  const PackageTemplate t = Template(
      1, {Contacts("c1-gsh", Tier::kCore, "pwp", 6, 35),
          Contacts("c1-hi", Tier::kEssential, "psychologist", 8, 60, 150000),
          BedDays("c1-adm", Tier::kVariance, "acute_adult", 10, 5000)});
  auto c = CostPackage(t, TestCosts());
  ASSERT_TRUE(c.ok()) << c.status();
  ExpectCost(*c, 1, 16107, 10478, 2685, 29270);
}

TEST(PackageCostTest, ElementCostIsExactAndAppliesTheGivenShare) {
  const UnitCosts costs = TestCosts();
  // Costs are whole numbers of 1/kPackageCostDenominator pence.
  const Int128 d = kPackageCostDenominator;
  // 8 x 60 min psychologist: 480 * 7400 / 60 * 1.18 = 69856 exactly, in
  // full (share 1e6) whatever the element's own share.
  const PackageElement hi_element =
      Contacts("c1-hi", Tier::kEssential, "psychologist", 8, 60, 150000);
  auto hi = ElementCost(hi_element, kPpm, costs);
  ASSERT_TRUE(hi.ok()) << hi.status();
  EXPECT_TRUE(*hi == Int128(69856) * d);
  // At a 15% share: 69856 * 0.15 = 10478.4.
  auto share = ElementCost(hi_element, 150000, costs);
  ASSERT_TRUE(share.ok()) << share.status();
  EXPECT_TRUE(*share == Int128(104784) * d / 10);
  // 1 x 13 min nurse_b6 (pricing.md): 13 * 5200 / 60 * 1.18 = 1329.4666...
  // = 19942 / 15, unrounded.
  auto c13 =
      ElementCost(Contacts("x", Tier::kCore, "nurse_b6", 1, 13), kPpm, costs);
  ASSERT_TRUE(c13.ok()) << c13.status();
  EXPECT_TRUE(*c13 == Int128(19942) * d / 15);
  // Contacts and bed days in one element add up: 2 x 30 min pwp = 60 *
  // 3900 / 60 = 3900 * 1.18 = 4602, plus 1 bed day acute_adult 45500 *
  // 1.18 = 53690: 58292.
  PackageElement both = Contacts("both", Tier::kCore, "pwp", 2, 30);
  both.ward = "acute_adult";
  both.bed_days_per_period = 1;
  auto b = ElementCost(both, kPpm, costs);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(*b == Int128(58292) * d);
}

TEST(PackageCostTest, OverheadAppliedBeforeTheOneRounding) {
  // 13 min at 5200 p/h: 1126.666... direct; rounding that first would give
  // 1127 * 1.18 = 1329.86 -> 1330. Exact: 1329.4666... -> 1329.
  auto c = CostPackage(
      Template(2, {Contacts("c2-x", Tier::kCore, "nurse_b6", 1, 13)}),
      TestCosts());
  ASSERT_TRUE(c.ok()) << c.status();
  ExpectCost(*c, 2, 1329, 0, 0, 1329);
}

TEST(PackageCostTest, EachTierIsSummedExactlyAndRoundedOnce) {
  // Core: two elements of 1 x 9 min nurse_b6, each 9 * 5200 / 60 * 1.18 =
  // 780 * 1.18 = 920.4. Rounded separately 920 + 920 = 1840; the exact sum
  // 1840.8 rounds once to 1841.
  // Essential: two bed-day elements of 1 day at 45300 p (ward w), each
  // 45300 * 1.18 = 53454, share 10% = 5345.4; separately 10690, exactly
  // 10690.8 -> 10691.
  // Variance: three elements of 1 x 6 min nurse_b6 = 520 * 1.18 = 613.6,
  // each at share 50% = 306.8; separately 307 * 3 = 921, exactly 920.4 ->
  // 920.
  auto costs =
      UnitCosts::Create("t", 180000, {{"nurse_b6", 5200}}, {{"w", 45300}});
  ASSERT_TRUE(costs.ok()) << costs.status();
  const PackageTemplate t =
      Template(6, {Contacts("a", Tier::kCore, "nurse_b6", 1, 9),
                   Contacts("b", Tier::kCore, "nurse_b6", 1, 9),
                   BedDays("c", Tier::kEssential, "w", 1, 100000),
                   BedDays("d", Tier::kEssential, "w", 1, 100000),
                   Contacts("e", Tier::kVariance, "nurse_b6", 1, 6, 500000),
                   Contacts("f", Tier::kVariance, "nurse_b6", 1, 6, 500000),
                   Contacts("g", Tier::kVariance, "nurse_b6", 1, 6, 500000)});
  auto c = CostPackage(t, *costs);
  ASSERT_TRUE(c.ok()) << c.status();
  // Total is the sum of the rounded tiers: 1841 + 10691 + 920 = 13452.
  ExpectCost(*c, 6, 1841, 10691, 920, 13452);
}

TEST(PackageCostTest, TotalIsSumOfRoundedTiersNotRoundedExactTotal) {
  // The tiers' fractions add past a half: core 1 x 9 min nurse_b6 =
  // 780 * 1.18 = 920.4 -> 920;
  // essential 1 x 9 min nurse_b6 at 100% = 920.4 -> 920; variance the same
  // -> 920. Exact total 2761.2 -> 2761, but the spec's total is the sum of
  // the three rounded tiers: 2760.
  auto costs = UnitCosts::Create("t", 180000, {{"nurse_b6", 5200}}, {});
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto c = CostPackage(
      Template(7, {Contacts("a", Tier::kCore, "nurse_b6", 1, 9),
                   Contacts("b", Tier::kEssential, "nurse_b6", 1, 9, 1000000),
                   Contacts("c", Tier::kVariance, "nurse_b6", 1, 9, 1000000)}),
      *costs);
  ASSERT_TRUE(c.ok()) << c.status();
  ExpectCost(*c, 7, 920, 920, 920, 2760);
}

TEST(PackageCostTest, ZeroOverheadAndEmptyTiers) {
  // No overhead: 6 x 35 min pwp = 13650 exactly; no essential or variance.
  auto c = CostPackage(Template(11, {Contacts("a", Tier::kCore, "pwp", 6, 35)}),
                       TestCosts(0));
  ASSERT_TRUE(c.ok()) << c.status();
  ExpectCost(*c, 11, 13650, 0, 0, 13650);
  // A template with no elements costs nothing.
  auto empty = CostPackage(Template(12, {}), TestCosts());
  ASSERT_TRUE(empty.ok()) << empty.status();
  ExpectCost(*empty, 12, 0, 0, 0, 0);
}

TEST(PackageCostTest, HalfPennyRoundsAwayFromZeroInEveryTier) {
  // 45 min pwp = 2925 * 1.18 = 3451.5 -> 3452 (core);
  // essential at 100%: the same -> 3452; variance 1 bed day at 45500 and
  // share 1 ppm: 53690 / 1e6 = 0.05369 -> 0.
  auto c = CostPackage(
      Template(13, {Contacts("a", Tier::kCore, "pwp", 1, 45),
                    Contacts("b", Tier::kEssential, "pwp", 1, 45, 1000000),
                    BedDays("c", Tier::kVariance, "acute_adult", 1, 1)}),
      TestCosts());
  ASSERT_TRUE(c.ok()) << c.status();
  ExpectCost(*c, 13, 3452, 3452, 0, 6904);
}

TEST(PackageCostTest, UnknownStaffGroupOrWardIsAnErrorNamingElementAndField) {
  auto staff = CostPackage(
      Template(1, {Contacts("c1-x", Tier::kCore, "counsellor", 2, 30)}),
      TestCosts());
  ASSERT_FALSE(staff.ok());
  EXPECT_EQ(staff.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(staff.status().message()),
              AllOf(HasSubstr("element c1-x"), HasSubstr("staff_group"),
                    HasSubstr("counsellor")));
  auto ward = ElementCost(BedDays("c1-adm", Tier::kVariance, "nowhere", 2, 100),
                          kPpm, TestCosts());
  ASSERT_FALSE(ward.ok());
  EXPECT_THAT(std::string(ward.status().message()),
              AllOf(HasSubstr("element c1-adm"), HasSubstr("ward"),
                    HasSubstr("nowhere")));
}

TEST(CostCatalogueTest, OneRowPerTemplateSortedByClusterErrorsNameCluster) {
  // Templates given out of order come back sorted by cluster.
  auto cat = PackageCatalogue::Create(Contents(
      {Template(14, {Contacts("c14-a", Tier::kCore, "pwp", 1, 45)}),
       Template(0, {Contacts("c0-a", Tier::kCore, "nurse_b6", 1, 13)}),
       Template(5,
                {BedDays("c5-a", Tier::kVariance, "acute_adult", 10, 5000)})}));
  ASSERT_TRUE(cat.ok()) << cat.status();
  auto rows = CostCatalogue(**cat, TestCosts());
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_THAT(*rows, SizeIs(3));
  ExpectCost((*rows)[0], 0, 1329, 0, 0, 1329);   // 13 min nurse_b6
  ExpectCost((*rows)[1], 5, 0, 0, 2685, 2685);   // 536900 * 0.5%
  ExpectCost((*rows)[2], 14, 3452, 0, 0, 3452);  // 3451.5 -> 3452

  // A staff group the unit costs lack: the error names the cluster, the
  // element and the field.
  auto bad = PackageCatalogue::Create(Contents(
      {Template(1, {Contacts("c1-a", Tier::kCore, "pwp", 1, 45)}),
       Template(17,
                {Contacts("c17-x", Tier::kCore, "art_therapist", 4, 60)})}));
  ASSERT_TRUE(bad.ok()) << bad.status();
  auto err = CostCatalogue(**bad, TestCosts());
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(err.status().message()),
              AllOf(HasSubstr("cluster 17"), HasSubstr("element c17-x"),
                    HasSubstr("staff_group"), HasSubstr("art_therapist")));
}

TEST(PackageCostTest, LargestValidQuantitiesAndRatesCostExactly) {
  // Every input within the validated limits (contacts <= 1000, minutes <=
  // 1440, shares <= 1e6 ppm, rates <= 1e8 p, overhead <= 1e7 ppm), with
  // values that share few factors with 60 and 1e6 so that the fractions
  // hardly reduce. Each element costs about 2.6e13 p, well inside 64 bits,
  // so the exact tier must come out:
  //   tier = sum_i c_i * m_i * r_i / 60 * (1e6 + 9999997) / 1e6 * s_i / 1e6
  //        = N / 6e13 with
  //   N = 997*1439*99999989*10999997*999997
  //     + 991*1433*99999971*10999997*999983   (about 3.2e27 < 2^127),
  // one 128-bit division done here, rounded half away from zero.
  auto costs =
      UnitCosts::Create("t", 9999997, {{"s1", 99999989}, {"s2", 99999971}}, {});
  ASSERT_TRUE(costs.ok()) << costs.status();
  const PackageTemplate t =
      Template(8, {Contacts("a", Tier::kEssential, "s1", 997, 1439, 999997),
                   Contacts("b", Tier::kEssential, "s2", 991, 1433, 999983)});
  ASSERT_TRUE(ValidateCatalogue(Contents({t}), &*costs).empty());
  const Int128 n = Int128(997) * 1439 * 99999989 * 10999997 * 999997 +
                   Int128(991) * 1433 * 99999971 * 10999997 * 999983;
  const Int128 den = Int128(60) * 1000000 * 1000000;
  // Half away from zero on a positive value: floor((2n + den) / (2den)).
  const int64_t expected = static_cast<int64_t>((2 * n + den) / (2 * den));
  ASSERT_GT(expected, int64_t{50000000000000});  // about 5.2e13 p
  auto c = CostPackage(t, *costs);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->essential_pence, expected);
  EXPECT_EQ(c->total_pence, expected);
}

}  // namespace
}  // namespace mhpbr
