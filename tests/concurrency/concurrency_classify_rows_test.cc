// The parallel path of `mhpbr classify` (cli/classify_rows.h over
// cli/ordered_blocks.h and the library's CsvBlockSplitter) and the threaded
// Classifier::ClassifyBatch, run so that ThreadSanitizer sees their threads
// share the reader, classifiers and ledger: the results must equal one
// thread's.

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "classify_rows.h"
#include "gtest/gtest.h"
#include "input_file.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/classification.h"
#include "mhpbr/classifier.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dated_classifier.h"
#include "mhpbr/item.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "mhpbr/rule_set_text.h"
#include "output_file.h"
#include "row_ledger.h"

namespace mhpbr::cli {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// 3000 rows, every 7th with a rating of 7 and every 11th with a quoted id
// holding a line break, so blocks of 200 bytes cut records everywhere.
std::string Input() {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> rating(0, 5);
  std::string csv =
      "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
      "r13,ra,rb,rc,rd,re\n";
  for (int i = 0; i < 3000; ++i) {
    absl::StrAppend(
        &csv,
        i % 11 == 0 ? absl::StrCat("\"A", i, "\nx\"") : absl::StrCat("A", i),
        ",P", i % 97, ",2022-0", 1 + i % 9, "-2", i % 9);
    for (int k = 0; k < 18; ++k) {
      const int v = rating(rng);
      absl::StrAppend(&csv, ",", i % 7 == 3 && k == 2 ? 7 : v == 5 ? 9 : v);
    }
    csv += "\n";
  }
  return csv;
}

struct Outputs {
  std::string rows;
  std::string rejects;
};

// A path of this process's own: ctest runs each test of this file as its
// own process at the same time, and they share TempDir.
std::string TempPath(const std::string& name) {
  return absl::StrCat(::testing::TempDir(), "/classify_rows_", getpid(), "_",
                      name);
}

Outputs ClassifyFile(const std::string& in_path, int threads,
                     const DatedClassifier& classifiers) {
  const std::string out_path = TempPath(absl::StrCat("rows_", threads, ".csv"));
  const std::string rejects_path =
      TempPath(absl::StrCat("rejects_", threads, ".csv"));
  auto in = OpenInput(in_path);
  EXPECT_TRUE(in.ok());
  auto reader = AssessmentCsvReader::Open(in->get(), in_path);
  EXPECT_TRUE(reader.ok()) << reader.status();
  OutputSet outputs;
  auto out_file = outputs.Open(out_path);
  EXPECT_TRUE(out_file.ok());
  auto ledger = RowLedger::Open(outputs, rejects_path, false);
  EXPECT_TRUE(ledger.ok());
  CsvWriter out(*out_file);
  EXPECT_TRUE(ClassifyRows(**reader, in->get(), in_path, classifiers, threads,
                           out, **ledger)
                  .ok());
  out.Flush();
  EXPECT_EQ((*ledger)->Finish(), kExitDone);
  return Outputs{Slurp(out_path), Slurp(rejects_path)};
}

TEST(ClassifyRowsConcurrencyTest, BlocksOnManyThreadsEqualOneThread) {
  const std::string in_path = TempPath("assessments.csv");
  {
    std::ofstream f(in_path, std::ios::binary);
    f << Input();
  }
  auto bundle = DefaultRuleSetBundle();
  ASSERT_TRUE(bundle.ok());
  const DatedClassifier classifiers(*bundle);
  const Outputs one = ClassifyFile(in_path, 1, classifiers);
  // 3000 rows, 429 with a 7 (i = 3 + 7k <= 2999): 2571 rows (no header
  // here), 234 of them with a line break in the id (273 ids i = 11k, less
  // the 39 also rejected, i = 66 + 77k).
  EXPECT_EQ(std::count(one.rows.begin(), one.rows.end(), '\n'), 2571 + 234);
  setenv("MHPBR_BLOCK_BYTES", "200", 1);
  for (int threads : {2, 4}) {
    const Outputs many = ClassifyFile(in_path, threads, classifiers);
    EXPECT_TRUE(many.rows == one.rows) << threads;
    EXPECT_TRUE(many.rejects == one.rejects) << threads;
  }
  unsetenv("MHPBR_BLOCK_BYTES");
}

// Data rows of every kind the readers' fast paths must hand on exactly,
// `copies` times over: good rows ending in LF and CRLF, all ratings empty,
// a rating of 7, a field too many and too few, a blank line, a date with
// a space before it, a date that is not a day; the last line lacks its LF.
std::vector<std::string> EdgeRows(int copies) {
  std::vector<std::string> rows;
  for (int i = 0; i < copies; ++i) {
    const std::string n = absl::StrCat(i);
    for (const std::string& row : {
             "G" + n +
                 ",P1,2022-03-04,1,0,0,2,0,1,0,0,0,0,1,0,0,0,0,0,0,0,n,n,1",
             "C" + n + ",P2,2022-03-05,0,0,3,0,0,3,0,0,0,0,0,0,0,,,,,,n,y,\r",
             "E" + n + ",P3,2022-03-06,,,,,,,,,,,,,,,,,,,,,",
             "S" + n + ",P4,2022-03-07,0,0,0,0,0,7,0,0,0,0,0,0,0,0,0,0,0,0,,,",
             "M" + n +
                 ",P5,2022-03-08,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,x",
             "F" + n + ",P6,2022-03-09,0,0,0,0",
             std::string(),
             "W" + n +
                 ",P7, 2022-03-10,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,y,n,",
             "D" + n + ",P8,2023-02-30,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,",
         }) {
      rows.push_back(row);
    }
  }
  return rows;
}

// The file of `rows`, each field quoted when `quote` (blank lines stay
// blank): the quoted form goes through CsvReader's general parser.
std::string EdgeFile(const std::vector<std::string>& rows, bool quote) {
  std::string csv =
      "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
      "r13,ra,rb,rc,rd,re,organic,psychosis,allocated_cluster\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string row = rows[i];
    const bool crlf = !row.empty() && row.back() == '\r';
    if (crlf) row.pop_back();
    if (quote && !row.empty()) {
      row =
          absl::StrCat("\"", absl::StrReplaceAll(row, {{",", "\",\""}}), "\"");
    }
    absl::StrAppend(&csv, row, crlf ? "\r" : "",
                    i + 1 < rows.size() ? "\n" : "");
  }
  return csv;
}

