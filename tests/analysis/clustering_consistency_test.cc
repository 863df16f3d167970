// Clustering consistency (mhpbr/clustering_consistency.h): the agreement
// matrix and Cohen's kappa, overall and per group; moves at review against
// a restrictive transition table; the cluster mix per financial year. The
// inputs are made by hand and every figure is worked out in the comments.

#include "mhpbr/clustering_consistency.h"

#include <algorithm>
#include <array>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "lib/analysis/consistency_report.h"
#include "lib/analysis/svg_chart.h"
#include "mhpbr/period_step.h"

namespace mhpbr {
namespace {

Cluster C(int code) { return *Cluster::FromCode(code); }

PeriodToPrice P(std::string patient, int cluster, absl::CivilDay start,
                std::optional<absl::CivilDay> end) {
  PeriodToPrice p;
  p.patient_id = std::move(patient);
  p.cluster = C(cluster);
  p.start = start;
  p.end = end;
  return p;
}

using Day = absl::CivilDay;

// Nine assessments (allocated, suggested):
//   (0,0) (1,1) (1,1) (1,1) (3,1) (3,3) (3,3) (3,11) (11,11)
// agree = 1 + 3 + 2 + 1 = 7 of n = 9: po = 7/9, 777777.8 -> 777778 ppm.
// Allocated 0:1 1:3 3:4 11:1; suggested 0:1 1:4 3:2 11:2;
// sum a_k s_k = 1 + 12 + 8 + 2 = 23, pe = 23/81.
// kappa = (7/9 - 23/81) / (1 - 23/81) = (63 - 23) / (81 - 23) = 40/58
//       = 20/29 = 0.68965... -> 0.6897.
AgreementMatrix NineAssessments() {
  AgreementMatrix m;
  for (auto [a, s] : std::vector<std::pair<int, int>>{{0, 0},
                                                      {1, 1},
                                                      {1, 1},
                                                      {1, 1},
                                                      {3, 1},
                                                      {3, 3},
                                                      {3, 3},
                                                      {3, 11},
                                                      {11, 11}}) {
    m.Add(C(a), C(s));
  }
  return m;
}

TEST(ClusteringConsistencyTest, AgreementMatrixAndKappaByHand) {
  const AgreementMatrix m = NineAssessments();
  EXPECT_EQ(m.count(C(0), C(0)), 1);
  EXPECT_EQ(m.count(C(1), C(1)), 3);
  EXPECT_EQ(m.count(C(3), C(1)), 1);
  EXPECT_EQ(m.count(C(1), C(3)), 0);
  EXPECT_EQ(m.count(C(3), C(3)), 2);
  EXPECT_EQ(m.count(C(3), C(11)), 1);
  EXPECT_EQ(m.count(C(11), C(11)), 1);
  const AgreementTally& t = m.tally();
  EXPECT_EQ(t.assessments, 9);
  EXPECT_EQ(t.agree, 7);
  EXPECT_EQ(t.allocated[C(3).index()], 4);
  EXPECT_EQ(t.suggested[C(1).index()], 4);
  EXPECT_EQ(t.AgreementPpm(), 777778);
  ASSERT_TRUE(t.Kappa().has_value());
  EXPECT_EQ(t.Kappa()->num, 20);
  EXPECT_EQ(t.Kappa()->den, 29);
  EXPECT_EQ(t.KappaDecimal(), "0.6897");
}

TEST(ClusteringConsistencyTest, KappaEdgeCases) {
  // None: no assessments at all.
  AgreementTally none;
  EXPECT_EQ(none.AgreementPpm(), std::nullopt);
  EXPECT_EQ(none.Kappa(), std::nullopt);
  EXPECT_EQ(none.KappaDecimal(), "");
  // One code only, allocated and suggested: pe = 1/1 = 1, kappa undefined.
  AgreementTally one;
  one.Add(C(4), C(4));
  one.Add(C(4), C(4));
  EXPECT_EQ(one.AgreementPpm(), 1000000);
  EXPECT_EQ(one.KappaDecimal(), "");
  // (1,3) and (3,1): po = 0, pe = (1*1 + 1*1) / 4 = 1/2, kappa =
  // (0 - 1/2) / (1/2) = -1.
  AgreementTally opposite;
  opposite.Add(C(1), C(3));
  opposite.Add(C(3), C(1));
  EXPECT_EQ(opposite.AgreementPpm(), 0);
  EXPECT_EQ(opposite.KappaDecimal(), "-1.0000");
  // Allocated 1 three times, suggested 1 for all four, one allocated 3:
  // po = 3/4, pe = 3*4/16 = 3/4: kappa = 0 / (1/4) = 0.
  AgreementTally chance;
  for (int i = 0; i < 3; ++i) chance.Add(C(1), C(1));
  chance.Add(C(3), C(1));
  EXPECT_EQ(chance.AgreementPpm(), 750000);
  EXPECT_EQ(chance.KappaDecimal(), "0.0000");
  // Rounded half away from zero at 4 places: 2 of 3 agree, allocated
  // 1:2 2:1, suggested 1:1 2:1 3:1 -> sum = 2 + 1 = 3; kappa =
  // (3*2 - 3) / (9 - 3) = 1/2; agreement 666666.7 -> 666667.
  AgreementTally third;
  third.Add(C(1), C(1));
  third.Add(C(1), C(3));
  third.Add(C(2), C(2));
  EXPECT_EQ(third.AgreementPpm(), 666667);
  EXPECT_EQ(third.KappaDecimal(), "0.5000");
}

TEST(ClusteringConsistencyTest, GroupsOnlyForTheirColumnsAndNonEmpty) {
  GroupAgreement g;
  g.has_team = true;  // no clinician column
  g.Add("T1", "Dr A", C(1), C(1));
  g.Add("", "Dr A", C(1), C(2));
  g.Add("T1", "", C(2), C(2));
  EXPECT_TRUE(g.by_clinician.empty());
  ASSERT_EQ(g.by_team.size(), 1u);
  EXPECT_EQ(g.by_team.at("T1").assessments, 2);
  EXPECT_EQ(g.by_team.at("T1").agree, 2);
  // Allocated 1:1 2:1 = suggested: po 1, pe 2/4, kappa 1.
  EXPECT_EQ(g.by_team.at("T1").KappaDecimal(), "1.0000");
}

// Transition table: 1 -> 2 and 2 -> 1 only (moves with 0 always allowed).
// Periods, in no order:
//   A: 1 to 01-31, 2 from 02-01 to 02-28, 0 from 03-01: moves 1->2 (y),
//      2->0 (y, to cluster 0).
//   B: 3 to 03-31, 5 from 04-01 to 04-30, 0 from 05-01: 3->5 (n), 5->0 (y).
//   C: 1 to 01-31, then 2 from 02-02: a gap of a day, no move.
//   D: 2 from 01-01 to 01-31; E: 1 from 02-01: other people, no move.
//   F: 1 to 01-10, 2 from 01-11: 1->2 again.
std::vector<PeriodToPrice> TransitionPeriods() {
  return {
      P("B", 0, Day(2024, 5, 1), std::nullopt),
      P("A", 2, Day(2024, 2, 1), Day(2024, 2, 29)),
      P("C", 2, Day(2024, 2, 2), std::nullopt),
      P("A", 0, Day(2024, 3, 1), std::nullopt),
      P("B", 3, Day(2024, 1, 1), Day(2024, 3, 31)),
      P("A", 1, Day(2024, 1, 1), Day(2024, 1, 31)),
      P("D", 2, Day(2024, 1, 1), Day(2024, 1, 31)),
      P("E", 1, Day(2024, 2, 1), std::nullopt),
      P("B", 5, Day(2024, 4, 1), Day(2024, 4, 30)),
      P("C", 1, Day(2024, 1, 1), Day(2024, 1, 31)),
      P("F", 2, Day(2024, 1, 11), std::nullopt),
      P("F", 1, Day(2024, 1, 1), Day(2024, 1, 10)),
  };
}

TEST(ClusteringConsistencyTest, TransitionsAgainstARestrictiveTable) {
  const absl::StatusOr<TransitionTable> table =
      TransitionTable::FromMoves({{1, {2}}, {2, {1}}});
  ASSERT_TRUE(table.ok()) << table.status();
  const std::vector<PeriodToPrice> periods = TransitionPeriods();
  const std::vector<TransitionCount> t = CountTransitions(periods, *table);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].from, C(1));
  EXPECT_EQ(t[0].to, C(2));
  EXPECT_EQ(t[0].moves, 2);
  EXPECT_TRUE(t[0].in_protocol);
  EXPECT_EQ(t[1].from, C(2));
  EXPECT_EQ(t[1].to, C(0));
  EXPECT_EQ(t[1].moves, 1);
  EXPECT_TRUE(t[1].in_protocol);
  EXPECT_EQ(t[2].from, C(3));
  EXPECT_EQ(t[2].to, C(5));
  EXPECT_FALSE(t[2].in_protocol);
  EXPECT_EQ(t[3].from, C(5));
  EXPECT_EQ(t[3].to, C(0));
  EXPECT_TRUE(t[3].in_protocol);
  // The same moves under the default table: all in protocol.
  for (const TransitionCount& m : CountTransitions(periods, {})) {
    EXPECT_TRUE(m.in_protocol) << m.from.code() << "->" << m.to.code();
  }
}

