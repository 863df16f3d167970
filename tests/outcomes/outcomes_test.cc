// The outcomes stage (outcomes.md): HoNOS scores, pairing, change, the
// indicators, and the rule set's outcome parameters. Every expected figure
// is worked out by hand in the comments beside it.

#include "mhpbr/outcomes.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }
Cluster C(int code) { return *Cluster::FromCode(code); }

// Loaded once and kept: a reference into it (outcomes()) stays valid.
const std::shared_ptr<const RuleSet>& Default() {
  static const auto* const rules =
      new std::shared_ptr<const RuleSet>(*DefaultRuleSet());
  return *rules;
}

// The default rule set with its outcome rules changed by `change`.
template <typename F>
std::shared_ptr<const RuleSet> With(F change) {
  RuleSetContents c = Default()->contents();
  change(c.outcomes);
  auto rs = RuleSet::Create(std::move(c));
  EXPECT_TRUE(rs.ok()) << rs.status();
  return *rs;
}

PeriodEvent Alloc(const std::string& patient, absl::CivilDay date, int cl) {
  PeriodEvent e;
  e.patient_id = patient;
  e.date = date;
  e.kind = EventKind::kAllocate;
  e.cluster = C(cl);
  return e;
}
PeriodEvent Discharge(const std::string& patient, absl::CivilDay date) {
  PeriodEvent e;
  e.patient_id = patient;
  e.date = date;
  e.kind = EventKind::kDischarge;
  return e;
}

// Ratings of items 1-12 (9 = not known); items 13 and A-E not known.
MhctRatings Ratings(const std::vector<int>& items) {
  MhctRatings r;
  for (int i = 0; i < 12; ++i) {
    EXPECT_TRUE(r.Set(ItemAt(i), items[i]).ok());
  }
  return r;
}

// An assessment whose twelve items sum to `total` (spread over the items;
// subscales not used by the test).
std::vector<int> Total(int total) {
  std::vector<int> items(12, 0);
  for (int i = 0; i < 12 && total > 0; ++i) {
    items[i] = total >= 4 ? 4 : total;
    total -= items[i];
  }
  return items;
}

ScoredAssessment A(const std::string& patient, const std::string& id,
                   absl::CivilDay date, const std::vector<int>& items,
                   const RuleSet& rules) {
  return {patient, id, date, ScoreHonos(Ratings(items), rules.outcomes())};
}

struct Measured {
  PeriodBuild build;
  OutcomesResult result;
};

Measured Measure(const std::vector<PeriodEvent>& events,
                 const std::vector<ScoredAssessment>& assessments,
                 absl::CivilDay as_of, const RuleSet& rules,
                 const std::vector<ActivityRecord>& activity = {}) {
  Measured run{BuildPeriods(events, as_of, rules), {}};
  EXPECT_TRUE(run.build.errors.empty());
  auto r =
      MeasureOutcomes(run.build.periods, assessments, activity, as_of, rules);
  EXPECT_TRUE(r.ok()) << r.status();
  if (r.ok()) run.result = *std::move(r);
  return run;
}

const MeasuredIndicator& Ind(const OutcomesResult& r, absl::string_view name) {
  for (const MeasuredIndicator& v : r.indicators) {
    if (v.name == name) return v;
  }
  static const MeasuredIndicator kNone;
  ADD_FAILURE() << "no indicator " << name;
  return kNone;
}

// ---- Rule-set parameters ----

TEST(OutcomeRules, DefaultRuleSetHasTheSpecDefaultsAndCitesItsSources) {
  const OutcomeRules& o = Default()->outcomes();
  EXPECT_EQ(o.max_unknown_items, 2);
  EXPECT_EQ(o.start_before_days, 14);
  EXPECT_EQ(o.start_after_days, 7);
  EXPECT_EQ(o.min_interval_days, 14);
  EXPECT_EQ(o.end_after_days, 1);
  EXPECT_EQ(o.reliable_change, 8);
  EXPECT_EQ(o.clinical_cutoff, 11);
  EXPECT_EQ(o.follow_up_days, 7);
  EXPECT_THAT(o.source, HasSubstr("Parabiaghi"));
  EXPECT_THAT(o.source, HasSubstr("Wing"));
  EXPECT_THAT(o.source, HasSubstr("defaults"));
}

// The default text with its outcomes block replaced.
std::string TextWithOutcomes(absl::string_view block) {
  std::string text(DefaultRuleSetText());
  const size_t at = text.find("outcomes {");
  EXPECT_NE(at, std::string::npos);
  return text.substr(0, at) + std::string(block) + "\n";
}

TEST(OutcomeRules, OmittedFieldsTakeTheDefaults) {
  auto rs =
      ParseRuleSetText(TextWithOutcomes("outcomes { reliable_change: 5 "
                                        "end_after_days: 0 }"));
  ASSERT_TRUE(rs.ok()) << rs.status();
  const OutcomeRules& o = (*rs)->outcomes();
  EXPECT_EQ(o.reliable_change, 5);
  EXPECT_EQ(o.end_after_days, 0);  // an explicit 0 is kept
  EXPECT_EQ(o.start_before_days, 14);
  EXPECT_EQ(o.clinical_cutoff, 11);
  EXPECT_EQ(o.follow_up_days, 7);
  // No block at all: every default.
  auto none = ParseRuleSetText(TextWithOutcomes(""));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ((*none)->outcomes().max_unknown_items, 2);
  EXPECT_EQ((*none)->outcomes().min_interval_days, 14);
}

