// mhpbr_compare and mhpbr_price with as_of through the C API: requests
// built with the generated classes; every figure equals the C++ API's
// (CompareContracts, PriceInYear) and the hand-worked one beside it, the
// JSON forms equal the binary ones, and bad requests come back as a status
// and a message naming the field.
//
// The comparison (contract_comparison_test's data): contract year 2023/24,
// MFF 1, day prices.
//
//   period              cluster  days in year  tariff A  tariff B
//   a 2023-04-01..04-10    1         10          100/day   150/day
//   b 2023-05-01..05-20    2         20          200/day   120/day
//   c 2024-03-22..04-15    1         10 (cut at 31 March)
//
//   "cluster" (A, no bands): activity 20 * 100 + 20 * 200 = 6000 = payment.
//   "blended" (B, baseline 5000, cap and collar): activity 20 * 150 +
//     20 * 120 = 5400, +8%: 5000 + 250 * 1 + (5400 - 5250) * 0.5 = 5325;
//     difference 5325 - 6000 = -675.
//   cluster 1: 2000 and 3000 (+1000); cluster 2: 4000 and 2400 (-1600).

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/contract_comparison.h"
#include "mhpbr/in_year.h"
#include "mhpbr/v1/compare.pb.h"
#include "mhpbr/v1/pricing.pb.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::AllOf;
using ::testing::HasSubstr;

using BinaryCall = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t,
                                  void**, size_t*, char**);
using JsonCall = mhpbr_code (*)(const mhpbr_rules*, const char*, size_t, char**,
                                size_t*, char**);

class CapiCompareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, nullptr), MHPBR_OK);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  static void AddPeriod(
      google::protobuf::RepeatedPtrField<v1::PeriodToPrice>* periods,
      const char* id, int cluster, const char* start, const char* end) {
    v1::PeriodToPrice* p = periods->Add();
    p->set_patient_id(id);
    p->set_cluster(cluster);
    p->set_start(start);
    p->set_end(end);
  }

  static void DayTariff(v1::TariffSchedule* t, int cluster, int64_t price) {
    v1::TariffEntry* e = t->add_entries();
    e->set_cluster(cluster);
    e->set_basis(v1::BASIS_DAY);
    e->set_price_pence(price);
  }

  static void PlainContract(v1::Contract* c, const char* year_start,
                            int64_t mff_ppm = 1000000) {
    c->set_year_start(year_start);
    c->set_mff_ppm(mff_ppm);
    c->set_partial_period(v1::PRO_RATA);
    c->set_social_care(v1::POOLED);
  }

  static v1::CompareRequest CompareRequest() {
    v1::CompareRequest r;
    AddPeriod(r.mutable_periods(), "a", 1, "2023-04-01", "2023-04-10");
    AddPeriod(r.mutable_periods(), "b", 2, "2023-05-01", "2023-05-20");
    AddPeriod(r.mutable_periods(), "c", 1, "2024-03-22", "2024-04-15");
    v1::CompareScenario* s = r.add_scenarios();
    s->set_name("cluster");
    PlainContract(s->mutable_contract(), "2023-04-01");
    DayTariff(s->mutable_tariff(), 1, 100);
    DayTariff(s->mutable_tariff(), 2, 200);
    s = r.add_scenarios();
    s->set_name("blended");
    PlainContract(s->mutable_contract(), "2023-04-01");
    s->mutable_contract()->set_baseline_pence(5000);
    v1::RiskBand* b = s->mutable_contract()->add_risk_bands();
    b->set_to_pct(-5);
    b = s->mutable_contract()->add_risk_bands();
    b->set_from_pct(-5);
    b->set_to_pct(5);
    b->set_rate_ppm(1000000);
    b = s->mutable_contract()->add_risk_bands();
    b->set_from_pct(5);
    b->set_rate_ppm(500000);
    DayTariff(s->mutable_tariff(), 1, 150);
    DayTariff(s->mutable_tariff(), 2, 120);
    return r;
  }

  // Cluster 4 at 1000 p a day, MFF 1.08543, 2024/25: A 20 Apr - 30 Jun, B
  // open from 1 June, a one-off of 3 * 500 p; as of 15 June 2024.
  static v1::PriceRequest InYearRequest() {
    v1::PriceRequest r;
    PlainContract(r.mutable_contract(), "2024-04-01", 1085430);
    DayTariff(r.mutable_tariff(), 4, 1000);
    AddPeriod(r.mutable_periods(), "A", 4, "2024-04-20", "2024-06-30");
    AddPeriod(r.mutable_periods(), "B", 4, "2024-06-01", "");
    v1::OneOff* o = r.add_one_offs();
    o->set_item("ect");
    o->set_count(3);
    o->set_price_pence(500);
    r.set_as_of("2024-06-15");
    return r;
  }

  // Calls the binary form; on success parses `out`. Returns the code and
  // the message (empty on success).
  template <typename Response>
  mhpbr_code Binary(BinaryCall call, const google::protobuf::Message& request,
                    Response* out, std::string* message) {
    const std::string bytes = request.SerializeAsString();
    void* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code =
        call(rules_, bytes.data(), bytes.size(), &response, &size, &error);
    if (code == MHPBR_OK) {
      EXPECT_EQ(error, nullptr);
      EXPECT_TRUE(out->ParseFromArray(response, static_cast<int>(size)));
    } else {
      EXPECT_EQ(response, nullptr);
      EXPECT_EQ(size, 0u);
      EXPECT_NE(error, nullptr);
      if (error != nullptr) *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  // The JSON form with `text`; on success parses `out`.
  template <typename Response>
  mhpbr_code Json(JsonCall call, const std::string& text, Response* out,
                  std::string* message) {
    char* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code =
        call(rules_, text.data(), text.size(), &response, &size, &error);
    if (code == MHPBR_OK) {
      EXPECT_EQ(std::strlen(response), size);
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(
                      std::string(response, size), out)
                      .ok())
          << response;
    } else {
      EXPECT_EQ(response, nullptr);
      EXPECT_NE(error, nullptr);
      if (error != nullptr) *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  // Both forms succeed and agree; returns the response.
  template <typename Response>
  Response BothForms(BinaryCall binary, JsonCall json,
                     const google::protobuf::Message& request) {
    Response from_binary, from_json;
    std::string message;
    EXPECT_EQ(Binary(binary, request, &from_binary, &message), MHPBR_OK)
        << message;
    std::string text;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(request, &text).ok());
    EXPECT_EQ(Json(json, text, &from_json, &message), MHPBR_OK) << message;
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_binary,
                                                                   from_json))
        << from_binary.DebugString() << "\nvs\n"
        << from_json.DebugString();
    return from_binary;
  }

  // The binary form fails with `code`; returns the message.
  template <typename Response>
  std::string Fails(BinaryCall call, const google::protobuf::Message& request,
                    mhpbr_code code = MHPBR_INVALID_ARGUMENT) {
    Response out;
    std::string message;
    EXPECT_EQ(Binary(call, request, &out, &message), code);
    return message;
  }

  mhpbr_rules* rules_ = nullptr;
};

