// The reference file of fair comparison (outcomes.md): the strata's
// `cluster,band,paired,improved`, band written as the rule set's bands name
// it (`0-10`, `11-15`, `16-20`, `21+` by default). `mhpbr outcomes
// --write-reference` writes one from this year's data and `--reference`
// reads one (last year's, or national figures). The whole file is read or
// none of it: a bad row (a cluster outside 0-21 or 9, an unknown band, a
// count that is not a whole number, improved above paired, a stratum given
// twice) fails the file naming the line and field, since comparing against
// part of the rates would be silently wrong.
//
//   absl::StatusOr<std::vector<mhpbr::ReferenceStratum>> r =
//       mhpbr::ReadReferenceCsv(file, "reference.csv", rules.outcomes());

#ifndef MHPBR_REFERENCE_STRATA_CSV_H_
#define MHPBR_REFERENCE_STRATA_CSV_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/rule_set.h"

namespace mhpbr {

// In file order. Errors read "NAME: line N: band: ...".
absl::StatusOr<std::vector<ReferenceStratum>> ReadReferenceCsv(
    std::FILE* file, const std::string& name, const OutcomeRules& rules);

// The header and one row per stratum, in the order given.
void WriteReferenceCsv(CsvWriter& out,
                       absl::Span<const ReferenceStratum> strata,
                       const OutcomeRules& rules);

}  // namespace mhpbr

#endif  // MHPBR_REFERENCE_STRATA_CSV_H_
