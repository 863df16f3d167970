// Reading period events from CSV (formats.md "mhpbr periods"): columns by
// name in any order, missing columns fail the open, and every bad row is
// rejected with its line and a reason naming the column while the good
// rows around it are read.

#include "mhpbr/event_csv.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "periods_test_util.h"

namespace mhpbr {
namespace {

using periods_test::D;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<EventRow> ReadAll(const std::string& text) {
  periods_test::File f = periods_test::TextFile(text);
  auto reader = EventCsvReader::Open(f.get(), "events.csv");
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<EventRow> rows;
  if (!reader.ok()) return rows;
  EventRow row;
  while ((*reader)->Next(&row)) rows.push_back(row);
  EXPECT_TRUE((*reader)->io_status().ok());
  return rows;
}

absl::Status OpenStatus(const std::string& text) {
  periods_test::File f = periods_test::TextFile(text);
  return EventCsvReader::Open(f.get(), "events.csv").status();
}

TEST(PeriodStageEventCsv, OptionalTeamProviderCommissioner) {
  {
    periods_test::File f = periods_test::TextFile(
        "patient_id,date,event,cluster,commissioner,team\n"
        "P1,2023-01-05,allocate,3, C1 ,T1\n"
        "P1,2023-02-01,allocate,4,,\n");
    auto reader = EventCsvReader::Open(f.get(), "events.csv");
    ASSERT_TRUE(reader.ok()) << reader.status();
    const EventUnitColumns c = (*reader)->unit_columns();
    EXPECT_TRUE(c.team);
    EXPECT_FALSE(c.provider);
    EXPECT_TRUE(c.commissioner);
    EXPECT_TRUE(c.any());
    EventRow row;
    ASSERT_TRUE((*reader)->Next(&row));
    EXPECT_EQ(row.error, "");
    EXPECT_EQ(row.event.team, "T1");
    EXPECT_EQ(row.event.provider, "");
    EXPECT_EQ(row.event.commissioner, "C1");  // spaces trimmed
    // A row leaving them empty does not keep the row before's.
    ASSERT_TRUE((*reader)->Next(&row));
    EXPECT_EQ(row.event.team, "");
    EXPECT_EQ(row.event.commissioner, "");
  }
  periods_test::File f = periods_test::TextFile(
      "patient_id,date,event,cluster\nP1,2023-01-05,allocate,3\n");
  auto reader = EventCsvReader::Open(f.get(), "events.csv");
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_FALSE((*reader)->unit_columns().any());
}

TEST(PeriodStageEventCsv, ColumnsInAnyOrderOthersIgnored) {
  const std::vector<EventRow> rows = ReadAll(
      "cluster,note,date,event,patient_id\n"
      "3,hello,2023-01-05,allocate,P1\n"
      ",,2023-02-01,discharge,P1\n"
      "\"12\",\"x, y\",2023-03-01,allocate,\"P,2\"\n"
      "00,,2023-03-02,allocate,P3\n");
  ASSERT_EQ(rows.size(), 4u);
  for (const EventRow& r : rows) EXPECT_EQ(r.error, "") << r.line;

  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].event.line, 2);
  EXPECT_EQ(rows[0].event.patient_id, "P1");
  EXPECT_EQ(rows[0].event.date, D(2023, 1, 5));
  EXPECT_EQ(rows[0].event.kind, EventKind::kAllocate);
  EXPECT_EQ(rows[0].event.cluster.code(), 3);

  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].event.kind, EventKind::kDischarge);
  EXPECT_EQ(rows[1].event.date, D(2023, 2, 1));

  EXPECT_EQ(rows[2].event.patient_id, "P,2");
  EXPECT_EQ(rows[2].event.cluster.code(), 12);
  EXPECT_EQ(rows[3].event.cluster.code(), 0);
}

TEST(PeriodStageEventCsv, CrlfLineEnds) {
  const std::vector<EventRow> rows = ReadAll(
      "patient_id,date,event,cluster\r\n"
      "P1,2023-01-01,allocate,3\r\n"
      "P1,2023-02-01,discharge,\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].event.cluster.code(), 3);
  EXPECT_EQ(rows[1].error, "");
  EXPECT_EQ(rows[1].event.kind, EventKind::kDischarge);
}

TEST(PeriodStageEventCsv, MissingColumnsFailTheOpenNamingThem) {
  absl::Status s = OpenStatus("patient_id,when,kind\nP1,2023-01-01,allocate\n");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), AllOf(HasSubstr("events.csv"), HasSubstr("missing"),
                                 HasSubstr("date"), HasSubstr("event"),
                                 HasSubstr("cluster")));

  s = OpenStatus("patient_id,date,event\nP1,2023-01-01,discharge\n");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("cluster"));
  EXPECT_THAT(s.message(), Not(HasSubstr("date")));

  EXPECT_FALSE(OpenStatus("").ok());
}