TEST(OutcomeRules, ValidationNamesTheField) {
  const struct {
    const char* block;
    const char* field;
  } cases[] = {
      {"outcomes { reliable_change: 0 }", "outcomes.reliable_change"},
      {"outcomes { clinical_cutoff: 49 }", "outcomes.clinical_cutoff"},
      {"outcomes { max_unknown_items: 13 }", "outcomes.max_unknown_items"},
      {"outcomes { start_before_days: -1 }", "outcomes.start_before_days"},
      {"outcomes { start_after_days: -1 }", "outcomes.start_after_days"},
      {"outcomes { min_interval_days: 0 }", "outcomes.min_interval_days"},
      {"outcomes { end_after_days: -2 }", "outcomes.end_after_days"},
      {"outcomes { follow_up_days: 0 }", "outcomes.follow_up_days"},
  };
  for (const auto& c : cases) {
    auto rs = ParseRuleSetText(TextWithOutcomes(c.block));
    ASSERT_FALSE(rs.ok()) << c.block;
    EXPECT_THAT(rs.status().message(), HasSubstr(c.field));
  }
}

TEST(OutcomeRules, ExportedTextReadsBackTheSame) {
  auto changed = With([](OutcomeRules& o) {
    o.reliable_change = 6;
    o.source = "a trust's own";
  });
  auto back = ParseRuleSetText(RuleSetToText(*changed));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ((*back)->outcomes().reliable_change, 6);
  EXPECT_EQ((*back)->outcomes().source, "a trust's own");
  EXPECT_EQ((*back)->outcomes().follow_up_days, 7);
}

// ---- Scores ----

TEST(ScoreHonos, TotalAndSubscalesOfTheWorkedExample) {
  const HonosScore s = ScoreHonos(Ratings({2, 1, 0, 1, 2, 3, 2, 2, 3, 3, 1, 2}),
                                  Default()->outcomes());
  EXPECT_TRUE(s.scorable);
  EXPECT_EQ(s.unknown_items, 0);
  EXPECT_EQ(s.total, 22);
  // behaviour 2+1+0, impairment 1+2, symptoms 3+2+2, social 3+3+1+2.
  EXPECT_EQ(s.subscales[static_cast<int>(Subscale::kBehaviour)], 3);
  EXPECT_EQ(s.subscales[static_cast<int>(Subscale::kImpairment)], 3);
  EXPECT_EQ(s.subscales[static_cast<int>(Subscale::kSymptoms)], 7);
  EXPECT_EQ(s.subscales[static_cast<int>(Subscale::kSocial)], 9);
}

