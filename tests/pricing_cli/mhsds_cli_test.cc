// MHSDS extracts as shipped, end to end (formats.md "Reading MHSDS
// extracts"): `cost`, `report` and `tariff` from care contacts (MHS201 +
// MHS101), and the other clustering tools counted in the `classify` and
// `periods` summaries. Every figure is worked by hand beside it.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace {

using ::mhpbr::test_process::RunProcess;
using ::mhpbr::test_process::Slurp;
using ::mhpbr::test_process::TempPath;
using ::mhpbr::test_process::WriteFile;
using ::testing::HasSubstr;

const char kTool[] = MHPBR_TOOL_PATH;

std::map<std::string, std::string> Summary(const std::string& csv) {
  std::map<std::string, std::string> m;
  for (absl::string_view line : absl::StrSplit(csv, '\n', absl::SkipEmpty())) {
    std::vector<std::string> kv = absl::StrSplit(line, ',');
    if (kv.size() == 2) m[kv[0]] = kv[1];
  }
  return m;
}

std::string File(const std::string& name, const std::string& text) {
  const std::string p = TempPath(name);
  WriteFile(p, text);
  return p;
}

// Overhead 18%; nurse_b6 5200p an hour, psychologist 7400p.
const char kUnitCosts[] =
    "source: \"test\"\n"
    "overhead_ppm: 180000\n"
    "staff { code: \"nurse_b6\" pence_per_hour: 5200 }\n"
    "staff { code: \"psychologist\" pence_per_hour: 7400 }\n";

class MhsdsContactsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    costs_ = File("costs.textproto", kUnitCosts);
    periods_ = File("periods.csv",
                    "patient_id,cluster,start,end\n"
                    "P1,3,2023-04-01,2023-04-30\n"
                    "P2,11,2023-04-01,\n");
    // v6 spelling of ServiceRequestID; R3 names no patient.
    referrals_ = File("mhs101.csv",
                      "ServiceRequestID,LocalPatientId,CareProfTeamLocalId,"
                      "OrgIDComm\n"
                      "R1,P1,T1,C1\n"
                      "R2,P2,T2,C2\n"
                      "R3,,T1,C1\n");
    // v6 names, another case and order.
    contacts_ =
        File("mhs201.csv",
             "careContDate,CareContactId,ATTENDSTATUS,ClinContDurOfCareCont,"
             "ServiceRequestId,OtherCareProfTeamLocalID\n"
             "2023-04-03,K1,5,30,R1,\n"    // T1 from R1: nurse_b6
             "2023-04-04,K2,6,45,R2,T3\n"  // psychologist
             "2023-04-05,K3,3,,R1,\n"      // did not attend
             "2023-13-01,K4,5,30,R1,\n"    // date
             "2023-04-06,K5,9,30,R1,\n"    // attendance
             "2023-04-07,K6,5,-5,R1,\n"    // minutes
             "2023-04-08,K7,5,30,R3,\n"    // no_patient
             "2023-04-09,K8,5,30,R1,T9\n"  // staff_group
             "2023-05-02,K9,6,7,R1,\n");   // after P1's period: unclustered
    teams_ = File("teams.csv",
                  "team,staff_group\n"
                  "T1,nurse_b6\n"
                  "T2,psychologist\n"
                  "T3,psychologist\n"
                  "T9,dietitian\n");
  }

  std::vector<std::string> Cost(std::vector<std::string> extra) {
    std::vector<std::string> a = {kTool,     "cost",         "--periods",
                                  periods_,  "--unit-costs", costs_,
                                  "--as-of", "2023-06-30"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  std::string costs_, periods_, referrals_, contacts_, teams_;
};

TEST_F(MhsdsContactsCliTest, CostFromContactsAlone) {
  const std::string out = TempPath("cost.csv"), summary = TempPath("s.csv"),
                    rejects = TempPath("r.csv");
  auto r = RunProcess(Cost({"--mhsds-contacts", contacts_, "--mhsds-referrals",
                            referrals_, "--team-map", teams_, "--out", out,
                            "--summary", summary, "--rejects", rejects}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // K1: 30 * 5200 / 60 = 2600, * 1.18 = 3068 (P1's period, 30 days,
  // 3068 / 30 = 102.27 -> 102). K2: 45 * 7400 / 60 = 5550, * 1.18 = 6549
  // (P2 open through 2023-06-30: 91 days; 71.97 -> 72).
  EXPECT_EQ(Slurp(out),
            "patient_id,cluster,start,end,days,records,cost_pence,"
            "cost_per_day_pence\n"
            "P1,3,2023-04-01,2023-04-30,30,1,3068,102\n"
            "P2,11,2023-04-01,,91,1,6549,72\n");
  auto s = Summary(Slurp(summary));
  // 9 MHS201 rows: 3 costed, 1 not attended, 5 rejected.
  EXPECT_EQ(s["records_read"], "9");
  EXPECT_EQ(s["records_rejected"], "5");
  EXPECT_EQ(s["clustered_records"], "2");
  EXPECT_EQ(s["clustered_pence"], "9617");  // 3068 + 6549
  // K9: 7 * 5200 / 60 = 606.67, * 1.18 = 715.87 -> 716.
  EXPECT_EQ(s["unclustered_records"], "1");
  EXPECT_EQ(s["unclustered_pence"], "716");
  EXPECT_EQ(s["total_pence"], "10333");
  EXPECT_EQ(s["contacts_read"], "9");
  EXPECT_EQ(s["contacts_not_attended"], "1");
  const std::string p = contacts_ + ": ";
  EXPECT_EQ(Slurp(rejects),
            "line,id,reason\n"
            "5,K4," +
                p +
                "date: '2023-13-01' is not a date (YYYY-MM-DD)\n"
                "6,K5,\"" +
                p +
                "attendance: '9' is not an attendance code (5 or "
                "6 attended; 0, 2, 3, 4 or 7 not)\"\n"
                "7,K6,\"" +
                p +
                "minutes: '-5' is not a whole, non-negative "
                "number of minutes\"\n"
                "8,K7," +
                p +
                "no_patient: neither the contact nor referral 'R3' "
                "names a patient\n"
                "9,K8," +
                p +
                "staff_group: 'dietitian' is not in the unit "
                "costs\n");
  // Two period rows and nine contacts.
  EXPECT_THAT(r.err, HasSubstr("11 read, 6 ok, 5 rejected"));
}

TEST_F(MhsdsContactsCliTest, BesideActivityThenTariff) {
  const std::string activity =
      File("activity.csv",
           "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
           "attendees,cost_pence\n"
           "a1,P2,2023-04-10,contact,nurse_b6,60,,,,\n");
  const std::string out = TempPath("cost.csv"), summary = TempPath("s.csv");
  auto r =
      RunProcess(Cost({"--activity", activity, "--mhsds-contacts", contacts_,
                       "--mhsds-referrals", referrals_, "--team-map", teams_,
                       "--out", out, "--summary", summary}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // a1: 60 * 5200 / 60 * 1.18 = 6136; P2 = 6549 + 6136 = 12685 over 91
  // days = 139.40 -> 139.
  EXPECT_THAT(Slurp(out), HasSubstr("P2,11,2023-04-01,,91,2,12685,139\n"));
  EXPECT_EQ(Summary(Slurp(summary))["records_read"], "10");
  auto t = RunProcess(
      {kTool, "tariff", "--in", out, "--basis", "day", "--min-periods", "1"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, "cluster,basis,price_pence\n3,day,102\n11,day,139\n");
}

TEST_F(MhsdsContactsCliTest, WithoutTeamMapTheTeamIsTheStaffGroup) {
  const std::string contacts =
      File("c.csv",
           "CareContactId,ServiceRequestId,CareContDate,"
           "ClinContDurOfCareCont,AttendOrDNACode,CareProfTeamLocalId\n"
           "K1,R1,2023-04-03,30,5,nurse_b6\n"
           "K2,R1,2023-04-03,30,5,T1\n");
  const std::string out = TempPath("cost.csv");
  auto r = RunProcess(Cost({"--mhsds-contacts", contacts, "--mhsds-referrals",
                            referrals_, "--out", out}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Slurp(out), HasSubstr("P1,3,2023-04-01,2023-04-30,30,1,3068,"));
  EXPECT_THAT(r.err, HasSubstr("staff_group: 'T1' is not in the unit costs"));
}

TEST_F(MhsdsContactsCliTest, Report) {
  const std::string html = TempPath("r.html");
  auto r = RunProcess({kTool, "report", "--periods", periods_, "--unit-costs",
                       costs_, "--as-of", "2023-06-30", "--mhsds-contacts",
                       contacts_, "--mhsds-referrals", referrals_, "--team-map",
                       teams_, "--out", html});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("11 read, 6 ok, 5 rejected"));
  // 3068 + 6549 + 716 = 10333 pence.
  EXPECT_THAT(Slurp(html), HasSubstr("£103.33"));
}

TEST_F(MhsdsContactsCliTest, RunStoppingErrors) {
  auto none = RunProcess(Cost({}));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("--activity, --mhsds-contacts or "
                                  "--mhsds-ward-stays is required"));
  auto no_refs = RunProcess(Cost({"--mhsds-contacts", contacts_}));
  EXPECT_EQ(no_refs.exit_code, 2);
  EXPECT_THAT(no_refs.err, HasSubstr("--mhsds-contacts needs"));
  // An MHS101 row that cannot be read is an error of the run.
  const std::string bad_refs =
      File("bad101.csv", "ServiceRequestId,LocalPatientId\nR1,P1\nR1,P2\n");
  auto bad = RunProcess(
      Cost({"--mhsds-contacts", contacts_, "--mhsds-referrals", bad_refs}));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad101.csv: line 3: ServiceRequestId 'R1' "
                                 "is listed twice with different values"));
  const std::string no_col =
      File("no_col.csv", "CareContactId,ServiceRequestId,CareContDate\n");
  auto missing = RunProcess(
      Cost({"--mhsds-contacts", no_col, "--mhsds-referrals", referrals_}));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err,
              HasSubstr("missing columns ClinContDurOfCareCont, AttendStatus "
                        "or AttendOrDNACode"));
}

TEST_F(MhsdsContactsCliTest, TrustColumnMap) {
  const std::string contacts = File("c.csv",
                                    "Contact,Referral,Day,Mins,Attended\n"
                                    "K1,R1,2023-04-03,30,5\n");
  const std::string map = File("columns.csv",
                               "table,field,column\n"
                               "MHS201,contact_id,Contact\n"
                               "MHS201,referral,Referral\n"
                               "MHS201,date,Day\n"
                               "MHS201,minutes,Mins\n"
                               "MHS201,attendance,Attended\n");
  const std::string out = TempPath("cost.csv");
  auto r = RunProcess(
      Cost({"--mhsds-contacts", contacts, "--mhsds-referrals", referrals_,
            "--team-map", teams_, "--mhsds-columns", map, "--out", out}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Slurp(out), HasSubstr("P1,3,2023-04-01,2023-04-30,30,1,3068,"));
}

TEST(MhsdsToolCategoryCliTest, PeriodsSummary) {
  const std::string mhs803 =
      File("mhs803.csv",
           "ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
           "AMHCareClustCodeFin,LDCareClustCodeFin\n"
           "C1,P1,2023-04-01,,11,\n"
           "C2,P2,2023-04-01,,,LD1\n");
  const std::string summary = TempPath("s.csv");
  auto r = RunProcess({kTool, "periods", "--mhsds-clusters", mhs803, "--as-of",
                       "2023-06-30", "--summary", summary});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(summary),
            "key,value\ntool_category_02,0\ntool_category_03,1\n"
            "tool_category_04,0\ntool_category_05,0\ntool_category_06,0\n");
  EXPECT_THAT(r.err, HasSubstr("other clustering tools, not classified: "
                               "tool_category_03 1\n"));
  EXPECT_THAT(r.err, HasSubstr("2 read, 2 ok, 0 rejected"));
}

TEST(MhsdsToolCategoryCliTest, ClassifySummary) {
  const std::string map = File("item_map.csv", "concept_id,item\nc1,1\n");
  const std::string mhs801 = File("mhs801.csv",
                                  "ClustId,LocalPatientId,AssToolCompDate,"
                                  "ClustCat\n"
                                  "K1,P1,2023-04-01,04\n"
                                  "K2,P2,2023-04-01,06\n"
                                  "K3,P3,2023-04-01,99\n");
  const std::string mhs802 =
      File("mhs802.csv", "ClustId,CodedAssToolType,PersScore\nK1,c1,2\n");
  const std::string summary = TempPath("s.csv");
  auto r =
      RunProcess({kTool, "classify", "--mhsds-tool", mhs801, "--mhsds-ratings",
                  mhs802, "--item-map", map, "--summary", summary});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(summary),
            "key,value\ntool_category_02,0\ntool_category_03,0\n"
            "tool_category_04,1\ntool_category_05,0\ntool_category_06,1\n");
  EXPECT_THAT(r.err, HasSubstr("clust_cat: ClustCat '99'"));
  // 3 MHS801 rows and 1 MHS802 row; only K3 rejected.
  EXPECT_THAT(r.err, HasSubstr("4 read, 3 ok, 1 rejected"));
}

}  // namespace
