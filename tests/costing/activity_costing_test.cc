// Activity costing (pricing.md 1), worked by hand: each record's full cost
// = direct * (1e6 + overhead) / 1e6 rounded once; attributed to the period
// covering its date for its patient, else to the unclustered bucket.

#include "mhpbr/activity_costing.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/activity.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/dates.h"
#include "mhpbr/patient_index.h"

namespace mhpbr {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// The spec's rates: overhead 18%; nurse_b6 5200 p/h; group facilitator
// 6000 p/h; acute_adult ward 45500 p/day.
UnitCosts SpecCosts() {
  auto c = UnitCosts::Create("Trust costing return 2022/23", 180000,
                             {{"nurse_b6", 5200}, {"facilitator", 6000}},
                             {{"acute_adult", 45500}});
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

ActivityRecord Contact(std::string patient, absl::CivilDay date,
                       std::string staff, int64_t minutes) {
  ActivityRecord r;
  r.activity_id = absl::StrCat("a-", patient, "-", minutes);
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kContact;
  r.staff_group = std::move(staff);
  r.minutes = minutes;
  return r;
}

ActivityRecord Group(std::string patient, absl::CivilDay date,
                     std::string staff, int64_t minutes, int64_t attendees) {
  ActivityRecord r =
      Contact(std::move(patient), date, std::move(staff), minutes);
  r.kind = ActivityKind::kGroup;
  r.attendees = attendees;
  return r;
}

ActivityRecord BedDays(std::string patient, absl::CivilDay date,
                       std::string ward, int64_t count) {
  ActivityRecord r;
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kBedDay;
  r.ward = std::move(ward);
  r.count = count;
  return r;
}

ActivityRecord Other(std::string patient, absl::CivilDay date, int64_t cost) {
  ActivityRecord r;
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kOther;
  r.cost_pence = cost;
  return r;
}

PeriodToPrice Period(std::string patient, int cluster, absl::CivilDay start,
                     std::optional<absl::CivilDay> end, int64_t line = 2) {
  PeriodToPrice p;
  p.patient_id = std::move(patient);
  p.cluster = Cluster::FromCode(cluster).value();
  p.start = start;
  p.end = end;
  p.line = line;
  return p;
}

int64_t Cost(const ActivityRecord& r, const UnitCosts& c) {
  absl::StatusOr<int64_t> p = RecordCost(r, c);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.value_or(-1);
}

TEST(RecordCostTest, TheSpecsWorkedExample) {
  const UnitCosts c = SpecCosts();
  // 13 * 5200 / 60 * 1.18 = 1329.4666 -> 1329 (not 1330: no rounding of the
  // direct cost 1126.67 first).
  EXPECT_EQ(Cost(Contact("p", D(2023, 5, 1), "nurse_b6", 13), c), 1329);
  // 90 * 6000 / 60 / 4 * 1.18 = 2250 * 1.18 = 2655.
  EXPECT_EQ(Cost(Group("p", D(2023, 5, 1), "facilitator", 90, 4), c), 2655);
  // 3 * 45500 * 1.18 = 136500 * 1.18 = 161070.
  EXPECT_EQ(Cost(BedDays("p", D(2023, 5, 1), "acute_adult", 3), c), 161070);
}

TEST(RecordCostTest, OtherKindsAndEdges) {
  const UnitCosts c = SpecCosts();
  // other: its own cost plus overhead: 1000 * 1.18 = 1180; 1 * 1.18 -> 1;
  // 3 * 1.18 = 3.54 -> 4.
  EXPECT_EQ(Cost(Other("p", D(2023, 5, 1), 1000), c), 1180);
  EXPECT_EQ(Cost(Other("p", D(2023, 5, 1), 1), c), 1);
  EXPECT_EQ(Cost(Other("p", D(2023, 5, 1), 3), c), 4);
  // A group of 1 costs as a contact: 90 * 6000 / 60 * 1.18 = 10620.
  EXPECT_EQ(Cost(Group("p", D(2023, 5, 1), "facilitator", 90, 1), c), 10620);
  // 0 minutes costs 0.
  EXPECT_EQ(Cost(Contact("p", D(2023, 5, 1), "nurse_b6", 0), c), 0);
  // 1 minute at 5200 p/h: 86.666 * 1.18 = 102.2666 -> 102.
  EXPECT_EQ(Cost(Contact("p", D(2023, 5, 1), "nurse_b6", 1), c), 102);
  // A half penny rounds up: 5 min at 6 p/h, no overhead = 0.5 -> 1.
  auto plain = UnitCosts::Create("s", 0, {{"x", 6}}, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(Cost(Contact("p", D(2023, 5, 1), "x", 5), *plain), 1);
  // 3 attendees share 25 min at 6 p/h: 2.5 / 3 = 0.8333 -> 1; 15 min each
  // for 3: 1.5 / 3 = 0.5 -> 1.
  EXPECT_EQ(Cost(Group("p", D(2023, 5, 1), "x", 15, 3), *plain), 1);
  EXPECT_EQ(Cost(Group("p", D(2023, 5, 1), "x", 10, 3), *plain), 0);
}

TEST(RecordCostTest, RejectionsNameTheField) {
  const UnitCosts c = SpecCosts();
  struct Case {
    ActivityRecord record;
    const char* field;
  };
  ActivityRecord zero_attendees =
      Group("p", D(2023, 5, 1), "facilitator", 90, 0);
  const Case cases[] = {
      {Contact("p", D(2023, 5, 1), "psychiatrist", 10), "staff_group"},
      {Group("p", D(2023, 5, 1), "nobody", 10, 2), "staff_group"},
      {BedDays("p", D(2023, 5, 1), "nowhere", 1), "ward"},
      {Contact("p", D(2023, 5, 1), "nurse_b6", -1), "minutes"},
      {BedDays("p", D(2023, 5, 1), "acute_adult", -3), "count"},
      {Other("p", D(2023, 5, 1), -100), "cost_pence"},
      {zero_attendees, "attendees"},
  };
  for (const Case& k : cases) {
    absl::StatusOr<int64_t> r = RecordCost(k.record, c);
    ASSERT_FALSE(r.ok()) << k.field;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(k.field));
  }
}

TEST(RecordCostTest, ParseKinds) {
  EXPECT_EQ(ParseActivityKind("contact").value(), ActivityKind::kContact);
  EXPECT_EQ(ParseActivityKind("group").value(), ActivityKind::kGroup);
  EXPECT_EQ(ParseActivityKind("bed_day").value(), ActivityKind::kBedDay);
  EXPECT_EQ(ParseActivityKind("other").value(), ActivityKind::kOther);
  EXPECT_FALSE(ParseActivityKind("phone").ok());
  EXPECT_FALSE(ParseActivityKind("Contact").ok());
  EXPECT_FALSE(ParseActivityKind("").ok());
}

TEST(UnitCostsTest, DuplicateCodeIsAnError) {
  auto c =
      UnitCosts::Create("s", 0, {{"nurse_b6", 5200}, {"nurse_b6", 5300}}, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("nurse_b6"));
  c = UnitCosts::Create("s", 0, {}, {{"acute", 1}, {"acute", 1}});
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("acute"));
  // The same code as a staff group and a ward is two tables: fine.
  EXPECT_TRUE(UnitCosts::Create("s", 0, {{"x", 1}}, {{"x", 2}}).ok());
}

TEST(UnitCostsTest, BadRatesAndOverhead) {
  EXPECT_FALSE(UnitCosts::Create("s", 0, {{"x", -1}}, {}).ok());
  EXPECT_FALSE(UnitCosts::Create("s", 0, {}, {{"w", 100000001}}).ok());
  EXPECT_FALSE(UnitCosts::Create("s", -1, {}, {}).ok());
  EXPECT_FALSE(UnitCosts::Create("s", 10000001, {}, {}).ok());
  EXPECT_FALSE(UnitCosts::Create("", 0, {}, {}).ok());
  EXPECT_FALSE(UnitCosts::Create("s", 0, {{"", 1}}, {}).ok());
}

TEST(UnitCostsTest, FindsEachCodeWhetherListedOrHashed) {
  // Up to 16 codes are found in a list, more through the hash map: each
  // table size finds every code it holds at its own rate, and none of a
  // code's prefixes, extensions or same-length neighbours.
  for (int n : {1, 2, 15, 16, 17, 40}) {
    SCOPED_TRACE(n);
    std::vector<UnitCosts::Rate> staff, wards;
    for (int i = 0; i < n; ++i) {
      staff.push_back({absl::StrCat("band_", i), 1000 + i});
      wards.push_back({absl::StrCat("w", i), 50000 + i});
    }
    absl::StatusOr<UnitCosts> c = UnitCosts::Create("s", 0, staff, wards);
    ASSERT_TRUE(c.ok()) << c.status();
    for (int i = 0; i < n; ++i) {
      const int64_t* rate = c->StaffPencePerHour(absl::StrCat("band_", i));
      ASSERT_NE(rate, nullptr) << i;
      EXPECT_EQ(*rate, 1000 + i);
      rate = c->WardPencePerDay(absl::StrCat("w", i));
      ASSERT_NE(rate, nullptr) << i;
      EXPECT_EQ(*rate, 50000 + i);
    }
    EXPECT_EQ(c->StaffPencePerHour("band_"), nullptr);
    EXPECT_EQ(c->StaffPencePerHour(absl::StrCat("band_", n)), nullptr);
    EXPECT_EQ(c->StaffPencePerHour("band_0 "), nullptr);
    EXPECT_EQ(c->StaffPencePerHour("bAnd_0"), nullptr);
    EXPECT_EQ(c->StaffPencePerHour(""), nullptr);
    EXPECT_EQ(c->WardPencePerDay("band_0"), nullptr);
    EXPECT_EQ(c->StaffPencePerHour("w0"), nullptr);
  }
}

TEST(UnitCostsTest, TextFormatDuplicateFailsTheFile) {
  auto c =
      ParseUnitCostsText(R"pb(
                           source: "Trust costing return 2022/23"
                           overhead_ppm: 180000
                           staff { code: "nurse_b6" pence_per_hour: 5200 }
                           ward { code: "acute_adult" pence_per_day: 45500 }
                           ward { code: "acute_adult" pence_per_day: 45600 }
                         )pb",
                         "unit_costs.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), AllOf(HasSubstr("unit_costs.textproto"),
                                          HasSubstr("acute_adult")));
  c = ParseUnitCostsText(
      "source: \"s\" overhead_ppm: 180000 staff { code: \"nurse_b6\" "
      "pence_per_hour: 5200 }",
      "u");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(*c->StaffPencePerHour("nurse_b6"), 5200);
  EXPECT_EQ(c->WardPencePerDay("nurse_b6"), nullptr);
  EXPECT_EQ(c->overhead_ppm(), 180000);
}