TEST(ScoreHonos, ScorableWithAtMostTwoUnknownAndNoProrating) {
  const OutcomeRules& o = Default()->outcomes();
  // Two unknown (items 1 and 12): scorable, total of the other ten = 10.
  HonosScore two = ScoreHonos(Ratings({9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9}), o);
  EXPECT_TRUE(two.scorable);
  EXPECT_EQ(two.unknown_items, 2);
  EXPECT_EQ(two.total, 10);
  EXPECT_EQ(two.subscales[0], 2);  // items 2, 3
  EXPECT_EQ(two.subscales[3], 3);  // items 9, 10, 11
  // Three unknown: not scorable.
  EXPECT_FALSE(
      ScoreHonos(Ratings({9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1}), o).scorable);
  // Items 13 and A-E do not count, known or not.
  MhctRatings r = Ratings({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  ASSERT_TRUE(r.Set(Item::kOvervaluedIdeas, 4).ok());
  ASSERT_TRUE(r.Set(Item::kAgitation, 4).ok());
  EXPECT_EQ(ScoreHonos(r, o).total, 1);
  // With max_unknown_items 0, one unknown is too many.
  auto strict = With([](OutcomeRules& x) { x.max_unknown_items = 0; });
  EXPECT_FALSE(ScoreHonos(Ratings({9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
                          strict->outcomes())
                   .scorable);
}

TEST(ScoreHonos, ItemEightByTypeIsTheHighestType) {
  MhctRatings r;
  for (int i = 0; i < 12; ++i) {
    if (i != 7) {
      ASSERT_TRUE(r.Set(ItemAt(i), 0).ok());
    }
  }
  ASSERT_TRUE(r.SetItem8Type(Item8Type::kAnxiety, 2).ok());
  ASSERT_TRUE(r.SetItem8Type(Item8Type::kSleep, 3).ok());
  const HonosScore s = ScoreHonos(r, Default()->outcomes());
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.subscales[static_cast<int>(Subscale::kSymptoms)], 3);
  EXPECT_EQ(s.unknown_items, 0);
}

// ---- The worked example of outcomes.md ----

struct Example {
  std::vector<PeriodEvent> events;
  std::vector<ScoredAssessment> assessments;
};

// Cluster 11 from 2023-05-10 to 2023-11-30; assessments 2023-04-20 (20
// days before), 2023-05-03 (total 22), 2023-06-01 (15), 2023-12-01 (12).
Example WorkedExample(const RuleSet& rules) {
  Example e;
  e.events = {Alloc("P", D(2023, 5, 10), 11), Discharge("P", D(2023, 11, 30))};
  e.assessments = {
      A("P", "early", D(2023, 4, 20), Total(20), rules),
      A("P", "start", D(2023, 5, 3), {2, 1, 0, 1, 2, 3, 2, 2, 3, 3, 1, 2},
        rules),
      A("P", "june", D(2023, 6, 1), Total(15), rules),
      // total 12: behaviour 2, impairment 2, symptoms 4, social 4.
      A("P", "end", D(2023, 12, 1), {1, 1, 0, 1, 1, 2, 1, 1, 1, 1, 1, 1},
        rules),
  };
  return e;
}

TEST(MeasureOutcomes, WorkedExample) {
  auto rules = Default();
  const Example e = WorkedExample(*rules);
  const Measured run = Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
  ASSERT_EQ(run.build.periods.size(), 1u);
  const ClusterPeriod& p = run.build.periods[0];
  EXPECT_EQ(p.cluster.code(), 11);
  EXPECT_EQ(p.start, D(2023, 5, 10));
  EXPECT_EQ(*p.end, D(2023, 11, 30));
  ASSERT_EQ(run.result.periods.size(), 1u);
  const PeriodOutcome& r = run.result.periods[0];
  EXPECT_EQ(r.status, PairStatus::kPaired);
  EXPECT_EQ(*r.start, 1u);              // 2023-05-03, 7 days before
  EXPECT_EQ(*r.follow_up, 3u);          // 2023-12-01, the day after the end
  EXPECT_EQ(r.change, -10);             // 12 - 22
  EXPECT_EQ(r.subscale_change[0], -1);  // 2 - 3
  EXPECT_EQ(r.subscale_change[1], -1);  // 2 - 3
  EXPECT_EQ(r.subscale_change[2], -3);  // 4 - 7
  EXPECT_EQ(r.subscale_change[3], -5);  // 4 - 9
  EXPECT_EQ(r.outcome, Outcome::kImproved);
  EXPECT_FALSE(r.clinically_significant);  // 12 is still >= 11
  EXPECT_EQ(PairStatusName(r.status), "paired");
  EXPECT_EQ(OutcomeName(r.outcome), "improved");
}

TEST(MeasureOutcomes, RuleSetParametersChangeTheWorkedExample) {
  {
    // A reliable change of 11: -10 is no change.
    auto rules = With([](OutcomeRules& o) { o.reliable_change = 11; });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_EQ(run.result.periods[0].outcome, Outcome::kNoChange);
    EXPECT_FALSE(run.result.periods[0].clinically_significant);
  }
  {
    // A cut-off of 13: 22 >= 13 and 12 < 13, so clinically significant.
    auto rules = With([](OutcomeRules& o) { o.clinical_cutoff = 13; });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_TRUE(run.result.periods[0].clinically_significant);
  }
  {
    // end_after_days 0: 2023-12-01 is too late; the latest by 2023-11-30 is
    // 2023-06-01 (total 15, 29 days after the start): change -7, no change.
    auto rules = With([](OutcomeRules& o) { o.end_after_days = 0; });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_EQ(*run.result.periods[0].follow_up, 2u);
    EXPECT_EQ(run.result.periods[0].change, -7);
    EXPECT_EQ(run.result.periods[0].outcome, Outcome::kNoChange);
  }
  {
    // start_after_days 0 and start_before_days 6: 2023-05-03 is 7 days
    // before, outside; nothing else is near: no start.
    auto rules = With([](OutcomeRules& o) {
      o.start_before_days = 6;
      o.start_after_days = 0;
    });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_EQ(run.result.periods[0].status, PairStatus::kNoStart);
  }
  {
    // start_before_days 20 lets 2023-04-20 in, but 2023-05-03 is nearer.
    auto rules = With([](OutcomeRules& o) { o.start_before_days = 20; });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_EQ(*run.result.periods[0].start, 1u);
  }
  {
    // min_interval_days 213: 2023-12-01 is 212 days after 2023-05-03.
    auto rules = With([](OutcomeRules& o) { o.min_interval_days = 213; });
    const Example e = WorkedExample(*rules);
    const Measured run =
        Measure(e.events, e.assessments, D(2024, 3, 31), *rules);
    EXPECT_EQ(run.result.periods[0].status, PairStatus::kNoFollowUp);
  }
}

// ---- Pairing rules ----

// One cluster 11 period from 2023-05-10, discharged 2023-11-30, paired with
// the given assessments (patient P).
PeriodOutcome Pair(const std::vector<ScoredAssessment>& assessments,
                   absl::CivilDay as_of = D(2024, 3, 31)) {
  auto rules = Default();
  const Measured run =
      Measure({Alloc("P", D(2023, 5, 10), 11), Discharge("P", D(2023, 11, 30))},
              assessments, as_of, *rules);
  return run.result.periods.empty() ? PeriodOutcome() : run.result.periods[0];
}

ScoredAssessment S(absl::CivilDay date, int total = 10,
                   const std::string& patient = "P") {
  return A(patient, "", date, Total(total), *Default());
}

TEST(Pairing, StartWindowBounds) {
  // 14 days before (2023-04-26) is in; 15 (2023-04-25) is out.
  EXPECT_EQ(Pair({S(D(2023, 4, 26))}).status, PairStatus::kNoFollowUp);
  EXPECT_EQ(Pair({S(D(2023, 4, 25))}).status, PairStatus::kNoStart);
  // 7 days after (2023-05-17) is in; 8 (2023-05-18) is out.
  EXPECT_EQ(Pair({S(D(2023, 5, 17))}).status, PairStatus::kNoFollowUp);
  EXPECT_EQ(Pair({S(D(2023, 5, 18))}).status, PairStatus::kNoStart);
  // No assessment at all.
  EXPECT_EQ(Pair({}).status, PairStatus::kNoStart);
}

TEST(Pairing, NearestStartWinsThenEarlierThenLaterInInputOrder) {
  // 3 days before vs 2 after: the one after is nearer.
  EXPECT_EQ(*Pair({S(D(2023, 5, 7)), S(D(2023, 5, 12))}).start, 1u);
  // 3 before vs 3 after: the earlier date, in either input order.
  EXPECT_EQ(*Pair({S(D(2023, 5, 7)), S(D(2023, 5, 13))}).start, 0u);
  EXPECT_EQ(*Pair({S(D(2023, 5, 13)), S(D(2023, 5, 7))}).start, 1u);
  // Two on one date: the later in input order.
  EXPECT_EQ(
      *Pair({S(D(2023, 5, 10)), S(D(2023, 5, 10)), S(D(2023, 6, 1))}).start,
      1u);
}

TEST(Pairing, FollowUpIsTheLatestAtLeastFourteenDaysOnAndByTheDayAfterEnd) {
  const ScoredAssessment start = S(D(2023, 5, 10));
  // 13 days after the start assessment: too soon; 14: counts.
  EXPECT_EQ(Pair({start, S(D(2023, 5, 23))}).status, PairStatus::kNoFollowUp);
  EXPECT_EQ(*Pair({start, S(D(2023, 5, 24))}).follow_up, 1u);
  // The latest wins, not the first.
  EXPECT_EQ(*Pair({start, S(D(2023, 8, 1)), S(D(2023, 7, 1))}).follow_up, 1u);
  // Up to the day after the end (2023-12-01), not two days after.
  EXPECT_EQ(*Pair({start, S(D(2023, 7, 1)), S(D(2023, 12, 2))}).follow_up, 1u);
  EXPECT_EQ(*Pair({start, S(D(2023, 12, 1))}).follow_up, 1u);
  // Two on one date: the later in input order.
  EXPECT_EQ(*Pair({start, S(D(2023, 9, 1)), S(D(2023, 9, 1))}).follow_up, 2u);
  // The follow-up is measured from the start assessment, not the period
  // start: a start 7 days after (2023-05-17) needs one from 2023-05-31.
  EXPECT_EQ(Pair({S(D(2023, 5, 17)), S(D(2023, 5, 30))}).status,
            PairStatus::kNoFollowUp);
}

TEST(Pairing, OnlyScorableAssessmentsOfThePatientUpToTheAsOfDate) {
  auto rules = Default();
  // The nearest start is not scorable (three unknown): the next is used.
  const ScoredAssessment unscorable =
      A("P", "", D(2023, 5, 10), {9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1}, *rules);
  EXPECT_EQ(*Pair({unscorable, S(D(2023, 5, 12))}).start, 1u);
  // Another patient's assessment is never used.
  EXPECT_EQ(Pair({S(D(2023, 5, 10), 10, "Q")}).status, PairStatus::kNoStart);
  // An open period's last day is the as-of date (2023-08-01): assessments
  // after it (08-02, 08-03) are not used, though 08-02 is within the
  // end_after_days of the last day; one on the as-of date is.
  const Measured run =
      Measure({Alloc("P", D(2023, 5, 10), 11)},
              {S(D(2023, 5, 10)), S(D(2023, 8, 2)), S(D(2023, 8, 3))},
              D(2023, 8, 1), *rules);
  EXPECT_EQ(run.result.periods[0].status, PairStatus::kNoFollowUp);
  const Measured run2 =
      Measure({Alloc("P", D(2023, 5, 10), 11)},
              {S(D(2023, 5, 10)), S(D(2023, 8, 1))}, D(2023, 8, 1), *rules);
  EXPECT_EQ(*run2.result.periods[0].follow_up, 1u);
  EXPECT_EQ(run.result.assessments_unscorable, 0);
}

TEST(Pairing, OneAssessmentServesAsFollowUpAndNextStart) {
  auto rules = Default();
  // Cluster 11 from 2023-01-01, cluster 12 from 2023-06-01 (the first
  // ends 2023-05-31). The assessment of 2023-06-01 is the first's
  // follow-up (the day after its end) and the second's start.
  const Measured run = Measure(
      {Alloc("P", D(2023, 1, 1), 11), Alloc("P", D(2023, 6, 1), 12)},
      {S(D(2023, 1, 1), 20), S(D(2023, 6, 1), 10), S(D(2023, 9, 1), 20)},
      D(2023, 12, 31), *rules);
  ASSERT_EQ(run.result.periods.size(), 2u);
  EXPECT_EQ(*run.result.periods[0].follow_up, 1u);
  EXPECT_EQ(*run.result.periods[1].start, 1u);
  EXPECT_EQ(run.result.periods[0].change, -10);  // improved
  EXPECT_EQ(run.result.periods[1].change, 10);   // deteriorated
  EXPECT_EQ(run.result.periods[0].outcome, Outcome::kImproved);
  EXPECT_EQ(run.result.periods[1].outcome, Outcome::kDeteriorated);
  // 20 -> 10: 10 < 11 <= 20, clinically significant; 10 -> 20 likewise.
  EXPECT_TRUE(run.result.periods[0].clinically_significant);
  EXPECT_TRUE(run.result.periods[1].clinically_significant);
}

TEST(Change, ReliableChangeBoundsAndCutOff) {
  const ScoredAssessment start = S(D(2023, 5, 10), 18);
  const auto with_follow_up = [&](int total) {
    return Pair({start, S(D(2023, 9, 1), total)});
  };
  EXPECT_EQ(with_follow_up(10).outcome, Outcome::kImproved);  // -8
  EXPECT_TRUE(with_follow_up(10).clinically_significant);     // 18 -> 10
  EXPECT_EQ(with_follow_up(11).outcome, Outcome::kNoChange);  // -7
  EXPECT_FALSE(with_follow_up(11).clinically_significant);
  EXPECT_EQ(with_follow_up(26).outcome, Outcome::kDeteriorated);  // +8
  // Deteriorated from 18, already at or above 11: not significant.
  EXPECT_FALSE(with_follow_up(26).clinically_significant);
  EXPECT_EQ(with_follow_up(25).outcome, Outcome::kNoChange);  // +7
  // Improved from 12 to 4 is significant; from 20 to 11 is not (11 is
  // still at the cut-off).
  EXPECT_TRUE(Pair({S(D(2023, 5, 10), 12), S(D(2023, 9, 1), 4)})
                  .clinically_significant);
  EXPECT_FALSE(Pair({S(D(2023, 5, 10), 20), S(D(2023, 9, 1), 11)})
                   .clinically_significant);
  // Deteriorated from 3 to 11: significant.
  EXPECT_TRUE(Pair({S(D(2023, 5, 10), 3), S(D(2023, 9, 1), 11)})
                  .clinically_significant);
}

// ---- Indicators ----

// Four periods, worked by hand (as of 2023-12-31, default rules):
//  A: cluster 11 from 2023-05-10, discharged 2023-11-30: start 05-10
//     (20), follow-up 11-01 (8): paired, improved (-12).
//  B1: cluster 11 from 2023-01-01, ends 2023-03-31 (reallocated to 12 on
//     04-01): start 01-02 (15), follow-up 04-01 (13): paired, no change.
//  B2: cluster 12 from 2023-04-01, open: start 04-01 (13), nothing later:
//     no_follow_up.
//  C: cluster 3 from 2023-06-01, open: no assessment: no_start.
//  An unscorable assessment of C on 06-01 is counted, not paired.
// valid_mhct_at_allocation 3/4 = 750000; paired_completeness 2/4 = 500000;
// reliably_improved 1/2 = 500000.
TEST(Indicators, PeriodCountsByHand) {
  auto rules = Default();
  const Measured run = Measure(
      {Alloc("A", D(2023, 5, 10), 11), Discharge("A", D(2023, 11, 30)),
       Alloc("B", D(2023, 1, 1), 11), Alloc("B", D(2023, 4, 1), 12),
       Alloc("C", D(2023, 6, 1), 3)},
      {S(D(2023, 5, 10), 20, "A"), S(D(2023, 11, 1), 8, "A"),
       S(D(2023, 1, 2), 15, "B"), S(D(2023, 4, 1), 13, "B"),
       A("C", "", D(2023, 6, 1), {9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0}, *rules)},
      D(2023, 12, 31), *rules);
  const OutcomesResult& r = run.result;
  ASSERT_EQ(r.indicators.size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(r.indicators[i].name, IndicatorNames()[i]);
  EXPECT_EQ(r.indicators[0].name, "valid_mhct_at_allocation");
  EXPECT_EQ(Ind(r, "valid_mhct_at_allocation").numerator, 3);
  EXPECT_EQ(Ind(r, "valid_mhct_at_allocation").denominator, 4);
  EXPECT_EQ(*Ind(r, "valid_mhct_at_allocation").value_ppm, 750000);
  EXPECT_EQ(Ind(r, "paired_completeness").numerator, 2);
  EXPECT_EQ(*Ind(r, "paired_completeness").value_ppm, 500000);
  EXPECT_EQ(Ind(r, "reliably_improved").numerator, 1);
  EXPECT_EQ(Ind(r, "reliably_improved").denominator, 2);
  EXPECT_EQ(*Ind(r, "reliably_improved").value_ppm, 500000);
  // No activity: follow_up_7_days 0/0, no value.
  EXPECT_EQ(Ind(r, "follow_up_7_days").denominator, 0);
  EXPECT_FALSE(Ind(r, "follow_up_7_days").value_ppm.has_value());
  EXPECT_EQ(r.assessments_unscorable, 1);
  // By cluster: 3 (1 period, none paired), 11 (2 periods, 2 paired: one
  // improved -12, one no change -2; mean -7), 12 (1, none paired).
  ASSERT_EQ(r.by_cluster.size(), 3u);
  EXPECT_EQ(r.by_cluster[0].cluster.code(), 3);
  EXPECT_EQ(r.by_cluster[0].paired, 0);
  EXPECT_EQ(r.by_cluster[1].cluster.code(), 11);
  EXPECT_EQ(r.by_cluster[1].periods, 2);
  EXPECT_EQ(r.by_cluster[1].paired, 2);
  EXPECT_EQ(r.by_cluster[1].improved, 1);
  EXPECT_EQ(r.by_cluster[1].no_change, 1);
  EXPECT_EQ(r.by_cluster[1].deteriorated, 0);
  EXPECT_EQ(r.by_cluster[1].change_sum, -14);
  EXPECT_EQ(r.by_cluster[2].cluster.code(), 12);
}

PeriodEvent Named(PeriodEvent e, const std::string& team,
                  const std::string& commissioner) {
  e.team = team;
  e.provider = team.empty() ? "" : "RX1";
  e.commissioner = commissioner;
  return e;
}

// Three patients, worked by hand (as of 2023-12-31, default rules):
//  A: cluster 4 from 01-10 (team T1, commissioner C2), reviewed 03-01 by an
//     allocation naming T2 and C1 (the period keeps T1 and C2), moved to 5
//     on 05-01 (T2, C1), so it ends 04-30. Start 01-10 (20), follow-up
//     05-01 (10, the end plus one day): -10, improved. Cluster 5 from 05-01,
//     open: start 05-01 (10), follow-up 10-01 (12): +2, no change.
//  B: on 02-01 an allocation to 3 (T1, C1) then one to 4 (T2, C2): the
//     later counts. Discharged 06-30 (the discharge names T9 and C9: not
//     used). Start 02-01 (5), follow-up 06-30 (15): +10, deteriorated.
//  C: cluster 11 from 03-01 naming no one; no assessment: no_start.
// By team: T1 1 period, 1 paired, improved, mean -10; T2 2 periods (A's 5,
// B's 4), 2 paired, a no change and a deterioration, sum +12; none: C.
// By commissioner: C1 A's 5 (+2); C2 A's 4 and B's 4 (-10 + 10 = 0); none:
// C.
TEST(ByUnit, TeamAndCommissionerOfTheOpeningAllocation) {
  auto rules = Default();
  const Measured run =
      Measure({Named(Alloc("A", D(2023, 1, 10), 4), "T1", "C2"),
               Named(Alloc("A", D(2023, 3, 1), 4), "T2", "C1"),
               Named(Alloc("A", D(2023, 5, 1), 5), "T2", "C1"),
               Named(Alloc("B", D(2023, 2, 1), 3), "T1", "C1"),
               Named(Alloc("B", D(2023, 2, 1), 4), "T2", "C2"),
               Named(Discharge("B", D(2023, 6, 30)), "T9", "C9"),
               Alloc("C", D(2023, 3, 1), 11)},
              {S(D(2023, 1, 10), 20, "A"), S(D(2023, 5, 1), 10, "A"),
               S(D(2023, 10, 1), 12, "A"), S(D(2023, 2, 1), 5, "B"),
               S(D(2023, 6, 30), 15, "B")},
              D(2023, 12, 31), *rules);
  const std::vector<ClusterPeriod>& p = run.build.periods;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].team, "T1");
  EXPECT_EQ(p[0].provider, "RX1");
  EXPECT_EQ(p[0].commissioner, "C2");
  EXPECT_EQ(p[0].reviews, 1);
  EXPECT_EQ(p[1].team, "T2");
  EXPECT_EQ(p[1].commissioner, "C1");
  EXPECT_EQ(p[2].team, "T2");
  EXPECT_EQ(p[2].commissioner, "C2");
  EXPECT_EQ(p[2].superseded, 1);
  EXPECT_EQ(p[3].team, "");
  EXPECT_EQ(p[3].provider, "");

  struct Want {
    std::string unit;
    int64_t periods, paired, improved, no_change, deteriorated, change_sum;
  };
  const auto check = [](const std::vector<UnitOutcomes>& got,
                        const std::vector<Want>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(want[i].unit);
      EXPECT_EQ(got[i].unit, want[i].unit);
      EXPECT_EQ(got[i].periods, want[i].periods);
      EXPECT_EQ(got[i].paired, want[i].paired);
      EXPECT_EQ(got[i].improved, want[i].improved);
      EXPECT_EQ(got[i].no_change, want[i].no_change);
      EXPECT_EQ(got[i].deteriorated, want[i].deteriorated);
      EXPECT_EQ(got[i].change_sum, want[i].change_sum);
    }
  };
  check(run.result.by_team, {{"T1", 1, 1, 1, 0, 0, -10},
                             {"T2", 2, 2, 0, 1, 1, 12},
                             {"", 1, 0, 0, 0, 0, 0}});
  check(run.result.by_commissioner, {{"C1", 1, 1, 0, 1, 0, 2},
                                     {"C2", 2, 2, 1, 0, 1, 0},
                                     {"", 1, 0, 0, 0, 0, 0}});
  // The same grouping by provider: RX1 for all but C's.
  check(OutcomesByUnit(p, run.result.periods, UnitColumn::kProvider),
        {{"RX1", 3, 3, 1, 1, 1, 2}, {"", 1, 0, 0, 0, 0, 0}});
  // Clusters from the same grouping: 4 (A's and B's: -10 and +10), 5
  // (+2), 11.
  ASSERT_EQ(run.result.by_cluster.size(), 3u);
  EXPECT_EQ(run.result.by_cluster[0].cluster.code(), 4);
  EXPECT_EQ(run.result.by_cluster[0].periods, 2);
  EXPECT_EQ(run.result.by_cluster[0].improved, 1);
  EXPECT_EQ(run.result.by_cluster[0].deteriorated, 1);
  EXPECT_EQ(run.result.by_cluster[0].change_sum, 0);
  EXPECT_EQ(run.result.by_cluster[2].cluster.code(), 11);
  EXPECT_EQ(run.result.by_cluster[2].paired, 0);
}

TEST(ByUnit, NoPeriodsNoGroupsAndAllNamedNoEmptyGroup) {
  EXPECT_TRUE(OutcomesByUnit({}, {}, UnitColumn::kTeam).empty());
  auto rules = Default();
  const Measured run =
      Measure({Named(Alloc("A", D(2023, 1, 10), 4), "T1", "C2")}, {},
              D(2023, 12, 31), *rules);
  ASSERT_EQ(run.result.by_team.size(), 1u);
  EXPECT_EQ(run.result.by_team[0].unit, "T1");
  EXPECT_EQ(run.result.by_team[0].periods, 1);
  EXPECT_EQ(UnitColumnName(UnitColumn::kCommissioner), "commissioner");
}

TEST(Indicators, NoPeriodsGiveEmptyValues) {
  auto rules = Default();
  const Measured run = Measure({}, {}, D(2023, 12, 31), *rules);
  for (const MeasuredIndicator& v : run.result.indicators) {
    EXPECT_EQ(v.denominator, 0) << v.name;
    EXPECT_FALSE(v.value_ppm.has_value()) << v.name;
  }
}

// Reviews, worked by hand. Cluster 14 is reviewed every 4 weeks, cluster 1
// every 12, cluster 2 every 15 (the default rule set).
//  R1: 14 on 01-01 (due 01-29); review 01-20, on time (due 02-17); review
//      03-01, late (due 03-29); moved to 1 on 03-29, on time: held 3, on
//      time 2. Cluster 1 from 03-29 (due 06-21), discharged 07-01: 10 days
//      overdue, not ended by a move: one due and not held.
//  R2: 14 on 01-01, moved to 2 on 02-10 (due 01-29): held late; overdue
//      but ended by a move, so nothing more. Cluster 2 from 02-10 (due
//      05-26), open at 12-31: overdue: one due, not held.
//  R3: 14 on 12-01, open at 12-31 (due 12-29): 2 days overdue: one due.
//  R4: 1 on 01-01, discharged 02-01 (due 03-26): nothing due.
// On time 2 of due 4 + 2 + 1 = 7: 285714 ppm (2e6 / 7 = 285714.29).
TEST(Indicators, ReviewsOnTime) {
  auto rules = Default();
  ASSERT_EQ(rules->cluster(C(14)).max_review.count, 4);
  ASSERT_EQ(rules->cluster(C(14)).max_review.unit, ReviewPeriod::Unit::kWeeks);
  ASSERT_EQ(rules->cluster(C(1)).max_review.count, 12);
  ASSERT_EQ(rules->cluster(C(2)).max_review.count, 15);
  const Measured run =
      Measure({Alloc("R1", D(2023, 1, 1), 14), Alloc("R1", D(2023, 1, 20), 14),
               Alloc("R1", D(2023, 3, 1), 14), Alloc("R1", D(2023, 3, 29), 1),
               Discharge("R1", D(2023, 7, 1)), Alloc("R2", D(2023, 1, 1), 14),
               Alloc("R2", D(2023, 2, 10), 2), Alloc("R3", D(2023, 12, 1), 14),
               Alloc("R4", D(2023, 1, 1), 1), Discharge("R4", D(2023, 2, 1))},
              {}, D(2023, 12, 31), *rules);
  const auto& p = run.build.periods;
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0].reviews, 2);
  EXPECT_EQ(p[0].reviews_late, 1);
  EXPECT_TRUE(p[0].reallocated);
  EXPECT_FALSE(p[1].reallocated);
  const MeasuredIndicator& v = Ind(run.result, "reviews_on_time");
  EXPECT_EQ(v.numerator, 2);
  EXPECT_EQ(v.denominator, 7);
  EXPECT_EQ(*v.value_ppm, 285714);
}

