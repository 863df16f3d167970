// Fair comparison (outcomes.md, "Fair comparison"): strata, reference
// rates, O, E, the ratio, the exact Poisson funnel limits, the flag,
// re-referral within 90 days, and the reference file. Every expected figure
// is worked out by hand in the comments beside it; the limits are checked
// against published chi-square quantiles (G(p, a) = chi2(p, 2a) / 2).

#include "mhpbr/fair_comparison.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/reference_strata_csv.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/unit_comparison_csv.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }
Cluster C(int code) { return *Cluster::FromCode(code); }

// Periods, their outcomes and the start assessments, built row by row.
struct Data {
  std::vector<ClusterPeriod> periods;
  std::vector<PeriodOutcome> outcomes;
  std::vector<ScoredAssessment> assessments;

  // A paired period of `team` in cluster `cluster` whose start total is
  // `start_total`.
  void Paired(const std::string& team, int cluster, int start_total,
              bool improved) {
    const std::string patient =
        absl::StrCat("P", periods.size() + 1);  // one period each
    ClusterPeriod p;
    p.patient_id = patient;
    p.cluster = C(cluster);
    p.start = D(2023, 5, 1);
    p.team = team;
    periods.push_back(p);
    ScoredAssessment a;
    a.patient_id = patient;
    a.assessment_id = absl::StrCat("A", assessments.size() + 1);
    a.date = p.start;
    a.score.scorable = true;
    a.score.total = start_total;
    assessments.push_back(a);
    PeriodOutcome o;
    o.status = PairStatus::kPaired;
    o.start = assessments.size() - 1;
    o.follow_up = assessments.size() - 1;
    o.outcome = improved ? Outcome::kImproved : Outcome::kNoChange;
    o.start_total = start_total;
    outcomes.push_back(o);
  }
  // A period with no start assessment.
  void Unpaired(const ClusterPeriod& p) {
    periods.push_back(p);
    outcomes.push_back(PeriodOutcome{});
  }

  FairComparison Compare(
      std::optional<std::vector<ReferenceStratum>> reference = std::nullopt,
      absl::CivilDay as_of = D(2024, 3, 31)) const {
    std::optional<absl::Span<const ReferenceStratum>> rates;
    if (reference) rates = absl::MakeConstSpan(*reference);
    absl::StatusOr<FairComparison> f =
        CompareUnits(periods, outcomes, assessments, UnitColumn::kTeam, rates,
                     as_of, OutcomeRules{});
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? *f : FairComparison{};
  }
};

TEST(StartTotalBand, DefaultBoundsAreTheSpecs) {
  const OutcomeRules r;
  EXPECT_EQ(StartTotalBand(0, r), 0);
  EXPECT_EQ(StartTotalBand(10, r), 0);
  EXPECT_EQ(StartTotalBand(11, r), 1);  // the clinical cut-off
  EXPECT_EQ(StartTotalBand(15, r), 1);
  EXPECT_EQ(StartTotalBand(16, r), 2);
  EXPECT_EQ(StartTotalBand(20, r), 2);
  EXPECT_EQ(StartTotalBand(21, r), 3);
  EXPECT_EQ(StartTotalBand(48, r), 3);
  EXPECT_EQ(StartTotalBandName(0, r), "0-10");
  EXPECT_EQ(StartTotalBandName(1, r), "11-15");
  EXPECT_EQ(StartTotalBandName(2, r), "16-20");
  EXPECT_EQ(StartTotalBandName(3, r), "21+");
  EXPECT_EQ(ParseStartTotalBand("16-20", r), 2);
  EXPECT_EQ(ParseStartTotalBand("21-48", r), std::nullopt);
  OutcomeRules two;
  two.band_upper = {12};
  EXPECT_EQ(StartTotalBandName(1, two), "13+");
  EXPECT_EQ(StartTotalBand(13, two), 1);
}

