// Reading MHSDS-shaped extracts (mhsds.md; formats.md "Reading MHSDS
// extracts"): MHS803 care clusters to period events, the item map, and
// MHS801 + MHS802 to assessments that classify exactly like the plain CSV.

#include "mhpbr/mhsds.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/classifier.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/period_builder.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::D;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kMhs803Header[] =
    "ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
    "AMHCareClustCodeFin\n";

MhsdsEvents Read803(const std::string& rows) {
  periods_test::File f = periods_test::TextFile(kMhs803Header + rows);
  auto r = ReadMhs803(f.get(), "mhs803.csv");
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : MhsdsEvents();
}

std::vector<PeriodEvent> ReadEventsCsv(const std::string& text) {
  periods_test::File f = periods_test::TextFile(text);
  auto reader = EventCsvReader::Open(f.get(), "events.csv");
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<PeriodEvent> events;
  EventRow row;
  while (reader.ok() && (*reader)->Next(&row)) {
    EXPECT_EQ(row.error, "") << row.line;
    events.push_back(row.event);
  }
  return events;
}

std::string Event(const PeriodEvent& e) {
  return absl::StrCat(
      e.patient_id, " ", FormatIsoDate(e.date), " ", EventKindName(e.kind),
      e.kind == EventKind::kAllocate ? absl::StrCat(" ", e.cluster.code()) : "",
      " @", e.line);
}

std::vector<std::string> Events(const MhsdsEvents& x) {
  std::vector<std::string> out;
  for (const PeriodEvent& e : x.events) out.push_back(Event(e));
  return out;
}

std::vector<std::string> Periods(const std::vector<PeriodEvent>& events) {
  auto rules = periods_test::TestRules();
  std::vector<std::string> out;
  if (rules == nullptr) return out;
  const PeriodBuild b = BuildPeriods(events, D(2023, 12, 31), *rules);
  EXPECT_THAT(b.errors, IsEmpty());
  for (const ClusterPeriod& p : b.periods) {
    out.push_back(absl::StrCat(
        p.patient_id, ",", p.cluster.code(), ",", FormatIsoDate(p.start), ",",
        p.end ? FormatIsoDate(*p.end) : "", ",", p.days, ",",
        FormatIsoDate(p.review_due), ",", p.overdue_days, ",",
        p.transition_ok ? "y" : "n"));
  }
  return out;
}

// The end recorded as the period's last day.
constexpr char kEndIsLastDay[] =
    "C1,P1,2023-01-01,2023-03-31,01\n"
    "C2,P1,2023-04-01,2023-06-30,03\n"
    "C3,P1,2023-07-01,2023-08-15,04\n"
    "C4,P1,2023-10-01,,11\n"
    "C5,P2,2023-02-10,2023-02-12,14\n"
    "C6,P3,2023-02-13,,00\n";
// The end recorded as the next period's start.
constexpr char kEndIsNextStart[] =
    "C1,P1,2023-01-01,2023-04-01,01\n"
    "C2,P1,2023-04-01,2023-07-01,03\n"
    "C3,P1,2023-07-01,2023-08-15,04\n"
    "C4,P1,2023-10-01,,11\n"
    "C5,P2,2023-02-10,2023-02-12,14\n"
    "C6,P3,2023-02-13,,00\n";
// The same history as plain events.
constexpr char kPlainEvents[] =
    "patient_id,date,event,cluster\n"
    "P1,2023-01-01,allocate,1\n"
    "P1,2023-04-01,allocate,3\n"
    "P1,2023-07-01,allocate,4\n"
    "P1,2023-08-15,discharge,\n"
    "P1,2023-10-01,allocate,11\n"
    "P2,2023-02-10,allocate,14\n"
    "P2,2023-02-12,discharge,\n"
    "P3,2023-02-13,allocate,0\n";

