// StreamPeriods (period_stream.h) against BuildPeriods: the same periods in
// the same order, the same errors, counts and review months, however the
// patients are cut into ranges; and the EventTable and PeriodSummariser it
// is used with. The periods themselves are checked rule by rule in
// period_builder_test.cc; here only that both paths agree.

#include "mhpbr/period_stream.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_table.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/rule_set_bundle.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::Alloc;
using periods_test::D;
using periods_test::Discharge;
using ::testing::ElementsAre;

std::string Row(const ClusterPeriod& p) {
  return absl::StrCat(p.patient_id, ",", p.cluster.code(), ",",
                      FormatIsoDate(p.start), ",",
                      p.end ? FormatIsoDate(*p.end) : "", ",", p.days, ",",
                      FormatIsoDate(p.review_due), ",", p.overdue_days, ",",
                      p.transition_ok ? "y" : "n", ",", p.superseded, ",",
                      p.reviews, ",", p.reviews_late, ",", p.reallocated, ",",
                      p.team, ",", p.provider, ",", p.commissioner);
}

EventTable TableOf(const std::vector<PeriodEvent>& events) {
  EventTable table;
  for (const PeriodEvent& e : events) table.Add(e);
  return table;
}

std::string Totals(const PeriodTotals& t) {
  return absl::StrCat(t.periods, "/", t.days, "/", t.overdue_periods);
}

// `n` patients named by `id_of`, each with an allocation, a review, a move
// and (every other one) a discharge, in date order across patients as an
// extract gives them; the odd patient's move is on its review's date (one
// superseded) and every seventh has a discharge with no open period.
std::vector<PeriodEvent> Patients(int n, std::string (*id_of)(int)) {
  std::vector<PeriodEvent> events;
  int64_t line = 2;
  for (int day = 0; day < 400; day += 100) {
    for (int p = 0; p < n; ++p) {
      const std::string id = id_of(p);
      const absl::CivilDay start = D(2023, 1, 1) + p % 60;
      PeriodEvent e;
      switch (day) {
        case 0:
          if (p % 7 == 0) events.push_back(Discharge(id, start - 1, line++));
          e = Alloc(id, start, 1 + p % 8, line++);
          e.team = absl::StrCat("T", p % 400);
          break;
        case 100:
          e = Alloc(id, start + 100, 1 + p % 8, line++);
          e.team = "review";
          break;
        case 200:
          e = Alloc(id, start + (p % 2 ? 100 : 200), 10 + p % 8, line++);
          e.provider = "RX1";
          e.commissioner = absl::StrCat("C", p % 3);
          break;
        default:
          if (p % 2 == 1) continue;
          e = Discharge(id, start + 300, line++);
      }
      events.push_back(e);
    }
  }
  // One after the as-of date.
  events.push_back(Alloc(id_of(0), D(2025, 1, 1), 4, line++));
  return events;
}

std::string LetterAndDigits(int p) {
  return absl::StrCat("P", p * 7919 % 20011);
}
// Longer than an id held in place (15 bytes).
std::string Long(int p) {
  return absl::StrCat("patient-number-", p * 7919 % 20011);
}
// 15 bytes, each of many values: more numbers than 64 bits hold.
std::string Varied(int p) {
  std::string id(15, ' ');
  uint32_t x = static_cast<uint32_t>(p) * 2654435761u + 1;
  for (char& c : id) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>('!' + (x >> 16) % 94);
  }
  return id;
}

struct IdKind {
  const char* name;
  std::string (*id_of)(int);
};

class PeriodStream : public ::testing::TestWithParam<IdKind> {
 protected:
  std::shared_ptr<const RuleSetBundle> bundle_ =
      RuleSetBundle::Single(periods_test::TestRules());
};

