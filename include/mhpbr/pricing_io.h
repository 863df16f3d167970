// Reading pricing inputs (formats.md, `mhpbr price`):
// - a tariff CSV `cluster,basis,price_pence[,social_care_ppm]`: any bad
//   row fails the whole file, since pricing from part of a tariff would
//   leave periods silently unpriced;
//   optional `admitted_price_pence,community_price_pence` (per day, both
//   or neither, basis day only) price days by setting (pay_setting.h);
//   optional `effective_from,effective_to` (ISO dates, empty = open) date
//   the rows (tariff_schedule.h): a cluster's rows must not overlap, an
//   error naming both rows' lines;
// - a contract in text format of mhpbr.v1.Contract, validated;
// - periods `patient_id,cluster,start,end` (empty end = open) and one-offs
//   `item,count,price_pence`, read row by row with bad rows rejected;
//   optional columns `commissioner` and `provider` (periods) and
//   `commissioner` (one-offs) name who pays and who provides.

#ifndef MHPBR_PRICING_IO_H_
#define MHPBR_PRICING_IO_H_

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/contract.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

absl::StatusOr<TariffSchedule> ReadTariffCsv(std::FILE* file,
                                             const std::string& name);

absl::StatusOr<Contract> ParseContractText(absl::string_view text,
                                           absl::string_view source_name);
absl::StatusOr<Contract> LoadContractFile(const std::string& path);

class PeriodToPriceCsvReader {
 public:
  static absl::StatusOr<std::unique_ptr<PeriodToPriceCsvReader>> Open(
      std::FILE* file, std::string name);
  bool Next(InputRow<PeriodToPrice>* row);
  const absl::Status& io_status() const { return csv_.io_status(); }

 private:
  PeriodToPriceCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  CsvReader csv_;
  CsvRecord rec_;
  int patient_ = -1, cluster_ = -1, start_ = -1, end_ = -1, commissioner_ = -1,
      provider_ = -1;
};

class OneOffCsvReader {
 public:
  static absl::StatusOr<std::unique_ptr<OneOffCsvReader>> Open(
      std::FILE* file, std::string name);
  bool Next(InputRow<OneOff>* row);
  const absl::Status& io_status() const { return csv_.io_status(); }

 private:
  OneOffCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  CsvReader csv_;
  CsvRecord rec_;
  int item_ = -1, count_ = -1, price_ = -1, commissioner_ = -1;
};

// A whole number in a cell (optional sign, digits, no spaces inside),
// within int64; errors say why.
absl::StatusOr<int64_t> ParseInteger(absl::string_view cell);

}  // namespace mhpbr

#endif  // MHPBR_PRICING_IO_H_
