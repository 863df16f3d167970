// Reading the national data set's shape: MHSDS-style CSV extracts of the
// clustering tables (mhsds.md), turned into the same events and assessments
// as the plain CSV inputs, so an analyst can point the tool at an extract.
//
//   MHS803CareCluster   -> period events (ReadMhs803)
//   MHS801ClusterTool + MHS802ClusterAssess + an item map
//                       -> MHCT assessments (ReadMhs801And802)
//
// The SNOMED CT concept of each MHCT item is not reproduced here: the item
// map is data a trust supplies, a CSV `concept_id,item` with items `1`-`13`,
// `8`, `8A`-`8J` or `A`-`E`.
//
// Row problems are returned as rejects (file, line, id, reason) and never
// stop the read; only an unreadable file or missing columns fail the call.
// Columns are found through an MhsdsColumnMap (case-insensitive, aliases in
// order); the overloads without one use MhsdsColumnMap::Default().
//
// Only the adult mental health clustering tool is classified: rows of the
// other tool categories (MHS801 `ClustCat` 02-06; MHS803 rows with only an
// LD or forensic final cluster) are counted by category, never rejected.

#ifndef MHPBR_MHSDS_H_
#define MHPBR_MHSDS_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/mhsds_columns.h"
#include "mhpbr/period_event.h"

namespace mhpbr {

struct RowReject {
  std::string file;
  int64_t line = 0;
  std::string id;
  std::string reason;
};

struct MhsdsEvents {
  // Allocations and derived discharges, in extract row order.
  std::vector<PeriodEvent> events;
  std::vector<RowReject> rejects;
  int64_t rows_read = 0;
  // `provider` when the extract has `OrgIDProv`, `commissioner` when it has
  // `OrgIDComm` (mhsds.md: organisation fields kept where present).
  EventUnitColumns columns;
  // Rows of another clustering tool by category ("03" learning
  // disabilities, "04" forensic, "05" forensic learning disabilities): an
  // empty `AMHCareClustCodeFin` beside an `LDCareClustCodeFin`,
  // `FMHCareClustCodeFin` or `FLDCareClustCodeFin`. They give no events.
  std::map<std::string, int64_t> tool_categories = {};
};

// Each MHS803 row allocates `AMHCareClustCodeFin` (`00`-`21`) on
// `StartDateCareClust` (id `ClustId`, patient `LocalPatientId`). A set
// `EndDateCareClust` also discharges on that date unless another row of
// the same patient starts on that date or the day after, so extracts that
// record the end as the last day and those that record it as the next
// period's start give the same periods. The row's `OrgIDProv` and
// `OrgIDComm`, when the extract has them, are the provider and
// commissioner of its allocation (not of the discharge).
absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file,
                                       const std::string& name);
// The same with the MHS801 extract (`tool_file`) beside it: a row's patient
// when the MHS803 has no `LocalPatientId` or the row's is empty, and its
// provider when its `OrgIDProv` is empty or absent, are those of the MHS801
// row of the same `ClustId`; a row whose patient is still not found is
// rejected (`no_patient`).
absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file, const std::string& name,
                                       std::FILE* tool_file,
                                       const std::string& tool_name);
absl::StatusOr<MhsdsEvents> ReadMhs803(std::FILE* file, const std::string& name,
                                       std::FILE* tool_file,
                                       const std::string& tool_name,
                                       const MhsdsColumnMap& columns);

// An MHCT item as the item map names it.
struct MappedItem {
  enum class Form : uint8_t { kRow, kItem8Single, kItem8Type };
  Form form = Form::kRow;
  Item item = Item::kAggression;        // kRow
  Item8Type type = Item8Type::kPhobic;  // kItem8Type
};
using ItemMap = absl::flat_hash_map<std::string, MappedItem>;

// Fails (naming the line) on a bad item code or a concept listed twice.
absl::StatusOr<ItemMap> ReadItemMap(std::FILE* file, const std::string& name);

struct MhsdsAssessment {
  AssessmentRecord record;
  int64_t line = 0;  // its MHS801 line
};

struct MhsdsAssessments {
  // The accepted assessments, in MHS801 order.
  std::vector<MhsdsAssessment> assessments;
  std::vector<RowReject> rejects;
  int64_t rows_read = 0;  // MHS801 and MHS802 rows together
  // MHS801 rows of another clustering tool (`ClustCat` "02"-"06") by
  // category; they and their MHS802 ratings are read but not classified.
  std::map<std::string, int64_t> tool_categories = {};
};

// One assessment per MHS801 row (`ClustId`, `LocalPatientId`,
// `AssToolCompDate`, optional `AMHCareClustCodeInit`), rated by the MHS802
// rows with its `ClustId` (`CodedAssToolType` through the item map,
// `PersScore`). An MHS802 row whose concept is not in the map, whose rating
// is invalid, that rates an item twice or whose ClustId has no MHS801 row is
// rejected; an MHS801 row with a bad date or cluster, a duplicate ClustId,
// or item 8 given both as one rating and by type is rejected.
absl::StatusOr<MhsdsAssessments> ReadMhs801And802(
    std::FILE* tool_file, const std::string& tool_name, std::FILE* ratings_file,
    const std::string& ratings_name, const ItemMap& item_map);
// `ClustCat`, when the extract has it: `01` or empty is the adult tool,
// classified; `02`-`06` counted in tool_categories (their MHS802 rows are
// read, not rejected, not used); any other value is rejected (`clust_cat`).
absl::StatusOr<MhsdsAssessments> ReadMhs801And802(
    std::FILE* tool_file, const std::string& tool_name, std::FILE* ratings_file,
    const std::string& ratings_name, const ItemMap& item_map,
    const MhsdsColumnMap& columns);

}  // namespace mhpbr

#endif  // MHPBR_MHSDS_H_