// The two units and three strata of the example:
//   a = cluster 11, band 0-10 (start 8); b = cluster 11, band 21+ (start
//   25); c = cluster 3, band 11-15 (start 12).
//   T1: a (improved), a, b (improved), c
//   T2: a, a, b (improved), b, b, c (improved)
//   no team: c (improved)
// Reference from the input: a 1 of 4 (1/4), b 2 of 4 (1/2), c 2 of 3 (2/3).
Data TwoUnits() {
  Data d;
  d.Paired("T1", 11, 8, true);
  d.Paired("T1", 11, 8, false);
  d.Paired("T1", 11, 25, true);
  d.Paired("T1", 3, 12, false);
  d.Paired("T2", 11, 8, false);
  d.Paired("T2", 11, 8, false);
  d.Paired("T2", 11, 25, true);
  d.Paired("T2", 11, 25, false);
  d.Paired("T2", 11, 25, false);
  d.Paired("T2", 3, 12, true);
  d.Paired("", 3, 12, true);
  return d;
}

TEST(CompareUnits, ObservedExpectedAndRatioByHand) {
  const FairComparison f = TwoUnits().Compare();
  ASSERT_EQ(f.units.size(), 2u);
  const UnitComparison& t1 = f.units[0];
  const UnitComparison& t2 = f.units[1];
  EXPECT_EQ(t1.unit, "T1");
  EXPECT_EQ(t1.periods, 4);
  EXPECT_EQ(t1.paired, 4);
  // O = 2; E = 2 * 1/4 + 1 * 1/2 + 1 * 2/3 = 5/3; ratio = 2 / (5/3) = 1.2.
  EXPECT_EQ(t1.improved, 2);
  EXPECT_EQ(t1.ExpectedDecimal(6), "1.666667");
  EXPECT_EQ(t1.RatioDecimal(6), "1.200000");
  // T2: O = 2; E = 2/4 + 3/2 + 2/3 = 8/3; ratio = 0.75.
  EXPECT_EQ(t2.unit, "T2");
  EXPECT_EQ(t2.periods, 6);
  EXPECT_EQ(t2.improved, 2);
  EXPECT_EQ(t2.ExpectedDecimal(6), "2.666667");
  EXPECT_EQ(t2.RatioDecimal(6), "0.750000");
  // G(0.025, 5/3) = 0.12... < 2 < G(0.975, 8/3) = 6.6...: within.
  EXPECT_EQ(t1.flag, FunnelFlag::kWithin);
  EXPECT_EQ(t2.flag, FunnelFlag::kWithin);
  EXPECT_EQ(f.unadjusted, 0);
  EXPECT_EQ(f.no_unit, 1);
  // The no-team period counts in stratum c's rate (3 paired, 2 improved).
  ASSERT_EQ(f.strata.size(), 3u);
  EXPECT_EQ(f.strata[0].cluster, C(3));
  EXPECT_EQ(f.strata[0].band, 1);
  EXPECT_EQ(f.strata[0].paired, 3);
  EXPECT_EQ(f.strata[0].improved, 2);
  EXPECT_EQ(f.strata[1].cluster, C(11));
  EXPECT_EQ(f.strata[1].band, 0);
  EXPECT_EQ(f.strata[1].paired, 4);
  EXPECT_EQ(f.strata[1].improved, 1);
  EXPECT_EQ(f.strata[2].band, 3);
  EXPECT_EQ(f.strata[2].paired, 4);
  EXPECT_EQ(f.strata[2].improved, 2);
}

TEST(CompareUnits, StratumMissingFromTheReferenceIsUnadjusted) {
  // Reference: a 9 of 10, b 1 of 100; c absent.
  //   T1: a, a, b in O and E: paired 3, O = 2, E = 1.8 + 0.01 = 1.81,
  //       ratio = 2 / 1.81 = 1.104972...; c unadjusted.
  //   T2: a, a, b, b, b: paired 5, O = 1, E = 1.8 + 0.03 = 1.83, ratio =
  //       0.546448...; c unadjusted. The no-team c: unadjusted too (3).
  const FairComparison f = TwoUnits().Compare(
      std::vector<ReferenceStratum>{{C(11), 0, 10, 9}, {C(11), 3, 100, 1}});
  ASSERT_EQ(f.units.size(), 2u);
  EXPECT_EQ(f.units[0].paired, 3);
  EXPECT_EQ(f.units[0].improved, 2);
  EXPECT_EQ(f.units[0].unadjusted, 1);
  EXPECT_EQ(f.units[0].ExpectedDecimal(6), "1.810000");
  EXPECT_EQ(f.units[0].RatioDecimal(6), "1.104972");
  EXPECT_EQ(f.units[1].paired, 5);
  EXPECT_EQ(f.units[1].improved, 1);
  EXPECT_EQ(f.units[1].ExpectedDecimal(6), "1.830000");
  EXPECT_EQ(f.units[1].RatioDecimal(6), "0.546448");
  EXPECT_EQ(f.unadjusted, 3);
  // The strata written for next year are still this input's.
  EXPECT_EQ(f.strata.size(), 3u);
}

