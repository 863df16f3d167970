// Ward stays as bed days (mhsds.md "Ward stays"), worked by hand: nights,
// the end date not counted, open stays through the as-of date; each
// period's nights one bed_day record, the nights in no period another,
// each costed as pricing.md costs a bed day and rounded once. Then the
// MHS502 + MHS501 + MHS101 reader and its rejects.

#include "mhpbr/ward_stay.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/mhsds_ward_stays.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

WardStay Stay(absl::CivilDay start, std::optional<absl::CivilDay> end) {
  WardStay s;
  s.ward_stay_id = "WS1";
  s.patient_id = "P1";
  s.start = start;
  s.end = end;
  s.ward = "acute";
  s.line = 7;
  return s;
}

// Periods 0: 1-9 May, 1: from 10 May; nothing before 1 May.
int TwoPeriods(absl::CivilDay night) {
  if (night < D(2023, 5, 1)) return -1;
  return night < D(2023, 5, 10) ? 0 : 1;
}

const absl::CivilDay kAsOf = D(2023, 6, 30);

TEST(WardStayTest, ThreeToFiveMayIsTwoNightsDatedThreeAndFour) {
  const WardStay s = Stay(D(2023, 5, 3), D(2023, 5, 5));
  EXPECT_EQ(StayNights(s, kAsOf), 2);
  // Both nights (3 and 4 May) in period 0: one record from the 3rd.
  const std::vector<ActivityRecord> r = BedDayRecords(s, kAsOf, TwoPeriods);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].date, D(2023, 5, 3));
  EXPECT_EQ(r[0].count, 2);
  EXPECT_EQ(r[0].kind, ActivityKind::kBedDay);
  EXPECT_EQ(r[0].ward, "acute");
  EXPECT_EQ(r[0].patient_id, "P1");
  EXPECT_EQ(r[0].activity_id, "WS1");
  EXPECT_EQ(r[0].line, 7);
}

TEST(WardStayTest, SameDayStayHasNoNight) {
  const WardStay s = Stay(D(2023, 5, 3), D(2023, 5, 3));
  EXPECT_EQ(StayNights(s, kAsOf), 0);
  EXPECT_TRUE(BedDayRecords(s, kAsOf, TwoPeriods).empty());
}

TEST(WardStayTest, StayAcrossAChangeOfClusterIsSplit) {
  // Nights 8, 9 May (period 0) and 10, 11 May (period 1).
  const std::vector<ActivityRecord> r =
      BedDayRecords(Stay(D(2023, 5, 8), D(2023, 5, 12)), kAsOf, TwoPeriods);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].date, D(2023, 5, 8));
  EXPECT_EQ(r[0].count, 2);
  EXPECT_EQ(r[1].date, D(2023, 5, 10));
  EXPECT_EQ(r[1].count, 2);
}

TEST(WardStayTest, NightsInNoPeriodAreOneRecord) {
  // Nights 29, 30 Apr (none), 1 May (period 0).
  std::vector<ActivityRecord> r =
      BedDayRecords(Stay(D(2023, 4, 29), D(2023, 5, 2)), kAsOf, TwoPeriods);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].date, D(2023, 4, 29));
  EXPECT_EQ(r[0].count, 2);
  EXPECT_EQ(r[1].date, D(2023, 5, 1));
  EXPECT_EQ(r[1].count, 1);
  // A gap between periods 2-4 May: nights 1 (0), 2, 3, 4 (none), 5 (1).
  auto gap = [](absl::CivilDay n) {
    if (n == D(2023, 5, 1)) return 0;
    return n >= D(2023, 5, 5) ? 1 : -1;
  };
  r = BedDayRecords(Stay(D(2023, 5, 1), D(2023, 5, 6)), kAsOf, gap);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].date, D(2023, 5, 2));
  EXPECT_EQ(r[1].count, 3);
  EXPECT_EQ(r[2].date, D(2023, 5, 5));
  EXPECT_EQ(r[2].count, 1);
}

TEST(WardStayTest, OpenStayCountsNightsThroughTheAsOfDate) {
  // Nights 28, 29 and 30 June: the as-of night counts.
  EXPECT_EQ(StayNights(Stay(D(2023, 6, 28), std::nullopt), kAsOf), 3);
  // Ending after the as-of date: the same three nights.
  EXPECT_EQ(StayNights(Stay(D(2023, 6, 28), D(2023, 7, 5)), kAsOf), 3);
  // Ending the day after the as-of date: its last night is the as-of date.
  EXPECT_EQ(StayNights(Stay(D(2023, 6, 28), D(2023, 7, 1)), kAsOf), 3);
  // Starting after the as-of date: none.
  EXPECT_EQ(StayNights(Stay(D(2023, 7, 2), std::nullopt), kAsOf), 0);
  const std::vector<ActivityRecord> r =
      BedDayRecords(Stay(D(2023, 6, 28), std::nullopt), kAsOf, TwoPeriods);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].count, 3);
}

