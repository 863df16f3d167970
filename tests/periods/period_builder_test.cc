// Period building, rule by rule (periods.md). Every expected row is worked
// out by hand from the spec and clusters.csv's maximum review periods:
// cluster 0, 3-6, 16, 17, 19-21 six months; 1 twelve weeks; 2 fifteen
// weeks; 7, 8, 10-13, 18 twelve months; 14, 15 four weeks.
//
// A row reads patient,cluster,start,end,days,review_due,overdue_days,
// transition_ok,superseded,reviews.

#include "mhpbr/period_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "mhpbr/rule_set_text.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::Alloc;
using periods_test::D;
using periods_test::Discharge;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

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

int64_t Accounted(const PeriodBuild& b) {
  return b.events_used + b.superseded + static_cast<int64_t>(b.errors.size()) +
         b.events_after_as_of;
}

class PeriodStageBuilder : public ::testing::Test {
 protected:
  PeriodBuild Build(const std::vector<PeriodEvent>& events,
                    absl::CivilDay as_of) {
    PeriodBuild b = BuildPeriods(events, as_of, *rules_);
    EXPECT_EQ(Accounted(b), static_cast<int64_t>(events.size()));
    return b;
  }

  std::shared_ptr<const RuleSet> rules_ = periods_test::TestRules();
};

TEST_F(PeriodStageBuilder, NoEventsNoPeriods) {
  PeriodBuild b = Build({}, D(2023, 12, 31));
  EXPECT_THAT(b.periods, IsEmpty());
  EXPECT_THAT(b.errors, IsEmpty());
  EXPECT_EQ(b.events_used, 0);
}

PeriodEvent Names(PeriodEvent e, std::string team, std::string provider,
                  std::string commissioner) {
  e.team = std::move(team);
  e.provider = std::move(provider);
  e.commissioner = std::move(commissioner);
  return e;
}

std::string Units(const ClusterPeriod& p) {
  return absl::StrCat(p.team, "/", p.provider, "/", p.commissioner);
}

// A period belongs to the allocation that opened it: a review naming
// others changes nothing; of two allocations on one date the one that
// counts (the later) names it; a discharge's names are not used; an
// allocation naming none leaves them empty.
TEST_F(PeriodStageBuilder, TeamProviderCommissionerFromTheOpeningAllocation) {
  PeriodBuild b =
      Build({Names(Alloc("P1", D(2023, 1, 10), 4), "T1", "RX1", "C1"),
             Names(Alloc("P1", D(2023, 3, 1), 4), "T2", "RX2", "C2"),
             Names(Alloc("P1", D(2023, 5, 1), 5), "T3", "", "C3"),
             Names(Alloc("P2", D(2023, 2, 1), 3), "T1", "RX1", "C1"),
             Names(Alloc("P2", D(2023, 2, 1), 4), "T2", "RX2", "C2"),
             Names(Discharge("P2", D(2023, 6, 30)), "T9", "RX9", "C9"),
             Names(Alloc("P2", D(2023, 8, 1), 4), "", "", "")},
            D(2023, 12, 31));
  ASSERT_EQ(b.periods.size(), 4u);
  EXPECT_EQ(b.periods[0].reviews, 1);
  EXPECT_EQ(Units(b.periods[0]), "T1/RX1/C1");
  EXPECT_EQ(Units(b.periods[1]), "T3//C3");
  EXPECT_EQ(b.periods[2].superseded, 1);
  EXPECT_EQ(Units(b.periods[2]), "T2/RX2/C2");
  EXPECT_EQ(Units(b.periods[3]), "//");
}

