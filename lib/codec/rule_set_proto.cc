#include "lib/codec/rule_set_proto.h"

#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/util/status_macros.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

std::optional<Superclass> FromProto(v1::Superclass s) {
  switch (s) {
    case v1::VARIANCE:
      return Superclass::kVariance;
    case v1::NON_PSYCHOTIC:
      return Superclass::kNonPsychotic;
    case v1::PSYCHOTIC:
      return Superclass::kPsychotic;
    case v1::ORGANIC:
      return Superclass::kOrganic;
    default:
      return std::nullopt;
  }
}

v1::Superclass ToProto(Superclass s) {
  switch (s) {
    case Superclass::kVariance:
      return v1::VARIANCE;
    case Superclass::kNonPsychotic:
      return v1::NON_PSYCHOTIC;
    case Superclass::kPsychotic:
      return v1::PSYCHOTIC;
    case Superclass::kOrganic:
      return v1::ORGANIC;
  }
  return v1::SUPERCLASS_UNSPECIFIED;
}

absl::StatusOr<absl::CivilDay> ProvenanceDate(absl::string_view field,
                                              absl::string_view text) {
  auto day = ParseIsoDate(text);
  if (!day.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("provenance.", field, ": ", day.status().message()));
  }
  return *day;
}

// Absent fields keep SpcRules' defaults.
void SpcRulesFromProto(const v1::SpcRules& p, SpcRules* s) {
  s->source = p.source();
  const std::pair<bool, int SpcRules::*> fields[] = {
      {p.has_limit_milli(), &SpcRules::limit_milli},
      {p.has_near_numerator(), &SpcRules::near_numerator},
      {p.has_near_denominator(), &SpcRules::near_denominator},
      {p.has_screen_milli(), &SpcRules::screen_milli},
      {p.has_run_length(), &SpcRules::run_length},
      {p.has_trend_length(), &SpcRules::trend_length},
      {p.has_short_below(), &SpcRules::short_below},
  };
  const int values[] = {p.limit_milli(),      p.near_numerator(),
                        p.near_denominator(), p.screen_milli(),
                        p.run_length(),       p.trend_length(),
                        p.short_below()};
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (fields[i].first) s->*fields[i].second = values[i];
  }
}

void SpcRulesToProto(const SpcRules& s, v1::SpcRules* p) {
  p->set_source(s.source);
  p->set_limit_milli(s.limit_milli);
  p->set_near_numerator(s.near_numerator);
  p->set_near_denominator(s.near_denominator);
  p->set_screen_milli(s.screen_milli);
  p->set_run_length(s.run_length);
  p->set_trend_length(s.trend_length);
  p->set_short_below(s.short_below);
}

}  // namespace

absl::StatusOr<RuleSetContents> ContentsFromProto(const v1::RuleSet& proto) {
  RuleSetContents c;
  const v1::Provenance& p = proto.provenance();
  c.provenance.source = p.source();
  c.provenance.financial_year = p.financial_year();
  c.provenance.notes = p.notes();
  c.provenance.version = p.version();
  MHPBR_ASSIGN_OR_RETURN(c.provenance.effective_from,
                         ProvenanceDate("effective_from", p.effective_from()));
  if (!p.effective_to().empty()) {
    MHPBR_ASSIGN_OR_RETURN(c.provenance.effective_to,
                           ProvenanceDate("effective_to", p.effective_to()));
  }
  for (const v1::Item& it : proto.items()) {
    ItemInfo info{it.code(), it.name(), ItemSection::kCurrent};
    switch (it.section()) {
      case v1::CURRENT:
        break;
      case v1::HISTORICAL:
        info.section = ItemSection::kHistorical;
        break;
      case v1::ITEM_8_TYPE:
        info.section = ItemSection::kItem8Type;
        break;
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("item ", it.code(), ": section is missing"));
    }
    c.items.push_back(std::move(info));
  }
  for (const v1::Cluster& cl : proto.clusters()) {
    RuleSetContents::ClusterEntry e;
    e.code = cl.code();
    e.name = cl.name();
    e.superclass = FromProto(cl.superclass());
    e.subgroup = cl.subgroup();
    e.review_count = cl.max_review().count();
    if (cl.max_review().unit() == v1::WEEKS) {
      e.review_unit = ReviewPeriod::Unit::kWeeks;
    } else if (cl.max_review().unit() == v1::MONTHS) {
      e.review_unit = ReviewPeriod::Unit::kMonths;
    }
    c.clusters.push_back(std::move(e));
  }
  for (const v1::Profile& pr : proto.profiles()) {
    RuleSetContents::Profile out;
    out.cluster = pr.cluster();
    for (const v1::ProfileRow& row : pr.rows()) {
      out.rows.push_back({row.item(), row.bands()});
    }
    c.profiles.push_back(std::move(out));
  }
  if (!proto.has_weights()) {
    return absl::InvalidArgumentError("weights: missing");
  }
  c.weights = {proto.weights().must(), proto.weights().expected(),
               proto.weights().likely(), proto.weights().unlikely()};
  c.min_known_items = proto.min_known_items();
  // An absent table means the national default: every move allowed.
  c.allow_all_transitions =
      !proto.has_transitions() || proto.transitions().allow_all();
  for (const v1::TransitionRow& t : proto.transitions().rows()) {
    c.transitions.push_back({t.from(), {t.to().begin(), t.to().end()}});
  }
  for (const v1::Example& e : proto.examples()) {
    c.examples.push_back(
        {e.cluster(), {e.ratings().begin(), e.ratings().end()}});
  }
  switch (proto.day_count()) {
    case v1::DAY_COUNT_UNSPECIFIED:
    case v1::INCLUSIVE:
      c.day_count = DayCount::kInclusive;
      break;
    case v1::MHSDS:
      c.day_count = DayCount::kMhsds;
      break;
    default:
      return absl::InvalidArgumentError("day_count: unknown value");
  }
  // Absent fields keep OutcomeRules' defaults.
  const v1::OutcomeRules& o = proto.outcomes();
  c.outcomes.source = o.source();
  if (o.has_max_unknown_items()) {
    c.outcomes.max_unknown_items = o.max_unknown_items();
  }
  if (o.has_start_before_days()) {
    c.outcomes.start_before_days = o.start_before_days();
  }
  if (o.has_start_after_days()) {
    c.outcomes.start_after_days = o.start_after_days();
  }
  if (o.has_min_interval_days()) {
    c.outcomes.min_interval_days = o.min_interval_days();
  }
  if (o.has_end_after_days()) c.outcomes.end_after_days = o.end_after_days();
  if (o.has_reliable_change()) {
    c.outcomes.reliable_change = o.reliable_change();
  }
  if (o.has_clinical_cutoff()) {
    c.outcomes.clinical_cutoff = o.clinical_cutoff();
  }
  if (o.has_follow_up_days()) c.outcomes.follow_up_days = o.follow_up_days();
  SpcRulesFromProto(proto.spc(), &c.spc);
  if (proto.suppression().has_threshold()) {
    c.suppression.threshold = proto.suppression().threshold();
  }
  if (proto.suppression().has_base()) {
    c.suppression.base = proto.suppression().base();
  }
  if (o.band_upper_size() > 0) {
    c.outcomes.band_upper.assign(o.band_upper().begin(), o.band_upper().end());
  }
  return c;
}

