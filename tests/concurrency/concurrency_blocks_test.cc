// The tool's parallel costing path (cli/block_rows.h): an activity file
// cut into blocks (MHPBR_BLOCK_BYTES, small here so that there are many),
// parsed on several threads, either priced there too (ActivityCoster::Price
// while the consuming thread commits earlier blocks) or costed row by row
// in file order, must give every row the outcome, line and cost, and every
// period the sums, of the single-thread run, and a reader stopped
// part-way must stop its threads cleanly. Run under ThreadSanitizer by
// tools/test.sh --tsan.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "cli/block_rows.h"
#include "gtest/gtest.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/activity_rows.h"
#include "mhpbr/costing_io.h"

namespace mhpbr {
namespace {

using ActivityRow = InputRow<ActivityRecord>;
using Rows = cli::BlockRows<ActivityCsvReader, ActivityRow>;
using PricedRows =
    cli::BlockRows<ActivityCsvReader, ActivityRow, std::vector<PricedRecord>>;

// 6,000 rows over 200 patients (100 with a period each, days 1-200 of
// 2023), some rejected by the reader (impossible date, ragged), some by
// the coster (unknown staff group), and half with ids quoted over two
// lines, so that a cut at a line start would often fall inside a quoted
// field.
constexpr char kHeader[] =
    "activity_id,patient_id,date,kind,staff_group,minutes,ward,count,"
    "attendees,cost_pence\n";

std::string WriteFile(const std::string& text) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/blocks_", getpid(), "_activity.csv");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

std::string WriteActivity() {
  std::string text = kHeader;
  for (int i = 0; i < 6000; ++i) {
    const int patient = (i * 7) % 200;
    const int day = 1 + (i * 13) % 28;
    if (i % 101 == 1) {
      absl::StrAppend(&text, "A", i, ",P", patient,
                      ",2023-02-30,other,,,,,,5\n");
    } else if (i % 103 == 2) {
      absl::StrAppend(&text, "A", i, ",P", patient, "\n");
    } else if (i % 107 == 3) {
      absl::StrAppend(&text, "A", i, ",P", patient, ",2023-03-0", 1 + i % 9,
                      ",contact,porter,30,,,,\n");
    } else if (i % 2 == 0) {
      absl::StrAppend(&text, "\"A", i, "\nx\",P", patient, ",2023-04-",
                      10 + i % 9, ",contact,nurse,45,,,,\n");
    } else {
      absl::StrAppend(&text, "A", i, ",P", patient, ",2023-05-", 10 + day % 19,
                      ",contact,nurse,", 15 * (1 + i % 4), ",,,,\n");
    }
  }
  return WriteFile(text);
}

struct Outcome {
  int64_t line;
  std::string id, status;
  int period;
  int64_t cost;
  bool operator==(const Outcome& o) const {
    return line == o.line && id == o.id && status == o.status &&
           period == o.period && cost == o.cost;
  }
};

// How each row went and, when `periods` is given, what each period
// summed. Priced: the workers price each block, the calling thread
// commits them in order (what `mhpbr cost` does); else row by row.
std::vector<Outcome> CostWithThreads(
    const std::string& path, int threads, const UnitCosts& costs,
    CostingTotals* totals, bool priced = false,
    std::vector<CostedPeriod>* periods_out = nullptr) {
  std::vector<PeriodToPrice> periods;
  for (int p = 0; p < 100; ++p) {
    PeriodToPrice period;
    period.patient_id = absl::StrCat("P", p);
    period.cluster = *Cluster::FromCode(1 + p % 8);
    period.start = absl::CivilDay(2023, 1, 1);
    period.end = absl::CivilDay(2023, 7, 19);
    periods.push_back(period);
  }
  auto coster =
      ActivityCoster::Create(periods, absl::CivilDay(2024, 3, 31), costs);
  EXPECT_TRUE(coster.ok()) << coster.status();
  std::vector<Outcome> out;
  auto keep = [&](const ActivityRow& row, const Attribution& a) {
    out.push_back({row.line, row.id, std::string(a.status.message()), a.period,
                   a.cost_pence});
  };
  if (priced) {
    const ActivityCoster& pricer = *coster;
    auto rows = PricedRows::Open(path, threads,
                                 cli::NextRow<ActivityCsvReader, ActivityRow>,
                                 cli::ShiftRowLines<ActivityRecord>,
                                 [&pricer](absl::Span<const ActivityRow> block,
                                           std::vector<PricedRecord>* prices) {
                                   PriceActivityRows(pricer, block, prices);
                                 });
    EXPECT_TRUE(rows.ok()) << rows.status();
    CostPricedRows(
        *coster,
        [&](PricedActivityRows* block) {
          std::vector<PricedRecord>* prices = nullptr;
          if (!(*rows)->NextBlock(&block->rows, &prices)) return false;
          block->priced = absl::MakeSpan(*prices);
          return true;
        },
        keep);
    EXPECT_TRUE((*rows)->io_status().ok());
  } else {
    auto rows =
        Rows::Open(path, threads, cli::NextRow<ActivityCsvReader, ActivityRow>,
                   cli::ShiftRowLines<ActivityRecord>);
    EXPECT_TRUE(rows.ok()) << rows.status();
    CostActivityRows(
        *coster, [&](ActivityRow* row) { return (*rows)->Next(row); }, keep);
    EXPECT_TRUE((*rows)->io_status().ok());
  }
  *totals = coster->totals();
  if (periods_out != nullptr) *periods_out = coster->periods();
  return out;
}

bool SamePeriodSums(const std::vector<CostedPeriod>& a,
                    const std::vector<CostedPeriod>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].records != b[i].records || a[i].cost_pence != b[i].cost_pence ||
        a[i].admitted_pence != b[i].admitted_pence ||
        a[i].admitted_days != b[i].admitted_days) {
      return false;
    }
  }
  return true;
}

