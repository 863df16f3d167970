// mhpbr_cost and mhpbr_set_tariffs through the C API: serialized requests
// built with the generated classes, responses equal to the C++ API's,
// errors naming the field, buffers freed with mhpbr_free.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/tariff_setting.h"
#include "mhpbr/v1/costing.pb.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;

class CapiCostingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, nullptr), MHPBR_OK);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  using Fn = mhpbr_code (*)(const mhpbr_rules*, const void*, size_t, void**,
                            size_t*, char**);

  template <typename Response>
  mhpbr_code Call(Fn fn, const std::string& bytes, Response* out,
                  std::string* message) {
    void* response = nullptr;
    size_t size = 0;
    char* error = nullptr;
    const mhpbr_code code =
        fn(rules_, bytes.data(), bytes.size(), &response, &size, &error);
    if (code == MHPBR_OK) {
      EXPECT_EQ(error, nullptr);
      EXPECT_TRUE(out->ParseFromArray(response, static_cast<int>(size)));
    } else {
      EXPECT_EQ(response, nullptr);
      if (error != nullptr) *message = error;
    }
    mhpbr_free(response);
    mhpbr_free(error);
    return code;
  }

  // The spec's three records plus edge cases, against P1 (cluster 3, 1-30
  // April 2023; cluster 4 open from 1 May) as of 30 June 2023.
  static v1::CostRequest CostRequest() {
    v1::CostRequest r;
    v1::UnitCosts* u = r.mutable_unit_costs();
    u->set_source("Trust costing return 2022/23");
    u->set_overhead_ppm(180000);
    v1::StaffRate* s = u->add_staff();
    s->set_code("nurse_b6");
    s->set_pence_per_hour(5200);
    s = u->add_staff();
    s->set_code("facilitator");
    s->set_pence_per_hour(6000);
    v1::WardRate* w = u->add_ward();
    w->set_code("acute_adult");
    w->set_pence_per_day(45500);
    r.set_as_of("2023-06-30");
    v1::PeriodToPrice* p = r.add_periods();
    p->set_patient_id("P1");
    p->set_cluster(3);
    p->set_start("2023-04-01");
    p->set_end("2023-04-30");
    p = r.add_periods();
    p->set_patient_id("P1");
    p->set_cluster(4);
    p->set_start("2023-05-01");
    auto add = [&](const char* id, const char* patient, const char* date,
                   v1::ActivityKind kind) {
      v1::ActivityRecord* a = r.add_activity();
      a->set_activity_id(id);
      a->set_patient_id(patient);
      a->set_date(date);
      a->set_kind(kind);
      return a;
    };
    v1::ActivityRecord* a = add("a1", "P1", "2023-04-01", v1::CONTACT);
    a->set_staff_group("nurse_b6");
    a->set_minutes(13);  // 1329
    a = add("a2", "P1", "2023-04-30", v1::GROUP);
    a->set_staff_group("facilitator");
    a->set_minutes(90);
    a->set_attendees(4);  // 2655
    a = add("a3", "P1", "2023-05-01", v1::BED_DAY);
    a->set_ward("acute_adult");
    a->set_count(3);  // 161070
    a = add("a4", "P1", "2023-03-31", v1::OTHER);
    a->set_cost_pence(100);  // 118, unclustered
    a = add("a5", "P9", "2023-05-01", v1::OTHER);
    a->set_cost_pence(1000);  // 1180, unknown patient
    a = add("a6", "P1", "2023-05-02", v1::CONTACT);
    a->set_staff_group("nobody");  // rejected
    a->set_minutes(10);
    a = add("a7", "P1", "2023-05-02", v1::ACTIVITY_KIND_UNSPECIFIED);
    a = add("a8", "P1", "2023-02-30", v1::OTHER);  // bad date
    a->set_cost_pence(1);
    a = add("a9", "P1", "2023-05-02", v1::CONTACT);
    a->set_staff_group("nurse_b6");
    a->set_minutes(-1);  // negative
    return r;
  }

  mhpbr_rules* rules_ = nullptr;
};

