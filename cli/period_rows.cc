#include "period_rows.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "input_rows.h"
#include "mhpbr/pricing_io.h"

namespace mhpbr::cli {

absl::StatusOr<std::vector<PeriodToPrice>> ReadPeriodRows(
    const std::string& path, RowLedger& ledger, int threads) {
  // Room for as many periods as the file holds at a short line each
  // (`P0000001,5,2023-01-31,,T001` is 28 bytes): growing by doubling
  // moved a national year's 3 M periods about twice over. Room never
  // filled is never touched, so costs no memory; the cap keeps a huge
  // file's guess within what can be reserved.
  constexpr uintmax_t kShortLine = 24, kMostReserved = uintmax_t{1} << 24;
  std::error_code error;
  const uintmax_t bytes = std::filesystem::file_size(path, error);
  const size_t expected =
      error ? 0
            : static_cast<size_t>(std::min(bytes / kShortLine, kMostReserved));
  return ReadAllRows<PeriodToPriceCsvReader, PeriodToPrice>(
      path, absl::StrCat(path, ": "), ledger, threads, expected);
}

}  // namespace mhpbr::cli
