// Live calls on a coster: unit costs and a trust's cluster periods, with
// running costs as activity is added one record or one batch at a time,
// through the same ActivityCoster that `mhpbr cost` runs.
//
// The coster is shared by the caller's threads: its running figures change
// only under the handle's mutex. A record is checked and converted before
// the lock is taken, so the lock is held only while the record is costed
// and counted.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/live_util.h"
#include "mhpbr.h"
#include "mhpbr/activity.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/statement.h"
#include "mhpbr/unit_costs.h"

namespace {

using mhpbr::capi::CheckSize;
using mhpbr::capi::CheckStride;
using mhpbr::capi::InitSized;
using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;
using mhpbr::capi::ToCluster;
using mhpbr::capi::ToDay;
using mhpbr::capi::ToOptionalDay;
using mhpbr::capi::View;

// The caller's periods, checked (each fault named as "periods[i].field"),
// in the caller's order.
absl::Status ReadPeriods(const mhpbr_period* periods, size_t count,
                         absl::CivilDay as_of,
                         std::vector<mhpbr::PeriodToPrice>* out) {
  if (count == 0) return absl::OkStatus();
  if (absl::Status s = CheckStride(periods[0], "periods"); !s.ok()) return s;
  const size_t stride = periods[0].struct_size;
  if (count >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return absl::InvalidArgumentError("period_count: more than 2^31 - 2");
  }
  out->reserve(count);
  const char* base = reinterpret_cast<const char*>(periods);
  for (size_t i = 0; i < count; ++i) {
    const auto& c = *reinterpret_cast<const mhpbr_period*>(base + i * stride);
    // Messages name the field bare ("end ..."): say which period's.
    auto fail = [i](absl::string_view message) {
      return absl::InvalidArgumentError(
          absl::StrCat("periods[", i, "].", message));
    };
    if (c.struct_size != stride) {
      return fail("struct_size differs from periods[0]'s");
    }
    if (c.patient_id == nullptr || c.patient_id[0] == '\0') {
      return fail("patient_id is NULL or empty");
    }
    mhpbr::PeriodToPrice p;
    p.line = static_cast<int64_t>(i);
    p.patient_id = c.patient_id;
    absl::Status s = ToCluster(c.cluster, "cluster", &p.cluster);
    if (s.ok()) s = ToDay(c.start, "start", &p.start);
    if (s.ok()) s = ToOptionalDay(c.end, "end", &p.end);
    if (!s.ok()) return fail(s.message());
    if (p.end && *p.end < p.start) {
      return fail(absl::StrCat("end ", c.end, " is before periods[", i,
                               "].start ", c.start));
    }
    if (p.start > as_of) {
      return fail(absl::StrCat("start ", c.start, " is after as_of ",
                               mhpbr::capi::FromDay(as_of)));
    }
    out->push_back(std::move(p));
  }
  return absl::OkStatus();
}

mhpbr_code CreateCoster(const mhpbr_rules* rules,
                        absl::StatusOr<mhpbr::UnitCosts> costs,
                        std::vector<mhpbr::PeriodToPrice> periods,
                        absl::CivilDay as_of, mhpbr_coster** out,
                        char** error) {
  if (!costs.ok()) return Report(costs.status(), error);
  const size_t n = periods.size();
  // The coster sorts its periods by patient, then start, stably: sorting
  // them so first gives the same order and tells where each one went.
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), int64_t{0});
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    const mhpbr::PeriodToPrice& x = periods[a];
    const mhpbr::PeriodToPrice& y = periods[b];
    if (x.patient_id != y.patient_id) return x.patient_id < y.patient_id;
    return x.start < y.start;
  });
  std::vector<mhpbr::PeriodToPrice> sorted;
  sorted.reserve(n);
  for (int64_t i : order) sorted.push_back(std::move(periods[i]));
  periods.clear();
  periods.shrink_to_fit();

  auto handle = std::make_unique<mhpbr_coster>();
  handle->rules = rules->rules;
  handle->costs.emplace(*std::move(costs));
  auto coster = mhpbr::ActivityCoster::Create(
      std::move(sorted), as_of, *handle->costs, handle->rules->day_count());
  if (!coster.ok()) return Report(coster.status(), error);
  handle->coster.emplace(*std::move(coster));
  handle->caller_index = std::move(order);
  handle->coster_index.resize(n);
  handle->period_cluster.resize(n);
  for (size_t k = 0; k < n; ++k) {
    handle->coster_index[handle->caller_index[k]] = static_cast<int32_t>(k);
    const mhpbr::CostedPeriod p = handle->coster->period(k);
    const int index = p.period.cluster.index();
    handle->period_cluster[k] = static_cast<int8_t>(index);
    handle->clusters[index].periods += 1;
    handle->clusters[index].days += p.days;
  }
  *out = handle.release();
  return Ok(error);
}

