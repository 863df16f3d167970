// Helpers shared by the care-package tests: element builders, a small test
// catalogue and the test unit costs whose rates the hand-worked figures use.
//
// Test unit costs (overhead 180000 ppm, i.e. full cost = direct * 1.18):
//   staff: pwp 3900, nurse_b6 5200, psychologist 7400, psychiatrist 14500,
//          support_worker 2900 (pence per hour)
//   ward:  acute_adult 45500, picu 98000 (pence per bed day)

#ifndef MHPBR_TESTS_PACKAGES_PACKAGES_TEST_UTIL_H_
#define MHPBR_TESTS_PACKAGES_PACKAGES_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "mhpbr/activity.h"
#include "mhpbr/care_package.h"
#include "mhpbr/cluster.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr::packages_test {

inline absl::CivilDay D(int y, int m, int d) {
  const absl::CivilDay day(y, m, d);
  EXPECT_EQ(day.year(), y);
  EXPECT_EQ(day.month(), m);
  EXPECT_EQ(day.day(), d);
  return day;
}

inline Cluster C(int code) { return *Cluster::FromCode(code); }

inline UnitCosts TestCosts(int64_t overhead_ppm = 180000) {
  auto c = UnitCosts::Create("Test unit costs", overhead_ppm,
                             {{"pwp", 3900},
                              {"nurse_b6", 5200},
                              {"psychologist", 7400},
                              {"psychiatrist", 14500},
                              {"support_worker", 2900}},
                             {{"acute_adult", 45500}, {"picu", 98000}});
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

// A contact element: `contacts` x `minutes` by `staff`.
inline PackageElement Contacts(std::string id, Tier tier, std::string staff,
                               int64_t contacts, int64_t minutes,
                               int64_t share_ppm = 0) {
  PackageElement e;
  e.id = id;
  e.name = "Element " + id;
  e.tier = tier;
  e.intervention = "intervention " + id;
  e.guidance = "NICE CG123";
  e.setting = CareSetting::kCommunity;
  e.staff_group = std::move(staff);
  e.contacts_per_period = contacts;
  e.minutes_per_contact = minutes;
  e.share_ppm = share_ppm;
  return e;
}

// An in-patient element: `days` bed days on `ward`.
inline PackageElement BedDays(std::string id, Tier tier, std::string ward,
                              int64_t days, int64_t share_ppm = 0) {
  PackageElement e;
  e.id = id;
  e.name = "Element " + id;
  e.tier = tier;
  e.intervention = "admission " + id;
  e.guidance = "NICE CG136";
  e.setting = CareSetting::kInpatient;
  e.ward = std::move(ward);
  e.bed_days_per_period = days;
  e.share_ppm = share_ppm;
  return e;
}

inline PackageTemplate Template(int cluster,
                                std::vector<PackageElement> elements) {
  PackageTemplate t;
  t.cluster_code = cluster;
  t.elements = std::move(elements);
  t.notes = "notes for cluster " + std::to_string(cluster);
  return t;
}

inline PackageCatalogueContents Contents(std::vector<PackageTemplate> t) {
  PackageCatalogueContents c;
  c.source = "Test catalogue";
  c.financial_year = "2023/24";
  c.templates = std::move(t);
  return c;
}

// The cluster 1 template of the plan and delivery tests. Full costs with the
// test unit costs (share not applied):
//   c1-gsh  core       6 x 35 min pwp:    210 * 3900 / 60 * 1.18 = 16107
//   c1-ps   core       1 x 45 min pwp:     45 * 3900 / 60 * 1.18 = 3451.5
//   c1-hi   essential  8 x 60 min psychologist:
//                                         480 * 7400 / 60 * 1.18 = 69856
//   c1-chk  essential  1 x 6 min nurse_b6:  6 * 5200 / 60 * 1.18 = 613.6
//   c1-adm  variance   10 bed days acute_adult: 10 * 45500 * 1.18 = 536900
inline PackageTemplate Cluster1Template() {
  return Template(
      1, {Contacts("c1-gsh", Tier::kCore, "pwp", 6, 35),
          Contacts("c1-ps", Tier::kCore, "pwp", 1, 45),
          Contacts("c1-hi", Tier::kEssential, "psychologist", 8, 60, 150000),
          Contacts("c1-chk", Tier::kEssential, "nurse_b6", 1, 6, 300000),
          BedDays("c1-adm", Tier::kVariance, "acute_adult", 10, 5000)});
}

// Cluster 1 as above, cluster 3 with one psychologist element; no template
// for any other cluster.
inline std::shared_ptr<const PackageCatalogue> TestCatalogue() {
  auto c = PackageCatalogue::Create(Contents(
      {Cluster1Template(), Template(3, {Contacts("c3-cbt", Tier::kCore,
                                                 "psychologist", 12, 60)})}));
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : nullptr;
}

inline ActivityRecord Contact(std::string id, std::string patient,
                              absl::CivilDay date, std::string staff,
                              int64_t minutes, std::string element = "") {
  ActivityRecord r;
  r.activity_id = std::move(id);
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kContact;
  r.staff_group = std::move(staff);
  r.minutes = minutes;
  r.element_id = std::move(element);
  return r;
}

inline ActivityRecord Group(std::string id, std::string patient,
                            absl::CivilDay date, std::string staff,
                            int64_t minutes, int64_t attendees) {
  ActivityRecord r = Contact(std::move(id), std::move(patient), date,
                             std::move(staff), minutes);
  r.kind = ActivityKind::kGroup;
  r.attendees = attendees;
  return r;
}

inline ActivityRecord Bed(std::string id, std::string patient,
                          absl::CivilDay date, std::string ward, int64_t count,
                          std::string element = "") {
  ActivityRecord r;
  r.activity_id = std::move(id);
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kBedDay;
  r.ward = std::move(ward);
  r.count = count;
  r.element_id = std::move(element);
  return r;
}

inline ActivityRecord Other(std::string id, std::string patient,
                            absl::CivilDay date, int64_t cost_pence,
                            std::string element = "") {
  ActivityRecord r;
  r.activity_id = std::move(id);
  r.patient_id = std::move(patient);
  r.date = date;
  r.kind = ActivityKind::kOther;
  r.cost_pence = cost_pence;
  r.element_id = std::move(element);
  return r;
}

}  // namespace mhpbr::packages_test

#endif  // MHPBR_TESTS_PACKAGES_PACKAGES_TEST_UTIL_H_