class CosterTest : public ::testing::Test {
 protected:
  // P1: cluster 3, 1-30 April 2023 (30 days), then cluster 4 open from 1
  // May (to the as-of date 30 June: 61 days). P2: cluster 3, 10-19 April
  // (10 days). As of 30 June 2023.
  absl::StatusOr<ActivityCoster> Make(
      DayCount day_count = DayCount::kInclusive) {
    return ActivityCoster::Create(
        {Period("P1", 4, D(2023, 5, 1), std::nullopt, 3),
         Period("P2", 3, D(2023, 4, 10), D(2023, 4, 19), 4),
         Period("P1", 3, D(2023, 4, 1), D(2023, 4, 30), 2)},
        D(2023, 6, 30), costs_, day_count);
  }
  UnitCosts costs_ = SpecCosts();
};

TEST_F(CosterTest, AttributesByDateWithEdges) {
  auto c = Make();
  ASSERT_TRUE(c.ok()) << c.status();
  // other records of 100 p cost 118 each.
  // On the first day and the last day of P1's April period: clustered.
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 4, 1), 100)).ok());
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 4, 30), 100)).ok());
  // One day before the first period: unclustered, patient known.
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 3, 31), 100)).ok());
  // The open period covers through the as-of date, not after.
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 6, 30), 100)).ok());
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 7, 1), 100)).ok());
  // P2: a day after its end is unclustered; its first day is in.
  ASSERT_TRUE(c->Add(Other("P2", D(2023, 4, 20), 100)).ok());
  ASSERT_TRUE(c->Add(Other("P2", D(2023, 4, 10), 100)).ok());
  // An unknown patient: unclustered and counted as unknown.
  ASSERT_TRUE(c->Add(Other("P9", D(2023, 4, 15), 100)).ok());
  // The spec's three records in P1's May period: 1329 + 2655 + 161070.
  ASSERT_TRUE(c->Add(Contact("P1", D(2023, 5, 2), "nurse_b6", 13)).ok());
  ASSERT_TRUE(c->Add(Group("P1", D(2023, 5, 3), "facilitator", 90, 4)).ok());
  ASSERT_TRUE(c->Add(BedDays("P1", D(2023, 5, 4), "acute_adult", 3)).ok());

  const std::vector<CostedPeriod> periods = c->periods();
  ASSERT_EQ(periods.size(), 3u);
  // Sorted by patient, then start.
  EXPECT_EQ(periods[0].period.patient_id, "P1");
  EXPECT_EQ(periods[0].period.start, D(2023, 4, 1));
  EXPECT_EQ(periods[0].days, 30);
  EXPECT_EQ(periods[0].records, 2);
  EXPECT_EQ(periods[0].cost_pence, 236);
  EXPECT_EQ(periods[1].period.start, D(2023, 5, 1));
  EXPECT_EQ(periods[1].days, 61);  // 31 (May) + 30 (June)
  EXPECT_EQ(periods[1].records, 4);
  EXPECT_EQ(periods[1].cost_pence, 118 + 1329 + 2655 + 161070);
  EXPECT_EQ(periods[2].period.patient_id, "P2");
  EXPECT_EQ(periods[2].days, 10);
  EXPECT_EQ(periods[2].records, 1);
  EXPECT_EQ(periods[2].cost_pence, 118);

  const CostingTotals& t = c->totals();
  EXPECT_EQ(t.records_read, 11);
  EXPECT_EQ(t.records_rejected, 0);
  EXPECT_EQ(t.clustered_records, 7);
  EXPECT_EQ(t.clustered_pence, 236 + 118 + 1329 + 2655 + 161070 + 118);
  EXPECT_EQ(t.unclustered_records, 4);  // 31 Mar, 1 Jul, P2 20 Apr, P9
  EXPECT_EQ(t.unclustered_pence, 4 * 118);
  EXPECT_EQ(t.unknown_patient_records, 1);
  EXPECT_EQ(t.total_pence, t.clustered_pence + t.unclustered_pence);

  // By cluster: cluster 3 = P1 April + P2; cluster 4 = P1 May.
  const std::vector<ClusterCost> by = c->ByCluster();
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by[0].cluster.code(), 3);
  EXPECT_EQ(by[0].periods, 2);
  EXPECT_EQ(by[0].days, 40);
  EXPECT_EQ(by[0].records, 3);
  EXPECT_EQ(by[0].cost_pence, 354);
  EXPECT_EQ(by[1].cluster.code(), 4);
  EXPECT_EQ(by[1].periods, 1);
  EXPECT_EQ(by[1].days, 61);
  EXPECT_EQ(by[1].cost_pence, 118 + 1329 + 2655 + 161070);

  // Find: -2 for an unknown patient, -1 for no covering period.
  EXPECT_EQ(c->Find("P9", D(2023, 4, 1)), -2);
  EXPECT_EQ(c->Find("P1", D(2023, 3, 31)), -1);
  EXPECT_EQ(c->Find("P1", D(2023, 4, 30)), 0);
  EXPECT_EQ(c->Find("P1", D(2023, 5, 1)), 1);
  EXPECT_EQ(c->Find("P2", D(2023, 4, 19)), 2);
}