UnitCosts TestCosts() {
  auto costs = ParseUnitCostsText(
      "source: \"test\"\nstaff { code: \"nurse\" pence_per_hour: 6000 }\n",
      "test");
  EXPECT_TRUE(costs.ok()) << costs.status();
  return *costs;
}

TEST(BlockRowsConcurrency, ParallelCostingMatchesOneThread) {
  const std::string path = WriteActivity();
  const UnitCosts costs = TestCosts();
  CostingTotals one_totals;
  const std::vector<Outcome> one = CostWithThreads(path, 1, costs, &one_totals);
  setenv("MHPBR_BLOCK_BYTES", "1000", 1);
  ASSERT_EQ(one.size(), 6000u);
  // Row 0 (patient P0, id quoted over lines 2-3, 45 minutes at 6000 pence
  // an hour = 4500 pence); row 1, the first impossible date, on line 4.
  EXPECT_EQ(one[0].line, 2);
  EXPECT_EQ(one[0].cost, 4500);
  EXPECT_EQ(one[1].line, 4);
  EXPECT_FALSE(one[1].status.empty());
  for (int threads : {2, 4, 7}) {
    CostingTotals totals;
    const std::vector<Outcome> many =
        CostWithThreads(path, threads, costs, &totals);
    ASSERT_EQ(many.size(), one.size()) << threads;
    for (size_t i = 0; i < one.size(); ++i) {
      ASSERT_TRUE(many[i] == one[i]) << "row " << i << ", " << threads;
    }
    EXPECT_EQ(totals.total_pence, one_totals.total_pence);
    EXPECT_EQ(totals.records_rejected, one_totals.records_rejected);
  }
  unsetenv("MHPBR_BLOCK_BYTES");
  std::remove(path.c_str());
}

// Pricing on the workers while the calling thread commits: every row's
// outcome, the totals and each period's sums as costing row by row on one
// thread gives them.
TEST(BlockRowsConcurrency, PricingOnTheWorkersMatchesOneThread) {
  const std::string path = WriteActivity();
  const UnitCosts costs = TestCosts();
  CostingTotals one_totals;
  std::vector<CostedPeriod> one_periods;
  const std::vector<Outcome> one = CostWithThreads(
      path, 1, costs, &one_totals, /*priced=*/false, &one_periods);
  ASSERT_EQ(one.size(), 6000u);
  // Patient P0's period (2023-01-01 to 07-19) takes rows 0, 200, ...,
  // 5800 (i * 7 % 200 == 0 only for multiples of 200): 30 rows, none of
  // them a rejected one (i % 101 == 1, i % 103 == 2 or i % 107 == 3), all
  // even, so all April contacts of 45 minutes at 6000 pence an hour: 4500.
  EXPECT_EQ(one_periods[0].period.patient_id, "P0");
  EXPECT_EQ(one_periods[0].records, 30);
  EXPECT_EQ(one_periods[0].cost_pence, 30 * 4500);
  setenv("MHPBR_BLOCK_BYTES", "1000", 1);
  for (int threads : {1, 2, 4, 7}) {
    CostingTotals totals;
    std::vector<CostedPeriod> periods;
    const std::vector<Outcome> many = CostWithThreads(
        path, threads, costs, &totals, /*priced=*/true, &periods);
    ASSERT_EQ(many.size(), one.size()) << threads;
    for (size_t i = 0; i < one.size(); ++i) {
      ASSERT_TRUE(many[i] == one[i]) << "row " << i << ", " << threads;
    }
    EXPECT_EQ(totals.total_pence, one_totals.total_pence);
    EXPECT_EQ(totals.clustered_pence, one_totals.clustered_pence);
    EXPECT_EQ(totals.records_read, one_totals.records_read);
    EXPECT_EQ(totals.records_rejected, one_totals.records_rejected);
    EXPECT_EQ(totals.unknown_patient_records,
              one_totals.unknown_patient_records);
    EXPECT_TRUE(SamePeriodSums(periods, one_periods)) << threads;
  }
  unsetenv("MHPBR_BLOCK_BYTES");
  std::remove(path.c_str());
}