TEST_F(PeriodStageBuilder, DaysCountBothEndsAndPeriodsCloseTheDayBefore) {
  PeriodBuild b =
      Build({Alloc("P1", D(2023, 1, 10), 1), Alloc("P1", D(2023, 3, 1), 4)},
            D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,1,2023-01-10,2023-02-28,50,2023-04-04,"
                          "0,y,0,0",
                          "P1,4,2023-03-01,,306,2023-09-01,121,y,0,0"));
  EXPECT_EQ(b.events_used, 2);
  EXPECT_EQ(b.superseded, 0);
  EXPECT_EQ(b.events_after_as_of, 0);
  EXPECT_FALSE(b.periods[1].end.has_value());
}

TEST_F(PeriodStageBuilder, AllocationOnTheNextDayGivesAOneDayPeriod) {
  PeriodBuild b =
      Build({Alloc("P1", D(2023, 6, 1), 3), Alloc("P1", D(2023, 6, 2), 4)},
            D(2023, 6, 2));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,3,2023-06-01,2023-06-01,1,2023-12-01,0,y,0,0",
                          "P1,4,2023-06-02,,1,2023-12-02,0,y,0,0"));
}

TEST_F(PeriodStageBuilder, ReviewsContinueThePeriodAndMoveReviewDue) {
  PeriodBuild b = Build(
      {
          Alloc("P1", D(2023, 1, 15), 3),
          Alloc("P1", D(2023, 6, 20), 3),
          Alloc("P1", D(2023, 11, 30), 3),
          // No review: due six months after the start, long overdue.
          Alloc("P2", D(2023, 1, 15), 3),
          // A late review: the due date moves from it; the lateness before
          // it is not carried.
          Alloc("P3", D(2023, 1, 15), 3),
          Alloc("P3", D(2023, 9, 1), 3),
      },
      D(2024, 3, 31));
  EXPECT_THAT(Rows(b), ElementsAre("P1,3,2023-01-15,,442,2024-05-30,0,y,0,2",
                                   "P2,3,2023-01-15,,442,2023-07-15,260,y,0,0",
                                   "P3,3,2023-01-15,,442,2024-03-01,30,y,0,1"));
  EXPECT_EQ(b.events_used, 6);
}

TEST_F(PeriodStageBuilder, ReviewOfAWeeksCluster) {
  PeriodBuild b =
      Build({Alloc("P4", D(2023, 1, 2), 14), Alloc("P4", D(2023, 1, 20), 14)},
            D(2023, 3, 1));
  EXPECT_THAT(Rows(b), ElementsAre("P4,14,2023-01-02,,59,2023-02-17,12,y,0,1"));
}

TEST_F(PeriodStageBuilder, DischargeEndsThePeriodOnItsDate) {
  PeriodBuild b = Build(
      {
          Alloc("P1", D(2023, 2, 1), 14),
          Discharge("P1", D(2023, 2, 20)),
          Alloc("P2", D(2023, 2, 1), 14),
          Discharge("P2", D(2023, 4, 10)),
          Alloc("P3", D(2023, 1, 1), 5),
          Discharge("P3", D(2023, 2, 1)),
          Alloc("P3", D(2023, 3, 1), 6),
      },
      D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,14,2023-02-01,2023-02-20,20,2023-03-01,0,y,0,0",
                          "P2,14,2023-02-01,2023-04-10,69,2023-03-01,40,y,0,0",
                          "P3,5,2023-01-01,2023-02-01,32,2023-07-01,0,y,0,0",
                          "P3,6,2023-03-01,,306,2023-09-01,121,y,0,0"));
  EXPECT_EQ(b.events_used, 7);
  EXPECT_THAT(b.errors, IsEmpty());
}

