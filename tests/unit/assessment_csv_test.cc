// Reading `mhpbr classify` input (formats.md): columns found by name in any
// order, unknown columns ignored, item 8 as `r8` or `r8a`..`r8j`, rating
// cells 0-4, 9 or empty, answers y/n/empty, an optional allocated cluster;
// each bad row reported with every problem, naming its columns, without
// disturbing the rows around it.

#include "mhpbr/assessment_csv.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/mhct_ratings.h"
#include "tests/unit/status_matchers.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing::FilePtr;
using ::mhpbr::testing::FileWith;
using ::mhpbr::testing::IsOk;
using ::mhpbr::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<std::string> kRatingColumns = {
    "r1",  "r2",  "r3",  "r4",  "r5", "r6", "r7", "r8", "r9",
    "r10", "r11", "r12", "r13", "ra", "rb", "rc", "rd", "re"};

// A row as column -> cell; cells not given are empty.
using Cells = std::map<std::string, std::string>;

// A CSV with `columns` as header and one line per row.
std::string Csv(const std::vector<std::string>& columns,
                const std::vector<Cells>& rows) {
  std::string out = absl::StrJoin(columns, ",") + "\n";
  for (const Cells& row : rows) {
    std::vector<std::string> cells;
    for (const std::string& c : columns) {
      auto it = row.find(c);
      cells.push_back(it == row.end() ? "" : it->second);
    }
    out += absl::StrJoin(cells, ",") + "\n";
  }
  return out;
}

std::vector<std::string> StandardColumns() {
  std::vector<std::string> cols = {"assessment_id", "patient_id", "date"};
  cols.insert(cols.end(), kRatingColumns.begin(), kRatingColumns.end());
  cols.insert(cols.end(), {"organic", "psychosis", "allocated_cluster"});
  return cols;
}

// A good row: ratings 0,1,2,3,4,0,1,... in row order.
Cells GoodRow(const std::string& id) {
  Cells c = {
      {"assessment_id", id}, {"patient_id", "p-" + id}, {"date", "2024-02-29"}};
  for (size_t i = 0; i < kRatingColumns.size(); ++i) {
    c[kRatingColumns[i]] = std::to_string(i % 5);
  }
  return c;
}

struct Read {
  absl::Status open;
  std::vector<AssessmentRow> rows;
};

Read ReadCsv(const std::string& bytes) {
  FilePtr f = FileWith(bytes);
  Read out;
  auto reader = AssessmentCsvReader::Open(f.get(), "in.csv");
  out.open = reader.status();
  if (!reader.ok()) return out;
  AssessmentRow row;
  while ((*reader)->Next(&row)) out.rows.push_back(row);
  EXPECT_THAT((*reader)->io_status(), IsOk());
  return out;
}

// The single row of a standard CSV holding `cells`.
AssessmentRow OneRow(const Cells& cells) {
  const Read r = ReadCsv(Csv(StandardColumns(), {cells}));
  EXPECT_THAT(r.open, IsOk());
  EXPECT_EQ(r.rows.size(), 1u);
  return r.rows.empty() ? AssessmentRow() : r.rows[0];
}

void ExpectGoodRatings(const MhctRatings& r) {
  for (int i = 0; i < kItemCount; ++i) {
    EXPECT_EQ(r.rating(ItemAt(i)), i % 5) << "row " << i;
  }
}

// --- Header ----------------------------------------------------------------

TEST(AssessmentCsvTest, MissingRequiredColumnsAreAllNamed) {
  std::vector<std::string> cols;
  for (const std::string& c : StandardColumns()) {
    if (c != "r9" && c != "rb") cols.push_back(c);
  }
  const Read r = ReadCsv(Csv(cols, {}));
  EXPECT_THAT(r.open, StatusIs(absl::StatusCode::kInvalidArgument,
                               AllOf(HasSubstr("in.csv"), HasSubstr("r9"),
                                     HasSubstr("rb"))));
  const Read no_id = ReadCsv("r1,comment\n");
  EXPECT_THAT(no_id.open, StatusIs(absl::StatusCode::kInvalidArgument,
                                   AllOf(HasSubstr("assessment_id"),
                                         HasSubstr("date"), HasSubstr("r13"),
                                         HasSubstr("re"), HasSubstr("r8"))));
}