TEST(PeriodStageEventCsv, BadRowsRejectedWithLineAndColumn) {
  const std::vector<EventRow> rows = ReadAll(
      "patient_id,date,event,cluster\n"  // 1
      "P1,2023-01-01,allocate,1\n"       // 2 good
      "P1,2023-01-02,transfer,1\n"       // 3 unknown event
      "P1,2023-01-03,allocate,9\n"       // 4 cluster 9
      "P1,2023-01-04,allocate,22\n"      // 5 cluster 22
      "P1,2023-01-05,allocate,\n"        // 6 no cluster
      "P1,2023-02-29,allocate,1\n"       // 7 not a date
      ",2023-01-06,allocate,1\n"         // 8 no patient
      "P1,2023-01-07,allocate\n"         // 9 ragged
      "P1,2023-01-08,allocate,1,2\n"     // 10 ragged
      "P1,2023-13-01,discharge,\n"       // 11 not a date
      "P1,2023-01-09,discharge,\n"       // 12 good
      "P2,2023-01-10,allocate,21\n"      // 13 good
      "P2,2023-01-11,allocate,x\n"       // 14 not a cluster
      "\n"                               // 15 blank, skipped
      "P3,2023-01-12,allocate,0\n"       // 16 good
      ",2023-02-30,bogus,9\n"            // 17 three problems
      "P4,2023-01-01,allocate,-1\n");    // 18 negative cluster
  std::map<int64_t, std::string> errors;
  std::vector<int64_t> good;
  for (const EventRow& r : rows) {
    EXPECT_EQ(r.line, r.event.line);
    if (r.error.empty()) {
      good.push_back(r.line);
    } else {
      errors[r.line] = r.error;
    }
  }
  EXPECT_EQ(good, (std::vector<int64_t>{2, 12, 13, 16}));
  ASSERT_EQ(errors.size(), 12u);
  EXPECT_THAT(errors[3], AllOf(HasSubstr("event"), HasSubstr("transfer")));
  EXPECT_THAT(errors[4], HasSubstr("cluster"));
  EXPECT_THAT(errors[5], HasSubstr("cluster"));
  EXPECT_THAT(errors[6], AllOf(HasSubstr("cluster"), HasSubstr("missing")));
  EXPECT_THAT(errors[7], HasSubstr("date"));
  EXPECT_THAT(errors[8], HasSubstr("patient_id"));
  EXPECT_THAT(errors[9], HasSubstr("fields"));
  EXPECT_THAT(errors[10], HasSubstr("fields"));
  EXPECT_THAT(errors[11], HasSubstr("date"));
  EXPECT_THAT(errors[14], HasSubstr("cluster"));
  EXPECT_THAT(errors[17], AllOf(HasSubstr("patient_id"), HasSubstr("date"),
                                HasSubstr("event")));
  EXPECT_THAT(errors[18], HasSubstr("cluster"));
  // Rejected rows still name their patient, for the rejects file.
  EXPECT_EQ(rows[1].event.patient_id, "P1");
  EXPECT_EQ(rows[2].event.patient_id, "P1");

  // The good rows are read in full.
  EXPECT_EQ(rows[0].event.cluster.code(), 1);
  EXPECT_EQ(rows[10].event.kind, EventKind::kDischarge);
  EXPECT_EQ(rows[10].event.date, D(2023, 1, 9));
  EXPECT_EQ(rows[11].event.cluster.code(), 21);
  EXPECT_EQ(rows[13].event.patient_id, "P3");
  EXPECT_EQ(rows[13].event.cluster.code(), 0);
}

TEST(PeriodStageEventCsv, LinesCountMultiLineFields) {
  const std::vector<EventRow> rows = ReadAll(
      "patient_id,date,event,cluster\n"
      "\"P\n1\",2023-01-01,allocate,1\n"
      "P2,2023-01-01,allocate,2\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].event.patient_id, "P\n1");
  EXPECT_EQ(rows[1].line, 4);
}

}  // namespace
}  // namespace mhpbr
