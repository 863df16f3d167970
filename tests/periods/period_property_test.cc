// Properties of period building over many random (seeded) patients: a
// plain reference model of periods.md gives the same periods, the periods
// of one person never overlap, days add up, every event is accounted for,
// and shuffling the input (same-date events of a patient kept in their
// relative order) changes nothing.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/review_schedule.h"
#include "mhpbr/rule_set_text.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::D;

constexpr int kClusters[] = {0, 1, 2, 3, 4, 7, 10, 14, 21};

std::vector<PeriodEvent> RandomEvents(uint64_t seed, int patients) {
  std::mt19937_64 rng(seed);
  auto uniform = [&rng](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::vector<PeriodEvent> events;
  for (int p = 0; p < patients; ++p) {
    // Ids whose bytewise order differs from numeric order.
    const std::string id = absl::StrCat(p % 3 == 0 ? "r" : "R", p);
    absl::CivilDay day = D(2021, 1, 1) + uniform(0, 1000);
    const int n = uniform(1, 12);
    for (int k = 0; k < n; ++k) {
      if (k > 0) day += uniform(0, 9) == 0 ? 0 : uniform(1, 150);
      PeriodEvent e;
      e.patient_id = id;
      e.date = day;
      if (uniform(0, 9) < 7) {
        e.kind = EventKind::kAllocate;
        e.cluster = periods_test::C(
            kClusters[uniform(0, static_cast<int>(std::size(kClusters)) - 1)]);
      } else {
        e.kind = EventKind::kDischarge;
      }
      e.line = static_cast<int64_t>(events.size()) + 1;
      events.push_back(std::move(e));
    }
  }
  return events;
}

// The same events in a random order in which the events of one patient and
// date keep their relative order.
std::vector<PeriodEvent> Shuffled(const std::vector<PeriodEvent>& events,
                                  uint64_t seed) {
  std::vector<size_t> idx(events.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(idx.begin(), idx.end(), rng);
  using Key = std::pair<std::string, int64_t>;
  auto key = [&](size_t i) {
    return Key(events[i].patient_id, events[i].date - D(1970, 1, 1));
  };
  std::map<Key, std::vector<size_t>> members;  // original order
  for (size_t i = 0; i < events.size(); ++i) members[key(i)].push_back(i);
  std::map<Key, std::vector<size_t>> slots;  // shuffled positions
  for (size_t pos = 0; pos < idx.size(); ++pos) {
    slots[key(idx[pos])].push_back(pos);
  }
  std::vector<PeriodEvent> out(events.size());
  for (const auto& [k, m] : members) {
    const std::vector<size_t>& s = slots[k];
    for (size_t j = 0; j < m.size(); ++j) out[s[j]] = events[m[j]];
  }
  return out;
}

// A reference model written straight from periods.md and the design notes.
PeriodBuild Reference(const std::vector<PeriodEvent>& events,
                      absl::CivilDay as_of, const RuleSet& rules,
                      const TransitionTable& table) {
  PeriodBuild out;
  std::map<std::string, std::vector<const PeriodEvent*>> by_patient;
  for (const PeriodEvent& e : events) {
    if (e.date > as_of) {
      ++out.events_after_as_of;
    } else {
      by_patient[e.patient_id].push_back(&e);
    }
  }
  for (auto& [patient, list] : by_patient) {
    std::stable_sort(list.begin(), list.end(),
                     [](const PeriodEvent* a, const PeriodEvent* b) {
                       return a->date < b->date;
                     });
    std::optional<ClusterPeriod> open;
    absl::CivilDay last_review;
    auto close = [&](std::optional<absl::CivilDay> end) {
      ClusterPeriod p = *open;
      p.end = end;
      const absl::CivilDay last = end.value_or(as_of);
      p.days = last - p.start + 1;
      p.review_due =
          AddReviewPeriod(last_review, rules.cluster(p.cluster).max_review);
      p.overdue_days = last > p.review_due ? last - p.review_due : 0;
      out.periods.push_back(p);
      open.reset();
    };
    for (size_t i = 0; i < list.size();) {
      size_t j = i;
      while (j < list.size() && list[j]->date == list[i]->date) ++j;
      std::optional<size_t> last_alloc;
      for (size_t k = i; k < j; ++k) {
        if (list[k]->kind == EventKind::kAllocate) last_alloc = k;
      }
      size_t first_discharge = i;
      if (last_alloc) {
        const PeriodEvent& a = *list[*last_alloc];
        const int superseded = static_cast<int>(*last_alloc - i);
        out.superseded += superseded;
        ++out.events_used;
        if (open && open->cluster == a.cluster) {
          ++open->reviews;
          open->superseded += superseded;
          last_review = a.date;
        } else {
          const bool ok = !open || table.Allowed(open->cluster, a.cluster);
          if (open) close(a.date - 1);
          ClusterPeriod p;
          p.patient_id = patient;
          p.cluster = a.cluster;
          p.start = a.date;
          p.transition_ok = ok;
          p.superseded = superseded;
          open = p;
          last_review = a.date;
        }
        first_discharge = *last_alloc + 1;
      }
      for (size_t k = first_discharge; k < j; ++k) {
        if (open) {
          ++out.events_used;
          close(list[k]->date);
        } else {
          out.errors.push_back({list[k]->line, patient, ""});
        }
      }
      i = j;
    }
    if (open) close(std::nullopt);
  }
  std::stable_sort(
      out.errors.begin(), out.errors.end(),
      [](const EventError& a, const EventError& b) { return a.line < b.line; });
  return out;
}

std::string Row(const ClusterPeriod& p) {
  return absl::StrCat(
      p.patient_id, ",", p.cluster.code(), ",", FormatIsoDate(p.start), ",",
      p.end ? FormatIsoDate(*p.end) : "", ",", p.days, ",",
      FormatIsoDate(p.review_due), ",", p.overdue_days, ",",
      p.transition_ok ? "y" : "n", ",", p.superseded, ",", p.reviews);
}

std::vector<std::string> Rows(const PeriodBuild& b) {
  std::vector<std::string> rows;
  for (const ClusterPeriod& p : b.periods) rows.push_back(Row(p));
  return rows;
}

std::vector<std::string> Errors(const PeriodBuild& b, bool with_reason) {
  std::vector<std::string> rows;
  for (const EventError& e : b.errors) {
    rows.push_back(absl::StrCat(e.line, ",", e.patient_id, ",",
                                with_reason ? e.reason : ""));
  }
  return rows;
}

class PeriodStageProperty : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    rules_ = periods_test::TestRules();
    ASSERT_NE(rules_, nullptr);
    auto t = ParseTransitionTableText(
        "rows { from: 1 to: [2, 3] }\n"
        "rows { from: 3 to: [1, 4] }\n"
        "rows { from: 10 to: [14] }\n"
        "rows { from: 14 to: [10, 21] }\n");
    ASSERT_TRUE(t.ok()) << t.status();
    table_ = *t;
    events_ = RandomEvents(GetParam(), 1500);
  }

  const absl::CivilDay as_of_ = D(2023, 6, 30);
  std::shared_ptr<const RuleSet> rules_;
  TransitionTable table_;
  std::vector<PeriodEvent> events_;
};