TEST_F(CapiCostingTest, CostsTheSpecsRecords) {
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(
      Call(&mhpbr_cost, CostRequest().SerializeAsString(), &res, &message),
      MHPBR_OK)
      << message;
  ASSERT_EQ(res.periods_size(), 2);
  EXPECT_EQ(res.periods(0).days(), 30);
  EXPECT_EQ(res.periods(0).records(), 2);
  EXPECT_EQ(res.periods(0).cost_pence(), 1329 + 2655);
  EXPECT_EQ(res.periods(1).days(), 61);
  EXPECT_EQ(res.periods(1).end(), "");
  EXPECT_EQ(res.periods(1).cost_pence(), 161070);
  EXPECT_EQ(res.records_read(), 9);
  EXPECT_EQ(res.records_rejected(), 4);
  EXPECT_EQ(res.clustered_records(), 3);
  EXPECT_EQ(res.clustered_pence(), 1329 + 2655 + 161070);
  EXPECT_EQ(res.unclustered_records(), 2);
  EXPECT_EQ(res.unclustered_pence(), 118 + 1180);
  EXPECT_EQ(res.unknown_patient_records(), 1);
  EXPECT_EQ(res.total_pence(), 1329 + 2655 + 161070 + 118 + 1180);
  ASSERT_EQ(res.errors_size(), 4);
  EXPECT_EQ(res.errors(0).line(), 6);
  EXPECT_EQ(res.errors(0).id(), "a6");
  EXPECT_THAT(res.errors(0).reason(), HasSubstr("staff_group"));
  EXPECT_THAT(res.errors(1).reason(), HasSubstr("kind"));
  EXPECT_EQ(res.errors(2).id(), "a8");
  EXPECT_THAT(res.errors(3).reason(), HasSubstr("minutes"));
  ASSERT_EQ(res.clusters_size(), 2);
  EXPECT_EQ(res.clusters(0).cluster(), 3);
  EXPECT_EQ(res.clusters(1).cluster(), 4);
  EXPECT_EQ(res.clusters(1).days(), 61);
}

TEST_F(CapiCostingTest, ManyRecordsAcrossBatchBoundaries) {
  // The nine records twenty times over (180, past several batches of 64):
  // twenty times each total, and the errors in record order, each naming
  // its own record.
  v1::CostRequest req = CostRequest();
  const v1::CostRequest one = req;
  for (int rep = 1; rep < 20; ++rep) {
    for (const v1::ActivityRecord& a : one.activity()) {
      *req.add_activity() = a;
    }
  }
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_cost, req.SerializeAsString(), &res, &message),
            MHPBR_OK)
      << message;
  EXPECT_EQ(res.records_read(), 180);
  EXPECT_EQ(res.records_rejected(), 80);
  EXPECT_EQ(res.clustered_records(), 60);
  EXPECT_EQ(res.clustered_pence(), 20 * (1329 + 2655 + 161070));
  EXPECT_EQ(res.unclustered_pence(), 20 * (118 + 1180));
  EXPECT_EQ(res.periods(0).records(), 40);
  ASSERT_EQ(res.errors_size(), 80);
  const int first_lines[] = {6, 7, 8, 9};
  for (int e = 0; e < 80; ++e) {
    const int line = first_lines[e % 4] + 9 * (e / 4);
    EXPECT_EQ(res.errors(e).line(), line);
    EXPECT_THAT(res.errors(e).reason(),
                HasSubstr(absl::StrCat("activity[", line - 1, "]")));
  }
}

TEST_F(CapiCostingTest, BadDateRecordNamesTheDate) {
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(
      Call(&mhpbr_cost, CostRequest().SerializeAsString(), &res, &message),
      MHPBR_OK);
  ASSERT_EQ(res.errors_size(), 4);
  EXPECT_THAT(res.errors(2).reason(), HasSubstr("activity[7]"));
  EXPECT_THAT(res.errors(2).reason(), HasSubstr("2023-02-30"));
  EXPECT_THAT(res.errors(2).reason(), HasSubstr("activity[7]: date: "));
}

