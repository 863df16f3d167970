// mhpbr_periods_build through the C API: a serialized mhpbr.v1.PeriodRequest
// built here with the generated classes, sent through libmhpbr.so by
// periods_capi_driver (a C program, in its own process), and the response
// parsed and compared with BuildPeriods.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "capi/rich_runs.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "mhpbr/dates.h"
#include "mhpbr/period_builder.h"
#include "mhpbr/period_summary.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/v1/periods.pb.h"
#include "periods_test_util.h"
#include "run_process.h"

namespace mhpbr {
namespace {

using periods_test::D;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kInvalidArgument = 3;  // MHPBR_INVALID_ARGUMENT

struct CallResult {
  int code = -1;
  std::string error;
  v1::PeriodResponse response;
};

// Sends `request` bytes through the C API in the driver process.
CallResult Call(const std::string& request_bytes,
                const std::string& rules_file = "") {
  CallResult r;
  const std::string in = periods_test::TempPath("request.bin");
  const std::string out = periods_test::TempPath("response.bin");
  periods_test::WriteFile(in, request_bytes);
  std::vector<std::string> argv = {MHPBR_CAPI_DRIVER, "build", in, out};
  if (!rules_file.empty()) argv.push_back(rules_file);
  const periods_test::ProcessResult p = periods_test::RunProcess(argv);
  // 0 also means the leak sanitizer found nothing, when it runs.
  EXPECT_EQ(p.exit_code, 0) << p.err;
  for (absl::string_view line : absl::StrSplit(p.out, '\n')) {
    if (absl::ConsumePrefix(&line, "code=")) {
      r.code = std::stoi(std::string(line));
    } else if (absl::ConsumePrefix(&line, "error=")) {
      r.error = std::string(line);
    } else if (!line.empty()) {
      ADD_FAILURE() << "driver: " << line;
    }
  }
  if (r.code == 0) {
    EXPECT_TRUE(r.response.ParseFromString(periods_test::Slurp(out)));
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  return r;
}

void AddEvent(v1::PeriodRequest& req, const std::string& patient,
              const std::string& date, v1::EventKind kind, int cluster = 0,
              int64_t line = 0) {
  v1::PeriodEvent* e = req.add_events();
  e->set_patient_id(patient);
  e->set_date(date);
  e->set_kind(kind);
  e->set_cluster(cluster);
  e->set_line(line);
}

std::string Row(const v1::ClusterPeriod& p) {
  return absl::StrCat(p.patient_id(), ",", p.cluster(), ",", p.start(), ",",
                      p.end(), ",", p.days(), ",", p.review_due(), ",",
                      p.overdue_days(), ",", p.transition_ok() ? "y" : "n", ",",
                      p.superseded(), ",", p.reviews());
}

std::string Row(const ClusterPeriod& p) {
  return absl::StrCat(
      p.patient_id, ",", p.cluster.code(), ",", FormatIsoDate(p.start), ",",
      p.end ? FormatIsoDate(*p.end) : "", ",", p.days, ",",
      FormatIsoDate(p.review_due), ",", p.overdue_days, ",",
      p.transition_ok ? "y" : "n", ",", p.superseded, ",", p.reviews);
}

std::string Totals(int64_t periods, int64_t days, int64_t overdue) {
  return absl::StrCat(periods, "/", days, "/", overdue);
}
std::string Totals(const v1::PeriodTotals& t) {
  return Totals(t.periods(), t.days(), t.overdue_periods());
}
std::string Totals(const PeriodTotals& t) {
  return Totals(t.periods, t.days, t.overdue_periods);
}

// A request and the same events for BuildPeriods.
struct Case {
  v1::PeriodRequest request;
  std::vector<PeriodEvent> events;

  void Alloc(const std::string& patient, absl::CivilDay date, int cluster) {
    AddEvent(request, patient, FormatIsoDate(date), v1::ALLOCATE, cluster);
    events.push_back(periods_test::Alloc(
        patient, date, cluster, static_cast<int64_t>(events.size()) + 1));
  }
  void Discharge(const std::string& patient, absl::CivilDay date) {
    AddEvent(request, patient, FormatIsoDate(date), v1::DISCHARGE);
    events.push_back(periods_test::Discharge(
        patient, date, static_cast<int64_t>(events.size()) + 1));
  }
};

Case Typical() {
  Case c;
  c.request.set_as_of("2023-12-31");
  c.Alloc("P2", D(2023, 2, 1), 14);
  c.Alloc("P1", D(2023, 1, 10), 1);
  c.Alloc("P1", D(2023, 3, 1), 4);
  c.Discharge("P2", D(2023, 4, 10));
  c.Alloc("P1", D(2023, 6, 1), 4);  // review
  c.Alloc("P3", D(2023, 5, 5), 3);
  c.Alloc("P3", D(2023, 5, 5), 5);   // supersedes 3
  c.Discharge("P3", D(2023, 5, 1));  // no open period: error
  c.Alloc("P10", D(2024, 1, 1), 2);  // after as_of
  c.Alloc("P2", D(2023, 5, 1), 0);
  return c;
}

void ExpectMatchesBuildPeriods(const Case& c, const v1::PeriodResponse& got,
                               const RuleSet& rules,
                               const TransitionTable& table) {
  auto as_of = ParseIsoDate(c.request.as_of());
  ASSERT_TRUE(as_of.ok());
  const PeriodBuild want = BuildPeriods(c.events, *as_of, rules, table);
  std::vector<std::string> got_rows, want_rows;
  for (const auto& p : got.periods()) got_rows.push_back(Row(p));
  for (const auto& p : want.periods) want_rows.push_back(Row(p));
  EXPECT_EQ(got_rows, want_rows);
  std::vector<std::string> got_errors, want_errors;
  for (const auto& e : got.errors()) {
    got_errors.push_back(
        absl::StrCat(e.line(), ",", e.patient_id(), ",", e.reason()));
  }
  for (const auto& e : want.errors) {
    want_errors.push_back(
        absl::StrCat(e.line, ",", e.patient_id, ",", e.reason));
  }
  EXPECT_EQ(got_errors, want_errors);
  EXPECT_EQ(got.events_used(), want.events_used);
  EXPECT_EQ(got.events_after_as_of(), want.events_after_as_of);
  EXPECT_EQ(got.superseded(), want.superseded);
  const PeriodSummary s = SummarisePeriods(want.periods);
  std::vector<std::string> got_by, want_by;
  for (const auto& t : got.by_patient()) {
    got_by.push_back(absl::StrCat(t.patient_id(), ":", Totals(t.totals())));
  }
  for (const auto& [k, t] : s.by_patient) {
    want_by.push_back(absl::StrCat(k, ":", Totals(t)));
  }
  EXPECT_EQ(got_by, want_by);
  got_by.clear();
  want_by.clear();
  for (const auto& t : got.by_cluster()) {
    got_by.push_back(absl::StrCat(t.cluster(), ":", Totals(t.totals())));
  }
  for (const auto& [k, t] : s.by_cluster) {
    want_by.push_back(absl::StrCat(k, ":", Totals(t)));
  }
  EXPECT_EQ(got_by, want_by);
  EXPECT_EQ(Totals(got.all()), Totals(s.all));
}

TEST(PeriodStageCapi, ResponseMatchesBuildPeriods) {
  const Case c = Typical();
  const CallResult r = Call(c.request.SerializeAsString());
  ASSERT_EQ(r.code, 0) << r.error;
  EXPECT_EQ(r.error, "(null)");
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok());
  ExpectMatchesBuildPeriods(c, r.response, **rules, (*rules)->transitions());

  // By hand: P1 1 (10 Jan-28 Feb), P1 4 (1 Mar, reviewed 1 Jun, open);
  // P2 14 (1 Feb-10 Apr), P2 0 (1 May, open); P3 5 (5 May, open, one
  // superseded).
  std::vector<std::string> rows;
  for (const auto& p : r.response.periods()) rows.push_back(Row(p));
  EXPECT_THAT(rows,
              ElementsAre("P1,1,2023-01-10,2023-02-28,50,2023-04-04,0,y,0,0",
                          "P1,4,2023-03-01,,306,2023-12-01,30,y,0,1",
                          "P2,14,2023-02-01,2023-04-10,69,2023-03-01,40,y,0,0",
                          "P2,0,2023-05-01,,245,2023-11-01,60,y,0,0",
                          "P3,5,2023-05-05,,241,2023-11-05,56,y,1,0"));
  ASSERT_EQ(r.response.errors_size(), 1);
  EXPECT_EQ(r.response.errors(0).line(), 8);
  EXPECT_EQ(r.response.errors(0).patient_id(), "P3");
  EXPECT_EQ(r.response.events_after_as_of(), 1);
  EXPECT_EQ(r.response.superseded(), 1);
  EXPECT_EQ(r.response.events_used(), 7);
  EXPECT_EQ(Totals(r.response.all()), Totals(5, 911, 4));
}

TEST(PeriodStageCapi, SameAsTheLibraryRunner) {
  const Case c = Typical();
  const CallResult r = Call(c.request.SerializeAsString());
  ASSERT_EQ(r.code, 0) << r.error;
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok());
  auto want = capi::RunPeriods(**rules, c.request);
  ASSERT_TRUE(want.ok()) << want.status();
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(r.response, *want))
      << r.response.DebugString() << "\nvs\n"
      << want->DebugString();
}

