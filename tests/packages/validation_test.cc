// Catalogue validation (care_packages.md, "Bad templates"): one test per
// rule, each checking that the problem names the cluster, the element id and
// the field, and that every problem of a catalogue is reported.

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/care_package.h"
#include "mhpbr/package_text.h"
#include "packages_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::packages_test::BedDays;
using ::mhpbr::packages_test::Contacts;
using ::mhpbr::packages_test::Contents;
using ::mhpbr::packages_test::Template;
using ::mhpbr::packages_test::TestCosts;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A problem at (cluster, element, field) whose message contains `text`.
::testing::Matcher<PackageProblem> Problem(int cluster, std::string element,
                                           std::string field,
                                           std::string text = "") {
  return AllOf(Field("cluster", &PackageProblem::cluster, cluster),
               Field("element_id", &PackageProblem::element_id, element),
               Field("field", &PackageProblem::field, field),
               Field("message", &PackageProblem::message, HasSubstr(text)));
}

// The valid template the tests spoil one field at a time (the formats.md
// example): a core contact, an essential contact, a variance admission.
PackageTemplate Valid(int cluster = 1) {
  const std::string p = "c" + std::to_string(cluster);
  return Template(
      cluster,
      {Contacts(p + "-gsh", Tier::kCore, "pwp", 6, 35),
       Contacts(p + "-hi", Tier::kEssential, "psychologist", 8, 60, 150000),
       BedDays(p + "-adm", Tier::kVariance, "acute_adult", 10, 5000)});
}

// Problems of a one-template catalogue whose element `index` is `e`.
std::vector<PackageProblem> WithElement(int index, PackageElement e,
                                        const UnitCosts* costs = nullptr) {
  PackageTemplate t = Valid();
  t.elements[index] = std::move(e);
  return ValidateCatalogue(Contents({t}), costs);
}

TEST(ValidateCatalogueTest, ValidCatalogueHasNoProblems) {
  const UnitCosts costs = TestCosts();
  EXPECT_THAT(ValidateCatalogue(Contents({Valid(1), Valid(3)})), IsEmpty());
  EXPECT_THAT(ValidateCatalogue(Contents({Valid(1), Valid(3)}), &costs),
              IsEmpty());
  EXPECT_TRUE(PackageCatalogue::Create(Contents({Valid(1), Valid(3)})).ok());
}

TEST(ValidateCatalogueTest, ProblemToStringNamesClusterElementAndField) {
  PackageProblem p{3, "c3-cbt", "contacts_per_period", "must not be negative"};
  EXPECT_EQ(p.ToString(),
            "cluster 3 element c3-cbt contacts_per_period: must not be "
            "negative");
  PackageProblem t{9, "", "cluster", "is not a cluster (0-8, 10-21)"};
  EXPECT_EQ(t.ToString(), "cluster 9 cluster: is not a cluster (0-8, 10-21)");
}

TEST(ValidateCatalogueTest, ClusterNineIsUnknown) {
  const auto problems = ValidateCatalogue(Contents({Valid(9)}));
  EXPECT_THAT(problems,
              ElementsAre(Problem(9, "", "cluster", "not a cluster")));
  EXPECT_THAT(problems[0].ToString(), HasSubstr("cluster 9 cluster:"));
}

TEST(ValidateCatalogueTest, ClusterTwentyTwoAndNegativeAreUnknown) {
  EXPECT_THAT(ValidateCatalogue(Contents({Valid(22)})),
              ElementsAre(Problem(22, "", "cluster", "not a cluster")));
  PackageTemplate t = Valid(1);
  t.cluster_code = -1;
  EXPECT_THAT(ValidateCatalogue(Contents({t})),
              ElementsAre(Problem(-1, "", "cluster", "not a cluster")));
}

TEST(ValidateCatalogueTest, TwoTemplatesForOneCluster) {
  PackageTemplate second = Valid(4);
  second.cluster_code = 3;  // ids c4-*: no duplicate ids, only the cluster
  const auto problems = ValidateCatalogue(Contents({Valid(3), second}));
  EXPECT_THAT(problems,
              ElementsAre(Problem(3, "", "cluster", "two templates")));
  EXPECT_FALSE(PackageCatalogue::Create(Contents({Valid(3), second})).ok());
}

