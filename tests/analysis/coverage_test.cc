// Coverage (mhpbr/coverage.h): people and periods in clusters 1-21, only in
// cluster 0, and with activity but no period; overall and per team. Counts
// worked out by hand in the comments.

#include "mhpbr/coverage.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mhpbr {
namespace {

PeriodToPrice Period(const std::string& patient, int cluster, int month) {
  PeriodToPrice p;
  p.patient_id = patient;
  p.cluster = *Cluster::FromCode(cluster);
  p.start = absl::CivilDay(2023, month, 1);
  return p;
}

// Periods:
//   P1: cluster 1 then cluster 0      -> in clusters (a period in 1-21)
//   P2: cluster 0 twice               -> only cluster 0
//   P3: cluster 5                     -> in clusters
//   P6: cluster 2, and no activity    -> in clusters
// Periods in clusters 1-21: P1's 1, P3's 5, P6's 2 = 3; in cluster 0: 3.
std::vector<PeriodToPrice> Periods() {
  return {Period("P1", 1, 4), Period("P1", 0, 6), Period("P2", 0, 4),
          Period("P2", 0, 8), Period("P3", 5, 5), Period("P6", 2, 7)};
}

// Activity (accepted rows):
//   P1 team a; P2 team a; P4 team b (no period) twice; P5 no team (no
//   period); P3 team b; P1 team b.
void AddActivity(CoverageCounter& c) {
  c.AddActivity("P1", "a");
  c.AddActivity("P2", "a");
  c.AddActivity("P4", "b");
  c.AddActivity("P4", "b");
  c.AddActivity("P5", "");
  c.AddActivity("P3", "b");
  c.AddActivity("P1", "b");
}

TEST(AnalysisCoverageCounterTest, Totals) {
  CoverageCounter c(Periods());
  AddActivity(c);
  const CoverageCounts t = c.Totals();
  // People: P1, P2, P3, P6 with periods; P4, P5 with activity only = 6.
  EXPECT_EQ(t.patients, 6);
  EXPECT_EQ(t.patients_in_clusters, 3);     // P1, P3, P6
  EXPECT_EQ(t.patients_only_cluster_0, 1);  // P2
  EXPECT_EQ(t.patients_unclustered, 2);     // P4 (twice: once), P5
  EXPECT_EQ(t.periods_in_clusters, 3);
  EXPECT_EQ(t.periods_cluster_0, 3);
}

TEST(AnalysisCoverageCounterTest, PeriodsOnly) {
  // Without any activity: the people of the periods, none unclustered.
  const CoverageCounter c(Periods());
  const CoverageCounts t = c.Totals();
  EXPECT_EQ(t.patients, 4);
  EXPECT_EQ(t.patients_in_clusters, 3);
  EXPECT_EQ(t.patients_only_cluster_0, 1);
  EXPECT_EQ(t.patients_unclustered, 0);
  EXPECT_TRUE(c.ByTeam().empty());
}

TEST(AnalysisCoverageCounterTest, ClusterZeroAfterARealClusterStillCounts) {
  // The order of a person's periods does not matter: cluster 0 first, then
  // a real cluster, is "in clusters"; so is the reverse.
  CoverageCounter c({Period("Q", 0, 4), Period("Q", 3, 5), Period("R", 3, 4),
                     Period("R", 0, 5)});
  const CoverageCounts t = c.Totals();
  EXPECT_EQ(t.patients, 2);
  EXPECT_EQ(t.patients_in_clusters, 2);
  EXPECT_EQ(t.patients_only_cluster_0, 0);
}

TEST(AnalysisCoverageCounterTest, ByTeam) {
  CoverageCounter c(Periods());
  AddActivity(c);
  const std::map<std::string, CoverageCounts> by = c.ByTeam();
  // Team a: P1 (in clusters), P2 (only 0). Team b: P4 (no period), P3 and
  // P1 (in clusters). P5's row names no team; P6 has no activity.
  ASSERT_EQ(by.size(), 2u);
  auto it = by.begin();
  EXPECT_EQ(it->first, "a");
  EXPECT_EQ(it->second.patients, 2);
  EXPECT_EQ(it->second.patients_in_clusters, 1);
  EXPECT_EQ(it->second.patients_only_cluster_0, 1);
  EXPECT_EQ(it->second.patients_unclustered, 0);
  EXPECT_EQ(it->second.periods_in_clusters, 0);
  EXPECT_EQ(it->second.periods_cluster_0, 0);
  ++it;
  EXPECT_EQ(it->first, "b");
  EXPECT_EQ(it->second.patients, 3);
  EXPECT_EQ(it->second.patients_in_clusters, 2);
  EXPECT_EQ(it->second.patients_only_cluster_0, 0);
  EXPECT_EQ(it->second.patients_unclustered, 1);
  EXPECT_EQ(it->second.periods_in_clusters, 0);
  EXPECT_EQ(it->second.periods_cluster_0, 0);
}

TEST(AnalysisCoverageCounterTest, TeamsSortedByName) {
  CoverageCounter c({});
  c.AddActivity("X", "zeta");
  c.AddActivity("X", "Alpha");
  c.AddActivity("Y", "mid");
  std::vector<std::string> names;
  for (const auto& [team, counts] : c.ByTeam()) names.push_back(team);
  // Bytewise: upper case before lower case.
  EXPECT_EQ(names, (std::vector<std::string>{"Alpha", "mid", "zeta"}));
  const CoverageCounts t = c.Totals();
  EXPECT_EQ(t.patients, 2);
  EXPECT_EQ(t.patients_unclustered, 2);
  EXPECT_EQ(t.periods_in_clusters, 0);
}

TEST(AnalysisCoverageCounterTest, Empty) {
  const CoverageCounter c({});
  const CoverageCounts t = c.Totals();
  EXPECT_EQ(t.patients, 0);
  EXPECT_EQ(t.patients_in_clusters, 0);
  EXPECT_EQ(t.patients_only_cluster_0, 0);
  EXPECT_EQ(t.patients_unclustered, 0);
  EXPECT_EQ(t.periods_in_clusters, 0);
  EXPECT_EQ(t.periods_cluster_0, 0);
}

}  // namespace
}  // namespace mhpbr