TEST_F(PeriodStageBuilder, OpenPeriodsAreCutAtAsOfAndLaterEventsCounted) {
  PeriodBuild b = Build(
      {
          Alloc("P1", D(2023, 1, 1), 1),
          Alloc("P1", D(2023, 6, 1), 2),    // after as_of
          Discharge("P1", D(2023, 7, 1)),   // after as_of
          Alloc("P2", D(2023, 5, 31), 11),  // on as_of: used
          Alloc("P3", D(2023, 5, 1), 2),    //
          Discharge("P3", D(2023, 5, 31)),  // on as_of: closes
          Alloc("P4", D(2023, 6, 1), 3),    // after as_of: no period
      },
      D(2023, 5, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,1,2023-01-01,,151,2023-03-26,66,y,0,0",
                          "P2,11,2023-05-31,,1,2024-05-31,0,y,0,0",
                          "P3,2,2023-05-01,2023-05-31,31,2023-08-14,0,y,0,0"));
  EXPECT_EQ(b.events_after_as_of, 3);
  EXPECT_EQ(b.events_used, 4);
  EXPECT_THAT(b.errors, IsEmpty());
}

TEST_F(PeriodStageBuilder, SameDayAllocationsKeepOnlyTheLast) {
  PeriodBuild b = Build(
      {
          // Open in 3; on 1 March, 3 then 5: the day's last is 5, so the 3
          // period closes the day before and the review is superseded.
          Alloc("P1", D(2023, 1, 1), 3),
          Alloc("P1", D(2023, 3, 1), 3),
          Alloc("P1", D(2023, 3, 1), 5),
          // Open in 3; on 1 March, 5 then 3: the day's last is 3, a review.
          Alloc("P2", D(2023, 1, 1), 3),
          Alloc("P2", D(2023, 3, 1), 5),
          Alloc("P2", D(2023, 3, 1), 3),
          // A first day with three allocations.
          Alloc("P3", D(2023, 4, 1), 1),
          Alloc("P3", D(2023, 4, 1), 2),
          Alloc("P3", D(2023, 4, 1), 4),
      },
      D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,3,2023-01-01,2023-02-28,59,2023-07-01,0,y,0,0",
                          "P1,5,2023-03-01,,306,2023-09-01,121,y,1,0",
                          "P2,3,2023-01-01,,365,2023-09-01,121,y,1,1",
                          "P3,4,2023-04-01,,275,2023-10-01,91,y,2,0"));
  EXPECT_EQ(b.superseded, 4);
  EXPECT_EQ(b.events_used, 5);
}

TEST_F(PeriodStageBuilder, SameDayOrderIsInputOrderNotCluster) {
  // The same two allocations in the other input order: the other wins.
  PeriodBuild a =
      Build({Alloc("P", D(2023, 4, 1), 4), Alloc("P", D(2023, 4, 1), 2)},
            D(2023, 4, 30));
  PeriodBuild b =
      Build({Alloc("P", D(2023, 4, 1), 2), Alloc("P", D(2023, 4, 1), 4)},
            D(2023, 4, 30));
  ASSERT_EQ(a.periods.size(), 1u);
  ASSERT_EQ(b.periods.size(), 1u);
  EXPECT_EQ(a.periods[0].cluster.code(), 2);
  EXPECT_EQ(b.periods[0].cluster.code(), 4);
}

TEST_F(PeriodStageBuilder, AllocateAndDischargeOnOneDay) {
  PeriodBuild b = Build(
      {
          Alloc("P1", D(2023, 5, 5), 4),
          Discharge("P1", D(2023, 5, 5)),
          Alloc("P2", D(2023, 1, 1), 3),
          Alloc("P2", D(2023, 5, 5), 4),
          Discharge("P2", D(2023, 5, 5)),
          // A second discharge that day finds no open period.
          Alloc("P3", D(2023, 6, 1), 2, 10),
          Discharge("P3", D(2023, 6, 1), 11),
          Discharge("P3", D(2023, 6, 1), 12),
      },
      D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,4,2023-05-05,2023-05-05,1,2023-11-05,0,y,0,0",
                          "P2,3,2023-01-01,2023-05-04,124,2023-07-01,0,y,0,0",
                          "P2,4,2023-05-05,2023-05-05,1,2023-11-05,0,y,0,0",
                          "P3,2,2023-06-01,2023-06-01,1,2023-09-14,0,y,0,0"));
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].line, 12);
  EXPECT_EQ(b.errors[0].patient_id, "P3");
  EXPECT_EQ(b.events_used, 7);
  EXPECT_EQ(b.superseded, 0);
}