// The wire events' team, provider and commissioner reach the periods: of
// the allocation that opened each (a review naming others changes nothing).
TEST(PeriodStageCapi, TeamProviderCommissionerOfTheOpeningAllocation) {
  v1::PeriodRequest req;
  req.set_as_of("2023-12-31");
  AddEvent(req, "P1", "2023-01-10", v1::ALLOCATE, 4);
  req.mutable_events(0)->set_team("T1");
  req.mutable_events(0)->set_provider("RX1");
  req.mutable_events(0)->set_commissioner("C1");
  AddEvent(req, "P1", "2023-03-01", v1::ALLOCATE, 4);
  req.mutable_events(1)->set_team("T2");
  AddEvent(req, "P1", "2023-05-01", v1::ALLOCATE, 5);
  const CallResult r = Call(req.SerializeAsString());
  ASSERT_EQ(r.code, 0) << r.error;
  ASSERT_EQ(r.response.periods_size(), 2);
  EXPECT_EQ(r.response.periods(0).team(), "T1");
  EXPECT_EQ(r.response.periods(0).provider(), "RX1");
  EXPECT_EQ(r.response.periods(0).commissioner(), "C1");
  EXPECT_EQ(r.response.periods(1).team(), "");
  EXPECT_EQ(r.response.periods(1).commissioner(), "");
}

