#include "mhpbr/admitted_nights.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace mhpbr {
namespace {

// Past any period a tariff prices: keeps a huge count from overflowing
// the date arithmetic.
constexpr int64_t kMaxStayNights = 1000000;

}  // namespace

std::optional<Stay> StayOf(const ActivityRecord& record) {
  if (!IsStay(record) || record.count <= 0) return std::nullopt;
  return Stay{record.patient_id, record.date, record.count};
}

void SetAdmittedNights(absl::Span<const Stay> stays,
                       absl::Span<PeriodToPrice> periods) {
  // Each patient's stays, sorted and merged once, then clipped per period.
  std::map<absl::string_view, std::vector<NightSpan>> by_patient;
  for (const PeriodToPrice& p : periods) by_patient[p.patient_id];
  for (const Stay& s : stays) {
    auto it = by_patient.find(s.patient_id);
    if (it == by_patient.end() || s.nights <= 0) continue;
    it->second.push_back(
        {s.first, s.first + (std::min(s.nights, kMaxStayNights) - 1)});
  }
  for (auto& [patient, spans] : by_patient) {
    std::sort(spans.begin(), spans.end(),
              [](const NightSpan& a, const NightSpan& b) {
                return a.first < b.first;
              });
    std::vector<NightSpan> merged;
    for (const NightSpan& s : spans) {
      if (!merged.empty() && s.first <= merged.back().last + 1) {
        merged.back().last = std::max(merged.back().last, s.last);
      } else {
        merged.push_back(s);
      }
    }
    spans = std::move(merged);
  }
  for (PeriodToPrice& p : periods) {
    p.admitted_nights.clear();
    for (const NightSpan& s : by_patient[p.patient_id]) {
      if (p.end && s.first > *p.end) break;
      if (s.last < p.start) continue;
      NightSpan clipped{std::max(s.first, p.start), s.last};
      if (p.end) clipped.last = std::min(clipped.last, *p.end);
      p.admitted_nights.push_back(clipped);
    }
  }
}

int64_t NightsWithin(absl::Span<const NightSpan> spans, absl::CivilDay lo,
                     absl::CivilDay hi) {
  int64_t n = 0;
  for (const NightSpan& s : spans) {
    const absl::CivilDay a = std::max(s.first, lo);
    const absl::CivilDay b = std::min(s.last, hi);
    if (b >= a) n += b - a + 1;
  }
  return n;
}

}  // namespace mhpbr
