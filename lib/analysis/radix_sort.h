// Ascending sorts of a report's cost values, as std::sort leaves them but
// by radix: a national year's homogeneity table sorts 3 M costs per period
// and 3 M costs per day, and comparing extended-precision values one pair
// at a time was most of the report's closing work. Equal values are
// indistinguishable, so the sorted vector is the one std::sort gives.

#ifndef MHPBR_LIB_ANALYSIS_RADIX_SORT_H_
#define MHPBR_LIB_ANALYSIS_RADIX_SORT_H_

#include <cstdint>
#include <vector>

namespace mhpbr {

void SortAscending(std::vector<int64_t>& values);
// REQUIRES: no NaN.
void SortAscending(std::vector<long double>& values);

}  // namespace mhpbr

#endif  // MHPBR_LIB_ANALYSIS_RADIX_SORT_H_
