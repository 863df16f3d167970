// In-process classification throughput: Classifier::ClassifyBatch and
// Classifier::Classify one at a time, over the default rule set.
//
//   classify_bench --benchmark_repetitions=5
//
// items_per_second is assessments per second. The C API has its own binary
// (capi_bench): the shared C library carries its own copy of the C++
// library and its protobuf descriptors, which must not be registered twice
// in one process.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "bench_data.h"
#include "benchmark/benchmark.h"
#include "mhpbr/classifier.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr::bench {
namespace {

constexpr size_t kBatch = 4096;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "classify_bench: %s\n", what);
    std::abort();
  }
}

MhctRatings ToRatings(const GeneratedAssessment& g) {
  MhctRatings r;
  for (int i = 0; i < kItemCount; ++i) {
    if (g.item8_types && i == ItemIndex(Item::kOtherProblems)) continue;
    Check(r.Set(ItemAt(i), g.ratings[i]).ok(), "bad generated rating");
  }
  if (g.item8_types) {
    for (int t = 0; t < kItem8TypeCount; ++t) {
      Check(r.SetItem8Type(static_cast<Item8Type>(t), g.types[t]).ok(),
            "bad generated type rating");
    }
  }
  r.set_organic(static_cast<Answer>(g.organic));
  r.set_psychosis(static_cast<Answer>(g.psychosis));
  if (g.allocated >= 0) r.set_allocated(*Cluster::FromCode(g.allocated));
  return r;
}

std::shared_ptr<const RuleSet> Rules() {
  auto rules = DefaultRuleSet();
  Check(rules.ok(), "default rule set did not load");
  return *rules;
}

// Classifier::ClassifyBatch over kBatch assessments per iteration.
void BM_ClassifyBatch(benchmark::State& state) {
  const Classifier classifier(Rules());
  std::vector<MhctRatings> in;
  for (const GeneratedAssessment& g : AssessmentGenerator().Many(kBatch)) {
    in.push_back(ToRatings(g));
  }
  std::vector<Classification> out(in.size());
  for (auto _ : state) {
    Check(classifier.ClassifyBatch(in, absl::MakeSpan(out)).ok(),
          "ClassifyBatch failed");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(in.size()));
}
BENCHMARK(BM_ClassifyBatch);

// Classifier::Classify one at a time over the same data (no C layer).
void BM_ClassifySingle(benchmark::State& state) {
  const Classifier classifier(Rules());
  std::vector<MhctRatings> in;
  for (const GeneratedAssessment& g : AssessmentGenerator().Many(kBatch)) {
    in.push_back(ToRatings(g));
  }
  size_t i = 0;
  for (auto _ : state) {
    Classification c = classifier.Classify(in[i]);
    benchmark::DoNotOptimize(c);
    i = (i + 1) & (kBatch - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ClassifySingle);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
