// ActivityCsvReader (the `mhpbr cost --activity` input) over arbitrary
// bytes, each good row costed by an ActivityCoster with the example unit
// costs, and the totals checked to add up: every row is read, rejected or
// costed into exactly one bucket, and no amount wraps; a second coster fed
// the same good rows through AddBatch (batches of byte 0's bits 1-3, plus
// one) must agree with Add() record by record. Byte 0 bit 0 puts the
// activity header first.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "fuzz_input.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/package_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const auto* costs = new mhpbr::UnitCosts(*mhpbr::ExampleUnitCosts());
  std::string text =
      (data[0] & 1) ? "activity_id,patient_id,date,kind,staff_group,minutes,"
                      "ward,count,attendees,cost_pence\n"
                    : "";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  mhpbr::fuzz::MemoryFile file(text);
  auto reader = mhpbr::ActivityCsvReader::Open(file.get(), "fuzz.csv");
  if (!reader.ok()) return 0;
  std::vector<mhpbr::PeriodToPrice> periods = {
      {"P1", *mhpbr::Cluster::FromCode(3), absl::CivilDay(2023, 4, 1),
       absl::CivilDay(2023, 9, 30), 2},
      {"P1", *mhpbr::Cluster::FromCode(4), absl::CivilDay(2023, 10, 1),
       std::nullopt, 3},
      {"P2", *mhpbr::Cluster::FromCode(0), absl::CivilDay(2023, 4, 1),
       std::nullopt, 4}};
  auto coster = mhpbr::ActivityCoster::Create(
      periods, absl::CivilDay(2024, 3, 31), *costs);
  MHPBR_FUZZ_CHECK(coster.ok());
  auto batched = mhpbr::ActivityCoster::Create(
      periods, absl::CivilDay(2024, 3, 31), *costs);
  MHPBR_FUZZ_CHECK(batched.ok());
  int64_t rows = 0, rejected = 0;
  std::vector<mhpbr::ActivityRecord> good;
  std::vector<absl::Status> statuses;
  mhpbr::InputRow<mhpbr::ActivityRecord> row;
  while ((*reader)->Next(&row)) {
    ++rows;
    if (!row.error.empty()) {
      coster->CountRejected();
      ++rejected;
      continue;
    }
    absl::Status s = coster->Add(row.value);
    if (!s.ok()) {
      MHPBR_FUZZ_CHECK(!s.message().empty());
      ++rejected;
    }
    good.push_back(row.value);
    statuses.push_back(s);
  }
  const size_t batch = 1 + ((data[0] >> 1) & 7);
  std::vector<mhpbr::Attribution> out(good.size());
  for (size_t i = 0; i < good.size(); i += batch) {
    std::vector<const mhpbr::ActivityRecord*> ptrs;
    for (size_t j = i; j < good.size() && j < i + batch; ++j) {
      ptrs.push_back(&good[j]);
    }
    MHPBR_FUZZ_CHECK(
        batched->AddBatch(ptrs, absl::MakeSpan(out).subspan(i)).ok());
  }
  for (size_t i = 0; i < good.size(); ++i) {
    MHPBR_FUZZ_CHECK(out[i].status == statuses[i]);
    MHPBR_FUZZ_CHECK(out[i].period ==
                     (statuses[i].ok()
                          ? coster->Find(good[i].patient_id, good[i].date)
                          : -1));
  }
  MHPBR_FUZZ_CHECK(batched->totals().total_pence ==
                   coster->totals().total_pence);
  MHPBR_FUZZ_CHECK(batched->totals().clustered_records ==
                   coster->totals().clustered_records);
  MHPBR_FUZZ_CHECK((*reader)->io_status().ok());
  const mhpbr::CostingTotals& t = coster->totals();
  MHPBR_FUZZ_CHECK(t.records_read == rows);
  MHPBR_FUZZ_CHECK(t.records_rejected == rejected);
  MHPBR_FUZZ_CHECK(t.clustered_records + t.unclustered_records ==
                   rows - rejected);
  MHPBR_FUZZ_CHECK(t.clustered_pence >= 0 && t.unclustered_pence >= 0);
  MHPBR_FUZZ_CHECK(absl::int128(t.clustered_pence) + t.unclustered_pence ==
                   t.total_pence);
  absl::int128 sum = 0;
  int64_t records = 0;
  for (const mhpbr::CostedPeriod& p : coster->periods()) {
    sum += p.cost_pence;
    records += p.records;
  }
  MHPBR_FUZZ_CHECK(sum == t.clustered_pence);
  MHPBR_FUZZ_CHECK(records == t.clustered_records);
  return 0;
}
