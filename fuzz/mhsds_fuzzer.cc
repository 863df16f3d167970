// The MHSDS extract readers over arbitrary bytes. Byte 0 picks: 0 an
// MHS803 extract (ReadMhs803), 1 an item map (ReadItemMap), 2 an item map,
// an MHS801 and an MHS802 extract separated by 0xFF bytes
// (ReadMhs801And802). Bit 2 puts each file's header first. Every MHS801
// row must come out as an assessment or a reject: none is lost.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "mhpbr/csv_reader.h"
#include "mhpbr/mhsds.h"

namespace {

constexpr char kMapHeader[] = "concept_id,item\n";
constexpr char k801Header[] =
    "ClustId,LocalPatientId,AssToolCompDate,AMHCareClustCodeInit\n";
constexpr char k802Header[] = "ClustId,CodedAssToolType,PersScore\n";
constexpr char k803Header[] =
    "ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
    "AMHCareClustCodeFin\n";

int64_t CountRecords(const std::string& text) {
  mhpbr::fuzz::MemoryFile f(text);
  mhpbr::CsvReader csv(f.get(), "count");
  if (!csv.ReadHeader().ok()) return -1;
  mhpbr::CsvRecord rec;
  int64_t n = 0;
  while (csv.Next(&rec)) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const int which = data[0] % 3;
  const bool headers = data[0] & 4;
  const absl::string_view rest(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  if (which == 0) {
    const std::string text = (headers ? k803Header : "") + std::string(rest);
    mhpbr::fuzz::MemoryFile f(text);
    auto events = mhpbr::ReadMhs803(f.get(), "mhs803.csv");
    if (!events.ok()) return 0;
    const int64_t accepted =
        events->rows_read - static_cast<int64_t>(events->rejects.size());
    MHPBR_FUZZ_CHECK(accepted >= 0);
    MHPBR_FUZZ_CHECK(events->rows_read == CountRecords(text));
    // One allocation per accepted row of the adult tool (the other tools'
    // rows are counted instead), and at most one discharge.
    int64_t allocations = 0, other_tools = 0;
    for (const mhpbr::PeriodEvent& e : events->events) {
      allocations += e.kind == mhpbr::EventKind::kAllocate;
    }
    for (const auto& [category, n] : events->tool_categories) {
      other_tools += n;
    }
    MHPBR_FUZZ_CHECK(allocations + other_tools == accepted);
    MHPBR_FUZZ_CHECK(static_cast<int64_t>(events->events.size()) <=
                     2 * accepted);
    return 0;
  }
  if (which == 1) {
    const std::string text = (headers ? kMapHeader : "") + std::string(rest);
    mhpbr::fuzz::MemoryFile f(text);
    (void)mhpbr::ReadItemMap(f.get(), "map.csv");
    return 0;
  }
  const std::vector<absl::string_view> parts = mhpbr::fuzz::SplitParts(rest, 3);
  const std::string map_text =
      (headers ? kMapHeader : "") + std::string(parts[0]);
  const std::string tool_text =
      (headers ? k801Header : "") + std::string(parts[1]);
  const std::string ratings_text =
      (headers ? k802Header : "") + std::string(parts[2]);
  mhpbr::ItemMap map;
  {
    mhpbr::fuzz::MemoryFile f(map_text);
    auto m = mhpbr::ReadItemMap(f.get(), "map.csv");
    if (m.ok()) map = *std::move(m);
  }
  mhpbr::fuzz::MemoryFile tool(tool_text);
  mhpbr::fuzz::MemoryFile ratings(ratings_text);
  auto out = mhpbr::ReadMhs801And802(tool.get(), "mhs801.csv", ratings.get(),
                                     "mhs802.csv", map);
  if (!out.ok()) return 0;
  const int64_t tool_rows = CountRecords(tool_text);
  const int64_t ratings_rows = CountRecords(ratings_text);
  MHPBR_FUZZ_CHECK(out->rows_read == tool_rows + ratings_rows);
  int64_t tool_rejects = 0;
  for (const mhpbr::RowReject& r : out->rejects) {
    tool_rejects += r.file == "mhs801.csv";
    MHPBR_FUZZ_CHECK(!r.reason.empty());
  }
  int64_t other_tools = 0;
  for (const auto& [category, n] : out->tool_categories) other_tools += n;
  MHPBR_FUZZ_CHECK(static_cast<int64_t>(out->assessments.size()) +
                       tool_rejects + other_tools ==
                   tool_rows);
  return 0;
}