TEST_P(PeriodStageProperty, MatchesTheReferenceModel) {
  const PeriodBuild got = BuildPeriods(events_, as_of_, *rules_, table_);
  const PeriodBuild want = Reference(events_, as_of_, *rules_, table_);
  EXPECT_EQ(Rows(got), Rows(want));
  EXPECT_EQ(Errors(got, false), Errors(want, false));
  EXPECT_EQ(got.events_used, want.events_used);
  EXPECT_EQ(got.superseded, want.superseded);
  EXPECT_EQ(got.events_after_as_of, want.events_after_as_of);
  // The generator makes every kind of case often enough to matter.
  EXPECT_GT(got.superseded, 10);
  EXPECT_GT(got.errors.size(), 10u);
  EXPECT_GT(got.events_after_as_of, 10);
  EXPECT_GT(
      std::count_if(got.periods.begin(), got.periods.end(),
                    [](const ClusterPeriod& p) { return !p.transition_ok; }),
      10);
}

TEST_P(PeriodStageProperty, Invariants) {
  const PeriodBuild b = BuildPeriods(events_, as_of_, *rules_, table_);
  EXPECT_EQ(b.events_used + b.superseded +
                static_cast<int64_t>(b.errors.size()) + b.events_after_as_of,
            static_cast<int64_t>(events_.size()));

  std::set<std::pair<std::string, absl::CivilDay>> discharges;
  for (const PeriodEvent& e : events_) {
    if (e.kind == EventKind::kDischarge) {
      discharges.insert({e.patient_id, e.date});
    }
  }
  int64_t superseded = 0;
  for (size_t i = 0; i < b.periods.size(); ++i) {
    const ClusterPeriod& p = b.periods[i];
    SCOPED_TRACE(Row(p));
    superseded += p.superseded;
    EXPECT_LE(p.start, as_of_);
    const absl::CivilDay last = p.end.value_or(as_of_);
    EXPECT_LE(p.start, last);
    EXPECT_LE(last, as_of_);
    EXPECT_EQ(p.days, last - p.start + 1);
    EXPECT_GT(p.review_due, p.start);
    EXPECT_EQ(p.overdue_days, std::max<int64_t>(0, last - p.review_due));
    if (i > 0) {
      const ClusterPeriod& prev = b.periods[i - 1];
      EXPECT_LE(prev.patient_id, p.patient_id);
      if (prev.patient_id == p.patient_id) {
        // In start order, never overlapping; a gap only after a discharge.
        ASSERT_TRUE(prev.end.has_value());
        EXPECT_LT(*prev.end, p.start);
        if (p.start - *prev.end > 1) {
          EXPECT_TRUE(discharges.count({p.patient_id, *prev.end}));
        }
        if (!p.transition_ok) {
          EXPECT_EQ(p.start - *prev.end, 1);
        }
      } else {
        EXPECT_LT(prev.patient_id, p.patient_id);
      }
    }
  }
  EXPECT_EQ(superseded, b.superseded);

  // A patient's days: first start to last end (or as-of), less the gaps
  // between a discharge and the next allocation.
  std::map<std::string, std::vector<const ClusterPeriod*>> by_patient;
  for (const ClusterPeriod& p : b.periods) {
    by_patient[p.patient_id].push_back(&p);
  }
  for (const auto& [patient, list] : by_patient) {
    int64_t sum = 0, gaps = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      sum += list[i]->days;
      if (i > 0) gaps += list[i]->start - *list[i - 1]->end - 1;
    }
    const absl::CivilDay last = list.back()->end.value_or(as_of_);
    EXPECT_EQ(sum, (last - list.front()->start + 1) - gaps) << patient;
  }
}

