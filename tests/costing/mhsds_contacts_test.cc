// Care contacts (MHS201 + MHS101) as contact activity (mhsds.md "Care
// contacts"), the column-name map (case-insensitive headers, version
// aliases in order, a trust's own names) and the reject reasons in their
// order. Costs are worked by hand: pricing.md's contact cost is minutes *
// rate / 60 * (1 + overhead), rounded once per record.

#include "mhpbr/mhsds_contacts.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/activity.h"
#include "mhpbr/mhsds_columns.h"

namespace mhpbr {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File TextFile(const std::string& text) {
  File f(std::tmpfile());
  std::fwrite(text.data(), 1, text.size(), f.get());
  std::rewind(f.get());
  return f;
}

// Overhead 18%; nurse_b6 5200p an hour, psychologist 7400p.
UnitCosts Costs() {
  return *UnitCosts::Create("test", 180000,
                            {{"nurse_b6", 5200}, {"psychologist", 7400}}, {});
}

MhsdsReferrals Referrals() {
  // v6 spells it ServiceRequestID; matched ignoring case.
  File f = TextFile(
      "ServiceRequestID,LocalPatientId,CareProfTeamLocalId,OrgIDComm\n"
      "R1,P1,nurse_b6,C1\n"
      "R2,P2,psychologist,C2\n"
      "R3,,nurse_b6,C1\n"
      "R1,P1,nurse_b6,C1\n");  // repeated unchanged: one referral
  auto r = ReadMhs101(f.get(), "mhs101.csv", MhsdsColumnMap::Default());
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : MhsdsReferrals();
}

struct Read {
  std::vector<InputRow<ActivityRecord>> rows;
  int64_t contacts_read = 0;
  int64_t not_attended = 0;
};

Read ReadAll(const std::string& text, const TeamMap* teams = nullptr,
             const MhsdsColumnMap& columns = MhsdsColumnMap::Default()) {
  static const UnitCosts* const costs = new UnitCosts(Costs());
  static const MhsdsReferrals* const refs = new MhsdsReferrals(Referrals());
  File f = TextFile(text);
  auto reader = MhsdsContactReader::Open(f.get(), "mhs201.csv", *refs, teams,
                                         *costs, columns);
  EXPECT_TRUE(reader.ok()) << reader.status();
  Read out;
  if (!reader.ok()) return out;
  InputRow<ActivityRecord> row;
  while ((*reader)->Next(&row)) out.rows.push_back(row);
  EXPECT_TRUE((*reader)->io_status().ok());
  out.contacts_read = (*reader)->contacts_read();
  out.not_attended = (*reader)->not_attended();
  return out;
}

TEST(MhsdsContactsTest, V6HeadersInAnotherCaseAndOrder) {
  const Read r = ReadAll(
      "otherCareProfTeamLocalId,CLINCONTDUROFCARECONT,CareContDate,"
      "attendstatus,servicerequestid,CareContactID\n"
      ",30,2023-04-03,5,R1,K1\n"
      "psychologist,45,2023-04-04,6,R2,K2\n");
  ASSERT_EQ(r.rows.size(), 2u);
  const ActivityRecord& a = r.rows[0].value;
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_EQ(a.activity_id, "K1");
  EXPECT_EQ(a.patient_id, "P1");  // from R1's MHS101 row
  EXPECT_EQ(a.date, absl::CivilDay(2023, 4, 3));
  EXPECT_EQ(a.kind, ActivityKind::kContact);
  EXPECT_EQ(a.minutes, 30);
  EXPECT_EQ(a.team, "nurse_b6");  // empty on the contact: the referral's
  EXPECT_EQ(a.staff_group, "nurse_b6");
  EXPECT_EQ(a.commissioner, "C1");
  EXPECT_EQ(r.rows[0].line, 2);
  // 30 * 5200 / 60 = 2600; * 1.18 = 3068 exactly.
  EXPECT_EQ(*RecordCost(a, Costs()), 3068);
  // 45 * 7400 / 60 = 5550; * 1.18 = 6549 exactly.
  EXPECT_EQ(r.rows[1].value.staff_group, "psychologist");
  EXPECT_EQ(*RecordCost(r.rows[1].value, Costs()), 6549);
}

TEST(MhsdsContactsTest, V41NamesAndPersonIdAndOwnCommissioner) {
  // v4.1/v5: AttendOrDNACode and CareProfTeamLocalId; the contact's own
  // Person_ID and OrgIDComm win over the referral's.
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendOrDNACode,CareProfTeamLocalId,Person_ID,OrgIDComm\n"
      "K1,R1,2023-04-03,7,5,psychologist,X9,C7\n");
  ASSERT_EQ(r.rows.size(), 1u);
  const ActivityRecord& a = r.rows[0].value;
  EXPECT_EQ(a.patient_id, "X9");
  EXPECT_EQ(a.staff_group, "psychologist");
  EXPECT_EQ(a.commissioner, "C7");
  // 7 * 7400 / 60 = 863.33..; * 1.18 = 1018.73.. -> 1019, rounded once.
  EXPECT_EQ(*RecordCost(a, Costs()), 1019);
}

