// The stable C API, linked against the shared library as a C caller would
// be: mhpbr_classify_batch throughput and the latency of one mhpbr_classify
// call; and the live calls an EPR makes while a record is open: one
// mhpbr_rules_review_due, one mhpbr_tariff_price_period, one
// mhpbr_coster_add, and mhpbr_coster_add_batch throughput over a million
// periods.
//
//   capi_bench --benchmark_repetitions=5
//
// items_per_second is assessments (or records) per second; for the single
// calls the time per iteration is the latency of one call.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
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

// ---- Live calls --------------------------------------------------------

// YYYYMMDD of the day `days` after 1970-01-01 (proleptic Gregorian).
int32_t Ymd(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  return static_cast<int32_t>(y * 10000 + m * 100 + d);
}
constexpr int64_t k20220401 = 19083;  // days from 1970-01-01
constexpr int32_t kAsOf = 20240331;

int32_t RandomCluster(std::mt19937_64& rng) {
  const int c = std::uniform_int_distribution<int>(0, 20)(rng);
  return c < 9 ? c : c + 1;
}

// The rules and the handles the live calls use.
struct Live {
  Live() {
    Check(mhpbr_rules_load_default(&rules, nullptr) == MHPBR_OK,
          "mhpbr_rules_load_default failed");
  }
  ~Live() {
    mhpbr_tariff_destroy(tariff);
    mhpbr_coster_destroy(coster);
    mhpbr_rules_destroy(rules);
  }
  mhpbr_rules* rules = nullptr;
  mhpbr_tariff* tariff = nullptr;
  mhpbr_coster* coster = nullptr;
};

// The example contract (MFF, pro rata, decoupled social care, risk bands,
// withhold) and a tariff pricing every cluster but 0, bases rotating.
constexpr char kContract[] =
    "year_start: \"2023-04-01\" mff_ppm: 1085430 partial_period: PRO_RATA "
    "social_care: DECOUPLED baseline_pence: 5000000000 "
    "risk_bands { to_pct: -5 rate_ppm: 0 } "
    "risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 } "
    "risk_bands { from_pct: 5 rate_ppm: 500000 } withhold_ppm: 25000 "
    "outcomes { name: \"a\" weight_ppm: 600000 attainment_ppm: 812000 } "
    "outcomes { name: \"b\" weight_ppm: 400000 attainment_ppm: 455000 }";

std::string TariffCsv() {
  std::string csv = "cluster,basis,price_pence,social_care_ppm\n";
  const char* bases[] = {"day", "period", "year"};
  int i = 0;
  for (int code = 1; code <= 21; ++code) {
    if (code == 9) continue;
    const int b = i++ % 3;
    csv += std::to_string(code) + "," + bases[b] + "," +
           std::to_string(b == 0   ? 250 + code
                          : b == 1 ? 46116 + code
                                   : 91980 + code) +
           ",100000\n";
  }
  return csv;
}

// The example unit costs (lib/rules/example_unit_costs.textproto).
constexpr char kUnitCosts[] =
    "source: \"bench\" overhead_ppm: 180000 "
    "staff { code: \"pwp\" pence_per_hour: 3900 } "
    "staff { code: \"nurse_b6\" pence_per_hour: 5200 } "
    "staff { code: \"psychologist\" pence_per_hour: 7400 } "
    "staff { code: \"psychiatrist\" pence_per_hour: 14500 } "
    "staff { code: \"ot\" pence_per_hour: 5000 } "
    "staff { code: \"support_worker\" pence_per_hour: 2900 } "
    "ward { code: \"acute_adult\" pence_per_day: 45500 } "
    "ward { code: \"picu\" pence_per_day: 98000 } "
    "ward { code: \"older_adult\" pence_per_day: 41000 }";