TEST_F(CapiCostingTest, CostEqualsTheCppApi) {
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(
      Call(&mhpbr_cost, CostRequest().SerializeAsString(), &res, &message),
      MHPBR_OK);
  auto costs = UnitCosts::Create("Trust costing return 2022/23", 180000,
                                 {{"nurse_b6", 5200}, {"facilitator", 6000}},
                                 {{"acute_adult", 45500}});
  ASSERT_TRUE(costs.ok());
  PeriodToPrice a, b;
  a.patient_id = b.patient_id = "P1";
  a.cluster = Cluster::FromCode(3).value();
  a.start = absl::CivilDay(2023, 4, 1);
  a.end = absl::CivilDay(2023, 4, 30);
  b.cluster = Cluster::FromCode(4).value();
  b.start = absl::CivilDay(2023, 5, 1);
  auto coster =
      ActivityCoster::Create({a, b}, absl::CivilDay(2023, 6, 30), *costs);
  ASSERT_TRUE(coster.ok());
  ActivityRecord r;
  r.patient_id = "P1";
  r.date = absl::CivilDay(2023, 4, 1);
  r.staff_group = "nurse_b6";
  r.minutes = 13;
  ASSERT_TRUE(coster->Add(r).ok());
  r = ActivityRecord();
  r.patient_id = "P1";
  r.date = absl::CivilDay(2023, 4, 30);
  r.kind = ActivityKind::kGroup;
  r.staff_group = "facilitator";
  r.minutes = 90;
  r.attendees = 4;
  ASSERT_TRUE(coster->Add(r).ok());
  r = ActivityRecord();
  r.patient_id = "P1";
  r.date = absl::CivilDay(2023, 5, 1);
  r.kind = ActivityKind::kBedDay;
  r.ward = "acute_adult";
  r.count = 3;
  ASSERT_TRUE(coster->Add(r).ok());
  const std::vector<CostedPeriod> periods = coster->periods();
  ASSERT_EQ(static_cast<int>(periods.size()), res.periods_size());
  for (int i = 0; i < res.periods_size(); ++i) {
    EXPECT_EQ(periods[i].cost_pence, res.periods(i).cost_pence());
    EXPECT_EQ(periods[i].days, res.periods(i).days());
    EXPECT_EQ(periods[i].records, res.periods(i).records());
  }
  EXPECT_EQ(coster->totals().clustered_pence, res.clustered_pence());
}

