// MHSDS extracts as shipped (mhsds.md "The tables as shipped"): headers in
// any case, the derived Person_ID, and ClustCat: only the adult tool (01 or
// empty) is classified; the other tools' rows are counted by category, not
// rejected and not mixed in; an unknown category is rejected.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/mhsds.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

std::vector<std::string> Rejects(const std::vector<RowReject>& rejects) {
  std::vector<std::string> out;
  for (const RowReject& r : rejects) {
    out.push_back(absl::StrCat(r.file, ":", r.line, ":", r.id, ": ", r.reason));
  }
  return out;
}

TEST(MhsdsToolCategoryTest, Mhs801ClustCat) {
  periods_test::File map_file =
      periods_test::TextFile("concept_id,item\nc1,1\nc2,2\n");
  auto map = ReadItemMap(map_file.get(), "item_map.csv");
  ASSERT_TRUE(map.ok()) << map.status();
  periods_test::File tool = periods_test::TextFile(
      "clustid,LOCALPATIENTID,AssToolCompDate,clustcat\n"
      "K1,P1,2023-04-01,01\n"
      "K2,P2,2023-04-02,03\n"
      "K3,P3,2023-04-03,\n"
      "K4,P4,2023-04-04,07\n"
      "K5,P5,2023-04-05,05\n"
      "K6,P6,2023-04-06,03\n");
  periods_test::File ratings = periods_test::TextFile(
      "CLUSTID,codedasstooltype,persscore\n"
      "K1,c1,2\n"
      "K2,c1,3\n"    // an LD tool's rating: read, not used, not rejected
      "K4,c1,1\n");  // its MHS801 row was rejected
  auto x = ReadMhs801And802(tool.get(), "mhs801.csv", ratings.get(),
                            "mhs802.csv", *map);
  ASSERT_TRUE(x.ok()) << x.status();
  std::vector<std::string> ids;
  for (const MhsdsAssessment& a : x->assessments) {
    ids.push_back(a.record.assessment_id);
  }
  EXPECT_THAT(ids, ElementsAre("K1", "K3"));
  EXPECT_EQ(x->assessments[0].record.ratings.rating(Item::kAggression), 2);
  EXPECT_THAT(x->tool_categories, ElementsAre(Pair("03", 2), Pair("05", 1)));
  EXPECT_THAT(
      Rejects(x->rejects),
      ElementsAre("mhs801.csv:5:K4: clust_cat: ClustCat '07' is not a "
                  "clustering tool category (01-06)",
                  "mhs802.csv:4:K4: ClustId: 'K4' has no accepted MHS801 row"));
  EXPECT_EQ(x->rows_read, 9);  // 6 MHS801 + 3 MHS802
}

TEST(MhsdsToolCategoryTest, Mhs803OtherToolsFinalCodes) {
  periods_test::File f = periods_test::TextFile(
      "clustid,Person_ID,startdatecareclust,ENDDATECARECLUST,"
      "amhcareclustcodefin,LDCareClustCodeFin,FMHCareClustCodeFin,"
      "FLDCareClustCodeFin\n"
      "C1,P1,2023-04-01,,11,,,\n"
      "C2,P2,2023-04-01,,,LD1,,\n"
      "C3,P3,2023-04-01,,,,F2,\n"
      "C4,P4,2023-04-01,,,,,FL3\n"
      "C5,P5,2023-04-01,,,,,\n");  // no code at all: rejected
  auto r = ReadMhs803(f.get(), "mhs803.csv");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].patient_id, "P1");  // from Person_ID
  EXPECT_EQ(r->events[0].cluster.code(), 11);
  EXPECT_THAT(r->tool_categories,
              ElementsAre(Pair("03", 1), Pair("04", 1), Pair("05", 1)));
  ASSERT_EQ(r->rejects.size(), 1u);
  EXPECT_EQ(r->rejects[0].line, 6);
  EXPECT_EQ(r->rows_read, 5);
}

TEST(MhsdsToolCategoryTest, MissingColumnNamesItsAliases) {
  periods_test::File f =
      periods_test::TextFile("ClustId,StartDateCareClust,EndDateCareClust\n");
  auto r = ReadMhs803(f.get(), "mhs803.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "mhs803.csv: missing columns LocalPatientId or Person_ID, "
            "AMHCareClustCodeFin");
}

}  // namespace
}  // namespace mhpbr