TEST(AssessmentCsvTest, Item8ColumnsAreRequiredInOneForm) {
  std::vector<std::string> cols;
  for (const std::string& c : StandardColumns()) {
    if (c != "r8") cols.push_back(c);
  }
  EXPECT_THAT(ReadCsv(Csv(cols, {})).open,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("r8")));
  // Some types but not all, and no r8.
  std::vector<std::string> some = cols;
  some.insert(some.end(), {"r8a", "r8b"});
  EXPECT_THAT(ReadCsv(Csv(some, {})).open,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("r8")));
}

TEST(AssessmentCsvTest, EmptyFileFailsToOpen) {
  EXPECT_THAT(ReadCsv("").open, StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("in.csv")));
}

TEST(AssessmentCsvTest, OptionalColumnsMayBeAbsent) {
  std::vector<std::string> cols = {"assessment_id", "date"};
  cols.insert(cols.end(), kRatingColumns.begin(), kRatingColumns.end());
  const Read r = ReadCsv(Csv(cols, {GoodRow("a1")}));
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 1u);
  const AssessmentRow& row = r.rows[0];
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.record.assessment_id, "a1");
  EXPECT_EQ(row.record.patient_id, "");
  EXPECT_EQ(row.record.ratings.organic(), Answer::kUnknown);
  EXPECT_EQ(row.record.ratings.psychosis(), Answer::kUnknown);
  EXPECT_FALSE(row.record.ratings.allocated().has_value());
  ExpectGoodRatings(row.record.ratings);
}

TEST(AssessmentCsvTest, TeamAndClinicianColumnsAreKeptWhenPresent) {
  // Absent: the reader says so and the record's fields stay empty.
  {
    FilePtr f = FileWith(Csv(StandardColumns(), {GoodRow("a1")}));
    auto reader = AssessmentCsvReader::Open(f.get(), "in.csv");
    ASSERT_THAT(reader.status(), IsOk());
    EXPECT_FALSE((*reader)->has_team());
    EXPECT_FALSE((*reader)->has_clinician());
  }
  // Present (clinician only): kept as written, an empty cell empty, and
  // cleared between rows.
  std::vector<std::string> cols = StandardColumns();
  cols.push_back("clinician");
  Cells first = GoodRow("a1");
  first["clinician"] = "Dr A";
  FilePtr f = FileWith(Csv(cols, {first, GoodRow("a2")}));
  auto reader = AssessmentCsvReader::Open(f.get(), "in.csv");
  ASSERT_THAT(reader.status(), IsOk());
  EXPECT_FALSE((*reader)->has_team());
  EXPECT_TRUE((*reader)->has_clinician());
  AssessmentRow row;
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.record.clinician, "Dr A");
  EXPECT_EQ(row.record.team, "");
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_EQ(row.record.clinician, "");
}

TEST(AssessmentCsvTest, ColumnsInAnyOrderAndUnknownColumnsIgnored) {
  std::vector<std::string> cols = StandardColumns();
  std::reverse(cols.begin(), cols.end());
  cols.insert(cols.begin() + 5, "comment");
  cols.push_back("r14");
  Cells cells = GoodRow("x7");
  cells["comment"] = "ignore me";
  cells["r14"] = "banana";
  cells["organic"] = "n";
  cells["psychosis"] = "y";
  cells["allocated_cluster"] = "14";
  const Read r = ReadCsv(Csv(cols, {cells}));
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 1u);
  const AssessmentRow& row = r.rows[0];
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.record.assessment_id, "x7");
  EXPECT_EQ(row.record.patient_id, "p-x7");
  EXPECT_EQ(row.record.date, absl::CivilDay(2024, 2, 29));
  ExpectGoodRatings(row.record.ratings);
  EXPECT_EQ(row.record.ratings.organic(), Answer::kNo);
  EXPECT_EQ(row.record.ratings.psychosis(), Answer::kYes);
  ASSERT_TRUE(row.record.ratings.allocated().has_value());
  EXPECT_EQ(row.record.ratings.allocated()->code(), 14);
}