TEST(CompareUnits, NoReferencePairsAtAllLeavesRatioAndFlagEmpty) {
  const FairComparison f =
      TwoUnits().Compare(std::vector<ReferenceStratum>{{C(5), 0, 10, 3}});
  ASSERT_EQ(f.units.size(), 2u);
  EXPECT_EQ(f.units[0].paired, 0);
  EXPECT_EQ(f.units[0].ExpectedDecimal(6), "0.000000");
  EXPECT_EQ(f.units[0].RatioDecimal(6), "");
  EXPECT_FALSE(f.units[0].limits.has_value());
  EXPECT_EQ(f.units[0].flag, FunnelFlag::kNone);
  EXPECT_EQ(f.unadjusted, 11);
}

// Published chi-square quantiles (e.g. NIST/SEMATECH tables), halved:
//   chi2(0.975, 4) = 11.14329 -> G(0.975, 2) = 5.571645
//   chi2(0.999, 4) = 18.46683 -> G(0.999, 2) = 9.233415
//   chi2(0.025, 2) = 0.0506356 -> G(0.025, 1) = 0.0253178
//   chi2(0.001, 2) = 0.002001 -> G(0.001, 1) = 0.0010005
// so at E = 1 (lows of shape E = 1, highs of shape E + 1 = 2) the limits
// are these divided by E = 1.
TEST(FunnelLimits, MatchPublishedChiSquareQuantiles) {
  const FunnelLimits l = FunnelLimitsAt(1.0);
  EXPECT_NEAR(l.high_95, 11.14329 / 2, 11.14329 / 2 * 1e-6);
  EXPECT_NEAR(l.high_998, 18.46683 / 2, 18.46683 / 2 * 1e-6);
  EXPECT_NEAR(l.low_95, 0.0506356 / 2, 0.0506356 / 2 * 1e-6);
  EXPECT_NEAR(l.low_998, 0.002001 / 2, 0.002001 / 2 * 1e-6);
  // Shape 1 is the exponential: G(p, 1) = -ln(1 - p) in closed form.
  EXPECT_NEAR(l.low_95, -std::log(0.975), 1e-15);
  EXPECT_NEAR(l.low_998, -std::log(0.999), 1e-15);
  // At E = 2: chi2(0.975, 6) = 14.44938 -> high_95 = 7.22469 / 2;
  // chi2(0.025, 4) = 0.4844186 -> low_95 = 0.2422093 / 2.
  const FunnelLimits l2 = FunnelLimitsAt(2.0);
  EXPECT_NEAR(l2.high_95, 14.44938 / 4, 14.44938 / 4 * 1e-6);
  EXPECT_NEAR(l2.low_95, 0.4844186 / 4, 0.4844186 / 4 * 1e-6);
}

TEST(FunnelCurve, LogSpacedWithBothEnds) {
  const std::vector<FunnelSample> c = FunnelCurve(1, 100, 3);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].expected, 1);
  EXPECT_NEAR(c[1].expected, 10, 1e-12);
  EXPECT_EQ(c[2].expected, 100);
  EXPECT_NEAR(c[0].limits.high_95, 11.14329 / 2, 11.14329 / 2 * 1e-6);
  // The funnel narrows as E grows.
  EXPECT_LT(c[2].limits.high_95, c[1].limits.high_95);
  EXPECT_GT(c[2].limits.low_95, c[1].limits.low_95);
}

