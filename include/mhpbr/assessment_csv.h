// Reading MHCT assessments from CSV, the `mhpbr classify` input:
// `assessment_id`, `date`, `r1`..`r7`, either `r8` or `r8a`..`r8j`,
// `r9`..`r13`, `ra`..`re`; optional `patient_id`, `organic`, `psychosis`
// (`y`, `n` or empty), `allocated_cluster`, `team` and `clinician`.
// Columns are found by header name in any order; others are ignored. A
// rating cell is 0-4, 9 or empty (not known).
//
//   auto reader = mhpbr::AssessmentCsvReader::Open(file, "in.csv");
//   if (!reader.ok()) ...                  // unreadable or missing columns
//   mhpbr::AssessmentRow row;
//   while ((*reader)->Next(&row)) {
//     if (!row.error.empty()) { reject row.line, row.record.assessment_id }
//     else classify row.record.ratings
//   }

#ifndef MHPBR_ASSESSMENT_CSV_H_
#define MHPBR_ASSESSMENT_CSV_H_

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mhpbr/assessment_record.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/item.h"
#include "mhpbr/mhct_ratings.h"

namespace mhpbr {

struct AssessmentRow {
  AssessmentRecord record;
  // 1-based line the row starts on (the header is line 1).
  int64_t line = 0;
  // Empty when the row is good; else every problem found, "; "-joined, each
  // naming its column.
  std::string error;
};

class AssessmentCsvReader {
 public:
  // Reads the header. Fails when the file is empty, the header malformed,
  // or a required column is missing (all missing columns are named).
  static absl::StatusOr<std::unique_ptr<AssessmentCsvReader>> Open(
      std::FILE* file, std::string name);

  // Reads the next row into *row; false at the end of input.
  bool Next(AssessmentRow* row);

  // Whether the header has a `team` (`clinician`) column.
  bool has_team() const { return team_ >= 0; }
  bool has_clinician() const { return clinician_ >= 0; }

  // Not OK when the file could not be read to the end.
  const absl::Status& io_status() const { return csv_.io_status(); }

  // For reading rows on several threads (csv_blocks.h): the bytes read
  // past the header but not parsed (this reader is then at the end), and a
  // reader with this header's columns of the rows in `rows` and then, when
  // `file` is not null, in the rest of `file`.
  CsvBlock TakeUnparsed() { return csv_.TakeUnparsed(); }
  std::unique_ptr<AssessmentCsvReader> ForRows(std::FILE* file,
                                               CsvBlock rows) const;

 private:
  AssessmentCsvReader(std::FILE* file, std::string name)
      : csv_(file, std::move(name)) {}
  AssessmentCsvReader(std::FILE* file, std::string name, CsvBlock rows)
      : csv_(file, std::move(name), std::move(rows)) {}

  CsvReader csv_;
  CsvRecord rec_;
  size_t width_ = 0;
  int id_ = -1, patient_ = -1, date_ = -1, organic_ = -1, psychosis_ = -1,
      allocated_ = -1, team_ = -1, clinician_ = -1;
  std::array<int, kItemCount> item_col_{};
  std::array<int, kItem8TypeCount> type_col_{};
  bool has_types_ = false;
};

}  // namespace mhpbr

#endif  // MHPBR_ASSESSMENT_CSV_H_