TEST_F(PeriodStageBuilder,
       DischargeBeforeAnAllocationOfTheSameDayIsSuperseded) {
  PeriodBuild b = Build(
      {
          // Open in 2; on 1 Feb a discharge then 2 again: one review.
          Alloc("P1", D(2023, 1, 1), 2),
          Discharge("P1", D(2023, 2, 1)),
          Alloc("P1", D(2023, 2, 1), 2),
          // Open in 2; on 1 Feb a discharge then 4: 2 closes the day before.
          Alloc("P2", D(2023, 1, 1), 2),
          Discharge("P2", D(2023, 2, 1)),
          Alloc("P2", D(2023, 2, 1), 4),
          // Nothing open: the discharge is superseded, not an error.
          Discharge("P3", D(2023, 3, 1)),
          Alloc("P3", D(2023, 3, 1), 7),
      },
      D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,2,2023-01-01,,365,2023-05-17,228,y,1,1",
                          "P2,2,2023-01-01,2023-01-31,31,2023-04-16,0,y,0,0",
                          "P2,4,2023-02-01,,334,2023-08-01,152,y,1,0",
                          "P3,7,2023-03-01,,306,2024-03-01,0,y,1,0"));
  EXPECT_THAT(b.errors, IsEmpty());
  EXPECT_EQ(b.superseded, 3);
  EXPECT_EQ(b.events_used, 5);
}

TEST_F(PeriodStageBuilder, DischargeWithNoOpenPeriodIsAnErrorForThatEvent) {
  PeriodBuild b = Build(
      {
          Alloc("Q", D(2023, 1, 1), 1, 2),
          Discharge("P", D(2023, 1, 5), 3),  // before any allocation
          Alloc("P", D(2023, 1, 10), 1, 4),
          Discharge("P", D(2023, 2, 1), 5),
          Discharge("P", D(2023, 3, 1), 6),  // already discharged
          Discharge("Q", D(2023, 3, 1), 7),
      },
      D(2023, 12, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P,1,2023-01-10,2023-02-01,23,2023-04-04,0,y,0,0",
                          "Q,1,2023-01-01,2023-03-01,60,2023-03-26,0,y,0,0"));
  ASSERT_EQ(b.errors.size(), 2u);
  EXPECT_EQ(b.errors[0].line, 3);
  EXPECT_EQ(b.errors[0].patient_id, "P");
  EXPECT_THAT(b.errors[0].reason, HasSubstr("discharge"));
  EXPECT_THAT(b.errors[0].reason, HasSubstr("2023-01-05"));
  EXPECT_EQ(b.errors[1].line, 6);
  EXPECT_EQ(b.errors[1].patient_id, "P");
  EXPECT_THAT(b.errors[1].reason, HasSubstr("2023-03-01"));
  EXPECT_EQ(b.events_used, 4);
}

TEST_F(PeriodStageBuilder, ErrorsAreSortedByLine) {
  PeriodBuild b = Build(
      {
          Discharge("P", D(2023, 1, 5), 30),
          Alloc("P", D(2023, 1, 10), 1, 5),
          Discharge("P", D(2023, 2, 1), 6),
          Discharge("P", D(2023, 3, 1), 20),
          Discharge("A", D(2023, 3, 1), 25),
      },
      D(2023, 12, 31));
  ASSERT_EQ(b.errors.size(), 3u);
  EXPECT_EQ(b.errors[0].line, 20);
  EXPECT_EQ(b.errors[1].line, 25);
  EXPECT_EQ(b.errors[1].patient_id, "A");
  EXPECT_EQ(b.errors[2].line, 30);
}

