// Parsing protobuf text format with errors a person can act on: the source
// name, line and column. Every text-format input (rule sets, contracts,
// unit costs, catalogues) goes through here.

#ifndef MHPBR_LIB_CODEC_TEXT_PROTO_H_
#define MHPBR_LIB_CODEC_TEXT_PROTO_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace mhpbr {

// Unknown fields are errors: a misspelt field must not be silently ignored.
absl::Status ParseTextProto(absl::string_view text,
                            absl::string_view source_name,
                            google::protobuf::Message* message);

std::string PrintTextProto(const google::protobuf::Message& message);

// Reads a whole file; errors name the path.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_TEXT_PROTO_H_