// The moves of TransitionPeriods(): 1->2 twice (A, F), 2->0 (A), 3->5
// (B), 5->0 (B).
void ExpectMovesOfTransitionPeriods(const std::vector<TransitionCount>& t) {
  const std::vector<std::array<int, 3>> want = {
      {1, 2, 2}, {2, 0, 1}, {3, 5, 1}, {5, 0, 1}};  // from, to, moves
  ASSERT_EQ(t.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(t[i].from, C(want[i][0])) << i;
    EXPECT_EQ(t[i].to, C(want[i][1])) << i;
    EXPECT_EQ(t[i].moves, want[i][2]) << i;
  }
}

std::vector<PeriodToPrice> SortedTransitionPeriods() {
  std::vector<PeriodToPrice> periods = TransitionPeriods();
  std::sort(periods.begin(), periods.end(),
            [](const PeriodToPrice& x, const PeriodToPrice& y) {
              return std::tie(x.patient_id, x.start) <
                     std::tie(y.patient_id, y.start);
            });
  return periods;
}

// TransitionPeriods() sorted by patient then start (as `mhpbr
// periods` writes them, walked without sorting) give the same moves: 1->2
// twice (A, F), 2->0 (A), 3->5 (B), 5->0 (B).
TEST(ClusteringConsistencyTest, TransitionsOfSortedPeriods) {
  std::vector<PeriodToPrice> periods = SortedTransitionPeriods();
  // And with A's first period moved to the end: out of order only at the
  // last period, where the moves counted so far are dropped and all are
  // counted again in order.
  std::vector<PeriodToPrice> late = periods;
  std::rotate(late.begin(), late.begin() + 1, late.end());
  for (const std::vector<PeriodToPrice>& given : {periods, late}) {
    ExpectMovesOfTransitionPeriods(CountTransitions(given, {}));
  }
}

