// Accounts for every input row of a subcommand: read, ok or rejected (with
// the rejects file's `line,id,reason` row and a line on standard error),
// shows progress (progress.h: on a terminal, unless told), and ends with the
// summary line `N read, N ok, N rejected` and the exit status of formats.md.

#ifndef MHPBR_CLI_ROW_LEDGER_H_
#define MHPBR_CLI_ROW_LEDGER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "mhpbr/csv_writer.h"
#include "output_file.h"
#include "progress.h"

namespace mhpbr::cli {

// Exit statuses.
inline constexpr int kExitDone = 0;
inline constexpr int kExitStrictRejects = 1;
inline constexpr int kExitUsage = 2;

class RowLedger {
 public:
  // `rejects_path` none: rejects go to standard error only. The rejects
  // file is one of `outputs`, which Finish() commits.
  static absl::StatusOr<std::unique_ptr<RowLedger>> Open(
      OutputSet& outputs, const std::optional<std::string>& rejects_path,
      bool strict);

  void Ok() {
    ++read_;
    ++ok_;
    Tick();
  }
  // Accepts n rows at once (rows read in bulk, such as an extract's).
  void Ok(int64_t n) {
    read_ += n;
    ok_ += n;
    progress_->Tick(n);
  }
  // --progress / --no-progress (the default shows it on a terminal only).
  void SetProgress(ProgressMode mode) {
    progress_ = std::make_unique<Progress>(mode);
  }
  void Reject(int64_t line, absl::string_view id, absl::string_view reason);
  // Ok() when `status` is, else a reject whose reason is `prefix` and the
  // status's message (how a costed row's Attribution is accounted).
  void Account(int64_t line, absl::string_view id, const absl::Status& status,
               absl::string_view prefix) {
    if (status.ok()) {
      Ok();
    } else {
      Reject(line, id, absl::StrCat(prefix, status.message()));
    }
  }
  // Rejects a row already counted ok: one a later stage finds it cannot
  // use (a period whose commissioner has no contract).
  void RejectAccepted(int64_t line, absl::string_view id,
                      absl::string_view reason) {
    --read_;
    --ok_;
    Reject(line, id, reason);
  }

  int64_t read() const { return read_; }
  int64_t ok() const { return ok_; }
  int64_t rejected() const { return rejected_; }

  // Commits every output of the run (all or nothing), prints the summary;
  // returns the exit status. When an output fails, none is kept, the error
  // is printed in place of the summary and the status is kExitUsage.
  int Finish();

 private:
  RowLedger(OutputSet& outputs, std::FILE* rejects, bool strict);
  void Tick() { progress_->Tick(); }

  OutputSet& outputs_;
  std::unique_ptr<CsvWriter> rejects_;
  bool strict_;
  int64_t read_ = 0, ok_ = 0, rejected_ = 0;
  // Rejects echoed to standard error before it would flood the terminal.
  int64_t echoed_ = 0;
  std::unique_ptr<Progress> progress_;
};

// Prints "mhpbr: <message>" to standard error.
void PrintError(absl::string_view message);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ROW_LEDGER_H_
