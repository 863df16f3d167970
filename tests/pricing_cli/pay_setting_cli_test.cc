// Admitted and community prices through the tool, cost -> tariff -> price
// (README "Admitted and community prices"), on the setting_* fixtures in
// tests/data/pricing; every figure is worked by hand beside it.
//
// Unit costs: overhead 18%, nurse_b6 5200 p/h, acute_adult 45500 p/day.
// Reference year, cluster 3, 1-10 April 2023 (10 days each):
//   P1: a 4-night stay from 3 Apr: 4 * 45500 * 1.18 = 214760 admitted,
//       4 admitted days; a 60-minute contact: 6136 community.
//   P2: a 30-minute contact: 3068 community; a 60-minute contact on the
//       ward (setting admitted): 6136 admitted, no night.
// Tariff (--min-periods 1, both periods kept): day 230100 / 20 = 11505;
// admitted (214760 + 6136) / 4 = 55224; community (6136 + 3068) / 16 =
// 575.25 -> 575.
// Price, 2024/25, MFF 1.05: P1 in cluster 3 from 25 Mar to 20 Apr 2024,
// 20 days in the year. Stays 30 Mar x 5 and 2 Apr x 2 cover 30 Mar -
// 3 Apr: 3 admitted nights in the year, 17 community days.
// (3 * 55224 + 17 * 575) * 1.05 = 175447 * 1.05 = 184219.35 -> 184219;
// admitted 165672 * 1.05 = 173955.6 -> 173956; community 10263.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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
const char kData[] = MHPBR_PRICING_DATA_DIR;

std::string Data(const std::string& name) {
  return absl::StrCat(kData, "/", name);
}

class PaySettingCliTest : public ::testing::Test {
 protected:
  // cost, then tariff by setting: the tariff file's path.
  std::string CostAndTariff() {
    const std::string cost = TempPath("cost.csv"), split = TempPath("bs.csv"),
                      tariff = TempPath("tariff.csv");
    auto c =
        RunProcess({kTool, "cost", "--periods", Data("setting_periods.csv"),
                    "--activity", Data("setting_activity.csv"), "--unit-costs",
                    Data("unit_costs.textproto"), "--as-of", "2024-03-31",
                    "--out", cost, "--by-setting", split});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(Slurp(split),
              "patient_id,cluster,start,end,days,admitted_days,"
              "community_days,admitted_pence,community_pence\n"
              "P1,3,2023-04-01,2023-04-10,10,4,6,214760,6136\n"
              "P2,3,2023-04-01,2023-04-10,10,0,10,6136,3068\n");
    const std::string evidence = TempPath("evidence.csv");
    auto t = RunProcess({kTool, "tariff", "--in", cost, "--by-setting", split,
                         "--min-periods", "1", "--out", tariff, "--evidence",
                         evidence});
    EXPECT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(Slurp(tariff),
              "cluster,basis,price_pence,admitted_price_pence,"
              "community_price_pence\n"
              "3,day,11505,55224,575\n");
    EXPECT_THAT(Slurp(evidence),
                HasSubstr(",status,admitted_days,community_days,"
                          "admitted_price_pence,community_price_pence\n"));
    EXPECT_THAT(Slurp(evidence), HasSubstr(",priced,4,16,55224,575\n"));
    return tariff;
  }
};