TEST_F(CapiCompareTest, HandWorkedComparisonEqualsCompareContracts) {
  const v1::CompareResponse r = BothForms<v1::CompareResponse>(
      mhpbr_compare, mhpbr_compare_json, CompareRequest());
  ASSERT_EQ(r.scenarios_size(), 2);
  EXPECT_EQ(r.scenarios(0).name(), "cluster");
  EXPECT_EQ(r.scenarios(0).lines(), 3);
  EXPECT_EQ(r.scenarios(0).totals().activity_pence(), 6000);
  EXPECT_EQ(r.scenarios(0).totals().payment_pence(), 6000);
  EXPECT_EQ(r.scenarios(0).difference_pence(), 0);
  EXPECT_EQ(r.scenarios(1).name(), "blended");
  EXPECT_EQ(r.scenarios(1).totals().baseline_pence(), 5000);
  EXPECT_EQ(r.scenarios(1).totals().activity_pence(), 5400);
  EXPECT_EQ(r.scenarios(1).totals().risk_shared_pence(), 5325);
  EXPECT_EQ(r.scenarios(1).totals().risk_share_pence(), -75);
  EXPECT_EQ(r.scenarios(1).totals().payment_pence(), 5325);
  EXPECT_EQ(r.scenarios(1).difference_pence(), -675);
  EXPECT_FALSE(r.scenarios(1).decoupled());
  ASSERT_EQ(r.clusters_size(), 2);
  EXPECT_EQ(r.clusters(0).cluster(), 1);
  ASSERT_EQ(r.clusters(0).scenarios_size(), 2);
  EXPECT_EQ(r.clusters(0).scenarios(0).scenario(), "cluster");
  EXPECT_EQ(r.clusters(0).scenarios(0).periods(), 2);
  EXPECT_EQ(r.clusters(0).scenarios(0).days(), 20);
  EXPECT_EQ(r.clusters(0).scenarios(0).amount_pence(), 2000);
  EXPECT_EQ(r.clusters(0).scenarios(1).scenario(), "blended");
  EXPECT_EQ(r.clusters(0).scenarios(1).amount_pence(), 3000);
  EXPECT_EQ(r.clusters(0).scenarios(1).difference_pence(), 1000);
  EXPECT_EQ(r.clusters(1).cluster(), 2);
  EXPECT_EQ(r.clusters(1).scenarios(0).amount_pence(), 4000);
  EXPECT_EQ(r.clusters(1).scenarios(1).amount_pence(), 2400);
  EXPECT_EQ(r.clusters(1).scenarios(1).difference_pence(), -1600);

  // The same inputs through the C++ API: every figure equal.
  auto rules = testing_pricing::Rules();
  const auto tariff_a =
      Tariff({Entry(1, Basis::kDay, 100), Entry(2, Basis::kDay, 200)});
  const auto tariff_b =
      Tariff({Entry(1, Basis::kDay, 150), Entry(2, Basis::kDay, 120)});
  const Contract cluster = YearContract(2023);
  Contract blended = YearContract(2023);
  blended.baseline_pence = 5000;
  blended.risk_bands = CapAndCollar();
  const std::vector<PeriodToPrice> periods = {
      Period("a", 1, D(2023, 4, 1), D(2023, 4, 10), 1),
      Period("b", 2, D(2023, 5, 1), D(2023, 5, 20), 2),
      Period("c", 1, D(2024, 3, 22), D(2024, 4, 15), 3)};
  const std::vector<Scenario> scenarios = {
      Scenario{"cluster", cluster, tariff_a},
      Scenario{"blended", blended, tariff_b}};
  absl::StatusOr<Comparison> c = CompareContracts(periods, scenarios, *rules);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->scenarios.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    const ScenarioResult& want = c->scenarios[i];
    const v1::ScenarioResult& got = r.scenarios(i);
    EXPECT_EQ(got.name(), want.name);
    EXPECT_EQ(got.lines(), want.lines);
    EXPECT_EQ(got.decoupled(), want.decoupled);
    EXPECT_EQ(got.difference_pence(), want.difference_pence);
    EXPECT_EQ(got.totals().baseline_pence(), want.totals.baseline_pence);
    EXPECT_EQ(got.totals().activity_pence(), want.totals.activity_pence);
    EXPECT_EQ(got.totals().risk_shared_pence(), want.totals.risk_shared_pence);
    EXPECT_EQ(got.totals().risk_share_pence(), want.totals.risk_share_pence);
    EXPECT_EQ(got.totals().withheld_pence(), want.totals.withheld_pence);
    EXPECT_EQ(got.totals().earned_pence(), want.totals.earned_pence);
    EXPECT_EQ(got.totals().payment_pence(), want.totals.payment_pence);
  }
  ASSERT_EQ(static_cast<size_t>(r.clusters_size()), c->clusters.size());
  for (size_t k = 0; k < c->clusters.size(); ++k) {
    const ClusterComparison& want = c->clusters[k];
    const v1::ClusterComparison& got = r.clusters(static_cast<int>(k));
    EXPECT_EQ(got.cluster(), want.cluster.code());
    ASSERT_EQ(static_cast<size_t>(got.scenarios_size()), want.scenarios.size());
    for (size_t i = 0; i < want.scenarios.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("cluster ", want.cluster.code(), " ", i));
      const v1::ClusterScenarioAmount& a = got.scenarios(static_cast<int>(i));
      EXPECT_EQ(a.periods(), want.scenarios[i].periods);
      EXPECT_EQ(a.days(), want.scenarios[i].days);
      EXPECT_EQ(a.amount_pence(), want.scenarios[i].amount_pence);
      EXPECT_EQ(a.difference_pence(), want.scenarios[i].difference_pence);
    }
  }
}