TEST(MhsdsContactsTest, NewerNameWinsWhenBothPresent) {
  // AttendStatus (v6) is listed before AttendOrDNACode: its 3 (did not
  // attend) is used, not the 5 beside it.
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendOrDNACode,AttendStatus\n"
      "K1,R1,2023-04-03,30,5,3\n");
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.contacts_read, 1);
  EXPECT_EQ(r.not_attended, 1);
}

TEST(MhsdsContactsTest, NotAttendedNeedsNoMinutesTeamOrPatient) {
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendStatus\n"
      "K0,NONE,2023-04-03,,0\n"
      "K2,NONE,2023-04-03,,2\n"
      "K3,NONE,2023-04-03,,3\n"
      "K4,NONE,2023-04-03,,4\n"
      "K7,NONE,2023-04-03,,7\n");
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.contacts_read, 5);
  EXPECT_EQ(r.not_attended, 5);
}

std::vector<std::string> Errors(const Read& r) {
  std::vector<std::string> e;
  for (const auto& row : r.rows) e.push_back(row.error);
  return e;
}

TEST(MhsdsContactsTest, EachRejectReasonInItsOrder) {
  TeamMap teams = {{"T1", "nurse_b6"}, {"T9", "dietitian"}};
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendStatus,OtherCareProfTeamLocalID\n"
      "A,R1,2023-02-30,-1,9,T1\n"    // date first, though all is wrong
      "B,R1,2023-04-03,-1,1,T1\n"    // then attendance
      "C,R1,2023-04-03,,5,T1\n"      // missing minutes
      "D,R1,2023-04-03,-5,5,T1\n"    // negative minutes
      "E,R3,2023-04-03,30,5,ZZ\n"    // R3 names no patient: before team
      "F,R404,2023-04-03,30,5,T1\n"  // no MHS101 row, no patient
      "G,R1,2023-04-03,30,5,ZZ\n"    // team not in the map
      "H,R1,2023-04-03,30,5,T9\n"    // dietitian not in the unit costs
      "I,R1,2023-04-03,30,6,T1\n",   // accepted
      &teams);
  ASSERT_EQ(r.rows.size(), 9u);
  const std::vector<std::string> e = Errors(r);
  EXPECT_THAT(e[0], StartsWith("date: '2023-02-30'"));
  EXPECT_THAT(e[1], StartsWith("attendance: '1'"));
  EXPECT_EQ(e[2], "minutes: no duration");
  EXPECT_THAT(e[3], StartsWith("minutes: '-5'"));
  EXPECT_THAT(e[4], StartsWith("no_patient: "));
  EXPECT_THAT(e[5], AllOf(StartsWith("no_patient: "), HasSubstr("R404")));
  EXPECT_EQ(e[6], "team: 'ZZ' is not in the team map");
  EXPECT_EQ(e[7], "staff_group: 'dietitian' is not in the unit costs");
  EXPECT_EQ(e[8], "");
  EXPECT_EQ(r.rows[8].value.team, "T1");
  EXPECT_EQ(r.rows[8].value.staff_group, "nurse_b6");
  EXPECT_EQ(r.rows[0].id, "A");
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.contacts_read, 9);
  EXPECT_EQ(r.not_attended, 0);
}