TEST(ValidateCatalogueTest, MissingTier) {
  PackageElement e = Contacts("c1-x", Tier::kCore, "pwp", 2, 30);
  e.tier.reset();
  EXPECT_THAT(WithElement(0, e), ElementsAre(Problem(1, "c1-x", "tier")));
}

TEST(ValidateCatalogueTest, MissingTierInTextFormat) {
  // TIER_UNSPECIFIED (no `tier:`) reads as no tier.
  auto contents = ParsePackageCatalogueText(
      R"pb(source: "t"
           templates {
             cluster: 2
             elements {
               id: "c2-a"
               name: "A"
               staff_group: "pwp"
               contacts_per_period: 1
               minutes_per_contact: 30
             }
           })pb",
      "inline");
  ASSERT_TRUE(contents.ok()) << contents.status();
  EXPECT_THAT(ValidateCatalogue(*contents),
              ElementsAre(Problem(2, "c2-a", "tier", "missing")));
}

TEST(ValidateCatalogueTest, NegativeContacts) {
  const auto problems =
      WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", -1, 35));
  EXPECT_THAT(problems, ElementsAre(Problem(1, "c1-gsh", "contacts_per_period",
                                            "must not be negative")));
  EXPECT_EQ(problems[0].ToString(),
            "cluster 1 element c1-gsh contacts_per_period: must not be "
            "negative");
}

TEST(ValidateCatalogueTest, NegativeMinutes) {
  // Negative, and so also not the minutes that contacts need.
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 6, -35)),
              ::testing::Contains(Problem(1, "c1-gsh", "minutes_per_contact",
                                          "must not be negative")));
  // Negative minutes without contacts is still wrong.
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 0, -1)),
              ElementsAre(Problem(1, "c1-gsh", "minutes_per_contact",
                                  "must not be negative")));
}

TEST(ValidateCatalogueTest, NegativeBedDays) {
  EXPECT_THAT(
      WithElement(2,
                  BedDays("c1-adm", Tier::kVariance, "acute_adult", -10, 5000)),
      ElementsAre(Problem(1, "c1-adm", "bed_days_per_period", "negative")));
}

TEST(ValidateCatalogueTest, AbsurdQuantitiesAboveTheLimits) {
  // The limits themselves are accepted.
  EXPECT_THAT(
      WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 1000, 1440)),
      IsEmpty());
  EXPECT_THAT(WithElement(2, BedDays("c1-adm", Tier::kVariance, "acute_adult",
                                     366, 5000)),
              IsEmpty());
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 1001, 35)),
              ElementsAre(Problem(1, "c1-gsh", "contacts_per_period",
                                  "1001 is more than 1000")));
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 6, 1441)),
              ElementsAre(Problem(1, "c1-gsh", "minutes_per_contact",
                                  "1441 is more than 1440")));
  EXPECT_THAT(WithElement(2, BedDays("c1-adm", Tier::kVariance, "acute_adult",
                                     367, 5000)),
              ElementsAre(Problem(1, "c1-adm", "bed_days_per_period",
                                  "367 is more than 366")));
}

TEST(ValidateCatalogueTest, EssentialWithoutShare) {
  EXPECT_THAT(WithElement(1, Contacts("c1-hi", Tier::kEssential, "psychologist",
                                      8, 60, 0)),
              ElementsAre(Problem(1, "c1-hi", "share_ppm", "missing")));
}

TEST(ValidateCatalogueTest, VarianceWithoutShare) {
  EXPECT_THAT(
      WithElement(2, BedDays("c1-adm", Tier::kVariance, "acute_adult", 10, 0)),
      ElementsAre(Problem(1, "c1-adm", "share_ppm", "missing")));
}

TEST(ValidateCatalogueTest, ShareAboveOneMillionOrNegative) {
  // 1000000 ppm (everyone) is the top of the range.
  EXPECT_THAT(WithElement(1, Contacts("c1-hi", Tier::kEssential, "psychologist",
                                      8, 60, 1000000)),
              IsEmpty());
  EXPECT_THAT(WithElement(1, Contacts("c1-hi", Tier::kEssential, "psychologist",
                                      8, 60, 1000001)),
              ElementsAre(Problem(1, "c1-hi", "share_ppm", "out of range")));
  EXPECT_THAT(WithElement(2, BedDays("c1-adm", Tier::kVariance, "acute_adult",
                                     10, 2000000)),
              ElementsAre(Problem(1, "c1-adm", "share_ppm", "out of range")));
  EXPECT_THAT(WithElement(1, Contacts("c1-hi", Tier::kEssential, "psychologist",
                                      8, 60, -5)),
              ElementsAre(Problem(1, "c1-hi", "share_ppm", "out of range")));
}