v1::RuleSet ContentsToProto(const RuleSetContents& c) {
  v1::RuleSet proto;
  v1::Provenance* p = proto.mutable_provenance();
  p->set_source(c.provenance.source);
  p->set_financial_year(c.provenance.financial_year);
  p->set_effective_from(FormatIsoDate(c.provenance.effective_from));
  if (c.provenance.effective_to) {
    p->set_effective_to(FormatIsoDate(*c.provenance.effective_to));
  }
  p->set_notes(c.provenance.notes);
  p->set_version(c.provenance.version);
  for (const ItemInfo& it : c.items) {
    v1::Item* out = proto.add_items();
    out->set_code(it.code);
    out->set_name(it.name);
    out->set_section(it.section == ItemSection::kCurrent ? v1::CURRENT
                     : it.section == ItemSection::kHistorical
                         ? v1::HISTORICAL
                         : v1::ITEM_8_TYPE);
  }
  for (const auto& cl : c.clusters) {
    v1::Cluster* out = proto.add_clusters();
    out->set_code(cl.code);
    out->set_name(cl.name);
    if (cl.superclass) out->set_superclass(ToProto(*cl.superclass));
    out->set_subgroup(cl.subgroup);
    out->mutable_max_review()->set_count(cl.review_count);
    if (cl.review_unit) {
      out->mutable_max_review()->set_unit(
          *cl.review_unit == ReviewPeriod::Unit::kWeeks ? v1::WEEKS
                                                        : v1::MONTHS);
    }
  }
  for (const auto& pr : c.profiles) {
    v1::Profile* out = proto.add_profiles();
    out->set_cluster(pr.cluster);
    for (const auto& row : pr.rows) {
      v1::ProfileRow* r = out->add_rows();
      r->set_item(row.item);
      r->set_bands(row.bands);
    }
  }
  v1::Weights* w = proto.mutable_weights();
  w->set_must(c.weights.must);
  w->set_expected(c.weights.expected);
  w->set_likely(c.weights.likely);
  w->set_unlikely(c.weights.unlikely);
  proto.set_min_known_items(c.min_known_items);
  v1::TransitionTable* t = proto.mutable_transitions();
  t->set_allow_all(c.allow_all_transitions);
  for (const auto& row : c.transitions) {
    v1::TransitionRow* r = t->add_rows();
    r->set_from(row.from);
    for (int to : row.to) r->add_to(to);
  }
  for (const auto& e : c.examples) {
    v1::Example* out = proto.add_examples();
    out->set_cluster(e.cluster);
    for (int r : e.ratings) out->add_ratings(r);
  }
  if (c.day_count == DayCount::kMhsds) proto.set_day_count(v1::MHSDS);
  v1::OutcomeRules* o = proto.mutable_outcomes();
  o->set_source(c.outcomes.source);
  o->set_max_unknown_items(c.outcomes.max_unknown_items);
  o->set_start_before_days(c.outcomes.start_before_days);
  o->set_start_after_days(c.outcomes.start_after_days);
  o->set_min_interval_days(c.outcomes.min_interval_days);
  o->set_end_after_days(c.outcomes.end_after_days);
  o->set_reliable_change(c.outcomes.reliable_change);
  o->set_clinical_cutoff(c.outcomes.clinical_cutoff);
  o->set_follow_up_days(c.outcomes.follow_up_days);
  SpcRulesToProto(c.spc, proto.mutable_spc());
  proto.mutable_suppression()->set_threshold(c.suppression.threshold);
  proto.mutable_suppression()->set_base(c.suppression.base);
  for (int b : c.outcomes.band_upper) o->add_band_upper(b);
  return proto;
}

}  // namespace mhpbr
