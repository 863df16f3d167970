// The rich pricing and costing calls of the real shared library,
// libmhpbr.so. The request and response types are the ones the library
// registers with libprotobuf; this test has no generated code of its own
// (linking it as well would register the same .proto files twice), so it
// writes requests in text format and reads responses by reflection.

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "mhpbr.h"

namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::DescriptorPool;
using ::google::protobuf::Message;
using ::google::protobuf::MessageFactory;
using ::google::protobuf::TextFormat;
using ::testing::HasSubstr;

std::unique_ptr<Message> NewMessage(const std::string& type) {
  const Descriptor* d =
      DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  EXPECT_NE(d, nullptr) << type << " is not registered by libmhpbr";
  if (d == nullptr) return nullptr;
  return std::unique_ptr<Message>(
      MessageFactory::generated_factory()->GetPrototype(d)->New());
}

std::string Serialize(const std::string& type, const std::string& text) {
  std::unique_ptr<Message> m = NewMessage(type);
  if (m == nullptr) return "";
  EXPECT_TRUE(TextFormat::ParseFromString(text, m.get())) << text;
  return m->SerializeAsString();
}

// An int64 field by path, e.g. {"totals", "activity_pence"}.
int64_t Int(const Message& m, std::initializer_list<const char*> path) {
  const Message* cur = &m;
  const char* last = nullptr;
  for (const char* name : path) {
    if (last != nullptr) {
      const auto* f = cur->GetDescriptor()->FindFieldByName(last);
      cur = &cur->GetReflection()->GetMessage(*cur, f);
    }
    last = name;
  }
  const auto* f = cur->GetDescriptor()->FindFieldByName(last);
  EXPECT_NE(f, nullptr) << last;
  if (f == nullptr) return -1;
  return cur->GetReflection()->GetInt64(*cur, f);
}

class CapiSoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, nullptr), MHPBR_OK);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  using Fn = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t, void**,
                            size_t*, char**);
  // Calls `fn`; on success parses the response as `type`.
  mhpbr_code Call(Fn fn, const std::string& bytes, const std::string& type,
                  std::unique_ptr<Message>* out, std::string* message) {
    void* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code =
        fn(rules_, bytes.data(), bytes.size(), &response, &size, &error);
    if (code == MHPBR_OK) {
      *out = NewMessage(type);
      EXPECT_TRUE((*out)->ParseFromArray(response, static_cast<int>(size)));
    } else if (error != nullptr) {
      *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  mhpbr_rules* rules_ = nullptr;
};

// The hand-worked request of capi_price_test.cc (see its comments):
// A = 67296, social care 12211, P = 95000, payment 94214.
constexpr char kPriceRequest[] = R"pb(
  contract {
    year_start: "2023-04-01"
    mff_ppm: 1085430
    partial_period: PRO_RATA
    social_care: DECOUPLED
    baseline_pence: 100000
    risk_bands { to_pct: -5 rate_ppm: 0 }
    risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }
    risk_bands { from_pct: 5 rate_ppm: 500000 }
    withhold_ppm: 25000
    outcomes {
      name: "reviewed_on_time"
      weight_ppm: 600000
      attainment_ppm: 812000
    }
    outcomes {
      name: "honos_improved"
      weight_ppm: 400000
      attainment_ppm: 455000
    }
  }
  tariff {
    entries {
      cluster: 3
      basis: BASIS_DAY
      price_pence: 1000
      social_care_ppm: 250000
    }
    entries { cluster: 11 basis: BASIS_PERIOD price_pence: 36500 }
  }
  periods { patient_id: "P2" cluster: 3 start: "2023-05-01" end: "2023-06-14" }
  periods { patient_id: "P1" cluster: 11 start: "2023-04-01" end: "2023-06-09" }
  periods { patient_id: "P1" cluster: 0 start: "2023-06-10" }
  one_offs { item: "ect" count: 2 price_pence: 5000 }
)pb";