TEST(ValidateCatalogueTest, ShareOnCoreElement) {
  EXPECT_THAT(
      WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 6, 35, 500000)),
      ElementsAre(Problem(1, "c1-gsh", "share_ppm", "core")));
}

TEST(ValidateCatalogueTest, DuplicateIdWithinTemplate) {
  PackageTemplate t = Valid(1);
  t.elements.push_back(Contacts("c1-gsh", Tier::kCore, "nurse_b6", 2, 30));
  EXPECT_THAT(ValidateCatalogue(Contents({t})),
              ElementsAre(Problem(1, "c1-gsh", "id", "another element")));
}

TEST(ValidateCatalogueTest, DuplicateIdAcrossTemplates) {
  PackageTemplate t = Valid(5);
  t.elements[1].id = "c1-hi";  // already in cluster 1's template
  const auto problems = ValidateCatalogue(Contents({Valid(1), t}));
  EXPECT_THAT(problems, ElementsAre(Problem(5, "c1-hi", "id")));
  EXPECT_EQ(problems[0].ToString(),
            "cluster 5 element c1-hi id: is used by another element of the "
            "catalogue");
}

TEST(ValidateCatalogueTest, ContactsWithoutStaffGroup) {
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "", 6, 35)),
              ElementsAre(Problem(1, "c1-gsh", "staff_group", "needed")));
}

TEST(ValidateCatalogueTest, ContactsWithoutMinutes) {
  EXPECT_THAT(WithElement(0, Contacts("c1-gsh", Tier::kCore, "pwp", 6, 0)),
              ElementsAre(Problem(1, "c1-gsh", "minutes_per_contact",
                                  "needed for contacts")));
}

TEST(ValidateCatalogueTest, BedDaysWithoutWard) {
  EXPECT_THAT(WithElement(2, BedDays("c1-adm", Tier::kVariance, "", 10, 5000)),
              ElementsAre(Problem(1, "c1-adm", "ward", "needed")));
}

TEST(ValidateCatalogueTest, EmptyIdNameAndSource) {
  PackageElement e = Contacts("", Tier::kCore, "pwp", 6, 35);
  EXPECT_THAT(WithElement(0, e), ElementsAre(Problem(1, "", "id", "empty")));
  e = Contacts("c1-gsh", Tier::kCore, "pwp", 6, 35);
  e.name.clear();
  EXPECT_THAT(WithElement(0, e),
              ElementsAre(Problem(1, "c1-gsh", "name", "empty")));
  PackageCatalogueContents c = Contents({Valid(1)});
  c.source.clear();
  EXPECT_THAT(ValidateCatalogue(c),
              ElementsAre(Field("field", &PackageProblem::field, "source")));
}

TEST(ValidateCatalogueTest, UnknownStaffGroupOnlyWithUnitCosts) {
  const UnitCosts costs = TestCosts();
  const PackageElement e = Contacts("c1-gsh", Tier::kCore, "counsellor", 6, 35);
  EXPECT_THAT(WithElement(0, e), IsEmpty());
  const auto problems = WithElement(0, e, &costs);
  EXPECT_THAT(problems,
              ElementsAre(Problem(1, "c1-gsh", "staff_group",
                                  "'counsellor' is not in the unit costs")));
  EXPECT_EQ(problems[0].ToString(),
            "cluster 1 element c1-gsh staff_group: 'counsellor' is not in the "
            "unit costs");
}

TEST(ValidateCatalogueTest, UnknownWardOnlyWithUnitCosts) {
  const UnitCosts costs = TestCosts();
  const PackageElement e =
      BedDays("c1-adm", Tier::kVariance, "eating_disorders", 10, 5000);
  EXPECT_THAT(WithElement(2, e), IsEmpty());
  EXPECT_THAT(WithElement(2, e, &costs),
              ElementsAre(Problem(1, "c1-adm", "ward",
                                  "'eating_disorders' is not in the unit "
                                  "costs")));
}

