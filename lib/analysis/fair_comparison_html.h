// The fair comparison part of the report's outcomes section (outcomes.md,
// "Fair comparison"): the funnel plot inline and the by-unit table, kept
// apart from report.cc, which calls it.

#ifndef MHPBR_LIB_ANALYSIS_FAIR_COMPARISON_HTML_H_
#define MHPBR_LIB_ANALYSIS_FAIR_COMPARISON_HTML_H_

#include <string>

#include "absl/strings/string_view.h"
#include "mhpbr/fair_comparison.h"

namespace mhpbr {

// A heading, the funnel plot by `column` (e.g. "team"), the table with the
// columns of `mhpbr outcomes --by-unit`, and a note of what was left out.
std::string FairComparisonHtml(const FairComparison& f,
                               absl::string_view column);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_FAIR_COMPARISON_HTML_H_