TEST(PeriodStageMhsds, EndFollowedByAStartGivesNoDischarge) {
  const MhsdsEvents a = Read803(kEndIsLastDay);
  EXPECT_THAT(a.rejects, IsEmpty());
  EXPECT_EQ(a.rows_read, 6);
  // Row order; a discharge follows its row's allocation. P2's end is
  // followed by P3's start, but P3 is someone else.
  EXPECT_THAT(
      Events(a),
      ElementsAre("P1 2023-01-01 allocate 1 @2", "P1 2023-04-01 allocate 3 @3",
                  "P1 2023-07-01 allocate 4 @4", "P1 2023-08-15 discharge @4",
                  "P1 2023-10-01 allocate 11 @5",
                  "P2 2023-02-10 allocate 14 @6", "P2 2023-02-12 discharge @6",
                  "P3 2023-02-13 allocate 0 @7"));
  const MhsdsEvents b = Read803(kEndIsNextStart);
  EXPECT_THAT(b.rejects, IsEmpty());
  EXPECT_EQ(Events(b), Events(a));
}

TEST(PeriodStageMhsds, BothEndStylesGiveThePlainEventsPeriods) {
  const std::vector<std::string> want = {
      "P1,1,2023-01-01,2023-03-31,90,2023-03-26,5,y",
      "P1,3,2023-04-01,2023-06-30,91,2023-10-01,0,y",
      "P1,4,2023-07-01,2023-08-15,46,2024-01-01,0,y",
      "P1,11,2023-10-01,,92,2024-10-01,0,y",
      "P2,14,2023-02-10,2023-02-12,3,2023-03-10,0,y",
      "P3,0,2023-02-13,,322,2023-08-13,140,y",
  };
  EXPECT_EQ(Periods(ReadEventsCsv(kPlainEvents)), want);
  EXPECT_EQ(Periods(Read803(kEndIsLastDay).events), want);
  EXPECT_EQ(Periods(Read803(kEndIsNextStart).events), want);
  // Row order in the extract does not matter either.
  EXPECT_EQ(Periods(Read803("C6,P3,2023-02-13,,00\n"
                            "C4,P1,2023-10-01,,11\n"
                            "C3,P1,2023-07-01,2023-08-15,04\n"
                            "C2,P1,2023-04-01,2023-07-01,03\n"
                            "C5,P2,2023-02-10,2023-02-12,14\n"
                            "C1,P1,2023-01-01,2023-04-01,01\n")
                        .events),
            want);
}

TEST(PeriodStageMhsds, EndWithALaterGapGivesADischarge) {
  const MhsdsEvents x = Read803(
      "C1,P1,2023-01-01,2023-03-31,01\n"
      "C2,P1,2023-04-02,,03\n");
  EXPECT_THAT(Events(x), ElementsAre("P1 2023-01-01 allocate 1 @2",
                                     "P1 2023-03-31 discharge @2",
                                     "P1 2023-04-02 allocate 3 @3"));
  EXPECT_THAT(Periods(x.events),
              ElementsAre("P1,1,2023-01-01,2023-03-31,90,2023-03-26,5,y",
                          "P1,3,2023-04-02,,274,2023-10-02,90,y"));
}

// formats.md: an end date gives a discharge "unless ANOTHER row of the same
// patient starts on that date or the day after". A one-day period (end ==
// start) with no other row must still end.
TEST(PeriodStageMhsds, OneDayRowIsDischarged) {
  const MhsdsEvents x = Read803("C1,P1,2023-02-10,2023-02-10,14\n");
  EXPECT_THAT(Events(x), ElementsAre("P1 2023-02-10 allocate 14 @2",
                                     "P1 2023-02-10 discharge @2"));
  EXPECT_THAT(Periods(x.events),
              ElementsAre("P1,14,2023-02-10,2023-02-10,1,2023-03-10,0,y"));
}

TEST(PeriodStageMhsds, OneDayRowFollowedByTheNextStart) {
  const MhsdsEvents x = Read803(
      "C1,P1,2023-02-10,2023-02-10,14\n"
      "C2,P1,2023-02-11,,10\n");
  EXPECT_THAT(Periods(x.events),
              ElementsAre("P1,14,2023-02-10,2023-02-10,1,2023-03-10,0,y",
                          "P1,10,2023-02-11,,324,2024-02-11,0,y"));
}

