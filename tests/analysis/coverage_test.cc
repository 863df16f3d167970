// Coverage (mhpbr/coverage.h): people and periods in clusters 1-21, only in
// cluster 0, and with activity but no period; overall and per team. Counts
// worked out by hand in the comments.

#include "mhpbr/coverage.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mhpbr/patient_index.h"

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

void ExpectSame(const CoverageCounts& a, const CoverageCounts& b) {
  EXPECT_EQ(a.patients, b.patients);
  EXPECT_EQ(a.patients_in_clusters, b.patients_in_clusters);
  EXPECT_EQ(a.patients_only_cluster_0, b.patients_only_cluster_0);
  EXPECT_EQ(a.patients_unclustered, b.patients_unclustered);
  EXPECT_EQ(a.periods_in_clusters, b.periods_in_clusters);
  EXPECT_EQ(a.periods_cluster_0, b.periods_cluster_0);
}

// A caller's numbering that knows P9 (no period here) and lacks P6 and P3
// (periods here), and rows of activity (id, team) through it.
std::shared_ptr<PatientIndex> CallerNumbering() {
  auto numbering = std::make_shared<PatientIndex>();
  for (const char* id : {"P2", "P9", "P1", "P4"}) numbering->Add(id);
  return numbering;
}
const std::vector<std::pair<std::string, std::string>> kCallerRows = {
    {"P1", "a"}, {"P2", "a"}, {"P4", "b"}, {"P4", "b"},
    {"P5", ""},  {"P3", "b"}, {"P1", "b"}};

// The same counts as AddActivity's rows looked up by id give, in all and
// per team; (P9, in the numbering with neither periods nor activity, is
// not one of the 6 people).
void ExpectAsLookedUp(const CoverageCounter& numbered) {
  CoverageCounter plain(Periods());
  AddActivity(plain);
  ExpectSame(numbered.Totals(), plain.Totals());
  const auto a = plain.ByTeam(), b = numbered.ByTeam();
  ASSERT_EQ(a.size(), b.size());
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    EXPECT_EQ(i->first, j->first);
    ExpectSame(i->second, j->second);
  }
  EXPECT_EQ(numbered.Totals().patients, 6);
}

TEST(AnalysisCoverageCounterTest, GivenNumbersCountAsLookedUpIds) {
  // Numbers the caller gives are used, ids it lacks looked up, and numbers
  // outside it (a caller's mistake) are not trusted.
  auto numbering = CallerNumbering();
  CoverageCounter numbered(Periods(), numbering);
  for (const auto& [id, team] : kCallerRows) {
    numbered.AddActivity(numbering->Find(id), id, team);
  }
  numbered.AddActivity(12345, "P3", "b");  // out of range: looked up
  ExpectAsLookedUp(numbered);
}

TEST(AnalysisCoverageCounterTest, NumberedRowsCountAsLookedUpIds) {
  // The same rows with patients and teams numbered by the caller (the
  // report's consuming thread): P5 and P3 are not in the numbering, so
  // NumberUnnumbered numbers them; "" is no team.
  auto numbering = CallerNumbering();
  CoverageCounter numbered(Periods(), numbering);
  for (const auto& [id, team] : kCallerRows) {
    int32_t n = numbering->Find(id);
    if (n == PatientIndex::kNone) n = numbered.NumberUnnumbered(id);
    numbered.AddNumberedActivity(n,
                                 team.empty() ? -1 : numbered.TeamNumber(team));
  }
  // Numbered once: the same number the second time.
  EXPECT_EQ(numbered.NumberUnnumbered("P5"), numbered.NumberUnnumbered("P5"));
  EXPECT_EQ(numbered.TeamNumber("b"), numbered.TeamNumber("b"));
  ExpectAsLookedUp(numbered);
}

