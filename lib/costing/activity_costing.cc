#include "mhpbr/activity_costing.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"
#include "mhpbr/day_number.h"

namespace mhpbr {

namespace {

// A record's day number: days from 1970-01-01, held as int32 in the hot
// path (a million periods' dates fit the caches better), by DayNumber,
// which every record asks and which is far cheaper than subtracting
// CivilDays. A date beyond kFar years, where int32 could not hold it, is
// a number past every period (which lie within int32 days of 1970,
// checked at Create; only the C++ API can make such a date).
int64_t RecordDay(absl::CivilDay d) {
  constexpr absl::civil_year_t kFar = 5000000;
  if (d.year() > kFar || d.year() < -kFar) {
    return d.year() > 0 ? std::numeric_limits<int64_t>::max()
                        : std::numeric_limits<int64_t>::min();
  }
  static_assert(kFar * 366 < std::numeric_limits<int32_t>::max(),
                "DayNumber fits int32 within kFar years");
  return DayNumber(d);
}

bool FitsInt32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() &&
         v <= std::numeric_limits<int32_t>::max();
}

}  // namespace

absl::StatusOr<ActivityCoster> ActivityCoster::Create(
    std::vector<PeriodToPrice> periods, absl::CivilDay as_of,
    const UnitCosts& costs, DayCount day_count) {
  if (periods.size() >=
      static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return absl::InvalidArgumentError("more than 2^31 - 1 periods");
  }
  ActivityCoster c;
  c.costs_ = &costs;
  c.as_of_ = as_of;
  c.day_count_ = day_count;
  // What is wrong with a period, if anything; the first period at fault,
  // in sorted order, fails Create.
  auto fault_in = [&](const PeriodToPrice& p) -> std::optional<std::string> {
    if (p.end && *p.end < p.start) return "end is before start";
    if (p.start > as_of) {
      return absl::StrCat("starts after the as-of date ", FormatIsoDate(as_of));
    }
    if (!FitsInt32(RecordDay(p.start)) ||
        !FitsInt32(RecordDay(p.end.value_or(as_of)))) {
      return "date out of range";
    }
    return std::nullopt;
  };
  // One pass over the periods (3 M of them are half a gigabyte): each
  // patient's first period, each period's slot, the first period at
  // fault, and whether they are in order. Patient n's periods are
  // [first[n], first[n + 1]), a range its index slot keeps.
  std::vector<int32_t> first;
  size_t fault = 0;
  std::optional<std::string> why;
  auto pass = [&](const std::vector<PeriodToPrice>& ps) {
    first.clear();
    c.slots_.clear();
    why.reset();
    for (size_t i = 0; i < ps.size(); ++i) {
      const PeriodToPrice& p = ps[i];
      const int order = i == 0 ? 1 : p.patient_id.compare(ps[i - 1].patient_id);
      if (order < 0 || (order == 0 && p.start < ps[i - 1].start)) {
        return false;
      }
      if (order > 0) first.push_back(static_cast<int32_t>(i));
      if (why) continue;  // only the order is still to check
      if ((why = fault_in(p))) {
        fault = i;
        continue;
      }
      const absl::CivilDay last = p.end.value_or(as_of);
      c.slots_.push_back({static_cast<int32_t>(RecordDay(p.start)),
                          static_cast<int32_t>(RecordDay(last))});
    }
    return true;
  };
  c.slots_.reserve(periods.size());
  first.reserve(periods.size() + 1);  // pages not needed are not touched
  // Periods usually come sorted (a `mhpbr periods` output): checking is
  // part of the pass, where a stable sort of a national year's 3 M periods
  // (hundreds of bytes each) moved every one of them about 20 times.
  if (!pass(periods)) {
    std::stable_sort(periods.begin(), periods.end(),
                     [](const PeriodToPrice& a, const PeriodToPrice& b) {
                       if (a.patient_id != b.patient_id) {
                         return a.patient_id < b.patient_id;
                       }
                       return a.start < b.start;
                     });
    pass(periods);
  }
  if (why) {
    const PeriodToPrice& p = periods[fault];
    return absl::InvalidArgumentError(absl::StrCat(
        "period of patient ", p.patient_id, " at line ", p.line, ": ", *why));
  }
  // Sorted, the ids are distinct: each Add is one slot, a cache miss among
  // a million people, asked for kAhead patients early.
  auto index = std::make_shared<PatientIndex>();
  const size_t people = first.size();
  first.push_back(static_cast<int32_t>(periods.size()));
  index->Reserve(people);
  constexpr size_t kAhead = 16;
  uint64_t hashes[kAhead];
  auto ask = [&](size_t j) {
    hashes[j % kAhead] = PatientIndex::Hash(periods[first[j]].patient_id);
    index->Prefetch(hashes[j % kAhead]);
  };
  for (size_t j = 0; j < std::min(kAhead, people); ++j) ask(j);
  for (size_t j = 0; j < people; ++j) {
    const uint64_t hash = hashes[j % kAhead];
    if (j + kAhead < people) ask(j + kAhead);
    const PeriodToPrice& p = periods[first[j]];
    if (index->Add(p.patient_id, hash, {first[j], first[j + 1]}) ==
        PatientIndex::kNone) {
      return absl::InvalidArgumentError(
          absl::StrCat("period of patient ", p.patient_id, " at line ", p.line,
                       ": too many patients"));
    }
  }
  c.sums_.resize(periods.size());
  c.periods_ = std::move(periods);
  c.patients_ = std::move(index);
  return c;
}