ActivityRecord Bed(const std::string& patient, absl::CivilDay date,
                   int64_t count) {
  ActivityRecord r;
  r.patient_id = patient;
  r.date = date;
  r.kind = ActivityKind::kBedDay;
  r.count = count;
  return r;
}
ActivityRecord Contact(const std::string& patient, absl::CivilDay date,
                       ActivityKind kind = ActivityKind::kContact) {
  ActivityRecord r;
  r.patient_id = patient;
  r.date = date;
  r.kind = kind;
  r.minutes = 30;
  return r;
}

// Stays, worked by hand (as of 2023-12-31):
//  S1: bed days 03-01 x5 (to 03-05) and 03-06 x1: one stay ending 03-06
//      (no day between); contact 03-13 = E + 7: followed up.
//  S1: 04-01 x1, then 04-03 x2 (04-02 between): stays ending 04-01 and
//      04-04. Contact 04-02 follows the first; the second has a contact on
//      its own last day (04-04, not after) and one on 04-12 = E + 8: not
//      followed up. A group session on 04-05 is not a contact.
//  S2: 12-28 x1: E + 7 = 2024-01-04 is after the as-of date: not yet due.
//  S3: a contact, no bed days: no stay.
// followed up 2 of 3 due: 666667 ppm; 4 stays, 1 not yet due.
std::vector<ActivityRecord> StayActivity() {
  return {Bed("S1", D(2023, 3, 6), 1),
          Bed("S1", D(2023, 3, 1), 5),
          Contact("S1", D(2023, 3, 13)),
          Bed("S1", D(2023, 4, 1), 1),
          Contact("S1", D(2023, 4, 2)),
          Bed("S1", D(2023, 4, 3), 2),
          Contact("S1", D(2023, 4, 4)),
          Contact("S1", D(2023, 4, 5), ActivityKind::kGroup),
          Contact("S1", D(2023, 4, 12)),
          Bed("S2", D(2023, 12, 28), 1),
          Contact("S3", D(2023, 5, 1))};
}