TEST_P(PeriodStream, AgreesWithBuildPeriodsHoweverCut) {
  // 20,000 patients, 58,000 events: enough for ranges of their own.
  const std::vector<PeriodEvent> events = Patients(20000, GetParam().id_of);
  const absl::CivilDay as_of = D(2023, 12, 31);
  const PeriodBuild held = BuildPeriods(events, as_of, *bundle_);
  std::vector<std::string> want;
  for (const ClusterPeriod& p : held.periods) want.push_back(Row(p));
  // Two periods each: the first allocation (reviewed), then the move.
  ASSERT_EQ(want.size(), 40000u);
  EXPECT_EQ(held.errors.size(), 2858u);  // patients 0, 7, ... 19999
  EXPECT_EQ(held.superseded, 10000);
  EXPECT_EQ(held.events_after_as_of, 1);

  const EventTable table = TableOf(events);
  for (int parts = 1; parts <= 3; ++parts) {
    SCOPED_TRACE(parts);
    std::vector<std::vector<std::string>> got(parts);
    std::vector<PeriodSink> sinks;
    for (int i = 0; i < parts; ++i) {
      sinks.push_back(
          [&rows = got[i]](const ClusterPeriod& p) { rows.push_back(Row(p)); });
    }
    const PeriodBuild streamed =
        StreamPeriods(table, as_of, *bundle_, nullptr, sinks);
    std::vector<std::string> all;
    for (const auto& rows : got)
      all.insert(all.end(), rows.begin(), rows.end());
    EXPECT_EQ(all, want);
    if (parts > 1) {
      EXPECT_FALSE(got[1].empty());
    }
    EXPECT_TRUE(streamed.periods.empty());
    ASSERT_EQ(streamed.errors.size(), held.errors.size());
    for (size_t i = 0; i < held.errors.size(); ++i) {
      EXPECT_EQ(streamed.errors[i].line, held.errors[i].line);
      EXPECT_EQ(streamed.errors[i].patient_id, held.errors[i].patient_id);
      EXPECT_EQ(streamed.errors[i].reason, held.errors[i].reason);
    }
    EXPECT_EQ(streamed.events_used, held.events_used);
    EXPECT_EQ(streamed.superseded, held.superseded);
    EXPECT_EQ(streamed.events_after_as_of, held.events_after_as_of);
    const auto want_months = held.review_months.ByMonth();
    const auto got_months = streamed.review_months.ByMonth();
    ASSERT_EQ(got_months.size(), want_months.size());
    for (const auto& [month, count] : want_months) {
      EXPECT_EQ(got_months.at(month).on_time, count.on_time);
      EXPECT_EQ(got_months.at(month).due, count.due);
    }
  }
  // No sinks: held, as BuildPeriods holds them.
  std::vector<std::string> none;
  for (const ClusterPeriod& p :
       StreamPeriods(table, as_of, *bundle_, nullptr, {}).periods) {
    none.push_back(Row(p));
  }
  EXPECT_EQ(none, want);
}

