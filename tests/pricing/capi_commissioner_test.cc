// mhpbr_price with one contract per commissioner (PriceRequest.contracts):
// the provider's total with each commissioner's statement inside, the
// figures of tests/pricing/commissioner_statements_test.cc (worked by hand
// there); a commissioner without a contract is an error naming the field.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/v1/pricing.pb.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

class CapiCommissionerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char* error = nullptr;
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, &error), MHPBR_OK);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  // 2024/25; cluster 3 at 1000 p a day, 11 at 2000 p; A: MFF 1.1; B: MFF
  // 1.08543, baseline 72000 p, cap and collar.
  static v1::PriceRequest Request() {
    v1::PriceRequest r;
    v1::Contract* a = r.add_contracts();
    a->set_commissioner("A");
    a->set_provider("RX1");
    a->set_year_start("2024-04-01");
    a->set_mff_ppm(1100000);
    a->set_partial_period(v1::PRO_RATA);
    a->set_social_care(v1::POOLED);
    v1::Contract* b = r.add_contracts();
    testing_pricing::SetCapAndCollarContract(b);
    b->set_commissioner("B");
    b->set_year_start("2024-04-01");
    b->set_baseline_pence(72000);
    b->set_social_care(v1::POOLED);
    v1::TariffSchedule* t = r.mutable_tariff();
    for (auto [cluster, price] : {std::pair{3, 1000}, std::pair{11, 2000}}) {
      v1::TariffEntry* e = t->add_entries();
      e->set_cluster(cluster);
      e->set_basis(v1::BASIS_DAY);
      e->set_price_pence(price);
    }
    auto period = [&](const char* id, int cluster, const char* start,
                      const char* end, const char* commissioner) {
      v1::PeriodToPrice* p = r.add_periods();
      p->set_patient_id(id);
      p->set_cluster(cluster);
      p->set_start(start);
      p->set_end(end);
      p->set_commissioner(commissioner);
    };
    period("p1", 3, "2024-04-01", "2024-04-10", "A");
    period("p2", 11, "2024-05-01", "2024-05-20", "B");
    period("p3", 3, "2024-06-01", "2024-06-30", "B");
    period("p4", 3, "2024-07-01", "2024-07-05", "");
    auto one_off = [&](const char* item, int count, int price,
                       const char* commissioner) {
      v1::OneOff* o = r.add_one_offs();
      o->set_item(item);
      o->set_count(count);
      o->set_price_pence(price);
      o->set_commissioner(commissioner);
    };
    one_off("ect", 2, 500, "A");
    one_off("ect", 1, 1000, "B");
    one_off("crisis", 3, 100, "");
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

TEST_F(CapiCommissionerTest, ProviderTotalWithEachCommissioner) {
  v1::Statement st;
  std::string message;
  ASSERT_EQ(Call(Request(), &st, &message), MHPBR_OK) << message;
  EXPECT_EQ(st.provider(), "RX1");
  EXPECT_EQ(st.totals().activity_pence(), 89165);
  EXPECT_EQ(st.totals().risk_share_pence(), -732);
  EXPECT_EQ(st.totals().payment_pence(), 88433);
  EXPECT_EQ(st.totals().baseline_pence(), 72000);
  EXPECT_EQ(st.periods_without_commissioner(), 1);
  EXPECT_EQ(st.one_offs_without_commissioner(), 1);
  // A's 2 lines, B's 3, then the 2 naming no commissioner.
  ASSERT_EQ(st.lines_size(), 7);
  EXPECT_EQ(st.lines(0).commissioner(), "A");
  EXPECT_EQ(st.lines(1).amount_pence(), 11000);
  EXPECT_EQ(st.lines(3).amount_pence(), 43417);
  EXPECT_EQ(st.lines(4).amount_pence(), 32563);
  EXPECT_EQ(st.lines(5).status(), v1::NO_COMMISSIONER);
  EXPECT_EQ(st.lines(5).units(), 3);
  EXPECT_EQ(st.lines(6).patient_id(), "p4");
  EXPECT_EQ(st.lines(6).status(), v1::NO_COMMISSIONER);
  EXPECT_EQ(st.lines(6).amount_pence(), 0);
  ASSERT_EQ(st.clusters_size(), 2);
  EXPECT_EQ(st.clusters(0).amount_pence(), 43563);
  ASSERT_EQ(st.commissioners_size(), 2);
  EXPECT_EQ(st.commissioners(0).commissioner(), "A");
  EXPECT_EQ(st.commissioners(0).statement().totals().payment_pence(), 12100);
  EXPECT_EQ(st.commissioners(1).commissioner(), "B");
  EXPECT_EQ(st.commissioners(1).provider(), "RX1");
  EXPECT_EQ(st.commissioners(1).statement().totals().payment_pence(), 76333);
}

// Through 2024-05-31: April 12100 + 1085 = 13185, May 43417.
TEST_F(CapiCommissionerTest, InYearIsSummed) {
  v1::PriceRequest r = Request();
  r.set_as_of("2024-05-31");
  v1::Statement st;
  std::string message;
  ASSERT_EQ(Call(r, &st, &message), MHPBR_OK) << message;
  ASSERT_EQ(st.in_year().months_size(), 2);
  EXPECT_EQ(st.in_year().months(0).amount_pence(), 13185);
  EXPECT_EQ(st.in_year().earned_to_date_pence(), 56602);
  EXPECT_EQ(st.in_year().forecast_payment_pence(), 88433);
  EXPECT_EQ(st.commissioners(1).statement().in_year().earned_to_date_pence(),
            44502);
}

TEST_F(CapiCommissionerTest, ErrorsNameTheField) {
  v1::Statement st;
  std::string message;
  v1::PriceRequest r = Request();
  r.mutable_periods(3)->set_commissioner("C");
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("periods[3].commissioner: 'C' has no "
                                 "contract"));
  r = Request();
  r.mutable_contracts(1)->set_commissioner("A");
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("contracts[0] and contracts[1] are both "
                                 "for commissioner 'A'"));
  r = Request();
  testing_pricing::SetCapAndCollarContract(r.mutable_contract());
  EXPECT_EQ(Call(r, &st, &message), MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("not both"));
}

}  // namespace
}  // namespace mhpbr
