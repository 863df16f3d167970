// Measuring outcomes over 1,000,000 cluster periods and 3,000,000 scored
// assessments in-process (MeasureOutcomes), with 500,000 activity records
// (bed days and contacts) for the follow-up indicator.
//
// Target (issue 17): >= 2 million periods per second.
//
//   outcomes_bench --benchmark_repetitions=5
//
// The data look like a trust's: 250,000 patients (ids like RX0012345) with
// four consecutive periods each from April 2022 (the last one open at the
// as-of date, 2024-03-31), periods of 60-240 days in clusters weighted as
// in national returns, reviews and moves as BuildPeriods gives them. Each
// period has three assessments: one within a week or two of its start
// (nine in ten), one mid-period and one about its end; one in twenty is
// not scorable. Assessments are in date order across patients, as an
// extract gives them. Activity: two bed-day records and two contacts per
// patient. Each allocation names one of 200 teams (from the patient and
// the period's place, not the random stream, so the data above are as
// before) for fair comparison (issue 23: --by-unit adds under 20%).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "benchmark/benchmark.h"
#include "mhpbr/fair_comparison.h"
#include "mhpbr/outcomes.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr::bench {
namespace {

constexpr int kPatients = 250000;
constexpr int kTeams = 200;
const absl::CivilDay kAsOf(2024, 3, 31);

struct Data {
  std::shared_ptr<const RuleSet> rules;
  std::vector<ClusterPeriod> periods;
  std::vector<ScoredAssessment> assessments;
  std::vector<ActivityRecord> activity;
};

const Data& TheData() {
  static const Data* data = [] {
    auto* d = new Data;
    d->rules = *DefaultRuleSet();
    std::mt19937 rng(20240331);
    const auto uniform = [&](int n) {
      return std::uniform_int_distribution<int>(0, n - 1)(rng);
    };
    static constexpr int kWeighted[] = {1,  1,  2,  2,  3,  3,  3,  4,  4,  5,
                                        6,  7,  7,  8,  10, 11, 11, 12, 12, 13,
                                        14, 15, 16, 17, 18, 19, 19, 20, 21, 0};
    std::vector<PeriodEvent> events;
    events.reserve(kPatients * 6);
    const OutcomeRules& o = d->rules->outcomes();
    for (int n = 0; n < kPatients; ++n) {
      char id[16];
      std::snprintf(
          id, sizeof id, "RX%07u",
          static_cast<unsigned>(
              (uint64_t{static_cast<unsigned>(n)} * 7919 + 12345) % 10000000));
      absl::CivilDay day = absl::CivilDay(2022, 4, 1) + uniform(60);
      int previous = -1;
      for (int k = 0; k < 4; ++k) {
        int cluster = kWeighted[uniform(30)];
        if (cluster == previous) cluster = cluster == 1 ? 2 : 1;
        previous = cluster;
        PeriodEvent e;
        e.patient_id = id;
        e.date = day;
        e.cluster = *Cluster::FromCode(cluster);
        char team[8];
        std::snprintf(team, sizeof team, "T%03d", (n * 31 + k * 7) % kTeams);
        e.team = team;
        events.push_back(e);
        const int length = 60 + uniform(180);
        if (uniform(2) == 0) {  // a review mid-period
          PeriodEvent r = e;
          r.date = day + length / 2;
          events.push_back(r);
        }
        // Three assessments: near the start, mid-period, about the end.
        const int offsets[] = {uniform(10) < 9 ? uniform(21) - 14 : -40,
                               length / 2, length - 2 + uniform(4)};
        for (int off : offsets) {
          MhctRatings r;
          for (int i = 0; i < 12; ++i) {
            (void)r.Set(ItemAt(i), uniform(20) == 0 ? kNotKnown : uniform(5));
          }
          if (uniform(20) == 0) {
            for (int i = 0; i < 3; ++i) (void)r.Set(ItemAt(i), kNotKnown);
          }
          d->assessments.push_back({id, "", day + off, ScoreHonos(r, o)});
        }
        if (k < 2) {
          ActivityRecord bed;
          bed.patient_id = id;
          bed.date = day + 10;
          bed.kind = ActivityKind::kBedDay;
          bed.count = 1 + uniform(20);
          ActivityRecord contact;
          contact.patient_id = id;
          contact.date = bed.date + bed.count + uniform(10);
          contact.kind = ActivityKind::kContact;
          d->activity.push_back(bed);
          d->activity.push_back(contact);
        }
        day += length;
      }
    }
    std::stable_sort(d->assessments.begin(), d->assessments.end(),
                     [](const ScoredAssessment& a, const ScoredAssessment& b) {
                       return a.date < b.date;
                     });
    for (size_t i = 0; i < d->assessments.size(); ++i) {
      d->assessments[i].assessment_id = "AS" + std::to_string(i);
    }
    d->periods = BuildPeriods(events, kAsOf, *d->rules).periods;
    return d;
  }();
  return *data;
}

// range(0): 1 with the activity, 0 without (pairing and the period
// indicators alone).
void BM_MeasureOutcomes(benchmark::State& state) {
  const Data& d = TheData();
  const absl::Span<const ActivityRecord> activity =
      state.range(0) ? absl::MakeConstSpan(d.activity)
                     : absl::Span<const ActivityRecord>();
  int64_t paired = 0;
  for (auto _ : state) {
    auto r =
        MeasureOutcomes(d.periods, d.assessments, activity, kAsOf, *d.rules);
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
    paired = r->indicators[1].numerator;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(d.periods.size()));
  state.counters["periods"] = static_cast<double>(d.periods.size());
  state.counters["assessments"] = static_cast<double>(d.assessments.size());
  state.counters["paired"] = static_cast<double>(paired);
}
BENCHMARK(BM_MeasureOutcomes)
    ->ArgName("activity")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);

// Fair comparison by team over the same data: range(0) 1 measures the
// outcomes (with activity) and compares, as `mhpbr outcomes --unit team
// --by-unit` does, to set beside BM_MeasureOutcomes/activity:1; 0 times
// CompareUnits alone on outcomes measured once.
void BM_MeasureOutcomesByUnit(benchmark::State& state) {
  const Data& d = TheData();
  const bool measure = state.range(0) != 0;
  auto once =
      MeasureOutcomes(d.periods, d.assessments, d.activity, kAsOf, *d.rules);
  if (!once.ok()) {
    state.SkipWithError(std::string(once.status().message()).c_str());
    return;
  }
  int64_t units = 0;
  for (auto _ : state) {
    std::vector<PeriodOutcome> outcomes;
    if (measure) {
      auto r = MeasureOutcomes(d.periods, d.assessments, d.activity, kAsOf,
                               *d.rules);
      if (!r.ok()) {
        state.SkipWithError(std::string(r.status().message()).c_str());
        break;
      }
      outcomes = std::move(r->periods);
    }
    auto f = CompareUnits(d.periods, measure ? outcomes : once->periods,
                          d.assessments, UnitColumn::kTeam, std::nullopt, kAsOf,
                          d.rules->outcomes());
    if (!f.ok()) {
      state.SkipWithError(std::string(f.status().message()).c_str());
      break;
    }
    units = static_cast<int64_t>(f->units.size());
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(d.periods.size()));
  state.counters["periods"] = static_cast<double>(d.periods.size());
  state.counters["units"] = static_cast<double>(units);
}
BENCHMARK(BM_MeasureOutcomesByUnit)
    ->ArgName("measure")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