// A record over half the reader's limit stops the cutting into blocks
// (only a reader of the whole file can tell how such a record is refused):
// the rest of the file is read on the calling thread, lines still right.
TEST(BlockRowsConcurrency, LongRecordsAreReadOnTheCallingThread) {
  const std::string ok_row = ",P0,2023-04-10,contact,nurse,45,,,,\n";
  std::string text = kHeader;
  for (int i = 0; i < 3; ++i) absl::StrAppend(&text, "A", i, ok_row);
  // Line 5: a quoted id of 600,000 bytes, within the 1 MiB limit.
  absl::StrAppend(&text, "\"", std::string(600000, 'x'), "\"", ok_row);
  absl::StrAppend(&text, "A6", ok_row);
  // Line 7: 1.2 MB without a line end, over the limit.
  absl::StrAppend(&text, "A7", std::string(1200000, 'y'), ok_row);
  absl::StrAppend(&text, "A8", ok_row);
  const std::string path = WriteFile(text);
  const UnitCosts costs = TestCosts();
  CostingTotals one_totals;
  const std::vector<Outcome> one = CostWithThreads(path, 1, costs, &one_totals);
  ASSERT_EQ(one.size(), 7u);
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].line, static_cast<int64_t>(i) + 2);
  }
  // 45 minutes at 6000 pence an hour: 4500 pence; the long line refused.
  EXPECT_EQ(one[4].cost, 4500);
  EXPECT_FALSE(one[5].status.empty());
  EXPECT_EQ(one[6].cost, 4500);
  setenv("MHPBR_BLOCK_BYTES", "100", 1);
  for (int threads : {2, 3}) {
    CostingTotals totals;
    const std::vector<Outcome> many =
        CostWithThreads(path, threads, costs, &totals);
    EXPECT_TRUE(many == one) << threads;
    EXPECT_EQ(totals.total_pence, one_totals.total_pence);
    // Priced on the workers, then the rest read in one stream.
    EXPECT_TRUE(CostWithThreads(path, threads, costs, &totals, true) == one)
        << threads;
    EXPECT_EQ(totals.total_pence, one_totals.total_pence);
  }
  unsetenv("MHPBR_BLOCK_BYTES");
  std::remove(path.c_str());
}

// OrderedBlocks wakes its consumer only for a batch of results in order
// (or when no more come soon) and a worker only when it waits for room:
// whether the workers or the consumer are the slower, every result comes
// out once, in order, and nothing hangs.
TEST(OrderedBlocksConcurrency, EveryResultInOrderWhoeverIsSlower) {
  for (int threads : {1, 2, 3, 4}) {
    for (int slow : {0, 1, 2}) {  // none, the workers, the consumer
      constexpr int kBlocks = 3000;
      int given = 0;
      cli::OrderedBlocks<int, int> blocks(
          threads,
          [&given](int* b) {
            if (given == kBlocks) return false;
            *b = given++;
            return true;
          },
          [slow](int b) {
            // Uneven work, so that results arrive out of order.
            if (slow == 1 && b % 7 == 0) {
              std::this_thread::sleep_for(std::chrono::microseconds(50));
            }
            return 3 * b;
          });
      int taken = 0;
      int result = 0;
      while (blocks.Next(&result)) {
        ASSERT_EQ(result, 3 * taken) << threads << " " << slow;
        ++taken;
        if (slow == 2 && taken % 5 == 0) {
          std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
      }
      EXPECT_EQ(taken, kBlocks) << threads << " " << slow;
    }
  }
}

// A consumer that stops part-way, with workers waiting for room, a batch
// part-made or nothing taken: destroying it stops every thread.
TEST(OrderedBlocksConcurrency, StoppingPartWayStopsTheWorkers) {
  for (int threads : {1, 2, 4}) {
    for (int stop_after : {0, 1, 3, 100}) {
      int given = 0;
      cli::OrderedBlocks<int, int> blocks(
          threads,
          [&given](int* b) {
            *b = given++;
            return true;  // endless
          },
          [](int b) { return b; });
      int result = 0;
      for (int i = 0; i < stop_after; ++i) {
        ASSERT_TRUE(blocks.Next(&result));
        ASSERT_EQ(result, i);
      }
    }
  }
}

TEST(BlockRowsConcurrency, StoppingEarlyStopsTheWorkers) {
  const std::string path = WriteActivity();
  setenv("MHPBR_BLOCK_BYTES", "1000", 1);
  for (int taken : {0, 1, 500}) {
    auto rows =
        Rows::Open(path, 4, cli::NextRow<ActivityCsvReader, ActivityRow>,
                   cli::ShiftRowLines<ActivityRecord>);
    ASSERT_TRUE(rows.ok()) << rows.status();
    ActivityRow row;
    for (int i = 0; i < taken; ++i) ASSERT_TRUE((*rows)->Next(&row));
    if (taken == 500) {
      EXPECT_GT(row.line, 500);
    }
  }  // each destroyed with blocks in flight
  unsetenv("MHPBR_BLOCK_BYTES");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace mhpbr