// One-offs and indicators belong to their scenario: 2 * 50 = 100 into
// blended's activity, 5500 = +10%: 5000 + 250 + 250 * 0.5 = 5375.
TEST_F(CapiCompareTest, OneOffsPricedIntoTheirScenario) {
  v1::CompareRequest request = CompareRequest();
  v1::OneOff* o = request.mutable_scenarios(1)->add_one_offs();
  o->set_item("x");
  o->set_count(2);
  o->set_price_pence(50);
  const v1::CompareResponse r = BothForms<v1::CompareResponse>(
      mhpbr_compare, mhpbr_compare_json, request);
  ASSERT_EQ(r.scenarios_size(), 2);
  EXPECT_EQ(r.scenarios(0).lines(), 3);
  EXPECT_EQ(r.scenarios(1).lines(), 4);
  EXPECT_EQ(r.scenarios(1).totals().activity_pence(), 5500);
  EXPECT_EQ(r.scenarios(1).totals().payment_pence(), 5375);
  EXPECT_EQ(r.scenarios(1).difference_pence(), -625);
}

// By commissioner (a: ccg_a, b: ccg_b, c: none): ccg_a 10 days of cluster
// 1, 1000 under A and 1500 under B (+500); ccg_b 20 days of cluster 2,
// 4000 and 2400 (-1600); none (c) 1000 and 1500 (+500), last.
TEST_F(CapiCompareTest, ByCommissionerThroughTheWire) {
  v1::CompareRequest request = CompareRequest();
  request.mutable_periods(0)->set_commissioner("ccg_a");
  request.mutable_periods(1)->set_commissioner("ccg_b");
  const v1::CompareResponse r = BothForms<v1::CompareResponse>(
      mhpbr_compare, mhpbr_compare_json, request);
  ASSERT_EQ(r.commissioners_size(), 3);
  const char* names[] = {"ccg_a", "ccg_b", ""};
  const int64_t amounts[3][2] = {{1000, 1500}, {4000, 2400}, {1000, 1500}};
  for (int k = 0; k < 3; ++k) {
    const v1::CommissionerComparison& c = r.commissioners(k);
    EXPECT_EQ(c.commissioner(), names[k]);
    ASSERT_EQ(c.scenarios_size(), 2);
    EXPECT_EQ(c.scenarios(0).scenario(), "cluster");
    EXPECT_EQ(c.scenarios(1).scenario(), "blended");
    EXPECT_EQ(c.scenarios(0).amount_pence(), amounts[k][0]) << k;
    EXPECT_EQ(c.scenarios(1).amount_pence(), amounts[k][1]) << k;
    EXPECT_EQ(c.scenarios(1).difference_pence(), amounts[k][1] - amounts[k][0])
        << k;
  }
  // Without commissioners there is no such list.
  EXPECT_EQ(BothForms<v1::CompareResponse>(mhpbr_compare, mhpbr_compare_json,
                                           CompareRequest())
                .commissioners_size(),
            0);
}

