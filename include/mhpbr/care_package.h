// Care-package templates: for each cluster, the core elements everyone
// receives, the essential elements some receive and the variance elements
// occasionally needed, built from NICE-guided interventions. Templates
// inform, and never override, clinical decisions; trusts define their own,
// so a catalogue is data (text format of mhpbr.v1.PackageCatalogue). A
// built catalogue is immutable and safe to share across threads.
//
//   auto catalogue = mhpbr::ExamplePackageCatalogue();
//   const mhpbr::PackageTemplate* t = (*catalogue)->Find(suggested_cluster);
//   for (const mhpbr::PackageElement& e : t->elements) show e.name ...

#ifndef MHPBR_CARE_PACKAGE_H_
#define MHPBR_CARE_PACKAGE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mhpbr/cluster.h"
#include "mhpbr/unit_costs.h"

namespace mhpbr {

enum class Tier : uint8_t { kCore = 0, kEssential = 1, kVariance = 2 };
// "core", "essential" or "variance".
absl::string_view TierName(Tier t);

enum class CareSetting : uint8_t {
  kUnspecified = 0,
  kCommunity = 1,
  kInpatient = 2,
  kHome = 3,
};
// "", "community", "inpatient" or "home".
absl::string_view CareSettingName(CareSetting s);

struct PackageElement {
  std::string id;
  std::string name;
  std::optional<Tier> tier;  // none = not given (an error in a template)
  std::string intervention;
  std::string guidance;
  CareSetting setting = CareSetting::kUnspecified;
  std::string staff_group;
  int64_t contacts_per_period = 0;
  int64_t minutes_per_contact = 0;
  std::string ward;
  int64_t bed_days_per_period = 0;
  // Essential and variance only: the expected share of people, 1..1e6.
  int64_t share_ppm = 0;
};

struct PackageTemplate {
  int cluster_code = -1;  // checked by validation
  std::vector<PackageElement> elements;
  std::string notes;
};

struct PackageCatalogueContents {
  std::string source;
  std::string financial_year;
  std::vector<PackageTemplate> templates;
};

// One thing wrong with a catalogue, naming where.
struct PackageProblem {
  int cluster = -1;
  std::string element_id;  // empty when about the template
  std::string field;
  std::string message;
  // "cluster 3 element c3-cbt contacts_per_period: must not be negative"
  std::string ToString() const;
};

// Every problem in a catalogue (empty = valid): unknown cluster, two
// templates for one cluster, an element without a tier, negative or absurd
// quantities, an essential or variance element without a share or with one
// above 100%, a share on a core element, duplicate element ids, contacts
// without a staff group or minutes, bed days without a ward. With unit
// costs, also staff groups and wards they do not know.
std::vector<PackageProblem> ValidateCatalogue(
    const PackageCatalogueContents& contents, const UnitCosts* costs = nullptr);
// The same checks for one element (a person's added element).
std::vector<PackageProblem> ValidateElement(const PackageElement& e,
                                            int cluster, bool in_template,
                                            const UnitCosts* costs = nullptr);

class PackageCatalogue {
 public:
  // Fails with every problem, "; "-joined, when the catalogue is invalid.
  static absl::StatusOr<std::shared_ptr<const PackageCatalogue>> Create(
      PackageCatalogueContents contents);

  // nullptr when the cluster has no template.
  const PackageTemplate* Find(Cluster c) const {
    const int i = index_[c.index()];
    return i < 0 ? nullptr : &contents_.templates[i];
  }
  // nullptr when no template has the element.
  const PackageElement* FindElement(absl::string_view id) const;
  // The cluster of the template holding the element; -1 when none does.
  int ElementCluster(absl::string_view id) const;

  const std::vector<PackageTemplate>& templates() const {
    return contents_.templates;
  }
  const std::string& source() const { return contents_.source; }
  const std::string& financial_year() const { return contents_.financial_year; }

 private:
  PackageCatalogue() { index_.fill(-1); }

  PackageCatalogueContents contents_;  // templates sorted by cluster
  std::array<int, Cluster::kCount> index_;
  absl::flat_hash_map<std::string, std::pair<int, int>> elements_;
};

}  // namespace mhpbr

#endif  // MHPBR_CARE_PACKAGE_H_
