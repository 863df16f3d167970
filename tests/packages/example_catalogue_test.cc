// The example catalogue compiled into the library (care_packages.md): one
// template for every cluster 0-8 and 10-21, valid against the example unit
// costs, costed per tier, every element naming NICE guidance, and labelled
// as an example a trust replaces.

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/package_text.h"
#include "packages_test_util.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string Lower(absl::string_view s) { return absl::AsciiStrToLower(s); }

TEST(ExampleCatalogueTest, OneTemplatePerCluster) {
  auto contents = ParsePackageCatalogueText(ExamplePackageCatalogueText(),
                                            "example catalogue");
  ASSERT_TRUE(contents.ok()) << contents.status();
  std::array<int, 22> count{};
  for (const PackageTemplate& t : contents->templates) {
    ASSERT_TRUE(Cluster::IsValidCode(t.cluster_code)) << t.cluster_code;
    ++count[t.cluster_code];
  }
  for (int code = 0; code <= 21; ++code) {
    EXPECT_EQ(count[code], code == 9 ? 0 : 1) << "cluster " << code;
  }
  EXPECT_THAT(contents->templates, SizeIs(21));

  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  for (int i = 0; i < Cluster::kCount; ++i) {
    const Cluster c = Cluster::FromIndex(i);
    const PackageTemplate* t = (*catalogue)->Find(c);
    ASSERT_NE(t, nullptr) << "cluster " << c.code();
    EXPECT_EQ(t->cluster_code, c.code());
    EXPECT_FALSE(t->elements.empty()) << "cluster " << c.code();
    EXPECT_FALSE(t->notes.empty()) << "cluster " << c.code();
    // Every template has core elements: what everyone in the cluster gets.
    EXPECT_TRUE(std::any_of(
        t->elements.begin(), t->elements.end(),
        [](const PackageElement& e) { return e.tier == Tier::kCore; }))
        << "cluster " << c.code();
  }
}

TEST(ExampleCatalogueTest, ValidAgainstTheExampleUnitCosts) {
  auto contents = ParsePackageCatalogueText(ExamplePackageCatalogueText(),
                                            "example catalogue");
  ASSERT_TRUE(contents.ok()) << contents.status();
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  std::vector<std::string> lines;
  for (const PackageProblem& p : ValidateCatalogue(*contents, &*costs)) {
    lines.push_back(p.ToString());
  }
  EXPECT_THAT(lines, IsEmpty());
}

TEST(ExampleCatalogueTest, EveryTemplateCostsByTier) {
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto rows = CostCatalogue(**catalogue, *costs);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_THAT(*rows, SizeIs(21));
  for (size_t i = 0; i < rows->size(); ++i) {
    const PackageCost& r = (*rows)[i];
    EXPECT_EQ(r.cluster, Cluster::FromIndex(static_cast<int>(i)).code());
    EXPECT_EQ(r.total_pence,
              r.core_pence + r.essential_pence + r.variance_pence);
    const PackageTemplate* t =
        (*catalogue)->Find(*Cluster::FromCode(r.cluster));
    ASSERT_NE(t, nullptr);
    bool has[3] = {false, false, false};
    for (const PackageElement& e : t->elements) {
      has[static_cast<int>(*e.tier)] = true;
    }
    const int64_t tiers[3] = {r.core_pence, r.essential_pence,
                              r.variance_pence};
    for (int k = 0; k < 3; ++k) {
      if (has[k]) {
        EXPECT_GT(tiers[k], 0) << "cluster " << r.cluster << " tier " << k;
      } else {
        EXPECT_EQ(tiers[k], 0) << "cluster " << r.cluster << " tier " << k;
      }
    }
  }
}