TEST_F(CapiCompareTest, BadComparisonsNameTheField) {
  v1::CompareRequest none;
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, none),
              HasSubstr("scenarios: a comparison needs at least two, got 0"));
  v1::CompareRequest one = CompareRequest();
  one.mutable_scenarios()->RemoveLast();
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, one),
              HasSubstr("scenarios: a comparison needs at least two, got 1"));

  v1::CompareRequest twice = CompareRequest();
  twice.mutable_scenarios(1)->set_name("cluster");
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, twice),
              HasSubstr("scenarios[1].name: 'cluster' is given twice (also "
                        "scenarios[0])"));
  v1::CompareRequest unnamed = CompareRequest();
  unnamed.mutable_scenarios(1)->clear_name();
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, unnamed),
              HasSubstr("scenarios[1].name: empty"));

  v1::CompareRequest bad_tariff = CompareRequest();
  bad_tariff.mutable_scenarios(1)
      ->mutable_tariff()
      ->mutable_entries(0)
      ->set_cluster(9);
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, bad_tariff),
              HasSubstr("scenarios[1].tariff.entries[0]"));
  v1::CompareRequest bad_contract = CompareRequest();
  bad_contract.mutable_scenarios(0)->mutable_contract()->set_year_start(
      "2023-02-30");
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, bad_contract),
              HasSubstr("scenarios[0].contract year_start"));
  v1::CompareRequest bad_indicator = CompareRequest();
  bad_indicator.mutable_scenarios(1)->add_indicators()->set_indicator("nope");
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, bad_indicator),
              HasSubstr("scenarios[1].indicators[0].indicator"));
  v1::CompareRequest no_baseline = CompareRequest();
  no_baseline.mutable_scenarios(1)->mutable_contract()->set_baseline_pence(0);
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, no_baseline),
              HasSubstr("scenarios[1].contract baseline_pence: "));
  // CompareContracts' own checks and PriceContract's come through with the
  // scenario's name.
  v1::CompareRequest bad_period = CompareRequest();
  bad_period.mutable_periods(2)->set_end("2023-01-01");
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, bad_period),
              HasSubstr("scenario cluster: period of patient c at line 3: "
                        "end 2023-01-01 is before start 2024-03-22"));
  v1::CompareRequest other_year = CompareRequest();
  other_year.mutable_scenarios(1)->mutable_contract()->set_year_start(
      "2024-04-01");
  EXPECT_THAT(Fails<v1::CompareResponse>(mhpbr_compare, other_year),
              HasSubstr("scenario blended: contract year_start 2024-04-01"));
}