// Fills `rec` from the C struct, or says which field is wrong. Strings are
// assigned into the record's own, so a record used again allocates nothing
// for ids and codes that fit its buffers.
absl::Status ToRecord(const mhpbr_activity& a, mhpbr::ActivityRecord* rec) {
  if (a.patient_id == nullptr || a.patient_id[0] == '\0') {
    return absl::InvalidArgumentError("activity.patient_id is NULL or empty");
  }
  if (absl::Status s = ToDay(a.date, "activity.date", &rec->date); !s.ok()) {
    return s;
  }
  rec->patient_id.assign(a.patient_id);
  rec->staff_group.clear();
  rec->ward.clear();
  rec->minutes = rec->count = rec->cost_pence = 0;
  rec->attendees = 1;
  switch (a.kind) {
    case MHPBR_ACTIVITY_GROUP:
      if (a.attendees < 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            "activity.attendees ", a.attendees, " is not at least 1"));
      }
      rec->attendees = a.attendees;
      [[fallthrough]];
    case MHPBR_ACTIVITY_CONTACT:
      rec->kind = a.kind == MHPBR_ACTIVITY_GROUP
                      ? mhpbr::ActivityKind::kGroup
                      : mhpbr::ActivityKind::kContact;
      if (a.staff_group == nullptr || a.staff_group[0] == '\0') {
        return absl::InvalidArgumentError(
            "activity.staff_group is NULL or empty");
      }
      rec->staff_group.assign(a.staff_group);
      rec->minutes = a.minutes;
      break;
    case MHPBR_ACTIVITY_BED_DAY:
      rec->kind = mhpbr::ActivityKind::kBedDay;
      if (a.ward == nullptr || a.ward[0] == '\0') {
        return absl::InvalidArgumentError("activity.ward is NULL or empty");
      }
      rec->ward.assign(a.ward);
      rec->count = a.count;
      break;
    case MHPBR_ACTIVITY_OTHER:
      rec->kind = mhpbr::ActivityKind::kOther;
      rec->cost_pence = a.cost_pence;
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "activity.kind ", a.kind, " is not an MHPBR_ACTIVITY_* kind (0-3)"));
  }
  return absl::OkStatus();
}

// The coster's reasons name fields bare ("staff_group: ..."): say whose.
absl::Status InActivity(const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat("activity.", s.message()));
}

// Which activity a message is about, when the caller named it.
absl::Status Named(const mhpbr_activity& a, const absl::Status& s) {
  if (a.activity_id == nullptr || a.activity_id[0] == '\0') return s;
  return absl::Status(
      s.code(), absl::StrCat("activity '", a.activity_id, "': ", s.message()));
}

// Adds a costed record to its cluster's running figures. REQUIRES: mu held.
void Credit(mhpbr_coster& c, const mhpbr::Attribution& a) {
  if (!a.status.ok() || a.period < 0) return;
  mhpbr_coster::ClusterTotals& t = c.clusters[c.period_cluster[a.period]];
  t.records += 1;
  t.cost_pence += a.cost_pence;
}

void Fill(const mhpbr_coster& c, const absl::Status& s,
          const mhpbr::Attribution& a, mhpbr_attribution* out) {
  out->status = static_cast<mhpbr_code>(s.code());
  if (!s.ok()) {
    out->period = MHPBR_PERIOD_REJECTED;
    out->cost_pence = 0;
    return;
  }
  out->period = a.period >= 0    ? c.caller_index[a.period]
                : a.period == -2 ? MHPBR_PERIOD_UNKNOWN_PATIENT
                                 : MHPBR_PERIOD_UNCLUSTERED;
  out->cost_pence = a.cost_pence;
}

// Per-thread room for a batch, kept between calls so that converting
// records allocates nothing once warm.
constexpr size_t kChunk = 256;
struct BatchScratch {
  std::vector<mhpbr::ActivityRecord> records{kChunk};
  std::vector<absl::Status> status{kChunk};
  std::vector<const mhpbr::ActivityRecord*> good;
  std::vector<mhpbr::Attribution> outcomes{kChunk};
};

}  // namespace