TEST(PeriodStageMhsds, TwoDigitClusterCodes) {
  const MhsdsEvents x = Read803(
      "C1,P1,2023-01-01,,00\n"
      "C2,P2,2023-01-01,,07\n"
      "C3,P3,2023-01-01,,10\n"
      "C4,P4,2023-01-01,,21\n"
      "C5,P5,2023-01-01,,09\n"
      "C6,P6,2023-01-01,,22\n");
  EXPECT_THAT(Events(x), ElementsAre("P1 2023-01-01 allocate 0 @2",
                                     "P2 2023-01-01 allocate 7 @3",
                                     "P3 2023-01-01 allocate 10 @4",
                                     "P4 2023-01-01 allocate 21 @5"));
  ASSERT_EQ(x.rejects.size(), 2u);
  EXPECT_EQ(x.rejects[0].line, 6);
  EXPECT_EQ(x.rejects[0].id, "C5");
  EXPECT_EQ(x.rejects[0].file, "mhs803.csv");
  EXPECT_THAT(x.rejects[0].reason, HasSubstr("AMHCareClustCodeFin"));
  EXPECT_EQ(x.rejects[1].line, 7);
  EXPECT_THAT(x.rejects[1].reason, HasSubstr("AMHCareClustCodeFin"));
  EXPECT_EQ(x.rows_read, 6);
}

TEST(PeriodStageMhsds, BadRowsRejectedOthersRead) {
  const MhsdsEvents x = Read803(
      "C1,P1,2023-01-01,2023-02-01,01\n"  // 2 good
      "C2,P2,2023-05-01,2023-04-30,03\n"  // 3 end before start
      "C3,P3,2023-02-29,,03\n"            // 4 not a date
      "C4,,2023-01-01,,03\n"              // 5 no patient
      "C5,P5,2023-01-01,2023-13-01,03\n"  // 6 bad end
      "C6,P6,2023-01-01\n"                // 7 ragged
      "C7,P7,2023-03-01,2023-03-01,04\n"  // 8 good (end == start)
      "C8,P8,2023-01-01,,\n");            // 9 no cluster
  std::map<int64_t, std::string> rejects;
  for (const RowReject& r : x.rejects) {
    EXPECT_EQ(r.id, absl::StrCat("C", r.line - 1));
    rejects[r.line] = r.reason;
  }
  ASSERT_EQ(rejects.size(), 6u);
  EXPECT_THAT(rejects[3],
              AllOf(HasSubstr("EndDateCareClust"), HasSubstr("before")));
  EXPECT_THAT(rejects[4], HasSubstr("StartDateCareClust"));
  EXPECT_THAT(rejects[5], HasSubstr("LocalPatientId"));
  EXPECT_THAT(rejects[6], HasSubstr("EndDateCareClust"));
  EXPECT_THAT(rejects[7], HasSubstr("fields"));
  EXPECT_THAT(rejects[9], HasSubstr("AMHCareClustCodeFin"));
  EXPECT_EQ(x.rows_read, 8);
  std::vector<int64_t> lines;
  for (const PeriodEvent& e : x.events) {
    if (e.kind == EventKind::kAllocate) lines.push_back(e.line);
  }
  EXPECT_THAT(lines, ElementsAre(2, 8));
}

// OrgIDProv and OrgIDComm, where the extract has them, go onto the
// allocations (not the derived discharge) and so onto the periods.
TEST(PeriodStageMhsds, OrganisationFieldsKeptWherePresent) {
  periods_test::File f = periods_test::TextFile(
      "ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
      "AMHCareClustCodeFin,OrgIDProv\n"
      "CC1,P1,2023-04-03,2023-09-18,01, RX1\n"
      "CC2,P1,2023-09-18,2024-01-15,02,RX2\n"
      "CC3,P2,2023-05-04,,03,\n");
  auto r = ReadMhs803(f.get(), "mhs803.csv");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->columns.provider);
  EXPECT_FALSE(r->columns.commissioner);
  EXPECT_FALSE(r->columns.team);
  // CC1 allocate, CC2 allocate and discharge (nothing starts after it),
  // CC3 allocate.
  ASSERT_EQ(r->events.size(), 4u);
  EXPECT_EQ(r->events[0].provider, "RX1");
  EXPECT_EQ(r->events[1].provider, "RX2");
  EXPECT_EQ(r->events[2].kind, EventKind::kDischarge);
  EXPECT_EQ(r->events[2].provider, "");
  EXPECT_EQ(r->events[3].provider, "");
  for (const PeriodEvent& e : r->events) EXPECT_EQ(e.commissioner, "");

  periods_test::File g = periods_test::TextFile(std::string(kMhs803Header) +
                                                "CC1,P1,2023-04-03,,01\n");
  auto plain = ReadMhs803(g.get(), "mhs803.csv");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_FALSE(plain->columns.any());

  periods_test::File h = periods_test::TextFile(
      "OrgIDComm,ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
      "AMHCareClustCodeFin\n"
      "13T,CC1,P1,2023-04-03,,01\n");
  auto comm = ReadMhs803(h.get(), "mhs803.csv");
  ASSERT_TRUE(comm.ok()) << comm.status();
  EXPECT_TRUE(comm->columns.commissioner);
  ASSERT_EQ(comm->events.size(), 1u);
  EXPECT_EQ(comm->events[0].commissioner, "13T");
}