TEST_F(PaySettingCliTest, CostTariffPrice) {
  const std::string tariff = CostAndTariff();
  const std::string out = TempPath("st.csv"), summary = TempPath("sum.csv");
  auto p = RunProcess({kTool, "price", "--periods",
                       Data("setting_price_periods.csv"), "--tariff", tariff,
                       "--contract", Data("setting_contract.textproto"),
                       "--bed-days", Data("setting_bed_days.csv"), "--out", out,
                       "--summary", summary});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_EQ(Slurp(out),
            "patient_id,cluster,start,end,days_in_year,basis,units,"
            "amount_pence,social_care_pence,status\n"
            "P1,3,2024-03-25,2024-04-20,20,day,20,184219,0,priced\n");
  // The contact among the bed days is read and ignored.
  EXPECT_THAT(Slurp(summary),
              HasSubstr("payment_pence,184219\nadmitted_days,3\n"
                        "admitted_pence,173956\ncommunity_pence,10263\n"
                        "bed_days_ignored,1\n"));

  // No --bed-days: every day community, 20 * 575 * 1.05 = 12075.
  auto q = RunProcess({kTool, "price", "--periods",
                       Data("setting_price_periods.csv"), "--tariff", tariff,
                       "--contract", Data("setting_contract.textproto"),
                       "--out", out, "--summary", summary});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_THAT(Slurp(out), HasSubstr(",20,day,20,12075,0,priced\n"));
  EXPECT_THAT(Slurp(summary), HasSubstr("admitted_days,0\nadmitted_pence,0\n"
                                        "community_pence,12075\n"));
}

// A tariff without setting prices: --bed-days changes nothing, and the
// summary has no setting rows. 20 * 11505 * 1.05 = 241605.
TEST_F(PaySettingCliTest, NoSettingPricesNoChange) {
  const std::string tariff = TempPath("plain.csv");
  WriteFile(tariff, "cluster,basis,price_pence\n3,day,11505\n");
  const std::string out = TempPath("st.csv"), summary = TempPath("sum.csv");
  auto p = RunProcess({kTool, "price", "--periods",
                       Data("setting_price_periods.csv"), "--tariff", tariff,
                       "--contract", Data("setting_contract.textproto"),
                       "--bed-days", Data("setting_bed_days.csv"), "--out", out,
                       "--summary", summary});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_THAT(Slurp(out), HasSubstr(",20,day,20,241605,0,priced\n"));
  EXPECT_THAT(Slurp(summary), ::testing::Not(HasSubstr("admitted")));
}

TEST_F(PaySettingCliTest, BadInput) {
  // An unknown setting is a rejected row naming the field.
  const std::string activity = TempPath("activity.csv");
  WriteFile(activity,
            "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
            "attendees,cost_pence,setting\n"
            "a1,P1,2023-04-03,contact,nurse_b6,10,,,,,home\n");
  auto c = RunProcess({kTool, "cost", "--periods", Data("setting_periods.csv"),
                       "--activity", activity, "--unit-costs",
                       Data("unit_costs.textproto"), "--as-of", "2024-03-31",
                       "--out", TempPath("c.csv"), "--strict"});
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_THAT(c.err,
              HasSubstr("setting: 'home' is not admitted, community or empty"));

  // One setting price without the other stops the run (exit 2).
  const std::string tariff = TempPath("half.csv");
  WriteFile(tariff,
            "cluster,basis,price_pence,admitted_price_pence,"
            "community_price_pence\n3,day,11505,55224,\n");
  auto p = RunProcess({kTool, "price", "--periods",
                       Data("setting_price_periods.csv"), "--tariff", tariff,
                       "--contract", Data("setting_contract.textproto"),
                       "--out", TempPath("st.csv")});
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_THAT(p.err, HasSubstr("line 2: community_price_pence: empty"));

  // Setting prices on a `period` basis row stop the run too.
  WriteFile(tariff,
            "cluster,basis,price_pence,admitted_price_pence,"
            "community_price_pence\n3,period,46116,55224,575\n");
  p = RunProcess({kTool, "price", "--periods",
                  Data("setting_price_periods.csv"), "--tariff", tariff,
                  "--contract", Data("setting_contract.textproto"), "--out",
                  TempPath("st.csv")});
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_THAT(p.err, HasSubstr("setting prices need basis day, not period"));

  // tariff --by-setting needs basis day (a usage error, exit 2).
  auto t = RunProcess({kTool, "tariff", "--in", Data("costed_worked.csv"),
                       "--by-setting", Data("costed_worked.csv"), "--basis",
                       "period"});
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_THAT(t.err, HasSubstr("--by-setting needs --basis day"));
}

}  // namespace