// `n` periods of about n / 4 patients ("P" and 8 digits), up to four
// consecutive periods each from April 2022 to the as-of date, the last
// open half the time (as bench/pricing/pricing_bench.cc builds them).
// `ids` holds the strings (reserved up front: the periods point into it).
std::vector<mhpbr_period> MakePeriods(int64_t n, std::vector<std::string>* ids,
                                      uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  ids->clear();
  ids->reserve(n);
  std::vector<mhpbr_period> out;
  out.reserve(n);
  while (static_cast<int64_t>(out.size()) < n) {
    char id[24];
    std::snprintf(id, sizeof id, "P%08lld",
                  static_cast<long long>(ids->size()));
    ids->push_back(id);
    int64_t day = k20220401 + uniform(0, 500);
    for (int k = 0; k < 4 && static_cast<int64_t>(out.size()) < n; ++k) {
      mhpbr_period period = MHPBR_PERIOD_INIT;
      period.patient_id = ids->back().c_str();
      period.cluster = RandomCluster(rng);
      period.start = Ymd(day);
      const bool open = k == 3 && uniform(0, 1) == 0;
      const int64_t end = day + uniform(0, 150);
      period.end = open || Ymd(end) >= kAsOf ? MHPBR_NO_DATE : Ymd(end);
      out.push_back(period);
      if (period.end == MHPBR_NO_DATE) break;
      day = end + 1;
    }
  }
  return out;
}

// `n` activity records of `patients` patients (about 1 in 40 records of a
// patient with no period): contacts, groups, bed days and other costs.
std::vector<mhpbr_activity> MakeActivity(size_t n, int64_t patients,
                                         std::vector<std::string>* ids,
                                         uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  static const char* const kStaff[] = {"pwp", "nurse_b6", "psychologist",
                                       "psychiatrist"};
  static const char* const kWards[] = {"acute_adult", "picu"};
  ids->clear();
  ids->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "P%08lld",
                  static_cast<long long>(uniform(0, patients * 41 / 40)));
    ids->push_back(id);
  }
  std::vector<mhpbr_activity> out(n);
  for (size_t i = 0; i < n; ++i) {
    mhpbr_activity& a = out[i];
    a = mhpbr_activity MHPBR_ACTIVITY_INIT;
    a.patient_id = (*ids)[i].c_str();
    a.date = Ymd(k20220401 + uniform(0, 730));
    switch (uniform(0, 7)) {
      case 0:
        a.kind = MHPBR_ACTIVITY_GROUP;
        a.staff_group = "ot";
        a.minutes = 90;
        a.attendees = static_cast<int32_t>(uniform(1, 8));
        break;
      case 1:
        a.kind = MHPBR_ACTIVITY_BED_DAY;
        a.ward = kWards[uniform(0, 1)];
        a.count = uniform(1, 3);
        break;
      case 2:
        a.kind = MHPBR_ACTIVITY_OTHER;
        a.cost_pence = uniform(100, 100000);
        break;
      default:
        a.kind = MHPBR_ACTIVITY_CONTACT;
        a.staff_group = kStaff[uniform(0, 3)];
        a.minutes = uniform(5, 120);
        break;
    }
  }
  return out;
}

