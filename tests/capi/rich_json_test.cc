// The rich calls' JSON forms give exactly what the binary forms give, and
// mhpbr_report_build gives exactly what `mhpbr report` writes: every CSV
// figure and the HTML page, from the same data (examples/data) read by the
// library's own readers.

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/dates.h"
#include "mhpbr/event_csv.h"
#include "mhpbr/item.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/v1/care_package.pb.h"
#include "mhpbr/v1/costing.pb.h"
#include "mhpbr/v1/outcomes.pb.h"
#include "mhpbr/v1/periods.pb.h"
#include "mhpbr/v1/pricing.pb.h"
#include "mhpbr/v1/report.pb.h"
#include "tests/common/run_process.h"

namespace mhpbr {
namespace {

using test_process::RunProcess;
using test_process::Slurp;
using ::testing::HasSubstr;

std::string Source(const std::string& rel) {
  return std::string(MHPBR_SOURCE_DIR) + "/" + rel;
}

struct Rules {
  Rules() { EXPECT_EQ(mhpbr_rules_load_default(&rules, nullptr), MHPBR_OK); }
  ~Rules() { mhpbr_rules_destroy(rules); }
  mhpbr_rules* rules = nullptr;
};

using BinaryCall = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t,
                                  void**, size_t*, char**);
using JsonCall = mhpbr_code (*)(const mhpbr_rules*, const char*, size_t, char**,
                                size_t*, char**);

// Calls both forms with `request` and checks they agree; returns the
// response.
template <typename Response>
Response BothForms(BinaryCall binary, JsonCall json,
                   const google::protobuf::Message& request) {
  Rules r;
  const std::string bytes = request.SerializeAsString();
  void* out = nullptr;
  size_t out_size = 0;
  char* error = nullptr;
  EXPECT_EQ(
      binary(r.rules, bytes.data(), bytes.size(), &out, &out_size, &error),
      MHPBR_OK)
      << (error ? error : "");
  Response from_binary;
  EXPECT_TRUE(from_binary.ParseFromArray(out, static_cast<int>(out_size)));
  mhpbr_free(out);
  mhpbr_free(error);

  std::string text;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(request, &text).ok());
  char* json_out = nullptr;
  error = nullptr;
  EXPECT_EQ(
      json(r.rules, text.data(), text.size(), &json_out, &out_size, &error),
      MHPBR_OK)
      << (error ? error : "");
  Response from_json;
  if (json_out != nullptr) {
    EXPECT_EQ(std::strlen(json_out), out_size);
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(
                    std::string(json_out, out_size), &from_json)
                    .ok())
        << json_out;
  }
  mhpbr_free(json_out);
  mhpbr_free(error);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_binary,
                                                                 from_json))
      << from_binary.DebugString() << "\nvs\n"
      << from_json.DebugString();
  return from_binary;
}

template <typename Message>
Message TextFile(const std::string& path) {
  Message m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(Slurp(path), &m))
      << path;
  return m;
}

// The library's CSV readers over a file; the good rows only, unless
// `bad_too`.
template <typename Reader, typename Row>
void ReadRows(const std::string& path,
              const std::function<void(const Row&)>& use,
              bool bad_too = false) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr) << path;
  auto reader = Reader::Open(f, path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  Row row;
  while ((*reader)->Next(&row)) {
    if (bad_too || row.error.empty()) use(row);
  }
  std::fclose(f);
}

void AddPeriods(const std::string& path,
                google::protobuf::RepeatedPtrField<v1::PeriodToPrice>* out) {
  ReadRows<PeriodToPriceCsvReader, InputRow<PeriodToPrice>>(
      path, [&](const InputRow<PeriodToPrice>& row) {
        v1::PeriodToPrice* p = out->Add();
        p->set_patient_id(row.value.patient_id);
        p->set_cluster(row.value.cluster.code());
        p->set_start(FormatIsoDate(row.value.start));
        if (row.value.end) p->set_end(FormatIsoDate(*row.value.end));
      });
}

