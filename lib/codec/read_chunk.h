// One fread for the CSV readers, with the end of the file and a failed
// read told apart and the failure named as every reader names it.

#ifndef MHPBR_LIB_CODEC_READ_CHUNK_H_
#define MHPBR_LIB_CODEC_READ_CHUNK_H_

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mhpbr {

// Reads up to `n` bytes of `file` (called `name`) into `to`; 0 at the end
// of the file, with *status set when that end is a failed read.
inline size_t ReadChunk(std::FILE* file, const std::string& name, char* to,
                        size_t n, absl::Status* status) {
  const size_t got = std::fread(to, 1, n, file);
  if (got == 0 && std::ferror(file)) {
    *status = absl::DataLossError(
        absl::StrCat(name, ": read failed (", std::strerror(errno), ")"));
  }
  return got;
}

}  // namespace mhpbr

#endif  // MHPBR_LIB_CODEC_READ_CHUNK_H_