TEST_F(CosterTest, RejectedRecordsAreCountedNotCosted) {
  auto c = Make();
  ASSERT_TRUE(c.ok());
  absl::Status s = c->Add(Contact("P1", D(2023, 4, 5), "unknown_group", 10));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("staff_group"));
  s = c->Add(BedDays("P1", D(2023, 4, 5), "unknown_ward", 1));
  EXPECT_THAT(s.message(), HasSubstr("ward"));
  s = c->Add(Contact("P1", D(2023, 4, 5), "nurse_b6", -13));
  EXPECT_THAT(s.message(), HasSubstr("minutes"));
  c->CountRejected();  // e.g. a bad date or kind found by the reader
  const CostingTotals& t = c->totals();
  EXPECT_EQ(t.records_read, 4);
  EXPECT_EQ(t.records_rejected, 4);
  EXPECT_EQ(t.clustered_records + t.unclustered_records, 0);
  EXPECT_EQ(t.total_pence, 0);
  for (const CostedPeriod& p : c->periods()) EXPECT_EQ(p.records, 0);
}

TEST_F(CosterTest, MhsdsDaysLeaveOutAClosedEnd) {
  auto c = Make(DayCount::kMhsds);
  ASSERT_TRUE(c.ok());
  const std::vector<CostedPeriod> periods = c->periods();
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[0].days, 29);  // 1-30 April, end not counted
  EXPECT_EQ(periods[1].days, 61);  // open: through the as-of date
  EXPECT_EQ(periods[2].days, 9);
  // Attribution is by date, not by the day count: the end day still
  // belongs to the period.
  ASSERT_TRUE(c->Add(Other("P1", D(2023, 4, 30), 100)).ok());
  EXPECT_EQ(c->periods()[0].records, 1);
}

