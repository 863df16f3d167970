// mhpbr_package_cost and mhpbr_package_plan through the C API: serialized
// mhpbr.v1 requests in, responses compared with hand-worked figures and
// with the C++ API; errors name the cluster, element and field; NULLs and
// garbage give MHPBR_INVALID_ARGUMENT; every response and message is freed
// with mhpbr_free (the ASan build checks).
//
// libmhpbr.so holds its own copy of the C++ library and of the generated
// protobuf code, and registers the mhpbr.v1 descriptors in the (shared)
// protobuf runtime; linking the generated classes into this binary too
// would register them twice and abort. So requests and responses are
// dynamic messages of the descriptors libmhpbr.so registered, written in
// text format, and the C++ figures come from the package objects of the
// static library that do not touch protobuf.

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "mhpbr.h"
#include "mhpbr/care_package.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {
namespace {

namespace pb = ::google::protobuf;

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::unique_ptr<pb::Message> New(const std::string& type) {
  static pb::DynamicMessageFactory* factory = new pb::DynamicMessageFactory;
  const pb::Descriptor* d =
      pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  EXPECT_NE(d, nullptr) << type;
  if (d == nullptr) return nullptr;
  return std::unique_ptr<pb::Message>(factory->GetPrototype(d)->New());
}

// A message of `type` from text format; serialized.
std::string Bytes(const std::string& type, const std::string& text) {
  std::unique_ptr<pb::Message> m = New(type);
  if (m == nullptr) return "";
  EXPECT_TRUE(pb::TextFormat::ParseFromString(text, m.get())) << text;
  return m->SerializeAsString();
}

// Reflection accessors on a response, by field name.
const pb::FieldDescriptor* F(const pb::Message& m, const std::string& name) {
  const pb::FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(name);
  if (f == nullptr) {
    ADD_FAILURE() << m.GetDescriptor()->full_name() << " has no " << name;
    std::abort();
  }
  return f;
}
int64_t I64(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetInt64(m, F(m, name));
}
int32_t I32(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetInt32(m, F(m, name));
}
std::string Str(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetString(m, F(m, name));
}
bool Bool(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetBool(m, F(m, name));
}
int Enum(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetEnumValue(m, F(m, name));
}
int Size(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->FieldSize(m, F(m, name));
}
const pb::Message& At(const pb::Message& m, const std::string& name, int i) {
  return m.GetReflection()->GetRepeatedMessage(m, F(m, name), i);
}
const pb::Message& Sub(const pb::Message& m, const std::string& name) {
  return m.GetReflection()->GetMessage(m, F(m, name));
}
std::vector<std::string> Strings(const pb::Message& m,
                                 const std::string& name) {
  std::vector<std::string> out;
  for (int i = 0; i < Size(m, name); ++i) {
    out.push_back(m.GetReflection()->GetRepeatedString(m, F(m, name), i));
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The C++ domain catalogue and unit costs from their text, through the
// dynamic messages (the library's own readers live beside the generated
// code, which this binary must not link).
PackageCatalogueContents ContentsOf(const pb::Message& c) {
  PackageCatalogueContents out;
  out.source = Str(c, "source");
  out.financial_year = Str(c, "financial_year");
  for (int i = 0; i < Size(c, "templates"); ++i) {
    const pb::Message& t = At(c, "templates", i);
    PackageTemplate pt;
    pt.cluster_code = I32(t, "cluster");
    pt.notes = Str(t, "notes");
    for (int j = 0; j < Size(t, "elements"); ++j) {
      const pb::Message& e = At(t, "elements", j);
      PackageElement pe;
      pe.id = Str(e, "id");
      pe.name = Str(e, "name");
      const int tier = Enum(e, "tier");  // CORE 1, ESSENTIAL 2, VARIANCE 3
      if (tier >= 1 && tier <= 3) pe.tier = static_cast<Tier>(tier - 1);
      pe.intervention = Str(e, "intervention");
      pe.guidance = Str(e, "guidance");
      pe.staff_group = Str(e, "staff_group");
      pe.contacts_per_period = I64(e, "contacts_per_period");
      pe.minutes_per_contact = I64(e, "minutes_per_contact");
      pe.ward = Str(e, "ward");
      pe.bed_days_per_period = I64(e, "bed_days_per_period");
      pe.share_ppm = I64(e, "share_ppm");
      pt.elements.push_back(pe);
    }
    out.templates.push_back(pt);
  }
  return out;
}

UnitCosts UnitCostsOf(const pb::Message& u) {
  std::vector<UnitCosts::Rate> staff, ward;
  for (int i = 0; i < Size(u, "staff"); ++i) {
    staff.push_back({Str(At(u, "staff", i), "code"),
                     I64(At(u, "staff", i), "pence_per_hour")});
  }
  for (int i = 0; i < Size(u, "ward"); ++i) {
    ward.push_back({Str(At(u, "ward", i), "code"),
                    I64(At(u, "ward", i), "pence_per_day")});
  }
  auto c = UnitCosts::Create(Str(u, "source"), I64(u, "overhead_ppm"),
                             std::move(staff), std::move(ward));
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

// The formats.md catalogue: cluster 1, core 6 x 35 pwp, essential 8 x 60
// psychologist at 15%, variance 10 bed days acute_adult at 0.5%.
constexpr char kCatalogue[] = R"pb(
  source: "Test catalogue"
  templates {
    cluster: 1
    elements {
      id: "c1-gsh"
      name: "Guided self-help"
      tier: CORE
      staff_group: "pwp"
      contacts_per_period: 6
      minutes_per_contact: 35
    }
    elements {
      id: "c1-hi"
      name: "High-intensity therapy"
      tier: ESSENTIAL
      share_ppm: 150000
      staff_group: "psychologist"
      contacts_per_period: 8
      minutes_per_contact: 60
    }
    elements {
      id: "c1-adm"
      name: "Crisis admission"
      tier: VARIANCE
      share_ppm: 5000
      setting: INPATIENT
      ward: "acute_adult"
      bed_days_per_period: 10
    }
  }
)pb";

constexpr char kUnitCosts[] = R"pb(
  source: "Test unit costs"
  overhead_ppm: 180000
  staff { code: "pwp" pence_per_hour: 3900 }
  staff { code: "psychologist" pence_per_hour: 7400 }
  staff { code: "support_worker" pence_per_hour: 2900 }
  ward { code: "acute_adult" pence_per_day: 45500 }
)pb";

// As examples/data/plan.textproto, against the built-in example.
constexpr char kPlan[] = R"pb(
  patient_id: "P001"
  cluster: 1
  period_start: "2023-04-03"
  period_end: "2023-06-25"
  chosen: "c1-hi"
  added {
    id: "p001-peer"
    name: "Peer support group"
    tier: VARIANCE
    setting: COMMUNITY
    staff_group: "support_worker"
    contacts_per_period: 4
    minutes_per_contact: 90
  }
  added_reasons: "Asked for peer support"
  preferred_setting: HOME
  preferred_provider: "Local Mind"
  budget: PERSONAL_HEALTH_BUDGET
)pb";

std::string CostRequest(const std::string& catalogue,
                        const std::string& unit_costs) {
  return Bytes("mhpbr.v1.PackageCostRequest",
               "catalogue {" + catalogue + "} unit_costs {" + unit_costs + "}");
}

std::string PlanRequest(const std::string& plan,
                        const std::string& extra = "") {
  return Bytes("mhpbr.v1.PlanRequest", "plan {" + plan + "} " + extra);
}

class CapiPackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char* err = nullptr;
    ASSERT_EQ(mhpbr_rules_load_default(&rules_, &err), MHPBR_OK);
    EXPECT_EQ(err, nullptr);
  }
  void TearDown() override { mhpbr_rules_destroy(rules_); }

  // Calls `fn` with `bytes`. On success returns the response parsed as
  // `type`; on failure null, with the message in *error.
  std::unique_ptr<pb::Message> Call(decltype(&mhpbr_package_cost) fn,
                                    const std::string& bytes,
                                    const std::string& type, mhpbr_code* code,
                                    std::string* error) {
    void* response = reinterpret_cast<void*>(0x1);
    size_t size = 12345;
    char* err = reinterpret_cast<char*>(0x1);
    *code = fn(rules_, bytes.empty() ? nullptr : bytes.data(), bytes.size(),
               &response, &size, &err);
    error->clear();
    if (*code != MHPBR_OK) {
      EXPECT_EQ(response, nullptr);
      EXPECT_EQ(size, 0u);
      EXPECT_NE(err, nullptr);
      if (err != nullptr && err != reinterpret_cast<char*>(0x1)) {
        *error = err;
        mhpbr_free(err);
      }
      return nullptr;
    }
    EXPECT_EQ(err, nullptr);
    EXPECT_NE(response, nullptr);
    std::unique_ptr<pb::Message> m = New(type);
    EXPECT_TRUE(m->ParseFromArray(response, static_cast<int>(size)));
    mhpbr_free(response);
    return m;
  }

  std::unique_ptr<pb::Message> Cost(const std::string& bytes, mhpbr_code* code,
                                    std::string* error) {
    return Call(&mhpbr_package_cost, bytes, "mhpbr.v1.PackageCostResponse",
                code, error);
  }
  std::unique_ptr<pb::Message> Plan(const std::string& bytes, mhpbr_code* code,
                                    std::string* error) {
    return Call(&mhpbr_package_plan, bytes, "mhpbr.v1.PlanResponse", code,
                error);
  }

  mhpbr_rules* rules_ = nullptr;
  mhpbr_code code_ = MHPBR_UNKNOWN;
  std::string error_;
};

