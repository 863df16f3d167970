#include "lib/codec/costing_proto.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/codec/pricing_proto.h"
#include "mhpbr/costed_period.h"
#include "mhpbr/dates.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"
#include "mhpbr/tariff_evidence.h"

namespace mhpbr {
namespace {

absl::Status FieldError(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

}  // namespace

absl::StatusOr<UnitCosts> UnitCostsFromProto(const v1::UnitCosts& uc) {
  std::vector<UnitCosts::Rate> staff, ward;
  for (const v1::StaffRate& s : uc.staff()) {
    staff.push_back({s.code(), s.pence_per_hour()});
  }
  for (const v1::WardRate& w : uc.ward()) {
    ward.push_back({w.code(), w.pence_per_day()});
  }
  return UnitCosts::Create(uc.source(), uc.overhead_ppm(), std::move(staff),
                           std::move(ward));
}

absl::StatusOr<ActivityRecord> ActivityFromProto(const v1::ActivityRecord& in) {
  ActivityRecord a;
  a.activity_id = in.activity_id();
  a.patient_id = in.patient_id();
  if (a.patient_id.empty()) return FieldError("patient_id", "empty");
  auto date = ParseIsoDate(in.date());
  if (!date.ok()) return FieldError("date", date.status().message());
  a.date = *date;
  switch (in.kind()) {
    case v1::CONTACT:
      a.kind = ActivityKind::kContact;
      break;
    case v1::GROUP:
      a.kind = ActivityKind::kGroup;
      break;
    case v1::BED_DAY:
      a.kind = ActivityKind::kBedDay;
      break;
    case v1::OTHER:
      a.kind = ActivityKind::kOther;
      break;
    default:
      return FieldError("kind", "must be CONTACT, GROUP, BED_DAY or OTHER");
  }
  a.staff_group = in.staff_group();
  a.minutes = in.minutes();
  a.ward = in.ward();
  a.count = in.count();
  a.attendees = in.attendees() == 0 ? 1 : in.attendees();
  a.cost_pence = in.cost_pence();
  a.element_id = in.element_id();
  a.team = in.team();
  a.commissioner = in.commissioner();
  a.provider = in.provider();
  auto setting = ParsePaySetting(in.setting());
  if (!setting.ok()) return FieldError("setting", setting.status().message());
  a.setting = *setting;
  return a;
}

void CostResponseToProto(const std::vector<CostedPeriod>& periods,
                         const std::vector<ClusterCost>& clusters,
                         const CostingTotals& t, v1::CostResponse* out) {
  for (const CostedPeriod& c : periods) {
    v1::CostedPeriod* p = out->add_periods();
    p->set_patient_id(c.period.patient_id);
    p->set_cluster(c.period.cluster.code());
    p->set_start(FormatIsoDate(c.period.start));
    if (c.period.end) p->set_end(FormatIsoDate(*c.period.end));
    p->set_days(c.days);
    p->set_records(c.records);
    p->set_cost_pence(c.cost_pence);
    p->set_admitted_days(c.admitted_days);
    p->set_community_days(c.community_days);
    p->set_admitted_pence(c.admitted_pence);
    p->set_community_pence(c.community_pence);
  }
  for (const ClusterCost& c : clusters) {
    v1::ClusterCost* p = out->add_clusters();
    p->set_cluster(c.cluster.code());
    p->set_periods(c.periods);
    p->set_days(c.days);
    p->set_records(c.records);
    p->set_cost_pence(c.cost_pence);
  }
  out->set_records_read(t.records_read);
  out->set_records_rejected(t.records_rejected);
  out->set_clustered_records(t.clustered_records);
  out->set_clustered_pence(t.clustered_pence);
  out->set_unclustered_records(t.unclustered_records);
  out->set_unclustered_pence(t.unclustered_pence);
  out->set_unknown_patient_records(t.unknown_patient_records);
  out->set_total_pence(t.total_pence);
}

absl::StatusOr<TariffRequestContents> TariffRequestFromProto(
    const v1::TariffRequest& request) {
  TariffRequestContents contents;
  TariffSettings& settings = contents.settings;
  std::vector<CostSample>& samples = contents.samples;
  const v1::TariffSettings& in = request.settings();
  if (in.basis() != v1::BASIS_UNSPECIFIED) {  // unset: the default, day
    const std::optional<Basis> basis = BasisFromProto(in.basis());
    if (!basis) return FieldError("settings.basis", "unknown value");
    settings.basis = *basis;
  }
  if (!in.iqr_k().empty()) {
    auto k = ParseMultiplier(in.iqr_k());
    if (!k.ok()) return FieldError("settings.iqr_k", k.status().message());
    settings.iqr_k = *k;
  }
  settings.uplift_ppm = in.uplift_ppm();
  settings.efficiency_ppm = in.efficiency_ppm();
  if (in.min_periods() != 0) settings.min_periods = in.min_periods();
  settings.by_setting = in.by_setting();
  for (int i = 0; i < request.samples_size(); ++i) {
    const v1::CostSample& s = request.samples(i);
    auto c = Cluster::FromCode(s.cluster());
    if (!c.ok()) {
      return FieldError(absl::StrCat("samples[", i, "]"), c.status().message());
    }
    CostSample& sample = samples.emplace_back();
    sample.cluster = *c;
    sample.days = s.days();
    sample.cost_pence = s.cost_pence();
    if (s.has_split()) {
      sample.split =
          SettingSplit{s.split().admitted_days(), s.split().community_days(),
                       s.split().admitted_pence(), s.split().community_pence()};
    }
  }
  return contents;
}

v1::TariffResponse TariffResponseToProto(const TariffSetting& result) {
  v1::TariffResponse out;
  v1::TariffSchedule* schedule = out.mutable_schedule();
  schedule->set_source(result.schedule.source());
  for (const TariffEntry& e : result.schedule.entries()) {
    v1::TariffEntry* p = schedule->add_entries();
    p->set_cluster(e.cluster.code());
    p->set_basis(BasisToProto(e.basis));
    p->set_price_pence(e.price_pence);
    if (e.has_setting_prices()) {
      p->set_admitted_price_pence(*e.admitted_price_pence);
      p->set_community_price_pence(*e.community_price_pence);
    }
  }
  for (const ClusterEvidence& ev : result.evidence) {
    v1::ClusterEvidence* p = out.add_evidence();
    p->set_cluster(ev.cluster.code());
    p->set_periods(ev.periods);
    p->set_used(ev.used);
    p->set_excluded(ev.excluded);
    if (ev.lower_fence) p->set_lower_fence(ev.lower_fence->ToDecimal(4));
    if (ev.upper_fence) p->set_upper_fence(ev.upper_fence->ToDecimal(4));
    if (ev.mean_per_day) p->set_mean_per_day(FormatFixed(*ev.mean_per_day));
    if (ev.median_per_day)
      p->set_median_per_day(ev.median_per_day->ToDecimal(4));
    if (ev.cv) p->set_cv(FormatFixed(*ev.cv));
    if (ev.price_day_pence) p->set_price_day_pence(*ev.price_day_pence);
    if (ev.price_period_pence)
      p->set_price_period_pence(*ev.price_period_pence);
    if (ev.price_year_pence) p->set_price_year_pence(*ev.price_year_pence);
    p->set_status(ev.status == EvidenceStatus::kPriced ? v1::EVIDENCE_PRICED
                  : ev.status == EvidenceStatus::kTooFewPeriods
                      ? v1::EVIDENCE_TOO_FEW_PERIODS
                      : v1::EVIDENCE_VARIANCE);
    p->set_admitted_days(ev.admitted_days);
    p->set_community_days(ev.community_days);
    if (ev.admitted_price_pence) {
      p->set_admitted_price_pence(*ev.admitted_price_pence);
    }
    if (ev.community_price_pence) {
      p->set_community_price_pence(*ev.community_price_pence);
    }
  }
  return out;
}

}  // namespace mhpbr