void AddActivity(const std::string& path,
                 google::protobuf::RepeatedPtrField<v1::ActivityRecord>* out) {
  ReadRows<ActivityCsvReader, InputRow<ActivityRecord>>(
      path,
      [&](const InputRow<ActivityRecord>& row) {
        if (!row.error.empty()) {
          // A row the tool rejects on reading: the request carries it as a
          // record the C API rejects too, so both count it.
          v1::ActivityRecord* p = out->Add();
          p->set_activity_id(row.id);
          p->set_date("not a date");
          return;
        }
        const ActivityRecord& a = row.value;
        v1::ActivityRecord* p = out->Add();
        p->set_activity_id(a.activity_id);
        p->set_patient_id(a.patient_id);
        p->set_date(FormatIsoDate(a.date));
        p->set_kind(a.kind == ActivityKind::kContact  ? v1::CONTACT
                    : a.kind == ActivityKind::kGroup  ? v1::GROUP
                    : a.kind == ActivityKind::kBedDay ? v1::BED_DAY
                                                      : v1::OTHER);
        p->set_staff_group(a.staff_group);
        p->set_minutes(a.minutes);
        p->set_ward(a.ward);
        p->set_count(a.count);
        p->set_attendees(a.attendees);
        p->set_cost_pence(a.cost_pence);
        p->set_team(a.team);
      },
      /*bad_too=*/true);
}

void AddAssessments(const std::string& path,
                    google::protobuf::RepeatedPtrField<v1::Assessment>* out) {
  ReadRows<AssessmentCsvReader, AssessmentRow>(
      path, [&](const AssessmentRow& row) {
        v1::Assessment* a = out->Add();
        a->set_assessment_id(row.record.assessment_id);
        a->set_patient_id(row.record.patient_id);
        a->set_date(FormatIsoDate(row.record.date));
        const MhctRatings& r = row.record.ratings;
        bool by_type = false;
        for (int t = 0; t < kItem8TypeCount; ++t) {
          by_type |= r.item8_type(static_cast<Item8Type>(t)) != kNotKnown;
        }
        for (int i = 0; i < kItemCount; ++i) {
          const Item item = ItemAt(i);
          if (item == Item::kOtherProblems && by_type) {
            for (int t = 0; t < kItem8TypeCount; ++t) {
              const auto type = static_cast<Item8Type>(t);
              v1::ItemRating* x = a->add_ratings();
              x->set_item(std::string(Item8TypeCode(type)));
              x->set_rating(r.item8_type(type));
            }
            continue;
          }
          v1::ItemRating* x = a->add_ratings();
          x->set_item(std::string(ItemCode(item)));
          x->set_rating(r.rating(item));
        }
        a->set_organic(static_cast<v1::Answer>(r.organic()));
        a->set_psychosis(static_cast<v1::Answer>(r.psychosis()));
        if (r.allocated()) a->set_allocated_cluster(r.allocated()->code());
      });
}

void AddEvents(const std::string& path,
               google::protobuf::RepeatedPtrField<v1::PeriodEvent>* out) {
  ReadRows<EventCsvReader, EventRow>(path, [&](const EventRow& row) {
    v1::PeriodEvent* e = out->Add();
    e->set_patient_id(row.event.patient_id);
    e->set_date(FormatIsoDate(row.event.date));
    e->set_line(row.event.line);
    if (row.event.kind == EventKind::kAllocate) {
      e->set_kind(v1::ALLOCATE);
      e->set_cluster(row.event.cluster.code());
    } else {
      e->set_kind(v1::DISCHARGE);
    }
    e->set_team(row.event.team);
    e->set_provider(row.event.provider);
    e->set_commissioner(row.event.commissioner);
  });
}

v1::ReportRequest ExampleReportRequest() {
  v1::ReportRequest request;
  request.set_as_of("2024-03-31");
  *request.mutable_unit_costs() =
      TextFile<v1::UnitCosts>(Source("lib/rules/example_unit_costs.textproto"));
  AddPeriods(Source("examples/data/periods.csv"), request.mutable_periods());
  AddActivity(Source("examples/data/activity.csv"), request.mutable_activity());
  AddAssessments(Source("examples/data/assessments.csv"),
                 request.mutable_assessments());
  AddEvents(Source("examples/data/events.csv"), request.mutable_events());
  return request;
}

