// A stream of bytes already read and then the rest of a file, so that a
// library reader (which takes a FILE*) can read a block of records with
// the file's header in front, or go on where a block splitter stopped.

#ifndef MHPBR_CLI_TEXT_THEN_FILE_H_
#define MHPBR_CLI_TEXT_THEN_FILE_H_

#include <cstdio>
#include <memory>
#include <string>

namespace mhpbr::cli {

struct StreamCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using Stream = std::unique_ptr<std::FILE, StreamCloser>;

// A read-only stream of `text` and then, when `rest` is not null, what
// `rest` still holds (`rest` must outlive it and is not closed with it).
// Null only when the C library cannot make a stream.
Stream OpenTextThenFile(std::string text, std::FILE* rest);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_TEXT_THEN_FILE_H_
