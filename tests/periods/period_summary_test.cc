// Per-patient, per-cluster and overall totals of periods (periods.md
// "Outputs").

#include "mhpbr/period_summary.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/period_builder.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::Alloc;
using periods_test::C;
using periods_test::D;
using periods_test::Discharge;
using ::testing::ElementsAre;
using ::testing::Pair;

ClusterPeriod Period(std::string patient, int cluster, int64_t days,
                     int64_t overdue) {
  ClusterPeriod p;
  p.patient_id = std::move(patient);
  p.cluster = C(cluster);
  p.days = days;
  p.overdue_days = overdue;
  return p;
}

MATCHER_P3(Totals, periods, days, overdue, "") {
  return arg.periods == periods && arg.days == days &&
         arg.overdue_periods == overdue;
}

TEST(PeriodStageSummary, Empty) {
  const PeriodSummary s = SummarisePeriods({});
  EXPECT_TRUE(s.by_patient.empty());
  EXPECT_TRUE(s.by_cluster.empty());
  EXPECT_THAT(s.all, Totals(0, 0, 0));
}

TEST(PeriodStageSummary, ByPatientByClusterAndAll) {
  const std::vector<ClusterPeriod> periods = {
      Period("P2", 3, 7, 0),  Period("P10", 1, 10, 0), Period("P10", 3, 20, 5),
      Period("P2", 14, 3, 1), Period("P2", 3, 11, 40),
  };
  const PeriodSummary s = SummarisePeriods(periods);
  // Patients bytewise ("P10" < "P2"), clusters by code (3 < 14).
  EXPECT_THAT(s.by_patient, ElementsAre(Pair("P10", Totals(2, 30, 1)),
                                        Pair("P2", Totals(3, 21, 2))));
  EXPECT_THAT(s.by_cluster,
              ElementsAre(Pair(1, Totals(1, 10, 0)), Pair(3, Totals(3, 38, 2)),
                          Pair(14, Totals(1, 3, 1))));
  EXPECT_THAT(s.all, Totals(5, 51, 3));
}

TEST(PeriodStageSummary, OverduePeriodsCountPeriodsNotDays) {
  const PeriodSummary s = SummarisePeriods(
      {Period("P", 4, 300, 120), Period("P", 4, 2, 1), Period("P", 4, 9, 0)});
  EXPECT_THAT(s.by_patient, ElementsAre(Pair("P", Totals(3, 311, 2))));
  EXPECT_THAT(s.by_cluster, ElementsAre(Pair(4, Totals(3, 311, 2))));
}

TEST(PeriodStageSummary, OfBuiltPeriods) {
  auto rules = periods_test::TestRules();
  ASSERT_NE(rules, nullptr);
  // P1: 1 from 10 Jan to 28 Feb (50 days, due 4 Apr, not overdue), 4 from
  // 1 Mar open to 31 Dec (306 days, due 1 Sep, 121 overdue). P2: 14 from 1
  // Feb to 10 Apr (69 days, due 1 Mar, 40 overdue).
  const PeriodBuild b = BuildPeriods(
      {Alloc("P1", D(2023, 1, 10), 1), Alloc("P1", D(2023, 3, 1), 4),
       Alloc("P2", D(2023, 2, 1), 14), Discharge("P2", D(2023, 4, 10))},
      D(2023, 12, 31), *rules);
  const PeriodSummary s = SummarisePeriods(b.periods);
  EXPECT_THAT(s.by_patient, ElementsAre(Pair("P1", Totals(2, 356, 1)),
                                        Pair("P2", Totals(1, 69, 1))));
  EXPECT_THAT(s.by_cluster,
              ElementsAre(Pair(1, Totals(1, 50, 0)), Pair(4, Totals(1, 306, 1)),
                          Pair(14, Totals(1, 69, 1))));
  EXPECT_THAT(s.all, Totals(3, 425, 2));
}

TEST(PeriodStageSummary, ByClusterOnlyLeavesPatientsOut) {
  // The periods of ByPatientByClusterAndAll: the same per-cluster and
  // overall totals, no per-patient ones.
  const std::vector<ClusterPeriod> periods = {
      Period("P2", 3, 7, 0),  Period("P10", 1, 10, 0), Period("P10", 3, 20, 5),
      Period("P2", 14, 3, 1), Period("P2", 3, 11, 40),
  };
  const auto flat = [](const PeriodSummary& s) {
    std::vector<std::vector<int64_t>> rows;
    for (const auto& [cluster, t] : s.by_cluster) {
      rows.push_back({cluster, t.periods, t.days, t.overdue_periods});
    }
    rows.push_back({-1, s.all.periods, s.all.days, s.all.overdue_periods});
    return rows;
  };
  const PeriodSummary s = SummarisePeriodsByCluster(periods);
  EXPECT_TRUE(s.by_patient.empty());
  EXPECT_EQ(flat(s), flat(SummarisePeriods(periods)));
  EXPECT_EQ(s.by_cluster.size(), 3u);
}

TEST(PeriodStageSummary, PatientsSortedOrNotGiveTheSameTotals) {
  // A patient met again after another (P1, P2, P1) adds to its own row.
  const PeriodSummary s = SummarisePeriods(
      {Period("P1", 1, 5, 0), Period("P2", 1, 6, 2), Period("P1", 2, 7, 1)});
  EXPECT_THAT(s.by_patient, ElementsAre(Pair("P1", Totals(2, 12, 1)),
                                        Pair("P2", Totals(1, 6, 1))));
}

}  // namespace
}  // namespace mhpbr
