// Reading costing inputs (formats.md, `mhpbr cost`):
// - unit costs in text format of mhpbr.v1.UnitCosts; a duplicate code or
//   bad rate fails the whole file;
// - activity `activity_id,patient_id,date,kind,staff_group,minutes,ward,
//   count,attendees,cost_pence`, read row by row: a kind uses only its own
//   cells (contact: staff_group, minutes; group: also attendees, empty = 1;
//   bed_day: ward, count; other: cost_pence), and a bad row is rejected.
//   An optional `element_id` column names the care-package element a
//   record delivered, and an optional `team` (or `provider`) column who
//   gave the care; optional `provider` and `commissioner` columns fill
//   the record's provider and commissioner.
//   An optional `setting` column (`admitted`, `community`, empty = by
//   kind) says where the care was given (pay_setting.h).

#ifndef MHPBR_COSTING_IO_H_
#define MHPBR_COSTING_IO_H_

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/activity.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/tariff_evidence.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

absl::StatusOr<UnitCosts> ParseUnitCostsText(absl::string_view text,
                                             absl::string_view source_name);
absl::StatusOr<UnitCosts> LoadUnitCostsFile(const std::string& path);

class ActivityCsvReader {
 public:
  static absl::StatusOr<std::unique_ptr<ActivityCsvReader>> Open(
      std::FILE* file, std::string name);
  // Checks the shape of each row (numbers, dates, kinds); whether a staff
  // group or ward is known is for RecordCost to say.
  bool Next(InputRow<ActivityRecord>* row);
  const absl::Status& io_status() const { return csv_.io_status(); }

  // For reading rows on several threads (csv_blocks.h): a reader with this
  // header's columns of the rows in `rows` and then, when `file` is not
  // null, in the rest of `file`.
  std::unique_ptr<ActivityCsvReader> ForRows(std::FILE* file,
                                             CsvBlock rows) const;

 private:
  ActivityCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  ActivityCsvReader(std::FILE* file, std::string name, CsvBlock rows)
      : csv_(file, std::move(name), std::move(rows)) {}
  CsvReader csv_;
  CsvRecord rec_;
  size_t width_ = 0;  // the header's columns
  int id_ = -1, patient_ = -1, date_ = -1, kind_ = -1, staff_ = -1,
      minutes_ = -1, ward_ = -1, count_ = -1, attendees_ = -1, cost_ = -1,
      element_ = -1, team_ = -1, provider_ = -1, commissioner_ = -1,
      setting_ = -1;
};

// Reads the samples of a reference year's costed periods (a `mhpbr cost`
// output: `cluster`, `days`, `cost_pence`, optional `patient_id` as the
// row's id) for tariff setting. A sample outside the limits within which
// SetTariffs promises exact arithmetic (days 0-100000, cost 0-10^13
// pence) is rejected naming its line.
class CostSampleCsvReader {
 public:
  static absl::StatusOr<std::unique_ptr<CostSampleCsvReader>> Open(
      std::FILE* file, std::string name);
  bool Next(InputRow<CostSample>* row);
  const absl::Status& io_status() const { return csv_.io_status(); }
  // The last row's period as `patient_id,cluster,start,end`, each cell
  // trimmed (what a `mhpbr cost --by-setting` row is matched on); empty
  // when the file lacks one of those columns.
  std::string PeriodKey() const;

 private:
  CostSampleCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  CsvReader csv_;
  CsvRecord rec_;
  int cluster_ = -1, days_ = -1, cost_ = -1, patient_ = -1, start_ = -1,
      end_ = -1;
};

// A row of `mhpbr cost --by-setting`: a period, as its PeriodKey, and its
// days and cost by setting.
struct PeriodSettingSplit {
  std::string key;
  int64_t days = 0;
  SettingSplit split;
};

// Reads `patient_id,cluster,start,end,days,admitted_days,community_days,
// admitted_pence,community_pence`, rejecting a row whose numbers are not
// whole and >= 0 or whose days do not add up.
class SettingSplitCsvReader {
 public:
  static absl::StatusOr<std::unique_ptr<SettingSplitCsvReader>> Open(
      std::FILE* file, std::string name);
  bool Next(InputRow<PeriodSettingSplit>* row);
  const absl::Status& io_status() const { return csv_.io_status(); }

 private:
  SettingSplitCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  CsvReader csv_;
  CsvRecord rec_;
  int patient_ = -1, cluster_ = -1, start_ = -1, end_ = -1, days_ = -1,
      admitted_days_ = -1, community_days_ = -1, admitted_pence_ = -1,
      community_pence_ = -1;
};

}  // namespace mhpbr

#endif  // MHPBR_COSTING_IO_H_
