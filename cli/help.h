// What each command takes and gives: the synopsis that follows a usage
// error on standard error, and the full help (options, inputs, outputs,
// exit codes) that `mhpbr COMMAND --help` prints on standard output.

#ifndef MHPBR_CLI_HELP_H_
#define MHPBR_CLI_HELP_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mhpbr::cli {

// Prints "mhpbr: <why>", the command's synopsis and where to find its help
// to standard error; returns the usage exit status (2).
int UsageError(absl::string_view command, absl::string_view why);

// For errors in the data (a bad catalogue, an unreadable file): the error
// only, no usage text; returns exit status 2.
int DataError(const absl::Status& status);

// The full help of `command` ("" for the tool's own) on standard output;
// returns 0, or 2 (with a message) when standard output cannot be written.
// An unknown command is a usage error.
int PrintHelp(absl::string_view command);

// Writes `text` to standard output and checks it arrived; the exit status.
int PrintToStdout(absl::string_view text);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_HELP_H_
