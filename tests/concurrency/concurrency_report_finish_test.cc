// `mhpbr report --cost-out ... --threads N` writes cost's outputs from
// ReportBuilder::pricer() on one thread while Finish() builds the report
// on others (Finish only reads the pricer). The figures read meanwhile
// must be those read before Finish, and the report that of a builder
// finished alone. Run under ThreadSanitizer by tools/test.sh --tsan.

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

// 2,400 people in one period each (clusters 1-8, 2023-01-01 to a day in
// June: 300 a cluster, enough for the homogeneity's radix sorts) and
// 12,000 contacts of 15-60 minutes across them.
std::unique_ptr<ReportBuilder> CostedBuilder(const UnitCosts& costs,
                                             int threads) {
  std::vector<PeriodToPrice> periods;
  for (int p = 0; p < 2400; ++p) {
    PeriodToPrice period;
    period.patient_id = absl::StrCat("P", p);
    period.cluster = *Cluster::FromCode(1 + p % 8);
    period.start = absl::CivilDay(2023, 1, 1);
    period.end = absl::CivilDay(2023, 6, 1 + p % 30);
    period.line = p + 2;
    periods.push_back(period);
  }
  auto rules = DefaultRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status();
  auto b = ReportBuilder::Create(periods, absl::CivilDay(2024, 3, 31), *rules,
                                 (*rules)->transitions(), costs, threads);
  EXPECT_TRUE(b.ok()) << b.status();
  (*b)->SetThreads(threads);
  int i = 0;
  (*b)->AddActivity(
      [&](InputRow<ActivityRecord>* row) {
        if (i == 12000) return false;
        ActivityRecord& a = row->value;
        a.activity_id = absl::StrCat("A", i);
        a.patient_id = absl::StrCat("P", (i * 7) % 2400);
        a.date = absl::CivilDay(2023, 1 + i % 5, 1 + i % 28);
        a.kind = ActivityKind::kContact;
        a.staff_group = "nurse";
        a.minutes = 15 * (1 + i % 4);
        row->line = a.line = i + 2;
        row->id = a.activity_id;
        row->error.clear();
        ++i;
        return true;
      },
      [](const InputRow<ActivityRecord>&, const Attribution& a) {
        EXPECT_TRUE(a.status.ok()) << a.status;
      });
  return *std::move(b);
}

// Every figure cost's outputs are written from, as text.
std::vector<std::string> CostFigures(const ActivityCoster& coster) {
  std::vector<std::string> out;
  for (size_t i = 0; i < coster.period_count(); ++i) {
    const CostedPeriod c = coster.Figures(i);
    out.push_back(absl::StrCat(coster.period_to_price(i).patient_id, " ",
                               c.days, " ", c.records, " ", c.cost_pence, " ",
                               c.admitted_pence, " ", c.community_pence));
  }
  for (const ClusterCost& c : coster.ByCluster()) {
    out.push_back(absl::StrCat(c.cluster.code(), " ", c.periods, " ", c.days,
                               " ", c.records, " ", c.cost_pence));
  }
  const CostingTotals& t = coster.totals();
  out.push_back(
      absl::StrCat(t.records_read, " ", t.clustered_pence, " ", t.total_pence));
  return out;
}

TEST(ReportFinishConcurrency, PricerReadWhileFinishing) {
  // A nurse's hour at 48 pounds: 15 to 60 minutes cost 1200 to 4800.
  auto costs = ParseUnitCostsText(
      "source: \"report finish\" staff { code: \"nurse\" "
      "pence_per_hour: 4800 }",
      "costs");
  ASSERT_TRUE(costs.ok()) << costs.status();
  const std::vector<ReportTable> alone =
      ReportTables(CostedBuilder(*costs, 1)->Finish());
  for (int threads : {1, 2, 4}) {
    std::unique_ptr<ReportBuilder> b = CostedBuilder(*costs, threads);
    const std::vector<std::string> before = CostFigures(b->pricer());
    ASSERT_EQ(before.size(), 2400u + 8u + 1u);
    // Every record in a period: 12,000 read, all clustered.
    EXPECT_EQ(before.back().substr(0, 6), "12000 ");
    std::vector<std::string> during;
    std::thread reader([&] { during = CostFigures(b->pricer()); });
    const std::vector<ReportTable> tables = ReportTables(b->Finish());
    reader.join();
    EXPECT_EQ(during, before) << threads << " threads";
    ASSERT_EQ(tables.size(), alone.size());
    for (size_t t = 0; t < tables.size(); ++t) {
      EXPECT_EQ(tables[t].name, alone[t].name);
      EXPECT_EQ(tables[t].rows, alone[t].rows)
          << tables[t].name << ", " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace mhpbr