TEST(Indicators, FollowUpSevenDays) {
  auto rules = Default();
  const Measured run = Measure({}, {}, D(2023, 12, 31), *rules, StayActivity());
  const MeasuredIndicator& v = Ind(run.result, "follow_up_7_days");
  EXPECT_EQ(v.numerator, 2);
  EXPECT_EQ(v.denominator, 3);
  EXPECT_EQ(*v.value_ppm, 666667);
  EXPECT_EQ(run.result.stays, 4);
  EXPECT_EQ(run.result.stays_not_yet_due, 1);
  // follow_up_days 8: the 04-04 stay is followed up by 04-12; S2's window
  // now ends 2024-01-05, still not due: 3 of 3.
  auto eight = With([](OutcomeRules& o) { o.follow_up_days = 8; });
  const Measured run8 =
      Measure({}, {}, D(2023, 12, 31), *eight, StayActivity());
  const MeasuredIndicator& v8 = Ind(run8.result, "follow_up_7_days");
  EXPECT_EQ(v8.numerator, 3);
  EXPECT_EQ(v8.denominator, 3);
  EXPECT_EQ(*v8.value_ppm, 1000000);
  // As of 2024-01-04, S2's stay is due (E + 7 = 01-04) and not followed up.
  const Measured later = Measure({}, {}, D(2024, 1, 4), *rules, StayActivity());
  EXPECT_EQ(Ind(later.result, "follow_up_7_days").denominator, 4);
  EXPECT_EQ(later.result.stays_not_yet_due, 0);
}