TEST(AnalysisCoverageCounterTest, ManyTeams) {
  // 70 teams (past the 32 a patient's mask holds): team t saw P(t % 10),
  // who has a period in cluster 3, and U(t), who has none; P(t % 10) also
  // twice more under the same team.
  std::vector<PeriodToPrice> periods;
  for (int p = 0; p < 10; ++p) {
    periods.push_back(Period(absl::StrCat("P", p), 3, 4));
  }
  CoverageCounter c(periods);
  for (int t = 0; t < 70; ++t) {
    const std::string team = absl::StrCat("t", t < 10 ? "0" : "", t);
    for (int k = 0; k < 3; ++k) c.AddActivity(absl::StrCat("P", t % 10), team);
    c.AddActivity(absl::StrCat("U", t), team);
  }
  const std::map<std::string, CoverageCounts> by = c.ByTeam();
  ASSERT_EQ(by.size(), 70u);
  for (const auto& [team, counts] : by) {
    SCOPED_TRACE(team);
    EXPECT_EQ(counts.patients, 2);
    EXPECT_EQ(counts.patients_in_clusters, 1);
    EXPECT_EQ(counts.patients_unclustered, 1);
  }
  const CoverageCounts t = c.Totals();
  EXPECT_EQ(t.patients, 80);
  EXPECT_EQ(t.patients_in_clusters, 10);
  EXPECT_EQ(t.patients_unclustered, 70);
}

}  // namespace
}  // namespace mhpbr

namespace mhpbr {
namespace {

TEST(AnalysisCoverageCounterTest, PeriodsAddedByNumberCountAsInTheConstructor) {
  // The numbering of Periods()' people in id order, as the coster gives
  // it: P1 0, P2 1, P3 2, P6 3; the periods added one by one by number.
  auto numbering = std::make_shared<PatientIndex>();
  for (const char* id : {"P1", "P2", "P3", "P6"}) numbering->Add(id);
  CoverageCounter plain(Periods());
  AddActivity(plain);
  CoverageCounter added({}, numbering);
  for (const PeriodToPrice& p : Periods()) {
    added.AddPeriod(numbering->Find(p.patient_id), p.cluster);
  }
  AddActivity(added);
  ExpectSame(added.Totals(), plain.Totals());
  const auto a = plain.ByTeam(), b = added.ByTeam();
  ASSERT_EQ(a.size(), b.size());
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    EXPECT_EQ(i->first, j->first);
    ExpectSame(i->second, j->second);
  }
}

TEST(AnalysisCoverageCounterTest, PrefetchOfAnyNumberIsHarmless) {
  CoverageCounter c(Periods());
  for (int32_t n : {-2, -1, 0, 3, 4, 1 << 30}) c.Prefetch(n);
  AddActivity(c);
  // Totals as in the Totals test: 6 people.
  EXPECT_EQ(c.Totals().patients, 6);
}

TEST(AnalysisCoverageCounterTest, APersonOfManyTeamsCountsOncePerTeam) {
  // 70 teams t00..t69 are seen first (by U0..U69, no period), so that
  // P's teams are on both sides of the 32 a mask holds. P (cluster 3)
  // is then seen by t65 first, then t65 again, t02, t66, t02, t65: P
  // counts once for t02, t65 and t66, each of which also has its U.
  CoverageCounter c({Period("P", 3, 4)});
  for (int t = 0; t < 70; ++t) {
    c.AddActivity(absl::StrCat("U", t),
                  absl::StrCat("t", t < 10 ? "0" : "", t));
  }
  for (const char* team : {"t65", "t65", "t02", "t66", "t02", "t65"}) {
    c.AddActivity("P", team);
  }
  const std::map<std::string, CoverageCounts> by = c.ByTeam();
  ASSERT_EQ(by.size(), 70u);
  for (const auto& [team, counts] : by) {
    SCOPED_TRACE(team);
    const bool with_p = team == "t02" || team == "t65" || team == "t66";
    EXPECT_EQ(counts.patients, with_p ? 2 : 1);
    EXPECT_EQ(counts.patients_in_clusters, with_p ? 1 : 0);
    EXPECT_EQ(counts.patients_unclustered, 1);
  }
  EXPECT_EQ(c.Totals().patients, 71);
}

}  // namespace
}  // namespace mhpbr