TEST(PeriodStageCapi, RulesFileDayCountApplies) {
  const std::string path = periods_test::TempPath("mhsds_rules.textproto");
  periods_test::WriteFile(
      path, periods_test::TestRulesText() + "\nday_count: MHSDS\n");
  Case c;
  c.request.set_as_of("2023-12-31");
  c.Alloc("P", D(2023, 2, 1), 14);
  c.Discharge("P", D(2023, 4, 10));
  const CallResult r = Call(c.request.SerializeAsString(), path);
  std::remove(path.c_str());
  ASSERT_EQ(r.code, 0) << r.error;
  ASSERT_EQ(r.response.periods_size(), 1);
  EXPECT_EQ(r.response.periods(0).days(), 68);
}

TEST(PeriodStageCapi, MalformedEventsComeBackAsErrors) {
  v1::PeriodRequest req;
  req.set_as_of("2023-12-31");
  AddEvent(req, "P1", "2023-01-01", v1::ALLOCATE, 3);             // 1 good
  AddEvent(req, "P1", "2023-02-29", v1::ALLOCATE, 4);             // 2 bad date
  AddEvent(req, "P2", "2023-03-01", v1::ALLOCATE, 2);             // 3 good
  AddEvent(req, "P2", "2023-04-01", v1::ALLOCATE, 9);             // 4 cluster 9
  AddEvent(req, "P2", "2023-05-01", v1::EVENT_KIND_UNSPECIFIED);  // 5
  AddEvent(req, "", "2023-05-01", v1::ALLOCATE, 1);         // 6 no patient
  AddEvent(req, "P3", "1 May 2023", v1::DISCHARGE, 0, 77);  // own line 77
  AddEvent(req, "P2", "2023-06-01", v1::DISCHARGE);         // 8 good
  AddEvent(req, "P2", "2023-07-01", v1::DISCHARGE);         // 9 no period
  AddEvent(req, "P1", "2023-08-01", v1::ALLOCATE, 22);      // 10 cluster 22
  const CallResult r = Call(req.SerializeAsString());
  ASSERT_EQ(r.code, 0) << r.error;
  std::vector<std::string> errors;
  std::map<int64_t, std::string> reasons;
  for (const auto& e : r.response.errors()) {
    errors.push_back(absl::StrCat(e.line(), ":", e.patient_id()));
    reasons[e.line()] = e.reason();
  }
  EXPECT_THAT(errors, ElementsAre("2:P1", "4:P2", "5:P2", "6:", "9:P2", "10:P1",
                                  "77:P3"));
  EXPECT_THAT(reasons[2], HasSubstr("date"));
  EXPECT_THAT(reasons[4], HasSubstr("cluster"));
  EXPECT_THAT(reasons[5], HasSubstr("kind"));
  EXPECT_THAT(reasons[6], HasSubstr("patient_id"));
  EXPECT_THAT(reasons[9], HasSubstr("discharge"));
  EXPECT_THAT(reasons[10], HasSubstr("cluster"));
  EXPECT_THAT(reasons[77], HasSubstr("date"));
  // The good events are used: P1 3 open; P2 2 from 1 Mar to 1 Jun.
  std::vector<std::string> rows;
  for (const auto& p : r.response.periods()) rows.push_back(Row(p));
  EXPECT_THAT(rows,
              ElementsAre("P1,3,2023-01-01,,365,2023-07-01,183,y,0,0",
                          "P2,2,2023-03-01,2023-06-01,93,2023-06-14,0,y,0,0"));
  EXPECT_EQ(r.response.events_used(), 3);
}