TEST_F(CosterTest, BadPeriodsFailNamingTheLine) {
  auto c = ActivityCoster::Create(
      {Period("P1", 3, D(2023, 4, 10), D(2023, 4, 9), 17)}, D(2023, 6, 30),
      costs_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), AllOf(HasSubstr("P1"), HasSubstr("17")));
  c = ActivityCoster::Create({Period("P1", 3, D(2023, 7, 1), std::nullopt, 5)},
                             D(2023, 6, 30), costs_);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("line 5"));
}

// The first bad period in patient order fails Create, whatever the order
// the periods came in: Q's (line 2) comes first in the input, but P's
// (line 4) sorts before it.
TEST_F(CosterTest, TheFirstBadPeriodInPatientOrderIsNamed) {
  auto c =
      ActivityCoster::Create({Period("Q", 3, D(2023, 4, 10), D(2023, 4, 9), 2),
                              Period("R", 3, D(2023, 4, 1), std::nullopt, 3),
                              Period("P", 3, D(2023, 7, 1), std::nullopt, 4)},
                             D(2023, 6, 30), costs_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "period of patient P at line 4: starts after the as-of date "
            "2023-06-30");
  // In order, the first bad one is named though later ones are bad too.
  c = ActivityCoster::Create({Period("P", 3, D(2023, 4, 1), std::nullopt, 2),
                              Period("Q", 3, D(2023, 4, 10), D(2023, 4, 9), 3),
                              Period("R", 3, D(2023, 7, 1), std::nullopt, 4)},
                             D(2023, 6, 30), costs_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "period of patient Q at line 3: end is before start");
}

// ---- reading activity --------------------------------------------------

struct ReadResult {
  std::vector<InputRow<ActivityRecord>> rows;
};

ReadResult ReadActivity(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  ReadResult out;
  auto reader = ActivityCsvReader::Open(f, "activity.csv");
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (reader.ok()) {
    InputRow<ActivityRecord> row;
    while ((*reader)->Next(&row)) out.rows.push_back(row);
  }
  std::fclose(f);
  return out;
}

TEST(ActivityCsvTest, KindsUseOnlyTheirCells) {
  const ReadResult r = ReadActivity(
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence\n"
      "a1,P1,2023-05-02,contact,nurse_b6,13,ignored,x,y,z\n"
      "a2,P1,2023-05-03,group,facilitator,90,,,4,\n"
      "a3,P1,2023-05-03,group,facilitator,90,,,,\n"
      "a4,P1,2023-05-04,bed_day,,,acute_adult,3,,\n"
      "a5,P1,2023-05-04,other,,,,,,250\n");
  ASSERT_EQ(r.rows.size(), 5u);
  for (const auto& row : r.rows) EXPECT_EQ(row.error, "") << row.line;
  EXPECT_EQ(r.rows[0].value.minutes, 13);
  EXPECT_EQ(r.rows[1].value.attendees, 4);
  EXPECT_EQ(r.rows[2].value.attendees, 1);  // empty = 1
  EXPECT_EQ(r.rows[3].value.count, 3);
  EXPECT_EQ(r.rows[4].value.cost_pence, 250);
  EXPECT_EQ(r.rows[4].line, 6);
}

TEST(ActivityCsvTest, BadRowsRejectedWithReason) {
  const ReadResult r = ReadActivity(
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence\n"
      "b1,P1,2023-02-30,contact,nurse_b6,13,,,,\n"
      "b2,P1,2023-05-02,phone,nurse_b6,13,,,,\n"
      "b3,P1,2023-05-02,contact,nurse_b6,-13,,,,\n"
      "b4,P1,2023-05-02,bed_day,,,acute_adult,-1,,\n"
      "b5,P1,2023-05-02,other,,,,,,-5\n"
      "b6,P1,2023-05-02,group,x,10,,,0,\n");
  ASSERT_EQ(r.rows.size(), 6u);
  EXPECT_THAT(r.rows[0].error, HasSubstr("date"));
  EXPECT_THAT(r.rows[1].error, HasSubstr("kind"));
  EXPECT_THAT(r.rows[2].error, HasSubstr("minutes"));
  EXPECT_THAT(r.rows[3].error, HasSubstr("count"));
  EXPECT_THAT(r.rows[4].error, HasSubstr("cost_pence"));
  EXPECT_THAT(r.rows[5].error, HasSubstr("attendees"));
  EXPECT_EQ(r.rows[0].id, "b1");
}