// Rates: acute 45501 p a night, overhead 175000 ppm. One night costs
// 45501 * 1.175 = 53463.675 -> 53464; two nights 106927.35 -> 106927
// (night by night would give 106928: rounded once per record).
UnitCosts Costs() {
  auto c = UnitCosts::Create("test", 175000, {}, {{"acute", 45501}});
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

PeriodToPrice Period(int cluster, absl::CivilDay start,
                     std::optional<absl::CivilDay> end) {
  PeriodToPrice p;
  p.patient_id = "P1";
  p.cluster = Cluster::FromCode(cluster).value();
  p.start = start;
  p.end = end;
  return p;
}

TEST(WardStayTest, CosterSplitsAStayAndCountsItOnce) {
  const UnitCosts costs = Costs();
  auto coster =
      ActivityCoster::Create({Period(3, D(2023, 5, 1), D(2023, 5, 9)),
                              Period(4, D(2023, 5, 10), std::nullopt)},
                             D(2023, 5, 31), costs);
  ASSERT_TRUE(coster.ok()) << coster.status();
  // 27 Apr -> 12 May: 30 Apr... nights 27-30 Apr (4, none: 4 * 45501 *
  // 1.175 = 213854.7 -> 213855), 1-9 May (9 in cluster 3: 481173.075 ->
  // 481173), 10, 11 May (2 in cluster 4: 106927).
  StayAttribution a;
  coster->AddStay(Stay(D(2023, 4, 27), D(2023, 5, 12)), &a);
  ASSERT_TRUE(a.status.ok()) << a.status;
  ASSERT_EQ(a.records.size(), 3u);
  EXPECT_EQ(a.parts[0].period, -1);
  EXPECT_EQ(a.parts[0].cost_pence, 213855);
  EXPECT_EQ(a.parts[1].period, 0);
  EXPECT_EQ(a.parts[1].cost_pence, 481173);
  EXPECT_EQ(a.parts[2].period, 1);
  EXPECT_EQ(a.parts[2].cost_pence, 106927);
  // A same-day stay: read, costs nothing.
  coster->AddStay(Stay(D(2023, 5, 20), D(2023, 5, 20)), &a);
  EXPECT_TRUE(a.status.ok());
  EXPECT_TRUE(a.records.empty());
  // An open stay of a patient with no period: nights 30, 31 May (as-of):
  // 106927, unclustered and unknown.
  WardStay other = Stay(D(2023, 5, 30), std::nullopt);
  other.patient_id = "P2";
  coster->AddStay(other, &a);
  ASSERT_EQ(a.records.size(), 1u);
  EXPECT_EQ(a.parts[0].period, -2);
  EXPECT_EQ(a.parts[0].cost_pence, 106927);
  // A ward not in the unit costs: rejected, even with no night.
  WardStay bad = Stay(D(2023, 5, 3), D(2023, 5, 3));
  bad.ward = "nowhere";
  coster->AddStay(bad, &a);
  EXPECT_THAT(std::string(a.status.message()), StartsWith("ward: "));

  const CostingTotals& t = coster->totals();
  EXPECT_EQ(t.records_read, 4);  // stays, not their records
  EXPECT_EQ(t.records_rejected, 1);
  EXPECT_EQ(t.clustered_records, 2);
  EXPECT_EQ(t.clustered_pence, 481173 + 106927);
  EXPECT_EQ(t.unclustered_records, 2);
  EXPECT_EQ(t.unclustered_pence, 213855 + 106927);
  EXPECT_EQ(t.unknown_patient_records, 1);
  EXPECT_EQ(t.total_pence, 213855 + 481173 + 106927 + 106927);
  const std::vector<CostedPeriod> p = coster->periods();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].records, 1);
  EXPECT_EQ(p[0].cost_pence, 481173);
  EXPECT_EQ(p[0].admitted_days, 9);
  EXPECT_EQ(p[1].records, 1);
  EXPECT_EQ(p[1].admitted_days, 2);
}

// The extracts as a file.
struct Csv {
  explicit Csv(const std::string& text) : f(std::tmpfile()) {
    std::fputs(text.c_str(), f);
    std::rewind(f);
  }
  ~Csv() { std::fclose(f); }
  std::FILE* f;
};

MhsdsReferrals Referrals() {
  MhsdsReferrals r;
  r["R1"] = {"P101", "T1", "C1"};
  r["R2"] = {"", "T1", "C1"};
  return r;
}