TEST_F(CapiPackageTest, EmptyRequestCostsTheBuiltInExample) {
  auto r = Cost("", &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  // The same through the C++ API, from the example catalogue's and unit
  // costs' text (the files compiled into the library).
  auto cat_msg = New("mhpbr.v1.PackageCatalogue");
  ASSERT_TRUE(pb::TextFormat::ParseFromString(ReadFile(MHPBR_EXAMPLE_CATALOGUE),
                                              cat_msg.get()));
  auto cost_msg = New("mhpbr.v1.UnitCosts");
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      ReadFile(MHPBR_EXAMPLE_UNIT_COSTS), cost_msg.get()));
  auto catalogue = PackageCatalogue::Create(ContentsOf(*cat_msg));
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  auto expected = CostCatalogue(**catalogue, UnitCostsOf(*cost_msg));
  ASSERT_TRUE(expected.ok()) << expected.status();
  ASSERT_EQ(expected->size(), 21u);
  ASSERT_EQ(Size(*r, "costs"), 21);
  for (int i = 0; i < 21; ++i) {
    const pb::Message& got = At(*r, "costs", i);
    const PackageCost& want = (*expected)[i];
    SCOPED_TRACE(want.cluster);
    EXPECT_EQ(I32(got, "cluster"), want.cluster);
    EXPECT_EQ(I64(got, "core_pence"), want.core_pence);
    EXPECT_EQ(I64(got, "essential_pence"), want.essential_pence);
    EXPECT_EQ(I64(got, "variance_pence"), want.variance_pence);
    EXPECT_EQ(I64(got, "total_pence"), want.total_pence);
  }
  // Clusters 1 and 10 worked by hand in example_catalogue_test.cc.
  EXPECT_EQ(I32(At(*r, "costs", 1), "cluster"), 1);
  EXPECT_EQ(I64(At(*r, "costs", 1), "total_pence"), 26716);
  // Cluster 10 at index 9: there is no cluster 9.
  EXPECT_EQ(I32(At(*r, "costs", 9), "cluster"), 10);
  EXPECT_EQ(I64(At(*r, "costs", 9), "core_pence"), 448754);
  EXPECT_EQ(I64(At(*r, "costs", 9), "total_pence"), 689474);
}