TEST(PeriodStageMhsds, Mhs803MissingColumns) {
  periods_test::File f = periods_test::TextFile(
      "ClustId,LocalPatientId,StartDateCareClust\nC1,P1,2023-01-01\n");
  auto r = ReadMhs803(f.get(), "mhs803.csv");
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              AllOf(HasSubstr("mhs803.csv"), HasSubstr("EndDateCareClust"),
                    HasSubstr("AMHCareClustCodeFin")));
}

// ---- Item map ---------------------------------------------------------

absl::StatusOr<ItemMap> Map(const std::string& text) {
  periods_test::File f = periods_test::TextFile(text);
  return ReadItemMap(f.get(), "item_map.csv");
}

TEST(PeriodStageMhsds, ItemMapForms) {
  auto m =
      Map("concept_id,item\n"
          "101,8\n"
          "102,8A\n"
          "103,8J\n"
          "104,D\n"
          "105,13\n"
          "106,1\n");
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->size(), 6u);
  EXPECT_EQ(m->at("101").form, MappedItem::Form::kItem8Single);
  EXPECT_EQ(m->at("102").form, MappedItem::Form::kItem8Type);
  EXPECT_EQ(m->at("102").type, Item8Type::kPhobic);
  EXPECT_EQ(m->at("103").type, Item8Type::kOther);
  EXPECT_EQ(m->at("104").form, MappedItem::Form::kRow);
  EXPECT_EQ(m->at("104").item, Item::kEngagement);
  EXPECT_EQ(m->at("105").item, Item::kOvervaluedIdeas);
  EXPECT_EQ(m->at("106").item, Item::kAggression);
}

TEST(PeriodStageMhsds, ItemMapErrorsNameTheLine) {
  for (const char* bad : {"8K", "14", "0", "F", ""}) {
    auto m = Map(absl::StrCat("concept_id,item\n1,1\n2,", bad, "\n"));
    EXPECT_FALSE(m.ok()) << bad;
    EXPECT_THAT(m.status().message(),
                AllOf(HasSubstr("item_map.csv"), HasSubstr("line 3")))
        << bad;
  }
  auto twice = Map("concept_id,item\n1,1\n2,2\n1,3\n");
  EXPECT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(),
              AllOf(HasSubstr("line 4"), HasSubstr("twice")));
  auto missing = Map("concept,item\n1,1\n");
  EXPECT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("concept_id"));
}

// ---- MHS801 + MHS802 ---------------------------------------------------

std::string Fixture(const std::string& name) {
  return absl::StrCat(MHPBR_PERIODS_DATA, "/mhsds/", name);
}

class PeriodStageMhsdsAssessments : public ::testing::Test {
 protected:
  void SetUp() override {
    periods_test::File map_file =
        periods_test::OpenFile(Fixture("item_map.csv"));
    ASSERT_NE(map_file, nullptr);
    auto map = ReadItemMap(map_file.get(), "item_map.csv");
    ASSERT_TRUE(map.ok()) << map.status();
    periods_test::File tool = periods_test::OpenFile(Fixture("mhs801.csv"));
    periods_test::File ratings = periods_test::OpenFile(Fixture("mhs802.csv"));
    ASSERT_NE(tool, nullptr);
    ASSERT_NE(ratings, nullptr);
    auto x = ReadMhs801And802(tool.get(), "mhs801.csv", ratings.get(),
                              "mhs802.csv", *map);
    ASSERT_TRUE(x.ok()) << x.status();
    extract_ = *std::move(x);
  }

