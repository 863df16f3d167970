#include "lib/codec/outcomes_proto.h"

#include <utility>

#include "mhpbr/dates.h"

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

}  // namespace mhpbr