// Four units each of 10 periods in one stratum whose reference rate is
// 1/10, so E = 1 exactly and the limits on the O scale are those above:
// 9.233415 (99.8% high), 5.571645 (95% high), 0.0253178 (95% low),
// 0.0010005 (99.8% low).
TEST(CompareUnits, FlagsAgainstTheLimitsAtE) {
  Data d;
  const struct {
    const char* unit;
    int improved;
  } units[] = {{"A", 10}, {"B", 6}, {"C", 5}, {"D", 0}};
  for (const auto& u : units) {
    for (int i = 0; i < 10; ++i) d.Paired(u.unit, 4, 14, i < u.improved);
  }
  const FairComparison f =
      d.Compare(std::vector<ReferenceStratum>{{C(4), 1, 10, 1}});
  ASSERT_EQ(f.units.size(), 4u);
  for (const UnitComparison& u : f.units) {
    EXPECT_EQ(u.ExpectedDecimal(6), "1.000000") << u.unit;
  }
  EXPECT_EQ(f.units[0].flag, FunnelFlag::kHigh998);  // 10 > 9.23
  EXPECT_EQ(f.units[1].flag, FunnelFlag::kHigh95);   // 6 > 5.57
  EXPECT_EQ(f.units[2].flag, FunnelFlag::kWithin);   // 5 <= 5.57
  // 0 is below every positive limit: the spec's low_998 for O = 0.
  EXPECT_EQ(f.units[3].flag, FunnelFlag::kLow998);
  EXPECT_EQ(f.units[0].RatioDecimal(6), "10.000000");
  EXPECT_EQ(FunnelFlagName(f.units[1].flag), "high_95");
}

TEST(CompareUnits, ReReferralOnTheNinetiethDayButNotTheNinetyFirst) {
  Data d;
  auto period = [](const std::string& patient, absl::CivilDay start,
                   std::optional<absl::CivilDay> end, bool reallocated) {
    ClusterPeriod p;
    p.patient_id = patient;
    p.cluster = C(3);
    p.start = start;
    p.end = end;
    p.reallocated = reallocated;
    p.team = "T";
    return p;
  };
  // X discharged 2023-06-30, re-allocated 2023-09-28 = end + 90: counted.
  d.Unpaired(period("X", D(2023, 1, 1), D(2023, 6, 30), false));
  d.Unpaired(period("X", D(2023, 9, 28), std::nullopt, false));
  // Y discharged 2023-06-30, re-allocated 2023-09-29 = end + 91: not.
  d.Unpaired(period("Y", D(2023, 1, 1), D(2023, 6, 30), false));
  d.Unpaired(period("Y", D(2023, 9, 29), std::nullopt, false));
  // Z moved to another cluster (not a discharge), then discharged
  // 2023-12-01, whose end + 90 = 2024-02-29 is after the as-of date
  // 2024-02-28: not yet a discharge to count.
  d.Unpaired(period("Z", D(2023, 1, 1), D(2023, 3, 31), true));
  d.Unpaired(period("Z", D(2023, 4, 1), D(2023, 12, 1), false));
  const FairComparison f = d.Compare(std::nullopt, D(2024, 2, 28));
  ASSERT_EQ(f.units.size(), 1u);
  EXPECT_EQ(f.units[0].periods, 6);
  EXPECT_EQ(f.units[0].discharges, 2);
  EXPECT_EQ(f.units[0].reallocated_90, 1);
  EXPECT_EQ(f.units[0].reallocated_90_ppm, 500000);
  // One day later Z's discharge is due: 1 of 3 = 333333.33 -> 333333.
  const FairComparison g = d.Compare(std::nullopt, D(2024, 2, 29));
  EXPECT_EQ(g.units[0].discharges, 3);
  EXPECT_EQ(g.units[0].reallocated_90_ppm, 333333);
  // No discharge due: empty.
  EXPECT_EQ(d.Compare(std::nullopt, D(2023, 9, 27)).units[0].reallocated_90_ppm,
            std::nullopt);
}

TEST(CompareUnits, BadReferenceStrataFail) {
  const Data d = TwoUnits();
  const std::vector<ReferenceStratum> twice = {{C(3), 1, 5, 1},
                                               {C(3), 1, 6, 1}};
  const std::vector<ReferenceStratum> above = {{C(3), 1, 5, 6}};
  for (const auto* ref : {&twice, &above}) {
    auto f =
        CompareUnits(d.periods, d.outcomes, d.assessments, UnitColumn::kTeam,
                     absl::MakeConstSpan(*ref), D(2024, 1, 1), OutcomeRules{});
    EXPECT_FALSE(f.ok());
    EXPECT_THAT(std::string(f.status().message()),
                HasSubstr("reference stratum cluster 3 band 1"));
  }
}

