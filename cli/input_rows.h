// Reading a row-by-row input file with one of the library's readers
// (Open, Next(InputRow<T>*), io_status), every row accounted for in the
// ledger. The one row loop of the tool's commands.

#ifndef MHPBR_CLI_INPUT_ROWS_H_
#define MHPBR_CLI_INPUT_ROWS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "block_rows.h"
#include "mhpbr/input_row.h"
#include "mhpbr/status_macros.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Rejects the rows the reader cannot read (reasons prefixed by
// `reason_prefix`) and hands the good ones to `use`, which rejects one by
// returning an error. Fails only when the file cannot be opened or read.
// `threads` > 1 parses by blocks on that many threads (block_rows.h);
// `use` still sees every row in file order on the calling thread.
template <typename Reader, typename T>
absl::Status ForEachRow(const std::string& path,
                        absl::string_view reason_prefix, RowLedger& ledger,
                        absl::FunctionRef<absl::Status(T&)> use,
                        int threads = 1) {
  MHPBR_ASSIGN_OR_RETURN(
      auto reader,
      (BlockRows<Reader, InputRow<T>>::Open(
          path, threads, NextRow<Reader, InputRow<T>>, ShiftRowLines<T>)));
  InputRow<T> row;
  while (reader->Next(&row)) {
    absl::Status s = row.error.empty() ? use(row.value)
                                       : absl::InvalidArgumentError(row.error);
    if (s.ok()) {
      ledger.Ok();
    } else {
      ledger.Reject(row.line, row.id, absl::StrCat(reason_prefix, s.message()));
    }
  }
  return reader->io_status();
}

// Every good row, in file order; room for `expected` rows is made first.
template <typename Reader, typename T>
absl::StatusOr<std::vector<T>> ReadAllRows(const std::string& path,
                                           absl::string_view reason_prefix,
                                           RowLedger& ledger, int threads = 1,
                                           size_t expected = 0) {
  std::vector<T> rows;
  rows.reserve(expected);
  MHPBR_RETURN_IF_ERROR((ForEachRow<Reader, T>(
      path, reason_prefix, ledger,
      [&](T& value) {
        rows.push_back(std::move(value));
        return absl::OkStatus();
      },
      threads)));
  return rows;
}

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_INPUT_ROWS_H_