int ActivityCoster::FindIn(PatientIndex::Range periods, int64_t day) const {
  const int lo = periods.begin, hi = periods.end;
  // The latest period starting on or before the day; where a malformed
  // input overlaps periods, the later one takes the record. People have a
  // few periods each, so a scan from the latest beats a binary search
  // except for the rare long history.
  int k = hi - 1;
  if (hi - lo <= 16) {
    while (k >= lo && slots_[k].start > day) --k;
  } else {
    k = static_cast<int>(
            std::upper_bound(
                slots_.begin() + lo, slots_.begin() + hi, day,
                [](int64_t d, const Slot& s) { return d < s.start; }) -
            slots_.begin()) -
        1;
  }
  if (k < lo) return -1;
  return day <= slots_[k].last ? k : -1;
}

int32_t ActivityCoster::FindPatient(absl::string_view patient_id,
                                    PatientIndex::Range* periods) const {
  return patients_->Find(patient_id, PatientIndex::Hash(patient_id), periods);
}

int ActivityCoster::Find(absl::string_view patient_id,
                         absl::CivilDay date) const {
  PatientIndex::Range periods;
  if (FindPatient(patient_id, &periods) == PatientIndex::kNone) return -2;
  return FindIn(periods, RecordDay(date));
}

void ActivityCoster::PriceOne(const ActivityRecord& record, int32_t patient,
                              PatientIndex::Range periods,
                              PricedRecord* out) const {
  Attribution& a = out->attribution;
  a.patient = patient;
  a.period = -1;
  a.cost_pence = 0;
  out->admitted = false;
  out->nights = 0;
  auto cost = RecordCost(record, *costs_);
  if (!cost.ok()) {
    a.status = cost.status();
    return;
  }
  const int64_t day = RecordDay(record.date);
  const int k = patient == PatientIndex::kNone ? -2 : FindIn(periods, day);
  a.status = absl::OkStatus();
  a.period = k;
  a.cost_pence = *cost;
  if (k >= 0 && SettingOf(record) == PaySetting::kAdmitted) {
    out->admitted = true;
    // The stay starts inside the period (it is attributed by its date),
    // so only its end can pass the period's last day.
    if (IsStay(record)) {
      const int64_t room = slots_[k].last - day + 1;
      out->nights = std::min(record.count, room);
    }
  }
}

