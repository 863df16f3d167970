// `mhpbr cost|report --mhsds-ward-stays MHS502 --mhsds-spells MHS501
// --mhsds-referrals MHS101` as a user runs them (mhsds.md "Ward stays";
// formats.md "Reading MHSDS extracts"): nights as bed days, split between
// the periods, each part rounded once; rejects in order; the summary's
// rows; look-up rows that cannot be read stop the run. Every figure is
// worked by hand beside it.

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace {

using ::mhpbr::test_process::ProcessResult;
using ::mhpbr::test_process::RunProcess;
using ::mhpbr::test_process::Slurp;
using ::mhpbr::test_process::TempPath;
using ::mhpbr::test_process::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Overhead 17.5%: a night on acute (45501 p) costs 53463.675 -> 53464,
// two 106927.35 -> 106927, three 160391.025 -> 160391 (each part rounded
// once: night by night would give 106928 and 160392); two on picu (80000
// p) 188000.
constexpr char kUnitCosts[] =
    "source: \"test\"\n"
    "overhead_ppm: 175000\n"
    "staff { code: \"nurse\" pence_per_hour: 5200 }\n"
    "ward { code: \"acute\" pence_per_day: 45501 }\n"
    "ward { code: \"picu\" pence_per_day: 80000 }\n";

// As of 2023-05-31: P1 in cluster 3 for 1-9 May (9 days), then cluster 4
// open (10-31 May, 22 days); P2 in cluster 11 through April (30 days).
constexpr char kPeriods[] =
    "patient_id,cluster,start,end\n"
    "P1,3,2023-05-01,2023-05-09\n"
    "P1,4,2023-05-10,\n"
    "P2,11,2023-04-01,2023-04-30\n";

// v6 spells the referral column ServiceRequestID.
constexpr char kMhs101[] =
    "ServiceRequestID,LocalPatientId,OrgIDComm\n"
    "R1,P1,C1\n"
    "R2,P2,C1\n"
    "R3,,C1\n"
    "R4,P9,C1\n";

constexpr char kMhs501[] =
    "HospProvSpellID,ServiceRequestId\n"
    "S1,R1\n"
    "S2,R2\n"
    "S3,R3\n"
    "S4,R4\n";

// A header in another case. By line:
//  2 W1  P1 3-5 May: nights 3, 4 (cluster 3): 106927
//  3 W2  P1 8-12 May picu: 8, 9 (cluster 3) 188000; 10, 11 (cluster 4)
//        188000
//  4 W3  P2 29 Apr-2 May: 29, 30 Apr (cluster 11) 106927; 1 May in no
//        period: 53464 unclustered
//  5 W4  same day: no night, accepted, nothing
//  6 W5  P1 open from 30 May: 30, 31 May (cluster 4): 106927
//  7 W6  ends before it starts: dates
//  8 W7  13th month: date
//  9 W8  ward9: ward
// 10 W9  R3 names no patient: no_patient
// 11 W10 S9 has no MHS501 row: no_patient
// 12 W11 P9, who has no period, 1-4 May: 160391 unclustered, unknown
constexpr char kMhs502[] =
    "WARDSTAYID,HOSPPROVSPELLID,STARTDATEWARDSTAY,ENDDATEWARDSTAY,WARDCODE\n"
    "W1,S1,2023-05-03,2023-05-05,acute\n"
    "W2,S1,2023-05-08,2023-05-12,picu\n"
    "W3,S2,2023-04-29,2023-05-02,acute\n"
    "W4,S1,2023-05-20,2023-05-20,acute\n"
    "W5,S1,2023-05-30,,acute\n"
    "W6,S1,2023-05-05,2023-05-03,acute\n"
    "W7,S1,2023-13-01,,acute\n"
    "W8,S1,2023-05-01,2023-05-02,ward9\n"
    "W9,S3,2023-05-01,2023-05-02,acute\n"
    "W10,S9,2023-05-01,2023-05-02,acute\n"
    "W11,S4,2023-05-01,2023-05-04,acute\n";

class WardStaysCli : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(costs_, kUnitCosts);
    WriteFile(periods_, kPeriods);
    WriteFile(mhs101_, kMhs101);
    WriteFile(mhs501_, kMhs501);
    WriteFile(mhs502_, kMhs502);
  }
  ProcessResult Cost(std::vector<std::string> extra) {
    std::vector<std::string> argv = {
        MHPBR_TOOL_PATH, "cost", "--periods", periods_,
        "--unit-costs",  costs_, "--as-of",   "2023-05-31"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunProcess(argv);
  }
  std::vector<std::string> Extracts() const {
    return {"--mhsds-ward-stays", mhs502_, "--mhsds-spells", mhs501_,
            "--mhsds-referrals",  mhs101_};
  }

  const std::string costs_ = TempPath("unit_costs.textproto");
  const std::string periods_ = TempPath("periods.csv");
  const std::string mhs101_ = TempPath("mhs101.csv");
  const std::string mhs501_ = TempPath("mhs501.csv");
  const std::string mhs502_ = TempPath("mhs502.csv");
};