TEST(RichJson, PeriodsPriceCostTariffsPackagesAgreeWithBinary) {
  v1::PeriodRequest periods;
  periods.set_as_of("2024-03-31");
  ReadRows<EventCsvReader, EventRow>(
      Source("examples/data/events.csv"), [&](const EventRow& row) {
        v1::PeriodEvent* e = periods.add_events();
        e->set_patient_id(row.event.patient_id);
        e->set_date(FormatIsoDate(row.event.date));
        e->set_kind(row.event.kind == EventKind::kAllocate ? v1::ALLOCATE
                                                           : v1::DISCHARGE);
        e->set_cluster(row.event.cluster.code());
      });
  const auto built = BothForms<v1::PeriodResponse>(
      mhpbr_periods_build, mhpbr_periods_build_json, periods);
  EXPECT_GT(built.periods_size(), 10);

  v1::PriceRequest price;
  *price.mutable_contract() =
      TextFile<v1::Contract>(Source("examples/data/contract.textproto"));
  AddPeriods(Source("examples/data/periods.csv"), price.mutable_periods());
  ReadRows<PeriodToPriceCsvReader, InputRow<PeriodToPrice>>(
      Source("examples/data/periods.csv"),
      [&](const InputRow<PeriodToPrice>& row) {
        v1::TariffEntry* e = price.mutable_tariff()->add_entries();
        e->set_cluster(row.value.cluster.code());
        e->set_basis(v1::BASIS_DAY);
        e->set_price_pence(10000 + 100 * row.value.cluster.code());
      });
  // One entry per cluster.
  auto* entries = price.mutable_tariff()->mutable_entries();
  std::sort(entries->begin(), entries->end(),
            [](const v1::TariffEntry& a, const v1::TariffEntry& b) {
              return a.cluster() < b.cluster();
            });
  entries->erase(
      std::unique(entries->begin(), entries->end(),
                  [](const v1::TariffEntry& a, const v1::TariffEntry& b) {
                    return a.cluster() == b.cluster();
                  }),
      entries->end());
  const auto statement =
      BothForms<v1::Statement>(mhpbr_price, mhpbr_price_json, price);
  EXPECT_GT(statement.lines_size(), 10);

  v1::CostRequest cost;
  cost.set_as_of("2024-03-31");
  *cost.mutable_unit_costs() =
      TextFile<v1::UnitCosts>(Source("lib/rules/example_unit_costs.textproto"));
  AddPeriods(Source("examples/data/periods.csv"), cost.mutable_periods());
  AddActivity(Source("examples/data/activity.csv"), cost.mutable_activity());
  const auto costed =
      BothForms<v1::CostResponse>(mhpbr_cost, mhpbr_cost_json, cost);
  EXPECT_GT(costed.total_pence(), 0);

  v1::TariffRequest tariff;
  tariff.mutable_settings()->set_min_periods(1);
  for (const v1::CostedPeriod& p : costed.periods()) {
    v1::CostSample* s = tariff.add_samples();
    s->set_cluster(p.cluster());
    s->set_days(p.days());
    s->set_cost_pence(p.cost_pence());
  }
  const auto set = BothForms<v1::TariffResponse>(
      mhpbr_set_tariffs, mhpbr_set_tariffs_json, tariff);
  EXPECT_GT(set.evidence_size(), 0);

  const auto packages = BothForms<v1::PackageCostResponse>(
      mhpbr_package_cost, mhpbr_package_cost_json, v1::PackageCostRequest());
  EXPECT_EQ(packages.costs_size(), 21);

  v1::PlanRequest plan;
  *plan.mutable_plan() =
      TextFile<v1::PersonalPlan>(Source("examples/data/plan.textproto"));
  const auto planned = BothForms<v1::PlanResponse>(
      mhpbr_package_plan, mhpbr_package_plan_json, plan);
  EXPECT_GT(planned.notional_budget_pence(), 0);

  BothForms<v1::ReportResponse>(mhpbr_report_build, mhpbr_report_build_json,
                                ExampleReportRequest());
}