TEST(ClassifyRowsConcurrencyTest, PlainRowsClassifyAsTheirQuotedForms) {
  const std::vector<std::string> rows = EdgeRows(40);
  std::string paths[2];
  for (int quote : {0, 1}) {
    paths[quote] = TempPath(absl::StrCat("edge_", quote, ".csv"));
    std::ofstream f(paths[quote], std::ios::binary);
    f << EdgeFile(rows, quote == 1);
  }
  auto bundle = DefaultRuleSetBundle();
  ASSERT_TRUE(bundle.ok());
  const DatedClassifier classifiers(*bundle);
  const Outputs want = ClassifyFile(paths[0], 1, classifiers);
  // Per copy of nine lines (eight rows and a blank one): G, C, E and W are
  // classified; S, M, F and D rejected. Copy 0 starts at line 2.
  EXPECT_EQ(std::count(want.rows.begin(), want.rows.end(), '\n'), 4 * 40);
  EXPECT_EQ(std::count(want.rejects.begin(), want.rejects.end(), '\n'),
            1 + 4 * 40);
  EXPECT_NE(want.rejects.find(
                "5,S0,\"r6: '7' is not a rating (0-4, 9 or empty)\"\n"
                "6,M0,row has 25 fields; the header has 24\n"
                "7,F0,row has 7 fields; the header has 24\n"
                "10,D0,date: '2023-02-30' is not a real calendar date\n"),
            std::string::npos)
      << want.rejects;
  // E0: nothing known, so variance for too few known items.
  EXPECT_NE(want.rows.find("E0,P3,2022-03-06,0,,,,variance,,,,too_few_known\n"),
            std::string::npos);
  // C0's CRLF is not data, and W0's date is read past its space.
  EXPECT_NE(want.rows.find("C0,P2,2022-03-05,"), std::string::npos);
  EXPECT_NE(want.rows.find("W0,P7,2022-03-10,"), std::string::npos);

  setenv("MHPBR_BLOCK_BYTES", "97", 1);  // rows straddle blocks everywhere
  for (int threads : {1, 2, 3}) {
    for (int quote : {0, 1}) {
      const Outputs got = ClassifyFile(paths[quote], threads, classifiers);
      EXPECT_TRUE(got.rows == want.rows) << threads << " " << quote;
      EXPECT_TRUE(got.rejects == want.rejects) << threads << " " << quote;
    }
  }
  unsetenv("MHPBR_BLOCK_BYTES");
}

