// mhpbr_price through the C API: a serialized mhpbr.v1.PriceRequest built
// with the generated classes, the Statement back, equal to the C++ API's;
// errors name the field; the response is freed with mhpbr_free (the ASan
// build proves nothing leaks).

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/v1/pricing.pb.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::testing::AllOf;
using ::testing::HasSubstr;

class CapiPriceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char* error = nullptr;
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, &error), MHPBR_OK);
    EXPECT_EQ(error, nullptr);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  // The request of the hand-worked statement test: cluster 3 by the day
  // (1000 p, social care 25%), cluster 11 by the review period (46116 p,
  // 12-month reviews = 365 days), cluster 0 unpriced, one one-off;
  // decoupled, MFF 1.08543, cap and collar around B = 100000, withhold.
  static v1::PriceRequest Request() {
    v1::PriceRequest r;
    v1::Contract* c = r.mutable_contract();
    testing_pricing::SetCapAndCollarContract(c);
    c->set_social_care(v1::DECOUPLED);
    c->set_withhold_ppm(25000);
    v1::Outcome* o = c->add_outcomes();
    o->set_name("reviewed_on_time");
    o->set_weight_ppm(600000);
    o->set_attainment_ppm(812000);
    o = c->add_outcomes();
    o->set_name("honos_improved");
    o->set_weight_ppm(400000);
    o->set_attainment_ppm(455000);
    v1::TariffSchedule* t = r.mutable_tariff();
    t->set_source("test");
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
    period("P2", 3, "2023-05-01", "2023-06-14");   // 45 days
    period("P1", 11, "2023-04-01", "2023-06-09");  // 70 of 365 days
    period("P1", 0, "2023-06-10", "");             // open, unpriced
    v1::OneOff* one = r.add_one_offs();
    one->set_item("ect");
    one->set_count(2);
    one->set_price_pence(5000);
    return r;
  }

  // Calls mhpbr_price; fills `out` on success and frees the buffer.
  mhpbr_code Call(const std::string& bytes, v1::Statement* out,
                  std::string* message) {
    void* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code = mhpbr_price(rules_, bytes.data(), bytes.size(),
                                        &response, &size, &error);
    if (code == MHPBR_OK) {
      EXPECT_EQ(error, nullptr);
      EXPECT_NE(response, nullptr);
      EXPECT_TRUE(out->ParseFromArray(response, static_cast<int>(size)));
    } else {
      EXPECT_EQ(response, nullptr);
      EXPECT_NE(error, nullptr);
      if (error != nullptr) *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  mhpbr_rules* rules_ = nullptr;
};

TEST_F(CapiPriceTest, HandWorkedStatement) {
  // MFF 1.08543:
  //   ect: 2 * 5000 * 1.08543 = 10854.3 -> 10854 (social 0: no tariff)
  //   P1 cluster 11: one 365-day unit cut short at 70 days (1 Apr - 9 Jun),
  //     pro rata 36500 * 70 / 365 * 1.08543 = 7000 * 1.08543 = 7598.01
  //     -> 7598, social 0 (share 0)
  //   P1 cluster 0: unpriced, open to 31 Mar: 10 Jun - 31 Mar 2024 = 296
  //     days, amount 0
  //   P2 cluster 3: 45 * 1000 * 1.08543 = 48844.35 -> 48844, social 25%
  //     = 12211
  // A = 10854 + 7598 + 48844 = 67296; social 12211; health 55085.
  // A = 0.67296 B, below the collar: P = 95000; adjustment 27704.
  // Withheld 95000 * 0.025 = 2375; earned 2375 * 0.6692 = 1589.35 -> 1589;
  // payment 95000 - 2375 + 1589 = 94214.
  v1::Statement st;
  std::string message;
  ASSERT_EQ(Call(Request().SerializeAsString(), &st, &message), MHPBR_OK)
      << message;
  ASSERT_EQ(st.lines_size(), 4);
  EXPECT_TRUE(st.lines(0).one_off());
  EXPECT_EQ(st.lines(0).item(), "ect");
  EXPECT_EQ(st.lines(0).cluster(), -1);
  EXPECT_EQ(st.lines(0).units(), 2);
  EXPECT_EQ(st.lines(0).amount_pence(), 10854);
  EXPECT_EQ(st.lines(1).patient_id(), "P1");
  EXPECT_EQ(st.lines(1).cluster(), 11);
  EXPECT_EQ(st.lines(1).basis(), v1::BASIS_PERIOD);
  EXPECT_EQ(st.lines(1).units(), 1);
  EXPECT_EQ(st.lines(1).days_in_year(), 70);
  EXPECT_EQ(st.lines(1).amount_pence(), 7598);
  EXPECT_EQ(st.lines(2).cluster(), 0);
  EXPECT_EQ(st.lines(2).status(), v1::UNPRICED);
  EXPECT_EQ(st.lines(2).basis(), v1::BASIS_UNSPECIFIED);
  EXPECT_EQ(st.lines(2).days_in_year(), 296);
  EXPECT_EQ(st.lines(2).end(), "");
  EXPECT_EQ(st.lines(3).patient_id(), "P2");
  EXPECT_EQ(st.lines(3).amount_pence(), 48844);
  EXPECT_EQ(st.lines(3).social_care_pence(), 12211);
  EXPECT_EQ(st.lines(3).status(), v1::PRICED);
  EXPECT_TRUE(st.decoupled());
  const v1::StatementTotals& t = st.totals();
  EXPECT_EQ(t.baseline_pence(), 100000);
  EXPECT_EQ(t.activity_pence(), 67296);
  EXPECT_EQ(t.social_care_pence(), 12211);
  EXPECT_EQ(t.health_pence(), 55085);
  EXPECT_EQ(t.risk_shared_pence(), 95000);
  EXPECT_EQ(t.risk_share_pence(), 27704);
  EXPECT_EQ(t.withheld_pence(), 2375);
  EXPECT_EQ(t.earned_pence(), 1589);
  EXPECT_EQ(t.payment_pence(), 94214);
}

TEST_F(CapiPriceTest, EqualsTheCppApi) {
  v1::Statement st;
  std::string message;
  ASSERT_EQ(Call(Request().SerializeAsString(), &st, &message), MHPBR_OK);
  // The same inputs through PriceContract.
  Contract c;
  c.year_start = D(2023, 4, 1);
  c.mff_ppm = 1085430;
  c.partial_period = PartialPeriod::kProRata;
  c.social_care = SocialCare::kDecoupled;
  c.baseline_pence = 100000;
  c.risk_bands = testing_pricing::CapAndCollar();
  c.withhold_ppm = 25000;
  c.outcomes = {{"reviewed_on_time", 600000, 812000},
                {"honos_improved", 400000, 455000}};
  OneOff o;
  o.item = "ect";
  o.count = 2;
  o.price_pence = 5000;
  auto rules = Rules();
  auto cc = PriceContract({Period("P2", 3, D(2023, 5, 1), D(2023, 6, 14)),
                           Period("P1", 11, D(2023, 4, 1), D(2023, 6, 9)),
                           Period("P1", 0, D(2023, 6, 10), std::nullopt)},
                          {o},
                          Tariff({Entry(3, Basis::kDay, 1000, 250000),
                                  Entry(11, Basis::kPeriod, 36500)}),
                          c, *rules);
  ASSERT_TRUE(cc.ok()) << cc.status();
  ASSERT_EQ(static_cast<int>(cc->lines.size()), st.lines_size());
  for (int i = 0; i < st.lines_size(); ++i) {
    EXPECT_EQ(cc->lines[i].amount_pence, st.lines(i).amount_pence());
    EXPECT_EQ(cc->lines[i].social_care_pence, st.lines(i).social_care_pence());
    EXPECT_EQ(cc->lines[i].units, st.lines(i).units());
    EXPECT_EQ(cc->lines[i].days_in_year, st.lines(i).days_in_year());
    EXPECT_EQ(cc->lines[i].patient_id, st.lines(i).patient_id());
  }
  ASSERT_EQ(static_cast<int>(cc->clusters.size()), st.clusters_size());
  for (int i = 0; i < st.clusters_size(); ++i) {
    EXPECT_EQ(cc->clusters[i].cluster.code(), st.clusters(i).cluster());
    EXPECT_EQ(cc->clusters[i].amount_pence, st.clusters(i).amount_pence());
    EXPECT_EQ(cc->clusters[i].patients, st.clusters(i).patients());
  }
  EXPECT_EQ(cc->totals.activity_pence, st.totals().activity_pence());
  EXPECT_EQ(cc->totals.payment_pence, st.totals().payment_pence());
  EXPECT_EQ(cc->totals.earned_pence, st.totals().earned_pence());
  EXPECT_EQ(cc->totals.health_pence, st.totals().health_pence());
}

TEST_F(CapiPriceTest, GarbageBytes) {
  const std::string garbage = "\xff\xff\xff\xff not a protobuf";
  v1::Statement st;
  std::string message;
  EXPECT_EQ(Call(garbage, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("PriceRequest"));
}

TEST_F(CapiPriceTest, InvalidFieldsAreNamed) {
  struct Case {
    const char* field;
    void (*mutate)(v1::PriceRequest*);
  };
  const Case cases[] = {
      {"risk_bands[1]",
       [](v1::PriceRequest* r) {
         r->mutable_contract()->mutable_risk_bands(1)->set_from_pct(-4);
       }},
      {"outcomes",
       [](v1::PriceRequest* r) {
         r->mutable_contract()->mutable_outcomes(1)->set_weight_ppm(300000);
       }},
      {"year_start",
       [](v1::PriceRequest* r) {
         r->mutable_contract()->set_year_start("2023-04-02");
       }},
      {"mff_ppm",
       [](v1::PriceRequest* r) { r->mutable_contract()->set_mff_ppm(0); }},
      {"partial_period",
       [](v1::PriceRequest* r) {
         r->mutable_contract()->set_partial_period(
             v1::PARTIAL_PERIOD_UNSPECIFIED);
       }},
      {"price_pence",
       [](v1::PriceRequest* r) {
         r->mutable_tariff()->mutable_entries(0)->set_price_pence(-1);
       }},
      {"basis",
       [](v1::PriceRequest* r) {
         r->mutable_tariff()->mutable_entries(1)->set_basis(
             v1::BASIS_UNSPECIFIED);
       }},
      {"cluster 3",
       [](v1::PriceRequest* r) {
         *r->mutable_tariff()->add_entries() = r->tariff().entries(0);
       }},
      {"periods[1]",
       [](v1::PriceRequest* r) { r->mutable_periods(1)->set_cluster(9); }},
      {"periods[0].start",
       [](v1::PriceRequest* r) {
         r->mutable_periods(0)->set_start("2023-02-29");
       }},
      {"P2",  // ends before it starts
       [](v1::PriceRequest* r) {
         r->mutable_periods(0)->set_end("2023-04-30");
       }},
  };
  for (const Case& c : cases) {
    v1::PriceRequest r = Request();
    c.mutate(&r);
    v1::Statement st;
    std::string message;
    EXPECT_EQ(Call(r.SerializeAsString(), &st, &message),
              MHPBR_INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(message, HasSubstr(c.field));
  }
}

TEST_F(CapiPriceTest, OverflowIsOutOfRange) {
  v1::PriceRequest r = Request();
  v1::OneOff* o = r.add_one_offs();
  o->set_item("huge");
  o->set_count(1000000000000);
  o->set_price_pence(1000000000000);
  v1::Statement st;
  std::string message;
  EXPECT_EQ(Call(r.SerializeAsString(), &st, &message), MHPBR_OUT_OF_RANGE);
  EXPECT_FALSE(message.empty());
}

TEST_F(CapiPriceTest, NullArguments) {
  const std::string bytes = Request().SerializeAsString();
  void* response = nullptr;
  size_t size = 0;
  char* error = nullptr;
  EXPECT_EQ(mhpbr_price(nullptr, bytes.data(), bytes.size(), &response, &size,
                        &error),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error, HasSubstr("rules"));
  mhpbr_free(error);
  error = nullptr;
  EXPECT_EQ(mhpbr_price(rules_, nullptr, 5, &response, &size, &error),
            MHPBR_INVALID_ARGUMENT);
  mhpbr_free(error);
  error = nullptr;
  EXPECT_EQ(
      mhpbr_price(rules_, bytes.data(), bytes.size(), nullptr, &size, &error),
      MHPBR_INVALID_ARGUMENT);
  mhpbr_free(error);
  error = nullptr;
  EXPECT_EQ(mhpbr_price(rules_, bytes.data(), bytes.size(), &response, nullptr,
                        &error),
            MHPBR_INVALID_ARGUMENT);
  mhpbr_free(error);
  // A NULL error pointer is allowed, on failure and on success.
  EXPECT_EQ(mhpbr_price(nullptr, bytes.data(), bytes.size(), &response, &size,
                        nullptr),
            MHPBR_INVALID_ARGUMENT);
  ASSERT_EQ(mhpbr_price(rules_, bytes.data(), bytes.size(), &response, &size,
                        nullptr),
            MHPBR_OK);
  EXPECT_GT(size, 0u);
  mhpbr_free(response);
  // An empty request (no contract) is an invalid contract, not a crash.
  response = nullptr;
  EXPECT_EQ(mhpbr_price(rules_, nullptr, 0, &response, &size, &error),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error, AllOf(HasSubstr("year_start")));
  EXPECT_EQ(response, nullptr);
  mhpbr_free(error);
}

}  // namespace
}  // namespace mhpbr