// --- Item 8 ---------------------------------------------------------------

std::vector<std::string> TypeColumns() {
  std::vector<std::string> cols;
  for (char t = 'a'; t <= 'j'; ++t) cols.push_back(std::string("r8") + t);
  return cols;
}

TEST(AssessmentCsvTest, Item8AsOneRating) {
  Cells cells = GoodRow("a");
  cells["r8"] = "4";
  const AssessmentRow row = OneRow(cells);
  EXPECT_EQ(row.error, "");
  EXPECT_EQ(row.record.ratings.rating(Item::kOtherProblems), 4);
  EXPECT_EQ(row.record.ratings.item8_type(Item8Type::kPhobic), kNotKnown);
}

TEST(AssessmentCsvTest, Item8AsTypesIsTheHighestKnownType) {
  std::vector<std::string> cols = StandardColumns();
  cols.erase(std::find(cols.begin(), cols.end(), "r8"));
  const std::vector<std::string> types = TypeColumns();
  cols.insert(cols.end(), types.begin(), types.end());
  Cells high = GoodRow("high");
  high["r8b"] = "1";
  high["r8e"] = "3";
  high["r8j"] = "9";
  high["r8a"] = "0";
  Cells none = GoodRow("none");  // every type empty or 9
  none["r8c"] = "9";
  const Read r = ReadCsv(Csv(cols, {high, none}));
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_EQ(r.rows[0].record.ratings.rating(Item::kOtherProblems), 3);
  EXPECT_EQ(r.rows[0].record.ratings.item8_type(Item8Type::kAnxiety), 1);
  EXPECT_EQ(r.rows[0].record.ratings.item8_type(Item8Type::kPhobic), 0);
  EXPECT_EQ(r.rows[1].error, "");
  EXPECT_EQ(r.rows[1].record.ratings.rating(Item::kOtherProblems), kNotKnown);
  EXPECT_EQ(r.rows[1].record.ratings.known_count(), kItemCount - 1);
}

TEST(AssessmentCsvTest, Item8InBothFormsInOneRowIsThatRowsError) {
  std::vector<std::string> cols = StandardColumns();
  const std::vector<std::string> types = TypeColumns();
  cols.insert(cols.end(), types.begin(), types.end());
  Cells both = GoodRow("both");
  both["r8"] = "2";
  both["r8c"] = "3";
  Cells single = GoodRow("single");  // r8 given, types empty
  single["r8"] = "1";
  Cells typed = GoodRow("typed");  // r8 empty, types given
  typed["r8"] = "";
  typed["r8d"] = "2";
  const Read r = ReadCsv(Csv(cols, {both, single, typed}));
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_THAT(r.rows[0].error, HasSubstr("r8"));
  EXPECT_EQ(r.rows[0].record.assessment_id, "both");
  EXPECT_EQ(r.rows[1].error, "");
  EXPECT_EQ(r.rows[1].record.ratings.rating(Item::kOtherProblems), 1);
  EXPECT_EQ(r.rows[2].error, "");
  EXPECT_EQ(r.rows[2].record.ratings.rating(Item::kOtherProblems), 2);
}

// --- Cells ---------------------------------------------------------------

TEST(AssessmentCsvTest, RatingCellsZeroToFourNineOrEmpty) {
  for (const auto& [cell, want] :
       std::vector<std::pair<std::string, int>>{{"", kNotKnown},
                                                {"9", kNotKnown},
                                                {"0", 0},
                                                {"1", 1},
                                                {"2", 2},
                                                {"3", 3},
                                                {"4", 4}}) {
    Cells cells = GoodRow("a");
    cells["rd"] = cell;
    const AssessmentRow row = OneRow(cells);
    EXPECT_EQ(row.error, "") << "'" << cell << "'";
    EXPECT_EQ(row.record.ratings.rating(Item::kEngagement), want)
        << "'" << cell << "'";
  }
}

