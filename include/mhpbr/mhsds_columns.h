// The column names of the MHSDS tables as shipped (mhsds.md), as data: for
// each table and field mhpbr reads, the header names that may carry it, in
// order (first found wins). Names follow the MHSDS Technical Output
// Specification v4.1, v5.0 and v6.0 (Enhanced TOS), as used in NHS
// England's public processing code; headers are matched case-insensitively
// because v6 respells some of them (`ServiceRequestID`).
//
// A trust whose extract names a column differently extends the map with a
// CSV `table,field,column` (`--mhsds-columns FILE`): its columns for a field
// are tried before the compiled-in ones, in file order.

#ifndef MHPBR_MHSDS_COLUMNS_H_
#define MHPBR_MHSDS_COLUMNS_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/csv_reader.h"

namespace mhpbr {

struct MhsdsColumnAliases {
  std::string table;                 // "MHS201", "MHS101", "MHS801", ...
  std::string field;                 // mhpbr's name for it: "date", "team"
  std::vector<std::string> columns;  // header names, first found wins
};

class MhsdsColumnMap {
 public:
  // The compiled-in names (mhsds.md's tables).
  static const MhsdsColumnMap& Default();

  // Default() extended by a CSV `table,field,column`; fails, naming the
  // line, on a table or field mhpbr does not read or an empty column.
  static absl::StatusOr<MhsdsColumnMap> Read(std::FILE* file,
                                             const std::string& name);

  // The names tried for a field, in order; empty if mhpbr has no such field.
  const std::vector<std::string>& Columns(absl::string_view table,
                                          absl::string_view field) const;
  const std::vector<MhsdsColumnAliases>& entries() const { return entries_; }

 private:
  std::vector<MhsdsColumnAliases> entries_;
};

// The index of `name` in a header, ignoring ASCII case; -1 when absent.
int FindColumnNoCase(const std::vector<std::string>& header,
                     absl::string_view name);

// Finding one table's fields in a CSV header through the map, with one error
// naming every missing field (by its aliases).
class MhsdsColumns {
 public:
  MhsdsColumns(const CsvReader& csv, const MhsdsColumnMap& map,
               absl::string_view table)
      : csv_(csv), map_(map), table_(table) {}

  // The column's index; notes it as missing (-1) when no alias is present.
  int Required(absl::string_view field);
  int Optional(absl::string_view field) const;
  absl::Status Check() const;

 private:
  const CsvReader& csv_;
  const MhsdsColumnMap& map_;
  std::string table_;
  std::vector<std::string> missing_;
};

}  // namespace mhpbr

#endif  // MHPBR_MHSDS_COLUMNS_H_