TEST(PeriodStageCapi, RequestTransitionTable) {
  Case c;
  c.request.set_as_of("2023-12-31");
  c.Alloc("A", D(2023, 1, 1), 1);
  c.Alloc("A", D(2023, 2, 1), 3);
  c.Alloc("B", D(2023, 1, 1), 1);
  c.Alloc("B", D(2023, 2, 1), 2);
  c.Alloc("C", D(2023, 1, 1), 1);
  c.Alloc("C", D(2023, 2, 1), 0);
  v1::TransitionRow* row = c.request.mutable_transitions()->add_rows();
  row->set_from(1);
  row->add_to(2);
  const CallResult r = Call(c.request.SerializeAsString());
  ASSERT_EQ(r.code, 0) << r.error;
  std::vector<std::string> flags;
  for (const auto& p : r.response.periods()) {
    flags.push_back(absl::StrCat(p.patient_id(), p.cluster(),
                                 p.transition_ok() ? "y" : "n"));
  }
  EXPECT_THAT(flags, ElementsAre("A1y", "A3n", "B1y", "B2y", "C1y", "C0y"));
  auto rules = DefaultRuleSet();
  ASSERT_TRUE(rules.ok());
  auto table = TransitionTable::FromMoves({{1, {2}}});
  ASSERT_TRUE(table.ok());
  ExpectMatchesBuildPeriods(c, r.response, **rules, *table);

  // allow_all in the request lifts the restriction again.
  c.request.mutable_transitions()->set_allow_all(true);
  const CallResult all = Call(c.request.SerializeAsString());
  ASSERT_EQ(all.code, 0) << all.error;
  for (const auto& p : all.response.periods()) EXPECT_TRUE(p.transition_ok());
}

TEST(PeriodStageCapi, GarbageBytesAreInvalidArgument) {
  for (const std::string& bytes : {std::string("not a protobuf at all\xff", 22),
                                   std::string("\x12\x05"
                                               "ab",
                                               4),
                                   std::string("\xff\xff\xff", 3)}) {
    const CallResult r = Call(bytes);
    EXPECT_EQ(r.code, kInvalidArgument);
    EXPECT_THAT(r.error, HasSubstr("PeriodRequest"));
  }
}

TEST(PeriodStageCapi, BadAsOfIsInvalidArgument) {
  for (const char* as_of : {"2023-02-29", "2023-13-01", "31/12/2023", ""}) {
    v1::PeriodRequest req;
    req.set_as_of(as_of);
    AddEvent(req, "P1", "2023-01-01", v1::ALLOCATE, 3);
    const CallResult r = Call(req.SerializeAsString());
    EXPECT_EQ(r.code, kInvalidArgument) << as_of;
    EXPECT_THAT(r.error, HasSubstr("as_of")) << as_of;
  }
}

TEST(PeriodStageCapi, BadTransitionTableIsInvalidArgument) {
  v1::PeriodRequest req;
  req.set_as_of("2023-12-31");
  v1::TransitionRow* row = req.mutable_transitions()->add_rows();
  row->set_from(9);
  row->add_to(1);
  const CallResult r = Call(req.SerializeAsString());
  EXPECT_EQ(r.code, kInvalidArgument);
  EXPECT_THAT(r.error, HasSubstr("9"));
}

TEST(PeriodStageCapi, NullArgumentsAreInvalidArgument) {
  const periods_test::ProcessResult p =
      periods_test::RunProcess({MHPBR_CAPI_DRIVER, "nulls"});
  EXPECT_EQ(p.exit_code, 0) << p.out << p.err;
  EXPECT_THAT(p.out, Not(HasSubstr("UNEXPECTED")));
  EXPECT_THAT(p.out, HasSubstr("null rules: code=3"));
  EXPECT_THAT(p.out, HasSubstr("good: code=0"));
}

}  // namespace
}  // namespace mhpbr