TEST_P(PeriodStageProperty, InputOrderDoesNotMatter) {
  const PeriodBuild base = BuildPeriods(events_, as_of_, *rules_, table_);
  for (uint64_t s = 1; s <= 3; ++s) {
    SCOPED_TRACE(s);
    const std::vector<PeriodEvent> shuffled =
        Shuffled(events_, GetParam() * 7 + s);
    size_t moved = 0;
    for (size_t i = 0; i < events_.size(); ++i) {
      moved += shuffled[i].line != events_[i].line;
    }
    ASSERT_GT(moved, events_.size() / 2);
    const PeriodBuild b = BuildPeriods(shuffled, as_of_, *rules_, table_);
    EXPECT_EQ(Rows(b), Rows(base));
    EXPECT_EQ(Errors(b, true), Errors(base, true));
    EXPECT_EQ(b.events_used, base.events_used);
    EXPECT_EQ(b.superseded, base.superseded);
    EXPECT_EQ(b.events_after_as_of, base.events_after_as_of);
  }
}

TEST_P(PeriodStageProperty, DayCountMhsdsChangesOnlyClosedDays) {
  auto mhsds = periods_test::TestRulesAppended("day_count: MHSDS");
  ASSERT_NE(mhsds, nullptr);
  const PeriodBuild a = BuildPeriods(events_, as_of_, *rules_, table_);
  const PeriodBuild m = BuildPeriods(events_, as_of_, *mhsds, table_);
  ASSERT_EQ(a.periods.size(), m.periods.size());
  for (size_t i = 0; i < a.periods.size(); ++i) {
    ClusterPeriod p = m.periods[i];
    EXPECT_EQ(p.days, a.periods[i].days - (p.end ? 1 : 0)) << Row(p);
    p.days = a.periods[i].days;
    EXPECT_EQ(Row(p), Row(a.periods[i]));
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, PeriodStageProperty,
                         ::testing::Values(1u, 2u, 3u, 20240229u));

}  // namespace
}  // namespace mhpbr