TEST(RichJson, MalformedJsonNamesTheProblem) {
  Rules r;
  char* out = reinterpret_cast<char*>(1);
  size_t size = 7;
  char* error = nullptr;
  const std::string unknown = R"({"as_of": "2024-03-31", "evnts": []})";
  EXPECT_EQ(mhpbr_periods_build_json(r.rules, unknown.data(), unknown.size(),
                                     &out, &size, &error),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(size, 0u);
  ASSERT_NE(error, nullptr);
  EXPECT_THAT(error, HasSubstr("mhpbr.v1.PeriodRequest"));
  EXPECT_THAT(error, HasSubstr("evnts"));
  mhpbr_free(error);

  const std::string wrong_type = R"({"as_of": 7})";
  error = nullptr;
  EXPECT_EQ(mhpbr_cost_json(r.rules, wrong_type.data(), wrong_type.size(), &out,
                            &size, &error),
            MHPBR_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  EXPECT_THAT(error, HasSubstr("as_of"));
  mhpbr_free(error);

  const std::string cut = R"({"as_of": "2024-)";
  EXPECT_EQ(mhpbr_report_build_json(r.rules, cut.data(), cut.size(), &out,
                                    &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  // A stage error comes through the JSON form as through the binary one.
  const std::string bad_date = R"({"as_of": "2024-02-30"})";
  error = nullptr;
  EXPECT_EQ(mhpbr_report_build_json(r.rules, bad_date.data(), bad_date.size(),
                                    &out, &size, &error),
            MHPBR_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  EXPECT_THAT(error, HasSubstr("as_of"));
  mhpbr_free(error);
  EXPECT_EQ(mhpbr_price_json(nullptr, "{}", 2, &out, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_price_json(r.rules, nullptr, 2, &out, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_price_json(r.rules, "{}", 2, nullptr, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
}

// The report from the C API is the one the tool writes, figure for figure.
TEST(ReportBuild, SameFiguresAndPageAsTheTool) {
  std::string dir = test_process::TempPath("report_build_XXXXXX");
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const auto tool = RunProcess(
      {MHPBR_TOOL_PATH, "report", "--periods",
       Source("examples/data/periods.csv"), "--activity",
       Source("examples/data/activity.csv"), "--unit-costs",
       Source("lib/rules/example_unit_costs.textproto"), "--as-of",
       "2024-03-31", "--assessments", Source("examples/data/assessments.csv"),
       "--events", Source("examples/data/events.csv"), "--out",
       dir + "/report.html", "--csv-dir", dir + "/csv"});
  ASSERT_EQ(tool.exit_code, 0) << tool.err;

  Rules r;
  const std::string bytes = ExampleReportRequest().SerializeAsString();
  void* out = nullptr;
  size_t size = 0;
  char* error = nullptr;
  ASSERT_EQ(mhpbr_report_build(r.rules, bytes.data(), bytes.size(), &out, &size,
                               &error),
            MHPBR_OK)
      << error;
  v1::ReportResponse response;
  ASSERT_TRUE(response.ParseFromArray(out, static_cast<int>(size)));
  mhpbr_free(out);

  EXPECT_EQ(response.html(), Slurp(dir + "/report.html"));
  std::vector<std::string> names;
  for (const v1::ReportTable& t : response.tables()) {
    names.push_back(t.name());
    std::string csv = absl::StrJoin(t.columns(), ",") + "\n";
    for (const v1::ReportRow& row : t.rows()) {
      csv += absl::StrJoin(row.cells(), ",") + "\n";
    }
    EXPECT_EQ(csv, Slurp(dir + "/csv/" + t.name())) << t.name();
  }
  // With events and assessments, the outcomes too; always the moves, the
  // cluster mix and the SPC series, and with assessments the agreement.
  EXPECT_THAT(names,
              ::testing::ElementsAre(
                  "homogeneity.csv", "summary.csv", "coverage_by_team.csv",
                  "red_items.csv", "outcomes_by_cluster.csv",
                  "outcome_indicators.csv", "agreement.csv", "transitions.csv",
                  "cluster_mix.csv", "spc_points.csv", "spc_summary.csv"));
  // The rows the tool rejects for a reason the request can carry (an
  // unknown staff group; an event the builder cannot use) come back as
  // errors.
  EXPECT_GT(response.errors_size(), 0);

  // Without the page.
  v1::ReportRequest no_html = ExampleReportRequest();
  no_html.set_no_html(true);
  const std::string small = no_html.SerializeAsString();
  ASSERT_EQ(mhpbr_report_build(r.rules, small.data(), small.size(), &out, &size,
                               nullptr),
            MHPBR_OK);
  v1::ReportResponse tables_only;
  ASSERT_TRUE(tables_only.ParseFromArray(out, static_cast<int>(size)));
  mhpbr_free(out);
  EXPECT_TRUE(tables_only.html().empty());
  EXPECT_EQ(tables_only.tables_size(), response.tables_size());
  RunProcess({"/bin/rm", "-rf", dir});
}

// The outcomes from the C API are those `mhpbr outcomes` writes, row for
// row, from the same data read by the library's readers.
TEST(OutcomesMeasure, SameAsTheTool) {
  const std::string data = Source("tests/data/outcomes");
  std::string dir = test_process::TempPath("outcomes_XXXXXX");
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const auto tool =
      RunProcess({MHPBR_TOOL_PATH, "outcomes", "--events", data + "/events.csv",
                  "--assessments", data + "/assessments.csv", "--activity",
                  data + "/activity.csv", "--as-of", "2023-12-31", "--out",
                  dir + "/out.csv", "--indicators", dir + "/indicators.csv",
                  "--by-cluster", dir + "/by_cluster.csv"});
  ASSERT_EQ(tool.exit_code, 0) << tool.err;

  v1::OutcomesRequest request;
  request.set_as_of("2023-12-31");
  AddEvents(data + "/events.csv", request.mutable_events());
  AddAssessments(data + "/assessments.csv", request.mutable_assessments());
  AddActivity(data + "/activity.csv", request.mutable_activity());
  const auto response = BothForms<v1::OutcomesResponse>(
      mhpbr_outcomes_measure, mhpbr_outcomes_measure_json, request);

  auto opt = [](bool has, int64_t v) {
    return has ? absl::StrCat(v) : std::string();
  };
  std::string out =
      "patient_id,cluster,start,end,status,start_assessment,start_date,"
      "start_total,follow_up_assessment,follow_up_date,follow_up_total,"
      "change,change_behaviour,change_impairment,change_symptoms,"
      "change_social,outcome,clinically_significant\n";
  for (const v1::PeriodOutcome& p : response.periods()) {
    const char* status = p.status() == v1::PAIRED     ? "paired"
                         : p.status() == v1::NO_START ? "no_start"
                                                      : "no_follow_up";
    const char* outcome = p.outcome() == v1::IMPROVED       ? "improved"
                          : p.outcome() == v1::DETERIORATED ? "deteriorated"
                          : p.outcome() == v1::NO_CHANGE    ? "no_change"
                                                            : "";
    absl::StrAppend(
        &out, p.patient_id(), ",", p.cluster(), ",", p.start(), ",", p.end(),
        ",", status, ",", p.start_assessment(), ",", p.start_date(), ",",
        opt(p.has_start_total(), p.start_total()), ",",
        p.follow_up_assessment(), ",", p.follow_up_date(), ",",
        opt(p.has_follow_up_total(), p.follow_up_total()), ",",
        opt(p.has_change(), p.change()), ",",
        opt(p.has_change_behaviour(), p.change_behaviour()), ",",
        opt(p.has_change_impairment(), p.change_impairment()), ",",
        opt(p.has_change_symptoms(), p.change_symptoms()), ",",
        opt(p.has_change_social(), p.change_social()), ",", outcome, ",",
        p.has_clinically_significant()
            ? (p.clinically_significant() ? "y" : "n")
            : "",
        "\n");
  }
  EXPECT_EQ(out, Slurp(dir + "/out.csv"));

  std::string indicators = "indicator,numerator,denominator,value_ppm\n";
  for (const v1::MeasuredIndicator& m : response.indicators()) {
    absl::StrAppend(&indicators, m.indicator(), ",", m.numerator(), ",",
                    m.denominator(), ",", opt(m.has_value_ppm(), m.value_ppm()),
                    "\n");
  }
  EXPECT_EQ(indicators, Slurp(dir + "/indicators.csv"));

  // by_cluster.csv's mean_change is change_sum / paired to 4 places.
  const std::vector<std::string> by_cluster =
      absl::StrSplit(Slurp(dir + "/by_cluster.csv"), '\n', absl::SkipEmpty());
  ASSERT_EQ(by_cluster.size(), response.by_cluster_size() + 1u);
  for (int i = 0; i < response.by_cluster_size(); ++i) {
    const v1::ClusterOutcomes& c = response.by_cluster(i);
    EXPECT_TRUE(absl::StartsWith(
        by_cluster[i + 1],
        absl::StrCat(c.cluster(), ",", c.periods(), ",", c.paired(), ",",
                     c.improved(), ",", c.no_change(), ",", c.deteriorated(),
                     ",")))
        << by_cluster[i + 1];
  }
  // The assessment without a patient is one of the errors, named.
  bool no_patient = false;
  for (const v1::RecordError& e : response.errors()) {
    no_patient |= absl::StrContains(e.reason(), "no_patient");
  }
  EXPECT_TRUE(no_patient);
  RunProcess({"/bin/rm", "-rf", dir});
}

// Fair comparison through the C API: the by-unit rows and strata are what
// `mhpbr outcomes --unit team --by-unit --write-reference` writes; a bad
// reference stratum or unit column is an error naming it.
TEST(OutcomesMeasure, FairComparisonSameAsTheTool) {
  const std::string data = Source("tests/data/outcomes");
  std::string dir = test_process::TempPath("fair_XXXXXX");
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const auto tool = RunProcess(
      {MHPBR_TOOL_PATH, "outcomes", "--events", data + "/units_events.csv",
       "--assessments", data + "/units_assessments.csv", "--as-of",
       "2023-12-31", "--out", dir + "/out.csv", "--unit", "team", "--by-unit",
       dir + "/by_unit.csv", "--write-reference", dir + "/reference.csv"});
  ASSERT_EQ(tool.exit_code, 0) << tool.err;

  v1::OutcomesRequest request;
  request.set_as_of("2023-12-31");
  request.set_unit_column("team");
  AddEvents(data + "/units_events.csv", request.mutable_events());
  AddAssessments(data + "/units_assessments.csv",
                 request.mutable_assessments());
  const auto response = BothForms<v1::OutcomesResponse>(
      mhpbr_outcomes_measure, mhpbr_outcomes_measure_json, request);
  std::string by_unit =
      "unit,periods,paired,improved,expected,ratio,low_998,low_95,high_95,"
      "high_998,flag,discharges,reallocated_90,reallocated_90_ppm\n";
  for (const v1::UnitComparison& u : response.by_unit()) {
    absl::StrAppend(
        &by_unit, u.unit(), ",", u.periods(), ",", u.paired(), ",",
        u.improved(), ",", u.expected(), ",", u.ratio(), ",", u.low_998(), ",",
        u.low_95(), ",", u.high_95(), ",", u.high_998(), ",", u.flag(), ",",
        u.discharges(), ",", u.reallocated_90(), ",",
        u.has_reallocated_90_ppm() ? absl::StrCat(u.reallocated_90_ppm()) : "",
        "\n");
  }
  EXPECT_EQ(by_unit, Slurp(dir + "/by_unit.csv"));
  std::string strata = "cluster,band,paired,improved\n";
  for (const v1::ReferenceStratum& r : response.strata()) {
    absl::StrAppend(&strata, r.cluster(), ",", r.band(), ",", r.paired(), ",",
                    r.improved(), "\n");
  }
  EXPECT_EQ(strata, Slurp(dir + "/reference.csv"));
  EXPECT_EQ(response.no_unit(), 1);
  EXPECT_EQ(response.unadjusted(), 0);

  // The strata given back as the reference, all but 4/0-10: B's period in
  // it is unadjusted.
  v1::OutcomesRequest again = request;
  for (const v1::ReferenceStratum& r : response.strata()) {
    if (r.cluster() == 4 && r.band() == "0-10") continue;
    *again.add_reference() = r;
  }
  const auto adjusted = BothForms<v1::OutcomesResponse>(
      mhpbr_outcomes_measure, mhpbr_outcomes_measure_json, again);
  EXPECT_EQ(adjusted.unadjusted(), 1);

  Rules r;
  for (const auto& [json, message] :
       {std::pair<std::string, std::string>{
            R"({"as_of": "2023-12-31", "unit_column": "team", )"
            R"("reference": [{"cluster": 4, "band": "22-30"}]})",
            "reference[0]: band: '22-30'"},
        {R"({"as_of": "2023-12-31", "unit_column": "ward"})",
         "unit_column: 'ward'"}}) {
    char* out = nullptr;
    size_t size = 0;
    char* error = nullptr;
    EXPECT_EQ(mhpbr_outcomes_measure_json(r.rules, json.data(), json.size(),
                                          &out, &size, &error),
              MHPBR_INVALID_ARGUMENT);
    ASSERT_NE(error, nullptr);
    EXPECT_THAT(error, HasSubstr(message));
    mhpbr_free(error);
  }
  RunProcess({"/bin/rm", "-rf", dir});
}

}  // namespace
}  // namespace mhpbr