TEST(MhsdsWardStayReaderTest, ReadsPatientsAndRejectsInOrder) {
  // Headers in another case; v4.1's HospProvSpellNum.
  Csv spells(
      "HOSPPROVSPELLNUM,SERVICEREQUESTID\n"
      "S1,R1\n"
      "S1,R1\n"  // repeated unchanged: one spell
      "S2,R2\n"
      "S3,R9\n");
  auto s = ReadMhs501(spells.f, "mhs501.csv", MhsdsColumnMap::Default());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->size(), 3u);
  const MhsdsReferrals referrals = Referrals();
  const UnitCosts costs = Costs();
  Csv stays(
      "wardstayid,hospprovspellnum,startdatewardstay,enddatewardstay,"
      "wardcode,localpatientid\n"
      "W1,S1,2023-05-03,2023-05-05,acute,\n"     // 2: P101 via R1
      "W2,S9,2023-05-03,,acute,P7\n"             // 3: its own patient
      "W3,S1,2023-05-32,2023-05-05,nowhere,\n"   // 4: date first
      "W4,S1,2023-05-03,2023-5-5,acute,\n"       // 5: end not a date
      "W5,S1,2023-05-05,2023-05-03,nowhere,\n"   // 6: dates before ward
      "W6,S9,2023-05-03,2023-05-05,nowhere,\n"   // 7: ward before patient
      "W7,S9,2023-05-03,2023-05-05,acute,\n"     // 8: no MHS501 row
      "W8,S2,2023-05-03,2023-05-05,acute,\n"     // 9: R2 names no one
      "W9,S3,2023-05-03,2023-05-05,acute,\n"     // 10: R9 has no MHS101
      "W10,S1,2023-05-03,2023-05-03,acute,\n");  // 11: no night, accepted
  auto reader = MhsdsWardStayReader::Open(
      stays.f, "mhs502.csv", &*s, &referrals, costs, MhsdsColumnMap::Default());
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<InputRow<WardStay>> rows;
  InputRow<WardStay> row;
  while ((*reader)->Next(&row)) rows.push_back(row);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].value.patient_id, "P101");
  EXPECT_EQ(rows[0].value.end, D(2023, 5, 5));
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].error, "");
  EXPECT_EQ(rows[1].value.patient_id, "P7");
  EXPECT_EQ(rows[1].value.end, std::nullopt);
  EXPECT_THAT(rows[2].error, StartsWith("date: "));
  EXPECT_THAT(rows[3].error, StartsWith("date: "));
  EXPECT_THAT(rows[3].error, HasSubstr("2023-5-5"));
  EXPECT_THAT(rows[4].error, StartsWith("dates: "));
  EXPECT_THAT(rows[5].error, StartsWith("ward: "));
  EXPECT_THAT(rows[6].error, StartsWith("no_patient: "));
  EXPECT_THAT(rows[6].error, HasSubstr("no MHS501 row"));
  EXPECT_THAT(rows[7].error, StartsWith("no_patient: "));
  EXPECT_THAT(rows[8].error, HasSubstr("no MHS101 row"));
  EXPECT_EQ(rows[9].error, "");
  EXPECT_EQ(rows[9].id, "W10");
  EXPECT_EQ(rows[9].line, 11);
}

TEST(MhsdsWardStayReaderTest, LookUpRowsThatCannotBeReadFail) {
  Csv ragged("HospProvSpellID,ServiceRequestId\nS1,R1,extra\n");
  auto s = ReadMhs501(ragged.f, "mhs501.csv", MhsdsColumnMap::Default());
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("line 2"));
  Csv twice("HospProvSpellID,ServiceRequestId\nS1,R1\nS1,R2\n");
  s = ReadMhs501(twice.f, "mhs501.csv", MhsdsColumnMap::Default());
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("line 3"));
  Csv empty("HospProvSpellID,ServiceRequestId\n,R1\n");
  EXPECT_FALSE(
      ReadMhs501(empty.f, "mhs501.csv", MhsdsColumnMap::Default()).ok());
}

TEST(MhsdsWardStayReaderTest, MissingColumnsAreNamed) {
  const UnitCosts costs = Costs();
  MhsdsSpells spells;
  // No patient column and no spell: the spell is required.
  Csv stays("WardStayId,StartDateWardStay,EndDateWardStay\n");
  auto reader =
      MhsdsWardStayReader::Open(stays.f, "mhs502.csv", &spells, nullptr, costs,
                                MhsdsColumnMap::Default());
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(std::string(reader.status().message()),
              HasSubstr("HospProvSpellID or HospProvSpellNum"));
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("WardCode"));
}

}  // namespace
}  // namespace mhpbr
