// The C API's rich calls: serialized mhpbr.v1 requests in, serialized
// responses out.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/rich_runs.h"
#include "google/protobuf/stubs/logging.h"
#include "mhpbr.h"

namespace {

using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;

// Serializes a response into a malloc'd buffer the caller frees with
// mhpbr_free.
mhpbr_code HandOutMessage(const google::protobuf::MessageLite& message,
                          void** out, size_t* out_size, char** error) {
  const size_t size = message.ByteSizeLong();
  void* buf = std::malloc(size == 0 ? 1 : size);
  if (buf == nullptr) {
    return Report(absl::ResourceExhaustedError("out of memory"), error);
  }
  if (!message.SerializeToArray(buf, static_cast<int>(size))) {
    std::free(buf);
    return Report(absl::InternalError("response did not serialize"), error);
  }
  *out = buf;
  *out_size = size;
  return Ok(error);
}

// The shape every rich call shares: check arguments, parse the request,
// run the stage, hand out the serialized response.
template <typename Request, typename Stage>
mhpbr_code RichCall(const mhpbr_rules* rules, const void* request,
                    size_t request_size, void** response, size_t* response_size,
                    char** error, absl::string_view request_name, Stage stage) {
  if (response == nullptr) return Invalid(error, "response is NULL");
  *response = nullptr;
  if (response_size == nullptr) return Invalid(error, "response_size is NULL");
  *response_size = 0;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (request == nullptr && request_size > 0) {
    return Invalid(error, "request is NULL");
  }
  if (request_size > static_cast<size_t>(INT32_MAX)) {
    return Invalid(error, "request is larger than 2 GiB");
  }
  // No call prints: protobuf would log a request's invalid UTF-8 to
  // standard error before the parse fails.
  const google::protobuf::LogSilencer silence;
  Request req;
  if (!req.ParseFromArray(request, static_cast<int>(request_size))) {
    return Invalid(error,
                   absl::StrCat("request is not a serialized ", request_name));
  }
  auto res = stage(*rules->rules, req);
  if (!res.ok()) return Report(res.status(), error);
  return HandOutMessage(*res, response, response_size, error);
}

}  // namespace

extern "C" {

mhpbr_code mhpbr_periods_build(const mhpbr_rules* rules, const void* request,
                               size_t request_size, void** response,
                               size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::PeriodRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.PeriodRequest", mhpbr::capi::RunPeriods);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_price(const mhpbr_rules* rules, const void* request,
                       size_t request_size, void** response,
                       size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::PriceRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.PriceRequest", mhpbr::capi::RunPricing);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_cost(const mhpbr_rules* rules, const void* request,
                      size_t request_size, void** response,
                      size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::CostRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.CostRequest", mhpbr::capi::RunCosting);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_set_tariffs(const mhpbr_rules* rules, const void* request,
                             size_t request_size, void** response,
                             size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::TariffRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.TariffRequest", mhpbr::capi::RunTariffSetting);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_package_cost(const mhpbr_rules* rules, const void* request,
                              size_t request_size, void** response,
                              size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::PackageCostRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.PackageCostRequest", mhpbr::capi::RunPackageCosting);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_package_plan(const mhpbr_rules* rules, const void* request,
                              size_t request_size, void** response,
                              size_t* response_size, char** error) {
  MHPBR_C_TRY
  return RichCall<mhpbr::v1::PlanRequest>(
      rules, request, request_size, response, response_size, error,
      "mhpbr.v1.PlanRequest", mhpbr::capi::RunPlan);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
