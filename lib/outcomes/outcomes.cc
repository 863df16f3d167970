#include "mhpbr/outcomes.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/monthly_tally.h"
#include "mhpbr/patient_index.h"

namespace mhpbr {

absl::string_view PairStatusName(PairStatus s) {
  switch (s) {
    case PairStatus::kPaired:
      return "paired";
    case PairStatus::kNoStart:
      return "no_start";
    case PairStatus::kNoFollowUp:
      return "no_follow_up";
  }
  return "";
}

absl::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kNoChange:
      return "no_change";
    case Outcome::kImproved:
      return "improved";
    case Outcome::kDeteriorated:
      return "deteriorated";
  }
  return "";
}

namespace {

// HoNOS items 1-12 and the subscale each belongs to.
constexpr int kHonosItems = 12;
constexpr Subscale kSubscaleOf[kHonosItems] = {
    Subscale::kBehaviour,  Subscale::kBehaviour,  Subscale::kBehaviour,
    Subscale::kImpairment, Subscale::kImpairment, Subscale::kSymptoms,
    Subscale::kSymptoms,   Subscale::kSymptoms,   Subscale::kSocial,
    Subscale::kSocial,     Subscale::kSocial,     Subscale::kSocial};

// Days since 1970-01-01, so that the hot loops compare plain integers.
// (H. Hinnant's days_from_civil: a few integer operations, where
// subtracting CivilDays normalises both.)
int64_t DayNumber(absl::CivilDay d) {
  const int64_t m = d.month();
  const int64_t y = d.year() - (m <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;  // 0-399
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day() - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // 0-146096
  return era * 146097 + doe - 719468;
}

// A scorable assessment of a patient with periods: its day, its place in
// the input and its scores, so that pairing reads the candidates in order
// and never goes back to the (large) assessments. 16 bytes: a total is at
// most 48, a subscale 16.
struct Candidate {
  int32_t day;
  uint32_t index;
  int8_t total;
  std::array<int8_t, kSubscaleCount> subscales;
};
static_assert(sizeof(Candidate) == 16, "a candidate is 16 bytes");

// Scores ScoreHonos could give: a caller that fills them itself is checked.
bool ValidScore(const HonosScore& s) {
  bool ok = s.total >= 0 && s.total <= 48;
  for (int v : s.subscales) ok = ok && v >= 0 && v <= 16;
  return ok;
}

// A key for searching candidates by day.
Candidate AtDay(int32_t day) { return {day, 0, 0, {}}; }

MeasuredIndicator Indicator(absl::string_view name, int64_t numerator,
                            int64_t denominator) {
  MeasuredIndicator v;
  v.name = std::string(name);
  v.numerator = numerator;
  v.denominator = denominator;
  if (denominator > 0) {
    // Cannot fail: numerator <= denominator, both well within 64 bits.
    v.value_ppm = *RoundDiv(Int128(numerator) * kPpm, denominator);
  }
  return v;
}

// Reviews held on time, and reviews due, of one period (outcomes.md).
void CountReviews(const ClusterPeriod& p, int64_t* on_time, int64_t* due) {
  int64_t held = p.reviews;
  int64_t late = p.reviews_late;
  if (p.reallocated) {
    // The allocation that ended the period, held the day after its end.
    ++held;
    late += (*p.end + 1) > p.review_due;
  }
  *on_time += held - late;
  *due += held + (p.overdue_days > 0 && !p.reallocated ? 1 : 0);
}

// Inpatient stays and their follow-up contacts: stays followed up, stays
// due, all stays.
struct StayCounts {
  int64_t followed_up = 0;
  int64_t due = 0;
  int64_t stays = 0;
  // followed_up and due by the month of the stay's last bed day.
  MonthlyTally<std::pair<int64_t, int64_t>> by_month;
};

StayCounts CountStays(absl::Span<const ActivityRecord> activity, int64_t as_of,
                      int64_t follow_up_days) {
  // One entry per bed-day record (its first and last day) or contact,
  // grouped by patient with a counting sort.
  struct Entry {
    int32_t patient;
    bool contact;
    int64_t first, last;
  };
  PatientIndex patients;
  std::vector<Entry> entries;
  std::vector<size_t> bounds(1, 0);
  // Patients looked up a batch at a time, their slots fetched from memory
  // before any is used.
  constexpr size_t kBatch = 16;
  for (size_t at = 0; at < activity.size(); at += kBatch) {
    const size_t n = std::min(kBatch, activity.size() - at);
    for (size_t k = 0; k < n; ++k) {
      patients.Prefetch(PatientIndex::Hash(activity[at + k].patient_id));
    }
    for (size_t k = 0; k < n; ++k) {
      const ActivityRecord& r = activity[at + k];
      const bool contact = r.kind == ActivityKind::kContact;
      if (!contact && (r.kind != ActivityKind::kBedDay || r.count <= 0)) {
        continue;
      }
      const int32_t p = patients.Add(r.patient_id);
      if (p == PatientIndex::kNone) continue;  // 2^31 people: not reached
      if (static_cast<size_t>(p) + 2 > bounds.size()) bounds.push_back(0);
      ++bounds[p + 1];
      const int64_t first = DayNumber(r.date);
      entries.push_back(
          {p, contact, first, contact ? first : first + r.count - 1});
    }
  }
  for (size_t k = 1; k < bounds.size(); ++k) bounds[k] += bounds[k - 1];
  std::vector<Entry> grouped(entries.size());
  {
    std::vector<size_t> next(bounds.begin(), bounds.end() - 1);
    for (const Entry& e : entries) grouped[next[e.patient]++] = e;
  }
  entries = std::vector<Entry>();

  StayCounts out;
  std::vector<std::pair<int64_t, int64_t>> beds;
  std::vector<int64_t> contacts;
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    beds.clear();
    contacts.clear();
    for (size_t i = bounds[k]; i < bounds[k + 1]; ++i) {
      if (grouped[i].contact) {
        contacts.push_back(grouped[i].first);
      } else {
        beds.emplace_back(grouped[i].first, grouped[i].last);
      }
    }
    if (beds.empty()) continue;
    std::sort(beds.begin(), beds.end());
    std::sort(contacts.begin(), contacts.end());
    const auto stay = [&](int64_t end) {
      ++out.stays;
      if (end + follow_up_days > as_of) return;  // not yet due
      ++out.due;
      auto& [month_followed_up, month_due] =
          out.by_month[absl::CivilMonth(absl::CivilDay(1970, 1, 1) + end)];
      ++month_due;
      auto it = std::lower_bound(contacts.begin(), contacts.end(), end + 1);
      if (it != contacts.end() && *it <= end + follow_up_days) {
        ++out.followed_up;
        ++month_followed_up;
      }
    };
    int64_t end = beds[0].second;
    for (size_t i = 1; i < beds.size(); ++i) {
      if (beds[i].first > end + 1) {  // a day between: a new stay
        stay(end);
        end = beds[i].second;
      } else {
        end = std::max(end, beds[i].second);
      }
    }
    stay(end);
  }
  return out;
}

// Sums periods' outcomes into groups by a key: the one grouping behind by
// cluster, by team and by commissioner. Hashed, with the last group kept at
// hand, as periods of one key tend to come together; MeasureOutcomes feeds
// its three groupers in one pass over the periods (each pass over a million
// periods is memory-bound).
template <typename Key>
class OutcomeGrouper {
 public:
  void Add(const Key& key, const PeriodOutcome& r) {
    if (!last_ || *last_ != key) {
      group_ = &groups_[key];  // found after any insert, so never stale
      last_ = key;
    }
    OutcomeCounts& g = *group_;
    ++g.periods;
    if (r.status != PairStatus::kPaired) return;
    ++g.paired;
    g.change_sum += r.change;
    switch (r.outcome) {
      case Outcome::kImproved:
        ++g.improved;
        break;
      case Outcome::kDeteriorated:
        ++g.deteriorated;
        break;
      case Outcome::kNoChange:
        ++g.no_change;
        break;
    }
  }