void ActivityCoster::CommitOne(PricedRecord& priced, CostingTotals& totals) {
  Attribution& a = priced.attribution;
  if (!a.status.ok()) {
    CountRejectedIn(totals);
    return;
  }
  const int k = a.period;
  const int64_t cost = a.cost_pence;
  // Totals are checked for overflow before they change, so a failure leaves
  // them consistent.
  int64_t* bucket =
      k >= 0 ? &totals.clustered_pence : &totals.unclustered_pence;
  int64_t new_bucket = 0, new_total = 0;
  if (__builtin_add_overflow(*bucket, cost, &new_bucket) ||
      __builtin_add_overflow(totals.total_pence, cost, &new_total)) {
    CountRejectedIn(totals);
    a.status = absl::OutOfRangeError("cost total would overflow 64-bit pence");
    a.period = -1;
    a.cost_pence = 0;
    return;
  }
  ++totals.records_read;
  *bucket = new_bucket;
  totals.total_pence = new_total;
  if (k >= 0) {
    ++totals.clustered_records;
    Sums& sums = sums_[k];
    sums.records += 1;
    sums.cost_pence += cost;
    if (priced.admitted) {
      sums.admitted_pence += cost;  // within cost_pence, which did not overflow
      sums.nights += priced.nights;
    }
  } else {
    ++totals.unclustered_records;
    if (k == -2) ++totals.unknown_patient_records;
  }
}

void ActivityCoster::Attribute(const ActivityRecord& record, int32_t patient,
                               PatientIndex::Range periods, Attribution* out) {
  PricedRecord priced;
  PriceOne(record, patient, periods, &priced);
  CommitOne(priced, totals_);
  *out = std::move(priced.attribution);
}

absl::Status ActivityCoster::Add(const ActivityRecord& record) {
  Attribution a;
  Add(record, &a);
  return a.status;
}

void ActivityCoster::Add(const ActivityRecord& record, Attribution* out) {
  PatientIndex::Range periods;
  const int32_t patient = FindPatient(record.patient_id, &periods);
  Attribute(record, patient, periods, out);
}

void ActivityCoster::AddStay(const WardStay& stay, StayAttribution* out) {
  out->records.clear();
  out->parts.clear();
  if (costs_->WardPencePerDay(stay.ward) == nullptr) {
    CountRejected();
    out->status = absl::InvalidArgumentError(absl::StrCat(
        "ward: '", ShownText(stay.ward), "' is not in the unit costs"));
    return;
  }
  PatientIndex::Range periods;
  const int32_t patient = FindPatient(stay.patient_id, &periods);
  out->records = BedDayRecords(stay, as_of_, [&](absl::CivilDay night) {
    return patient == PatientIndex::kNone ? -1
                                          : FindIn(periods, RecordDay(night));
  });
  // Each record counts itself read; the stay, not its parts, is the row.
  const int64_t read_before = totals_.records_read;
  out->status = absl::OkStatus();
  for (const ActivityRecord& r : out->records) {
    Attribute(r, patient, periods, &out->parts.emplace_back());
    // Only an overflowing total fails here (the ward is known, the count
    // positive); the parts already costed stay costed.
    if (!out->parts.back().status.ok()) {
      out->status = out->parts.back().status;
      break;
    }
  }
  totals_.records_read = read_before + 1;
}

absl::Status ActivityCoster::AddBatch(
    absl::Span<const ActivityRecord* const> records,
    absl::Span<Attribution> out) {
  if (out.size() < records.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("AddBatch: ", records.size(), " records but room for ",
                     out.size(), " outcomes; nothing added"));
  }
  for (const ActivityRecord* r : records) {
    if (r == nullptr) {
      return absl::InvalidArgumentError(
          "AddBatch: a null record; nothing added");
    }
  }
  constexpr size_t kGroup = 64;
  PricedRecord priced[kGroup];
  for (size_t base = 0; base < records.size(); base += kGroup) {
    const size_t n = std::min(kGroup, records.size() - base);
    Price(records.subspan(base, n), absl::MakeSpan(priced, n));
    Commit(absl::MakeSpan(priced, n));
    for (size_t i = 0; i < n; ++i) {
      out[base + i] = std::move(priced[i].attribution);
    }
  }
  return absl::OkStatus();
}

