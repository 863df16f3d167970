#include "csv_table.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mhpbr/csv_reader.h"

namespace mhpbr::cli {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

absl::StatusOr<ReportTable> CaptureCsv(
    std::string name, const std::function<void(CsvWriter&)>& write) {
  char* text = nullptr;
  size_t size = 0;
  {
    File memory(open_memstream(&text, &size));
    if (memory == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name, ": out of memory"));
    }
    CsvWriter out(memory.get());
    write(out);
    if (!out.Flush()) return out.status();
  }
  // open_memstream's buffer is the caller's to free.
  std::unique_ptr<char, decltype(&std::free)> owned(text, &std::free);
  ReportTable table;
  table.name = std::move(name);
  if (size == 0) return table;
  File in(fmemopen(text, size, "r"));
  if (in == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat(table.name, ": out of memory"));
  }
  CsvReader csv(in.get(), table.name);
  if (absl::Status s = csv.ReadHeader(); !s.ok()) return s;
  table.columns = csv.header();
  CsvRecord record;
  while (csv.Next(&record)) {
    if (!record.error.empty()) {
      return absl::InternalError(
          absl::StrCat(table.name, ": line ", record.line, ": ", record.error));
    }
    table.rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  if (!csv.io_status().ok()) return csv.io_status();
  return table;
}

}  // namespace mhpbr::cli