TEST(ValidateCatalogueTest, ReportsEveryProblem) {
  const UnitCosts costs = TestCosts();
  PackageTemplate a = Valid(1);
  a.elements[0].contacts_per_period = -6;  // c1-gsh
  a.elements[1].share_ppm = 0;             // c1-hi
  PackageTemplate b = Valid(9);            // unknown cluster
  b.elements[2].ward = "nowhere";          // c9-adm, with unit costs
  PackageTemplate c = Valid(12);
  c.elements[0].id = "c1-hi";  // duplicate of cluster 1's
  const auto problems = ValidateCatalogue(Contents({a, b, c}), &costs);
  EXPECT_THAT(problems, ElementsAre(Problem(1, "c1-gsh", "contacts_per_period"),
                                    Problem(1, "c1-hi", "share_ppm"),
                                    Problem(9, "", "cluster"),
                                    Problem(9, "c9-adm", "ward", "nowhere"),
                                    Problem(12, "c1-hi", "id")));

  // Create (no unit costs) fails with each of its four problems, "; "-joined.
  auto created = PackageCatalogue::Create(Contents({a, b, c}));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string m(created.status().message());
  EXPECT_THAT(m, AllOf(HasSubstr("cluster 1 element c1-gsh "
                                 "contacts_per_period: must not be negative"),
                       HasSubstr("cluster 1 element c1-hi share_ppm"),
                       HasSubstr("cluster 9 cluster"),
                       HasSubstr("cluster 12 element c1-hi id")));
  EXPECT_THAT(m, ::testing::Not(HasSubstr("nowhere")));
  EXPECT_EQ(std::count(m.begin(), m.end(), ';'), 3) << m;
}

TEST(ValidateElementTest, AddedElementSkipsTemplateShareRules) {
  // A person's added element is for them alone: no share is needed...
  const UnitCosts costs = TestCosts();
  EXPECT_THAT(ValidateElement(
                  Contacts("p-peer", Tier::kVariance, "support_worker", 4, 90),
                  1, /*in_template=*/false, &costs),
              IsEmpty());
  // ...but the same element in a template needs one.
  EXPECT_THAT(ValidateElement(
                  Contacts("p-peer", Tier::kVariance, "support_worker", 4, 90),
                  1, /*in_template=*/true, &costs),
              ElementsAre(Problem(1, "p-peer", "share_ppm")));
  // Quantities, tier and unit costs are still checked.
  PackageElement e = Contacts("p-x", Tier::kCore, "nobody", -1, 30);
  e.tier.reset();
  EXPECT_THAT(ValidateElement(e, 4, /*in_template=*/false, &costs),
              ElementsAre(Problem(4, "p-x", "tier"),
                          Problem(4, "p-x", "contacts_per_period")));
}

TEST(PackageCatalogueTest, FindAndElementLookup) {
  auto c = PackageCatalogue::Create(Contents({Valid(12), Valid(1)}));
  ASSERT_TRUE(c.ok()) << c.status();
  // Sorted by cluster.
  ASSERT_THAT((*c)->templates(), SizeIs(2));
  EXPECT_EQ((*c)->templates()[0].cluster_code, 1);
  EXPECT_EQ((*c)->templates()[1].cluster_code, 12);
  ASSERT_NE((*c)->Find(*Cluster::FromCode(12)), nullptr);
  EXPECT_EQ((*c)->Find(*Cluster::FromCode(12))->cluster_code, 12);
  EXPECT_EQ((*c)->Find(*Cluster::FromCode(3)), nullptr);
  ASSERT_NE((*c)->FindElement("c12-hi"), nullptr);
  EXPECT_EQ((*c)->FindElement("c12-hi")->share_ppm, 150000);
  EXPECT_EQ((*c)->FindElement("c3-hi"), nullptr);
  EXPECT_EQ((*c)->ElementCluster("c12-adm"), 12);
  EXPECT_EQ((*c)->ElementCluster("c1-gsh"), 1);
  EXPECT_EQ((*c)->ElementCluster("nope"), -1);
  EXPECT_EQ((*c)->source(), "Test catalogue");
  EXPECT_EQ((*c)->financial_year(), "2023/24");
}

}  // namespace
}  // namespace mhpbr