  MhsdsAssessments extract_;
};

TEST_F(PeriodStageMhsdsAssessments, AcceptedInMhs801Order) {
  std::vector<std::string> ids;
  for (const MhsdsAssessment& a : extract_.assessments) {
    ids.push_back(absl::StrCat(a.record.assessment_id, "@", a.line));
  }
  EXPECT_THAT(ids, ElementsAre("K1@2", "K2@3", "K3@4", "K7@9"));
  // 8 MHS801 rows and 63 MHS802 rows.
  EXPECT_EQ(extract_.rows_read, 71);
}

TEST_F(PeriodStageMhsdsAssessments, RejectsNameFileLineAndReason) {
  std::map<std::string, std::string> rejects;
  for (const RowReject& r : extract_.rejects) {
    rejects[absl::StrCat(r.file, ":", r.line, ":", r.id)] = r.reason;
  }
  std::vector<std::string> keys;
  for (const auto& [k, v] : rejects) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre("mhs801.csv:5:K4", "mhs801.csv:6:K5",
                                "mhs801.csv:7:K6", "mhs801.csv:8:K1",
                                "mhs802.csv:31:K1", "mhs802.csv:40:K2",
                                "mhs802.csv:41:K2", "mhs802.csv:59:K3",
                                "mhs802.csv:60:K99", "mhs802.csv:61:K5"));
  // Item 8 both as one rating and by type: the whole assessment.
  EXPECT_THAT(rejects["mhs801.csv:5:K4"], HasSubstr("both"));
  EXPECT_THAT(rejects["mhs801.csv:6:K5"], HasSubstr("AssToolCompDate"));
  EXPECT_THAT(rejects["mhs801.csv:7:K6"], HasSubstr("AMHCareClustCodeInit"));
  EXPECT_THAT(rejects["mhs801.csv:8:K1"], HasSubstr("ClustId"));
  EXPECT_THAT(rejects["mhs802.csv:31:K1"],
              AllOf(HasSubstr("9999999"), HasSubstr("map")));
  EXPECT_THAT(rejects["mhs802.csv:40:K2"], HasSubstr("PersScore"));
  EXPECT_THAT(rejects["mhs802.csv:41:K2"], HasSubstr("PersScore"));
  EXPECT_THAT(rejects["mhs802.csv:59:K3"], HasSubstr("already"));
  EXPECT_THAT(rejects["mhs802.csv:60:K99"], HasSubstr("MHS801"));
  EXPECT_THAT(rejects["mhs802.csv:61:K5"], HasSubstr("MHS801"));
}