TEST(AssessmentCsvTest, BadRatingCellsNameTheColumn) {
  for (const std::string cell : {"5", "x", "12", "-1", "8", "2.0", "1a"}) {
    Cells cells = GoodRow("a");
    cells["r7"] = cell;
    const AssessmentRow row = OneRow(cells);
    EXPECT_THAT(row.error, AllOf(HasSubstr("r7"), HasSubstr(cell)))
        << "'" << cell << "'";
  }
}

TEST(AssessmentCsvTest, AnswersAreYNOrEmpty) {
  for (const auto& [cell, want] : std::vector<std::pair<std::string, Answer>>{
           {"y", Answer::kYes}, {"n", Answer::kNo}, {"", Answer::kUnknown}}) {
    Cells cells = GoodRow("a");
    cells["organic"] = cell;
    cells["psychosis"] = cell;
    const AssessmentRow row = OneRow(cells);
    EXPECT_EQ(row.error, "");
    EXPECT_EQ(row.record.ratings.organic(), want) << "'" << cell << "'";
    EXPECT_EQ(row.record.ratings.psychosis(), want) << "'" << cell << "'";
  }
  Cells bad = GoodRow("a");
  bad["psychosis"] = "maybe";
  EXPECT_THAT(OneRow(bad).error,
              AllOf(HasSubstr("psychosis"), HasSubstr("maybe")));
  Cells bad2 = GoodRow("a");
  bad2["organic"] = "2";
  EXPECT_THAT(OneRow(bad2).error, HasSubstr("organic"));
}

TEST(AssessmentCsvTest, AllocatedClusterIsZeroToEightOrTenToTwentyOne) {
  for (const std::string cell : {"0", "1", "8", "10", "21"}) {
    Cells cells = GoodRow("a");
    cells["allocated_cluster"] = cell;
    const AssessmentRow row = OneRow(cells);
    EXPECT_EQ(row.error, "") << cell;
    ASSERT_TRUE(row.record.ratings.allocated().has_value()) << cell;
    EXPECT_EQ(row.record.ratings.allocated()->code(), std::stoi(cell));
  }
  for (const std::string cell : {"9", "22", "-1", "x", "3.0"}) {
    Cells cells = GoodRow("a");
    cells["allocated_cluster"] = cell;
    EXPECT_THAT(OneRow(cells).error, HasSubstr("allocated_cluster")) << cell;
  }
}

TEST(AssessmentCsvTest, BadDateNamesTheColumn) {
  for (const std::string cell : {"2023-02-29", "", "29/02/2024", "2024-2-29"}) {
    Cells cells = GoodRow("a");
    cells["date"] = cell;
    EXPECT_THAT(OneRow(cells).error, HasSubstr("date")) << "'" << cell << "'";
  }
}

TEST(AssessmentCsvTest, EmptyAssessmentIdIsRejected) {
  Cells cells = GoodRow("a");
  cells["assessment_id"] = "";
  EXPECT_THAT(OneRow(cells).error, HasSubstr("assessment_id"));
}

// A message holding `n` as a whole number.
::testing::Matcher<const std::string&> Number(size_t n) {
  return ::testing::ContainsRegex("(^|[^0-9])" + std::to_string(n) +
                                  "([^0-9]|$)");
}

TEST(AssessmentCsvTest, RaggedRowsGiveTheFieldCounts) {
  const std::vector<std::string> cols = StandardColumns();
  const std::string header = absl::StrJoin(cols, ",") + "\n";
  const size_t width = cols.size();
  const Read r = ReadCsv(header + "short,row,2024-01-01\n" +
                         Csv(cols, {GoodRow("ok")}).substr(header.size()) +
                         std::string("long") + std::string(width, ',') + "\n");
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_THAT(r.rows[0].error, AllOf(Number(3), Number(width)));
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[1].error, "");
  EXPECT_EQ(r.rows[1].record.assessment_id, "ok");
  EXPECT_THAT(r.rows[2].error, AllOf(Number(width + 1), Number(width)));
  EXPECT_EQ(r.rows[2].line, 4);
}