// A row read into the same InputRow as the row before (as the tool's
// blocks reuse theirs) holds what a fresh one would: ids, codes and cells
// longer and shorter than the last, a kind's cell left empty by the next
// kind, a row rejected half-way, cells with spaces.
TEST(ActivityCsvTest, ReusedRowHoldsWhatAFreshRowHolds) {
  std::string text =
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,team\n";
  const char* kinds[] = {"contact", "bed_day", "group", "other", "visit"};
  const char* cells[] = {"",
                         "x",
                         "abc",
                         "nurse_b6",
                         " padded ",
                         "a_code_of_nine_bytes",
                         "psychiatrist_consultant_grade_with_a_long_name"};
  std::mt19937 rng(7);
  for (int i = 0; i < 400; ++i) {
    auto pick = [&rng, &cells] { return std::string(cells[rng() % 7]); };
    absl::StrAppend(&text, pick(), ",", pick(), ",2023-05-02,",
                    kinds[rng() % 5], ",", pick(), ",12,", pick(), ",2,,7,",
                    pick(), "\n");
  }
  const ReadResult reused = ReadActivity(text);

  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  auto reader = ActivityCsvReader::Open(f, "activity.csv");
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<InputRow<ActivityRecord>> fresh;
  for (;;) {
    InputRow<ActivityRecord> row;
    if (!(*reader)->Next(&row)) break;
    fresh.push_back(row);
  }
  std::fclose(f);

  ASSERT_EQ(reused.rows.size(), fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    const InputRow<ActivityRecord>& a = reused.rows[i];
    const InputRow<ActivityRecord>& b = fresh[i];
    EXPECT_EQ(a.line, b.line);
    EXPECT_EQ(a.id, b.id) << b.line;
    EXPECT_EQ(a.error, b.error) << b.line;
    if (!b.error.empty()) continue;  // a rejected row's record is not read
    EXPECT_EQ(a.value.activity_id, b.value.activity_id) << b.line;
    EXPECT_EQ(a.value.patient_id, b.value.patient_id) << b.line;
    EXPECT_EQ(a.value.kind, b.value.kind) << b.line;
    EXPECT_EQ(a.value.staff_group, b.value.staff_group) << b.line;
    EXPECT_EQ(a.value.ward, b.value.ward) << b.line;
    EXPECT_EQ(a.value.team, b.value.team) << b.line;
    EXPECT_EQ(a.value.minutes, b.value.minutes) << b.line;
    EXPECT_EQ(a.value.count, b.value.count) << b.line;
    EXPECT_EQ(a.value.cost_pence, b.value.cost_pence) << b.line;
  }
  // Some of each: good rows of every kind and rejected ones.
  int good = 0;
  for (const auto& row : fresh) good += row.error.empty();
  EXPECT_GT(good, 20);
  EXPECT_LT(good, 380);
}

// ---- conservation --------------------------------------------------------

TEST(CostingPropertyTest, TotalCostIsConserved) {
  // Seeded random periods and records: the sum of per-record costs equals
  // clustered + unclustered, and the periods' costs add up to clustered.
  std::mt19937_64 rng(1829);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const UnitCosts costs = SpecCosts();
  for (int round = 0; round < 40; ++round) {
    const absl::CivilDay as_of = D(2024, 3, 31);
    std::vector<PeriodToPrice> periods;
    for (int p = 0; p < 30; ++p) {
      // Consecutive periods per patient with random gaps.
      absl::CivilDay day = D(2023, 1, 1) + uniform(0, 100);
      const std::string id = absl::StrCat("P", p);
      for (int k = 0; k < 4 && day <= as_of; ++k) {
        std::optional<absl::CivilDay> end;
        if (k < 3 || uniform(0, 1)) end = day + uniform(0, 120);
        if (end && *end > as_of) end = as_of;
        periods.push_back(
            Period(id, static_cast<int>(uniform(0, 8)), day, end));
        if (!end) break;
        day = *end + 1 + uniform(0, 20);
      }
    }
    auto coster = ActivityCoster::Create(periods, as_of, costs);
    ASSERT_TRUE(coster.ok()) << coster.status();
    Int128 sum = 0;
    int64_t accepted = 0, rejected = 0;
    for (int i = 0; i < 2000; ++i) {
      const std::string id = absl::StrCat("P", uniform(0, 34));
      const absl::CivilDay date = D(2022, 12, 1) + uniform(0, 520);
      ActivityRecord r;
      switch (uniform(0, 4)) {
        case 0:
          r = Contact(id, date, "nurse_b6", uniform(0, 300));
          break;
        case 1:
          r = Group(id, date, "facilitator", uniform(0, 300), uniform(1, 9));
          break;
        case 2:
          r = BedDays(id, date, "acute_adult", uniform(0, 30));
          break;
        case 3:
          r = Other(id, date, uniform(0, 1000000));
          break;
        default:
          r = Contact(id, date, "unknown", 5);  // rejected
          break;
      }
      absl::StatusOr<int64_t> cost = RecordCost(r, costs);
      const absl::Status s = coster->Add(r);
      EXPECT_EQ(s.ok(), cost.ok());
      if (cost.ok()) {
        sum += *cost;
        ++accepted;
      } else {
        ++rejected;
      }
    }
    const CostingTotals& t = coster->totals();
    EXPECT_EQ(t.records_read, accepted + rejected);
    EXPECT_EQ(t.records_rejected, rejected);
    EXPECT_EQ(t.clustered_records + t.unclustered_records, accepted);
    EXPECT_EQ(sum, Int128(t.clustered_pence) + t.unclustered_pence);
    EXPECT_EQ(t.total_pence, t.clustered_pence + t.unclustered_pence);
    Int128 period_sum = 0;
    int64_t period_records = 0;
    for (const CostedPeriod& p : coster->periods()) {
      period_sum += p.cost_pence;
      period_records += p.records;
    }
    EXPECT_EQ(period_sum, t.clustered_pence);
    EXPECT_EQ(period_records, t.clustered_records);
    Int128 cluster_sum = 0;
    for (const ClusterCost& c : coster->ByCluster())
      cluster_sum += c.cost_pence;
    EXPECT_EQ(cluster_sum, t.clustered_pence);
    EXPECT_GT(t.unknown_patient_records, 0);
    EXPECT_LE(t.unknown_patient_records, t.unclustered_records);
  }
}

// ---- batches --------------------------------------------------------------

