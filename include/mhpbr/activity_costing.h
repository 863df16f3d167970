// Costing activity against cluster periods (pricing.md 1): each record's
// full cost, attributed to the period that covers its date for its
// patient; what no period covers goes to an explicit unclustered bucket,
// counted and costed, never dropped.
//
// Records stream through Add(), so memory grows with the periods, not
// with the activity:
//
//   auto coster = mhpbr::ActivityCoster::Create(periods, as_of, costs);
//   for (each record) if (auto s = coster->Add(record); !s.ok()) reject(s);
//   // or, faster over many records, coster->AddBatch(records, outcomes);
//   for (const mhpbr::CostedPeriod& p : coster->periods()) ...

#ifndef MHPBR_ACTIVITY_COSTING_H_
#define MHPBR_ACTIVITY_COSTING_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/activity.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/costed_period.h"
#include "mhpbr/huge_page_allocator.h"
#include "mhpbr/patient_index.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/unit_costs.h"
#include "mhpbr/ward_stay.h"

namespace mhpbr {

// Where one record went: its status, and when costed, the period and the
// patient it was attributed to.
struct Attribution {
  // OK, or why the record was rejected (it is then counted as rejected).
  absl::Status status;
  // Index in periods(); -1 when no period covers the date, -2 when the
  // patient has no period at all (both unclustered). -1 when rejected.
  int period = -1;
  // The patient's number in patients(), or PatientIndex::kNone.
  int32_t patient = PatientIndex::kNone;
  // The record's full cost in pence when costed (0 when rejected).
  int64_t cost_pence = 0;
};

// A record priced but not yet added (ActivityCoster::Price), for Commit:
// where it goes and what it costs, and what an admitted record adds to
// its period's admitted figures.
struct PricedRecord {
  // Its status is the cost's error, if any; Commit may still reject the
  // record for an overflowing total.
  Attribution attribution;
  bool admitted = false;
  // The nights a stay adds within its period.
  int64_t nights = 0;
};

// Where one ward stay went: its bed_day records (ward_stay.h) and where
// each of them went.
struct StayAttribution {
  // OK, or why the stay was rejected (it is then counted as rejected).
  absl::Status status;
  std::vector<ActivityRecord> records;
  // parts[i] is where records[i] went.
  std::vector<Attribution> parts;
};

class ActivityCoster {
 public:
  // Fails, naming the line, for a period that ends before it starts or
  // starts after `as_of`. REQUIRES: `costs` outlives the coster.
  static absl::StatusOr<ActivityCoster> Create(
      std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
      const UnitCosts& costs, DayCount day_count = DayCount::kInclusive);

  // Costs and attributes one record. On error the record is counted as
  // rejected and the status names the field at fault.
  absl::Status Add(const ActivityRecord& record);
  // The same, saying where the record went (and what it cost) in `*out`.
  void Add(const ActivityRecord& record, Attribution* out);
  // The same for a batch, in order, with each record's outcome in
  // `out[i]` (out.size() >= records.size()). Totals and periods end as
  // if each record had been Add()ed in turn; the batch only lets the
  // memory reads of many records overlap, which is most of the time when
  // a million periods do not fit in the caches. Batches of 16 to 64 suit.
  // Fails, adding nothing, when `out` is too short or a record is null.
  absl::Status AddBatch(absl::Span<const ActivityRecord* const> records,
                        absl::Span<Attribution> out);
  // AddBatch in two halves, so that the costly half runs on many threads:
  // Price finds each record's period and cost without adding anything
  // (any number of threads may price at once, and while Commit runs), and
  // Commit adds priced records in the order they are to count, which
  // alone decides the totals and which record an overflow rejects.
  // REQUIRES: out.size() >= records.size(), no record null.
  void Price(absl::Span<const ActivityRecord* const> records,
             absl::Span<PricedRecord> out) const;
  // Each record's outcome is left in its `attribution`.
  void Commit(absl::Span<PricedRecord> priced);
  // Costs a ward stay as its bed_day records, each night in the period
  // covering it for the stay's patient, through the as-of date given at
  // Create. The stay is one record read (a stay with no night too); its
  // records are what the other counts count. A ward not in the unit costs
  // rejects the stay, nights or none.
  void AddStay(const WardStay& stay, StayAttribution* out);
  // Counts a record rejected before it could be costed (a reader's reject).
  void CountRejected() { CountRejectedIn(totals_); }

  // Sorted by patient, then start.
  std::vector<CostedPeriod> periods() const;
  // How many periods, and periods()[i] without building the whole list.
  // REQUIRES: i < period_count().
  size_t period_count() const { return periods_.size(); }
  CostedPeriod period(size_t i) const;
  // period(i) without a copy of its PeriodToPrice (left empty), which is
  // period_to_price(i): writing a national year's 3 M periods copied each.
  CostedPeriod Figures(size_t i) const;
  const PeriodToPrice& period_to_price(size_t i) const { return periods_[i]; }
  // Sorted by cluster.
  std::vector<ClusterCost> ByCluster() const;
  const CostingTotals& totals() const { return totals_; }

  // The people with periods, numbered in periods() order: share it with a
  // CoverageCounter so that each record's patient is looked up once.
  const std::shared_ptr<const PatientIndex>& patients() const {
    return patients_;
  }

  // The period covering `date` for `patient_id`: its index in periods(),
  // or -1 (none covers it) or -2 (the patient has no period at all).
  int Find(absl::string_view patient_id, absl::CivilDay date) const;

 private:
  // What pricing reads of a period, 8 bytes, so that a patient's few
  // periods share a cache line; apart from the sums, which Commit writes
  // while other threads price.
  struct Slot {
    int32_t start;  // days from 1970-01-01
    int32_t last;   // the end, or the as-of date when open
  };
  // What Commit adds to a period: 32 bytes, aligned so that one record's
  // addition touches one cache line.
  struct alignas(32) Sums {
    int64_t records = 0;
    int64_t cost_pence = 0;
    // The nights of the period's stays inside it and the cost of its
    // admitted records (within cost_pence).
    int64_t nights = 0;
    int64_t admitted_pence = 0;
  };

  ActivityCoster() = default;
  // `periods` is the patient's range of periods, as its index slot keeps it.
  int FindIn(PatientIndex::Range periods, int64_t day) const;
  void PriceOne(const ActivityRecord& record, int32_t patient,
                PatientIndex::Range periods, PricedRecord* out) const;
  // Adds to `totals`, the coster's own or a copy Commit keeps in a local.
  void CommitOne(PricedRecord& priced, CostingTotals& totals);
  static void CountRejectedIn(CostingTotals& totals) {
    ++totals.records_read;
    ++totals.records_rejected;
  }
  // The period's days, as Create's day count counts them.
  int64_t Days(size_t i) const;
  void Attribute(const ActivityRecord& record, int32_t patient,
                 PatientIndex::Range periods, Attribution* out);
  // The patient's number and its range of periods.
  int32_t FindPatient(absl::string_view patient_id,
                      PatientIndex::Range* periods) const;

  const UnitCosts* costs_ = nullptr;
  absl::CivilDay as_of_;
  DayCount day_count_ = DayCount::kInclusive;
  std::vector<PeriodToPrice> periods_;  // sorted by patient, start
  // Read (and added to) at random: in huge pages where the system allows.
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<Sums, HugePageAllocator<Sums>> sums_;
  std::shared_ptr<const PatientIndex> patients_;
  CostingTotals totals_;
};

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_COSTING_H_
