#include "activity_rows.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "input_file.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/status_macros.h"

namespace mhpbr::cli {

absl::Status CostActivityRows(
    const std::string& path, absl::string_view reason_prefix,
    ActivityCoster& coster, RowLedger& ledger,
    absl::FunctionRef<void(const ActivityRecord&, const Attribution&)>
        on_costed) {
  MHPBR_ASSIGN_OR_RETURN(InputFile in, OpenInput(path));
  MHPBR_ASSIGN_OR_RETURN(std::unique_ptr<ActivityCsvReader> reader,
                         ActivityCsvReader::Open(in.get(), path));
  constexpr size_t kBatch = 64;
  std::vector<InputRow<ActivityRecord>> rows(kBatch);
  std::vector<const ActivityRecord*> good;
  std::vector<Attribution> outcomes(kBatch);
  auto flush = [&](size_t n) {
    good.clear();
    for (size_t i = 0; i < n; ++i) {
      if (rows[i].error.empty()) good.push_back(&rows[i].value);
    }
    // Cannot fail: room for every outcome, no null record.
    coster.AddBatch(good, absl::MakeSpan(outcomes)).IgnoreError();
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
      const InputRow<ActivityRecord>& row = rows[i];
      absl::string_view why;
      if (!row.error.empty()) {
        coster.CountRejected();
        why = row.error;
      } else if (const Attribution& a = outcomes[k++]; !a.status.ok()) {
        why = a.status.message();
      } else {
        ledger.Ok();
        on_costed(row.value, a);
        continue;
      }
      ledger.Reject(row.line, row.id, absl::StrCat(reason_prefix, why));
    }
  };
  size_t n = 0;
  while (reader->Next(&rows[n])) {
    if (++n == kBatch) {
      flush(n);
      n = 0;
    }
  }
  flush(n);
  return reader->io_status();
}

}  // namespace mhpbr::cli