TEST(CostingBatchTest, BatchesAgreeWithOneByOne) {
  // The same random periods and records, Add()ed one by one and in
  // batches of every size from 1 to 70: identical outcomes, totals and
  // periods, whatever the batch boundaries.
  std::mt19937_64 rng(77);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const UnitCosts costs = SpecCosts();
  const absl::CivilDay as_of = D(2024, 3, 31);
  std::vector<PeriodToPrice> periods;
  for (int p = 0; p < 60; ++p) {
    // Some ids longer than the index keeps inline; patient 7 has a long
    // history (binary search); some overlap (the later period wins).
    const std::string id =
        p % 5 == 0 ? absl::StrCat("a-very-long-patient-identifier-", p)
                   : absl::StrCat("P", p);
    absl::CivilDay day = D(2022, 1, 1) + uniform(0, 60);
    for (int k = 0; k < (p == 7 ? 40 : 4) && day <= as_of; ++k) {
      std::optional<absl::CivilDay> end = day + uniform(0, 30);
      if (*end > as_of || (k == 3 && uniform(0, 1))) end = std::nullopt;
      periods.push_back(Period(id, static_cast<int>(uniform(0, 8)), day, end));
      if (!end) break;
      day = *end + (p % 9 == 0 ? -uniform(0, 3) : 1 + uniform(0, 10));
    }
  }
  std::vector<ActivityRecord> records;
  for (int i = 0; i < 3000; ++i) {
    const int p = static_cast<int>(uniform(0, 64));
    const std::string id =
        p % 5 == 0 ? absl::StrCat("a-very-long-patient-identifier-", p)
                   : absl::StrCat("P", p);
    const absl::CivilDay date = D(2021, 12, 1) + uniform(0, 900);
    records.push_back(uniform(0, 20) == 0
                          ? Contact(id, date, "unknown", 5)
                          : Other(id, date, uniform(0, 100000)));
  }
  // A date far past any period.
  records.push_back(Other("P1", absl::CivilDay(9999, 12, 31), 1));

  auto one = ActivityCoster::Create(periods, as_of, costs);
  ASSERT_TRUE(one.ok()) << one.status();
  std::vector<absl::Status> statuses;
  std::vector<int> found;
  for (const ActivityRecord& r : records) {
    statuses.push_back(one->Add(r));
    found.push_back(one->Find(r.patient_id, r.date));
  }
  for (size_t batch = 1; batch <= 70; batch += (batch < 20 ? 1 : 17)) {
    auto many = ActivityCoster::Create(periods, as_of, costs);
    ASSERT_TRUE(many.ok());
    std::vector<Attribution> out(records.size());
    for (size_t i = 0; i < records.size(); i += batch) {
      std::vector<const ActivityRecord*> ptrs;
      for (size_t j = i; j < std::min(records.size(), i + batch); ++j) {
        ptrs.push_back(&records[j]);
      }
      ASSERT_TRUE(many->AddBatch(ptrs, absl::MakeSpan(out).subspan(i)).ok());
    }
    for (size_t i = 0; i < records.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("batch ", batch, ", record ", i));
      EXPECT_EQ(out[i].status, statuses[i]);
      EXPECT_EQ(out[i].period, statuses[i].ok() ? found[i] : -1);
      EXPECT_EQ(out[i].patient, one->patients()->Find(records[i].patient_id));
    }
    const CostingTotals& a = one->totals();
    const CostingTotals& b = many->totals();
    EXPECT_EQ(a.records_read, b.records_read);
    EXPECT_EQ(a.records_rejected, b.records_rejected);
    EXPECT_EQ(a.clustered_records, b.clustered_records);
    EXPECT_EQ(a.clustered_pence, b.clustered_pence);
    EXPECT_EQ(a.unclustered_records, b.unclustered_records);
    EXPECT_EQ(a.unknown_patient_records, b.unknown_patient_records);
    EXPECT_EQ(a.total_pence, b.total_pence);
    const std::vector<CostedPeriod> pa = one->periods(), pb = many->periods();
    ASSERT_EQ(pa.size(), pb.size());
    for (size_t k = 0; k < pa.size(); ++k) {
      EXPECT_EQ(pa[k].period.patient_id, pb[k].period.patient_id);
      EXPECT_EQ(pa[k].records, pb[k].records);
      EXPECT_EQ(pa[k].cost_pence, pb[k].cost_pence);
    }
  }
  // The periods' records add up, and the long history was searched.
  int64_t records_in_periods = 0;
  for (const CostedPeriod& p : one->periods()) records_in_periods += p.records;
  EXPECT_EQ(records_in_periods, one->totals().clustered_records);
  EXPECT_GT(one->totals().clustered_records, 100);
  EXPECT_GT(one->totals().unknown_patient_records, 0);
}

TEST(CostingBatchTest, NumbersPatientsInPeriodOrder) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c =
      ActivityCoster::Create({Period("Q", 3, D(2023, 4, 1), D(2023, 4, 30)),
                              Period("P", 3, D(2023, 5, 1), std::nullopt),
                              Period("P", 4, D(2023, 4, 1), D(2023, 4, 30))},
                             D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->patients()->size(), 2);
  EXPECT_EQ(c->patients()->Find("P"), 0);
  EXPECT_EQ(c->patients()->Find("Q"), 1);
  EXPECT_EQ(c->patients()->Find("R"), PatientIndex::kNone);
  const ActivityRecord r = Other("P", D(2023, 5, 2), 100);
  Attribution out[1];
  const ActivityRecord* one[] = {&r};
  ASSERT_TRUE(c->AddBatch(one, absl::MakeSpan(out)).ok());
  EXPECT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].patient, 0);
  EXPECT_EQ(out[0].period, 1);
}

TEST(CostingBatchTest, RefusesAShortOutcomeSpanOrANullRecord) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c = ActivityCoster::Create({Period("P", 3, D(2023, 4, 1), std::nullopt)},
                                  D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok());
  const ActivityRecord r = Other("P", D(2023, 5, 2), 100);
  const ActivityRecord* two[] = {&r, &r};
  Attribution out[2];
  EXPECT_THAT(c->AddBatch(two, absl::MakeSpan(out, 1)).message(),
              HasSubstr("room for 1 outcomes"));
  const ActivityRecord* with_null[] = {&r, nullptr};
  EXPECT_THAT(c->AddBatch(with_null, absl::MakeSpan(out)).message(),
              HasSubstr("null record"));
  // Nothing was added by either.
  EXPECT_EQ(c->totals().records_read, 0);
  EXPECT_TRUE(c->AddBatch({}, {}).ok());
}

