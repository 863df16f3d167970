#include "lib/codec/pricing_proto.h"

#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

absl::Status FieldError(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

}  // namespace

v1::Basis BasisToProto(Basis b) {
  switch (b) {
    case Basis::kDay:
      return v1::BASIS_DAY;
    case Basis::kPeriod:
      return v1::BASIS_PERIOD;
    case Basis::kYear:
      return v1::BASIS_YEAR;
  }
  return v1::BASIS_UNSPECIFIED;
}

std::optional<Basis> BasisFromProto(v1::Basis b) {
  switch (b) {
    case v1::BASIS_DAY:
      return Basis::kDay;
    case v1::BASIS_PERIOD:
      return Basis::kPeriod;
    case v1::BASIS_YEAR:
      return Basis::kYear;
    default:
      return std::nullopt;
  }
}

absl::StatusOr<Contract> ContractFromProto(const v1::Contract& proto) {
  Contract c;
  c.commissioner = proto.commissioner();
  c.provider = proto.provider();
  auto start = ParseIsoDate(proto.year_start());
  if (!start.ok()) {
    return FieldError("contract year_start", start.status().message());
  }
  c.year_start = *start;
  c.mff_ppm = proto.mff_ppm();
  switch (proto.partial_period()) {
    case v1::FULL:
      c.partial_period = PartialPeriod::kFull;
      break;
    case v1::PRO_RATA:
      c.partial_period = PartialPeriod::kProRata;
      break;
    default:
      return FieldError("contract partial_period", "must be FULL or PRO_RATA");
  }
  switch (proto.social_care()) {
    case v1::POOLED:
      c.social_care = SocialCare::kPooled;
      break;
    case v1::DECOUPLED:
      c.social_care = SocialCare::kDecoupled;
      break;
    default:
      return FieldError("contract social_care", "must be POOLED or DECOUPLED");
  }
  c.baseline_pence = proto.baseline_pence();
  for (const v1::RiskBand& b : proto.risk_bands()) {
    RiskBand band;
    if (b.has_from_pct()) band.from_pct = b.from_pct();
    if (b.has_to_pct()) band.to_pct = b.to_pct();
    band.rate_ppm = b.rate_ppm();
    c.risk_bands.push_back(band);
  }
  c.withhold_ppm = proto.withhold_ppm();
  for (const v1::Outcome& o : proto.outcomes()) {
    OutcomeIndicator& out = c.outcomes.emplace_back();
    out.name = o.name();
    out.weight_ppm = o.weight_ppm();
    out.attainment_ppm = o.attainment_ppm();
    out.attainment_given = o.has_attainment_ppm();
    if (o.has_floor_ppm()) out.floor_ppm = o.floor_ppm();
    if (o.has_target_ppm()) out.target_ppm = o.target_ppm();
  }
  switch (proto.incentive()) {
    case v1::INCENTIVE_UNSPECIFIED:
    case v1::WITHHOLD:
      c.incentive = Incentive::kWithhold;
      break;
    case v1::BONUS:
      c.incentive = Incentive::kBonus;
      break;
    default:
      return FieldError("contract incentive", "must be WITHHOLD or BONUS");
  }
  c.bonus_pot_pence = proto.bonus_pot_pence();
  MHPBR_RETURN_IF_ERROR(ValidateContract(c));
  return c;
}

absl::StatusOr<TariffSchedule> TariffFromProto(
    const v1::TariffSchedule& proto) {
  std::vector<TariffEntry> entries;
  for (int i = 0; i < proto.entries_size(); ++i) {
    const v1::TariffEntry& e = proto.entries(i);
    const std::string field = absl::StrCat("tariff.entries[", i, "]");
    TariffEntry out;
    auto c = Cluster::FromCode(e.cluster());
    if (!c.ok()) return FieldError(field, c.status().message());
    out.cluster = *c;
    const std::optional<Basis> basis = BasisFromProto(e.basis());
    if (!basis) {
      return FieldError(field,
                        "basis must be BASIS_DAY, BASIS_PERIOD or BASIS_YEAR");
    }
    out.basis = *basis;
    out.price_pence = e.price_pence();
    out.social_care_ppm = e.social_care_ppm();
    if (e.has_admitted_price_pence()) {
      out.admitted_price_pence = e.admitted_price_pence();
    }
    if (e.has_community_price_pence()) {
      out.community_price_pence = e.community_price_pence();
    }
    for (const auto& [name, text, day] :
         {std::make_tuple("effective_from", &e.effective_from(),
                          &out.effective_from),
          std::make_tuple("effective_to", &e.effective_to(),
                          &out.effective_to)}) {
      if (text->empty()) continue;
      auto d = ParseIsoDate(*text);
      if (!d.ok()) {
        return FieldError(absl::StrCat(field, ".", name), d.status().message());
      }
      *day = *d;
    }
    entries.push_back(out);
  }
  return TariffSchedule::Create(std::move(entries), proto.source());
}