// Many more ranges than threads, the threads taking them in turn: every
// range is reported done once, after its last period, and the ranges'
// periods in order are BuildPeriods'. Run at 1, 2 and 4 threads (and
// under ThreadSanitizer in CI: sinks and `done` run on the workers).
TEST_P(PeriodStream, ManyRangesOnFewThreadsAgree) {
  // 28,000 patients with 3.64 events each (28,000 allocations, 4,000
  // discharges with no period, 28,000 reviews, 28,000 moves, 14,000
  // discharges) and one event after the as-of date: 102,000 events swept,
  // six ranges of at least 16,384.
  const std::vector<PeriodEvent> events = Patients(28000, GetParam().id_of);
  ASSERT_EQ(events.size(), 102001u);
  const absl::CivilDay as_of = D(2023, 12, 31);
  const PeriodBuild held = BuildPeriods(events, as_of, *bundle_);
  std::vector<std::string> want;
  for (const ClusterPeriod& p : held.periods) want.push_back(Row(p));
  // (LetterAndDigits names 20,011 patients: the rest share their ids.)
  ASSERT_GE(want.size(), 40000u);
  const EventTable table = TableOf(events);
  // Eight ranges asked for: the last two get no patients.
  constexpr size_t kRanges = 8;
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(threads);
    std::vector<std::vector<std::string>> got(kRanges);
    std::vector<int> done_count(kRanges, 0);
    // Periods a range got after it was reported done.
    std::vector<int> late(kRanges, 0);
    std::mutex mu;
    std::vector<PeriodSink> sinks;
    for (size_t i = 0; i < kRanges; ++i) {
      sinks.push_back([&, i](const ClusterPeriod& p) {
        got[i].push_back(Row(p));
        std::lock_guard<std::mutex> lock(mu);
        late[i] += done_count[i];
      });
    }
    const RangeDone done = [&](size_t range) {
      std::lock_guard<std::mutex> lock(mu);
      ++done_count[range];
    };
    const PeriodBuild streamed =
        StreamPeriods(table, as_of, *bundle_, nullptr, sinks, threads, done);
    std::vector<std::string> all;
    for (const auto& rows : got) {
      all.insert(all.end(), rows.begin(), rows.end());
    }
    EXPECT_EQ(all, want);
    EXPECT_THAT(done_count, ::testing::Each(1));
    EXPECT_THAT(late, ::testing::Each(0));
    for (size_t i = 0; i < 6; ++i) EXPECT_FALSE(got[i].empty()) << i;
    EXPECT_TRUE(got[6].empty());
    EXPECT_TRUE(got[7].empty());
    ASSERT_EQ(streamed.errors.size(), held.errors.size());
    for (size_t i = 0; i < held.errors.size(); ++i) {
      EXPECT_EQ(streamed.errors[i].line, held.errors[i].line);
      EXPECT_EQ(streamed.errors[i].reason, held.errors[i].reason);
    }
    EXPECT_EQ(streamed.events_used, held.events_used);
    EXPECT_EQ(streamed.superseded, held.superseded);
    EXPECT_EQ(streamed.events_after_as_of, 1);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Ids, PeriodStream,
    ::testing::Values(IdKind{"LetterAndDigits", &LetterAndDigits},
                      IdKind{"Long", &Long}, IdKind{"Varied", &Varied}),
    [](const ::testing::TestParamInfo<IdKind>& info) {
      return std::string(info.param.name);
    });

// Sorted bytewise, a prefix first: "A" < "AA" < "AB" < "B" < "a".
TEST(PeriodStreamOrder, IdsSortBytewise) {
  const auto bundle = RuleSetBundle::Single(periods_test::TestRules());
  std::vector<PeriodEvent> events;
  for (const char* id : {"a", "AB", "B", "AA", "A"}) {
    events.push_back(Alloc(id, D(2023, 1, 1), 4));
  }
  std::vector<std::string> ids;
  const std::vector<PeriodSink> sinks = {
      [&ids](const ClusterPeriod& p) { ids.push_back(p.patient_id); }};
  StreamPeriods(TableOf(events), D(2023, 1, 31), *bundle, nullptr, sinks);
  EXPECT_THAT(ids, ElementsAre("A", "AA", "AB", "B", "a"));
}

TEST(EventTable, HoldsWhatItWasGivenAndAppendsInOrder) {
  PeriodEvent e = Alloc("P1", D(2023, 5, 6), 11, 7);
  e.team = "T1";
  e.commissioner = "C22";
  EventTable a = TableOf({e, Discharge("P22", D(2023, 6, 1), 9)});
  EventTable b =
      TableOf({Alloc("patient-number-123456", D(2024, 1, 2), 3, 12)});
  a.Append(b);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.id(0), "P1");
  EXPECT_EQ(a.date(0), D(2023, 5, 6));
  EXPECT_EQ(a.kind(0), EventKind::kAllocate);
  EXPECT_EQ(a.cluster(0).code(), 11);
  EXPECT_EQ(a.line(0), 7);
  EXPECT_EQ(a.team(0), "T1");
  EXPECT_EQ(a.provider(0), "");
  EXPECT_EQ(a.commissioner(0), "C22");
  EXPECT_EQ(a.id(1), "P22");
  EXPECT_EQ(a.kind(1), EventKind::kDischarge);
  EXPECT_EQ(a.team(1), "");
  EXPECT_EQ(a.id(2), "patient-number-123456");
  EXPECT_EQ(a.line(2), 12);
  EXPECT_EQ(a.date(2), D(2024, 1, 2));
  a.Clear();
  EXPECT_EQ(a.size(), 0u);
}