// Pricing adds nothing and may run ahead of Commit (on other threads);
// Commit, in its order, alone decides the totals and which record an
// overflowing total rejects.
TEST(CostingBatchTest, PriceAddsNothingAndCommitDecidesInOrder) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c =
      ActivityCoster::Create({Period("P", 3, D(2023, 4, 1), std::nullopt),
                              Period("Q", 3, D(2023, 4, 1), D(2023, 4, 30))},
                             D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok());
  // other records: cost_pence plus 18% overhead. 4 * 10^18 p is 4.72 *
  // 10^18 with it; a second would pass 2^63 - 1 = 9.22 * 10^18.
  const ActivityRecord big = Other("P", D(2023, 5, 1), 4000000000000000000);
  const ActivityRecord small = Other("Q", D(2023, 4, 2), 100);  // 118
  const ActivityRecord unknown = Other("R", D(2023, 4, 2), 100);
  const ActivityRecord* all[] = {&small, &big, &big, &unknown};
  PricedRecord priced[4];
  c->Price(all, absl::MakeSpan(priced));
  EXPECT_EQ(c->totals().records_read, 0);
  EXPECT_EQ(c->period(0).records, 0);
  // Priced alone, each big record fits: its cost and period are known.
  EXPECT_TRUE(priced[2].attribution.status.ok());
  EXPECT_EQ(priced[2].attribution.cost_pence, 4720000000000000000);
  EXPECT_EQ(priced[2].attribution.period, 0);
  EXPECT_EQ(priced[3].attribution.period, -2);
  c->Commit(absl::MakeSpan(priced));
  EXPECT_TRUE(priced[0].attribution.status.ok());
  EXPECT_TRUE(priced[1].attribution.status.ok());
  // The second big one overflows the total: rejected, nothing added.
  EXPECT_THAT(priced[2].attribution.status.message(), HasSubstr("overflow"));
  EXPECT_EQ(priced[2].attribution.period, -1);
  EXPECT_EQ(priced[2].attribution.cost_pence, 0);
  EXPECT_TRUE(priced[3].attribution.status.ok());
  const CostingTotals& t = c->totals();
  EXPECT_EQ(t.records_read, 4);
  EXPECT_EQ(t.records_rejected, 1);
  EXPECT_EQ(t.clustered_pence, 4720000000000000000 + 118);
  EXPECT_EQ(t.unclustered_pence, 118);
  EXPECT_EQ(t.unknown_patient_records, 1);
  EXPECT_EQ(c->period(0).records, 1);
  EXPECT_EQ(c->period(0).cost_pence, 4720000000000000000);
  EXPECT_EQ(c->period(1).cost_pence, 118);
}

// Price looks records up a group at a time, each stage's reads asked for
// before the next stage waits on them: one call over hundreds of records
// (unknown patients, ids too long to keep inline, periods given unsorted)
// prices each as a call for it alone does.
TEST(CostingBatchTest, LongPriceCallsAgreeWithOneRecordCalls) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  std::vector<PeriodToPrice> periods;
  // Listed newest first, so Create sorts them; patient k has k % 3 + 1
  // monthly periods from 2023-01-01, the last open.
  for (int k = 299; k >= 0; --k) {
    const std::string id = k % 7 == 0 ? absl::StrCat(std::string(40, 'L'), k)
                                      : absl::StrCat("P", k);
    for (int m = k % 3; m >= 0; --m) {
      const absl::CivilDay start = D(2023, 1 + m, 1);
      periods.push_back(Period(
          id, 3, start,
          m == k % 3 ? std::nullopt
                     : std::optional<absl::CivilDay>(D(2023, 2 + m, 1) - 1)));
    }
  }
  auto c = ActivityCoster::Create(periods, D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->patients()->size(), 300);
  std::vector<ActivityRecord> records;
  for (int i = 0; i < 700; ++i) {
    const int k = (i * 37) % 320;  // 300..319 are unknown
    const std::string id = k % 7 == 0 ? absl::StrCat(std::string(40, 'L'), k)
                                      : absl::StrCat("P", k);
    records.push_back(Other(id, D(2022, 12, 25) + (i * 11) % 200, 100));
  }
  std::vector<const ActivityRecord*> all;
  for (const ActivityRecord& r : records) all.push_back(&r);
  std::vector<PricedRecord> together(records.size());
  c->Price(all, absl::MakeSpan(together));
  int known = 0, unknown = 0, outside = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("record ", i));
    PricedRecord alone[1];
    c->Price(absl::MakeConstSpan(&all[i], 1), absl::MakeSpan(alone));
    const Attribution& a = together[i].attribution;
    EXPECT_EQ(a.patient, alone[0].attribution.patient);
    EXPECT_EQ(a.period, alone[0].attribution.period);
    EXPECT_EQ(a.period, c->Find(records[i].patient_id, records[i].date));
    EXPECT_EQ(a.cost_pence, 118);  // 100 plus 18% overhead
    known += a.period >= 0;
    unknown += a.period == -2;
    outside += a.period == -1;
  }
  // Every kind of outcome was met: 700 records over 320 ids, 20 unknown,
  // some dated before 2023 or past a closed last period.
  EXPECT_GT(known, 300);
  EXPECT_GT(unknown, 20);
  EXPECT_GT(outside, 10);
}