// The row's fixed names are written as they are: none may need quotes.
TEST(ClassifyRowsConcurrencyTest, FixedNamesNeedNoQuotes) {
  std::vector<absl::string_view> names;
  for (Superclass s : {Superclass::kVariance, Superclass::kNonPsychotic,
                       Superclass::kPsychotic, Superclass::kOrganic}) {
    names.push_back(SuperclassName(s));
  }
  for (VarianceReason r : {VarianceReason::kNone, VarianceReason::kNoFit,
                           VarianceReason::kTooFewKnown}) {
    names.push_back(VarianceReasonName(r));
  }
  for (absl::string_view name : names) {
    char buf[64];
    EXPECT_EQ(absl::string_view(
                  buf, static_cast<size_t>(WriteCsvField(name, buf) - buf)),
              name);
  }
}

// The row formatted straight into bytes, as formats.md has it: ids quoted
// when they must be, empty fields for what is absent.
TEST(ClassifyRowsConcurrencyTest, ClassifiedRowsAreFormattedInPlace) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok());
  AssessmentRecord rec;
  rec.assessment_id = "A1";
  rec.patient_id = "P1";
  rec.date = absl::CivilDay(2022, 3, 4);
  Classification c;
  c.suggested = *Cluster::FromCode(3);
  c.suggested_fit_milli = 12500;
  c.runner_up = *Cluster::FromCode(10);
  c.runner_up_fit_milli = -2000;
  AllocationCheck red;
  red.cluster = *Cluster::FromCode(13);
  red.red = true;
  red.red_items.Add(ItemAt(16));  // D
  red.red_items.Add(ItemAt(6));   // 7
  red.red_items.Add(ItemAt(12));  // 13
  c.allocation = red;
  RowBytes rows;
  AppendClassifiedRow(**rules, rec, c, &rows);

  rec.assessment_id = "a,b";
  rec.patient_id = "say \"hi\"";
  Classification variance;
  variance.reason = VarianceReason::kTooFewKnown;
  AppendClassifiedRow(**rules, rec, variance, &rows);

  AllocationCheck zero;  // cluster 0: never red
  variance.allocation = zero;
  variance.reason = VarianceReason::kNoFit;
  rec.assessment_id = "line\nbreak";
  rec.patient_id = "";
  AppendClassifiedRow(**rules, rec, variance, &rows);

  EXPECT_EQ(rows.view(),
            absl::StrCat("A1,P1,2022-03-04,3,12.5,10,-2,non-psychotic,13,y,"
                         "7;13;D,\n",
                         "\"a,b\",\"say \"\"hi\"\"\",2022-03-04,0,,,,"
                         "variance,,,,too_few_known\n",
                         "\"line\nbreak\",,2022-03-04,0,,,,variance,0,n,,"
                         "no_fit\n"));
}

TEST(ClassifyRowsConcurrencyTest, ThreadedBatchEqualsOneThread) {
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok());
  const Classifier classifier(*rules);
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> rating(0, 5);
  std::vector<MhctRatings> in(20000);
  for (MhctRatings& r : in) {
    for (int i = 0; i < kItemCount; ++i) {
      const int v = rating(rng);
      (void)r.Set(ItemAt(i), v == 5 ? kNotKnown : v);
    }
  }
  std::vector<Classification> want(in.size());
  ASSERT_TRUE(classifier.ClassifyBatch(in, absl::MakeSpan(want)).ok());
  for (int threads : {1, 2, 3, 4}) {
    std::vector<Classification> got(in.size());
    ASSERT_TRUE(
        classifier.ClassifyBatch(in, absl::MakeSpan(got), threads).ok());
    size_t differ = 0;
    for (size_t i = 0; i < in.size(); ++i) {
      differ += got[i].suggested != want[i].suggested ||
                got[i].suggested_fit_milli != want[i].suggested_fit_milli ||
                got[i].runner_up != want[i].runner_up ||
                got[i].reason != want[i].reason;
    }
    EXPECT_EQ(differ, 0u) << threads;
  }
}

}  // namespace
}  // namespace mhpbr::cli