// A unit is the three names together, each compared whole: ("AB", "")
// and ("A", "B") are two units, and a table appended renumbers its units
// as the table it joins numbers them.
TEST(EventTable, NumbersEachTeamProviderAndCommissionerOnce) {
  const auto with = [](const char* id, const char* team, const char* provider,
                       const char* commissioner) {
    PeriodEvent e = Alloc(id, D(2023, 1, 1), 4);
    e.team = team;
    e.provider = provider;
    e.commissioner = commissioner;
    return e;
  };
  EventTable a = TableOf({with("P1", "AB", "", ""), with("P2", "A", "B", ""),
                          with("P3", "AB", "", ""), with("P4", "", "", "AB"),
                          with("P5", "", "", "")});
  EXPECT_EQ(a.unit(0), a.unit(2));
  EXPECT_NE(a.unit(0), a.unit(1));
  EXPECT_NE(a.unit(0), a.unit(3));
  EXPECT_NE(a.unit(0), a.unit(4));
  EXPECT_EQ(a.team(1), "A");
  EXPECT_EQ(a.provider(1), "B");
  EXPECT_EQ(a.commissioner(3), "AB");
  EXPECT_EQ(a.team(4), "");
  // b numbers ("", "", "") first; joined to a it takes a's number.
  EventTable b = TableOf({with("P6", "", "", ""), with("P7", "T9", "", ""),
                          with("P8", "A", "B", "")});
  a.Append(b);
  ASSERT_EQ(a.size(), 8u);
  EXPECT_EQ(a.unit(5), a.unit(4));
  EXPECT_EQ(a.unit(7), a.unit(1));
  EXPECT_EQ(a.team(6), "T9");
  EXPECT_NE(a.unit(6), a.unit(0));
  EXPECT_EQ(a.id(7), "P8");
}

// Two summarisers, one per range, appended: the totals of one over all.
// P1: 10 + 5 days, one overdue; P2: 7 days; P3: 3 days, overdue.
TEST(PeriodSummariser, AppendedRangesSumAsOne) {
  const auto period = [](const char* id, int cluster, int64_t days,
                         int64_t overdue) {
    ClusterPeriod p;
    p.patient_id = id;
    p.cluster = *Cluster::FromCode(cluster);
    p.days = days;
    p.overdue_days = overdue;
    return p;
  };
  PeriodSummariser first(/*by_patient=*/true), second(/*by_patient=*/true);
  first.Add(period("P1", 4, 10, 0));
  first.Add(period("P1", 5, 5, 2));
  second.Add(period("P2", 4, 7, 0));
  second.Add(period("P3", 4, 3, 1));
  first.Append(second);
  const PeriodSummary s = first.Finish();
  ASSERT_EQ(s.by_patient.size(), 3u);
  EXPECT_EQ(Totals(s.by_patient.at("P1")), "2/15/1");
  EXPECT_EQ(Totals(s.by_patient.at("P2")), "1/7/0");
  EXPECT_EQ(Totals(s.by_patient.at("P3")), "1/3/1");
  ASSERT_EQ(s.by_cluster.size(), 2u);
  EXPECT_EQ(Totals(s.by_cluster.at(4)), "3/20/1");
  EXPECT_EQ(Totals(s.by_cluster.at(5)), "1/5/1");
  EXPECT_EQ(Totals(s.all), "4/25/2");
}

}  // namespace
}  // namespace mhpbr
