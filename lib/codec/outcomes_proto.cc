#include "lib/codec/outcomes_proto.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/unit_comparison_csv.h"

namespace mhpbr {
namespace {

v1::PairStatus ToProto(PairStatus s) {
  switch (s) {
    case PairStatus::kPaired:
      return v1::PAIRED;
    case PairStatus::kNoStart:
      return v1::NO_START;
    case PairStatus::kNoFollowUp:
      return v1::NO_FOLLOW_UP;
  }
  return v1::PAIR_STATUS_UNSPECIFIED;
}

v1::ChangeOutcome ToProto(Outcome o) {
  switch (o) {
    case Outcome::kNoChange:
      return v1::NO_CHANGE;
    case Outcome::kImproved:
      return v1::IMPROVED;
    case Outcome::kDeteriorated:
      return v1::DETERIORATED;
  }
  return v1::CHANGE_OUTCOME_UNSPECIFIED;
}

// The figures a v1::ClusterOutcomes and a v1::UnitOutcomes share.
template <typename Message>
void SetCounts(const OutcomeCounts& c, Message* p) {
  p->set_periods(c.periods);
  p->set_paired(c.paired);
  p->set_improved(c.improved);
  p->set_no_change(c.no_change);
  p->set_deteriorated(c.deteriorated);
  p->set_change_sum(c.change_sum);
}

}  // namespace

void OutcomesToProto(absl::Span<const ClusterPeriod> periods,
                     absl::Span<const ScoredAssessment> assessments,
                     const OutcomesResult& result, v1::OutcomesResponse* out) {
  for (size_t i = 0; i < periods.size() && i < result.periods.size(); ++i) {
    const ClusterPeriod& p = periods[i];
    const PeriodOutcome& r = result.periods[i];
    v1::PeriodOutcome* o = out->add_periods();
    o->set_patient_id(p.patient_id);
    o->set_cluster(p.cluster.code());
    o->set_start(FormatIsoDate(p.start));
    if (p.end) o->set_end(FormatIsoDate(*p.end));
    o->set_status(ToProto(r.status));
    if (r.start) {
      const ScoredAssessment& a = assessments[*r.start];
      o->set_start_assessment(a.assessment_id);
      o->set_start_date(FormatIsoDate(a.date));
      o->set_start_total(a.score.total);
    }
    if (r.follow_up) {
      const ScoredAssessment& a = assessments[*r.follow_up];
      o->set_follow_up_assessment(a.assessment_id);
      o->set_follow_up_date(FormatIsoDate(a.date));
      o->set_follow_up_total(a.score.total);
    }
    if (r.status == PairStatus::kPaired) {
      o->set_change(r.change);
      o->set_change_behaviour(r.subscale_change[0]);
      o->set_change_impairment(r.subscale_change[1]);
      o->set_change_symptoms(r.subscale_change[2]);
      o->set_change_social(r.subscale_change[3]);
      o->set_outcome(ToProto(r.outcome));
      o->set_clinically_significant(r.clinically_significant);
    }
  }
  for (const MeasuredIndicator& m : result.indicators) {
    v1::MeasuredIndicator* p = out->add_indicators();
    p->set_indicator(m.name);
    p->set_numerator(m.numerator);
    p->set_denominator(m.denominator);
    if (m.value_ppm) p->set_value_ppm(*m.value_ppm);
  }
  for (const ClusterOutcomes& c : result.by_cluster) {
    v1::ClusterOutcomes* p = out->add_by_cluster();
    p->set_cluster(c.cluster.code());
    SetCounts(c, p);
  }
  for (auto [from, to] :
       {std::pair{&result.by_team, out->mutable_by_team()},
        std::pair{&result.by_commissioner, out->mutable_by_commissioner()}}) {
    for (const UnitOutcomes& u : *from) {
      v1::UnitOutcomes* p = to->Add();
      p->set_unit(u.unit);
      SetCounts(u, p);
    }
  }
  out->set_assessments_unscorable(result.assessments_unscorable);
  out->set_stays(result.stays);
  out->set_stays_not_yet_due(result.stays_not_yet_due);
}

void FairComparisonToProto(const FairComparison& f, const OutcomeRules& rules,
                           v1::OutcomesResponse* out) {
  for (const UnitComparison& u : f.units) {
    // The cells of --by-unit, so the decimals are the file's text.
    const std::vector<std::string> c = UnitComparisonCells(u);
    v1::UnitComparison* p = out->add_by_unit();
    p->set_unit(u.unit);
    p->set_periods(u.periods);
    p->set_paired(u.paired);
    p->set_improved(u.improved);
    p->set_expected(c[4]);
    p->set_ratio(c[5]);
    p->set_low_998(c[6]);
    p->set_low_95(c[7]);
    p->set_high_95(c[8]);
    p->set_high_998(c[9]);
    p->set_flag(c[10]);
    p->set_discharges(u.discharges);
    p->set_reallocated_90(u.reallocated_90);
    if (u.reallocated_90_ppm) p->set_reallocated_90_ppm(*u.reallocated_90_ppm);
  }
  for (const ReferenceStratum& r : f.strata) {
    v1::ReferenceStratum* p = out->add_strata();
    p->set_cluster(r.cluster.code());
    p->set_band(StartTotalBandName(r.band, rules));
    p->set_paired(r.paired);
    p->set_improved(r.improved);
  }
  out->set_unadjusted(f.unadjusted);
  out->set_no_unit(f.no_unit);
}

absl::StatusOr<std::vector<ReferenceStratum>> ReferenceFromProto(
    const google::protobuf::RepeatedPtrField<v1::ReferenceStratum>& in,
    const OutcomeRules& rules) {
  std::vector<ReferenceStratum> out;
  for (int i = 0; i < in.size(); ++i) {
    const v1::ReferenceStratum& r = in[i];
    absl::StatusOr<Cluster> c = Cluster::FromCode(r.cluster());
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("reference[", i, "]: cluster: ", c.status().message()));
    }
    std::optional<int> band = ParseStartTotalBand(r.band(), rules);
    if (!band) {
      return absl::InvalidArgumentError(
          absl::StrCat("reference[", i, "]: band: '", r.band(),
                       "' is not one of the rule set's"));
    }
    out.push_back({*c, *band, r.paired(), r.improved()});
  }
  return out;
}

}  // namespace mhpbr
