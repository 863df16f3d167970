// Data quality (mhpbr/data_quality.h): assessments with too few known
// items, red allocations and the items breaking red rules, agreement of
// allocated and suggested clusters; overdue reviews and moves outside the
// transition protocol. Inputs are made by hand; counts worked out in the
// comments.

#include "mhpbr/data_quality.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/transition_table.h"

namespace mhpbr {
namespace {

Cluster C(int code) { return *Cluster::FromCode(code); }

Item I(absl::string_view code) { return *ParseItemCode(code); }

Classification Suggest(int cluster,
                       VarianceReason reason = VarianceReason::kNone) {
  Classification c;
  c.suggested = C(cluster);
  c.reason = reason;
  return c;
}

Classification WithAllocation(Classification c, int allocated,
                              std::vector<absl::string_view> red_items = {}) {
  AllocationCheck a;
  a.cluster = C(allocated);
  for (absl::string_view code : red_items) a.red_items.Add(I(code));
  a.red = !red_items.empty();
  c.allocation = a;
  return c;
}

TEST(AnalysisAssessmentQualityTest, CountsByHand) {
  AssessmentQuality q;
  // 1: suggested 3, allocated 3: allocated, agrees, not red.
  q.Add(WithAllocation(Suggest(3), 3));
  // 2: too few known items (suggestion 0), no allocation.
  q.Add(Suggest(0, VarianceReason::kTooFewKnown));
  // 3: no fit (suggestion 0), allocated to 0: allocated, cluster 0, agrees
  //    (0 = 0), never red.
  q.Add(WithAllocation(Suggest(0, VarianceReason::kNoFit), 0));
  // 4: suggested 4, allocated 5 breaking its red rule on items 6 and D.
  q.Add(WithAllocation(Suggest(4), 5, {"6", "D"}));
  // 5: suggested 5, allocated 2 breaking on items 6 and 13.
  q.Add(WithAllocation(Suggest(5), 2, {"6", "13"}));
  // 6: suggested 11, no allocation.
  q.Add(Suggest(11));
  EXPECT_EQ(q.assessments, 6);
  EXPECT_EQ(q.too_few_known, 1);
  EXPECT_EQ(q.no_fit, 1);
  EXPECT_EQ(q.allocated, 4);  // 1, 3, 4, 5
  EXPECT_EQ(q.allocated_cluster_0, 1);
  EXPECT_EQ(q.red, 2);    // 4, 5
  EXPECT_EQ(q.agree, 2);  // 1, 3
  // Item 6 broke two red rules, 13 and D one each; every other item none.
  for (int i = 0; i < kItemCount; ++i) {
    const std::string code(ItemCode(ItemAt(i)));
    const int64_t want = code == "6"                     ? 2
                         : (code == "13" || code == "D") ? 1
                                                         : 0;
    EXPECT_EQ(q.red_items[i], want) << "item " << code;
  }
}

TEST(AnalysisAssessmentQualityTest, Empty) {
  const AssessmentQuality q;
  EXPECT_EQ(q.assessments, 0);
  EXPECT_EQ(q.allocated, 0);
  EXPECT_EQ(q.red, 0);
  for (int64_t n : q.red_items) EXPECT_EQ(n, 0);
}

ClusterPeriod P(const std::string& patient, int cluster, absl::CivilDay start,
                std::optional<absl::CivilDay> end, int64_t overdue_days = 0,
                bool transition_ok = true) {
  ClusterPeriod p;
  p.patient_id = patient;
  p.cluster = C(cluster);
  p.start = start;
  p.end = end;
  p.overdue_days = overdue_days;
  p.transition_ok = transition_ok;
  return p;
}

TEST(AnalysisPeriodQualityTest, MovesOverdueAndProtocol) {
  using D = absl::CivilDay;
  PeriodBuild b;
  // Sorted by patient, then start:
  //   P1 c1  1 Jan - 31 Jan
  //   P1 c2  1 Feb - 31 Mar, 5 days overdue   (move: starts 31 Jan + 1)
  //   P1 c3  1 Apr - 30 Apr, outside protocol (move, not allowed)
  //   P1 c4  1 Jun - 30 Jun, flagged but after a gap: not a move
  //   P2 c1  1 Jul - open, 10 days overdue: starts the day after P1's last
  //          period ends, but another person's: not a move
  //   P3 c7  1 Jan - 31 Jan
  //   P3 c8  31 Jan - open: starts on, not after, the previous end
  b.periods = {P("P1", 1, D(2023, 1, 1), D(2023, 1, 31)),
               P("P1", 2, D(2023, 2, 1), D(2023, 3, 31), 5),
               P("P1", 3, D(2023, 4, 1), D(2023, 4, 30), 0, false),
               P("P1", 4, D(2023, 6, 1), D(2023, 6, 30), 0, false),
               P("P2", 1, D(2023, 7, 1), std::nullopt, 10),
               P("P3", 7, D(2023, 1, 1), D(2023, 1, 31)),
               P("P3", 8, D(2023, 1, 31), std::nullopt)};
  b.superseded = 2;
  b.errors = {{3, "P9", "bad"}, {4, "P9", "bad"}, {7, "P8", "bad"}};
  const PeriodQuality q = PeriodQuality::From(b);
  EXPECT_EQ(q.periods, 7);
  EXPECT_EQ(q.overdue, 2);                 // P1 c2, P2 c1
  EXPECT_EQ(q.moves, 2);                   // P1 c1 -> c2, c2 -> c3
  EXPECT_EQ(q.moves_outside_protocol, 1);  // c2 -> c3
  EXPECT_EQ(q.superseded, 2);
  EXPECT_EQ(q.event_errors, 3);
}

TEST(AnalysisPeriodQualityTest, OpenPeriodIsNeverFollowed) {
  using D = absl::CivilDay;
  PeriodBuild b;
  // An open period has no end: the next one (malformed input) is no move.
  b.periods = {P("P1", 1, D(2023, 1, 1), std::nullopt),
               P("P1", 2, D(2023, 2, 1), std::nullopt, 0, false)};
  const PeriodQuality q = PeriodQuality::From(b);
  EXPECT_EQ(q.periods, 2);
  EXPECT_EQ(q.moves, 0);
  EXPECT_EQ(q.moves_outside_protocol, 0);
}

TEST(AnalysisPeriodQualityTest, Empty) {
  const PeriodQuality q = PeriodQuality::From(PeriodBuild{});
  EXPECT_EQ(q.periods, 0);
  EXPECT_EQ(q.overdue, 0);
  EXPECT_EQ(q.moves, 0);
  EXPECT_EQ(q.moves_outside_protocol, 0);
  EXPECT_EQ(q.superseded, 0);
  EXPECT_EQ(q.event_errors, 0);
}

TEST(AnalysisPeriodQualityTest, FromBuiltPeriods) {
  // Events through BuildPeriods with a protocol that allows 1 -> 2 and
  // 2 -> 1 only (moves to and from 0 and staying are always allowed):
  //   P1: 1 on 10 Jan, 2 on 1 Mar (move 1 -> 2, allowed), 3 on 1 May
  //       (move 2 -> 3, outside), discharged 30 Jun;
  //   P2: 1 on 1 Feb, open at 31 Dec: 333 days in cluster 1, far past its
  //       review period (12 weeks): overdue;
  //   P3: 0 on 1 Mar then 4 on 1 Apr (move 0 -> 4, always allowed),
  //       discharged 30 Apr; 4 again on 1 Sep (after a gap: no move), open
  //       122 days, within cluster 4's 6 months;
  //   P4: a discharge before any allocation: an event error.
  // The other periods are shorter than their clusters' review periods
  // (1: 12 weeks, 2: 15 weeks, 3, 4 and 0: 6 months).
  using D = absl::CivilDay;
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status();
  auto table = TransitionTable::FromMoves({{1, {2}}, {2, {1}}});
  ASSERT_TRUE(table.ok()) << table.status();
  auto alloc = [](const std::string& id, D d, int cluster, int64_t line) {
    PeriodEvent e;
    e.patient_id = id;
    e.date = d;
    e.kind = EventKind::kAllocate;
    e.cluster = C(cluster);
    e.line = line;
    return e;
  };
  auto discharge = [](const std::string& id, D d, int64_t line) {
    PeriodEvent e;
    e.patient_id = id;
    e.date = d;
    e.kind = EventKind::kDischarge;
    e.line = line;
    return e;
  };
  const std::vector<PeriodEvent> events = {
      alloc("P1", D(2023, 1, 10), 1, 2), alloc("P1", D(2023, 3, 1), 2, 3),
      alloc("P1", D(2023, 5, 1), 3, 4),  discharge("P1", D(2023, 6, 30), 5),
      alloc("P2", D(2023, 2, 1), 1, 6),  alloc("P3", D(2023, 3, 1), 0, 7),
      alloc("P3", D(2023, 4, 1), 4, 8),  discharge("P3", D(2023, 4, 30), 9),
      alloc("P3", D(2023, 9, 1), 4, 10), discharge("P4", D(2023, 5, 1), 11)};
  const PeriodBuild build =
      BuildPeriods(events, D(2023, 12, 31), **rules, *table);
  const PeriodQuality q = PeriodQuality::From(build);
  // P1: 3 periods; P2: 1; P3: 3 (0, 4, 4 again) = 7.
  EXPECT_EQ(q.periods, 7);
  EXPECT_EQ(q.moves, 3);                   // P1 1->2, P1 2->3, P3 0->4
  EXPECT_EQ(q.moves_outside_protocol, 1);  // P1 2->3
  EXPECT_EQ(q.overdue, 1);                 // P2's
  EXPECT_EQ(q.event_errors, 1);            // P4's discharge
}

}  // namespace
}  // namespace mhpbr
