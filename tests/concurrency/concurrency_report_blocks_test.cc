// The report's parallel activity path (what `mhpbr report --threads N`
// does): blocks parsed and priced on the workers, which also gather what
// the report counts of each block (ReportBuilder::GatherActivity, a part
// at a time), then added in file order by ReportBuilder::AddActivityBlocks
// on the calling thread. Every row's outcome and every table of the report
// must be those of the report built row by row on one thread, including
// when a record would overflow the cost total (Commit rejects it after its
// block's facts were gathered). Run under ThreadSanitizer by
// tools/test.sh --tsan.

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "cli/block_rows.h"
#include "gtest/gtest.h"
#include "mhpbr/activity_facts.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/report.h"
#include "mhpbr/report_builder.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

using ActivityRow = InputRow<ActivityRecord>;
using Rows = cli::BlockRows<ActivityCsvReader, ActivityRow>;

struct Gathered {
  std::vector<PricedRecord> priced;
  ActivityFacts facts;
};
using GatheredRows = cli::BlockRows<ActivityCsvReader, ActivityRow, Gathered>;

// 3,000 rows over 150 patients, of whom P0-P99 have a period (2023-01-01
// to 07-19) and P100-P149 none; teams T0-T69 (more than the 63 a patient's
// mask holds, so some people's teams go to the overflow set), one row in
// 11 with no team; some rows rejected by the reader (impossible date),
// some by the coster (unknown staff group). With `overflow`, rows 500,
// 1500 and 2500 cost 4 * 10^18 pence each: the third would take the total
// past 2^63 - 1 (about 9.22 * 10^18) and is rejected by Commit.
std::string WriteActivity(bool overflow) {
  std::string text =
      "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
      "attendees,cost_pence,team\n";
  for (int i = 0; i < 3000; ++i) {
    const int patient = (i * 7) % 150;
    // Teams of up to 7 bytes are numbered by a word of their bytes, longer
    // ones by name.
    const std::string team = i % 11 == 0   ? ""
                             : i % 70 < 50 ? absl::StrCat("T", i % 70)
                                           : absl::StrCat("Team no. ", i % 70);
    const int month = 1 + i % 12;
    if (i % 101 == 1) {
      absl::StrAppend(&text, "A", i, ",P", patient, ",2023-02-30,other,,,,,,5,",
                      team, "\n");
    } else if (i % 107 == 3) {
      absl::StrAppend(&text, "A", i, ",P", patient,
                      ",2023-03-01,contact,porter,30,,,,,", team, "\n");
    } else if (overflow && i % 1000 == 500) {
      absl::StrAppend(&text, "A", i, ",P", patient,
                      ",2023-04-02,other,,,,,,4000000000000000000,", team,
                      "\n");
    } else {
      absl::StrAppend(&text, "A", i, ",P", patient, ",2023-",
                      month < 10 ? "0" : "", month, "-1", i % 10,
                      ",contact,nurse,", 15 * (1 + i % 4), ",,,,,", team, "\n");
    }
  }
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/report_blocks_", getpid(), "_",
                   overflow, "_activity.csv");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

// P0-P99 from 2023-01-01 to 07-19; every third of them in two periods,
// moving cluster on 2023-05-01 (a transition). With `threads` > 1 the
// figures of the periods alone are tallied on a second thread while the
// coster is built; `reversed`, the periods come out of order (the coster
// and the transitions sort them).
std::unique_ptr<ReportBuilder> NewBuilder(const UnitCosts& costs,
                                          int threads = 1,
                                          bool reversed = false) {
  std::vector<PeriodToPrice> periods;
  for (int p = 0; p < 100; ++p) {
    PeriodToPrice period;
    period.patient_id = absl::StrCat("P", p);
    period.cluster = *Cluster::FromCode(p % 9 == 0 ? 0 : 1 + p % 8);
    period.start = absl::CivilDay(2023, 1, 1);
    period.end = absl::CivilDay(2023, 7, 19);
    period.line = static_cast<int64_t>(periods.size()) + 2;
    if (p % 3 == 0) {
      period.end = absl::CivilDay(2023, 4, 30);
      periods.push_back(period);
      period.cluster = *Cluster::FromCode(1 + (p + 4) % 8);
      period.start = absl::CivilDay(2023, 5, 1);
      period.end = absl::CivilDay(2023, 7, 19);
      period.line = static_cast<int64_t>(periods.size()) + 2;
    }
    periods.push_back(period);
  }
  if (reversed) std::reverse(periods.begin(), periods.end());
  auto rules = DefaultRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status();
  auto b = ReportBuilder::Create(periods, absl::CivilDay(2024, 3, 31), *rules,
                                 (*rules)->transitions(), costs, threads);
  EXPECT_TRUE(b.ok()) << b.status();
  return *std::move(b);
}

struct ReportRun {
  std::vector<std::string> outcomes;  // "line id: status" per row
  std::vector<ReportTable> tables;
};

// Row by row on the calling thread.
ReportRun OneThread(const std::string& path, const UnitCosts& costs) {
  std::unique_ptr<ReportBuilder> b = NewBuilder(costs);
  ReportRun run;
  auto rows = Rows::Open(path, 1, cli::NextRow<ActivityCsvReader, ActivityRow>,
                         cli::ShiftRowLines<ActivityRecord>);
  EXPECT_TRUE(rows.ok()) << rows.status();
  b->AddActivity([&](ActivityRow* row) { return (*rows)->Next(row); },
                 [&](const ActivityRow& row, const Attribution& a) {
                   run.outcomes.push_back(absl::StrCat(
                       row.line, " ", row.id, ": ", a.status.message()));
                 });
  run.tables = ReportTables(b->Finish());
  return run;
}