// A patient's range of periods is kept in its index slot and searched by
// a scan up to 16 periods and a binary search past them: every count from
// 1 to 20 finds the same period as a plain search, on every day around
// each period's ends, and a stay's nights stop at its period's last day.
TEST(CostingBatchTest, EveryNumberOfPeriodsFindsTheCoveringOne) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  // Patient Nn (N01..N20, so that they sort as numbered) has n periods: period
  // j from day 10j to 10j + 6 after 2023-01-01, then three days with none; the
  // last is open (to the as-of date 2023-12-31) for even n.
  const absl::CivilDay origin = D(2023, 1, 1);
  std::vector<PeriodToPrice> periods;
  for (int n = 1; n <= 20; ++n) {
    for (int j = 0; j < n; ++j) {
      const bool open = j == n - 1 && n % 2 == 0;
      periods.push_back(Period(
          absl::StrCat("N", absl::Dec(n, absl::kZeroPad2)), 3, origin + 10 * j,
          open ? std::nullopt
               : std::optional<absl::CivilDay>(origin + 10 * j + 6)));
    }
  }
  const absl::CivilDay as_of = D(2023, 12, 31);
  auto c = ActivityCoster::Create(periods, as_of, costs);
  ASSERT_TRUE(c.ok()) << c.status();
  // Each patient's bed days, 5 nights from each day from 2 days before its
  // first period to 5 after its last closed one.
  std::vector<ActivityRecord> records;
  std::vector<int> want_period;
  std::vector<int64_t> want_nights;
  int first = 0;  // the patient's first period's index
  for (int n = 1; n <= 20; ++n) {
    for (int day = -2; day <= 10 * (n - 1) + 11; ++day) {
      records.push_back(
          BedDays(absl::StrCat("N", absl::Dec(n, absl::kZeroPad2)),
                  origin + day, "acute_adult", 5));
      int period = -1;
      int64_t nights = 0;
      for (int j = 0; j < n; ++j) {
        const bool open = j == n - 1 && n % 2 == 0;
        const int64_t last = open ? as_of - origin : 10 * j + 6;
        if (day >= 10 * j && day <= last) {
          period = first + j;
          nights = std::min<int64_t>(5, last - day + 1);
        }
      }
      want_period.push_back(period);
      want_nights.push_back(nights);
    }
    first += n;
  }
  std::vector<const ActivityRecord*> all;
  for (const ActivityRecord& r : records) all.push_back(&r);
  std::vector<PricedRecord> priced(records.size());
  c->Price(all, absl::MakeSpan(priced));
  for (size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(absl::StrCat(records[i].patient_id, " on ",
                              FormatIsoDate(records[i].date)));
    EXPECT_EQ(priced[i].attribution.period, want_period[i]);
    EXPECT_EQ(c->Find(records[i].patient_id, records[i].date), want_period[i]);
    EXPECT_EQ(priced[i].admitted, want_period[i] >= 0);
    EXPECT_EQ(priced[i].nights, want_nights[i]);
  }
  // Days from the period table: 7 a closed period, to the as-of date an
  // open one (patient 2's second period, index 2, from 2023-01-11).
  EXPECT_EQ(c->Figures(0).days, 7);
  EXPECT_EQ(c->Figures(2).days, (as_of - (origin + 10)) + 1);
}

// Figures(i) is period(i) without its PeriodToPrice, which
// period_to_price(i) gives without a copy.
TEST(CostingBatchTest, FiguresArePeriodWithoutItsPeriodToPrice) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c =
      ActivityCoster::Create({Period("P", 3, D(2023, 4, 1), std::nullopt, 7),
                              Period("Q", 4, D(2023, 4, 1), D(2023, 4, 30), 9)},
                             D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok());
  // 2 hours of nurse_b6: 10400 p, 12272 p with 18% overhead; P's period
  // is 2023-04-01 to the as-of date 2023-06-30, 91 days.
  ASSERT_TRUE(c->Add(Contact("P", D(2023, 5, 2), "nurse_b6", 120)).ok());
  for (size_t i = 0; i < c->period_count(); ++i) {
    const CostedPeriod whole = c->period(i), figures = c->Figures(i);
    EXPECT_EQ(figures.period.patient_id, "");
    EXPECT_EQ(c->period_to_price(i).patient_id, whole.period.patient_id);
    EXPECT_EQ(c->period_to_price(i).line, whole.period.line);
    EXPECT_EQ(figures.days, whole.days);
    EXPECT_EQ(figures.records, whole.records);
    EXPECT_EQ(figures.cost_pence, whole.cost_pence);
    EXPECT_EQ(figures.community_days, whole.community_days);
  }
  EXPECT_EQ(c->Figures(0).days, 91);
  EXPECT_EQ(c->Figures(0).cost_pence, 12272);
  EXPECT_EQ(c->period_to_price(1).line, 9);
}

TEST(CostingBatchTest, RecordsDatedFarOffFallOutsideEveryPeriod) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c = ActivityCoster::Create({Period("P", 3, D(2023, 4, 1), std::nullopt)},
                                  D(2023, 6, 30), costs);
  ASSERT_TRUE(c.ok());
  for (const absl::CivilDay day :
       {absl::CivilDay(9000000000, 1, 1), absl::CivilDay(-9000000000, 1, 1),
        absl::CivilDay(4000000, 1, 1)}) {
    EXPECT_EQ(c->Find("P", day), -1);
    EXPECT_TRUE(c->Add(Other("P", day, 5)).ok());
  }
  EXPECT_EQ(c->totals().unclustered_records, 3);
  EXPECT_EQ(c->totals().clustered_records, 0);
}

TEST(CostingBatchTest, DatesBeyondTheHotPathRangeAreRefused) {
  const UnitCosts costs = SpecCosts();  // outlives the coster
  auto c = ActivityCoster::Create(
      {Period("P", 3, absl::CivilDay(-7000000, 1, 1), std::nullopt),
       Period("Q", 3, absl::CivilDay(-9000000000, 1, 1), std::nullopt)},
      D(2023, 6, 30), costs);
  EXPECT_THAT(c.status().message(), HasSubstr("date out of range"));
}

}  // namespace
}  // namespace mhpbr