TEST(ExampleCatalogueTest, Cluster1And10WorkedByHand) {
  // Example unit costs: pwp 3900, psychologist 7400, psychiatrist 14500,
  // nurse_b6 5200, ot 5000 p/h, acute_adult 45500 p/day, overhead 1.18.
  // Cluster 1: core c1-gsh 6 x 35 pwp = 13650 and c1-psyed 1 x 45 pwp =
  //   2925: 16575 * 1.18 = 19558.5 -> 19559;
  //   essential c1-hi 8 x 60 psychologist = 59200 * 1.18 * 10% = 6985.6
  //   -> 6986; variance c1-med 1 x 30 psychiatrist = 7250 * 1.18 * 2% =
  //   171.1 -> 171; total 26716.
  // Cluster 10: core 40 x 60 nurse_b6 208000 + 16 x 60 psychologist 118400
  //   + 6 x 30 psychiatrist 43500 + 4 x 30 nurse_b6 10400 = 380300 * 1.18
  //   = 448754; essential family intervention 10 x 60 psychologist 74000 *
  //   1.18 * 50% = 43660 + supported employment 12 x 60 ot 60000 * 1.18 *
  //   40% = 28320: 71980; variance crisis 20 x 60 nurse_b6 104000 * 1.18 *
  //   15% = 18408 + admission 28 days 1274000 * 1.18 * 10% = 150332:
  //   168740; total 689474.
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  auto c1 = CostPackage(*(*catalogue)->Find(*Cluster::FromCode(1)), *costs);
  ASSERT_TRUE(c1.ok()) << c1.status();
  EXPECT_EQ(c1->core_pence, 19559);
  EXPECT_EQ(c1->essential_pence, 6986);
  EXPECT_EQ(c1->variance_pence, 171);
  EXPECT_EQ(c1->total_pence, 26716);
  auto c10 = CostPackage(*(*catalogue)->Find(*Cluster::FromCode(10)), *costs);
  ASSERT_TRUE(c10.ok()) << c10.status();
  EXPECT_EQ(c10->core_pence, 448754);
  EXPECT_EQ(c10->essential_pence, 71980);
  EXPECT_EQ(c10->variance_pence, 168740);
  EXPECT_EQ(c10->total_pence, 689474);
}

TEST(ExampleCatalogueTest, EveryElementNamesNiceGuidance) {
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  int elements = 0;
  for (const PackageTemplate& t : (*catalogue)->templates()) {
    for (const PackageElement& e : t.elements) {
      ++elements;
      EXPECT_TRUE(absl::StartsWith(e.guidance, "NICE"))
          << e.id << ": " << e.guidance;
      EXPECT_FALSE(e.name.empty()) << e.id;
      EXPECT_FALSE(e.intervention.empty()) << e.id;
      EXPECT_NE(e.setting, CareSetting::kUnspecified) << e.id;
      // Ids name their cluster ("c10-cbtp").
      EXPECT_TRUE(
          absl::StartsWith(e.id, "c" + std::to_string(t.cluster_code) + "-"))
          << e.id;
    }
  }
  EXPECT_GT(elements, 21 * 2);
}

TEST(ExampleCatalogueTest, SourceSaysItIsAnExample) {
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  EXPECT_THAT(Lower((*catalogue)->source()), HasSubstr("example"));
  EXPECT_THAT(Lower((*catalogue)->source()), HasSubstr("replaces"));
  EXPECT_FALSE((*catalogue)->financial_year().empty());
  auto costs = ExampleUnitCosts();
  ASSERT_TRUE(costs.ok()) << costs.status();
  EXPECT_THAT(Lower(costs->source()), HasSubstr("illustrative"));
}

TEST(ExampleCatalogueTest, InterventionsTheSpecNames) {
  // care_packages.md: guided self-help and psychoeducation for cluster 1;
  // high-intensity psychological therapy for clusters 3-4; early
  // intervention in psychosis with CBT for psychosis and family
  // intervention for cluster 10; cognitive stimulation and carer support
  // for clusters 18-21.
  auto catalogue = ExamplePackageCatalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto text_of = [&](int code) {
    std::string all;
    for (const PackageElement& e :
         (*catalogue)->Find(*Cluster::FromCode(code))->elements) {
      all += Lower(e.name) + " | " + Lower(e.intervention) + "\n";
    }
    return all;
  };
  EXPECT_THAT(text_of(1), HasSubstr("guided self-help"));
  EXPECT_THAT(text_of(1), HasSubstr("psychoeducation"));
  EXPECT_THAT(text_of(3), HasSubstr("high-intensity psychological therapy"));
  EXPECT_THAT(text_of(4), HasSubstr("high-intensity psychological therapy"));
  EXPECT_THAT(text_of(10), HasSubstr("early intervention in psychosis"));
  EXPECT_THAT(text_of(10), HasSubstr("cbt for psychosis"));
  EXPECT_THAT(text_of(10), HasSubstr("family intervention"));
  for (int code : {18, 19, 20, 21}) {
    EXPECT_THAT(text_of(code), HasSubstr("cognitive stimulation")) << code;
    EXPECT_THAT(text_of(code), HasSubstr("carer")) << code;
  }
}

}  // namespace
}  // namespace mhpbr