void ActivityCoster::Price(absl::Span<const ActivityRecord* const> records,
                           absl::Span<PricedRecord> out) const {
  // Each stage issues the reads the next one needs for a group of records
  // before any of them is waited for: the patient's slot (which holds its
  // range of periods), then its periods.
  constexpr size_t kGroup = 16;
  uint64_t hash[kGroup];
  int32_t patient[kGroup];
  PatientIndex::Range range[kGroup];
  for (size_t base = 0; base < records.size(); base += kGroup) {
    const size_t n = std::min(kGroup, records.size() - base);
    const ActivityRecord* const* group = records.data() + base;
    for (size_t i = 0; i < n; ++i) {
      hash[i] = PatientIndex::Hash(group[i]->patient_id);
      patients_->Prefetch(hash[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      patient[i] = patients_->Find(group[i]->patient_id, hash[i], &range[i]);
      if (patient[i] == PatientIndex::kNone) continue;
      __builtin_prefetch(&slots_[range[i].begin]);
      __builtin_prefetch(&slots_[range[i].end - 1]);
    }
    for (size_t i = 0; i < n; ++i) {
      PriceOne(*group[i], patient[i], range[i], &out[base + i]);
    }
  }
}

void ActivityCoster::Commit(absl::Span<PricedRecord> priced) {
  // A period's sums are a cache miss away among a million periods: ask for
  // them records ahead, enough of them to cover the miss, since adding a
  // record takes a few nanoseconds (8 ahead left half of Commit waiting).
  constexpr size_t kAhead = 32;
  // The totals in a local, which the compiler may keep in registers: as
  // members they were stored and loaded again around every period's sums.
  CostingTotals totals = totals_;
  for (size_t i = 0; i < priced.size(); ++i) {
    if (i + kAhead < priced.size()) {
      const int k = priced[i + kAhead].attribution.period;
      if (k >= 0) __builtin_prefetch(&sums_[k], 1);
    }
    CommitOne(priced[i], totals);
  }
  totals_ = totals;
}

CostedPeriod ActivityCoster::period(size_t i) const {
  CostedPeriod out = Figures(i);
  out.period = periods_[i];
  return out;
}

int64_t ActivityCoster::Days(size_t i) const {
  // Both ends counted; by the MHSDS count a closed period's end is not.
  int64_t days = int64_t{slots_[i].last} - slots_[i].start + 1;
  if (day_count_ == DayCount::kMhsds && periods_[i].end) --days;
  return days;
}

CostedPeriod ActivityCoster::Figures(size_t i) const {
  CostedPeriod out;
  out.days = Days(i);
  out.records = sums_[i].records;
  out.cost_pence = sums_[i].cost_pence;
  // Stays overlapping each other (a night recorded twice) could count
  // more nights than the period has.
  out.admitted_days = std::min(sums_[i].nights, out.days);
  out.community_days = out.days - out.admitted_days;
  out.admitted_pence = sums_[i].admitted_pence;
  out.community_pence = out.cost_pence - out.admitted_pence;
  return out;
}

std::vector<CostedPeriod> ActivityCoster::periods() const {
  std::vector<CostedPeriod> out;
  out.reserve(periods_.size());
  for (size_t i = 0; i < periods_.size(); ++i) out.push_back(period(i));
  return out;
}

std::vector<ClusterCost> ActivityCoster::ByCluster() const {
  std::map<int, ClusterCost> by;
  for (size_t i = 0; i < periods_.size(); ++i) {
    ClusterCost& c = by[periods_[i].cluster.code()];
    c.cluster = periods_[i].cluster;
    c.periods += 1;
    c.days += Days(i);
    c.records += sums_[i].records;
    c.cost_pence += sums_[i].cost_pence;
  }
  std::vector<ClusterCost> out;
  for (const auto& [code, c] : by) out.push_back(c);
  return out;
}

}  // namespace mhpbr