TEST_F(PeriodStageBuilder, LeapYears) {
  PeriodBuild b = Build(
      {
          // Allocated on 29 Feb: 12 months later is 28 Feb 2025.
          Alloc("P1", D(2024, 2, 29), 10),
          // A period spanning 29 Feb, and 15 weeks from 15 March.
          Alloc("P2", D(2024, 2, 1), 1),
          Alloc("P2", D(2024, 3, 15), 2),
          // Reviewed on 29 Feb.
          Alloc("P3", D(2023, 9, 1), 7),
          Alloc("P3", D(2024, 2, 29), 7),
          // 28 Feb to 1 Mar is three days in a leap year, two otherwise.
          Alloc("P4", D(2024, 2, 28), 3),
          Discharge("P4", D(2024, 3, 1)),
          Alloc("P5", D(2023, 2, 28), 3),
          Discharge("P5", D(2023, 3, 1)),
      },
      D(2025, 3, 1));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,10,2024-02-29,,367,2025-02-28,1,y,0,0",
                          "P2,1,2024-02-01,2024-03-14,43,2024-04-25,0,y,0,0",
                          "P2,2,2024-03-15,,352,2024-06-28,246,y,0,0",
                          "P3,7,2023-09-01,,548,2025-02-28,1,y,0,1",
                          "P4,3,2024-02-28,2024-03-01,3,2024-08-28,0,y,0,0",
                          "P5,3,2023-02-28,2023-03-01,2,2023-08-28,0,y,0,0"));
}

TEST_F(PeriodStageBuilder, ReviewDueClampsToTheMonthEnd) {
  PeriodBuild b = Build(
      {
          Alloc("P1", D(2023, 8, 31), 3),
          Alloc("P2", D(2022, 8, 31), 3),
          Discharge("P2", D(2023, 3, 1)),
          Alloc("P3", D(2023, 1, 31), 7),
          Alloc("P3", D(2023, 3, 31), 7),
          Discharge("P3", D(2023, 5, 31)),
          Alloc("P4", D(2023, 3, 31), 0),
      },
      D(2024, 3, 31));
  EXPECT_THAT(Rows(b),
              ElementsAre("P1,3,2023-08-31,,214,2024-02-29,31,y,0,0",
                          "P2,3,2022-08-31,2023-03-01,183,2023-02-28,1,y,0,0",
                          "P3,7,2023-01-31,2023-05-31,121,2024-03-31,0,y,0,1",
                          "P4,0,2023-03-31,,367,2023-09-30,183,y,0,0"));
}

TEST_F(PeriodStageBuilder, DayCountMhsdsLeavesOutTheEndDayOfClosedPeriods) {
  const std::vector<PeriodEvent> events = {
      Alloc("P1", D(2023, 1, 10), 1), Alloc("P1", D(2023, 3, 1), 4),
      Alloc("P2", D(2023, 5, 5), 4),  Discharge("P2", D(2023, 5, 5)),
      Alloc("P3", D(2023, 2, 1), 14), Discharge("P3", D(2023, 4, 10)),
  };
  EXPECT_EQ(rules_->day_count(), DayCount::kInclusive);
  auto mhsds = periods_test::TestRulesAppended("day_count: MHSDS");
  ASSERT_NE(mhsds, nullptr);
  ASSERT_EQ(mhsds->day_count(), DayCount::kMhsds);
  PeriodBuild m = BuildPeriods(events, D(2023, 12, 31), *mhsds);
  // Only days change; review dates and overdue days do not.
  EXPECT_THAT(
      Rows(m),
      ElementsAre("P1,1,2023-01-10,2023-02-28,49,2023-04-04,0,y,0,0",
                  "P1,4,2023-03-01,,306,2023-09-01,121,y,0,0",
                  "P2,4,2023-05-05,2023-05-05,0,2023-11-05,0,y,0,0",
                  "P3,14,2023-02-01,2023-04-10,68,2023-03-01,40,y,0,0"));

  PeriodBuild i = Build(events, D(2023, 12, 31));
  EXPECT_THAT(
      Rows(i),
      ElementsAre("P1,1,2023-01-10,2023-02-28,50,2023-04-04,0,y,0,0",
                  "P1,4,2023-03-01,,306,2023-09-01,121,y,0,0",
                  "P2,4,2023-05-05,2023-05-05,1,2023-11-05,0,y,0,0",
                  "P3,14,2023-02-01,2023-04-10,69,2023-03-01,40,y,0,0"));

  auto inclusive = periods_test::TestRulesAppended("day_count: INCLUSIVE");
  ASSERT_NE(inclusive, nullptr);
  EXPECT_EQ(Rows(BuildPeriods(events, D(2023, 12, 31), *inclusive)), Rows(i));
  auto defaults = DefaultRuleSet();
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ((*defaults)->day_count(), DayCount::kInclusive);
}

