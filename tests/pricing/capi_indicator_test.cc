// mhpbr_price and mhpbr_price_json with measured indicators: a request
// holding the inputs of pricing_cli_test's PriceIndicatorsBonus (the
// fixtures periods.csv, tariff.csv, one_offs.csv, contract_bonus.textproto
// and indicators.csv) pays what the tool pays there; bad indicators are
// named.

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/v1/pricing.pb.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class CapiIndicatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char* error = nullptr;
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, &error), MHPBR_OK);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  static void Indicator(v1::PriceRequest* r, const char* name, int64_t num,
                        int64_t den, std::optional<int64_t> value) {
    v1::MeasuredIndicator* m = r->add_indicators();
    m->set_indicator(name);
    m->set_numerator(num);
    m->set_denominator(den);
    if (value) m->set_value_ppm(*value);
  }

  // The tool's inputs as a request.
  static v1::PriceRequest Request() {
    v1::PriceRequest r;
    v1::Contract* c = r.mutable_contract();
    testing_pricing::SetCapAndCollarContract(c);
    c->set_social_care(v1::POOLED);
    c->set_incentive(v1::BONUS);
    c->set_bonus_pot_pence(5000);
    auto outcome = [&](const char* name, int64_t w, int64_t floor,
                       int64_t target) {
      v1::Outcome* o = c->add_outcomes();
      o->set_name(name);
      o->set_weight_ppm(w);
      o->set_floor_ppm(floor);
      o->set_target_ppm(target);
    };
    outcome("reviews_on_time", 600000, 500000, 900000);
    outcome("paired_completeness", 400000, 0, 400000);
    outcome("follow_up_7_days", 0, 0, 1000000);
    v1::TariffSchedule* t = r.mutable_tariff();
    v1::TariffEntry* e = t->add_entries();
    e->set_cluster(3);
    e->set_basis(v1::BASIS_DAY);
    e->set_price_pence(1000);
    e->set_social_care_ppm(250000);
    e = t->add_entries();
    e->set_cluster(11);
    e->set_basis(v1::BASIS_PERIOD);
    e->set_price_pence(36500);
    auto period = [&](const char* id, int cluster, const char* start,
                      const char* end) {
      v1::PeriodToPrice* p = r.add_periods();
      p->set_patient_id(id);
      p->set_cluster(cluster);
      p->set_start(start);
      p->set_end(end);
    };
    period("P2", 3, "2023-05-01", "2023-06-14");
    period("P1", 0, "2023-06-10", "");
    period("P1", 11, "2023-04-01", "2023-06-09");
    v1::OneOff* one = r.add_one_offs();
    one->set_item("ect");
    one->set_count(2);
    one->set_price_pence(5000);
    Indicator(&r, "valid_mhct_at_allocation", 3, 4, 750000);
    Indicator(&r, "paired_completeness", 1, 400000, 3);
    Indicator(&r, "reviews_on_time", 7, 10, 700000);
    Indicator(&r, "follow_up_7_days", 0, 0, std::nullopt);
    return r;
  }

  mhpbr_code Call(const v1::PriceRequest& request, v1::Statement* out,
                  std::string* message) {
    const std::string bytes = request.SerializeAsString();
    void* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code = mhpbr_price(rules_, bytes.data(), bytes.size(),
                                        &response, &size, &error);
    if (code == MHPBR_OK) {
      EXPECT_TRUE(out->ParseFromArray(response, static_cast<int>(size)));
    } else if (error != nullptr) {
      *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  mhpbr_rules* rules_ = nullptr;
};

// As the tool: A = 67296, below the collar, P = 95000. Attainments:
// reviews_on_time 700000 between 500000 and 900000 -> 500000;
// paired_completeness 3 of target 400000 -> 7.5 -> 8; follow_up_7_days no
// value -> 0. Bonus = 5000 * (0.6 * 0.5 + 0.4 * 0.000008) = 1500.016 ->
// 1500; nothing withheld; payment 95000 + 1500 = 96500.
TEST_F(CapiIndicatorTest, PaysAsTheTool) {
  v1::Statement st;
  std::string message;
  ASSERT_EQ(Call(Request(), &st, &message), MHPBR_OK) << message;
  EXPECT_EQ(st.totals().activity_pence(), 67296);
  EXPECT_EQ(st.totals().risk_shared_pence(), 95000);
  EXPECT_EQ(st.totals().withheld_pence(), 0);
  EXPECT_EQ(st.totals().earned_pence(), 1500);
  EXPECT_EQ(st.totals().payment_pence(), 96500);
  ASSERT_EQ(st.outcomes_size(), 3);
  EXPECT_EQ(st.outcomes(0).name(), "reviews_on_time");
  EXPECT_EQ(st.outcomes(0).attainment_ppm(), 500000);
  EXPECT_TRUE(st.outcomes(0).measured());
  EXPECT_EQ(st.outcomes(0).value_ppm(), 700000);
  EXPECT_EQ(st.outcomes(1).attainment_ppm(), 8);
  EXPECT_EQ(st.outcomes(2).attainment_ppm(), 0);
  EXPECT_TRUE(st.outcomes(2).no_value());
  EXPECT_FALSE(st.outcomes(2).has_value_ppm());
}

TEST_F(CapiIndicatorTest, JsonPaysTheSame) {
  const char kJson[] = R"({
    "contract": {
      "yearStart": "2023-04-01", "mffPpm": "1085430",
      "partialPeriod": "PRO_RATA", "socialCare": "POOLED",
      "baselinePence": "100000",
      "riskBands": [{"toPct": -5, "ratePpm": "0"},
                    {"fromPct": -5, "toPct": 5, "ratePpm": "1000000"},
                    {"fromPct": 5, "ratePpm": "500000"}],
      "incentive": "BONUS", "bonusPotPence": "5000",
      "outcomes": [
        {"name": "reviews_on_time", "weightPpm": "600000",
         "floorPpm": "500000", "targetPpm": "900000"},
        {"name": "paired_completeness", "weightPpm": "400000",
         "floorPpm": "0", "targetPpm": "400000"},
        {"name": "follow_up_7_days", "weightPpm": "0",
         "floorPpm": "0", "targetPpm": "1000000"}]},
    "tariff": {"entries": [
      {"cluster": 3, "basis": "BASIS_DAY", "pricePence": "1000",
       "socialCarePpm": "250000"},
      {"cluster": 11, "basis": "BASIS_PERIOD", "pricePence": "36500"}]},
    "periods": [
      {"patientId": "P2", "cluster": 3, "start": "2023-05-01",
       "end": "2023-06-14"},
      {"patientId": "P1", "cluster": 0, "start": "2023-06-10"},
      {"patientId": "P1", "cluster": 11, "start": "2023-04-01",
       "end": "2023-06-09"}],
    "oneOffs": [{"item": "ect", "count": "2", "pricePence": "5000"}],
    "indicators": [
      {"indicator": "paired_completeness", "numerator": "1",
       "denominator": "400000", "valuePpm": "3"},
      {"indicator": "reviews_on_time", "numerator": "7",
       "denominator": "10", "valuePpm": "700000"},
      {"indicator": "follow_up_7_days"}]})";
  char* response = nullptr;
  size_t size = 0;
  char* error = nullptr;
  ASSERT_EQ(mhpbr_price_json(rules_, kJson, sizeof kJson - 1, &response, &size,
                             &error),
            MHPBR_OK)
      << (error ? error : "");
  const std::string json(response, size);
  mhpbr_free(response);
  EXPECT_THAT(json, AllOf(HasSubstr("\"earned_pence\":\"1500\""),
                          HasSubstr("\"payment_pence\":\"96500\""),
                          HasSubstr("\"attainment_ppm\":\"8\""),
                          HasSubstr("\"no_value\":true")));
}

TEST_F(CapiIndicatorTest, BadIndicatorsAreNamed) {
  v1::Statement st;
  std::string message;
  v1::PriceRequest r = Request();
  r.mutable_indicators(1)->set_value_ppm(1000001);
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("indicators[1].value_ppm: 1000001"));
  r = Request();
  r.mutable_indicators(0)->set_indicator("honos");
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("indicators[0].indicator: 'honos'"));
  r = Request();
  r.mutable_indicators(3)->set_indicator("reviews_on_time");
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("indicators[3].indicator: 'reviews_on_time' "
                                 "is given twice (first at indicators[2])"));
  // A measured outcome without its indicator stops the run.
  r = Request();
  r.mutable_indicators()->DeleteSubrange(2, 1);  // reviews_on_time
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, AllOf(HasSubstr("outcomes[0] (reviews_on_time)"),
                             HasSubstr("no measured indicator")));
}

}  // namespace
}  // namespace mhpbr
