// Classification through the stable C API, linked against the shared
// library as a C caller would be: mhpbr_classify_batch throughput and the
// latency of one mhpbr_classify call.
//
//   capi_bench --benchmark_repetitions=5
//
// items_per_second is assessments per second; for BM_CApiClassifySingle the
// time per iteration is the latency of one call.

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench_data.h"
#include "benchmark/benchmark.h"
#include "mhpbr.h"

namespace mhpbr::bench {
namespace {

constexpr size_t kBatch = 4096;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "capi_bench: %s\n", what);
    std::abort();
  }
}

mhpbr_assessment ToC(const GeneratedAssessment& g) {
  mhpbr_assessment a = MHPBR_ASSESSMENT_INIT;
  for (int i = 0; i < MHPBR_ITEM_COUNT; ++i) a.ratings[i] = g.ratings[i];
  for (int t = 0; t < MHPBR_ITEM8_TYPE_COUNT; ++t) {
    a.item8_types[t] = g.types[t];
  }
  a.item8_form = g.item8_types ? MHPBR_ITEM8_TYPES : MHPBR_ITEM8_SINGLE;
  a.organic = g.organic;
  a.psychosis = g.psychosis;
  a.allocated_cluster = g.allocated;
  return a;
}

// Owns a C classifier over the default rules.
struct CClassifier {
  CClassifier() {
    Check(mhpbr_rules_load_default(&rules, nullptr) == MHPBR_OK,
          "mhpbr_rules_load_default failed");
    Check(mhpbr_classifier_create(rules, &classifier, nullptr) == MHPBR_OK,
          "mhpbr_classifier_create failed");
  }
  ~CClassifier() {
    mhpbr_classifier_destroy(classifier);
    mhpbr_rules_destroy(rules);
  }
  mhpbr_rules* rules = nullptr;
  mhpbr_classifier* classifier = nullptr;
};

// mhpbr_classify_batch over kBatch assessments per iteration.
void BM_CApiClassifyBatch(benchmark::State& state) {
  CClassifier c;
  std::vector<mhpbr_assessment> in;
  for (const GeneratedAssessment& g : AssessmentGenerator().Many(kBatch)) {
    in.push_back(ToC(g));
  }
  std::vector<mhpbr_result> out(in.size(), mhpbr_result MHPBR_RESULT_INIT);
  for (auto _ : state) {
    const mhpbr_code code = mhpbr_classify_batch(
        c.classifier, in.data(), in.size(), out.data(), nullptr);
    Check(code == MHPBR_OK, "mhpbr_classify_batch failed");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(in.size()));
}
BENCHMARK(BM_CApiClassifyBatch);

// One mhpbr_classify call per iteration, cycling through kBatch different
// assessments so that branches see realistic data; the reported time per
// iteration is the single-call latency.
void BM_CApiClassifySingle(benchmark::State& state) {
  CClassifier c;
  std::vector<mhpbr_assessment> in;
  for (const GeneratedAssessment& g : AssessmentGenerator().Many(kBatch)) {
    in.push_back(ToC(g));
  }
  mhpbr_result result = MHPBR_RESULT_INIT;
  size_t i = 0;
  for (auto _ : state) {
    const mhpbr_code code =
        mhpbr_classify(c.classifier, &in[i], &result, nullptr);
    benchmark::DoNotOptimize(code);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kBatch - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CApiClassifySingle);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