TEST_F(WardStaysCli, CostsNightsSplitBetweenPeriods) {
  const std::string summary = TempPath("summary.csv");
  const std::string rejects = TempPath("rejects.csv");
  std::vector<std::string> extra = Extracts();
  extra.insert(extra.end(), {"--summary", summary, "--rejects", rejects});
  const ProcessResult r = Cost(extra);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // P1 cluster 3: W1 + W2's first part = 294927 over 9 days = 32769.67;
  // cluster 4: W2's second part + W5 = 294927 over 22 days = 13405.77;
  // P2: W3's first part 106927 over 30 days = 3564.23.
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre("patient_id,cluster,start,end,days,records,cost_pence,"
                  "cost_per_day_pence",
                  "P1,3,2023-05-01,2023-05-09,9,2,294927,32770",
                  "P1,4,2023-05-10,,22,2,294927,13406",
                  "P2,11,2023-04-01,2023-04-30,30,1,106927,3564"));
  // 11 stays read, 5 rejected; 5 clustered records (696781), 2 unclustered
  // (53464 + 160391 = 213855), one of an unknown patient; nights 2 + 4 + 3
  // + 0 + 2 + 3 = 14.
  EXPECT_THAT(Lines(Slurp(summary)),
              ElementsAre("key,value", "records_read,11", "records_rejected,5",
                          "clustered_records,5", "clustered_pence,696781",
                          "unclustered_records,2", "unclustered_pence,213855",
                          "unknown_patient_records,1", "total_pence,910636",
                          "periods,3", "ward_stays_read,11", "bed_days,14"));
  // The ledger counts the 3 period rows too.
  EXPECT_THAT(r.err, HasSubstr("14 read, 9 ok, 5 rejected"));
  const std::vector<std::string> rows = Lines(Slurp(rejects));
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_THAT(rows[1], HasSubstr("7,W6,"));
  EXPECT_THAT(rows[1], HasSubstr("mhs502.csv: dates: "));
  EXPECT_THAT(rows[2], HasSubstr("8,W7,"));
  EXPECT_THAT(rows[2], HasSubstr(": date: "));
  EXPECT_THAT(rows[3], HasSubstr("9,W8,"));
  EXPECT_THAT(rows[3], HasSubstr(": ward: "));
  EXPECT_THAT(rows[4], HasSubstr("10,W9,"));
  EXPECT_THAT(rows[4], HasSubstr(": no_patient: "));
  EXPECT_THAT(rows[5], HasSubstr("11,W10,"));
  EXPECT_THAT(rows[5], HasSubstr(": no_patient: "));
}

TEST_F(WardStaysCli, ReportRunsFromTheExtracts) {
  const std::string html = TempPath("report.html");
  std::vector<std::string> argv = {
      MHPBR_TOOL_PATH, "report",  "--periods",  periods_, "--unit-costs",
      costs_,          "--as-of", "2023-05-31", "--out",  html};
  for (const std::string& a : Extracts()) argv.push_back(a);
  const ProcessResult r = RunProcess(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("14 read, 9 ok, 5 rejected"));
  // The same costs as `mhpbr cost`: 910636 p, 213855 p unclustered.
  EXPECT_THAT(Slurp(html),
              HasSubstr("11 activity records read, 5 rejected; costed "
                        "\u00a39106.36, of which \u00a32138.55 outside"));
}

// Contacts and ward stays share one MHS101, read once: given on standard
// input (which can be read only once), both find their referrals.
TEST_F(WardStaysCli, ReferralsAreReadOnceForContactsAndStays) {
  // K1: an hour of a nurse (5200 p) + 17.5% = 6110 p, P1's cluster 3.
  const std::string mhs201 = TempPath("mhs201.csv");
  WriteFile(mhs201,
            "CareContDate,CareContactId,AttendStatus,ClinContDurOfCareCont,"
            "ServiceRequestId,OtherCareProfTeamLocalID\n"
            "2023-05-03,K1,5,60,R1,T1\n");
  const std::string team_map = TempPath("team_map.csv");
  WriteFile(team_map, "team,staff_group\nT1,nurse\n");
  std::vector<std::string> argv = {
      MHPBR_TOOL_PATH,      "cost",  "--periods",      periods_,
      "--unit-costs",       costs_,  "--as-of",        "2023-05-31",
      "--mhsds-contacts",   mhs201,  "--team-map",     team_map,
      "--mhsds-ward-stays", mhs502_, "--mhsds-spells", mhs501_,
      "--mhsds-referrals",  "-"};
  const ProcessResult r = RunProcess(argv, mhs101_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // P1's cluster 3: the stays' 294927 and the contact's 6110.
  EXPECT_THAT(Lines(r.out),
              ElementsAre("patient_id,cluster,start,end,days,records,"
                          "cost_pence,cost_per_day_pence",
                          "P1,3,2023-05-01,2023-05-09,9,3,301037,33449",
                          "P1,4,2023-05-10,,22,2,294927,13406",
                          "P2,11,2023-04-01,2023-04-30,30,1,106927,3564"));
}

TEST_F(WardStaysCli, LookUpsAndFlagsThatCannotBeUsedStopTheRun) {
  // A ragged MHS501 row is an error of the run, naming its line.
  const std::string bad501 = TempPath("bad501.csv");
  WriteFile(bad501, "HospProvSpellID,ServiceRequestId\nS1,R1\nS2\n");
  ProcessResult r = Cost({"--mhsds-ward-stays", mhs502_, "--mhsds-spells",
                          bad501, "--mhsds-referrals", mhs101_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 3"));
  // An MHS101 referral listed twice with different patients.
  const std::string bad101 = TempPath("bad101.csv");
  WriteFile(bad101, "ServiceRequestId,LocalPatientId\nR1,P1\nR1,P2\n");
  r = Cost({"--mhsds-ward-stays", mhs502_, "--mhsds-spells", mhs501_,
            "--mhsds-referrals", bad101});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 3"));
  // Ward stays without their spells, spells without stays: usage.
  r = Cost({"--mhsds-ward-stays", mhs502_, "--mhsds-referrals", mhs101_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--mhsds-spells"));
  r = Cost({"--mhsds-spells", mhs501_, "--activity", mhs502_});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