extern "C" {

void mhpbr_activity_init_sized(mhpbr_activity* activity, size_t size) {
  InitSized(mhpbr_activity MHPBR_ACTIVITY_INIT, activity, size);
}

void mhpbr_attribution_init_sized(mhpbr_attribution* attribution, size_t size) {
  InitSized(mhpbr_attribution MHPBR_ATTRIBUTION_INIT, attribution, size);
}

void mhpbr_period_cost_init_sized(mhpbr_period_cost* cost, size_t size) {
  InitSized(mhpbr_period_cost MHPBR_PERIOD_COST_INIT, cost, size);
}

void mhpbr_cluster_cost_init_sized(mhpbr_cluster_cost* cost, size_t size) {
  InitSized(mhpbr_cluster_cost MHPBR_CLUSTER_COST_INIT, cost, size);
}

void mhpbr_cost_totals_init_sized(mhpbr_cost_totals* totals, size_t size) {
  InitSized(mhpbr_cost_totals MHPBR_COST_TOTALS_INIT, totals, size);
}

mhpbr_code mhpbr_coster_create(const mhpbr_rules* rules,
                               const char* unit_costs_text,
                               size_t unit_costs_length,
                               const mhpbr_period* periods, size_t period_count,
                               int32_t as_of, mhpbr_coster** out,
                               char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (unit_costs_text == nullptr) {
    return Invalid(error, "unit_costs_text is NULL");
  }
  if (periods == nullptr && period_count > 0) {
    return Invalid(error, "periods is NULL");
  }
  absl::CivilDay day;
  std::vector<mhpbr::PeriodToPrice> read;
  absl::Status s = ToDay(as_of, "as_of", &day);
  if (s.ok()) s = ReadPeriods(periods, period_count, day, &read);
  if (!s.ok()) return Report(s, error);
  return CreateCoster(rules,
                      mhpbr::ParseUnitCostsText(
                          absl::string_view(unit_costs_text, unit_costs_length),
                          "unit_costs_text"),
                      std::move(read), day, out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_coster_create_file(const mhpbr_rules* rules, const char* path,
                                    const mhpbr_period* periods,
                                    size_t period_count, int32_t as_of,
                                    mhpbr_coster** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (path == nullptr) return Invalid(error, "path is NULL");
  if (periods == nullptr && period_count > 0) {
    return Invalid(error, "periods is NULL");
  }
  absl::CivilDay day;
  std::vector<mhpbr::PeriodToPrice> read;
  absl::Status s = ToDay(as_of, "as_of", &day);
  if (s.ok()) s = ReadPeriods(periods, period_count, day, &read);
  if (!s.ok()) return Report(s, error);
  return CreateCoster(rules, mhpbr::LoadUnitCostsFile(path), std::move(read),
                      day, out, error);
  MHPBR_C_CATCH(error)
}

void mhpbr_coster_destroy(mhpbr_coster* coster) { delete coster; }

mhpbr_code mhpbr_coster_add(mhpbr_coster* coster,
                            const mhpbr_activity* activity,
                            mhpbr_attribution* attribution, char** error) {
  MHPBR_C_TRY
  if (coster == nullptr) return Invalid(error, "coster is NULL");
  if (activity == nullptr) return Invalid(error, "activity is NULL");
  if (attribution == nullptr) return Invalid(error, "attribution is NULL");
  if (absl::Status s =
          CheckSize(*attribution, "attribution", "MHPBR_ATTRIBUTION_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  if (absl::Status s = CheckSize(*activity, "activity", "MHPBR_ACTIVITY_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  thread_local mhpbr::ActivityRecord record;
  absl::Status s = ToRecord(*activity, &record);
  mhpbr::Attribution a;
  {
    std::lock_guard<std::mutex> lock(coster->mu);
    if (s.ok()) {
      coster->coster->Add(record, &a);
      Credit(*coster, a);
    } else {
      coster->coster->CountRejected();
    }
  }
  if (s.ok() && !a.status.ok()) s = InActivity(a.status);
  Fill(*coster, s, a, attribution);
  if (!s.ok()) return Report(Named(*activity, s), error);
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_coster_add_batch(mhpbr_coster* coster,
                                  const mhpbr_activity* records, size_t count,
                                  mhpbr_attribution* attributions,
                                  char** error) {
  MHPBR_C_TRY
  if (coster == nullptr) return Invalid(error, "coster is NULL");
  if (count == 0) return Ok(error);
  if (records == nullptr) return Invalid(error, "records is NULL");
  if (attributions == nullptr) return Invalid(error, "attributions is NULL");
  if (absl::Status s = CheckStride(records[0], "records"); !s.ok()) {
    return Report(s, error);
  }
  if (absl::Status s = CheckStride(attributions[0], "attributions"); !s.ok()) {
    return Report(s, error);
  }
  const size_t in_stride = records[0].struct_size;
  const size_t out_stride = attributions[0].struct_size;
  const char* in = reinterpret_cast<const char*>(records);
  char* out = reinterpret_cast<char*>(attributions);
  thread_local BatchScratch scratch;
  const mhpbr::Attribution rejected;  // what a record rejected here gets
  size_t bad = 0;
  absl::Status first;
  for (size_t base = 0; base < count; base += kChunk) {
    const size_t n = std::min(kChunk, count - base);
    scratch.good.clear();
    size_t rejected_here = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto* a =
          reinterpret_cast<const mhpbr_activity*>(in + (base + i) * in_stride);
      absl::Status& s = scratch.status[i];
      s = a->struct_size == in_stride
              ? ToRecord(*a, &scratch.records[i])
              : absl::InvalidArgumentError(
                    "struct_size differs from records[0]'s");
      if (s.ok()) {
        scratch.good.push_back(&scratch.records[i]);
      } else {
        ++rejected_here;
      }
    }
    {
      std::lock_guard<std::mutex> lock(coster->mu);
      for (size_t i = 0; i < rejected_here; ++i) {
        coster->coster->CountRejected();
      }
      // Cannot fail: room for every outcome, and no null record.
      coster->coster->AddBatch(scratch.good, absl::MakeSpan(scratch.outcomes))
          .IgnoreError();
      for (size_t k = 0; k < scratch.good.size(); ++k) {
        Credit(*coster, scratch.outcomes[k]);
      }
    }
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto* a =
          reinterpret_cast<const mhpbr_activity*>(in + (base + i) * in_stride);
      auto* r =
          reinterpret_cast<mhpbr_attribution*>(out + (base + i) * out_stride);
      r->struct_size = static_cast<uint32_t>(out_stride);
      absl::Status& s = scratch.status[i];
      const mhpbr::Attribution* outcome = &rejected;
      if (s.ok()) {
        outcome = &scratch.outcomes[k++];
        if (!outcome->status.ok()) s = InActivity(outcome->status);
      }
      Fill(*coster, s, *outcome, r);
      if (!s.ok() && bad++ == 0) {
        first = Named(*a, s);
        first = absl::Status(s.code(), absl::StrCat("records[", base + i,
                                                    "]: ", first.message()));
      }
    }
  }
  if (bad > 0) {
    return Report(absl::InvalidArgumentError(absl::StrCat(
                      bad, " of ", count,
                      " records not costed; first: ", first.message())),
                  error);
  }
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_coster_period(const mhpbr_coster* coster, size_t index,
                               mhpbr_period_cost* cost, char** error) {
  MHPBR_C_TRY
  if (coster == nullptr) return Invalid(error, "coster is NULL");
  if (cost == nullptr) return Invalid(error, "cost is NULL");
  if (absl::Status s = CheckSize(*cost, "cost", "MHPBR_PERIOD_COST_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  const size_t n = coster->coster_index.size();
  if (index >= n) {
    return Report(absl::OutOfRangeError(absl::StrCat(
                      "index ", index, " is not below the period count ", n)),
                  error);
  }
  const size_t k = coster->coster_index[index];
  mhpbr::CostedPeriod p;
  {
    std::lock_guard<std::mutex> lock(coster->mu);
    p = coster->coster->period(k);
  }
  cost->cluster = p.period.cluster.code();
  cost->days = p.days;
  cost->records = p.records;
  cost->cost_pence = p.cost_pence;
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_coster_cluster(const mhpbr_coster* coster, int32_t cluster,
                                mhpbr_cluster_cost* cost, char** error) {
  MHPBR_C_TRY
  if (coster == nullptr) return Invalid(error, "coster is NULL");
  if (cost == nullptr) return Invalid(error, "cost is NULL");
  if (absl::Status s = CheckSize(*cost, "cost", "MHPBR_CLUSTER_COST_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  mhpbr::Cluster c;
  if (absl::Status s = ToCluster(cluster, "cluster", &c); !s.ok()) {
    return Report(s, error);
  }
  mhpbr_coster::ClusterTotals t;
  {
    std::lock_guard<std::mutex> lock(coster->mu);
    t = coster->clusters[c.index()];
  }
  cost->cluster = c.code();
  cost->periods = t.periods;
  cost->days = t.days;
  cost->records = t.records;
  cost->cost_pence = t.cost_pence;
  return Ok(error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_coster_totals(const mhpbr_coster* coster,
                               mhpbr_cost_totals* totals, char** error) {
  MHPBR_C_TRY
  if (coster == nullptr) return Invalid(error, "coster is NULL");
  if (totals == nullptr) return Invalid(error, "totals is NULL");
  if (absl::Status s = CheckSize(*totals, "totals", "MHPBR_COST_TOTALS_INIT");
      !s.ok()) {
    return Report(s, error);
  }
  mhpbr::CostingTotals t;
  {
    std::lock_guard<std::mutex> lock(coster->mu);
    t = coster->coster->totals();
  }
  totals->reserved = 0;
  totals->records_read = t.records_read;
  totals->records_rejected = t.records_rejected;
  totals->clustered_records = t.clustered_records;
  totals->clustered_pence = t.clustered_pence;
  totals->unclustered_records = t.unclustered_records;
  totals->unclustered_pence = t.unclustered_pence;
  totals->unknown_patient_records = t.unknown_patient_records;
  totals->total_pence = t.total_pence;
  totals->periods = static_cast<int64_t>(coster->coster_index.size());
  return Ok(error);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