// The same stays by the month of their last bed day: March has the stay
// ending 03-06 (followed up), April those ending 04-01 (followed up) and
// 04-04 (not); December's stay is not yet due as of 2023-12-31, and as of
// 2024-01-04 it is due and not followed up.
TEST(Indicators, FollowUpByMonthOfTheStaysEnd) {
  auto rules = Default();
  const Measured run = Measure({}, {}, D(2023, 12, 31), *rules, StayActivity());
  const std::vector<FollowUpMonth>& m = run.result.follow_up_by_month;
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].month, absl::CivilMonth(2023, 3));
  EXPECT_EQ(m[0].followed_up, 1);
  EXPECT_EQ(m[0].due, 1);
  EXPECT_EQ(m[1].month, absl::CivilMonth(2023, 4));
  EXPECT_EQ(m[1].followed_up, 1);
  EXPECT_EQ(m[1].due, 2);
  const Measured later = Measure({}, {}, D(2024, 1, 4), *rules, StayActivity());
  ASSERT_EQ(later.result.follow_up_by_month.size(), 3u);
  EXPECT_EQ(later.result.follow_up_by_month[2].month,
            absl::CivilMonth(2023, 12));
  EXPECT_EQ(later.result.follow_up_by_month[2].followed_up, 0);
  EXPECT_EQ(later.result.follow_up_by_month[2].due, 1);
}

TEST(MeasureOutcomes, RefusesAPeriodStartingAfterTheAsOfDate) {
  auto rules = Default();
  ClusterPeriod p;
  p.patient_id = "Z";
  p.cluster = C(3);
  p.start = D(2024, 1, 1);
  auto r = MeasureOutcomes({p}, {}, {}, D(2023, 12, 31), *rules);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("patient Z"));
  // A period ending before it starts.
  p.start = D(2023, 5, 1);
  p.end = D(2023, 4, 30);
  r = MeasureOutcomes({p}, {}, {}, D(2023, 12, 31), *rules);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("end is before start"));
}

TEST(MeasureOutcomes, RefusesScoresScoreHonosCannotGive) {
  auto rules = Default();
  ScoredAssessment a = S(D(2023, 5, 10));
  a.assessment_id = "X9";
  a.score.total = 49;
  auto r = MeasureOutcomes({}, {a}, {}, D(2023, 12, 31), *rules);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("assessment 1 (X9): score"));
  a.score.total = 10;
  a.score.subscales[2] = 17;
  EXPECT_FALSE(MeasureOutcomes({}, {a}, {}, D(2023, 12, 31), *rules).ok());
}

}  // namespace
}  // namespace mhpbr