// The steps of TransitionPeriods(): out of order (B's 2024-05-01 period
// comes before A's); sorted, each patient's periods after the first are
// marked the same patient, and counting moves over the steps gives the
// four pairs of TransitionsOfSortedPeriods. A's 2024-01-31 end and
// 2024-02-01 start make its first move; C's open period ends nothing.
TEST(ClusteringConsistencyTest, PeriodStepsMarkOrderAndPatients) {
  std::vector<PeriodToPrice> periods = TransitionPeriods();
  bool sorted = true;
  std::vector<PeriodStep> steps = PeriodSteps(periods, &sorted);
  EXPECT_FALSE(sorted);
  ASSERT_EQ(steps.size(), periods.size());
  EXPECT_TRUE(steps[0].open);
  EXPECT_EQ(steps[1].End(), Day(2024, 2, 29));
  EXPECT_EQ(steps[1].cluster, C(2));
  periods = SortedTransitionPeriods();
  steps = PeriodSteps(periods, &sorted);
  EXPECT_TRUE(sorted);
  // A A A B B B C C D E F F
  const std::vector<bool> same = {false, true, true,  false, true,  true,
                                  false, true, false, false, false, true};
  ASSERT_EQ(steps.size(), same.size());
  for (size_t i = 0; i < same.size(); ++i) {
    EXPECT_EQ(steps[i].same_patient, same[i]) << i;
    EXPECT_EQ(steps[i].start, periods[i].start) << i;
  }
  ExpectMovesOfTransitionPeriods(CountTransitionsOfSteps(steps, {}));
  // A period equal to the one before in id and start is still in order.
  periods.insert(periods.begin() + 1, periods[0]);
  PeriodSteps(periods, &sorted);
  EXPECT_TRUE(sorted);
}