TEST_F(CapiSoTest, PricesThroughTheSharedLibrary) {
  std::unique_ptr<Message> st;
  std::string message;
  ASSERT_EQ(
      Call(&mhpbr_price, Serialize("mhpbr.v1.PriceRequest", kPriceRequest),
           "mhpbr.v1.Statement", &st, &message),
      MHPBR_OK)
      << message;
  EXPECT_EQ(Int(*st, {"totals", "activity_pence"}), 67296);
  EXPECT_EQ(Int(*st, {"totals", "social_care_pence"}), 12211);
  EXPECT_EQ(Int(*st, {"totals", "health_pence"}), 55085);
  EXPECT_EQ(Int(*st, {"totals", "risk_shared_pence"}), 95000);
  EXPECT_EQ(Int(*st, {"totals", "payment_pence"}), 94214);
}

TEST_F(CapiSoTest, PriceErrors) {
  std::unique_ptr<Message> st;
  std::string message;
  EXPECT_EQ(Call(&mhpbr_price, "\xff\xff\xff\xff", "mhpbr.v1.Statement", &st,
                 &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("PriceRequest"));
  std::string bad = kPriceRequest;
  bad.replace(bad.find("mff_ppm: 1085430"), 16, "mff_ppm: 0");
  EXPECT_EQ(Call(&mhpbr_price, Serialize("mhpbr.v1.PriceRequest", bad),
                 "mhpbr.v1.Statement", &st, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("mff_ppm"));
  const std::string huge =
      std::string(kPriceRequest) +
      "one_offs { item: \"x\" count: 1000000000000 price_pence: "
      "1000000000000 }";
  EXPECT_EQ(Call(&mhpbr_price, Serialize("mhpbr.v1.PriceRequest", huge),
                 "mhpbr.v1.Statement", &st, &message),
            MHPBR_OUT_OF_RANGE);
}

TEST_F(CapiSoTest, CostsThroughTheSharedLibrary) {
  // The spec's worked records: 1329 + 2655 + 161070.
  const std::string request = Serialize("mhpbr.v1.CostRequest", R"pb(
    unit_costs {
      source: "Trust costing return 2022/23"
      overhead_ppm: 180000
      staff { code: "nurse_b6" pence_per_hour: 5200 }
      staff { code: "facilitator" pence_per_hour: 6000 }
      ward { code: "acute_adult" pence_per_day: 45500 }
    }
    as_of: "2023-06-30"
    periods { patient_id: "P1" cluster: 3 start: "2023-04-01" }
    activity {
      activity_id: "a1"
      patient_id: "P1"
      date: "2023-05-01"
      kind: CONTACT
      staff_group: "nurse_b6"
      minutes: 13
    }
    activity {
      activity_id: "a2"
      patient_id: "P1"
      date: "2023-05-01"
      kind: GROUP
      staff_group: "facilitator"
      minutes: 90
      attendees: 4
    }
    activity {
      activity_id: "a3"
      patient_id: "P1"
      date: "2023-05-01"
      kind: BED_DAY
      ward: "acute_adult"
      count: 3
    }
  )pb");
  std::unique_ptr<Message> res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_cost, request, "mhpbr.v1.CostResponse", &res, &message),
            MHPBR_OK)
      << message;
  EXPECT_EQ(Int(*res, {"clustered_pence"}), 1329 + 2655 + 161070);
  EXPECT_EQ(Int(*res, {"total_pence"}), 1329 + 2655 + 161070);
}

TEST_F(CapiSoTest, SetsTariffsThroughTheSharedLibrary) {
  // The spec's worked example: 252 p/day.
  std::string text =
      "settings { iqr_k: \"1.5\" uplift_ppm: 25000 efficiency_ppm: 11000 }";
  const int data[][2] = {{120, 14}, {150, 30}, {180, 7},  {200, 28},
                         {240, 60}, {260, 10}, {300, 45}, {310, 20},
                         {330, 31}, {360, 9},  {1000, 5}};
  for (const auto& d : data) {
    text += " samples { cluster: 3 days: " + std::to_string(d[1]) +
            " cost_pence: " + std::to_string(d[0] * d[1]) + " }";
  }
  std::unique_ptr<Message> res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_set_tariffs, Serialize("mhpbr.v1.TariffRequest", text),
                 "mhpbr.v1.TariffResponse", &res, &message),
            MHPBR_OK)
      << message;
  std::string printed;
  TextFormat::PrintToString(*res, &printed);
  EXPECT_THAT(printed, HasSubstr("price_pence: 252"));
  EXPECT_THAT(printed, HasSubstr("price_period_pence: 46116"));
  EXPECT_THAT(printed, HasSubstr("cv: \"0.3301\""));
}

}  // namespace
