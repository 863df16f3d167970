// The C API's rich calls: serialized mhpbr.v1 requests in, serialized
// responses out, as binary protobuf or as protobuf's JSON mapping
// (google::protobuf::util's own, not a hand-written codec). Each call is
// one line of MHPBR_RICH_CALL below; rich_runs.cc runs it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/rich_runs.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "mhpbr.h"

namespace {

using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;

// Hands out `bytes` in a malloc'd, NUL-terminated buffer the caller frees
// with mhpbr_free; `*out_size` excludes the NUL.
mhpbr_code HandOut(const std::string& bytes, void** out, size_t* out_size,
                   char** error) {
  char* buf = static_cast<char*>(std::malloc(bytes.size() + 1));
  if (buf == nullptr) {
    return Report(absl::ResourceExhaustedError("out of memory"), error);
  }
  std::memcpy(buf, bytes.data(), bytes.size());
  buf[bytes.size()] = '\0';
  *out = buf;
  *out_size = bytes.size();
  return Ok(error);
}

enum class Wire { kBinary, kJson };

// The shape every rich call shares: check arguments, parse the request,
// run the stage, hand out the response in the request's wire form.
template <typename Request, typename Stage>
mhpbr_code RichCall(Wire wire, const mhpbr_rules* rules, const void* request,
                    size_t request_size, void** response, size_t* response_size,
                    char** error, Stage stage) {
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
  const std::string name(Request::descriptor()->full_name());
  // No call prints: protobuf would log a request's invalid UTF-8 to
  // standard error before the parse fails.
  const google::protobuf::LogSilencer silence;
  Request req;
  if (wire == Wire::kBinary) {
    if (!req.ParseFromArray(request, static_cast<int>(request_size))) {
      return Invalid(error, absl::StrCat("request is not a serialized ", name));
    }
  } else {
    const absl::string_view text(static_cast<const char*>(request),
                                 request_size);
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto parsed = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(text.data(), text.size()), &req, options);
    if (!parsed.ok()) {
      // protobuf's message names the field at fault.
      return Invalid(error, absl::StrCat("request is not the JSON of ", name,
                                         ": ", std::string(parsed.message())));
    }
  }
  auto res = stage(rules->rules, req);
  if (!res.ok()) return Report(res.status(), error);
  std::string bytes;
  if (wire == Wire::kBinary) {
    if (!res->SerializeToString(&bytes)) {
      return Report(absl::InternalError("response did not serialize"), error);
    }
  } else {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    if (!google::protobuf::util::MessageToJsonString(*res, &bytes, options)
             .ok()) {
      return Report(absl::InternalError("response did not print as JSON"),
                    error);
    }
  }
  return HandOut(bytes, response, response_size, error);
}

}  // namespace

// Defines `mhpbr_<name>` (binary) and `mhpbr_<name>_json`.
#define MHPBR_RICH_CALL(name, Request, run)                               \
  mhpbr_code mhpbr_##name(const mhpbr_rules* rules, const void* request,  \
                          size_t request_size, void** response,           \
                          size_t* response_size, char** error) {          \
    MHPBR_C_TRY                                                           \
    return RichCall<Request>(Wire::kBinary, rules, request, request_size, \
                             response, response_size, error, run);        \
    MHPBR_C_CATCH(error)                                                  \
  }                                                                       \
  mhpbr_code mhpbr_##name##_json(                                         \
      const mhpbr_rules* rules, const char* request, size_t request_size, \
      char** response, size_t* response_size, char** error) {             \
    MHPBR_C_TRY                                                           \
    void* out = nullptr;                                                  \
    const mhpbr_code code = RichCall<Request>(                            \
        Wire::kJson, rules, request, request_size,                        \
        response == nullptr ? nullptr : &out, response_size, error, run); \
    if (response != nullptr) *response = static_cast<char*>(out);         \
    return code;                                                          \
    MHPBR_C_CATCH(error)                                                  \
  }

extern "C" {

using mhpbr::capi::RunCompare;
using mhpbr::capi::RunCosting;
using mhpbr::capi::RunOutcomes;
using mhpbr::capi::RunPackageCosting;
using mhpbr::capi::RunPeriods;
using mhpbr::capi::RunPlan;
using mhpbr::capi::RunPricing;
using mhpbr::capi::RunReport;
using mhpbr::capi::RunSpcCharts;
using mhpbr::capi::RunTariffSetting;
namespace v1 = mhpbr::v1;

// The stages that need the rule set only while they run.
#define MHPBR_WITH_RULES(run) \
  [](const auto& rules, const auto& request) { return run(*rules, request); }

MHPBR_RICH_CALL(periods_build, v1::PeriodRequest, MHPBR_WITH_RULES(RunPeriods))
MHPBR_RICH_CALL(price, v1::PriceRequest, MHPBR_WITH_RULES(RunPricing))
MHPBR_RICH_CALL(cost, v1::CostRequest, MHPBR_WITH_RULES(RunCosting))
MHPBR_RICH_CALL(set_tariffs, v1::TariffRequest,
                MHPBR_WITH_RULES(RunTariffSetting))
MHPBR_RICH_CALL(package_cost, v1::PackageCostRequest,
                MHPBR_WITH_RULES(RunPackageCosting))
MHPBR_RICH_CALL(package_plan, v1::PlanRequest, MHPBR_WITH_RULES(RunPlan))
MHPBR_RICH_CALL(report_build, v1::ReportRequest, RunReport)
MHPBR_RICH_CALL(outcomes_measure, v1::OutcomesRequest,
                MHPBR_WITH_RULES(RunOutcomes))
MHPBR_RICH_CALL(compare, v1::CompareRequest, MHPBR_WITH_RULES(RunCompare))
MHPBR_RICH_CALL(spc, v1::SpcRequest, MHPBR_WITH_RULES(RunSpcCharts))

}  // extern "C"