// Transition flags of each patient's periods, in order.
std::map<std::string, std::vector<bool>> Flags(const PeriodBuild& b) {
  std::map<std::string, std::vector<bool>> flags;
  for (const ClusterPeriod& p : b.periods) {
    flags[p.patient_id].push_back(p.transition_ok);
  }
  return flags;
}

std::vector<PeriodEvent> TransitionEvents() {
  return {
      Alloc("T01", D(2023, 1, 1), 1),
      Alloc("T01", D(2023, 2, 1), 3),
      Alloc("T02", D(2023, 1, 1), 1),
      Alloc("T02", D(2023, 2, 1), 2),
      Alloc("T03", D(2023, 1, 1), 1),
      Alloc("T03", D(2023, 2, 1), 0),
      Alloc("T04", D(2023, 1, 1), 0),
      Alloc("T04", D(2023, 2, 1), 3),
      Alloc("T05", D(2023, 1, 1), 1),
      Alloc("T05", D(2023, 2, 1), 1),
      // After a discharge nothing is open: no transition to judge.
      Alloc("T06", D(2023, 1, 1), 1),
      Discharge("T06", D(2023, 1, 15)),
      Alloc("T06", D(2023, 2, 1), 3),
      // 3 has no row: it may move only to 0.
      Alloc("T07", D(2023, 1, 1), 3),
      Alloc("T07", D(2023, 2, 1), 1),
      Alloc("T08", D(2023, 1, 1), 1),
      Alloc("T08", D(2023, 2, 1), 2),
      Alloc("T08", D(2023, 3, 1), 3),
      // The discharge is superseded by the day's allocation: 1 was open.
      Alloc("T09", D(2023, 1, 1), 1),
      Discharge("T09", D(2023, 2, 1)),
      Alloc("T09", D(2023, 2, 1), 3),
      // Only the day's last allocation (2) is judged.
      Alloc("T10", D(2023, 1, 1), 1),
      Alloc("T10", D(2023, 2, 1), 3),
      Alloc("T10", D(2023, 2, 1), 2),
      Alloc("T11", D(2023, 1, 1), 0),
      Alloc("T11", D(2023, 2, 1), 0),
  };
}

const std::map<std::string, std::vector<bool>>& WantRestricted() {
  static const auto* want = new std::map<std::string, std::vector<bool>>{
      {"T01", {true, false}}, {"T02", {true, true}},
      {"T03", {true, true}},  {"T04", {true, true}},
      {"T05", {true}},        {"T06", {true, true}},
      {"T07", {true, false}}, {"T08", {true, true, false}},
      {"T09", {true, false}}, {"T10", {true, true}},
      {"T11", {true}},
  };
  return *want;
}