// Blocks priced and gathered on `threads` workers, `part` rows at a time.
ReportRun Blocks(const std::string& path, int threads, size_t part,
                 const UnitCosts& costs, bool reversed) {
  std::unique_ptr<ReportBuilder> b = NewBuilder(costs, threads, reversed);
  // Finish walks the periods in halves on two threads too.
  b->SetThreads(threads);
  const ActivityCoster& pricer = b->pricer();
  ReportRun run;
  auto rows = GatheredRows::Open(
      path, threads, cli::NextRow<ActivityCsvReader, ActivityRow>,
      cli::ShiftRowLines<ActivityRecord>,
      [&pricer, part](absl::Span<const ActivityRow> block, Gathered* out) {
        out->priced.clear();
        out->facts.Clear();
        for (size_t at = 0; at < block.size(); at += part) {
          const absl::Span<const ActivityRow> some = block.subspan(at, part);
          // As the tool does: each part priced in place after the last.
          const size_t before = out->priced.size();
          AppendPricedRows(pricer, some, &out->priced);
          ReportBuilder::GatherActivity(
              {some, absl::MakeSpan(out->priced).subspan(before)}, &out->facts);
        }
      });
  EXPECT_TRUE(rows.ok()) << rows.status();
  b->AddActivityBlocks(
      [&](PricedActivityRows* block, const ActivityFacts** facts) {
        Gathered* g = nullptr;
        if (!(*rows)->NextBlock(&block->rows, &g)) return false;
        block->priced = absl::MakeSpan(g->priced);
        *facts = &g->facts;
        return true;
      },
      [&](const CommittedBlock& committed) {
        ForEachOutcome(committed.block,
                       [&](const ActivityRow& row, const Attribution& a) {
                         run.outcomes.push_back(absl::StrCat(
                             row.line, " ", row.id, ": ", a.status.message()));
                       });
      });
  EXPECT_TRUE((*rows)->io_status().ok());
  run.tables = ReportTables(b->Finish());
  return run;
}

const ReportTable* Find(const std::vector<ReportTable>& tables,
                        const std::string& name) {
  for (const ReportTable& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

void ExpectSame(const ReportRun& one, const ReportRun& many,
                const std::string& what) {
  ASSERT_EQ(many.outcomes.size(), one.outcomes.size()) << what;
  for (size_t i = 0; i < one.outcomes.size(); ++i) {
    ASSERT_EQ(many.outcomes[i], one.outcomes[i]) << what << ", row " << i;
  }
  ASSERT_EQ(many.tables.size(), one.tables.size()) << what;
  for (size_t i = 0; i < one.tables.size(); ++i) {
    EXPECT_EQ(many.tables[i].name, one.tables[i].name) << what;
    EXPECT_EQ(many.tables[i].rows, one.tables[i].rows)
        << what << ", " << one.tables[i].name;
  }
}

TEST(ReportBlocksConcurrency, GatheredBlocksMatchRowByRow) {
  // A nurse's hour at 48 pounds: 15 to 60 minutes cost 1200 to 4800.
  auto parsed = ParseUnitCostsText(
      "source: \"report blocks\" staff { code: \"nurse\" "
      "pence_per_hour: 4800 }",
      "costs");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const UnitCosts& costs = *parsed;
  for (bool overflow : {false, true}) {
    const std::string path = WriteActivity(overflow);
    const ReportRun one = OneThread(path, costs);
    ASSERT_EQ(one.outcomes.size(), 3000u);
    // Row 1 (line 3) has the impossible date; row 3 (line 5) the unknown
    // staff group.
    EXPECT_NE(one.outcomes[1].find("2023-02-30"), std::string::npos)
        << one.outcomes[1];
    EXPECT_NE(one.outcomes[3].find("porter"), std::string::npos)
        << one.outcomes[3];
    if (overflow) {
      // Rows 500 and 1500 are costed (8 * 10^18 in all); row 2500 (line
      // 2502) would pass 2^63 - 1.
      EXPECT_EQ(one.outcomes[500], "502 A500: ");
      EXPECT_EQ(one.outcomes[2500],
                "2502 A2500: cost total would overflow 64-bit pence");
    }
    const ReportTable* coverage = Find(one.tables, "coverage_by_team.csv");
    ASSERT_NE(coverage, nullptr);
    // 70 teams, the 20 long ones among them, and the moves of P0, P3, ...
    EXPECT_EQ(coverage->rows.size(), 70u);
    const ReportTable* transitions = Find(one.tables, "transitions.csv");
    ASSERT_NE(transitions, nullptr);
    EXPECT_FALSE(transitions->rows.empty());
    setenv("MHPBR_BLOCK_BYTES", "1000", 1);
    for (int threads : {1, 2, 4}) {
      for (size_t part : {size_t{7}, size_t{512}}) {
        for (bool reversed : {false, true}) {
          ExpectSame(one, Blocks(path, threads, part, costs, reversed),
                     absl::StrCat("threads ", threads, ", part ", part,
                                  overflow ? ", overflow" : "",
                                  reversed ? ", periods reversed" : ""));
        }
      }
    }
    unsetenv("MHPBR_BLOCK_BYTES");
    std::remove(path.c_str());
  }
}

}  // namespace
}  // namespace mhpbr
