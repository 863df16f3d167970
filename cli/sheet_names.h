// Names Excel accepts for a workbook's sheets: at most 31 characters, none
// of []:*?/\, not starting or ending with an apostrophe, not "History"
// (Excel keeps it for itself), and unique ignoring case.

#ifndef MHPBR_CLI_SHEET_NAMES_H_
#define MHPBR_CLI_SHEET_NAMES_H_

#include <string>
#include <vector>

namespace mhpbr::cli {

// One valid name per wanted name, in order: forbidden characters become
// '_', long names are cut to 31 characters, and a name already taken gets
// " (2)", " (3)", ... (cut further to make room).
std::vector<std::string> ExcelSheetNames(
    const std::vector<std::string>& wanted);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_SHEET_NAMES_H_