TEST_F(CapiCompareTest, MalformedJsonNamesTheProblem) {
  v1::CompareResponse out;
  std::string message;
  EXPECT_EQ(Json(mhpbr_compare_json, "{\"scenarios\": [", &out, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("mhpbr.v1.CompareRequest"));
  EXPECT_EQ(Json(mhpbr_compare_json, "{\"scenario\": []}", &out, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("scenario"));
  EXPECT_EQ(Json(mhpbr_compare_json,
                 "{\"scenarios\": [{\"name\": \"x\", \"lines\": 3}]}", &out,
                 &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("lines"));
  // Not a serialized message.
  static const unsigned char kJunk[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  void* response = nullptr;
  size_t size = 0;
  char* error = nullptr;
  EXPECT_EQ(
      mhpbr_compare(rules_, kJunk, sizeof kJunk, &response, &size, &error),
      MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error, HasSubstr("mhpbr.v1.CompareRequest"));
  EXPECT_EQ(response, nullptr);
  mhpbr_free(error);
  EXPECT_EQ(mhpbr_compare(nullptr, nullptr, 0, &response, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_compare_json(rules_, "{}", 2, nullptr, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
}

// Through 15 June (each period's figure through a day rounds once):
//   A: 30 Apr 11 days * 1085.43 = 11939.73 -> 11940; 31 May 42 days =
//      45588.06 -> 45588 (May 33648); 15 Jun 57 days = 61869.51 -> 61870
//      (June 16282).
//   B: 1 - 15 Jun 15 days = 16281.45 -> 16281.
//   ect: 3 * 500 * 1.08543 = 1628.145 -> 1628, earned in April.
//   April 13568; May 33648 (47216); June 32563 (79779).
// Forecast: A 72 days = 78150.96 -> 78151; B runs on to 31 March, 304
// days = 329970.72 -> 329971; with ect 409750; no bands: paid as is.
TEST_F(CapiCompareTest, InYearThroughPriceEqualsPriceInYear) {
  const v1::Statement st =
      BothForms<v1::Statement>(mhpbr_price, mhpbr_price_json, InYearRequest());
  ASSERT_TRUE(st.has_in_year());
  const v1::InYearStatement& iy = st.in_year();
  EXPECT_EQ(iy.as_of(), "2024-06-15");
  ASSERT_EQ(iy.months_size(), 3);
  EXPECT_EQ(iy.months(0).month(), "2024-04");
  EXPECT_EQ(iy.months(0).periods(), 1);
  EXPECT_EQ(iy.months(0).days(), 11);
  EXPECT_EQ(iy.months(0).amount_pence(), 13568);
  EXPECT_EQ(iy.months(0).cumulative_pence(), 13568);
  EXPECT_EQ(iy.months(1).month(), "2024-05");
  EXPECT_EQ(iy.months(1).days(), 31);
  EXPECT_EQ(iy.months(1).amount_pence(), 33648);
  EXPECT_EQ(iy.months(1).cumulative_pence(), 47216);
  EXPECT_EQ(iy.months(2).month(), "2024-06");
  EXPECT_EQ(iy.months(2).periods(), 2);
  EXPECT_EQ(iy.months(2).days(), 30);
  EXPECT_EQ(iy.months(2).amount_pence(), 32563);
  EXPECT_EQ(iy.months(2).cumulative_pence(), 79779);
  EXPECT_EQ(iy.earned_to_date_pence(), 79779);
  EXPECT_EQ(iy.forecast_activity_pence(), 409750);
  EXPECT_EQ(iy.forecast_payment_pence(), 409750);
  EXPECT_EQ(st.totals().activity_pence(), 409750);
  EXPECT_EQ(st.totals().payment_pence(), 409750);
  ASSERT_EQ(iy.assumptions_size(), 6);
  EXPECT_EQ(iy.assumptions(0).key(), "forecast_assumption:open_periods");
  EXPECT_EQ(iy.assumptions(1).key(), "forecast_assumption:open_periods_count");
  EXPECT_EQ(iy.assumptions(1).value(), "1");

  // The C++ API on the same inputs.
  auto rules = testing_pricing::Rules();
  const auto tariff = Tariff({Entry(4, Basis::kDay, 1000)});
  const Contract c = YearContract(2024, 1085430);
  const std::vector<PeriodToPrice> periods = {
      Period("A", 4, D(2024, 4, 20), D(2024, 6, 30), 1),
      Period("B", 4, D(2024, 6, 1), std::nullopt, 2)};
  OneOff ect;
  ect.item = "ect";
  ect.count = 3;
  ect.price_pence = 500;
  ect.line = 1;
  const std::vector<OneOff> one_offs = {ect};
  auto want = PriceInYear(periods, one_offs, tariff, c, *rules, D(2024, 6, 15));
  ASSERT_TRUE(want.ok()) << want.status();
  ASSERT_EQ(static_cast<size_t>(iy.months_size()), want->months.size());
  for (size_t i = 0; i < want->months.size(); ++i) {
    SCOPED_TRACE(i);
    const v1::InYearMonth& m = iy.months(static_cast<int>(i));
    EXPECT_EQ(m.month(), absl::FormatCivilTime(want->months[i].month));
    EXPECT_EQ(m.periods(), want->months[i].periods);
    EXPECT_EQ(m.days(), want->months[i].days);
    EXPECT_EQ(m.amount_pence(), want->months[i].amount_pence);
    EXPECT_EQ(m.cumulative_pence(), want->months[i].cumulative_pence);
  }
  EXPECT_EQ(iy.earned_to_date_pence(), want->earned_to_date_pence);
  EXPECT_EQ(st.totals().activity_pence(), want->forecast.totals.activity_pence);
  EXPECT_EQ(st.totals().payment_pence(), want->forecast.totals.payment_pence);
  EXPECT_EQ(static_cast<size_t>(st.lines_size()), want->forecast.lines.size());
  ASSERT_EQ(static_cast<size_t>(iy.assumptions_size()),
            want->assumptions.size());
  for (size_t i = 0; i < want->assumptions.size(); ++i) {
    EXPECT_EQ(iy.assumptions(static_cast<int>(i)).key(),
              want->assumptions[i].first);
    EXPECT_EQ(iy.assumptions(static_cast<int>(i)).value(),
              want->assumptions[i].second);
  }

  // Without as_of: the same statement, no in-year part.
  v1::PriceRequest annual = InYearRequest();
  annual.clear_as_of();
  v1::Statement plain;
  std::string message;
  ASSERT_EQ(Binary(mhpbr_price, annual, &plain, &message), MHPBR_OK) << message;
  EXPECT_FALSE(plain.has_in_year());
  v1::Statement forecast = st;
  forecast.clear_in_year();
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(plain, forecast));
}

TEST_F(CapiCompareTest, BadAsOfNamesTheField) {
  v1::PriceRequest outside = InYearRequest();
  outside.set_as_of("2025-04-01");
  EXPECT_THAT(Fails<v1::Statement>(mhpbr_price, outside),
              AllOf(HasSubstr("as_of 2025-04-01"),
                    HasSubstr("outside the contract year")));
  outside.set_as_of("2024-03-31");
  EXPECT_THAT(Fails<v1::Statement>(mhpbr_price, outside),
              HasSubstr("as_of 2024-03-31"));
  v1::PriceRequest malformed = InYearRequest();
  malformed.set_as_of("2024-06-31");
  EXPECT_THAT(Fails<v1::Statement>(mhpbr_price, malformed),
              HasSubstr("as_of: "));

  v1::Statement out;
  std::string message;
  EXPECT_EQ(Json(mhpbr_price_json, "{\"as_of\": 20240615}", &out, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("mhpbr.v1.PriceRequest"));
}

}  // namespace
}  // namespace mhpbr