// As of 2023-12-31: years 2022/23 (earliest start 2022-04-10) and 2023/24.
//   1 from 2022-05-01 to 2022-12-31: 2022/23
//   2 from 2023-01-01 to 2023-06-30: both years
//   3 from 2022-04-10 to 2023-03-31: 2022/23 only (ends on its last day)
//   4 from 2023-04-01, open: 2023/24 only (starts on its first day)
//   1 from 2024-01-05: after the as-of date, in no year
// 2022/23: 1, 2, 3 -> 3 periods, each 333333.3 -> 333333 ppm.
// 2023/24: 2, 4 -> 2 periods, each 500000; changes: 1 0 - 333333 =
//   -333333; 2 +166667; 3 -333333; 4 500000 - 0 = +500000.
TEST(ClusteringConsistencyTest, ClusterMixOverTwoFinancialYears) {
  const std::vector<PeriodToPrice> periods = {
      P("A", 1, Day(2022, 5, 1), Day(2022, 12, 31)),
      P("A", 2, Day(2023, 1, 1), Day(2023, 6, 30)),
      P("B", 3, Day(2022, 4, 10), Day(2023, 3, 31)),
      P("B", 4, Day(2023, 4, 1), std::nullopt),
      P("C", 1, Day(2024, 1, 5), std::nullopt),
  };
  const std::vector<ClusterMixRow> mix = ClusterMix(periods, Day(2023, 12, 31));
  struct Want {
    int64_t year;
    int cluster;
    int64_t periods;
    std::optional<int64_t> share, change;
  };
  const std::vector<Want> want = {
      {2022, 1, 1, 333333, std::nullopt}, {2022, 2, 1, 333333, std::nullopt},
      {2022, 3, 1, 333333, std::nullopt}, {2022, 4, 0, 0, std::nullopt},
      {2023, 1, 0, 0, -333333},           {2023, 2, 1, 500000, 166667},
      {2023, 3, 0, 0, -333333},           {2023, 4, 1, 500000, 500000},
  };
  ASSERT_EQ(mix.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(mix[i].year, want[i].year);
    EXPECT_EQ(mix[i].cluster, C(want[i].cluster));
    EXPECT_EQ(mix[i].periods, want[i].periods);
    EXPECT_EQ(mix[i].share_ppm, want[i].share);
    EXPECT_EQ(mix[i].change_ppm, want[i].change);
  }
  EXPECT_EQ(FinancialYearName(2022), "2022/23");
  EXPECT_EQ(FinancialYearName(1999), "1999/00");
}

TEST(ClusteringConsistencyTest, ClusterMixEmptyYearsAndHalfPpm) {
  // 1 of 128 periods is 7812.5 ppm -> 7813, 127 of 128 992187.5 -> 992188
  // (half away from zero). All end in 2020/21: 2021/22 and 2022/23 have
  // none, so their shares and changes are empty.
  std::vector<PeriodToPrice> periods = {
      P("A", 7, Day(2020, 6, 1), Day(2020, 7, 1))};
  for (int i = 0; i < 127; ++i) {
    periods.push_back(P("B", 8, Day(2020, 4, 1), Day(2021, 3, 31)));
  }
  const std::vector<ClusterMixRow> mix = ClusterMix(periods, Day(2022, 4, 1));
  ASSERT_EQ(mix.size(), 6u);
  EXPECT_EQ(mix[0].share_ppm, 7813);
  EXPECT_EQ(mix[1].share_ppm, 992188);
  for (size_t i = 2; i < 6; ++i) {
    EXPECT_EQ(mix[i].periods, 0);
    EXPECT_EQ(mix[i].share_ppm, std::nullopt);
    EXPECT_EQ(mix[i].change_ppm, std::nullopt);
  }
  EXPECT_EQ(mix[5].year, 2022);
  EXPECT_TRUE(ClusterMix({}, Day(2022, 4, 1)).empty());
  // The as-of date before every start: no year at all.
  EXPECT_TRUE(ClusterMix(periods, Day(2019, 1, 1)).empty());
}