  // The groups in key order.
  std::vector<std::pair<Key, OutcomeCounts>> Sorted() const {
    std::vector<std::pair<Key, OutcomeCounts>> sorted(groups_.begin(),
                                                      groups_.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return sorted;
  }

 private:
  absl::flat_hash_map<Key, OutcomeCounts> groups_;
  std::optional<Key> last_;
  OutcomeCounts* group_ = nullptr;
};

// Units in code order, the periods naming none (the empty code) last.
std::vector<UnitOutcomes> UnitRows(
    const OutcomeGrouper<absl::string_view>& grouper) {
  std::vector<UnitOutcomes> out;
  for (const auto& [unit, counts] : grouper.Sorted()) {
    UnitOutcomes& u = out.emplace_back();
    static_cast<OutcomeCounts&>(u) = counts;
    u.unit = std::string(unit);
  }
  if (!out.empty() && out.front().unit.empty()) {
    std::rotate(out.begin(), out.begin() + 1, out.end());
  }
  return out;
}

}  // namespace

absl::string_view UnitColumnName(UnitColumn c) {
  switch (c) {
    case UnitColumn::kTeam:
      return "team";
    case UnitColumn::kProvider:
      return "provider";
    case UnitColumn::kCommissioner:
      return "commissioner";
  }
  return "";
}

absl::string_view UnitOf(const ClusterPeriod& p, UnitColumn c) {
  switch (c) {
    case UnitColumn::kTeam:
      return p.team;
    case UnitColumn::kProvider:
      return p.provider;
    case UnitColumn::kCommissioner:
      return p.commissioner;
  }
  return "";
}

std::vector<UnitOutcomes> OutcomesByUnit(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const PeriodOutcome> outcomes, UnitColumn column) {
  OutcomeGrouper<absl::string_view> grouper;
  for (size_t i = 0; i < periods.size() && i < outcomes.size(); ++i) {
    grouper.Add(UnitOf(periods[i], column), outcomes[i]);
  }
  return UnitRows(grouper);
}

HonosScore ScoreHonos(const MhctRatings& ratings, const OutcomeRules& rules) {
  HonosScore s;
  const auto& row = ratings.row_ratings();
  for (int i = 0; i < kHonosItems; ++i) {
    const int r = row[i];
    if (r == kNotKnown) {
      ++s.unknown_items;
      continue;
    }
    s.total += r;
    s.subscales[static_cast<int>(kSubscaleOf[i])] += r;
  }
  s.scorable = s.unknown_items <= rules.max_unknown_items;
  return s;
}

ScoredAssessment ScoreAssessment(const AssessmentRecord& record,
                                 const OutcomeRules& rules) {
  return {record.patient_id, record.assessment_id, record.date,
          ScoreHonos(record.ratings, rules)};
}

std::optional<ActivityRecord> OutcomeActivity(const ActivityRecord& record) {
  if (record.kind != ActivityKind::kBedDay &&
      record.kind != ActivityKind::kContact) {
    return std::nullopt;
  }
  ActivityRecord kept;
  kept.patient_id = record.patient_id;
  kept.date = record.date;
  kept.kind = record.kind;
  kept.count = record.count;
  kept.line = record.line;
  return kept;
}

absl::StatusOr<OutcomesResult> MeasureOutcomes(
    absl::Span<const ClusterPeriod> periods,
    absl::Span<const ScoredAssessment> assessments,
    absl::Span<const ActivityRecord> activity, absl::CivilDay as_of,
    const RuleSet& rules) {
  const OutcomeRules& o = rules.outcomes();
  const int64_t as_of_day = DayNumber(as_of);
  OutcomesResult out;

  // Patients with periods, numbered in the periods' order.
  PatientIndex patients;
  std::vector<int32_t> period_patient(periods.size());
  for (size_t i = 0; i < periods.size(); ++i) {
    const ClusterPeriod& p = periods[i];
    if (p.start > as_of) {
      return absl::InvalidArgumentError(absl::StrCat(
          "period ", i + 1, " (patient ", p.patient_id, ", start ",
          FormatIsoDate(p.start), "): start is after the as-of date"));
    }
    if (p.end && *p.end < p.start) {
      return absl::InvalidArgumentError(
          absl::StrCat("period ", i + 1, " (patient ", p.patient_id, ", start ",
                       FormatIsoDate(p.start), "): end is before start"));
    }
    period_patient[i] = i > 0 && p.patient_id == periods[i - 1].patient_id
                            ? period_patient[i - 1]
                            : patients.Add(p.patient_id);
  }

  // Their scorable assessments up to the as-of date, grouped by patient (a
  // counting sort, input order kept) and sorted by date within each. First
  // each one's patient (kNone: not used), looked up with its slot fetched
  // kAhead assessments before it is read; then the candidates.
  if (assessments.size() > std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError("more than 2^32 - 1 assessments");
  }
  std::vector<int32_t> owner(assessments.size(), PatientIndex::kNone);
  std::vector<size_t> bounds(static_cast<size_t>(patients.size()) + 1, 0);
  constexpr size_t kAhead = 16;
  uint64_t hashes[kAhead];
  const size_t count = assessments.size();
  for (size_t i = 0; i < std::min(kAhead, count); ++i) {
    hashes[i] = PatientIndex::Hash(assessments[i].patient_id);
    patients.Prefetch(hashes[i]);
  }
  for (size_t i = 0; i < count; ++i) {
    const uint64_t hash = hashes[i % kAhead];
    if (i + kAhead < count) {
      const uint64_t ahead =
          PatientIndex::Hash(assessments[i + kAhead].patient_id);
      patients.Prefetch(ahead);
      hashes[i % kAhead] = ahead;
    }
    const ScoredAssessment& a = assessments[i];
    if (!a.score.scorable) {
      ++out.assessments_unscorable;
      continue;
    }
    if (!ValidScore(a.score)) {
      return absl::InvalidArgumentError(
          absl::StrCat("assessment ", i + 1, " (", a.assessment_id,
                       "): score: a total or subscale outside 0-48"));
    }
    if (a.date > as_of) continue;
    const int32_t patient = patients.Find(a.patient_id, hash);
    if (patient == PatientIndex::kNone) continue;
    owner[i] = patient;
    ++bounds[patient + 1];
  }
  for (size_t k = 1; k < bounds.size(); ++k) bounds[k] += bounds[k - 1];
  std::vector<Candidate> candidates(bounds.back());
  {
    std::vector<size_t> next(bounds.begin(), bounds.end() - 1);
    for (size_t i = 0; i < count; ++i) {
      if (owner[i] == PatientIndex::kNone) continue;
      const HonosScore& score = assessments[i].score;
      Candidate& c = candidates[next[owner[i]]++];
      c.day = static_cast<int32_t>(DayNumber(assessments[i].date));
      c.index = static_cast<uint32_t>(i);
      c.total = static_cast<int8_t>(score.total);
      for (int s = 0; s < kSubscaleCount; ++s) {
        c.subscales[s] = static_cast<int8_t>(score.subscales[s]);
      }
    }
  }
  const auto by_day = [](const Candidate& a, const Candidate& b) {
    return a.day < b.day;
  };
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    auto first = candidates.begin() + bounds[k];
    auto last = candidates.begin() + bounds[k + 1];
    if (!std::is_sorted(first, last, by_day)) {
      std::stable_sort(first, last, by_day);
    }
  }