TEST_F(PeriodStageMhsdsAssessments, RatingsMappedByConcept) {
  ASSERT_EQ(extract_.assessments.size(), 4u);
  const AssessmentRecord& k1 = extract_.assessments[0].record;
  EXPECT_EQ(k1.patient_id, "P1");
  EXPECT_EQ(k1.date, D(2023, 4, 3));
  ASSERT_TRUE(k1.ratings.allocated().has_value());
  EXPECT_EQ(k1.ratings.allocated()->code(), 1);
  EXPECT_EQ(k1.ratings.rating(Item::kDepressedMood), 3);
  // Item 8 as one rating: no type ratings.
  EXPECT_EQ(k1.ratings.rating(Item::kOtherProblems), 3);
  EXPECT_EQ(k1.ratings.item8_type(Item8Type::kPhobic), kNotKnown);
  EXPECT_EQ(k1.ratings.rating(Item::kRelationships), 2);
  EXPECT_EQ(k1.ratings.known_count(), 18);

  // Item 8 by type: the highest type rating.
  const AssessmentRecord& k2 = extract_.assessments[1].record;
  EXPECT_FALSE(k2.ratings.allocated().has_value());
  EXPECT_EQ(k2.ratings.rating(Item::kOtherProblems), 4);
  EXPECT_EQ(k2.ratings.item8_type(Item8Type::kPhobic), 1);
  EXPECT_EQ(k2.ratings.item8_type(Item8Type::kAnxiety), 4);
  EXPECT_EQ(k2.ratings.item8_type(Item8Type::kStress), 2);
  EXPECT_EQ(k2.ratings.item8_type(Item8Type::kObsessiveCompulsive), kNotKnown);
  EXPECT_EQ(k2.ratings.rating(Item::kOvervaluedIdeas), kNotKnown);
  EXPECT_EQ(k2.ratings.rating(Item::kVulnerability), 1);

  // The first rating of item 6 stands; empty and 9 are not known.
  const AssessmentRecord& k3 = extract_.assessments[2].record;
  EXPECT_EQ(k3.ratings.allocated()->code(), 11);
  EXPECT_EQ(k3.ratings.rating(Item::kHallucinations), 3);
  EXPECT_EQ(k3.ratings.rating(Item::kDailyLiving), kNotKnown);
  EXPECT_EQ(k3.ratings.rating(Item::kOccupation), kNotKnown);
  EXPECT_EQ(k3.ratings.rating(Item::kVulnerability), kNotKnown);
  EXPECT_EQ(k3.ratings.known_count(), 15);

  const AssessmentRecord& k7 = extract_.assessments[3].record;
  EXPECT_EQ(k7.ratings.known_count(), 0);
  EXPECT_EQ(k7.ratings.allocated()->code(), 0);
}

std::string Describe(const AssessmentRecord& r) {
  std::string s = absl::StrCat(r.assessment_id, " ", r.patient_id, " ",
                               FormatIsoDate(r.date), " items");
  for (int i = 0; i < kItemCount; ++i) {
    absl::StrAppend(&s, " ", r.ratings.rating(ItemAt(i)));
  }
  absl::StrAppend(&s, " types");
  for (int t = 0; t < kItem8TypeCount; ++t) {
    absl::StrAppend(&s, " ", r.ratings.item8_type(static_cast<Item8Type>(t)));
  }
  absl::StrAppend(&s, " allocated ",
                  r.ratings.allocated() ? r.ratings.allocated()->code() : -1);
  return s;
}

std::string Describe(const Classification& c) {
  std::string s = absl::StrCat(
      "suggested ", c.suggested.code(), " fit ",
      c.suggested_fit_milli ? *c.suggested_fit_milli : -999999, " runner-up ",
      c.runner_up ? c.runner_up->code() : -1, " fit ",
      c.runner_up_fit_milli ? *c.runner_up_fit_milli : -999999, " reason ",
      VarianceReasonName(c.reason), " known ", c.known_items);
  if (c.allocation) {
    absl::StrAppend(&s, " allocation ", c.allocation->cluster.code(),
                    c.allocation->red ? " red" : " not red");
  }
  return s;
}

TEST_F(PeriodStageMhsdsAssessments, ClassifyLikeThePlainCsv) {
  periods_test::File plain = periods_test::OpenFile(Fixture("assessments.csv"));
  ASSERT_NE(plain, nullptr);
  auto reader = AssessmentCsvReader::Open(plain.get(), "assessments.csv");
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<AssessmentRecord> want;
  AssessmentRow row;
  while ((*reader)->Next(&row)) {
    ASSERT_EQ(row.error, "") << row.line;
    want.push_back(row.record);
  }
  ASSERT_EQ(want.size(), extract_.assessments.size());

  auto rules = periods_test::TestRules();
  ASSERT_NE(rules, nullptr);
  const Classifier classifier(rules);
  std::map<int, int> suggested;
  for (size_t i = 0; i < want.size(); ++i) {
    const AssessmentRecord& got = extract_.assessments[i].record;
    EXPECT_EQ(Describe(got), Describe(want[i]));
    const Classification c = classifier.Classify(got.ratings);
    EXPECT_EQ(Describe(c), Describe(classifier.Classify(want[i].ratings)));
    ++suggested[c.suggested.code()];
  }
  // Not all cluster 0: the fixture exercises the classifier.
  EXPECT_GE(suggested.size(), 3u);
}

}  // namespace
}  // namespace mhpbr
