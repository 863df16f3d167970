// The byte-level work under BlockRows (block_rows.h): reading a regular
// file's header line, finding line starts and counting lines in a byte
// range with pread (so threads share one descriptor without a shared file
// offset), and a FILE* that yields the header and then the file from a
// given offset, so that each block is parsed by an ordinary reader.

#ifndef MHPBR_CLI_BLOCK_READER_IO_H_
#define MHPBR_CLI_BLOCK_READER_IO_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace mhpbr::cli {

// The file's first line through its '\n', when the descriptor is a
// regular file whose first line has no double quote (a quoted header could
// span lines); none when the input is to be read in one stream.
std::optional<std::string> PlainHeaderLine(int fd, int64_t* file_size);

// The first line start at or after `pos` (the byte after a '\n' at or
// after pos - 1), or `size` when none.
absl::StatusOr<int64_t> LineStartAtOrAfter(int fd, int64_t pos, int64_t size);

// The number of '\n' bytes in [from, to).
absl::StatusOr<int64_t> CountNewlines(int fd, int64_t from, int64_t to);

// The offset just after the `lines`-th '\n' at or after `from`, or `size`.
absl::StatusOr<int64_t> SkipLines(int fd, int64_t from, int64_t lines,
                                  int64_t size);

// A read-only stream of `header` followed by the file's bytes from `from`
// on; `header` must outlive it. Close with fclose.
std::FILE* OpenHeaderAndTail(int fd, const std::string& header, int64_t from);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_BLOCK_READER_IO_H_
