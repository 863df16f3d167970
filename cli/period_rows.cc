#include "period_rows.h"

#include "absl/strings/str_cat.h"
#include "input_rows.h"
#include "mhpbr/pricing_io.h"

namespace mhpbr::cli {

absl::StatusOr<std::vector<PeriodToPrice>> ReadPeriodRows(
    const std::string& path, RowLedger& ledger, int threads) {
  return ReadAllRows<PeriodToPriceCsvReader, PeriodToPrice>(
      path, absl::StrCat(path, ": "), ledger, threads);
}

}  // namespace mhpbr::cli