TEST_F(PeriodStageBuilder, TransitionTableFlagsDisallowedMoves) {
  auto table = ParseTransitionTableText("rows { from: 1 to: [2] }");
  ASSERT_TRUE(table.ok()) << table.status();
  PeriodBuild b =
      BuildPeriods(TransitionEvents(), D(2023, 12, 31), *rules_, *table);
  EXPECT_EQ(Flags(b), WantRestricted());
  // Flagged, never refused: the periods are all there.
  EXPECT_EQ(b.periods.size(), 21u);
  EXPECT_THAT(b.errors, IsEmpty());
}

TEST_F(PeriodStageBuilder, TransitionTableOfTheRuleSet) {
  auto restricted =
      periods_test::TestRulesEdited("transitions { allow_all: true }",
                                    "transitions { rows { from: 1 to: [2] } }");
  ASSERT_NE(restricted, nullptr);
  EXPECT_EQ(
      Flags(BuildPeriods(TransitionEvents(), D(2023, 12, 31), *restricted)),
      WantRestricted());
}

TEST_F(PeriodStageBuilder, DefaultTablesAllowEveryMove) {
  std::map<std::string, std::vector<bool>> all_ok = WantRestricted();
  for (auto& [patient, flags] : all_ok) flags.assign(flags.size(), true);
  EXPECT_EQ(Flags(Build(TransitionEvents(), D(2023, 12, 31))), all_ok);
  auto defaults = DefaultRuleSet();
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(
      Flags(BuildPeriods(TransitionEvents(), D(2023, 12, 31), **defaults)),
      all_ok);
  auto allow_all = ParseTransitionTableText("allow_all: true");
  ASSERT_TRUE(allow_all.ok());
  EXPECT_TRUE(allow_all->allows_all());
  EXPECT_EQ(Flags(BuildPeriods(TransitionEvents(), D(2023, 12, 31), *rules_,
                               *allow_all)),
            all_ok);
}

TEST_F(PeriodStageBuilder, TransitionTableText) {
  auto table = ParseTransitionTableText(
      "rows { from: 1 to: [2, 3] }\nrows { from: 14 to: [10, 11] }");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_FALSE(table->allows_all());
  const auto c = periods_test::C;
  EXPECT_TRUE(table->Allowed(c(1), c(2)));
  EXPECT_TRUE(table->Allowed(c(1), c(3)));
  EXPECT_FALSE(table->Allowed(c(1), c(4)));
  EXPECT_TRUE(table->Allowed(c(14), c(11)));
  EXPECT_FALSE(table->Allowed(c(14), c(12)));
  EXPECT_FALSE(table->Allowed(c(2), c(1)));
  for (int code : {1, 2, 3, 8, 10, 21}) {
    EXPECT_TRUE(table->Allowed(c(code), c(0))) << code;
    EXPECT_TRUE(table->Allowed(c(0), c(code))) << code;
    EXPECT_TRUE(table->Allowed(c(code), c(code))) << code;
  }

  for (const char* bad :
       {"rows { from: 9 to: [1] }", "rows { from: 1 to: [22] }",
        "rows { from: 1 to: [2] } rows { from: 1 to: [3] }",
        "rows { from: 1 to: [2] ", "colour: 3"}) {
    auto t = ParseTransitionTableText(bad, "trust.textproto");
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_THAT(t.status().message(), HasSubstr("trust.textproto")) << bad;
  }
}

TEST_F(PeriodStageBuilder, OutputSortedByPatientBytewiseThenStart) {
  PeriodBuild b = Build(
      {
          Alloc("b", D(2023, 3, 1), 1),
          Alloc("a9", D(2023, 1, 1), 1),
          Alloc("B", D(2023, 5, 1), 4),
          Alloc("B", D(2023, 2, 1), 3),
          Alloc("a10", D(2023, 4, 1), 1),
          Alloc("A", D(2023, 6, 1), 2),
          Alloc("B", D(2023, 1, 1), 2),
      },
      D(2023, 12, 31));
  std::vector<std::string> order;
  for (const ClusterPeriod& p : b.periods) {
    order.push_back(absl::StrCat(p.patient_id, " ", FormatIsoDate(p.start)));
  }
  EXPECT_THAT(order, ElementsAre("A 2023-06-01", "B 2023-01-01", "B 2023-02-01",
                                 "B 2023-05-01", "a10 2023-04-01",
                                 "a9 2023-01-01", "b 2023-03-01"));
}

