// `mhpbr classify --in`: the rows of an assessments file classified, on one
// thread or several (--threads). With several, the file is cut into blocks
// of whole records (csv_blocks.h) that workers parse, classify and format
// on their own, and the blocks' rows and rejects are written in input
// order, so outputs, rejects and line numbers are those of one thread.

#ifndef MHPBR_CLI_CLASSIFY_ROWS_H_
#define MHPBR_CLI_CLASSIFY_ROWS_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dated_classifier.h"
#include "row_bytes.h"
#include "row_ledger.h"

namespace mhpbr::cli {

// Writes one row per accepted assessment to `out` and accounts for every
// row in `ledger`. `reader` has read the header of `file` (called `name`).
// Fails (and then nothing may be kept) when `file` cannot be read to the
// end.
absl::Status ClassifyRows(AssessmentCsvReader& reader, std::FILE* file,
                          const std::string& name,
                          const DatedClassifier& classifiers, int threads,
                          CsvWriter& out, RowLedger& ledger);

// One output row of `mhpbr classify`, appended to `rows` as CsvWriter
// would write it.
void AppendClassifiedRow(const RuleSet& rules, const AssessmentRecord& rec,
                         const Classification& c, RowBytes* rows);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_CLASSIFY_ROWS_H_