TEST(MhsdsContactsTest, RaggedRowIsRejectedNotDropped) {
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,ClinContDurOfCareCont,"
      "AttendStatus\n"
      "K1,R1,2023-04-03\n");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].error, "row has 3 fields; the header has 5");
  EXPECT_EQ(r.rows[0].id, "K1");
}

TEST(MhsdsContactsTest, MissingColumnsNamedWithTheirAliases) {
  File f = TextFile("CareContactId,ServiceRequestId,CareContDate\n");
  const UnitCosts costs = Costs();
  const MhsdsReferrals refs;
  auto r = MhsdsContactReader::Open(f.get(), "mhs201.csv", refs, nullptr, costs,
                                    MhsdsColumnMap::Default());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "mhs201.csv: missing columns ClinContDurOfCareCont, AttendStatus "
            "or AttendOrDNACode");
}

TEST(MhsdsContactsTest, TrustColumnNamesComeFirst) {
  File map_file = TextFile(
      "table,field,column\n"
      "MHS201,minutes,Duration\n"
      "mhs201,attendance,Attended\n");
  auto map = MhsdsColumnMap::Read(map_file.get(), "columns.csv");
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_THAT(map->Columns("MHS201", "attendance"),
              ElementsAre("Attended", "AttendStatus", "AttendOrDNACode"));
  // Attended (the trust's) is read before AttendStatus.
  const Read r = ReadAll(
      "CareContactId,ServiceRequestId,CareContDate,duration,AttendStatus,"
      "ATTENDED\n"
      "K1,R1,2023-04-03,30,7,5\n",
      nullptr, *map);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].value.minutes, 30);
}

TEST(MhsdsContactsTest, ColumnMapErrorsNameTheLine) {
  File f = TextFile("table,field,column\nMHS201,colour,Colour\n");
  auto map = MhsdsColumnMap::Read(f.get(), "columns.csv");
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().message(),
            "columns.csv: line 2: mhpbr reads no field 'colour' of table "
            "'MHS201'");
  File g = TextFile("table,field,column\nMHS201,date,\n");
  EXPECT_EQ(MhsdsColumnMap::Read(g.get(), "c.csv").status().message(),
            "c.csv: line 2: column is empty");
}

TEST(MhsdsContactsTest, ReferralLookUpErrorsStopTheRun) {
  File conflict = TextFile(
      "ServiceRequestId,LocalPatientId\n"
      "R1,P1\n"
      "R1,P2\n");
  auto r = ReadMhs101(conflict.get(), "mhs101.csv", MhsdsColumnMap::Default());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "mhs101.csv: line 3: ServiceRequestId 'R1' is listed twice with "
            "different values");
  File ragged = TextFile("ServiceRequestId,LocalPatientId\nR1\n");
  EXPECT_EQ(ReadMhs101(ragged.get(), "mhs101.csv", MhsdsColumnMap::Default())
                .status()
                .message(),
            "mhs101.csv: line 2: row has 1 fields; the header has 2");
  File no_id = TextFile("LocalPatientId\nP1\n");
  EXPECT_EQ(ReadMhs101(no_id.get(), "mhs101.csv", MhsdsColumnMap::Default())
                .status()
                .message(),
            "mhs101.csv: missing column ServiceRequestId");
}

TEST(MhsdsContactsTest, TeamMap) {
  File f = TextFile("team,staff_group\nT1,nurse_b6\nT2,psychologist\n");
  auto m = ReadTeamMap(f.get(), "teams.csv");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->at("T2"), "psychologist");
  File twice = TextFile("team,staff_group\nT1,a\nT1,b\n");
  EXPECT_EQ(ReadTeamMap(twice.get(), "teams.csv").status().message(),
            "teams.csv: line 3: team 'T1' is listed twice");
}

}  // namespace
}  // namespace mhpbr
