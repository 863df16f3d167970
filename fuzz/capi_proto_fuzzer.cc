// The C API's rich calls over arbitrary bytes: byte 0 picks the call
// (mhpbr_periods_build, mhpbr_price, mhpbr_cost, mhpbr_set_tariffs,
// mhpbr_package_cost, mhpbr_package_plan, mhpbr_rules_load_text,
// mhpbr_report_build, or a call's JSON form, picked by byte 1) and the
// rest is its request. Whatever the bytes, the call returns a code: on
// MHPBR_OK a response that parses as the promised message, otherwise a
// message and no response; nothing is printed. Linked against the C
// library alone.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz_input.h"
#include "google/protobuf/stubs/logging.h"
#include "mhpbr.h"
#include "mhpbr/v1/care_package.pb.h"
#include "mhpbr/v1/costing.pb.h"
#include "mhpbr/v1/periods.pb.h"
#include "mhpbr/v1/pricing.pb.h"
#include "mhpbr/v1/report.pb.h"
#include "google/protobuf/util/json_util.h"

namespace {

using RichFn = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t, void**,
                              size_t*, char**);

template <typename Response>
void Call(RichFn fn, const mhpbr_rules* rules, const uint8_t* data,
          size_t size) {
  void* response = reinterpret_cast<void*>(1);
  size_t response_size = 12345;
  char* error = reinterpret_cast<char*>(1);
  // An empty request has no bytes to point at: pass NULL, as allowed.
  const mhpbr_code code = fn(rules, size == 0 ? nullptr : data, size, &response,
                             &response_size, &error);
  if (code == MHPBR_OK) {
    MHPBR_FUZZ_CHECK(error == nullptr);
    MHPBR_FUZZ_CHECK(response != nullptr);
    Response parsed;
    MHPBR_FUZZ_CHECK(
        parsed.ParseFromArray(response, static_cast<int>(response_size)));
  } else {
    MHPBR_FUZZ_CHECK(error != nullptr && std::strlen(error) > 0);
    MHPBR_FUZZ_CHECK(response == nullptr && response_size == 0);
  }
  mhpbr_free(response);
  mhpbr_free(error);
}

using JsonFn = mhpbr_code (*)(const mhpbr_rules*, const char*, size_t, char**,
                              size_t*, char**);

// The JSON form: on MHPBR_OK a NUL-terminated response that parses as the
// promised message's JSON.
template <typename Response>
void CallJson(JsonFn fn, const mhpbr_rules* rules, const uint8_t* data,
              size_t size) {
  char* response = reinterpret_cast<char*>(1);
  size_t response_size = 12345;
  char* error = reinterpret_cast<char*>(1);
  const mhpbr_code code =
      fn(rules, size == 0 ? nullptr : reinterpret_cast<const char*>(data),
         size, &response, &response_size, &error);
  if (code == MHPBR_OK) {
    MHPBR_FUZZ_CHECK(error == nullptr && response != nullptr);
    MHPBR_FUZZ_CHECK(std::strlen(response) == response_size);
    Response parsed;
    MHPBR_FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(
                         std::string(response, response_size), &parsed)
                         .ok());
  } else {
    MHPBR_FUZZ_CHECK(error != nullptr && std::strlen(error) > 0);
    MHPBR_FUZZ_CHECK(response == nullptr && response_size == 0);
  }
  mhpbr_free(response);
  mhpbr_free(error);
}

// No call prints (mhpbr.h): any log protobuf lets through is a failure.
void NoLogging(google::protobuf::LogLevel, const char* file, int line,
               const std::string& message) {
  std::fprintf(stderr, "a C API call printed (%s:%d): %s\n", file, line,
               message.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const bool logging_checked = [] {
    google::protobuf::SetLogHandler(&NoLogging);
    return true;
  }();
  (void)logging_checked;
  static mhpbr_rules* rules = [] {
    mhpbr_rules* r = nullptr;
    if (mhpbr_rules_load_default(&r, nullptr) != MHPBR_OK) std::abort();
    return r;
  }();
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  switch (data[0] % 9) {
    case 0:
      Call<mhpbr::v1::PeriodResponse>(mhpbr_periods_build, rules, body, n);
      break;
    case 1:
      Call<mhpbr::v1::Statement>(mhpbr_price, rules, body, n);
      break;
    case 2:
      Call<mhpbr::v1::CostResponse>(mhpbr_cost, rules, body, n);
      break;
    case 3:
      Call<mhpbr::v1::TariffResponse>(mhpbr_set_tariffs, rules, body, n);
      break;
    case 4:
      Call<mhpbr::v1::PackageCostResponse>(mhpbr_package_cost, rules, body, n);
      break;
    case 5:
      Call<mhpbr::v1::PlanResponse>(mhpbr_package_plan, rules, body, n);
      break;
    case 7:
      Call<mhpbr::v1::ReportResponse>(mhpbr_report_build, rules, body, n);
      break;
    case 8: {
      if (n < 1) break;
      const uint8_t* json = body + 1;
      const size_t m = n - 1;
      switch (body[0] % 7) {
        case 0:
          CallJson<mhpbr::v1::PeriodResponse>(mhpbr_periods_build_json, rules,
                                              json, m);
          break;
        case 1:
          CallJson<mhpbr::v1::Statement>(mhpbr_price_json, rules, json, m);
          break;
        case 2:
          CallJson<mhpbr::v1::CostResponse>(mhpbr_cost_json, rules, json, m);
          break;
        case 3:
          CallJson<mhpbr::v1::TariffResponse>(mhpbr_set_tariffs_json, rules,
                                              json, m);
          break;
        case 4:
          CallJson<mhpbr::v1::PackageCostResponse>(mhpbr_package_cost_json,
                                                   rules, json, m);
          break;
        case 5:
          CallJson<mhpbr::v1::PlanResponse>(mhpbr_package_plan_json, rules,
                                            json, m);
          break;
        default:
          CallJson<mhpbr::v1::ReportResponse>(mhpbr_report_build_json, rules,
                                              json, m);
          break;
      }
      break;
    }
    default: {
      mhpbr_rules* r = nullptr;
      char* error = nullptr;
      const mhpbr_code code = mhpbr_rules_load_text(
          reinterpret_cast<const char*>(body), n, &r, &error);
      MHPBR_FUZZ_CHECK((code == MHPBR_OK) == (r != nullptr));
      MHPBR_FUZZ_CHECK((code == MHPBR_OK) == (error == nullptr));
      if (r != nullptr) {
        mhpbr_classifier* c = nullptr;
        MHPBR_FUZZ_CHECK(mhpbr_classifier_create(r, &c, nullptr) == MHPBR_OK);
        mhpbr_rules_destroy(r);  // the classifier keeps its own reference
        mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
        for (int i = 0; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = i % 5;
        mhpbr_result res = MHPBR_RESULT_INIT;
        MHPBR_FUZZ_CHECK(mhpbr_classify(c, &a, &res, nullptr) == MHPBR_OK);
        mhpbr_classifier_destroy(c);
      }
      mhpbr_free(error);
      break;
    }
  }
  return 0;
}