  int64_t with_start = 0, paired = 0, improved = 0;
  int64_t reviews_on_time = 0, reviews_due = 0;
  out.periods.resize(periods.size());
  for (size_t i = 0; i < periods.size(); ++i) {
    const ClusterPeriod& p = periods[i];
    PeriodOutcome& r = out.periods[i];
    CountReviews(p, &reviews_on_time, &reviews_due);

    const auto first = candidates.begin() + bounds[period_patient[i]];
    const auto last = candidates.begin() + bounds[period_patient[i] + 1];
    const int32_t start = static_cast<int32_t>(DayNumber(p.start));
    // The start: nearest the period's start, then the earlier date, then
    // the later in input order.
    const Candidate* best = nullptr;
    int64_t best_distance = 0;
    for (auto it = std::lower_bound(first, last,
                                    AtDay(start - o.start_before_days), by_day);
         it != last && it->day <= start + o.start_after_days; ++it) {
      const int64_t distance = std::abs(it->day - start);
      if (best == nullptr || distance < best_distance ||
          (distance == best_distance && it->day == best->day)) {
        best = &*it;
        best_distance = distance;
      }
    }
    if (best == nullptr) continue;  // no_start
    ++with_start;
    r.start = best->index;
    r.status = PairStatus::kNoFollowUp;
    // The follow-up: the latest (the later in input order on one date) from
    // min_interval_days after the start to end_after_days after the last
    // day.
    const int32_t last_day =
        static_cast<int32_t>(DayNumber(p.end.value_or(as_of)));
    const auto after = std::upper_bound(
        first, last, Candidate{last_day + o.end_after_days, 0, 0, {}}, by_day);
    if (after == first) continue;
    const Candidate& f = *(after - 1);
    if (f.day < best->day + o.min_interval_days) continue;
    r.follow_up = f.index;
    r.status = PairStatus::kPaired;

    const Candidate& s = *best;
    const Candidate& e = f;
    r.change = e.total - s.total;
    r.start_total = s.total;
    for (int k = 0; k < kSubscaleCount; ++k) {
      r.subscale_change[k] = e.subscales[k] - s.subscales[k];
    }
    if (r.change <= -o.reliable_change) {
      r.outcome = Outcome::kImproved;
      r.clinically_significant =
          s.total >= o.clinical_cutoff && e.total < o.clinical_cutoff;
      ++improved;
    } else if (r.change >= o.reliable_change) {
      r.outcome = Outcome::kDeteriorated;
      r.clinically_significant =
          s.total < o.clinical_cutoff && e.total >= o.clinical_cutoff;
    }
    ++paired;
  }
  OutcomeGrouper<int> by_cluster;
  OutcomeGrouper<absl::string_view> by_team, by_commissioner;
  for (size_t i = 0; i < periods.size(); ++i) {
    by_cluster.Add(periods[i].cluster.index(), out.periods[i]);
    by_team.Add(periods[i].team, out.periods[i]);
    by_commissioner.Add(periods[i].commissioner, out.periods[i]);
  }
  for (const auto& [index, counts] : by_cluster.Sorted()) {
    ClusterOutcomes& c = out.by_cluster.emplace_back();
    static_cast<OutcomeCounts&>(c) = counts;
    c.cluster = Cluster::FromIndex(index);
  }
  out.by_team = UnitRows(by_team);
  out.by_commissioner = UnitRows(by_commissioner);

  const StayCounts stays = CountStays(activity, as_of_day, o.follow_up_days);
  out.stays = stays.stays;
  out.stays_not_yet_due = stays.stays - stays.due;
  for (const auto& [month, counts] : stays.by_month.ByMonth()) {
    out.follow_up_by_month.push_back({month, counts.first, counts.second});
  }

  const int64_t n = static_cast<int64_t>(periods.size());
  out.indicators = {
      Indicator(IndicatorNames()[0], with_start, n),
      Indicator(IndicatorNames()[1], paired, n),
      Indicator(IndicatorNames()[2], improved, paired),
      Indicator(IndicatorNames()[3], reviews_on_time, reviews_due),
      Indicator(IndicatorNames()[4], stays.followed_up, stays.due),
  };
  return out;
}

}  // namespace mhpbr