void StatementTotalsToProto(const StatementTotals& t, bool decoupled,
                            v1::StatementTotals* p) {
  p->set_baseline_pence(t.baseline_pence);
  p->set_activity_pence(t.activity_pence);
  p->set_risk_shared_pence(t.risk_shared_pence);
  p->set_risk_share_pence(t.risk_share_pence);
  p->set_withheld_pence(t.withheld_pence);
  p->set_earned_pence(t.earned_pence);
  p->set_payment_pence(t.payment_pence);
  if (decoupled) {
    p->set_health_pence(t.health_pence);
    p->set_social_care_pence(t.social_care_pence);
  }
}

v1::Statement StatementToProto(const Statement& st) {
  v1::Statement out;
  out.set_decoupled(st.decoupled);
  for (const StatementLine& l : st.lines) {
    v1::StatementLine* p = out.add_lines();
    p->set_patient_id(l.patient_id);
    p->set_cluster(l.cluster ? l.cluster->code() : -1);
    if (!l.one_off) {
      p->set_start(FormatIsoDate(l.start));
      if (l.end) p->set_end(FormatIsoDate(*l.end));
    }
    p->set_days_in_year(l.days_in_year);
    if (l.basis) p->set_basis(BasisToProto(*l.basis));
    p->set_units(l.units);
    p->set_amount_pence(l.amount_pence);
    p->set_social_care_pence(l.social_care_pence);
    switch (l.status) {
      case LineStatus::kPriced:
        p->set_status(v1::PRICED);
        break;
      case LineStatus::kUnpriced:
        p->set_status(v1::UNPRICED);
        break;
      case LineStatus::kNoCommissioner:
        p->set_status(v1::NO_COMMISSIONER);
        break;
    }
    p->set_one_off(l.one_off);
    p->set_item(l.item);
    p->set_commissioner(l.commissioner);
  }
  for (const ClusterStatement& c : st.clusters) {
    v1::ClusterStatement* p = out.add_clusters();
    p->set_cluster(c.cluster.code());
    p->set_patients(c.patients);
    p->set_periods(c.periods);
    p->set_days(c.days);
    p->set_amount_pence(c.amount_pence);
  }
  StatementTotalsToProto(st.totals, st.decoupled, out.mutable_totals());
  for (const OutcomeAttainment& a : st.outcomes) {
    v1::OutcomeAttainment* o = out.add_outcomes();
    o->set_name(a.name);
    o->set_weight_ppm(a.weight_ppm);
    o->set_attainment_ppm(a.attainment_ppm);
    o->set_measured(a.measured);
    o->set_no_value(a.no_value);
    if (a.value_ppm) o->set_value_ppm(*a.value_ppm);
  }
  return out;
}

absl::StatusOr<std::vector<PeriodToPrice>> PeriodsFromProto(
    const google::protobuf::RepeatedPtrField<v1::PeriodToPrice>& in_periods) {
  std::vector<PeriodToPrice> periods;
  periods.reserve(in_periods.size());
  for (int i = 0; i < in_periods.size(); ++i) {
    const v1::PeriodToPrice& in = in_periods[i];
    const std::string field = absl::StrCat("periods[", i, "]");
    PeriodToPrice p;
    p.patient_id = in.patient_id();
    p.line = i + 1;
    p.commissioner = in.commissioner();
    p.provider = in.provider();
    auto c = Cluster::FromCode(in.cluster());
    if (!c.ok()) return FieldError(field, c.status().message());
    p.cluster = *c;
    auto start = ParseIsoDate(in.start());
    if (!start.ok()) {
      return FieldError(absl::StrCat(field, ".start"),
                        start.status().message());
    }
    p.start = *start;
    if (!in.end().empty()) {
      auto end = ParseIsoDate(in.end());
      if (!end.ok()) {
        return FieldError(absl::StrCat(field, ".end"), end.status().message());
      }
      p.end = *end;
    }
    periods.push_back(std::move(p));
  }
  return periods;
}

absl::StatusOr<std::vector<MeasuredIndicator>> IndicatorsFromProto(
    const google::protobuf::RepeatedPtrField<v1::MeasuredIndicator>& in) {
  std::vector<MeasuredIndicator> out;
  out.reserve(in.size());
  for (int i = 0; i < in.size(); ++i) {
    const v1::MeasuredIndicator& m = in[i];
    MeasuredIndicator x;
    x.name = m.indicator();
    x.numerator = m.numerator();
    x.denominator = m.denominator();
    if (m.has_value_ppm()) x.value_ppm = m.value_ppm();
    x.line = i + 1;
    const std::string field = absl::StrCat("indicators[", i, "]");
    if (absl::Status s = ValidateIndicator(x); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".", s.message()));
    }
    for (const MeasuredIndicator& prior : out) {
      if (prior.name == x.name) {
        return FieldError(absl::StrCat(field, ".indicator"),
                          absl::StrCat("'", x.name,
                                       "' is given twice (first "
                                       "at indicators[",
                                       prior.line - 1, "])"));
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<OneOff> OneOffsFromProto(
    const google::protobuf::RepeatedPtrField<v1::OneOff>& in) {
  std::vector<OneOff> one_offs;
  one_offs.reserve(in.size());
  for (int i = 0; i < in.size(); ++i) {
    one_offs.push_back({in[i].item(), in[i].count(), in[i].price_pence(), i + 1,
                        in[i].commissioner()});
  }
  return one_offs;
}

}  // namespace mhpbr
