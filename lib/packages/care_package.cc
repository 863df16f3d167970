#include "mhpbr/care_package.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

// Limits past which a quantity per review period is taken to be a mistake.
constexpr int64_t kMaxContacts = 1000;
constexpr int64_t kMaxMinutes = 1440;
constexpr int64_t kMaxBedDays = 366;

}  // namespace

absl::string_view TierName(Tier t) {
  switch (t) {
    case Tier::kCore:
      return "core";
    case Tier::kEssential:
      return "essential";
    case Tier::kVariance:
      return "variance";
  }
  return "core";
}

absl::string_view CareSettingName(CareSetting s) {
  switch (s) {
    case CareSetting::kUnspecified:
      return "";
    case CareSetting::kCommunity:
      return "community";
    case CareSetting::kInpatient:
      return "inpatient";
    case CareSetting::kHome:
      return "home";
  }
  return "";
}

std::string PackageProblem::ToString() const {
  std::string out =
      cluster < 0 ? "catalogue" : absl::StrCat("cluster ", cluster);
  if (!element_id.empty()) absl::StrAppend(&out, " element ", element_id);
  if (!field.empty()) absl::StrAppend(&out, " ", field);
  absl::StrAppend(&out, ": ", message);
  return out;
}

std::vector<PackageProblem> ValidateElement(const PackageElement& e,
                                            int cluster, bool in_template,
                                            const UnitCosts* costs) {
  std::vector<PackageProblem> out;
  auto problem = [&](absl::string_view field, std::string message) {
    out.push_back({cluster, e.id, std::string(field), std::move(message)});
  };
  if (e.id.empty()) problem("id", "is empty");
  if (e.name.empty()) problem("name", "is empty");
  if (!e.tier) {
    problem("tier", "is missing (CORE, ESSENTIAL or VARIANCE)");
  } else if (in_template) {
    if (*e.tier == Tier::kCore && e.share_ppm != 0) {
      problem("share_ppm", "a core element is for everyone and takes no share");
    }
    if (*e.tier != Tier::kCore && (e.share_ppm <= 0 || e.share_ppm > kPpm)) {
      problem("share_ppm",
              absl::StrCat(e.share_ppm == 0 ? "is missing" : "is out of range",
                           ": an ", TierName(*e.tier),
                           " element needs a share of 1..1000000 ppm"));
    }
  }
  auto quantity = [&](absl::string_view field, int64_t v, int64_t max) {
    if (v < 0) {
      problem(field, "must not be negative");
    } else if (v > max) {
      problem(field,
              absl::StrCat(v, " is more than ", max, " per review period"));
    }
  };
  quantity("contacts_per_period", e.contacts_per_period, kMaxContacts);
  quantity("minutes_per_contact", e.minutes_per_contact, kMaxMinutes);
  quantity("bed_days_per_period", e.bed_days_per_period, kMaxBedDays);
  if (e.contacts_per_period > 0) {
    if (e.staff_group.empty()) {
      problem("staff_group", "is needed for contacts");
    } else if (costs != nullptr &&
               costs->StaffPencePerHour(e.staff_group) == nullptr) {
      problem("staff_group",
              absl::StrCat("'", e.staff_group, "' is not in the unit costs"));
    }
    if (e.minutes_per_contact <= 0) {
      problem("minutes_per_contact", "is needed for contacts");
    }
  }
  if (e.bed_days_per_period > 0) {
    if (e.ward.empty()) {
      problem("ward", "is needed for bed days");
    } else if (costs != nullptr && costs->WardPencePerDay(e.ward) == nullptr) {
      problem("ward", absl::StrCat("'", e.ward, "' is not in the unit costs"));
    }
  }
  return out;
}

std::vector<PackageProblem> ValidateCatalogue(
    const PackageCatalogueContents& contents, const UnitCosts* costs) {
  std::vector<PackageProblem> out;
  if (contents.source.empty()) {
    out.push_back({-1, "", "source", "must say whose catalogue this is"});
  }
  std::array<bool, Cluster::kCount> seen{};
  absl::flat_hash_set<std::string> ids;
  for (const PackageTemplate& t : contents.templates) {
    auto cluster = Cluster::FromCode(t.cluster_code);
    if (!cluster.ok()) {
      out.push_back(
          {t.cluster_code, "", "cluster", "is not a cluster (0-8, 10-21)"});
    } else if (seen[cluster->index()]) {
      out.push_back({t.cluster_code, "", "cluster", "has two templates"});
    } else {
      seen[cluster->index()] = true;
    }
    for (const PackageElement& e : t.elements) {
      std::vector<PackageProblem> p =
          ValidateElement(e, t.cluster_code, /*in_template=*/true, costs);
      out.insert(out.end(), p.begin(), p.end());
      if (!e.id.empty() && !ids.insert(e.id).second) {
        out.push_back({t.cluster_code, e.id, "id",
                       "is used by another element of the catalogue"});
      }
    }
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const PackageCatalogue>>
PackageCatalogue::Create(PackageCatalogueContents contents) {
  std::vector<PackageProblem> problems = ValidateCatalogue(contents);
  if (!problems.empty()) {
    std::vector<std::string> lines;
    for (const PackageProblem& p : problems) lines.push_back(p.ToString());
    return absl::InvalidArgumentError(absl::StrJoin(lines, "; "));
  }
  std::shared_ptr<PackageCatalogue> c(new PackageCatalogue());
  std::stable_sort(contents.templates.begin(), contents.templates.end(),
                   [](const PackageTemplate& a, const PackageTemplate& b) {
                     return a.cluster_code < b.cluster_code;
                   });
  c->contents_ = std::move(contents);
  for (int i = 0; i < static_cast<int>(c->contents_.templates.size()); ++i) {
    const PackageTemplate& t = c->contents_.templates[i];
    c->index_[Cluster::FromCode(t.cluster_code)->index()] = i;
    for (int j = 0; j < static_cast<int>(t.elements.size()); ++j) {
      c->elements_.emplace(t.elements[j].id, std::make_pair(i, j));
    }
  }
  return std::shared_ptr<const PackageCatalogue>(std::move(c));
}

const PackageElement* PackageCatalogue::FindElement(
    absl::string_view id) const {
  auto it = elements_.find(id);
  if (it == elements_.end()) return nullptr;
  return &contents_.templates[it->second.first].elements[it->second.second];
}

int PackageCatalogue::ElementCluster(absl::string_view id) const {
  auto it = elements_.find(id);
  return it == elements_.end()
             ? -1
             : contents_.templates[it->second.first].cluster_code;
}

}  // namespace mhpbr