TEST_F(CapiPackageTest, CustomCatalogueAndUnitCosts) {
  // core 16107, essential 10478.4 -> 10478, variance 2684.5 -> 2685,
  // total 29270 (package_costing_test.cc).
  auto r = Cost(CostRequest(kCatalogue, kUnitCosts), &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  ASSERT_EQ(Size(*r, "costs"), 1);
  const pb::Message& c = At(*r, "costs", 0);
  EXPECT_EQ(I32(c, "cluster"), 1);
  EXPECT_EQ(I64(c, "core_pence"), 16107);
  EXPECT_EQ(I64(c, "essential_pence"), 10478);
  EXPECT_EQ(I64(c, "variance_pence"), 2685);
  EXPECT_EQ(I64(c, "total_pence"), 29270);

  // Without unit costs the example ones apply (the same rates here).
  auto example = Cost(Bytes("mhpbr.v1.PackageCostRequest",
                            std::string("catalogue {") + kCatalogue + "}"),
                      &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  ASSERT_EQ(Size(*example, "costs"), 1);
  EXPECT_EQ(I64(At(*example, "costs", 0), "total_pence"), 29270);

  // Other unit costs, other figures: overhead 0 and psychologists at 6000:
  // core 13650; essential 48000 * 15% = 7200; variance 455000 * 0.5% =
  // 2275; total 23125.
  auto other = Cost(CostRequest(kCatalogue, R"pb(
                      source: "other"
                      overhead_ppm: 0
                      staff { code: "pwp" pence_per_hour: 3900 }
                      staff { code: "psychologist" pence_per_hour: 6000 }
                      ward { code: "acute_adult" pence_per_day: 45500 })pb"),
                    &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  EXPECT_EQ(I64(At(*other, "costs", 0), "core_pence"), 13650);
  EXPECT_EQ(I64(At(*other, "costs", 0), "essential_pence"), 7200);
  EXPECT_EQ(I64(At(*other, "costs", 0), "variance_pence"), 2275);
  EXPECT_EQ(I64(At(*other, "costs", 0), "total_pence"), 23125);
}

TEST_F(CapiPackageTest, InvalidCatalogueNamesClusterElementAndField) {
  std::string bad = kCatalogue;
  bad.replace(bad.find("contacts_per_period: 8"), 22,
              "contacts_per_period: -8");
  EXPECT_EQ(Cost(CostRequest(bad, kUnitCosts), &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("cluster 1 element c1-hi contacts_per_period"));

  std::string nine = kCatalogue;
  nine.replace(nine.find("cluster: 1"), 10, "cluster: 9");
  EXPECT_EQ(Cost(CostRequest(nine, kUnitCosts), &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("cluster 9 cluster"));

  // A staff group the given unit costs do not know.
  std::string staff = kCatalogue;
  staff.replace(staff.find("\"pwp\""), 5, "\"counsellor\"");
  EXPECT_EQ(Cost(CostRequest(staff, kUnitCosts), &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, AllOf(HasSubstr("cluster 1"), HasSubstr("c1-gsh"),
                            HasSubstr("staff_group"), HasSubstr("counsellor")));

  // Invalid unit costs (a duplicate code).
  EXPECT_EQ(Cost(CostRequest(kCatalogue, std::string(kUnitCosts) +
                                             R"pb(staff {
                                                    code: "pwp"
                                                    pence_per_hour: 1
                                                  })pb"),
                 &code_, &error_),
            nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("pwp"));
}

TEST_F(CapiPackageTest, PlanWithoutActivity) {
  // c1-gsh 16107, c1-psyed 3451.5 (shown 3452), c1-hi 69856, p001-peer
  // 4 x 90 support_worker = 17400 * 1.18 = 20532; budget 109946.5 ->
  // 109947.
  auto r = Plan(PlanRequest(kPlan), &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  ASSERT_EQ(Size(*r, "elements"), 4);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(Str(Sub(At(*r, "elements", i), "element"), "id"));
  }
  EXPECT_THAT(ids, ElementsAre("c1-gsh", "c1-psyed", "c1-hi", "p001-peer"));
  EXPECT_EQ(I64(At(*r, "elements", 0), "planned_pence"), 16107);
  EXPECT_EQ(I64(At(*r, "elements", 1), "planned_pence"), 3452);
  EXPECT_EQ(I64(At(*r, "elements", 2), "planned_pence"), 69856);
  EXPECT_FALSE(Bool(At(*r, "elements", 2), "added"));
  EXPECT_TRUE(Bool(At(*r, "elements", 3), "added"));
  EXPECT_EQ(Str(At(*r, "elements", 3), "reason"), "Asked for peer support");
  EXPECT_EQ(I64(At(*r, "elements", 3), "planned_pence"), 20532);
  EXPECT_EQ(Enum(Sub(At(*r, "elements", 3), "element"), "tier"),
            3);  // VARIANCE
  EXPECT_EQ(Str(Sub(At(*r, "elements", 2), "element"), "guidance"),
            "NICE NG222");
  EXPECT_THAT(Strings(*r, "not_chosen"), ElementsAre("c1-med"));
  EXPECT_EQ(I64(*r, "notional_budget_pence"), 109947);
  EXPECT_EQ(Size(*r, "delivery"), 0);
  EXPECT_EQ(Size(*r, "unmatched"), 0);
}

TEST_F(CapiPackageTest, PlanWithActivity) {
  const std::string activity = R"pb(
    # c1-gsh (first pwp element): 35 min = 2275 * 1.18 = 2684.5 -> 2685.
    activity {
      activity_id: "a1"
      patient_id: "P001"
      date: "2023-04-05"
      kind: CONTACT
      staff_group: "pwp"
      minutes: 35
    }
    # c1-hi: 60 min psychologist = 8732.
    activity {
      activity_id: "a2"
      patient_id: "P001"
      date: "2023-04-12"
      kind: CONTACT
      staff_group: "psychologist"
      minutes: 60
    }
    # p001-peer, a group of 3 for 90 min: 1450 * 1.18 = 1711.
    activity {
      activity_id: "a3"
      patient_id: "P001"
      date: "2023-04-19"
      kind: GROUP
      staff_group: "support_worker"
      minutes: 90
      attendees: 3
    }
    # Unmatched: psychiatrist 30 min = 7250 * 1.18 = 8555.
    activity {
      activity_id: "a4"
      patient_id: "P001"
      date: "2023-05-01"
      kind: CONTACT
      staff_group: "psychiatrist"
      minutes: 30
    }
    # Outside the period; another patient.
    activity {
      activity_id: "a5"
      patient_id: "P001"
      date: "2023-07-01"
      kind: CONTACT
      staff_group: "pwp"
      minutes: 35
    }
    activity {
      activity_id: "a6"
      patient_id: "P002"
      date: "2023-05-01"
      kind: CONTACT
      staff_group: "pwp"
      minutes: 35
    }
    # Not costable.
    activity {
      activity_id: "a7"
      patient_id: "P001"
      date: "2023-05-02"
      kind: CONTACT
      staff_group: "counsellor"
      minutes: 30
    }
    # Not even a valid record: no kind.
    activity {
      activity_id: "a8"
      patient_id: "P001"
      date: "2023-05-03"
      staff_group: "pwp"
      minutes: 30
    }
  )pb";
  auto r = Plan(PlanRequest(kPlan, activity), &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  EXPECT_EQ(I64(*r, "notional_budget_pence"), 109947);
  ASSERT_EQ(Size(*r, "delivery"), 4);
  const pb::Message& gsh = At(*r, "delivery", 0);
  EXPECT_EQ(Str(gsh, "element_id"), "c1-gsh");
  EXPECT_EQ(I64(gsh, "planned_contacts"), 6);
  EXPECT_EQ(I64(gsh, "delivered_contacts"), 1);
  EXPECT_EQ(I64(gsh, "planned_minutes"), 210);
  EXPECT_EQ(I64(gsh, "delivered_minutes"), 35);
  EXPECT_EQ(I64(gsh, "planned_pence"), 16107);
  EXPECT_EQ(I64(gsh, "delivered_pence"), 2685);
  EXPECT_EQ(Str(At(*r, "delivery", 1), "element_id"), "c1-psyed");
  EXPECT_EQ(I64(At(*r, "delivery", 1), "delivered_contacts"), 0);
  EXPECT_EQ(Str(At(*r, "delivery", 2), "element_id"), "c1-hi");
  EXPECT_EQ(I64(At(*r, "delivery", 2), "delivered_contacts"), 1);
  EXPECT_EQ(I64(At(*r, "delivery", 2), "delivered_pence"), 8732);
  const pb::Message& peer = At(*r, "delivery", 3);
  EXPECT_EQ(Str(peer, "element_id"), "p001-peer");
  EXPECT_EQ(I64(peer, "delivered_contacts"), 1);
  EXPECT_EQ(I64(peer, "delivered_minutes"), 90);
  EXPECT_EQ(I64(peer, "delivered_pence"), 1711);
  // Unmatched, not costable and invalid records are all listed.
  std::vector<std::string> unmatched;
  for (int i = 0; i < Size(*r, "unmatched"); ++i) {
    const pb::Message& u = At(*r, "unmatched", i);
    const std::string id = Str(u, "activity_id");
    unmatched.push_back(id);
    if (id == "a4") {
      EXPECT_EQ(I64(u, "cost_pence"), 8555);
      EXPECT_EQ(Str(u, "date"), "2023-05-01");
      EXPECT_THAT(Str(u, "reason"), HasSubstr("matches no planned element"));
    } else if (id == "a7") {
      EXPECT_THAT(Str(u, "reason"), HasSubstr("staff_group"));
    } else if (id == "a8") {
      EXPECT_THAT(Str(u, "reason"), HasSubstr("kind"));
    }
  }
  EXPECT_THAT(unmatched, UnorderedElementsAre("a4", "a7", "a8"));
  EXPECT_EQ(I64(*r, "outside_records"), 2);
  // 2685 + 8732 + 1711 + 8555.
  EXPECT_EQ(I64(*r, "delivered_pence"), 21683);
}

TEST_F(CapiPackageTest, PlanWithCustomCatalogueAndUnitCosts) {
  // The formats.md catalogue: core c1-gsh 16107, chosen c1-adm 536900;
  // budget 553007.
  auto r = Plan(
      Bytes("mhpbr.v1.PlanRequest", std::string("catalogue {") + kCatalogue +
                                        "} unit_costs {" + kUnitCosts + R"pb(}
                                                                             plan {
                        patient_id: "P9" cluster: 1
                        period_start: "2024-01-01" chosen: "c1-adm"
                      })pb"),
      &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  ASSERT_EQ(Size(*r, "elements"), 2);
  EXPECT_EQ(I64(At(*r, "elements", 1), "planned_pence"), 536900);
  EXPECT_EQ(I64(*r, "notional_budget_pence"), 553007);
  EXPECT_THAT(Strings(*r, "not_chosen"), ElementsAre("c1-hi"));
}

TEST_F(CapiPackageTest, PlanErrors) {
  // Choosing a core element.
  EXPECT_EQ(Plan(PlanRequest(std::string(kPlan) + " chosen: \"c1-gsh\""),
                 &code_, &error_),
            nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, AllOf(HasSubstr("c1-gsh"), HasSubstr("core")));

  // An open period compared with activity needs as_of.
  const std::string open =
      R"pb(patient_id: "P001" cluster: 1 period_start: "2023-04-03")pb";
  const std::string one = R"pb(
    activity {
      activity_id: "a1"
      patient_id: "P001"
      date: "2023-04-05"
      kind: CONTACT
      staff_group: "pwp"
      minutes: 35
    })pb";
  EXPECT_EQ(Plan(PlanRequest(open, one), &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("as_of"));
  auto ok =
      Plan(PlanRequest(open, one + " as_of: \"2023-04-30\""), &code_, &error_);
  ASSERT_EQ(code_, MHPBR_OK) << error_;
  EXPECT_EQ(I64(At(*ok, "delivery", 0), "delivered_contacts"), 1);
  EXPECT_EQ(
      Plan(PlanRequest(open, one + " as_of: \"30/04/2023\""), &code_, &error_),
      nullptr);
  EXPECT_THAT(error_, HasSubstr("as_of"));

  // A cluster without a template in a custom catalogue.
  EXPECT_EQ(
      Plan(Bytes("mhpbr.v1.PlanRequest",
                 std::string("catalogue {") + kCatalogue +
                     R"pb(}
                          plan { cluster: 2 period_start: "2024-01-01" })pb"),
           &code_, &error_),
      nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("cluster 2"));

  // A bad date; cluster 9.
  EXPECT_EQ(Plan(PlanRequest(R"pb(cluster: 1 period_start: "2023-13-01")pb"),
                 &code_, &error_),
            nullptr);
  EXPECT_THAT(error_, HasSubstr("period_start"));
  EXPECT_EQ(Plan(PlanRequest(R"pb(cluster: 9 period_start: "2023-01-01")pb"),
                 &code_, &error_),
            nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("cluster"));
}

TEST_F(CapiPackageTest, GarbageBytes) {
  const std::string garbage("\xff\xff\xff\xff\x0f\x01\x02", 7);
  EXPECT_EQ(Cost(garbage, &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("mhpbr.v1.PackageCostRequest"));
  EXPECT_EQ(Plan(garbage, &code_, &error_), nullptr);
  EXPECT_EQ(code_, MHPBR_INVALID_ARGUMENT);
  EXPECT_THAT(error_, HasSubstr("mhpbr.v1.PlanRequest"));
}

TEST_F(CapiPackageTest, NullArguments) {
  for (auto fn : {&mhpbr_package_cost, &mhpbr_package_plan}) {
    void* response = nullptr;
    size_t size = 0;
    char* err = nullptr;
    EXPECT_EQ(fn(rules_, nullptr, 0, nullptr, &size, &err),
              MHPBR_INVALID_ARGUMENT);
    EXPECT_THAT(err, HasSubstr("response"));
    mhpbr_free(err);
    EXPECT_EQ(fn(rules_, nullptr, 0, &response, nullptr, &err),
              MHPBR_INVALID_ARGUMENT);
    EXPECT_THAT(err, HasSubstr("response_size"));
    mhpbr_free(err);
    EXPECT_EQ(fn(nullptr, nullptr, 0, &response, &size, &err),
              MHPBR_INVALID_ARGUMENT);
    EXPECT_THAT(err, HasSubstr("rules"));
    mhpbr_free(err);
    EXPECT_EQ(fn(rules_, nullptr, 10, &response, &size, &err),
              MHPBR_INVALID_ARGUMENT);
    EXPECT_THAT(err, HasSubstr("request"));
    mhpbr_free(err);
    EXPECT_EQ(response, nullptr);
    EXPECT_EQ(size, 0u);
    // A NULL error pointer is allowed.
    EXPECT_EQ(fn(nullptr, nullptr, 0, &response, &size, nullptr),
              MHPBR_INVALID_ARGUMENT);
  }
  // A plan request with no plan: no period start.
  void* response = nullptr;
  size_t size = 0;
  EXPECT_EQ(mhpbr_package_plan(rules_, nullptr, 0, &response, &size, nullptr),
            MHPBR_INVALID_ARGUMENT);
  EXPECT_EQ(response, nullptr);
  mhpbr_free(nullptr);  // freeing NULL is fine
}

}  // namespace
}  // namespace mhpbr
