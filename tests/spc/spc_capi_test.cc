// mhpbr_spc_json and mhpbr_spc: the natural JSON request (series with
// "YYYY-MM" months and decimal-text values) in, the charts of `mhpbr spc`
// out; the binary form agrees; errors name the series and field.

#include <cstring>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/v1/spc.pb.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

struct Rules {
  Rules() { EXPECT_EQ(mhpbr_rules_load_default(&rules, nullptr), MHPBR_OK); }
  ~Rules() { mhpbr_rules_destroy(rules); }
  mhpbr_rules* rules = nullptr;
};

// contacts: 20 28 20 28 20 28 20 28 20 60 (up, target 50): mean 27.2,
// amR 8 once the range 40 is screened out (40 >= 3.267 x 104/9), limits
// 48.48 and 5.92; 60 outside: improvement; target above the upper limit:
// consistent_fail. waits: 2024-01 empty (left out), 12.5 alone.
constexpr char kRequest[] = R"({
  "series": [
    {"name": "contacts", "direction": "up", "target": "50",
     "months": ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
                "2024-06", "2024-07", "2024-08", "2024-09", "2024-10"],
     "values": ["20", "28", "20", "28", "20", "28", "20", "28", "20", "60"]},
    {"name": "waits", "months": ["2024-01", "2024-02"],
     "values": ["", "12.5"]}
  ]
})";

TEST(SpcCapi, JsonRequestGivesTheCharts) {
  Rules r;
  char* out = nullptr;
  size_t size = 0;
  char* error = nullptr;
  ASSERT_EQ(mhpbr_spc_json(r.rules, kRequest, std::strlen(kRequest), &out,
                           &size, &error),
            MHPBR_OK)
      << (error ? error : "");
  v1::SpcResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  std::string(out, size), &response)
                  .ok());
  mhpbr_free(out);
  ASSERT_EQ(response.series_size(), 2);
  const v1::SpcChart& c = response.series(0);
  EXPECT_EQ(c.name(), "contacts");
  EXPECT_EQ(c.mean(), "27.2000");
  EXPECT_EQ(c.lpl(), "5.9200");
  EXPECT_EQ(c.upl(), "48.4800");
  EXPECT_TRUE(c.short_series());
  EXPECT_EQ(c.variation(), "special_cause_improvement");
  EXPECT_EQ(c.assurance(), "consistent_fail");
  ASSERT_EQ(c.points_size(), 10);
  EXPECT_EQ(c.points(9).month(), "2024-10");
  EXPECT_EQ(c.points(9).value(), "60.0000");
  EXPECT_EQ(c.points(9).upl(), "48.4800");
  EXPECT_EQ(c.points(9).side(), 1);
  EXPECT_TRUE(c.points(9).outside());
  EXPECT_TRUE(c.points(9).special_cause());
  EXPECT_EQ(c.points(9).point_type(), "special_cause_improvement");
  EXPECT_EQ(c.points(0).side(), -1);
  EXPECT_EQ(c.points(0).point_type(), "common_cause");
  const v1::SpcChart& w = response.series(1);
  ASSERT_EQ(w.points_size(), 1);
  EXPECT_EQ(w.points(0).month(), "2024-02");
  EXPECT_EQ(w.mean(), "12.5000");
  EXPECT_EQ(w.upl(), "");
  EXPECT_EQ(w.variation(), "");
  EXPECT_EQ(w.assurance(), "");

  // The binary form gives the same.
  v1::SpcRequest request;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(kRequest, &request).ok());
  const std::string bytes = request.SerializeAsString();
  void* bin = nullptr;
  ASSERT_EQ(mhpbr_spc(r.rules, bytes.data(), bytes.size(), &bin, &size, &error),
            MHPBR_OK);
  v1::SpcResponse from_binary;
  EXPECT_TRUE(from_binary.ParseFromArray(bin, static_cast<int>(size)));
  mhpbr_free(bin);
  EXPECT_EQ(from_binary.SerializeAsString(), response.SerializeAsString());
}

TEST(SpcCapi, ErrorsNameTheSeriesAndField) {
  Rules r;
  const std::string bad =
      R"({"series": [{"name": "beds", "months": ["2024-01", "2024-1"],
                      "values": ["1", "2"]}]})";
  char* out = nullptr;
  size_t size = 0;
  char* error = nullptr;
  EXPECT_EQ(
      mhpbr_spc_json(r.rules, bad.data(), bad.size(), &out, &size, &error),
      MHPBR_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  EXPECT_THAT(error, HasSubstr("series[0] 'beds' months[1]: '2024-1'"));
  mhpbr_free(error);
  const std::string backwards =
      R"({"series": [{"name": "beds", "months": ["2024-02", "2024-01"],
                      "values": ["1", "2"]}]})";
  error = nullptr;
  EXPECT_EQ(mhpbr_spc_json(r.rules, backwards.data(), backwards.size(), &out,
                           &size, &error),
            MHPBR_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  EXPECT_THAT(error, HasSubstr("series 'beds': month 2024-01: not after"));
  mhpbr_free(error);
}

}  // namespace
}  // namespace mhpbr