TEST_F(PeriodStageBuilder, IdsSortBytewiseWhateverTheirLengthAndBytes) {
  // Ids of up to 15 bytes are interned by value and longer ones by view:
  // both ways must order prefixes, zero bytes and high bytes bytewise.
  const std::vector<std::string> short_ids = {"a",
                                              std::string("a\0", 2),
                                              std::string("a\0\x01", 3),
                                              "a\x01",
                                              "a\xff",
                                              "A",
                                              "",
                                              std::string(14, 'z'),
                                              std::string(15, 'z'),
                                              std::string(15, '\0')};
  std::vector<std::string> long_ids = short_ids;
  long_ids.push_back(std::string(16, 'z'));
  long_ids.push_back(std::string(16, '\0'));
  long_ids.push_back(std::string(40, 'a'));
  for (std::vector<std::string> ids : {short_ids, long_ids}) {
    // Each patient's later event first, so dates are sorted here too.
    std::vector<PeriodEvent> events;
    for (const std::string& id : ids) {
      events.push_back(Alloc(id, D(2023, 2, 1), 2));
    }
    for (const std::string& id : ids) {
      events.push_back(Alloc(id, D(2023, 1, 1), 1));
    }
    std::vector<std::pair<std::string, absl::CivilDay>> got;
    for (const ClusterPeriod& p : Build(events, D(2023, 12, 31)).periods) {
      got.emplace_back(p.patient_id, p.start);
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<std::string, absl::CivilDay>> want;
    for (const std::string& id : ids) {
      want.emplace_back(id, D(2023, 1, 1));
      want.emplace_back(id, D(2023, 2, 1));
    }
    EXPECT_EQ(got, want) << ids.size() << " ids";
  }
}

TEST_F(PeriodStageBuilder, ManyPatientsKeepInputOrderWithinADate) {
  // 300 patients whose ids differ in several bytes and share others, each
  // allocated twice on 1 Jan, patients met in opposite orders the two
  // times: the second allocation counts (superseded 1), so each patient's
  // events must stay in input order however the ids sort. Cluster 3 or 4
  // (six months): open to 31 Mar, 90 days, due 1 Jul, not overdue.
  std::vector<PeriodEvent> events;
  std::vector<std::string> ids;
  for (int k = 0; k < 300; ++k) {
    ids.push_back(absl::StrCat("P", k % 7, "-", k, k % 2 ? "x" : ""));
  }
  for (int k = 0; k < 300; ++k) {
    events.push_back(Alloc(ids[k], D(2023, 1, 1), 1));
  }
  for (int k = 299; k >= 0; --k) {
    events.push_back(Alloc(ids[k], D(2023, 1, 1), k % 2 ? 3 : 4));
  }
  const PeriodBuild b = Build(events, D(2023, 3, 31));
  std::map<std::string, int> want;
  for (int k = 0; k < 300; ++k) want[ids[k]] = k % 2 ? 3 : 4;
  std::vector<std::string> got_rows;
  std::vector<std::string> want_rows;
  for (const ClusterPeriod& p : b.periods) got_rows.push_back(Row(p));
  for (const auto& [id, cluster] : want) {
    want_rows.push_back(
        absl::StrCat(id, ",", cluster, ",2023-01-01,,90,2023-07-01,0,y,1,0"));
  }
  EXPECT_EQ(got_rows, want_rows);
  EXPECT_EQ(b.superseded, 300);
  EXPECT_EQ(b.events_used, 300);
}

}  // namespace
}  // namespace mhpbr