TEST_F(CapiCostingTest, CostRequestErrors) {
  v1::CostResponse res;
  std::string message;
  EXPECT_EQ(
      Call(&mhpbr_cost, std::string("\x08\xff\xff garbage"), &res, &message),
      MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("CostRequest"));
  v1::CostRequest r = CostRequest();
  r.set_as_of("2023-13-01");
  EXPECT_EQ(Call(&mhpbr_cost, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("as_of"));
  r = CostRequest();
  *r.mutable_unit_costs()->add_staff() = r.unit_costs().staff(0);
  EXPECT_EQ(Call(&mhpbr_cost, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("nurse_b6"));
  r = CostRequest();
  r.mutable_periods(1)->set_cluster(22);
  EXPECT_EQ(Call(&mhpbr_cost, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("periods[1]"));
  // NULLs.
  void* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(mhpbr_cost(nullptr, "", 0, &out, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_cost(rules_, "", 0, nullptr, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_cost(rules_, "", 0, &out, nullptr, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(mhpbr_cost(rules_, nullptr, 3, &out, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
}

TEST_F(CapiCostingTest, CostOverflowIsOutOfRangeOrRejected) {
  // Two records of 4 * 10^18 p each (other, no overhead): the second would
  // overflow the total and is rejected as out of range, never wrapped.
  v1::CostRequest r;
  r.mutable_unit_costs()->set_source("s");
  r.set_as_of("2023-06-30");
  for (int i = 0; i < 3; ++i) {
    v1::ActivityRecord* a = r.add_activity();
    a->set_activity_id("big");
    a->set_patient_id("P");
    a->set_date("2023-05-01");
    a->set_kind(v1::OTHER);
    a->set_cost_pence(4000000000000000000);
  }
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_cost, r.SerializeAsString(), &res, &message), MHPBR_OK);
  EXPECT_EQ(res.total_pence(), 8000000000000000000);
  ASSERT_EQ(res.errors_size(), 1);
  EXPECT_THAT(res.errors(0).reason(), HasSubstr("overflow"));
}

v1::TariffRequest WorkedTariffRequest() {
  v1::TariffRequest r;
  r.mutable_settings()->set_iqr_k("1.5");
  r.mutable_settings()->set_uplift_ppm(25000);
  r.mutable_settings()->set_efficiency_ppm(11000);
  const int64_t data[][2] = {{120, 14}, {150, 30}, {180, 7},  {200, 28},
                             {240, 60}, {260, 10}, {300, 45}, {310, 20},
                             {330, 31}, {360, 9},  {1000, 5}};
  for (const auto& d : data) {
    v1::CostSample* s = r.add_samples();
    s->set_cluster(3);
    s->set_days(d[1]);
    s->set_cost_pence(d[0] * d[1]);
  }
  v1::CostSample* zero = r.add_samples();
  zero->set_cluster(0);
  zero->set_days(3);
  zero->set_cost_pence(30);
  return r;
}

TEST_F(CapiCostingTest, SetTariffsTheSpecsWorkedExample) {
  v1::TariffResponse res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_set_tariffs, WorkedTariffRequest().SerializeAsString(),
                 &res, &message),
            MHPBR_OK)
      << message;
  ASSERT_EQ(res.schedule().entries_size(), 1);
  EXPECT_EQ(res.schedule().entries(0).cluster(), 3);
  EXPECT_EQ(res.schedule().entries(0).basis(), v1::BASIS_DAY);
  EXPECT_EQ(res.schedule().entries(0).price_pence(), 252);
  ASSERT_EQ(res.evidence_size(), 2);
  EXPECT_EQ(res.evidence(0).cluster(), 0);
  EXPECT_EQ(res.evidence(0).status(), v1::EVIDENCE_VARIANCE);
  EXPECT_FALSE(res.evidence(0).has_price_day_pence());
  const v1::ClusterEvidence& e = res.evidence(1);
  EXPECT_EQ(e.periods(), 11);
  EXPECT_EQ(e.used(), 10);
  EXPECT_EQ(e.excluded(), 1);
  EXPECT_EQ(e.lower_fence(), "-5.0000");
  EXPECT_EQ(e.upper_fence(), "515.0000");
  EXPECT_EQ(e.mean_per_day(), "245.0000");
  EXPECT_EQ(e.median_per_day(), "250.0000");
  EXPECT_EQ(e.cv(), "0.3301");
  EXPECT_EQ(e.price_day_pence(), 252);
  EXPECT_EQ(e.price_period_pence(), 46116);
  EXPECT_EQ(e.price_year_pence(), 91980);
  EXPECT_EQ(e.status(), v1::EVIDENCE_PRICED);
}

TEST_F(CapiCostingTest, SetTariffsEqualsTheCppApi) {
  v1::TariffRequest req = WorkedTariffRequest();
  req.mutable_settings()->set_basis(v1::BASIS_PERIOD);
  req.mutable_settings()->set_iqr_k("0");
  v1::TariffResponse res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_set_tariffs, req.SerializeAsString(), &res, &message),
            MHPBR_OK);
  std::vector<CostSample> samples;
  for (const v1::CostSample& s : req.samples()) {
    samples.push_back(
        {Cluster::FromCode(s.cluster()).value(), s.days(), s.cost_pence()});
  }
  TariffSettings settings;
  settings.basis = Basis::kPeriod;
  settings.iqr_k = Fraction{0, 1};
  settings.uplift_ppm = 25000;
  settings.efficiency_ppm = 11000;
  auto cc = SetTariffs(samples, settings, *DefaultRuleSet().value());
  ASSERT_TRUE(cc.ok());
  ASSERT_EQ(static_cast<int>(cc->schedule.entries().size()),
            res.schedule().entries_size());
  EXPECT_EQ(cc->schedule.entries()[0].price_pence,
            res.schedule().entries(0).price_pence());
  // k = 0: 263 p/day (see tariff_setting_test), 263 * 183 = 48129.
  EXPECT_EQ(res.schedule().entries(0).price_pence(), 48129);
  EXPECT_EQ(res.schedule().entries(0).basis(), v1::BASIS_PERIOD);
  ASSERT_EQ(static_cast<int>(cc->evidence.size()), res.evidence_size());
  for (int i = 0; i < res.evidence_size(); ++i) {
    EXPECT_EQ(cc->evidence[i].used, res.evidence(i).used());
    EXPECT_EQ(cc->evidence[i].excluded, res.evidence(i).excluded());
  }
}

TEST_F(CapiCostingTest, SetTariffsErrors) {
  v1::TariffResponse res;
  std::string message;
  EXPECT_EQ(
      Call(&mhpbr_set_tariffs, std::string("\xff\xff\xff"), &res, &message),
      MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("TariffRequest"));
  v1::TariffRequest r = WorkedTariffRequest();
  r.mutable_settings()->set_iqr_k("1.2.3");
  EXPECT_EQ(Call(&mhpbr_set_tariffs, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("iqr_k"));
  r = WorkedTariffRequest();
  r.mutable_samples(4)->set_cluster(9);
  EXPECT_EQ(Call(&mhpbr_set_tariffs, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("samples[4]"));
  r = WorkedTariffRequest();
  r.mutable_samples(2)->set_days(-7);
  EXPECT_EQ(Call(&mhpbr_set_tariffs, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("sample 3"));
  r = WorkedTariffRequest();
  r.mutable_settings()->set_min_periods(-1);
  EXPECT_EQ(Call(&mhpbr_set_tariffs, r.SerializeAsString(), &res, &message),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(message, HasSubstr("min_periods"));
  void* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(mhpbr_set_tariffs(nullptr, "", 0, &out, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
}

// Admitted and community costs and prices through the wire. Period 1
// (cluster 4, open, to the as-of date 30 June) has the 3-night stay from
// 1 May: 3 admitted days of 61, 161070 admitted. Period 0 is all
// community, 1329 + 2655. A setting the wire does not know names `setting`.
TEST_F(CapiCostingTest, CostAndTariffsBySetting) {
  v1::CostRequest req = CostRequest();
  v1::CostResponse res;
  std::string message;
  ASSERT_EQ(Call(&mhpbr_cost, req.SerializeAsString(), &res, &message),
            MHPBR_OK)
      << message;
  ASSERT_EQ(res.periods_size(), 2);
  EXPECT_EQ(res.periods(0).admitted_days(), 0);
  EXPECT_EQ(res.periods(0).community_days(), 30);
  EXPECT_EQ(res.periods(0).community_pence(), 1329 + 2655);
  EXPECT_EQ(res.periods(1).admitted_days(), 3);
  EXPECT_EQ(res.periods(1).community_days(), 58);
  EXPECT_EQ(res.periods(1).admitted_pence(), 161070);
  EXPECT_EQ(res.periods(1).community_pence(), 0);
  req.mutable_activity(0)->set_setting("ward");
  ASSERT_EQ(Call(&mhpbr_cost, req.SerializeAsString(), &res, &message),
            MHPBR_OK)
      << message;
  EXPECT_THAT(res.errors(0).reason(), HasSubstr("setting"));

  // One period of 10 days: 2 admitted for 600, 8 community for 400; no
  // uplift: admitted 300, community 50, day 100.
  v1::TariffRequest t;
  t.mutable_settings()->set_min_periods(1);
  t.mutable_settings()->set_by_setting(true);
  v1::CostSample* s = t.add_samples();
  s->set_cluster(3);
  s->set_days(10);
  s->set_cost_pence(1000);
  s->mutable_split()->set_admitted_days(2);
  s->mutable_split()->set_community_days(8);
  s->mutable_split()->set_admitted_pence(600);
  s->mutable_split()->set_community_pence(400);
  v1::TariffResponse tr;
  ASSERT_EQ(Call(&mhpbr_set_tariffs, t.SerializeAsString(), &tr, &message),
            MHPBR_OK)
      << message;
  ASSERT_EQ(tr.schedule().entries_size(), 1);
  EXPECT_EQ(tr.schedule().entries(0).price_pence(), 100);
  EXPECT_EQ(tr.schedule().entries(0).admitted_price_pence(), 300);
  EXPECT_EQ(tr.schedule().entries(0).community_price_pence(), 50);
  EXPECT_EQ(tr.evidence(0).admitted_days(), 2);
  EXPECT_EQ(tr.evidence(0).community_price_pence(), 50);
}

}  // namespace
}  // namespace mhpbr