TEST(AssessmentCsvTest, EveryProblemInARowIsReported) {
  Cells cells = GoodRow("many");
  cells["r1"] = "5";
  cells["re"] = "x";
  cells["date"] = "2023-13-01";
  cells["organic"] = "perhaps";
  cells["allocated_cluster"] = "9";
  const AssessmentRow row = OneRow(cells);
  EXPECT_THAT(row.error,
              AllOf(HasSubstr("r1"), HasSubstr("re"), HasSubstr("date"),
                    HasSubstr("organic"), HasSubstr("allocated_cluster")));
  EXPECT_EQ(row.record.assessment_id, "many");
}

// A bad row between good ones changes nothing about them, including a
// quoted cell spanning two lines and an allocation on the bad row.
TEST(AssessmentCsvTest, BadRowDoesNotDisturbItsNeighbours) {
  const std::vector<std::string> cols = StandardColumns();
  Cells first = GoodRow("first");
  first["organic"] = "y";
  Cells bad = GoodRow("bad");
  bad["r3"] = "7";
  bad["allocated_cluster"] = "4";
  bad["psychosis"] = "y";
  Cells last = GoodRow("last");
  std::string bytes = Csv(cols, {first});
  bytes += Csv(cols, {bad}).substr(bytes.find('\n') + 1);
  // The last row's id is quoted and holds a line break: it starts on line 4
  // and ends on line 5.
  Cells multi = GoodRow("m");
  multi["assessment_id"] = "\"two\nlines\"";
  bytes += Csv(cols, {multi}).substr(bytes.find('\n') + 1);
  bytes += Csv(cols, {last}).substr(bytes.find('\n') + 1);
  const Read r = ReadCsv(bytes);
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 4u);

  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_EQ(r.rows[0].record.assessment_id, "first");
  EXPECT_EQ(r.rows[0].record.ratings.organic(), Answer::kYes);
  ExpectGoodRatings(r.rows[0].record.ratings);

  EXPECT_EQ(r.rows[1].line, 3);
  EXPECT_THAT(r.rows[1].error, HasSubstr("r3"));
  EXPECT_EQ(r.rows[1].record.assessment_id, "bad");

  EXPECT_EQ(r.rows[2].line, 4);
  EXPECT_EQ(r.rows[2].error, "");
  EXPECT_EQ(r.rows[2].record.assessment_id, "two\nlines");

  EXPECT_EQ(r.rows[3].line, 6);
  EXPECT_EQ(r.rows[3].error, "");
  EXPECT_EQ(r.rows[3].record.assessment_id, "last");
  ExpectGoodRatings(r.rows[3].record.ratings);
  // Nothing of the rows before carries over.
  EXPECT_EQ(r.rows[3].record.ratings.organic(), Answer::kUnknown);
  EXPECT_EQ(r.rows[3].record.ratings.psychosis(), Answer::kUnknown);
  EXPECT_FALSE(r.rows[3].record.ratings.allocated().has_value());
}

TEST(AssessmentCsvTest, MalformedCsvRecordIsThatRowsError) {
  const std::vector<std::string> cols = StandardColumns();
  std::string bytes = Csv(cols, {GoodRow("a")});
  bytes += "b\"roken,\n";
  bytes += Csv(cols, {GoodRow("c")}).substr(bytes.find('\n') + 1);
  const Read r = ReadCsv(bytes);
  ASSERT_THAT(r.open, IsOk());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_THAT(r.rows[1].error, Not(IsEmpty()));
  EXPECT_EQ(r.rows[1].line, 3);
  EXPECT_EQ(r.rows[2].error, "");
  EXPECT_EQ(r.rows[2].record.assessment_id, "c");
  EXPECT_EQ(r.rows[2].line, 4);
}

}  // namespace
}  // namespace mhpbr
