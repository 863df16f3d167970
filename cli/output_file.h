// The outputs of one run, written all or nothing. Each file output goes to a
// temporary file beside its target; Commit() renames them into place only
// when every output, standard output included, was written completely, and
// otherwise (or when the set is dropped, or the process is interrupted by
// SIGINT, SIGTERM, SIGHUP or SIGPIPE) removes every temporary file, so a
// failing run never leaves a half-written file, or one file of several,
// that looks complete. A path that names a device or pipe (such as
// /dev/stdout) is written in place: there is nothing to rename over it.

#ifndef MHPBR_CLI_OUTPUT_FILE_H_
#define MHPBR_CLI_OUTPUT_FILE_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mhpbr::cli {

class OutputSet {
 public:
  OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  // Removes the temporary files of a set that was not committed.
  ~OutputSet();

  // Opens an output; no path (or "-") is standard output. The stream stays
  // the set's: write to it, never close it. Two outputs naming one file are
  // an error.
  absl::StatusOr<std::FILE*> Open(const std::optional<std::string>& path);

  // Makes the directory `path` for outputs to go in unless it exists; one
  // made here is removed again (when empty) if the set is not committed.
  absl::Status MakeDirectory(const std::string& path);

  // A scratch file for a writer that takes only a file name and cannot
  // write to a stream (libxlsxwriter 1.1.4 has no memory output): made in
  // $TMPDIR (else /tmp), never put in place, and removed when the set is
  // destroyed or the process is interrupted, like the temporary files.
  absl::StatusOr<std::string> MakeScratchFile();

  // Checks every write (including the final flush and close) and renames
  // the files into place only if all succeeded; on failure removes them
  // all and names the output at fault ("standard output" for stdout).
  absl::Status Commit();

  // One output (defined in output_file.cc).
  struct Output;

 private:
  void Discard();

  std::vector<std::unique_ptr<Output>> outputs_;
  std::vector<std::string> made_directories_;
  struct Scratch {
    std::string path;
    int slot = -1;
  };
  std::vector<Scratch> scratch_files_;
  bool committed_ = false;
};

// Writes `text` to `file`; false on a short write (the set's Commit()
// reports it).
bool WriteAll(std::FILE* file, absl::string_view text);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_OUTPUT_FILE_H_
