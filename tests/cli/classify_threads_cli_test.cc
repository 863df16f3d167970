// `mhpbr classify --threads N`: the same output, rejects, messages and exit
// status, byte for byte, as --threads 1, on a file with bad rows of every
// kind, cut (MHPBR_BLOCK_BYTES) into blocks so small that records straddle
// block edges, a quoted field's line break among them.

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

using test_process::ProcessResult;
using test_process::RunProcess;
using test_process::Slurp;
using test_process::TempPath;
using test_process::WriteFile;
using ::testing::HasSubstr;

const std::string kTool = MHPBR_TOOL_PATH;

constexpr char kHeader[] =
    "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
    "r13,ra,rb,rc,rd,re,organic,psychosis,allocated_cluster\n";

// Row i is of kind i % 12: 0, 6, 8, 9 and 11 are good (6 with a quoted id
// holding a comma, quotes and a line break; 8 ending in CRLF; 9 after a
// blank line), the other seven bad: an impossible date, rating 7, organic
// "maybe", cluster 9, an extra field, a quote inside an unquoted field and
// text after a closing quote. 600 rows: 50 x 5 = 250 ok and 50 x 7 = 350
// rejected; then a last row whose quote is never closed (no line end), one
// more rejected: 601 read.
std::string Input() {
  std::string csv = kHeader;
  for (int i = 0; i < 600; ++i) {
    const int kind = i % 12;
    std::string id = absl::StrCat("A", i);
    std::string patient = absl::StrCat("P", i % 37);
    std::string date =
        absl::StrCat("202", i % 4, "-0", 1 + i % 9, "-1", i % 10);
    std::string r3 = std::to_string(i % 5);
    std::string organic = i % 2 ? "y" : "n";
    std::string cluster = std::to_string(1 + i % 8);
    std::string tail;
    if (kind == 1) date = "2023-02-30";
    if (kind == 2) r3 = "7";
    if (kind == 3) organic = "maybe";
    if (kind == 4) cluster = "9";
    if (kind == 5) tail = ",extra";
    if (kind == 6) id = absl::StrCat("\"Q", i, ", \"\"x\"\"\nsecond line\"");
    if (kind == 7) patient = "P\"bad";
    if (kind == 9) csv += "\n";
    if (kind == 10) id = absl::StrCat("\"A", i, "\"x");
    absl::StrAppend(&csv, id, ",", patient, ",", date, ",0,1,", r3,
                    ",2,3,4,9,,1,2,3,4,0,1,2,3,4,0,", organic, ",n,", cluster,
                    tail, kind == 8 ? "\r\n" : "\n");
  }
  csv += "\"unterminated,P1,2021-01-01";
  return csv;
}

struct ClassifyRun {
  ProcessResult process;
  std::string out;
  std::string rejects;
};

ClassifyRun Classify(const std::string& in, const std::string& threads,
                     const char* block_bytes) {
  if (block_bytes == nullptr) {
    unsetenv("MHPBR_BLOCK_BYTES");
  } else {
    setenv("MHPBR_BLOCK_BYTES", block_bytes, 1);
  }
  const std::string out = TempPath("out.csv");
  const std::string rejects = TempPath("rejects.csv");
  ClassifyRun run;
  run.process = RunProcess({kTool, "classify", "--in", in, "--out", out,
                            "--rejects", rejects, "--threads", threads});
  unsetenv("MHPBR_BLOCK_BYTES");
  run.out = Slurp(out);
  run.rejects = Slurp(rejects);
  return run;
}

TEST(ClassifyThreadsCliTest, EveryThreadCountAndBlockSizeGivesTheSameBytes) {
  const std::string in = TempPath("in.csv");
  WriteFile(in, Input());
  const ClassifyRun one = Classify(in, "1", nullptr);
  ASSERT_EQ(one.process.exit_code, 0) << one.process.err;
  EXPECT_THAT(one.process.err, HasSubstr("601 read, 250 ok, 351 rejected\n"));
  // The header and 250 rows; a header and 351 rejects.
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 251 + 50);
  EXPECT_THAT(one.rejects, HasSubstr("\n3,A1,date: "));
  EXPECT_THAT(one.rejects, HasSubstr("a quote inside an unquoted field"));
  EXPECT_THAT(one.rejects, HasSubstr("text after a closing quote"));
  EXPECT_THAT(one.rejects, HasSubstr(",,unterminated quoted field\n"));
  for (const char* block_bytes : {"1", "50", "300", "4096"}) {
    for (const char* threads : {"2", "3"}) {
      SCOPED_TRACE(absl::StrCat("--threads ", threads, ", blocks of ",
                                block_bytes, " bytes"));
      const ClassifyRun many = Classify(in, threads, block_bytes);
      EXPECT_EQ(many.process.exit_code, one.process.exit_code);
      EXPECT_EQ(many.process.err, one.process.err);
      // (EXPECT_TRUE: a failure would print both files whole.)
      EXPECT_TRUE(many.out == one.out);
      EXPECT_TRUE(many.rejects == one.rejects);
    }
  }
  const ClassifyRun default_blocks = Classify(in, "2", nullptr);
  EXPECT_TRUE(default_blocks.out == one.out);
  EXPECT_TRUE(default_blocks.rejects == one.rejects);
}

// Records whose length matters to the reader's 1 MB limit (over half of
// it) are read on one thread from there on: quoted ids of 600 kB (kept)
// and 1.5 MB (rejected as too long), each line break in them a line.
TEST(ClassifyThreadsCliTest, LongQuotedRecordsGiveTheSameBytes) {
  std::string csv = kHeader;
  const std::string good =
      ",P1,2021-03-04,0,1,2,3,4,9,,1,2,3,4,0,1,2,3,4,0,1,y,n,4\n";
  for (int part = 0; part < 3; ++part) {
    for (int i = 0; i < 100; ++i)
      absl::StrAppend(&csv, "B", part, "_", i, good);
    if (part == 0)
      absl::StrAppend(&csv, "\"", std::string(300000, '\n'), "\"", good);
    if (part == 1)
      absl::StrAppend(&csv, "\"", std::string(750000, 'x'),
                      std::string(750000, '\n'), "\"", good);
  }
  const std::string in = TempPath("long.csv");
  WriteFile(in, csv);
  const ClassifyRun one = Classify(in, "1", nullptr);
  ASSERT_EQ(one.process.exit_code, 0) << one.process.err;
  EXPECT_THAT(one.process.err, HasSubstr("record longer than 1048576 bytes"));
  for (const char* block_bytes : {"4096", "1048576"}) {
    const ClassifyRun two = Classify(in, "2", block_bytes);
    EXPECT_EQ(two.process.err, one.process.err);
    EXPECT_TRUE(two.out == one.out);
    EXPECT_TRUE(two.rejects == one.rejects);
  }
}

TEST(ClassifyThreadsCliTest, ThreadCountOutOfRangeIsAUsageError) {
  for (const char* bad : {"0", "257", "many"}) {
    const ProcessResult r =
        RunProcess({kTool, "classify", "--in", "x.csv", "--threads", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr("--threads must be a whole number from 1 "
                                 "to 256"));
    EXPECT_THAT(r.err, HasSubstr("usage: mhpbr classify"));
  }
}

}  // namespace
}  // namespace mhpbr
