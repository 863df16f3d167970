// How the C API reports: the one place an absl::Status becomes a C code and
// a message the caller frees, and the guard that keeps anything thrown
// (std::bad_alloc is the one that can happen) from crossing the boundary.
// Internal to capi/.

#ifndef MHPBR_CAPI_C_STATUS_H_
#define MHPBR_CAPI_C_STATUS_H_

#include <cstdlib>
#include <cstring>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mhpbr.h"

namespace mhpbr::capi {

inline char* CopyString(absl::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

// The one place an absl::Status becomes a C code and message.
inline mhpbr_code Report(const absl::Status& status, char** error) {
  if (error != nullptr) {
    *error = status.ok() ? nullptr : CopyString(status.message());
  }
  return static_cast<mhpbr_code>(status.code());
}

inline mhpbr_code Ok(char** error) {
  if (error != nullptr) *error = nullptr;
  return MHPBR_OK;
}

inline mhpbr_code Invalid(char** error, absl::string_view message) {
  return Report(absl::InvalidArgumentError(message), error);
}

#define MHPBR_C_TRY try {
#define MHPBR_C_CATCH(error)                                      \
  }                                                               \
  catch (const std::bad_alloc&) {                                 \
    return ::mhpbr::capi::Report(                                 \
        absl::ResourceExhaustedError("out of memory"), error);    \
  }                                                               \
  catch (...) {                                                   \
    return ::mhpbr::capi::Report(                                 \
        absl::InternalError("unexpected internal error"), error); \
  }

}  // namespace mhpbr::capi

#endif  // MHPBR_CAPI_C_STATUS_H_