// One mhpbr_rules_review_due per iteration, over 4096 different periods.
void BM_CApiReviewDue(benchmark::State& state) {
  Live live;
  std::mt19937_64 rng(7);
  struct Query {
    int32_t cluster, since;
  };
  std::vector<Query> in(kBatch);
  for (Query& q : in) {
    q.cluster = RandomCluster(rng);
    q.since = Ymd(k20220401 + std::uniform_int_distribution<int>(0, 720)(rng));
  }
  mhpbr_review review = MHPBR_REVIEW_INIT;
  size_t i = 0;
  for (auto _ : state) {
    const mhpbr_code code = mhpbr_rules_review_due(
        live.rules, in[i].cluster, in[i].since, kAsOf, &review, nullptr);
    benchmark::DoNotOptimize(code);
    benchmark::DoNotOptimize(review);
    i = (i + 1) & (kBatch - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CApiReviewDue);

// One mhpbr_tariff_price_period per iteration, over 4096 different periods
// (every basis; some outside the contract year, some cut short).
void BM_CApiPricePeriod(benchmark::State& state) {
  Live live;
  const std::string tariff = TariffCsv();
  Check(mhpbr_tariff_create(live.rules, kContract, sizeof kContract - 1,
                            tariff.data(), tariff.size(), &live.tariff,
                            nullptr) == MHPBR_OK,
        "mhpbr_tariff_create failed");
  std::vector<std::string> ids;
  const std::vector<mhpbr_period> in = MakePeriods(kBatch, &ids, 42);
  mhpbr_payment payment = MHPBR_PAYMENT_INIT;
  size_t i = 0;
  for (auto _ : state) {
    const mhpbr_code code =
        mhpbr_tariff_price_period(live.tariff, &in[i], &payment, nullptr);
    benchmark::DoNotOptimize(code);
    benchmark::DoNotOptimize(payment);
    i = (i + 1) & (kBatch - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CApiPricePeriod);

// One mhpbr_coster_add per iteration against range(0) periods, over 4096
// different records.
void BM_CApiCostRecord(benchmark::State& state) {
  Live live;
  std::vector<std::string> period_ids, record_ids;
  const std::vector<mhpbr_period> periods =
      MakePeriods(state.range(0), &period_ids, 42);
  Check(mhpbr_coster_create(live.rules, kUnitCosts, sizeof kUnitCosts - 1,
                            periods.data(), periods.size(), kAsOf, &live.coster,
                            nullptr) == MHPBR_OK,
        "mhpbr_coster_create failed");
  const std::vector<mhpbr_activity> in = MakeActivity(
      kBatch, static_cast<int64_t>(period_ids.size()), &record_ids, 11);
  mhpbr_attribution out = MHPBR_ATTRIBUTION_INIT;
  size_t i = 0;
  for (auto _ : state) {
    const mhpbr_code code =
        mhpbr_coster_add(live.coster, &in[i], &out, nullptr);
    benchmark::DoNotOptimize(code);
    benchmark::DoNotOptimize(out);
    i = (i + 1) & (kBatch - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CApiCostRecord)->Arg(10000)->Arg(1000000);

// mhpbr_coster_add_batch over 1,000,000 periods (250,000 patients): 65,536
// different records, in random patient order, range(0) a call.
void BM_CApiCostBatch(benchmark::State& state) {
  Live live;
  std::vector<std::string> period_ids, record_ids;
  const std::vector<mhpbr_period> periods =
      MakePeriods(1000000, &period_ids, 42);
  Check(mhpbr_coster_create(live.rules, kUnitCosts, sizeof kUnitCosts - 1,
                            periods.data(), periods.size(), kAsOf, &live.coster,
                            nullptr) == MHPBR_OK,
        "mhpbr_coster_create failed");
  constexpr size_t kRecords = 65536;
  const std::vector<mhpbr_activity> in = MakeActivity(
      kRecords, static_cast<int64_t>(period_ids.size()), &record_ids, 11);
  const size_t batch = static_cast<size_t>(state.range(0));
  std::vector<mhpbr_attribution> out(batch,
                                     mhpbr_attribution MHPBR_ATTRIBUTION_INIT);
  size_t i = 0;
  for (auto _ : state) {
    const mhpbr_code code =
        mhpbr_coster_add_batch(live.coster, &in[i], batch, out.data(), nullptr);
    Check(code == MHPBR_OK, "mhpbr_coster_add_batch failed");
    benchmark::DoNotOptimize(out.data());
    i += batch;
    if (i + batch > kRecords) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(batch));
}
BENCHMARK(BM_CApiCostBatch)->Arg(64)->Arg(256)->Arg(4096);

}  // namespace
}  // namespace mhpbr::bench

BENCHMARK_MAIN();
