// EventCsvReader (the `mhpbr periods --in` input) over arbitrary bytes, and
// the accepted events through BuildPeriods with the default rules. Byte 0
// bit 0 puts the events header before the data.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const auto* rules =
      new std::shared_ptr<const mhpbr::RuleSet>(*mhpbr::DefaultRuleSet());
  std::string text = (data[0] & 1) ? "patient_id,date,event,cluster\n" : "";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  mhpbr::fuzz::MemoryFile file(text);
  auto reader = mhpbr::EventCsvReader::Open(file.get(), "fuzz.csv");
  if (!reader.ok()) return 0;
  std::vector<mhpbr::PeriodEvent> events;
  int64_t rows = 0;
  mhpbr::EventRow row;
  while ((*reader)->Next(&row)) {
    ++rows;
    if (row.error.empty()) events.push_back(row.event);
  }
  MHPBR_FUZZ_CHECK((*reader)->io_status().ok());
  const mhpbr::PeriodBuild build =
      mhpbr::BuildPeriods(events, absl::CivilDay(2024, 3, 31), **rules);
  // Every event is used, superseded, after the as-of date or an error:
  // none may be lost, so errors never outnumber the events.
  MHPBR_FUZZ_CHECK(build.errors.size() <= events.size());
  for (const auto& p : build.periods) {
    MHPBR_FUZZ_CHECK(p.days >= 0);
    MHPBR_FUZZ_CHECK(!p.end || *p.end >= p.start);
  }
  return 0;
}