TEST(ClusteringConsistencyTest, CsvTablesAndSummaryRows) {
  ClusteringConsistency c;
  c.agreement = NineAssessments();
  c.groups.has_clinician = true;
  c.groups.Add("", "Dr B", C(1), C(3));
  c.groups.Add("", "Dr A", C(1), C(1));
  c.transitions = {{C(3), C(5), 2, false}};
  c.cluster_mix = {{2023, C(1), 1, 1000000, std::nullopt}};
  const std::vector<std::pair<std::string, std::string>> sum =
      ConsistencySummary(c);
  const std::vector<std::pair<std::string, std::string>> want_sum = {
      {"agreement_assessments", "9"},
      {"agreement_ppm", "777778"},
      {"agreement_kappa", "0.6897"}};
  EXPECT_EQ(sum, want_sum);
  std::vector<ReportTable> tables;
  AppendConsistencyTables(c, tables);
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables[0].name, "agreement.csv");
  const std::vector<std::vector<std::string>> agreement = {
      {"0", "0", "1"}, {"1", "1", "3"},  {"3", "1", "1"},
      {"3", "3", "2"}, {"3", "11", "1"}, {"11", "11", "1"}};
  EXPECT_EQ(tables[0].rows, agreement);
  EXPECT_EQ(tables[1].name, "agreement_by_group.csv");
  // One each. Dr A (1,1): pe = 1*1/1 = 1, kappa empty. Dr B (1,3): po 0,
  // pe = 0 (allocated 1 never suggested), kappa = (0 - 0) / 1 = 0.
  const std::vector<std::vector<std::string>> groups = {
      {"clinician", "Dr A", "1", "1000000", ""},
      {"clinician", "Dr B", "1", "0", "0.0000"}};
  EXPECT_EQ(tables[1].rows, groups);
  EXPECT_EQ(tables[2].name, "transitions.csv");
  EXPECT_EQ(tables[2].rows,
            (std::vector<std::vector<std::string>>{{"3", "5", "2", "n"}}));
  EXPECT_EQ(tables[3].name, "cluster_mix.csv");
  EXPECT_EQ(tables[3].rows, (std::vector<std::vector<std::string>>{
                                {"2023/24", "1", "1", "1000000", ""}}));
  // Without assessments: no summary rows, no agreement tables.
  ClusteringConsistency bare;
  EXPECT_TRUE(ConsistencySummary(bare).empty());
  tables.clear();
  AppendConsistencyTables(bare, tables);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "transitions.csv");
  EXPECT_EQ(tables[1].name, "cluster_mix.csv");
}

TEST(ClusteringConsistencyTest, HeatMapsOrNotes) {
  ClusteringConsistency c;
  c.agreement = NineAssessments();
  c.transitions = {{C(3), C(5), 2, false}, {C(1), C(2), 1, true}};
  const std::string h = ConsistencyHtml(c, 5);
  EXPECT_NE(h.find("<h2>5. Clustering consistency</h2>"), std::string::npos);
  EXPECT_NE(h.find("aria-label=\"Allocated against suggested cluster (9 "
                   "assessments)\""),
            std::string::npos);
  EXPECT_NE(h.find("aria-label=\"Moves between clusters at review (3 moves, "
                   "2 outside the protocol)\""),
            std::string::npos);
  EXPECT_NE(h.find("Cohen's kappa 0.6897"), std::string::npos) << h;
  // The 3 -> 5 cell outlined in red, and its legend.
  EXPECT_NE(h.find("stroke=\"#d5281b\""), std::string::npos);
  EXPECT_NE(h.find("red outline: outside the transition protocol"),
            std::string::npos);
  EXPECT_NE(h.find("no cluster mix"), std::string::npos);
  EXPECT_EQ(h.find("<script"), std::string::npos);

  // Nothing to chart: notes, never an empty chart.
  ClusteringConsistency empty;
  empty.agreement.emplace();
  const std::string e = ConsistencyHtml(empty, 5);
  EXPECT_EQ(e.find("<svg"), std::string::npos);
  EXPECT_NE(e.find("No accepted assessment carries an allocated cluster"),
            std::string::npos);
  EXPECT_NE(e.find("there are no moves at review to chart"), std::string::npos);
}

TEST(SvgHeatMapTest, CellsLabelsAndOutlines) {
  HeatMap m;
  m.title = "t";
  m.row_axis = "from";
  m.column_axis = "to";
  m.row_labels = {"a", "b"};
  m.column_labels = {"a", "b"};
  m.counts = {{4, 0}, {1, 12345}};
  m.diagonal_legend = "diag";
  m.marked = {{false, true}, {false, false}};
  m.marked_legend = "mark";
  const std::string svg = SvgHeatMap(m);
  // Four cells, two diagonal outlines and its legend key, one red outline
  // and its key, the shade key: 4 + 3 + 2 + 1 rects.
  size_t rects = 0;
  for (size_t at = svg.find("<rect"); at != std::string::npos;
       at = svg.find("<rect", at + 1)) {
    ++rects;
  }
  EXPECT_EQ(rects, 10u);
  // Counts written only where there are any; a large one shortened.
  EXPECT_NE(svg.find(">4</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">0</text>"), std::string::npos);
  EXPECT_NE(svg.find(">12.3k</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>from b, to b: 12345</title>"), std::string::npos);
  EXPECT_NE(svg.find("most in a cell: 12345"), std::string::npos);
}

}  // namespace
}  // namespace mhpbr