// A file in a temporary place with `text`, open for reading.
std::FILE* FileWith(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  return f;
}

absl::StatusOr<std::vector<ReferenceStratum>> Read(const std::string& text) {
  std::FILE* f = FileWith(text);
  auto r = ReadReferenceCsv(f, "ref.csv", OutcomeRules{});
  std::fclose(f);
  return r;
}

TEST(ReferenceCsv, RejectsNameTheLine) {
  const struct {
    const char* row;
    const char* message;
  } cases[] = {
      {"3,22-30,5,1",
       "ref.csv: line 3: band: '22-30' is not one of 0-10, "
       "11-15, 16-20, 21+"},
      {"22,0-10,5,1", "ref.csv: line 3: cluster: "},
      {"9,0-10,5,1", "ref.csv: line 3: cluster: "},
      {"3,0-10,5,6", "ref.csv: line 3: improved: 6 is above paired (5)"},
      {"4,11-15,5,1",
       "ref.csv: line 3: cluster 4 band 11-15: given twice "
       "(first at line 2)"},
      {"3,0-10,x,1", "ref.csv: line 3: paired: "},
      {"3,0-10,-1,0", "ref.csv: line 3: paired: -1 is not within"},
  };
  for (const auto& c : cases) {
    auto r = Read(absl::StrCat("cluster,band,paired,improved\n4,11-15,10,2\n",
                               c.row, "\n"));
    ASSERT_FALSE(r.ok()) << c.row;
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(c.message))
        << c.row;
  }
  EXPECT_THAT(std::string(Read("cluster,band,paired\n").status().message()),
              HasSubstr("missing column improved"));
}

TEST(ReferenceCsv, WrittenStrataReadBackTheSame) {
  const FairComparison f = TwoUnits().Compare();
  std::FILE* out = std::tmpfile();
  {
    CsvWriter w(out);
    WriteReferenceCsv(w, f.strata, OutcomeRules{});
  }
  std::rewind(out);
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), out));
  std::fclose(out);
  EXPECT_EQ(text,
            "cluster,band,paired,improved\n"
            "3,11-15,3,2\n"
            "11,0-10,4,1\n"
            "11,21+,4,2\n");
  auto back = Read(text);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), f.strata.size());
  for (size_t i = 0; i < f.strata.size(); ++i) {
    EXPECT_EQ((*back)[i].cluster, f.strata[i].cluster);
    EXPECT_EQ((*back)[i].band, f.strata[i].band);
    EXPECT_EQ((*back)[i].paired, f.strata[i].paired);
    EXPECT_EQ((*back)[i].improved, f.strata[i].improved);
  }
  // Reading it back as the reference gives the same figures as none.
  const FairComparison g = TwoUnits().Compare(*back);
  EXPECT_EQ(g.units[0].ExpectedDecimal(6), "1.666667");
  EXPECT_EQ(g.units[1].RatioDecimal(6), "0.750000");
}

TEST(UnitComparisonCsv, ColumnsAndDecimals) {
  const FairComparison f = TwoUnits().Compare();
  std::FILE* out = std::tmpfile();
  {
    CsvWriter w(out);
    WriteUnitComparisonCsv(w, f.units);
  }
  std::rewind(out);
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), out));
  std::fclose(out);
  const std::vector<std::string> lines = absl::StrSplit(text, '\n');
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "unit,periods,paired,improved,expected,ratio,low_998,low_95,"
            "high_95,high_998,flag,discharges,reallocated_90,"
            "reallocated_90_ppm");
  // No period has ended, so no discharge: reallocated_90_ppm empty.
  EXPECT_THAT(lines[1], ::testing::StartsWith("T1,4,4,2,1.666667,1.200000,"));
  EXPECT_THAT(lines[1], ::testing::EndsWith(",within,0,0,"));
}

}  // namespace
}  // namespace mhpbr
