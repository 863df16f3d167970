#include "mhpbr/period_step.h"

namespace mhpbr {

PeriodStep StepOf(const PeriodToPrice& p, const PeriodToPrice* before) {
  PeriodStep s;
  s.start = p.start;
  s.open = !p.end.has_value();
  if (p.end) s.end = *p.end;
  s.cluster = p.cluster;
  s.same_patient = before != nullptr && before->patient_id == p.patient_id;
  return s;
}

std::vector<PeriodStep> PeriodSteps(absl::Span<const PeriodToPrice> periods,
                                    bool* sorted) {
  std::vector<PeriodStep> steps;
  steps.reserve(periods.size());
  *sorted = true;
  for (size_t i = 0; i < periods.size(); ++i) {
    const PeriodToPrice& p = periods[i];
    PeriodStep& s = steps.emplace_back(StepOf(p, nullptr));
    if (i == 0) continue;
    // One comparison of the ids tells both the order and the patient.
    const PeriodToPrice& before = periods[i - 1];
    const int c = p.patient_id.compare(before.patient_id);
    s.same_patient = c == 0;
    if (c < 0 || (c == 0 && p.start < before.start)) *sorted = false;
  }
  return steps;
}

}  // namespace mhpbr
